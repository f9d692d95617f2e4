"""Phone numbers, read as a newsreader gives them: digit by digit, group by group ("plus four
four, two zero, seven nine four six, zero nine five eight"), never as quantities.

Three written forms are taken for phone numbers: an international number ("+44 20 7946 0958"),
a North American one with its area code in brackets ("(212) 555-0199"), and any run of digit
groups right after a word that announces a number ("call 020 7946 0958", "hotline: 555-0199").
Three groups joined by hyphens ("555-123-4567") are read digit by digit as codes already.
"""

from __future__ import annotations

import re

from .words import _digits

_GROUPS = r"\d{1,4}(?:[ .-]\d{1,4}){1,5}"
_PHONE_RE = re.compile(
    r"(?<![\w+/.-])(?:"
    rf"(?P<intl>\+\d{{1,3}}(?:\s?\(0\))?[ .-]{_GROUPS})"
    r"|(?P<area>\(\d{3}\)\s?\d{3}[ .-]\d{4})"
    r"|(?P<cue>\b(?:[Cc]all|[Pp]hone|[Tt]elephone|[Tt]el\.?|[Hh]otline|[Hh]elpline|[Ff]ax|"
    r"[Mm]obile|[Dd]ial|[Tt]ext)(?::|\s+on)?\s+)"
    rf"(?P<local>\(?0?\d{{2,5}}\)?[ .-]?{_GROUPS})"
    r")(?![\w-]|[.,]\d)"
)
_DIGIT_GROUP_RE = re.compile(r"\d+")


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
    return _say(m.group("intl") or m.group("area"))


def _phones(text: str) -> str:
    return _PHONE_RE.sub(_phone, text)
