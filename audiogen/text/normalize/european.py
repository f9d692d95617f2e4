"""French, Spanish, German and Italian: figures said as a newsreader of the language says them.

Numbers are written with a decimal comma and thousands grouped by a full stop or a space
("1.250.000", "1 250 000", "12,5"); dates put the day first ("le 1er juin 2024", "am 3. Mai",
"el 1 de junio de 2024", "il 1° giugno"); amounts of money say their cents the language's way.
The words come from num2words (``lang=``, ``to="ordinal"``, ``to="year"``) and the tables in
``spoken``. Passes run most specific first, as the English ones do, and each writes words
without digits, so a later pass cannot read the same figure twice. Titles before a name
(``titles_eu``), weekdays before a date (``weekdays_eu``), decades (``decades_eu``), number
signs, eras, codes and telephone numbers (``identifiers_eu``), money (``money_eu``), fractions
(``fractions_eu``), scores and "24/7" (``scores_eu``), units, degrees and signs (``units_eu``)
and German case (``cases_de``) have modules of their own; the number words all of them share
are in ``numbers_eu``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from . import spoken
from .addresses import _EMAIL_RE, _URL_RE
from .cases_de import DATE_ENDINGS, one_in_case
from .cases_de import gender as german_gender
from .decades_eu import _decades
from .fractions_eu import _fractions, _stages
from .identifiers_eu import _codes, _eras, _leading_zeros, _number_signs
from .money_eu import _money, _scales
from .numbers import _roman_value
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
from .scores_eu import _scores, _slash_names
from .titles_eu import _titles
from .units_eu import _measures, _per, _signs
from .vault import _apply_lexicon, _Vault, run_passes
from .weekdays_eu import _weekdays
from .words import num2words

LANGUAGES = frozenset(spoken.NUMBER_WORDS)
"""The languages these passes know (base codes)."""


# Spanish ordinals num2words writes as one word with the accent of two ("décimoprimero"): a
# newsreader says "undécimo", "duodécimo" ("la undécima jornada").
SPANISH_ORDINALS: dict[int, str] = {11: "undécimo", 12: "duodécimo"}


def _ordinal(n: int, lang: str, ending: str = "", feminine: bool = False) -> str:
    base = _base(lang)
    words = (base == "es" and SPANISH_ORDINALS.get(n)) or num2words(
        n, lang=_converter(lang), to="ordinal"
    )
    if base == "de":
        return words[:-1] + ending if ending and words.endswith("e") else words
    if base == "fr" and feminine:
        return "première" if n == 1 else words
    if feminine and base in ("es", "it"):
        return re.sub(r"o\b", "a", words)
    return words


def _year(n: int, lang: str) -> str:
    if _base(lang) == "de" and 1100 <= n <= 1999:
        return num2words(n, lang="de", to="year")  # neunzehnhundertneunundneunzig
    return _cardinal(n, _converter(lang))


def _date(day: int, month: int, year: int | None, lang: str, before: str) -> str:
    """The day, month and year as said, 'before' being the word written before the day."""
    base = _base(lang)
    name = spoken.MONTH_NAMES[base][month - 1]
    if base == "de":
        word = before.lower()
        ending = spoken.GERMAN_ORDINAL_ENDINGS.get(word) or DATE_ENDINGS.get(word, "er")
        said = f"{_ordinal(day, lang, ending)} {name}"
    elif base in ("fr", "it") and day == 1:
        said = f"{_ordinal(1, lang)} {name}"  # le premier juin, il primo giugno
    else:
        said = f"{_cardinal(day, _converter(lang))} {'de ' if base == 'es' else ''}{name}"
    if year is not None:
        said += f" {'de ' if base == 'es' else ''}{_year(year, lang)}"
    return said


def _say_date(m: re.Match[str], lang: str) -> str:
    """A date found by one of the patterns below, said from its groups: "before", the word
    before the day (its spelling kept), "day", "month" (a figure or a name), "year"."""
    groups = m.groupdict()
    if groups.get("iso_year"):  # 2024-12-31
        groups.update(year=groups["iso_year"], month=groups["iso_month"], day=groups["iso_day"])
    month = groups["month"]
    months = [name.lower() for name in spoken.MONTH_NAMES[_base(lang)]]
    month_no = int(month) if month.isdigit() else months.index(month.lower()) + 1
    day = int(groups["day"])
    if not (1 <= month_no <= 12 and 1 <= day <= 31):
        return m.group(0)
    before = groups.get("before") or ""
    year = int(groups["year"]) if groups.get("year") else None
    if year is not None and len(groups["year"]) == 2:
        # "31/12/24": a slash makes it a date; a full stop or a hyphen ("1.5.24" may be a
        # version) only with a two-figure day and month or after a word that makes it one.
        dated = groups["sep"] == "/" or (len(groups["day"]) == len(month) == 2)
        if not (dated or before.lower() in spoken.DATE_CUES[_base(lang)].lower().split()):
            return m.group(0)
        # The century as e-mail dates have it (RFC 5322): "24" is 2024, "67" 1967.
        year += 2000 if year < 50 else 1900
    lead = groups.get("lead") or (f"{before} " if before else "")
    # The full stop after "31.12." also ended the sentence.
    stop = "." if groups.get("stop") and not m.string[m.end() :].strip() else ""
    return lead + _date(day, month_no, year, lang, before) + stop


def _numeric_dates(text: str, lang: str) -> str:
    """'31/12/2024', '31.12.2024', '31-12-2024', '2024-12-31', '31/12/24'; without the year only
    after a word that makes it a date ('le 31/12', 'am 31.12.', 'dall'11/9'), since 'les 2/3' is
    a fraction."""
    base = _base(lang)
    full = re.compile(
        rf"(?:(?P<before>\w+)\s+)?{_ALONE}(?:(?P<day>\d{{1,2}})(?P<sep>[./-])(?P<month>\d{{1,2}})"
        rf"(?P=sep)(?P<year>\d{{4}}|\d\d)|(?P<iso_year>\d{{4}})-(?P<iso_month>\d\d)-(?P<iso_day>\d\d)){_END}"
    )
    cues = spoken.DATE_CUES[base].split()
    words = "|".join(w for w in cues if w[-1] not in "'’")
    elided = "|".join(w for w in cues if w[-1] in "'’")
    lead = rf"\b(?:(?P<before>{words}),?\s+" + (rf"|{elided})" if elided else ")")
    # German ends a date without its year with a full stop: "am 31.12."
    stop = r"(?P<stop>\.)?" if base == "de" else ""
    yearless = re.compile(
        rf"(?P<lead>{lead})(?P<day>\d{{1,2}})[/.](?P<month>\d{{1,2}}){stop}(?![\d/]|[.,]\d)",
        re.IGNORECASE,
    )
    text = full.sub(lambda m: _say_date(m, lang), text)
    return yearless.sub(lambda m: _say_date(m, lang), text)


def _dates(text: str, lang: str) -> str:
    """Dates with the month's name: 'le 1er juin 2024', 'am 3. Mai', 'el 1 de junio'."""
    base = _base(lang)
    month_re = "|".join(sorted(spoken.MONTH_NAMES[base], key=len, reverse=True))
    of = r"\s+de" if base == "es" else ""
    named = re.compile(
        rf"(?:(?P<before>\w+)\s+)?{_ALONE}(?P<day>\d{{1,2}})(?:\.|er|re|ère|°|º|\.º)?"
        rf"{of}\s+(?P<month>{month_re})\b(?:{of}(?:l)?\s+(?P<year>\d{{4}})\b)?",
        re.IGNORECASE,
    )
    if base == "de":
        text = _german_day_pairs(text, month_re)
    return named.sub(lambda m: _say_date(m, lang), text)


def _german_day_pairs(text: str, month_re: str) -> str:
    """Two days of one month, 'am 3. und 4. Mai', 'vom 3.-5. Mai': both days take the case the
    word before the first gives ('am dritten und vierten Mai'), and a dash is 'bis'."""
    pair = re.compile(
        rf"(?:(?P<before>\w+)\s+)?{_ALONE}(?P<a>\d{{1,2}})\.?\s?(?P<join>bis|und|oder|[-–])\s?"
        rf"(?P<b>\d{{1,2}})\.\s+(?P<month>{month_re})\b",
        re.IGNORECASE,
    )

    def say(m: re.Match[str]) -> str:
        a, b, before = int(m.group("a")), int(m.group("b")), m.group("before") or ""
        if not (1 <= a <= 31 and 1 <= b <= 31):
            return m.group(0)
        word = before.lower()
        ending = spoken.GERMAN_ORDINAL_ENDINGS.get(word) or DATE_ENDINGS.get(word, "er")
        join = m.group("join") if m.group("join")[0].isalpha() else "bis"
        days = f"{_ordinal(a, 'de', ending)} {join} {_ordinal(b, 'de', ending)}"
        return f"{before} {days} {m.group('month')}".lstrip()

    return pair.sub(say, text)


def _ranges(text: str, lang: str) -> str:
    """'10-15' -> '10 à 15', also before a comma or at a sentence's end ('de 10-15.'), but not a
    German day's ordinal ('vom 3-5. Mai')."""
    base = _base(lang)
    word = spoken.NUMBER_WORDS[base]["to"]
    months = "|".join(sorted(spoken.MONTH_NAMES[base], key=len, reverse=True))
    pattern = re.compile(
        rf"{_ALONE}({_NUM})\s?[-–]\s?({_NUM})(?![\w-]|[.,]\d|\.\w|\.\s*(?:{months})\b)",
        re.IGNORECASE,
    )
    return pattern.sub(lambda m: f"{m.group(1)} {word} {m.group(2)}", text)


def _percentages(text: str, lang: str) -> str:
    base = _base(lang)
    word = spoken.NUMBER_WORDS[base]["percent"]
    pattern = re.compile(rf"{_ALONE}({_NUM})\s?%")

    def say(m: re.Match[str]) -> str:
        figure = _say_number(m.group(1), lang)
        if base != "de":
            return f"{figure} {word}"
        # ein Prozent, mit einem Prozent
        said = f"{_before_noun(figure, base, False)} {word}"
        return one_in_case(said, text[: m.start()], text[m.end() :], "n")

    return pattern.sub(say, text)


# A time of day: "18:30", "18.30 Uhr", "18 h 30", "18h", "9 Uhr" (hours 0 to 23).
_HOUR = r"(?P<h>[01]?\d|2[0-3])"
_TIME_UNITS = r"Uhr|h|heures?|horas?|ore"
# "At" before a time: "alle 18.30" is a time, "18.30" alone may be a measure.
_AT = "(?:" + "|".join(rf"(?<=\b{w} )" for w in ("alle", "ore", "um", "las", "à")) + ")"


def _time(h: int, m: int, lang: str) -> str:
    """The hour and minutes as a newsreader says a time on the 24-hour clock."""
    base, code = _base(lang), _converter(lang)
    hour = _before_noun(_cardinal(h, code), base, feminine=base != "de")
    minutes = _before_noun(_cardinal(m, code), base, feminine=base == "fr") if m else ""
    if base == "fr":  # dix-huit heures trente
        said = f"{hour} {'heure' if h <= 1 else 'heures'}"
    elif base == "de":  # achtzehn Uhr dreißig
        said = f"{hour} Uhr"
    elif base == "es":  # las dieciocho treinta; las dieciocho horas
        return f"{hour} {minutes}" if m else f"{hour} {'hora' if h == 1 else 'horas'}"
    else:  # alle diciotto e trenta
        return f"{hour} e {minutes}" if m else hour
    return f"{said} {minutes}" if m else said


def _times(text: str, lang: str) -> str:
    units = rf"(?:\s?(?:{_TIME_UNITS})(?!\w))"
    # A colon is always a time; a full stop only with a unit or after "at" ("18.30 Uhr",
    # "alle 18.30", not "18.30 m"); French "18 h 30" and German "9 Uhr" have a unit and no
    # separator.
    patterns = (
        rf"{_ALONE}{_HOUR}:(?P<m>[0-5]\d)(?![\d:]){units}?",
        rf"{_ALONE}{_HOUR}\.(?P<m>[0-5]\d){units}",
        rf"{_AT}{_HOUR}\.(?P<m>[0-5]\d)(?!\d|[.,]\d)",
        rf"{_ALONE}{_HOUR}\s?h(?:\s?(?P<m>[0-5]\d))?(?![\w,.]\d|\w)"
        if _base(lang) == "fr"
        else rf"{_ALONE}{_HOUR}\sUhr\b",
        # "um 18 h", "alle 18 h": a clock time; another "h" is hours ("en 48 h", ``units_eu``).
        rf"{_AT}{_HOUR}\s?h(?!\w)",
    )

    def say(m: re.Match[str]) -> str:
        return _time(int(m.group("h")), int(m.groupdict().get("m") or 0), lang)

    for pattern in patterns:
        text = re.sub(pattern, say, text)
    return text


def _elision(text: str) -> str:
    """French elides "de" and "que" before a figure said "un": "d'un euro", "qu'une heure"."""
    return re.sub(r"\b([Dd]|[Qq]u)e (une?)\b", r"\1'\2", text)


# French ordinals in Roman numerals: "XXe siècle", "la Ve République", "François Ier". One letter
# alone is I, V or X: "Le", "Ce" and "De" are words.
_FRENCH_ROMAN_ORDINAL_RE = re.compile(r"(?<![\w.,])([IVXLCDM]{2,}|[IVX])(er|re|ère|e|ème)\b")


def _ordinals(text: str, lang: str) -> str:
    base = _base(lang)
    if base == "fr":

        def say(m: re.Match[str]) -> str:
            n = _whole(m.group(1)) if m.group(1)[0].isdigit() else _roman_value(m.group(1))
            if n is None:
                return m.group(0)
            ending = m.group(2)
            if n == 2 and ending in ("nd", "nde", "d", "de"):  # "2nd", "2de": second, seconde
                return "seconde" if ending.endswith("e") else "second"
            if ending in ("d", "de"):  # "3d" is not an ordinal
                return m.group(0)
            return _ordinal(n, lang, feminine=ending in ("re", "ère", "nde"))

        text = _FRENCH_ROMAN_ORDINAL_RE.sub(say, text)
        # "le 1 000e visiteur": thousands grouped as in a number.
        number = r"\d{1,3}(?:[ '’]\d{3})+|\d+"
        return re.sub(rf"(?<![\w.,])({number})(er|re|ère|e|ème|nde|nd|de|d)\b", say, text)
    if base in ("es", "it"):
        text = _centuries(text, lang)
        pattern = re.compile(r"(?<![\w.,])(\d+)\.?(º|ª|°|er\b)(?!\s?[CF]\b)")

        def say(m: re.Match[str]) -> str:
            words = _ordinal(int(m.group(1)), lang, feminine=m.group(2) == "ª")
            # "primer", "tercer" before a masculine noun ("1.er lugar", "3.º puesto").
            noun = re.match(r"\s+(?!de\b)[^\W\d_]", text[m.end() :])
            if base == "es" and m.group(2) in ("er", "º") and noun:
                return re.sub(r"(prim|terc)ero$", r"\1er", words)
            return words

        return pattern.sub(say, text)
    # German: "3." is an ordinal only after a word that takes one ("der 2. Weltkrieg").
    articles = "|".join(spoken.GERMAN_ORDINAL_ENDINGS)
    pattern = re.compile(rf"\b({articles})\s+(\d+)\.(?=\s+\w)", re.IGNORECASE)
    endings = spoken.GERMAN_ORDINAL_ENDINGS
    return pattern.sub(
        lambda m: f"{m.group(1)} {_ordinal(int(m.group(2)), lang, endings[m.group(1).lower()])}",
        text,
    )


# A century in Roman numerals: Spanish "siglo XIX" (or "s. XIX"), Italian "XIX secolo" and
# "secolo XIX"; a second one after "y", "e", "al" or a dash ("siglos XIX y XX").
_ROMAN = r"[IVXL]+"
_MORE_ROMAN = rf"(?:(?P<join>\s+(?:y|e|o|al|a)\s+|\s?[-–]\s?)(?P<second>{_ROMAN}))?\b"
_CENTURY_RE: dict[str, re.Pattern[str]] = {
    "es": re.compile(rf"\b(?P<word>siglos?|s\.)\s+(?P<first>{_ROMAN}){_MORE_ROMAN}"),
    "it": re.compile(
        rf"\b(?:(?P<word>secol[oi])\s+(?P<first>{_ROMAN}){_MORE_ROMAN}"
        rf"|(?P<before>{_ROMAN})(?=\s+secol[oi]\b))"
    ),
}


def _centuries(text: str, lang: str) -> str:
    """'siglo XIX' -> 'siglo diecinueve' (an ordinal up to the tenth: 'siglo quinto'), 'XIX
    secolo' -> 'diciannovesimo secolo'."""
    base = _base(lang)

    def number(numeral: str) -> str | None:
        n = _roman_value(numeral)
        if n is None or not 1 <= n <= 30:
            return None
        if base == "es" and n > 10:
            return _cardinal(n, _converter(lang))
        return _ordinal(n, lang)

    def say(m: re.Match[str]) -> str:
        if m.groupdict().get("before"):
            return number(m.group("before")) or m.group(0)
        first = number(m.group("first"))
        if first is None:
            return m.group(0)
        word = "siglo" if m.group("word") == "s." else m.group("word")
        said = f"{word} {first}"
        join, second = m.group("join"), m.group("second")
        if second:
            if join.strip() in ("-", "–"):  # "siglos XV-XVI": both centuries
                join = " y " if base == "es" else " e "
            said += join + (number(second) or second)
        return said

    return _CENTURY_RE[base].sub(say, text)


def _numbers(text: str, lang: str) -> str:
    pattern = re.compile(rf"{_ALONE}{_NUM}{_END}")
    german = _base(lang) == "de"

    def say(m: re.Match[str]) -> str:
        # German writes a year and a small quantity alike ("1945", "1500 Menschen"); a
        # four-figure number before a noun (capitalised) is the quantity.
        figure = m.group(0)
        if german and re.fullmatch(r"1[1-9]\d\d", figure):
            after = text[m.end() : m.end() + 2]
            if not re.match(r"\s[A-ZÄÖÜ]", after):
                return _year(int(figure), lang)
        return _counting(_say_number(figure, lang), text[: m.start()], text[m.end() :], lang)

    return pattern.sub(say, text)


def _counting(words: str, before: str, after: str, lang: str) -> str:
    """A whole number's ``words`` as said before the noun it counts (the next word, unless a
    preposition or conjunction): 'un'/'une', 'ein'/'eine' ('mit einer Frau' after a preposition
    that gives a case), and the Spanish hundreds agreeing with a feminine noun ('doscientas
    personas')."""
    base = _base(lang)
    m = re.match(r" ([^\W\d_]+)", after)
    decimal = spoken.NUMBER_WORDS[base]["comma"] in words
    if not m or decimal or m.group(1).lower() in spoken.NOT_COUNTED:
        return words
    noun = m.group(1)
    if base == "de" and not noun[:1].isupper():
        return words
    feminine = noun in spoken.FEMININE_NOUNS.get(base, ()) or (
        base != "de" and noun.lower() in spoken.FEMININE_NOUNS.get(base, ())
    )
    said = _before_noun(words, base, feminine)
    if base == "de":
        said = one_in_case(said, before, after[m.end() :], german_gender(noun), unit=False)
    return said


def _european(
    text: str,
    lang: str,
    vault: _Vault,
    lexicon: Mapping[str, str] | None,
    note: Callable[[str, str, str], None] | None = None,
) -> str:
    """``text`` with its figures said in ``lang`` (one of :data:`LANGUAGES`)."""
    # Addresses are kept verbatim: their spoken words ("dot", "at") are English.
    text = _EMAIL_RE.sub(lambda m: vault.protect(m.group(0)), text)
    text = _URL_RE.sub(lambda m: vault.protect(m.group(0)), text)
    passes: list[tuple[str, Callable[[str], str]]] = []
    if lexicon:
        passes.append(("lexicon", lambda t: _apply_lexicon(t, lexicon, vault)))
    passes += [
        ("abbreviation", lambda t: _weekdays(t, lang)),
        ("abbreviation", lambda t: _titles(t, lang)),
        ("decade", lambda t: _decades(t, lang)),
        # A number sign before the ranges: "n° 2023-1234" is no range.
        ("abbreviation", lambda t: _number_signs(t, lang)),
        ("abbreviation", lambda t: _eras(t, lang)),
        # A score before the times: "gewann 21:17" is a handball score, "um 18:30" a time.
        ("score", lambda t: _scores(t, lang)),
        ("time", lambda t: _times(t, lang)),
        # A tournament's stage before a date ("le 1/4 de finale"), a date with its figures
        # before a fraction ("le 3/4") and a range ("31-12-2024"); with a month's name after
        # a range, "du 3-5 mai".
        ("fraction", lambda t: _stages(t, lang)),
        ("date", lambda t: _numeric_dates(t, lang)),
        ("fraction", lambda t: _slash_names(t, lang)),
        ("fraction", lambda t: _fractions(t, lang)),
        ("number", lambda t: _leading_zeros(t, lang)),
        ("range", lambda t: _ranges(t, lang)),
        ("date", lambda t: _dates(t, lang)),
        ("sign", lambda t: _signs(t, lang)),
        ("abbreviation", lambda t: _scales(t, lang)),
        ("money", lambda t: _money(t, lang)),
        ("percentage", lambda t: _percentages(t, lang)),
        ("unit", lambda t: _measures(t, lang)),
        ("unit", lambda t: _per(t, lang)),
        ("ordinal", lambda t: _ordinals(t, lang)),
    ]
    passes.append(("code", lambda t: _codes(t, lang)))
    passes.append(("number", lambda t: _numbers(t, lang)))
    if _base(lang) == "fr":
        passes.append(("elision", _elision))
    return run_passes(text, passes, vault, note)
