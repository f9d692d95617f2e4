"""Abbreviations: titles, Latin and dotted abbreviations, initialisms, initials."""

from __future__ import annotations

import re

from . import spoken
from .context import (
    _NAME_AFTER_RE,
    _alternation,
    _ends_sentence,
    _starts_sentence,
    _stop,
    _word_before,
)
from .words import _match_case, _spell

_TITLE_RE = re.compile(r"(?<![\w.])(" + _alternation(spoken.TITLES) + r")(\.)?(?![\w])")
_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])(" + _alternation(spoken.ABBREVIATIONS) + r")\.", re.IGNORECASE
)
_ABBREVIATIONS_LOWER = {k.lower(): v for k, v in spoken.ABBREVIATIONS.items()}
_VERSUS_RE = re.compile(r"(?<=[\w)] )(?:vs|v\.)(?= )")
_DOTTED_RE = re.compile(
    r"(?<![\w.])(" + _alternation(spoken.DOTTED_ABBREVIATIONS) + r")(?![\w])", re.IGNORECASE
)
_DOTTED_LOWER = {k.lower(): v for k, v in spoken.DOTTED_ABBREVIATIONS.items()}
_INITIALISM_RE = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?![\w])")
_INITIAL_RE = re.compile(r"(?<![\w.])([A-Z])\.(?=\s+[A-Z])")
_NEXT_INITIAL_RE = re.compile(r"\s+[A-Z]\.")
_NAMES_TOO = frozenset({"Max"})
_LETTER_BEFORE_RE = re.compile(r"[A-Za-z][ \t]+\Z")
_ORDINAL_BEFORE_RE = re.compile(r"\d(?:st|nd|rd|th)[ \t]+\Z")
_NUMBER_ABBR_RE = re.compile(
    r"(?<![\w.])(" + _alternation(spoken.NUMBER_ABBREVIATIONS) + r")\.\s*(?=\d)", re.IGNORECASE
)
_NUMBER_SIGN_RE = re.compile(r"(?:#|№|\bNo\b)\s*(?=\d)")
_NUMBERS_SIGN_RE = re.compile(r"\bNos\s+(?=\d)")
# "Apple Inc said", "Acme Ltd", "HSBC Holdings plc": without a full stop, only after a name.
_COMPANY_RE = re.compile(r"(?<=[A-Za-z&)] )(Inc|Ltd|Corp|plc|PLC)(?![\w.])")
_COMPANY_WORDS = {"Inc": "Incorporated", "Ltd": "Limited", "Corp": "Corporation"}
# "Fri. 3 May", "Thurs., May 2", "on Wed.": a weekday before a date, or after "on"; "the Sun."
# (a newspaper) and "they sat." are left alone.
_MONTH_WORDS = _alternation([*spoken.MONTHS, *spoken.MONTH_ABBREVIATIONS])
_WEEKDAY_RE = re.compile(
    rf"(?<![\w.])(?:(?P<on>\b[Oo]n\s+)(?P<a>{_alternation(spoken.WEEKDAYS)})\.(?!\w)"
    rf"|(?P<b>{_alternation(spoken.WEEKDAYS)})\.(?=,?\s+(?:\d|(?:{_MONTH_WORDS})\b)))"
)


def _title(m: re.Match[str]) -> str:
    abbr, dot = m.group(1), m.group(2)
    text, start, end = m.string, m.start(), m.end()
    name_follows = _NAME_AFTER_RE.match(text, end) is not None
    before = _word_before(text, start)
    # A name right before it, in the same phrase: "Downing St", but not "... Bell. St. Louis" or
    # "in Missouri, St. Louis".
    name_before = (
        before[:1].isupper()
        and _LETTER_BEFORE_RE.search(text, max(0, start - 4), start) is not None
        and not _starts_sentence(text, start)
    ) or _ORDINAL_BEFORE_RE.search(text, max(0, start - 8), start) is not None  # "125th St."
    if abbr == "St":
        # "Wall St. Journal", "Downing St": a street after a name; "St. Petersburg": a saint.
        if name_before or not name_follows:
            return "Street" + (_stop(text, end) if dot else "")
        return "Saint"
    if abbr == "Dr" and not name_follows and name_before:
        return "Drive" + (_stop(text, end) if dot else "")
    if abbr in spoken.NAME_SUFFIXES:
        return spoken.TITLES[abbr] + _stop(text, end) if dot and before[:1].isupper() else m[0]
    if dot and (abbr in spoken.TITLES_ALWAYS or name_follows):
        return spoken.TITLES[abbr]
    if not dot and abbr in spoken.TITLES_NO_DOT and name_follows:
        return spoken.TITLES[abbr]
    return m.group(0)


def _abbreviation(m: re.Match[str]) -> str:
    word = m.group(1)
    lowercase_key = word.lower() in spoken.ABBREVIATIONS
    # "the 737 MAX.", "his son, Max.": names, not "max." ("Approx." may start a sentence).
    if lowercase_key and ((word.isupper() and len(word) > 1) or word in _NAMES_TOO):
        return m.group(0)
    return _match_case(word, _ABBREVIATIONS_LOWER[word.lower()]) + _stop(m.string, m.end())


def _dotted(m: re.Match[str]) -> str:
    key = m.group(1)
    words = _match_case(key, _DOTTED_LOWER[key.lower()])
    return words + (_stop(m.string, m.end()) if key.endswith(".") else "")


def _initialism(m: re.Match[str]) -> str:
    return _spell(m.group(1).replace(".", "").upper()) + _stop(m.string, m.end())


def _initial(m: re.Match[str]) -> str:
    # "J. K. Rowling", "George W. Bush": the stops would make the voice pause as at the end of
    # a sentence. "... vitamin D. Researchers" keeps its stop: no name stands before the D.
    text, end = m.string, m.end()
    in_name = _NEXT_INITIAL_RE.match(text, end) or _word_before(text, m.start())[:1].isupper()
    if in_name and not _ends_sentence(text, end):
        return m.group(1)
    return m.group(0)


def _number_abbr(m: re.Match[str]) -> str:
    word = m.group(1)
    return _match_case(word, spoken.NUMBER_ABBREVIATIONS[word.lower()]) + " "


def _company(m: re.Match[str]) -> str:
    if not _word_before(m.string, m.start())[:1].isupper():
        return m.group(0)
    return _COMPANY_WORDS.get(m.group(1)) or _spell(m.group(1).upper())


def _weekday(m: re.Match[str]) -> str:
    if m.group("on"):
        return m.group("on") + spoken.WEEKDAYS[m.group("a")] + _stop(m.string, m.end())
    return spoken.WEEKDAYS[m.group("b")]


def _abbreviations(text: str) -> str:
    text = _WEEKDAY_RE.sub(_weekday, text)
    text = _NUMBER_ABBR_RE.sub(_number_abbr, text)
    text = _NUMBER_SIGN_RE.sub("number ", text)
    text = _NUMBERS_SIGN_RE.sub("numbers ", text)
    text = _DOTTED_RE.sub(_dotted, text)
    text = _TITLE_RE.sub(_title, text)
    text = _VERSUS_RE.sub("versus", text)
    text = _ABBREVIATION_RE.sub(_abbreviation, text)
    text = _COMPANY_RE.sub(_company, text)
    text = _INITIALISM_RE.sub(_initialism, text)
    return _INITIAL_RE.sub(_initial, text)
