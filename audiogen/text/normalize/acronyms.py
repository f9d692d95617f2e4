"""Acronyms and words in capitals: spelled as letters or said as words."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import spoken
from .words import _spell

_VOWELS = frozenset("aeiouy")
_CAPS_RE = re.compile(r"(?<![\w'’])([A-Z]{2,})(['’]s|s)?(?![\w])(?P<gap> (?=\w))?")
_CAPS_WORD_RE = re.compile(r"\b[A-Za-z]{2,}\b")
_WORD_ACRONYMS_LOWER = frozenset(w.lower() for w in spoken.WORD_ACRONYMS)
_CONSONANT_RUN_RE = re.compile(r"[^aeiouy]+")
_TRIPLE_LETTER_RE = re.compile(r"(.)\1\1")


def _pronounceable(word: str) -> bool:
    """A rough test of whether letters read as an English word ("BREAKING", "UNCTAD", "news")
    rather than as letters ("UNFCCC", "ohchr"). There is no dictionary to ask, so it checks
    the share of vowels, the consonant clusters and the start of the word."""
    low = word.lower()
    vowels = sum(1 for i, c in enumerate(low) if c in "aeiou" or (c == "y" and i > 0))
    if vowels / len(low) < 0.2 or _TRIPLE_LETTER_RE.search(low):
        return False
    runs = _CONSONANT_RUN_RE.findall(low)
    if any(len(r) > 3 for r in runs):
        return False
    onset = _CONSONANT_RUN_RE.match(low)
    return onset is None or len(onset.group()) == 1 or onset.group() in spoken.ONSETS


def _is_shouting(text: str) -> bool:
    """Whether the text is written in capitals throughout, like some headlines."""
    words = _CAPS_WORD_RE.findall(text)
    caps = sum(1 for w in words if w.isupper())
    return caps >= 4 and caps >= 0.6 * len(words)


# "mRNA", "siRNA", "eGFR": a lowercase prefix on capitals, every letter said ("iPhone" is not one).
_MIXED_CAPS_RE = re.compile(r"(?<![\w'’])([a-z]{1,2}[A-Z]{2,})(s)?(?![\w'’])(?P<gap> (?=\w))?")


def _mixed_caps(m: re.Match[str]) -> str:
    word, suffix, gap = m.group(1).upper(), "'s" if m.group(2) else "", m.group("gap") or ""
    if word.endswith("A") and not suffix and gap:
        gap = "-"  # as for capitals: a final A before a word would be read as the article
    return _spell(word) + suffix + gap


def _caps_reader(shouting: bool) -> Callable[[re.Match[str]], str]:
    def read(m: re.Match[str]) -> str:
        word, suffix, gap = m.group(1), m.group(2) or "", m.group("gap") or ""
        if word in spoken.SAID_AS:
            return spoken.SAID_AS[word] + suffix + gap
        if word in spoken.WORD_ACRONYMS:
            return word.capitalize() + suffix + gap
        is_word = word in spoken.HEADLINE_WORDS or (len(word) >= 6 and _pronounceable(word))
        if shouting:
            # In a headline in capitals, a long word is a word ("STRENGTHENS"), not letters.
            is_word = is_word or word in spoken.COMMON_CAPS_WORDS
            is_word = is_word or (len(word) >= 4 and _pronounceable(word))
            is_word = is_word or (len(word) >= 7 and bool(_VOWELS.intersection(word.lower())))
        if is_word:
            return word.capitalize() + suffix + gap
        if suffix == "s":
            # "N G O's": espeak reads a plural "Os" as the letters O S.
            suffix = "'s"
        if word.endswith("A") and not suffix and gap:
            # "the U S A-is": a final A before a word would be read as the article.
            gap = "-"
        return _spell(word) + suffix + gap

    return read
