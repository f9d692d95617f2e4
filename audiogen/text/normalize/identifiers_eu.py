"""Figures that name rather than count, in French, Spanish, German and Italian.

A number sign before a figure is said ("n° 5" is "numéro cinq", "n.º 1" "número uno", "Nr. 3"
"Nummer drei", "§ 219a" "Paragraf zweihundertneunzehn a"), and a law's number is said as its
number and year ("la Ley 7/2022" is "la Ley siete de dos mil veintidós", "la legge 104/1992" "la
legge centoquattro del millenovecentonovantadue", "la loi n° 2023-1234" no range but "deux mille
vingt-trois - mille deux cent trente-quatre"); French's "49.3" is "quarante-neuf trois". An era
after a year is said in full ("50 av. J.-C." is "cinquante avant Jésus-Christ"). Letters and
figures in one word ("A7", "G20", "H5N1", "5G") say their figures as a number, and a figure
written with a leading zero (a telephone number, a postcode) is said figure by figure, its zeros
with it ("01 45 67 89 10" is "zéro un quarante-cinq ...", "00184" "zero zero uno otto quattro").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .numbers_eu import _ALONE, _base, _cardinal, _converter

# The tables are laid out by hand, to be read as tables.
# fmt: off

# Signs and abbreviations said as a word before a figure: (pattern, word).
NUMBER_SIGNS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": ((r"[Nn][°º]", "numéro"), (r"[Aa]rt\.", "article")),
    "es": ((r"[Nn]\.?[º°]", "número"), (r"[Nn]úm\.", "número"), (r"[Aa]rt\.", "artículo")),
    "de": ((r"Nr\.", "Nummer"), (r"Art\.", "Artikel"), (r"Abs\.", "Absatz"),
           (r"§§", "Paragrafen"), (r"§", "Paragraf")),
    "it": ((r"[Nn](?:\.|[°º])", "numero"), (r"[Aa]rtt\.", "articoli"), (r"[Aa]rt\.", "articolo")),
}
# Words before a law's number and year ("Ley 7/2022", "legge 104/1992"), and what joins them.
LAWS: dict[str, tuple[str, str]] = {
    "es": ("ley|decreto|decreto-ley|orgánica|orden|reglamento|directiva|número", "de"),
    "it": ("legge|decreto|d\\.lgs\\.|dlgs|d\\.l\\.|dl|dpr|d\\.p\\.r\\.|dpcm|regolamento|direttiva"
           "|numero", "del"),
}
# An era after a year or a century: (pattern, as said).
ERAS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": ((r"(?:av\.|avant)\s?J\.?\s?-?\s?C\.?", "avant Jésus-Christ"),
           (r"(?:apr\.|après)\s?J\.?\s?-?\s?C\.?", "après Jésus-Christ")),
    "es": ((r"a\.\s?(?:de\s)?C\.", "antes de Cristo"),
           (r"d\.\s?(?:de\s)?C\.", "después de Cristo")),
    "de": ((r"v\.\s?Chr\.", "vor Christus"), (r"n\.\s?Chr\.", "nach Christus"),
           (r"v\.\s?u\.\s?Z\.", "vor unserer Zeitrechnung"),
           (r"n\.\s?u\.\s?Z\.", "nach unserer Zeitrechnung")),
    "it": ((r"a\.\s?C\.", "avanti Cristo"), (r"d\.\s?C\.", "dopo Cristo")),
}
# What an era follows: a figure, a Roman numeral, or a century ("au Ve siècle av. J.-C.").
_ERA_AFTER = "|".join(
    rf"(?<={w}\s)"
    for w in (r"\d", "[IVXLCM]", "siècle", "siècles", "siglo", "secolo", "Jahrhundert", r"Jh\.")
)
# fmt: on

# Letters and figures in one word: "A7", "G20", "A380", "H5N1", "COP28", "B2B"; a figure and
# capitals: "5G", "3D" (not "20H", an hour).
_CODE_RE = re.compile(
    rf"{_ALONE}(?:(?:[A-Z]{{1,4}}\d{{1,4}})+[A-Z]{{0,2}}|\d(?!H)[A-Z]{{1,2}})(?![\w€$£]|[.,]\d)"
)
_RUN_RE = re.compile(r"[A-Z]+|\d+")
# A figure with a leading zero: "030", "00184" (not the thousands of "160 000"), "01" before
# more pairs of figures, and the longer groups of a telephone number after it: "0800 1234567",
# "030 4664-0", "0 800 130 000" (the pairs of "01 45 67 89 10" are said as numbers). Two figures
# alone are a day, an hour or a count written with a zero: "le 05 juin", "05 ans".
_LEADING_ZERO_RE = re.compile(
    r"(?<![\w.,-])(?<!\d[ '’])0(?:\d{2,}(?:[ /]\d{3,})*|\d(?=[ .]\d\d\b)|(?:[ /]\d{3,})+)"
    r"(?:-\d+)?(?![\w/:-]|[.,]\d)"
)


def _figures(digits: str, code: str) -> str:
    return " ".join(_cardinal(int(d), code) for d in digits if d.isdigit())


@lru_cache(maxsize=8)
def _sign_re(base: str) -> re.Pattern[str]:
    signs = "|".join(f"(?:{pattern})" for pattern, _ in NUMBER_SIGNS[base])
    # Two figures joined by a hyphen are an identifier, not a range ("n° 2023-1234"); a letter
    # after the figure is said after it ("§ 219a").
    return re.compile(
        rf"(?<![\w.])(?P<sign>{signs})\s*(?=\d)(?:(?P<a>\d+)-(?P<b>\d+)(?![\w-]|[.,]\d)"
        rf"|(?P<n>\d+)(?P<letter>[a-z])(?!\w))?"
    )


def _number_signs(text: str, lang: str) -> str:
    """'n° 5' -> 'numéro 5', 'Ley 7/2022' -> 'Ley 7 de 2022': the figures are said after."""
    base, code = _base(lang), _converter(lang)

    def sign(m: re.Match[str]) -> str:
        written = m.group("sign")
        word = next(w for p, w in NUMBER_SIGNS[base] if re.fullmatch(p, written))
        if written[:1].isupper():
            word = word[:1].upper() + word[1:]
        if m.group("a"):  # the pause a hyphen makes, not "à"
            a, b = (_cardinal(int(m.group(g)), code) for g in "ab")
            return f"{word} {a} - {b}"
        if m.group("n"):
            return f"{word} {m.group('n')} {m.group('letter')}"
        return f"{word} "

    text = _sign_re(base).sub(sign, text)
    if base == "fr":  # the Constitution's article 49, paragraph 3: "le 49.3", "le 49-3"
        text = re.sub(rf"{_ALONE}49[.-]3(?![\w]|[.,]\d)", "49 3", text)
        text = re.sub(r"(?<=\b[Aa]rticle )(\d+)\.(\d{1,2})(?![\w]|[.,]\d)", r"\1 \2", text)
    if base in LAWS:
        words, of = LAWS[base]
        law = re.compile(
            rf"(?<![\w.])(?P<law>{words})\s+(?P<n>\d{{1,4}})/(?P<year>(?:19|20)\d\d|\d\d)"
            r"(?![\w/]|[.,]\d)",
            re.IGNORECASE,
        )

        def say(m: re.Match[str]) -> str:
            # A year in two figures only after a law's name ("legge 194/78"): "numero 3/10" is
            # no year.
            if len(m.group("year")) == 2 and (base == "es" or m.group("law").lower() == "numero"):
                return m.group(0)
            return f"{m.group('law')} {m.group('n')} {of} {m.group('year')}"

        text = law.sub(say, text)
    return text


def _eras(text: str, lang: str) -> str:
    """'50 av. J.-C.' -> '50 avant Jésus-Christ', '100 v. Chr.' -> '100 vor Christus'."""
    for pattern, said in ERAS[_base(lang)]:
        era = re.compile(rf"(?:{_ERA_AFTER})(?P<era>{pattern})(?P<end>\s*$|(?=\s+[A-ZÀ-Ý]))?")

        def say(m: re.Match[str], said: str = said) -> str:
            # The abbreviation's full stop also ended the sentence: "mort en 14 apr. J.-C."
            ended = m.group("end") is not None and m.group("era").endswith(".")
            return said + ("." if ended else "")

        text = era.sub(say, text)
    return text


def _codes(text: str, lang: str) -> str:
    """'A7' -> 'A sept', 'G20' -> 'G vingt', 'H5N1' -> 'H cinq N un'."""
    code = _converter(lang)

    def say(m: re.Match[str]) -> str:
        runs = _RUN_RE.findall(m.group(0))
        return " ".join(
            (_figures(r, code) if r.startswith("0") else _cardinal(int(r), code))
            if r.isdigit()
            else r
            for r in runs
        )

    return _CODE_RE.sub(say, text)


def _leading_zeros(text: str, lang: str) -> str:
    """'030' -> 'null drei null', '0800 1234567' figure by figure (run before the ranges:
    "030 4664-0" is no range)."""
    code = _converter(lang)
    return _LEADING_ZERO_RE.sub(lambda m: _figures(m.group(0), code), text)
