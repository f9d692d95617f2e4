"""Dates as articles give them: metadata values (front matter, HTML meta tags) and date-only header
lines, read to ISO 8601, with the time and its zone when there is one."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y", "%Y/%m/%d", "%B %d %Y")

# A header line that is only a date: month names and the abbreviations news pages print.
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_LEAD = (
    r"^(?:(?:published|posted)(?:\s+on)?:?\s+)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
)
_DATELINES = (
    re.compile(
        _DATE_LEAD + rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})$",
        re.IGNORECASE,
    ),
    re.compile(
        _DATE_LEAD + rf"(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$",
        re.IGNORECASE,
    ),
    re.compile(_DATE_LEAD + r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$", re.IGNORECASE),
)


def parse_date(value: Any, *, dateline: bool = False) -> str | None:
    """The ISO date (``YYYY-MM-DD``) that ``value`` gives, or None.

    By default ``value`` is a metadata value (front matter, an HTML meta tag): a date or a
    datetime, or text that starts with an ISO date (a time may follow) or is written in one of
    ``_DATE_FORMATS`` ("2 July 2021", "July 2, 2021", "2021/07/02").

    With ``dateline``, ``value`` is a line of the article that must be only a date, as a page's
    header prints it: "2 July 2021", "July 2nd, 2021", "Published on Fri, 2 Jul. 2021",
    "2021-07-02"; a line with anything else in it gives None.
    """
    if dateline:
        return _dateline_date(str(value))
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def parse_published(value: Any) -> str | None:
    """When an article was published, from a metadata value: ISO 8601 with the time and its
    zone when ``value`` has a time ("2024-04-01T08:30:00+02:00"), else the date as
    :func:`parse_date` gives it, else None."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    text = str(value or "").strip()
    if len(text) > 10 and text[10] in "T ":
        try:
            when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return when.isoformat(timespec="seconds")
    return parse_date(value)


def _dateline_date(text: str) -> str | None:
    for regex in _DATELINES:
        m = regex.match(text)
        if m is None:
            continue
        month = m.group("m")
        number = int(month) if month.isdigit() else _MONTHS[month.casefold()]
        try:
            return dt.date(int(m.group("y")), number, int(m.group("d"))).isoformat()
        except ValueError:
            return None
    return None


__all__ = ["parse_date", "parse_published"]
