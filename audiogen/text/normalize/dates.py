"""Clock times and dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from . import spoken
from .context import _alternation, _stop
from .words import _cardinal, _digits, _ordinal, _spell, _year

# Clock times.

_AMPM = r"(?P<ap>[AaPp])(?P<inner>\.)?[Mm](?P<apdot>\.)?(?![A-Za-z])"
# "7am-7pm", "9 a.m.-5 p.m.": a range of clock times, each with its own a.m. or p.m.
_AMPM_RANGE_RE = re.compile(
    r"(?<=\d)(\s?[AaPp]\.?[Mm]\.?)\s*[-–]\s*"
    r"(?=(?:1[0-2]|0?\d)(?:[:.][0-5]\d)?\s?[AaPp]\.?[Mm](?![A-Za-z]))"
)
_TIME_AMPM_RE = re.compile(
    r"(?<![\w.:])(?P<h>1[0-2]|0?\d)(?:[:.](?P<m>[0-5]\d))?"
    r"(?:\s*[-–]\s*(?P<h2>1[0-2]|0?\d)(?:[:.](?P<m2>[0-5]\d))?)?\s?" + _AMPM
)
_TIME_ZONE_ALT = _alternation(spoken.TIME_ZONES)
_TIME_24_RE = re.compile(
    r"(?<![\w.:])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?![\d:])"
    r"(?:\s*[-–]\s*(?P<h2>[01]?\d|2[0-4]):(?P<m2>[0-5]\d)(?![\d:]))?"
    rf"(?P<tz>\s?(?:{_TIME_ZONE_ALT}|hrs|hours|h)(?![A-Za-z]))?"
)
# "1430 GMT", "0930 ET": the wire's 24-hour clock without a colon, known by its time zone.
_TIME_ZONED_RE = re.compile(
    rf"(?<![\w.:,])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=\s?(?:{_TIME_ZONE_ALT})(?![A-Za-z]))"
)
# A race time with hundredths: "1:56.72", "3:27.79".
_RACE_TIME_RE = re.compile(r"(?<![\w.:])(\d{1,2}):([0-5]\d)\.(\d{1,3})(?![\d:]|\.\d)")
_DURATION_RE = re.compile(r"(?<![\w.:])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])")


def _minutes(mm: str | None) -> str:
    if not mm or int(mm) == 0:
        return ""
    value = int(mm)
    return f" oh {_cardinal(value)}" if value < 10 else f" {_cardinal(value)}"


def _clock12(h: str, mm: str | None) -> str:
    return _cardinal(int(h)) + _minutes(mm)


def _time_ampm(m: re.Match[str]) -> str:
    spoken_time = _clock12(m.group("h"), m.group("m"))
    if m.group("h2"):
        spoken_time += " to " + _clock12(m.group("h2"), m.group("m2"))
    suffix = spoken.MERIDIEM[m.group("ap").lower()]
    # The full stop of "a.m." is the sentence's own only when a sentence follows; after "am" it is.
    stop = ""
    if m.group("apdot"):
        stop = _stop(m.string, m.end()) if m.group("inner") else "."
    return f"{spoken_time} {suffix}{stop}"


def _clock24(h: str, mm: str, twenty_four: bool) -> str:
    hour, minute = int(h), int(mm)
    if hour == 0 and minute == 0:
        return "midnight"
    if not twenty_four:
        return f"{_cardinal(hour)} o'clock" if minute == 0 else _clock12(h, mm)
    # The broadcast reading of the 24-hour clock: "eighteen hundred", "oh nine thirty".
    words = ("oh " if h.startswith("0") and hour else "") + _cardinal(hour)
    return f"{words} hundred" if minute == 0 else words + _minutes(mm)


def _time_24(m: re.Match[str]) -> str:
    tz = (m.group("tz") or "").strip()
    h = m.group("h")
    twenty_four = bool(tz) or int(h) > 12 or (len(h) == 2 and h.startswith("0"))
    words = _clock24(h, m.group("m"), twenty_four)
    if m.group("h2"):
        words += " to " + _clock24(m.group("h2"), m.group("m2"), twenty_four)
    if tz:
        words += " hours" if tz in {"hrs", "hours", "h"} else " " + _spell(tz)
    return words


def _time_zoned(m: re.Match[str]) -> str:
    words = _clock24(m.group("h"), m.group("m"), True)
    return words if m.string[m.end() : m.end() + 1].isspace() else words + " "


def _duration(m: re.Match[str]) -> str:
    parts: list[str] = []
    for value, unit in zip(map(int, m.groups()), ("hour", "minute", "second"), strict=True):
        if value or (unit == "second" and not parts):
            parts.append(f"{_cardinal(value)} {unit}{'' if value == 1 else 's'}")
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0]


def _race_time(m: re.Match[str]) -> str:
    minutes, seconds = int(m.group(1)), int(m.group(2))
    said = f"{_cardinal(seconds)} point {_digits(m.group(3))} seconds"
    if minutes:
        said = f"{_cardinal(minutes)} minute{'' if minutes == 1 else 's'} {said}"
    return said


def _times(text: str) -> str:
    text = _DURATION_RE.sub(_duration, text)
    text = _RACE_TIME_RE.sub(_race_time, text)
    text = _AMPM_RANGE_RE.sub(r"\1 to ", text)
    text = _TIME_AMPM_RE.sub(_time_ampm, text)
    text = _TIME_24_RE.sub(_time_24, text)
    return _TIME_ZONED_RE.sub(_time_zoned, text)


# Dates.

_MONTH_NAMES = "|".join(spoken.MONTHS)
_MONTH_ABBR = "|".join(sorted(spoken.MONTH_ABBREVIATIONS, key=len, reverse=True))


def _month_group(name: str) -> str:
    # Full names first so that "June" is not taken as "Jun"; "(?![A-Za-z])" keeps "Mayor" out.
    return rf"(?P<{name}>(?:{_MONTH_NAMES}|{_MONTH_ABBR})(?![A-Za-z])\.?)"


def _month(text: str) -> str:
    name = text.rstrip(".")
    return spoken.MONTH_ABBREVIATIONS.get(name, name)


_DAY1 = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_DAY2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<y>\d{4})(?![\w])"
_SEP = r"(?P<sep>\s*[-–]\s*|\s+(?:to|and|until)\s+)"
_DMY_RE = re.compile(
    rf"(?<![\w.,]){_DAY1}(?:(?:\s+{_month_group('m1')})?{_SEP}{_DAY2})?"
    rf"\s+{_month_group('m2')}(?:,?\s+{_YEAR})?"
)
_MDY_RE = re.compile(
    rf"(?<![\w.]){_month_group('m1')}\s+{_DAY1}"
    rf"(?:{_SEP}(?:{_month_group('m2')}\s+)?{_DAY2})?(?:,?\s+{_YEAR})?(?![\w])"
)
_MY_RE = re.compile(rf"(?<![\w.]){_month_group('m1')}\s+(?:of\s+)?{_YEAR}")
_ISO_DATE_RE = re.compile(r"(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w]|-\d)")


def _sep_word(sep: str | None) -> str:
    word = (sep or "").strip()
    return "to" if word in {"", "-", "–"} else word


def _valid_days(*days: str | None) -> bool:
    return all(d is None or 1 <= int(d) <= 31 for d in days)


def _year_tail(m: re.Match[str], month: str) -> str:
    """', twenty twenty-one' when there is a year; keeps the sentence's stop that an
    abbreviated month ("5 Dec.") swallowed."""
    if m.group("y"):
        return f", {_year(int(m.group('y')))}"
    if not month.endswith("."):
        return ""
    # After "11 August" the stop is the sentence's; after "5 Sept" it may be the abbreviation's.
    return "." if month[:-1] in spoken.MONTHS else _stop(m.string, m.end())


_THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+\Z")


def _date_dmy(m: re.Match[str]) -> str:
    d1, d2 = m.group("d1"), m.group("d2")
    if not _valid_days(d1, d2):
        return m.group(0)
    m2 = _month(m.group("m2"))
    if m.group("m1"):
        words = f"the {_ordinal(int(d1))} of {_month(m.group('m1'))} {_sep_word(m.group('sep'))}"
        words += f" the {_ordinal(int(d2))} of {m2}"
    elif d2:
        words = f"the {_ordinal(int(d1))} {_sep_word(m.group('sep'))} the {_ordinal(int(d2))}"
        words += f" of {m2}"
    else:
        words = f"the {_ordinal(int(d1))} of {m2}"
    if _THE_BEFORE_RE.search(m.string, max(0, m.start() - 5), m.start()):
        words = words[4:]  # "the 28 June meeting" has its "the" already
    return words + _year_tail(m, m.group("m2"))


def _date_mdy(m: re.Match[str]) -> str:
    d1, d2 = m.group("d1"), m.group("d2")
    if not _valid_days(d1, d2):
        return m.group(0)
    words = f"{_month(m.group('m1'))} {_ordinal(int(d1))}"
    if d2:
        words += f" {_sep_word(m.group('sep'))} "
        if m.group("m2"):
            words += _month(m.group("m2")) + " "
        words += _ordinal(int(d2))
    return words + (f", {_year(int(m.group('y')))}" if m.group("y") else "")


def _date_my(m: re.Match[str]) -> str:
    return f"{_month(m.group('m1'))} {_year(int(m.group('y')))}"


def _date_iso(m: re.Match[str]) -> str:
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group(0)
    return f"the {_ordinal(day)} of {spoken.MONTHS[month - 1]}, {_year(year)}"


# "29/02/1996": day first, or month first for US English ("12/31/2024"); a day over 12 settles it.
_NUMERIC_DATE_RE = re.compile(r"(?<![\w./])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/]|\.\d)")
# "on 31/12", "by 12/31": a date without its year, where a word before it makes it one (else
# "2/3" is a fraction); day first unless US English or a day over 12 says otherwise.
_YEARLESS_DATE_RE = re.compile(
    r"(?<![\w.])((?:on|by|until|till|since|before|after)\s+)(\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)",
    re.IGNORECASE,
)
# "2022/23", "2022/2023", "1999/00": a season or fiscal year that runs into the next year.
SEASON_RE = re.compile(r"(?<![\w./])((?:19|20)\d\d)/(\d\d|(?:19|20)\d\d)(?![\w/]|\.\d)")


def _numeric_date(m: re.Match[str], month_first: bool) -> str:
    a, b, year = (int(g) for g in m.groups())
    if a > 12 >= b:  # only day first fits
        day, month = a, b
    elif b > 12 >= a:  # only month first fits
        day, month = b, a
    else:
        day, month = (b, a) if month_first else (a, b)
    try:
        dt.date(year, month, day)
    except ValueError:
        return m.group(0)
    if month_first:
        return f"{spoken.MONTHS[month - 1]} {_ordinal(day)}, {_year(year)}"
    return f"the {_ordinal(day)} of {spoken.MONTHS[month - 1]}, {_year(year)}"


def _yearless_date(m: re.Match[str], month_first: bool) -> str:
    a, b = int(m.group(2)), int(m.group(3))
    if a > 12 >= b or (a <= 12 and b <= 12 and not month_first):
        day, month = a, b
    else:
        day, month = b, a
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2024, month)[1]:  # a leap year
        return m.group(0)
    said = spoken.MONTHS[month - 1]
    if month_first:
        return f"{m.group(1)}{said} {_ordinal(day)}"
    return f"{m.group(1)}the {_ordinal(day)} of {said}"


def season_years(m: re.Match[str]) -> tuple[int, int] | None:
    """The two years of a season that :data:`SEASON_RE` matched ("2022/23", "1999/00"), or
    ``None`` when the second is not the year after the first."""
    start, end = int(m.group(1)), m.group(2)
    following = int(end) if len(end) == 4 else (start // 100 * 100 + int(end)) % 10000
    if len(end) == 2 and following <= start:
        following += 100  # "1999/00"
    return (start, following) if following == start + 1 else None


def _season(m: re.Match[str]) -> str:
    years = season_years(m)
    if years is None:
        return m.group(0)
    start, following = years
    end = m.group(2)
    said = _cardinal(int(end)) if len(end) == 2 and following % 100 else _year(following)
    return f"{_year(start)} to {said}"


# "Q4 2023 results", "H1 2024": a quarter or a half and its year.
_PERIOD_YEAR_RE = re.compile(r"(?<![\w.])([QH][1-4]\s+)((?:19|20)\d\d)(?![\w]|[.,]\d)")


def _dates(text: str, month_first: bool = False) -> str:
    text = _PERIOD_YEAR_RE.sub(lambda m: m.group(1) + _year(int(m.group(2))), text)
    text = _NUMERIC_DATE_RE.sub(lambda m: _numeric_date(m, month_first), text)
    text = _YEARLESS_DATE_RE.sub(lambda m: _yearless_date(m, month_first), text)
    text = SEASON_RE.sub(_season, text)
    text = _ISO_DATE_RE.sub(_date_iso, text)
    text = _DMY_RE.sub(_date_dmy, text)
    text = _MDY_RE.sub(_date_mdy, text)
    return _MY_RE.sub(_date_my, text)
