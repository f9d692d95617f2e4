"""Whether a word is a common word of a language, by pyspellchecker's word-frequency lists, read
straight from the files it ships: its ``SpellChecker`` takes 0.2 s to build its tables (a fifth of
what a cold build spends before the first sentence is spoken), where a build asks about a handful
of words."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=4)
def _listing(lang: str) -> str | None:
    """The language's word list as the JSON text it ships as (``{"word": count, ...}``, lower
    case), or ``None`` when none ships for ``lang``."""
    try:
        data = (files("spellchecker") / "resources" / f"{lang}.json.gz").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return gzip.decompress(data).decode("utf-8").lower()


def _checkable(word: str) -> bool:
    """pyspellchecker never calls a number, or text that cannot be a key, a word."""
    if not word or '"' in word or "\\" in word:
        return False
    try:
        float(word)
    except ValueError:
        return True
    return word in ("nan", "inf", "infinity")


def is_word(word: str, lang: str = "en") -> bool:
    """``word`` (any case) is in the word list of ``lang`` (a base language tag: ``en``, ``fr``).
    A search of the list's text: for a few words. :func:`words` is the list, for many."""
    text = _listing(lang)
    key = word.lower()
    return text is not None and _checkable(key) and f'"{key}":' in text


@lru_cache(maxsize=4)
def words(lang: str) -> frozenset[str] | None:
    """Every word of ``lang``'s list, or ``None`` when none ships for it."""
    text = _listing(lang)
    return None if text is None else frozenset(k for k in json.loads(text) if _checkable(k))


__all__ = ["is_word", "words"]
