"""The article's language from its text: each paragraph judged on its own by langdetect (whose
profiles ship in the package, so this works offline), the language of most of the text wins."""

from __future__ import annotations

from collections.abc import Sequence

from audiogen.types import Article, Memo

_DETECT_CHARS = 4000
"""Detection judges the article's first this many characters: plenty to tell a language."""

_DETECT_UNIT_CHARS = 1000
"""A longer paragraph is judged by its beginning."""

_DETECT_WORDS = 5
"""A paragraph shorter than this (a heading, a dateline) is left out of detection."""

_DETECT_SHARE = 0.8
"""The language of at least this share of the judged text is the article's."""


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
    from importlib.metadata import version

    units = _detection_units(article)
    if not units:
        return None
    total = sum(len(u) for u in units)
    votes: dict[str, float] = {}
    ident = {"langdetect": version("langdetect"), "seed": 0}

    def vote(unit: str, found: dict[str, float]) -> None:
        for lang, prob in found.items():
            votes[lang] = votes.get(lang, 0.0) + prob * len(unit)

    def decided() -> str | None:
        best = max(votes, key=lambda k: votes[k], default=None)
        return best if best is not None and votes[best] >= _DETECT_SHARE * total else None

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
    return decided()


def judge(texts: Sequence[str]) -> list[dict[str, float]]:
    """langdetect's probability of each language for each of ``texts``."""
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0  # langdetect samples at random; fixed, the answer is repeatable
    out: list[dict[str, float]] = []
    try:
        for text in texts:
            try:
                out.append({str(x.lang): float(x.prob) for x in detect_langs(text)})
            except LangDetectException:
                out.append({})
    finally:
        # langdetect keeps ~60 MB of language profiles for the life of the process; a build
        # needs that memory for the voice more than it needs the next detection to be fast.
        import langdetect.detector_factory

        langdetect.detector_factory._factory = None
    return out


__all__ = ["detect_language", "judge"]
