"""Money in French, Spanish, German and Italian: amounts, their cents and abbreviated millions.

"4,50 €" is "quatre euros cinquante", "cuatro euros con cincuenta", "vier Euro fünfzig",
"quattro euro e cinquanta"; "3 M€" and "3,5 Mio. Euro" are millions of euros, said with the
language's "of" ("trois millions d'euros", "tre milioni di euro", "drei Millionen Euro"), and
"50 k€" fifty thousand. Swiss francs are said as written in Switzerland ("CHF 1'500.–", "Fr.
20.–"): "mille cinq cents francs", "zwanzig Franken".
"""

from __future__ import annotations

import re
from decimal import Decimal

from . import spoken
from .cases_de import one_in_case
from .context import _alternation
from .numbers_eu import (
    _ALONE,
    _END,
    _NUM,
    _base,
    _before_noun,
    _cardinal,
    _converter,
    _say_number,
    _whole,
)


def _scales(text: str, lang: str) -> str:
    """'3,5 Mio.' -> '3,5 Millionen' (the figure is said by a later pass, with its unit)."""
    base = _base(lang)
    names = spoken.SCALE_ABBREVIATIONS[base]
    abbreviations = _alternation(names)
    money = "|".join(map(re.escape, ["US$", *spoken.CURRENCY_NAMES[base], "EUR", "USD", "GBP"]))
    pattern = re.compile(rf"{_ALONE}({_NUM})\s?({abbreviations})(?!\w)(?P<end>\s*$)?")
    before_money = re.compile(rf"\s?(?:{money})")
    after_money = re.compile(rf"(?:{money})\s?$")

    def say(m: re.Match[str]) -> str:
        figure, abbreviation = m.group(1), m.group(2)
        # "M" is a million only next to a currency: "3 M€", "$1,5 M".
        if abbreviation == "M" and not (
            before_money.match(text, m.end()) or after_money.search(text, 0, m.start())
        ):
            return m.group(0)
        one, several = names[abbreviation]
        # French is singular below two: "1,2 milliard".
        singular = _whole(figure.partition(",")[0]) < 2 if base == "fr" else figure == "1"
        # The abbreviation's full stop also ended the sentence: "Cuesta 3 mill."
        stop = "." if abbreviation.endswith(".") and m.group("end") is not None else ""
        return f"{figure} {one if singular else several}{stop}{m.group('end') or ''}"

    return pattern.sub(say, text)


# A currency sign or code, as thousands ("50 k€", "€50k") are written next to them.
_CURRENCY = r"(?:US\$|[€$£]|EUR|USD|GBP|CHF)(?!\w)"
_THOUSANDS_AFTER = re.compile(rf"{_ALONE}(?P<amount>{_NUM})\s?[kK]\s?(?={_CURRENCY})")
_THOUSANDS_BEFORE = re.compile(rf"(?<=[€$£])\s?(?P<amount>{_NUM})\s?[kK](?!\w)")


def _thousands(text: str) -> str:
    """'50 k€' -> '50000 €', '1,5 k€' -> '1500 €': the amount the reading below says in full,
    as a newsreader does ("mille cinq cents euros", not "un virgule cinq mille")."""

    def figure(m: re.Match[str]) -> str:
        whole, _, decimals = m.group("amount").partition(",")
        value = Decimal(f"{_whole(whole)}.{decimals or 0}") * 1000
        if value != value.quantize(Decimal("0.01")):
            return m.group(0)  # below a cent: left as written
        euros, cents = divmod(int(value * 100), 100)
        return f"{euros},{cents:02d}" if cents else str(euros)

    text = _THOUSANDS_BEFORE.sub(figure, text)
    return _THOUSANDS_AFTER.sub(lambda m: figure(m) + " ", text)


# Swiss francs, (in Switzerland, elsewhere): (unit, units, subunit, subunits, gender), as
# ``spoken.CURRENCY_NAMES``. Outside Switzerland (a language code without "-CH") a newsreader
# says whose francs they are.
FRANCS: dict[str, tuple[tuple[str, str, str, str, str], tuple[str, str, str, str, str]]] = {
    "fr": (
        ("franc", "francs", "centime", "centimes", ""),
        ("franc suisse", "francs suisses", "centime", "centimes", ""),
    ),
    "de": (
        ("Franken", "Franken", "Rappen", "Rappen", "m"),
        ("Schweizer Franken", "Schweizer Franken", "Rappen", "Rappen", "m"),
    ),
    "it": (
        ("franco", "franchi", "centesimo", "centesimi", ""),
        ("franco svizzero", "franchi svizzeri", "centesimo", "centesimi", ""),
    ),
    "es": (
        ("franco", "francos", "céntimo", "céntimos", ""),
        ("franco suizo", "francos suizos", "céntimo", "céntimos", ""),
    ),
}
# A Swiss amount: thousands by an apostrophe, a decimal point before the centimes, ".–" for
# round francs ("CHF 1'500.–", "Fr. 12.50").
_SWISS_AMOUNT = r"(?P<amount>\d{1,3}(?:['’]\d{3})+|\d+)(?P<tail>\.\d\d|\.[-–—]{1,2})?"
# Francs abbreviated with a full stop ("Fr. 20.–", "20 fr."): the sentence splitter keeps such
# an abbreviation with the figure after it.
FRANC_ABBREVIATIONS: frozenset[str] = frozenset({"Fr.", "SFr.", "fr."})
_FRANC_SIGNS = "|".join(map(re.escape, ["CHF", *sorted(FRANC_ABBREVIATIONS)]))
_FRANCS_BEFORE = re.compile(
    rf"(?<![\w.])(?P<sign>{_FRANC_SIGNS})\s?{_SWISS_AMOUNT}(?![\d'’]|[.,]\d)"
)
_FRANCS_AFTER = re.compile(
    rf"{_ALONE}{_SWISS_AMOUNT}\s?(?P<sign>{_FRANC_SIGNS})(?!\w)(?P<end>\s*$)?"
)


def _swiss(text: str, lang: str) -> str:
    """Swiss francs as the amounts below are written: 'Fr. 12.50' -> 'CHF 12,50', "1'500.– CHF"
    -> "CHF 1'500". "Fr." is francs only before a Swiss amount, or anywhere in Switzerland: in
    Germany "Fr." before a figure is Friday, or Frau."""
    swiss = lang.replace("_", "-").lower().endswith("-ch")

    def figure(m: re.Match[str]) -> str | None:
        tail = m.group("tail") or ""
        if m.group("sign") != "CHF" and not (tail or swiss):
            return None
        return m.group("amount") + ("," + tail[1:] if tail[1:].isdigit() else "")

    def before(m: re.Match[str]) -> str:
        said = figure(m)
        return m.group(0) if said is None else f"CHF {said}"

    def after(m: re.Match[str]) -> str:
        said = figure(m)
        if said is None:
            return m.group(0)
        # "Es kostet 20 Fr." also ended the sentence there.
        stop = "." if m.group("sign").endswith(".") and m.group("end") is not None else ""
        return f"{said} CHF{stop}{m.group('end') or ''}"

    return _FRANCS_AFTER.sub(after, _FRANCS_BEFORE.sub(before, text))


def _money(text: str, lang: str) -> str:
    text = _swiss(_thousands(text), lang)
    base = _base(lang)
    swiss = lang.replace("_", "-").lower().endswith("-ch")
    names = {**spoken.CURRENCY_NAMES[base], "CHF": FRANCS[base][not swiss]}
    signs = "|".join(re.escape(s) for s in ["US$", *names, *spoken.CURRENCY_CODE_SIGNS])
    # Francs said only where a sign or code shows they are Swiss: "20 francs CFA" are not.
    unit_words = {w.lower(): sign for sign, n in spoken.CURRENCY_NAMES[base].items() for w in n[:2]}
    words_re = _alternation(unit_words)
    scales = "|".join(sorted(spoken.MILLIONS, key=len, reverse=True))
    before = re.compile(
        rf"{_ALONE}(?P<sign>{signs})\s?(?P<amount>{_NUM})(?:\s(?P<scale>{scales})\b)?{_END}",
        re.IGNORECASE,
    )
    after = re.compile(
        rf"{_ALONE}(?P<amount>{_NUM})(?:\s(?P<scale>{scales}))?\s?(?:(?P<sign>{signs})(?!\w)|(?P<word>{words_re})\b)",
        re.IGNORECASE,
    )

    def say(m: re.Match[str]) -> str:
        word = m.groupdict().get("word")
        sign = unit_words[word.lower()] if word else m.group("sign")
        sign = spoken.CURRENCY_CODE_SIGNS.get(sign, sign)
        unit, units, sub, subs, gender = names[sign]
        feminine = gender == "f"
        amount = m.group("amount")
        of = spoken.NUMBER_WORDS[base]["of"]
        if m.groupdict().get("scale"):
            # "3,5 milliards €": trois virgule cinq milliards d'euros
            scale = m.group("scale")
            figure = _say_number(amount, lang)
            figure = _before_noun(figure, base, base == "de")  # eine Million, eine Milliarde
            if base == "de":  # mit einer Million Euro
                figure = one_in_case(figure, m.string[: m.start()], "", "f")
            name = (
                units
                if of == ""
                else (f"d'{units}" if base == "fr" and units[0] in "aeiou" else f"{of} {units}")
            )
            return f"{figure} {scale} {name}"
        whole_text, _, cents_text = amount.partition(",")
        if cents_text and len(cents_text) != 2:
            return f"{_say_number(amount, lang)} {units}"  # "4,5 €": a decimal of euros
        code = _converter(lang)
        whole = _whole(whole_text)
        cents = int(cents_text or 0)
        said = _before_noun(_cardinal(whole, code), base, feminine)
        if base == "de":  # kostet einen Euro, mit einem Pfund
            said = one_in_case(said, m.string[: m.start()], m.string[m.end() :], gender)
        name = unit if whole == 1 else units
        if of and said.split()[-1] in spoken.MILLIONS:
            name = (
                f"d'{name}"
                if of == "de" and base == "fr" and name[0] in "aeiou"
                else f"{of} {name}"
            )
        if not cents:
            return f"{said} {name}"
        cents_said = _before_noun(_cardinal(cents, code), base, False)
        if whole == 0:
            return f"{cents_said} {sub if cents == 1 else subs}"
        join = spoken.NUMBER_WORDS[base]["cents"]
        return " ".join(w for w in (said, name, join, cents_said) if w)

    return after.sub(say, before.sub(say, text))
