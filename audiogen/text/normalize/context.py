"""The words around a match, and the pattern pieces several passes share."""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import spoken

_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[^A-Za-z0-9\n]{0,2}\Z")
_WORD_AFTER_RE = re.compile(r"[ \t]?([A-Za-z]+)")
_SENTENCE_END_BEFORE_RE = re.compile(r"(?:\A|[.!?:]\s+|\n)[\"'“‘(]?\Z")
_NEXT_SENTENCE_RE = re.compile(r"[ \t]*(?:\n|\Z)|\s+[\"'“‘(\[]?([A-Z][A-Za-z']*)")
_NAME_AFTER_RE = re.compile("[ \t]+(?:[A-Z]|[\U000f0000-\U000ffffd])")


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else ""


_NAMES_BEFORE_RE = re.compile(r"\b([A-Za-z]+)(?:[ \t]+[A-Z][\w'’.-]*){1,3}[ \t]*\Z")


def _word_before_names(text: str, pos: int) -> str:
    """The word before the one to three capitalized words that end just before ``pos``: "beat"
    in "City beat Manchester United 3-0"."""
    m = _NAMES_BEFORE_RE.search(text, max(0, pos - 60), pos)
    return m.group(1) if m else ""


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the word ending just before ``pos`` is the first word of its sentence."""
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
    start = m.start() if m else pos
    return _SENTENCE_END_BEFORE_RE.search(text, max(0, start - 4), start) is not None


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER_RE.match(text, pos)
    return m.group(1) if m else ""


_ARTICLE_BEFORE_RE = re.compile(r"(?:^|\s)an?\s+$", re.I)


_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z][a-z'-]*)\b")


def _attributive(text: str, pos: int, end: int) -> bool:
    """Whether the quantity at ``text[pos:end]`` is a compound adjective, whose unit stays
    singular ("dollar budget"): it follows "a"/"an" ("a 350 km pipeline"), or a noun follows it
    ("$4.2 billion budget"; a lower-case word not in :data:`spoken.NOT_QUALIFIED` and not a
    participle). One rule for a title and its body, which may differ only in the article."""
    if _ARTICLE_BEFORE_RE.search(text[max(0, pos - 4) : pos]):
        return True
    m = _NEXT_WORD_RE.match(text, end)
    if not m:
        return False
    word = m.group(1)
    return word not in spoken.NOT_QUALIFIED and not word.endswith("ed")


def _ends_sentence(text: str, pos: int) -> bool:
    """Whether an abbreviation's full stop ending at ``pos`` also ends the sentence: the text
    ends there, or the next word is one that usually starts a sentence ("... the U.S. The",
    but not "the U.S. Senate")."""
    m = _NEXT_SENTENCE_RE.match(text, pos)
    return m is not None and (m.group(1) is None or m.group(1) in spoken.SENTENCE_STARTERS)


def _stop(text: str, pos: int) -> str:
    return "." if _ends_sentence(text, pos) else ""


def _is_plural_word(word: str) -> bool:
    low = word.lower()
    if low in spoken.IRREGULAR_PLURALS:
        return True
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and low not in spoken.NOT_PLURAL
    )


def _is_year(n: int, before: str, after: str) -> bool:
    """Guess whether a four-digit number is a year from the words around it."""
    if not 1000 <= n <= 2099:
        return False
    cue = before.lower()
    if cue in spoken.QUANTITY_CUES_BEFORE:
        return False
    if cue in spoken.YEAR_CUES_BEFORE:
        return True
    if after in spoken.YEAR_NOUNS_AFTER or after.lower() in spoken.YEAR_NOUNS_AFTER:
        return n >= 1900
    if _is_plural_word(after) or (
        after in spoken.UNITS and after not in spoken.ATTACHED_ONLY_UNITS
    ):
        # "2021 participants" is a count, "the 2021 elections" a year.
        return cue in spoken.YEAR_DETERMINERS and n >= 1900
    return True


# Shared pieces of patterns.

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_DASH = r"(?:\s*[-–]\s*|\s+to\s+)"


def _alternation(keys: Iterable[str]) -> str:
    # Longest first: a regex alternation takes the first branch that matches ("km/h", "km").
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
