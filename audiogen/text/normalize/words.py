"""Numbers as words, and letters spelled out: the pieces every other pass says things with."""

from __future__ import annotations

import re
from functools import lru_cache

from . import spoken

_DIGITS = spoken.DIGIT_NAMES


def num2words(n: int, **kwargs: str) -> str:
    """num2words, imported on first use: most sentences have no number, and importing it (with
    its dozens of language modules) costs a tenth of a second."""
    from num2words import num2words as convert

    said = str(convert(n, **kwargs))
    if kwargs.get("lang", "").startswith("it"):
        # Italian accents "tre" at the end of a longer number: num2words writes "ventitré" but
        # "duemilaventitre", "centoventitre"
        said = _ITALIAN_TRE.sub("tré", said)
    return said


_ITALIAN_TRE = re.compile(r"(?<=[a-z])tre\b")


@lru_cache(maxsize=4096)
def _cardinal(n: int) -> str:
    # num2words writes "one thousand, two hundred": the comma would make the voice pause.
    return num2words(n, lang="en").replace(",", "")


@lru_cache(maxsize=1024)
def _ordinal(n: int) -> str:
    return num2words(n, lang="en", to="ordinal").replace(",", "")


def _digits(text: str) -> str:
    return " ".join(_DIGITS[int(c)] for c in text if c.isdigit())


def _number(text: str) -> str:
    """'1,234.5' -> 'one thousand two hundred and thirty-four point five'."""
    whole, _, frac = text.replace(",", "").partition(".")
    if len(whole) > 15 or (len(whole) > 1 and whole.startswith("0")):
        # A code or an identifier ("007"), not a quantity: say each digit.
        words = _digits(whole)
    else:
        words = _cardinal(int(whole)) if whole else ""
    if frac:
        words = f"{words} point {_digits(frac)}".strip()
    return words


def _year(n: int) -> str:
    """Read a year: 1905 -> nineteen oh five, 2008 -> two thousand eight, 1800 -> eighteen
    hundred, 2021 -> twenty twenty-one."""
    if n < 1000 or n % 1000 == 0 or 1000 < n < 1010:
        return _cardinal(n)
    if 2000 < n < 2010:
        # Said without "and", as broadcasters do: "two thousand eight".
        return f"two thousand {_cardinal(n - 2000)}"
    high, low = divmod(n, 100)
    if low == 0:
        return f"{_cardinal(high)} hundred"
    if low < 10:
        return f"{_cardinal(high)} oh {_cardinal(low)}"
    return f"{_cardinal(high)} {_cardinal(low)}"


def _pairs(text: str) -> str:
    """Read an identifier the way flight and model numbers are said: 737 -> seven thirty-seven,
    101 -> one oh one, 1549 -> fifteen forty-nine."""
    if text.startswith("0") or len(text) > 4:
        return _digits(text)
    if len(text) == 4:
        return _year(int(text))
    if len(text) == 3:
        head, tail = text[0], int(text[1:])
        if tail == 0:
            return _cardinal(int(text))
        return f"{_cardinal(int(head))} {'oh ' if tail < 10 else ''}{_cardinal(tail)}"
    return _cardinal(int(text))


def _plural_words(words: str) -> str:
    """'nineteen eighty' -> 'nineteen eighties', 'six' -> 'sixes'."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("x"):
        return words + "es"
    return words + "s"


def _match_case(source: str, words: str) -> str:
    """Give an expansion the capital of what it replaces ("E.g." -> "For example")."""
    if source[:1].isupper() and words[:1].islower():
        return words[:1].upper() + words[1:]
    return words


def _spell(letters: str) -> str:
    """'UNOCT' -> 'U N O C T'; an 'A' before another letter is hyphen-joined (package doc)."""
    out: list[str] = []
    last = len(letters) - 1
    for i, ch in enumerate(letters):
        out.append(ch)
        if i < last:
            out.append("-" if ch in "Aa" else " ")
    return "".join(out)
