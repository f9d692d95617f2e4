"""Phone numbers, read as a newsreader gives them: digit by digit, group by group ("plus four
four, two zero, seven nine four six, zero nine five eight"), never as quantities.

Four written forms are taken for phone numbers: an international number ("+44 20 7946 0958"),
a North American one with its area code in brackets ("(212) 555-0199"), a British one of ten or
eleven figures in groups after its leading zero ("Crimestoppers on 0800 555 111"), and any run
of digit groups right after a word that announces a number ("call 020 7946 0958", "hotline:
555-0199").
Three groups joined by hyphens ("555-123-4567") are read digit by digit as codes already.
An emergency or help line ("call 999", "a 911 call") is said figure by figure too.
"""

from __future__ import annotations

import re

from .context import _is_plural_word, _word_after
from .words import _digits

_GROUPS = r"\d{1,4}(?:[ .-]\d{1,4}){1,5}"
_PHONE_RE = re.compile(
    r"(?<![\w+/.-])(?:"
    rf"(?P<intl>\+\d{{1,3}}(?:\s?\(0\))?[ .-]{_GROUPS})"
    r"|(?P<area>\(\d{3}\)\s?\d{3}[ .-]\d{4})"
    r"|(?P<uk>0\d{2,4} \d{3,6}(?: \d{3,4})?)"
    r"|(?P<cue>\b(?:[Cc]all|[Pp]hone|[Tt]elephone|[Tt]el\.?|[Hh]otline|[Hh]elpline|[Ff]ax|"
    r"[Mm]obile|[Dd]ial|[Tt]ext)(?::|\s+on)?\s+)"
    rf"(?P<local>\(?0?\d{{2,5}}\)?[ .-]?{_GROUPS})"
    r")(?![\w-]|[.,]\d)"
)
_DIGIT_GROUP_RE = re.compile(r"\d+")
# An emergency or help line: "call 999", "dialled 911", "a 999 call", "911 dispatchers".
_EMERGENCY = r"(?:999|911|112|111|101)"
_EMERGENCY_RE = re.compile(
    r"(?:(?P<cue>\b(?:[Cc]all(?:s|ed|ing)?|[Dd]ial(?:s|led|ed|ling|ing)?|[Rr]ing(?:s|ing)?|[Rr]ang"
    rf"|[Pp]hone[ds]?)\s+)(?P<a>{_EMERGENCY})|(?<![\w.,$£€-])(?P<b>{_EMERGENCY})(?=\s+(?:call"
    r"|calls|caller|callers|operator|operators|dispatcher|dispatchers|line|service|services)\b))"
    r"(?![\w-]|[.,]\d)"
)


def _say(number: str) -> str:
    words = ", ".join(
        _digits(group) for group in _DIGIT_GROUP_RE.findall(number.replace("(0)", ""))
    )
    return ("plus " + words) if number.startswith("+") else words


def _phone(m: re.Match[str]) -> str:
    if m.group("cue") is not None:
        number = m.group("local")
        if sum(c.isdigit() for c in number) < 7:  # "call 10 17": not a phone number
            return m.group(0)
        return m.group("cue") + _say(number)
    if m.group("uk") is not None and not 10 <= sum(c.isdigit() for c in m.group("uk")) <= 11:
        return m.group(0)
    return _say(m.group("intl") or m.group("area") or m.group("uk"))


def _emergency(m: re.Match[str]) -> str:
    if m.group("a") and _is_plural_word(_word_after(m.string, m.end())):
        return m.group(0)  # "they call 111 witnesses"
    return (m.group("cue") or "") + _digits(m.group("a") or m.group("b"))


def _phones(text: str) -> str:
    text = _PHONE_RE.sub(_phone, text)
    return _EMERGENCY_RE.sub(_emergency, text)
