"""Decades in French, Spanish, German and Italian, said as a newsreader says them.

"les années 1990" is "les années quatre-vingt-dix", "gli anni '90" and "gli anni 1990" "gli anni
novanta", "in den 1990er-Jahren" "in den neunzehnhundertneunziger Jahren", "die 90er" "die
Neunziger": the century of a decade of the last century goes unsaid where the language leaves it
out, and German makes a word of the figure and its "-er". An apostrophe for a year's century
("Italia '90") is not said either. German joins a figure to what it makes an adjective or an
adverb, as it is written in words: "45-jährige" is "fünfundvierzigjährige", "der 17-Jährige" "der
Siebzehnjährige", "3-fach" "dreifach", "5-mal" "fünfmal".
"""

from __future__ import annotations

import re

from .context import _alternation
from .numbers_eu import _ALONE, _base, _cardinal, _converter
from .scores_eu import _year
from .units_eu import UNITS

# The word before a decade of the 1900s that drops its century: "les années 1990".
DECADES: dict[str, str] = {"fr": "années", "es": "años", "it": "anni"}

# "'90", "’68": a year without its century, the apostrophe unsaid (not "l'80 %", an elision).
_CENTURY_APOSTROPHE_RE = re.compile(r"(?<![\w'’])['’](?=\d\d(?![\w'’]|[.,]\d))")
# German "1990er", "90er-Jahre", "90er Jahre", "die 68er", "in den 90ern", "des 90ers".
_GERMAN_RE = re.compile(
    rf"{_ALONE}(?P<n>\d{{2,4}})er(?P<ending>n|s)?(?:(?P<hyphen>-)(?=[A-ZÄÖÜ])|(?!\w))"
)


def _german(m: re.Match[str]) -> str:
    n = int(m.group("n"))
    if not (n < 100 or n % 10 == 0) or n > 2090:
        return m.group(0)
    words = _year(n, "de", "de") + "er" + (m.group("ending") or "")  # neunzehnhundertneunziger
    # An adjective before a noun ("1990er-Jahre", "90er Jahre"), else the noun ("die Neunziger").
    if m.group("hyphen"):
        return words + " "
    if not m.group("ending") and re.match(r"\s+Jahre", m.string[m.end() :]):
        return words
    return words.capitalize()


# A figure, a hyphen and a lower-case ending, or an age as a noun: "45-jährige", "3-fach",
# "10-prozentig", "der 17-Jährige" (not "2-Zimmer-Wohnung", which keeps its hyphens, nor a unit,
# "5-km-Lauf", nor the figure of a name, "COVID-19-infiziert").
_GERMAN_COMPOUND_RE = re.compile(
    rf"{_ALONE}(?<!-)(?P<n>\d+)-(?!(?:{_alternation(UNITS['de'])})\b)"
    r"(?P<rest>[a-zäöüß]\w*|Jährig\w*)"
)


def _german_compound(m: re.Match[str]) -> str:
    words = re.sub("eins$", "ein", _cardinal(int(m.group("n")), "de"))  # einjährig, einmal
    rest = m.group("rest")
    if rest[0].isupper():
        return words.capitalize() + rest.lower()
    return words + rest


def _decades(text: str, lang: str) -> str:
    base = _base(lang)
    text = _CENTURY_APOSTROPHE_RE.sub("", text)
    if base == "de":
        text = _GERMAN_COMPOUND_RE.sub(_german_compound, text)
        return _GERMAN_RE.sub(_german, text)
    code = _converter(lang)
    pattern = re.compile(rf"\b({DECADES[base]})\s+19([1-9]0)(?![\w-]|[.,]\d)", re.IGNORECASE)
    return pattern.sub(lambda m: f"{m.group(1)} {_cardinal(int(m.group(2)), code)}", text)
