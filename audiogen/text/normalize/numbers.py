"""Ordinals, decades, Roman numerals, symbols, ranges, scores, fractions, bare numbers."""

from __future__ import annotations

import re

from . import spoken
from .acronyms import _VOWELS
from .context import (
    _NUM,
    _is_plural_word,
    _is_year,
    _word_after,
    _word_before,
    _word_before_names,
)
from .words import _cardinal, _digits, _number, _ordinal, _pairs, _plural_words, _year

# Ordinals, decades, short years.

_ORDINAL_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th|ST|ND|RD|TH)(?![\w])")
# "1990's" is a decade, but "COVID-19's" a possessive: the apostrophe only after a 0.
_DECADE_RE = re.compile(r"(?<![\w.])(\d+s|\d*0['’]s)(?![\w])")
# "100s of people", "1,000s of jobs", "10,000s of protesters": round hundreds and thousands in
# the plural are said as words, not as decades.
_ROUND_PLURALS = {
    "100": "hundreds",
    "1000": "thousands",
    "10000": "tens of thousands",
    "100000": "hundreds of thousands",
    "1000000": "millions",
}
_ROUND_PLURAL_RE = re.compile(r"(?<![\w.,])(100|1,?000|10,?000|100,?000|1,?000,?000)['’]?s(?![\w])")
_SHORT_DECADE_RE = re.compile(r"(?<![\w])['’](\d0)['’]?s(?![\w])")
_SHORT_YEAR_RE = re.compile(r"(?<![\w])['’](\d\d)(?![\w'’])")


def _ordinal_or_stone(m: re.Match[str]) -> str:
    """ "21st" is an ordinal, but "14st" or "11st" cannot be one: it is a weight in stone."""
    n = int(m.group(1).replace(",", ""))
    if m.group(2).lower() == "st" and (n % 10 != 1 or n % 100 == 11):
        return f"{_cardinal(n)} stone"
    return _ordinal(n)


def _decade(m: re.Match[str]) -> str:
    digits = m.group(1).rstrip("s").rstrip("'’")
    n = int(digits)
    if len(digits) == 4 and 1000 <= n <= 2099 and n % 10 == 0:
        return _plural_words(_year(n))
    return _plural_words(_number(digits))


def _short_year(m: re.Match[str]) -> str:
    n = int(m.group(1))
    return f"oh {_cardinal(n)}" if n < 10 else _cardinal(n)


def _ordinals_and_decades(text: str) -> str:
    text = _ORDINAL_RE.sub(_ordinal_or_stone, text)
    text = _ROUND_PLURAL_RE.sub(lambda m: _ROUND_PLURALS[m.group(1).replace(",", "")], text)
    text = _SHORT_DECADE_RE.sub(lambda m: _plural_words(_cardinal(int(m.group(1)))), text)
    text = _DECADE_RE.sub(_decade, text)
    return _SHORT_YEAR_RE.sub(_short_year, text)


# Roman numerals.

_ROMAN_RE = re.compile(r"\b([A-Za-z][a-z]+)(\s+)([IVXLCDM]+)(?=['’]s\b|[^\w'’]|\Z)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_STRICT_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\Z")


def _roman_value(numeral: str) -> int | None:
    if not numeral or not _ROMAN_STRICT_RE.match(numeral):
        return None
    total = 0
    for ch, nxt in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt != " " and _ROMAN_VALUES[nxt] > value else value
    return total


def _title_case(words: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in words.split("-"))


def _roman(m: re.Match[str]) -> str:
    before, space, numeral = m.groups()
    value = _roman_value(numeral)
    if value is None:
        return m.group(0)
    context = before.lower()
    if context in spoken.ROMAN_CARDINAL_CONTEXT:
        # "part I think" is not Part One: a single I needs a capitalized "Part".
        if numeral == "I" and not before[:1].isupper():
            return m.group(0)
        return f"{before}{space}{_title_case(_cardinal(value))}"
    if (
        before[:1].isupper()
        and before not in spoken.ROMAN_NOT_A_NAME
        and set(numeral) <= set("IVX")
        and (len(numeral) > 1 or before in spoken.REGNAL_NAMES)
    ):
        return f"{before}{space}the {_title_case(_ordinal(value))}"
    return m.group(0)


# Symbols, letter-digit tokens, ranges, scores, fractions, negatives, bare numbers.

_BY_RE = re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)")
_SYMBOLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\s*(?:±|\+/-)\s*"), " plus or minus "),
    (re.compile(r"(?<![\w])~\s*(?=\d)"), "about "),
    (re.compile(r"\s*\+\s*"), " plus "),
    (re.compile(r"\s*=\s*"), " equals "),
    (re.compile(r"\s*×\s*"), " times "),
    (re.compile(r"\s*%"), " per cent"),
    (re.compile(r"\s*[°º]"), " degrees"),
    (re.compile(r"§\s*"), "section "),
    (re.compile(r"\s+@\s+"), " at "),
    (re.compile(r"(?<=\b[a-z]{2})/(?=[a-z]{2,}\b)"), " or "),
)
# A decimal figure is part of the token ("2.1b" is "two point one B", not "2." and "1b").
_ALNUM_RE = re.compile(
    r"(?<![\w'’])(?<!\d[.,])((?:\d+\.(?=\d))?[A-Za-z0-9]*(?:[A-Za-z]\d|\d[A-Za-z])[A-Za-z0-9]*)"
    r"(?![\w])"
)
_RUN_RE = re.compile(r"\d+\.\d+|[A-Za-z]+|\d+")


def _symbols(text: str) -> str:
    text = _BY_RE.sub(" by ", text)
    for pattern, words in _SYMBOLS:
        text = pattern.sub(words, text)
    return text


def _alnum(m: re.Match[str]) -> str:
    """'G7' -> 'G seven', 'MH370' -> 'MH three seventy', 'H1N1' -> 'H one N one'."""
    out: list[str] = []
    for run in _RUN_RE.findall(m.group(1)):
        if "." in run:
            out.append(_number(run))
        elif run.isdigit():
            out.append(_pairs(run) if len(run) <= 4 else _digits(run))
        elif run.islower() and len(run) <= 2 and not _VOWELS.intersection(run):
            out.append(run.upper())  # "mp3": the letters are an abbreviation, spell them
        else:
            out.append(run)
    # A lone "A" before another piece is hyphen-joined to it (see the package docstring).
    return "".join(p + ("-" if p == "A" else " ") for p in out[:-1]) + out[-1]


_CODE_RE = re.compile(r"(?<![\w.])\d+(?:-\d+){2,}(?![\w])")
_RANGE_RE = re.compile(rf"(?<![\w.,:-])(?P<a>{_NUM})\s*[-–]\s*(?P<b>{_NUM})(?![\w]|[.,]\d)")
_RATIO_RE = re.compile(r"(?<![\w.:])(\d+):(\d+)(?![\d:])")
_MIXED_FRACTION_RE = re.compile(r"(?<![\w./])(\d+)\s+(\d{1,2})/(\d{1,2})(?![\w/]|\.\d)")
_SLASHED_RE = re.compile(r"(?<![\w./])(\d+)/(\d+)(?:/(\d+))?(?![\w/]|\.\d)")
_NEGATIVE_RE = re.compile(r"(?<![^\s(\[{\"'“])-(?=\d)")
_VERSION_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w]|\.\d)")
_BARE_NUMBER_RE = re.compile(r"(?<!\d)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)|(?<![\w.])\.\d+")


_NOT_SEASON_CUES = spoken.PAIR_READ_CUES | {"page", "pages", "pp", "number", "numbers", "no"}


def _score_number(n: int) -> str:
    return "nil" if n == 0 else _cardinal(n)


def _range(m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    text = m.string
    before, after = _word_before(text, m.start()), _word_after(text, m.end())
    # "won 3-1", "a 2-0 win", and "City beat Manchester United 3-0": the cue before the names
    # (but "lead Labour 10-15 points" is a range).
    names = before[:1].isupper() and not _is_plural_word(after)
    cue = _word_before_names(text, m.start()) if names else before
    is_score = (
        before.lower() in spoken.SCORE_CUES_BEFORE
        or cue.lower() in spoken.SCORE_CUES_BEFORE
        or after.lower() in spoken.SCORE_CUES_AFTER
    )
    if is_score and a.isdigit() and b.isdigit() and int(a) < 100 and int(b) < 100:
        # British broadcast style: "three one", "two nil", "one all".
        x, y = int(a), int(b)
        if x == y:
            return "nil nil" if x == 0 else f"{_cardinal(x)} all"
        return f"{_score_number(x)} {_score_number(y)}"
    # "over 2023-24", "1999-00": a year and the next one's last two figures are a season or a
    # fiscal year, whatever word comes before them but a page's or an identifier's.
    season = (
        len(a) == 4
        and len(b) == 2
        and 1900 <= int(a) <= 2099
        and int(b) == (int(a) + 1) % 100
        and before.lower() not in _NOT_SEASON_CUES
    )
    if a.isdigit() and b.isdigit() and len(a) == 4 and (season or _is_year(int(a), before, after)):
        start = int(a)
        if len(b) == 4 and int(b) > start:
            return f"{_year(start)} to {_year(int(b))}"
        if len(b) == 2 and int(b) > start % 100:
            return f"{_year(start)} to {_cardinal(int(b))}"  # "2020-21"
        if season:
            return f"{_year(start)} to {_year(start + 1)}"  # "1999-00"
    return f"{_number(a)} to {_number(b)}"


# Tennis sets, two or more in a row: "6-4, 7-6 (7-4)", "6-3 6-4"; each said as a score.
_SET = r"[0-7]-[0-7](?:\s?\(\d{1,2}(?:-\d{1,2})?\))?"
_SETS_RE = re.compile(rf"(?<![\w.,:-]){_SET}(?:,?\s+{_SET})+(?![\w-]|[.,]\d)")
_SET_SCORE_RE = re.compile(r"(?<!\()([0-7])-([0-7])")
_PAIR_RE = re.compile(r"(\d{1,2})-(\d{1,2})")


def _is_set(x: int, y: int) -> bool:
    high, low = max(x, y), min(x, y)
    return (high == 6 and low <= 4) or (high == 7 and low in (5, 6))


def _sets(m: re.Match[str]) -> str:
    scores = [(int(x), int(y)) for x, y in _SET_SCORE_RE.findall(m.group(0))]
    if not all(_is_set(x, y) for x, y in scores):
        return m.group(0)
    love = {0: "love"}  # a tennis nil
    return _PAIR_RE.sub(
        lambda p: " ".join(love.get(int(n)) or _cardinal(int(n)) for n in p.groups()), m.group(0)
    )


def _fraction(numerator: int, denominator: int) -> str | None:
    names = spoken.FRACTION_DENOMINATORS.get(denominator)
    if names is None or numerator == 0 or numerator >= 100:
        return None
    return f"{_cardinal(numerator)} {names[0] if numerator == 1 else names[1]}"


def _mixed_fraction(m: re.Match[str]) -> str:
    whole, num, den = (int(g) for g in m.groups())
    names = spoken.FRACTION_DENOMINATORS.get(den)
    if names is None or not 0 < num < den:
        return m.group(0)
    part = f"a {names[0]}" if num == 1 else f"{_cardinal(num)} {names[1]}"
    return f"{_cardinal(whole)} and {part}"


def _slashed(m: re.Match[str]) -> str:
    a, b, c = m.groups()
    if c is None:
        if m.group(0) in spoken.SLASH_NUMBERS:
            return spoken.SLASH_NUMBERS[m.group(0)]
        words = _fraction(int(a), int(b)) if not (a.startswith("0") or b.startswith("0")) else None
        if words:
            return words
        return f"{_number(a)} slash {_number(b)}"
    # A numeric date is ambiguous (day or month first?), so read what is written.
    last = _year(int(c)) if len(c) == 4 else _number(c)
    return f"{_number(a)} slash {_number(b)} slash {last}"


def _code(m: re.Match[str]) -> str:
    return ", ".join(_digits(group) for group in m.group(0).split("-"))


def _bare_number(m: re.Match[str]) -> str:
    raw = m.group(0)
    if not raw.isdigit():
        return _number(raw)
    text = m.string
    before, after = _word_before(text, m.start()), _word_after(text, m.end())
    pair_read = before.lower() in spoken.PAIR_READ_CUES or after in spoken.PAIR_READ_AFTER
    if pair_read and 3 <= len(raw) <= 4:
        return _pairs(raw)
    if len(raw) == 4 and _is_year(int(raw), before, after):
        return _year(int(raw))
    return _number(raw)


_VULGAR_RE = re.compile(
    rf"(?<![\w.])(?:(?P<whole>\d+)\s?)?(?P<f>[{''.join(spoken.VULGAR_FRACTIONS)}])(?![\d])"
)


def _vulgar(m: re.Match[str]) -> str:
    """ "2½" -> "two and a half", "¾" -> "three quarters", "½" -> "half"."""
    numerator, denominator = spoken.VULGAR_FRACTIONS[m.group("f")]
    singular, plural = spoken.FRACTION_DENOMINATORS[denominator]
    if numerator == 1:
        part = singular if denominator == 2 and not m.group("whole") else f"a {singular}"
    else:
        part = f"{_cardinal(numerator)} {plural}"
    return f"{_number(m.group('whole'))} and {part}" if m.group("whole") else part


def _numbers(text: str) -> str:
    text = _VULGAR_RE.sub(_vulgar, text)
    text = _ALNUM_RE.sub(_alnum, text)
    text = _CODE_RE.sub(_code, text)
    text = _MIXED_FRACTION_RE.sub(_mixed_fraction, text)
    text = _SLASHED_RE.sub(_slashed, text)
    text = _SETS_RE.sub(_sets, text)
    text = _RANGE_RE.sub(_range, text)
    text = _RATIO_RE.sub(lambda m: f"{_number(m.group(1))} to {_number(m.group(2))}", text)
    text = _NEGATIVE_RE.sub("minus ", text)
    text = _VERSION_RE.sub(lambda m: " point ".join(map(_number, m.group(0).split("."))), text)
    return _BARE_NUMBER_RE.sub(_bare_number, text)
