"""The article's language from its text: each paragraph judged on its own by langdetect (whose
profiles ship in the package, so this works offline), the language of most of the text wins."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from audiogen.types import Article, Memo

_DETECT_CHARS = 4000
"""Detection judges the article's first this many characters: plenty to tell a language."""

_DETECT_UNIT_CHARS = 1000
"""A longer paragraph is judged by its beginning."""

_DETECT_WORDS = 5
"""A paragraph shorter than this (a heading, a dateline) is left out of detection."""

_DETECT_SHARE = 0.8
"""The language of at least this share of the judged text is the article's."""

_DETECT_MIN_UNITS = 2
"""A text of fewer judged parts (a headline, a one-paragraph article) is too short to overrule
the configured default: langdetect is often wrong on a sentence or two."""


@dataclass(frozen=True)
class LanguageChoice:
    """The language an article is spoken in, and how that was decided."""

    lang: str
    """The language (BCP 47)."""

    source: Literal["option", "article", "detected", "default"]
    """``option``: ``--lang`` or the configuration; ``article``: its front matter or ``<html
    lang>``; ``detected``: from the text; ``default``: the configured default, because the text
    was too short or the guess too unsure."""

    confidence: float | None = None
    """With detection: the share of the judged text in the guessed language (0 to 1)."""

    guess: str | None = None
    """With detection: the language guessed, taken or not."""

    def explain(self) -> str:
        """One line for ``audiogen script --explain``."""
        why = {
            "option": "given by --lang or the configuration",
            "article": "from the article's own metadata",
            "detected": "detected from the text",
            "default": "the default",
        }[self.source]
        line = f"language: {self.lang} ({why})"
        if self.confidence is not None:
            line += f"; detection guessed {self.guess} for {self.confidence:.0%} of the text"
        if self.source == "default" and self.guess is not None:
            line += " (too short or too unsure to overrule the default)"
        return line

    def to_dict(self) -> dict[str, object]:
        """For the manifest."""
        return {
            "lang": self.lang,
            "source": self.source,
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "guess": self.guess,
        }


def choose_language(
    given: str | None, article: Article, memo: Memo | None = None, default: str = "en"
) -> LanguageChoice:
    """``given`` (``--lang`` or the configuration) when set, else the article's own, else the
    language detected from the text when it is long enough and the guess sure enough (see
    :func:`detect_language`), else ``default``."""
    if given:
        return LanguageChoice(given, "option")
    if article.lang:
        return LanguageChoice(article.lang, "article")
    units = _detection_units(article)
    guess, share = _detect(article, memo)
    if guess is not None and share >= _DETECT_SHARE and len(units) >= _DETECT_MIN_UNITS:
        return LanguageChoice(guess, "detected", share, guess)
    return LanguageChoice(default, "default", share if guess else None, guess)


def _detection_units(article: Article) -> list[str]:
    """What :func:`detect_language` judges, each on its own: the title and the paragraphs of at
    least five words, until :data:`_DETECT_CHARS` are judged (or, when there is no such
    paragraph, all the text at once)."""
    texts = [article.title, *(b.text for b in article.blocks)]
    units = [t for t in texts if len(t.split()) >= _DETECT_WORDS]
    if not units:
        whole = " ".join(t for t in texts if t)
        units = [whole] if len(whole.split()) >= _DETECT_WORDS else []
    # Each unit is cut on its own (not at a running total), so that an edit to one paragraph
    # leaves the others' text, and their remembered judgements, as they were.
    out, used = [], 0
    for unit in units:
        if used >= _DETECT_CHARS:
            break
        out.append(unit[:_DETECT_UNIT_CHARS])
        used += len(out[-1])
    return out


def detect_language(article: Article, memo: Memo | None = None) -> str | None:
    """The article's language from its text, or ``None`` when it is too short or too mixed to
    tell.

    Each paragraph is judged on its own by langdetect (whose profiles ship in the package), and
    the answer is the language of at least 80% of the judged text, weighted by length. With a
    ``memo``, each paragraph's judgement is remembered there, and a paragraph not judged before
    is judged only if it could change the answer: an edit to one paragraph rarely needs
    langdetect's profiles, which take half a second to load.
    """
    guess, share = _detect(article, memo)
    return guess if guess is not None and share >= _DETECT_SHARE else None


def _detect(article: Article, memo: Memo | None) -> tuple[str | None, float]:
    """The most likely language and its share of the judged text (see :func:`detect_language`:
    paragraphs not judged before are judged only when they could change the answer)."""
    from importlib.metadata import version

    units = _detection_units(article)
    if not units:
        return None, 0.0
    total = sum(len(u) for u in units)
    votes: dict[str, float] = {}
    ident = {"langdetect": version("langdetect"), "seed": 0}

    def vote(unit: str, found: dict[str, float]) -> None:
        for lang, prob in found.items():
            votes[lang] = votes.get(lang, 0.0) + prob * len(unit)

    def best() -> str | None:
        return max(votes, key=lambda k: votes[k], default=None)

    def decided() -> str | None:
        top = best()
        return top if top is not None and votes[top] >= _DETECT_SHARE * total else None

    unknown = []
    for unit in units:
        found = memo.recall("language", {**ident, "text": unit}) if memo is not None else None
        if isinstance(found, dict):
            vote(unit, found)
        else:
            unknown.append(unit)
    # With the unknown text counted against it, a language that still holds its share is the
    # answer whatever that text turns out to be.
    if unknown and decided() is None:
        for unit, found in zip(unknown, judge(unknown), strict=True):
            vote(unit, found)
            if memo is not None:
                memo.remember("language", {**ident, "text": unit}, found)
    top = best()
    return top, (votes[top] / total if top is not None else 0.0)


def judge(texts: Sequence[str]) -> list[dict[str, float]]:
    """langdetect's probability of each language for each of ``texts``."""
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0  # langdetect samples at random; fixed, the answer is repeatable
    out: list[dict[str, float]] = []
    try:
        _load_profiles()
        for text in texts:
            try:
                out.append({str(x.lang): float(x.prob) for x in detect_langs(text)})
            except LangDetectException:
                out.append({})
    finally:
        # langdetect keeps ~60 MB of language profiles for the life of the process; one build
        # needs that memory for the voice more than it needs the next detection to be fast.
        with _KEEPING_LOCK:
            if not _keeping:
                _free_profiles()
    return out


class _Probabilities(dict[str, list[float]]):
    """langdetect's table of each n-gram's probability in each language, filled in as n-grams are
    looked up: langdetect builds it whole (170,000 n-grams, half a second) to judge a few
    thousand. Each entry is what langdetect's own ``DetectorFactory.add_profile`` makes, so the
    detector samples the same n-grams and reaches the same probabilities."""

    def __init__(self, profiles: list[dict[str, Any]], size: int) -> None:
        super().__init__()
        self._profiles = profiles
        self._size = size
        self._absent: set[str] = set()

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or word in self._absent:
            return False
        if dict.__contains__(self, word):
            return True
        probs = None
        for index, profile in enumerate(self._profiles):
            freq = profile["freq"].get(word)
            if freq is not None:
                probs = probs or [0.0] * self._size
                if 1 <= len(word) <= 3:
                    probs[index] = 1.0 * freq / profile["n_words"][len(word) - 1]
        if probs is None:
            self._absent.add(word)
            return False
        dict.__setitem__(self, word, probs)
        return True

    def __getitem__(self, word: str) -> list[float]:
        if word not in self:
            raise KeyError(word)
        return dict.__getitem__(self, word)


def _load_profiles() -> None:
    """Set up langdetect's factory with its profiles read, in the order and numbering its own
    ``load_profile`` gives them, and their table filled in as it is used
    (:class:`_Probabilities`)."""
    import json
    import os

    from langdetect import detector_factory

    if detector_factory._factory is not None:
        return
    folder = detector_factory.PROFILES_DIRECTORY
    names = os.listdir(folder)
    profiles = []
    for name in names:
        path = os.path.join(folder, name)
        if not name.startswith(".") and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                profiles.append(json.load(f))
    factory = detector_factory.DetectorFactory()
    factory.langlist = [profile["name"] for profile in profiles]
    factory.word_lang_prob_map = _Probabilities(profiles, len(names))
    detector_factory._factory = factory


_keeping = 0
_KEEPING_LOCK = threading.Lock()


def _free_profiles() -> None:
    import sys

    factory = sys.modules.get("langdetect.detector_factory")
    if factory is not None:
        factory._factory = None  # type: ignore[attr-defined]


@contextlib.contextmanager
def keeping_profiles() -> Iterator[None]:
    """Within the block (in any thread), langdetect's profiles stay loaded between articles: a
    batch or a cluster worker loads them once (half a second), not once an article. Freed when
    the last such block ends."""
    global _keeping
    with _KEEPING_LOCK:
        _keeping += 1
    try:
        yield
    finally:
        with _KEEPING_LOCK:
            _keeping -= 1
            if not _keeping:
                _free_profiles()


__all__ = ["LanguageChoice", "choose_language", "detect_language", "judge", "keeping_profiles"]
