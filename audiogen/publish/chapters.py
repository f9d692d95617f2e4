"""Chapters: one for the title (from the start, intro included) and one per section heading, from
the manifest's real timings. The same list feeds the ID3 CHAP/CTOC frames and podcast:chapters."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from audiogen.types import Manifest, TimedSentence

PODCAST_CHAPTERS_VERSION = "1.2.0"
"""Version of the podcast namespace's JSON chapters format written."""


@dataclass(frozen=True)
class Chapter:
    """A stretch of the MP3 that players list and can jump to."""

    title: str
    """The heading as written (the article title for the first chapter)."""

    start_ms: int
    """Start in the decoded MP3, milliseconds."""

    end_ms: int
    """End in the decoded MP3 (the next chapter's start, or the end of the file)."""


def chapters_for(title: str, sentences: Sequence[TimedSentence], duration_ms: int) -> list[Chapter]:
    """The chapters of an MP3 whose sentences are ``sentences`` and that lasts ``duration_ms``.

    The first chapter starts at 0, not at the title's first word, so that it covers the intro; a
    heading's chapter starts where its first word is spoken, so jumping to it lands on the heading.
    """
    starts: list[tuple[str, int]] = [(title or _first_text(sentences, "title"), 0)]
    section = 0
    for s in sentences:
        if s.kind == "heading" and s.section != section:
            section = s.section
            heading = " ".join(
                x.display for x in sentences if x.kind == "heading" and x.section == section
            )
            starts.append((heading, s.start_ms))
    out: list[Chapter] = []
    for i, (name, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else duration_ms
        out.append(Chapter(name, start, max(end, start)))
    return out


def _first_text(sentences: Sequence[TimedSentence], kind: str) -> str:
    return " ".join(s.display for s in sentences if s.kind == kind) or "Start"


def chapters(manifest: Manifest) -> list[Chapter]:
    """The chapters of a built audio version."""
    return chapters_for(manifest.title, manifest.sentences, manifest.duration_ms)


def podcast_chapters(manifest: Manifest) -> dict[str, Any]:
    """The chapters in the podcast namespace's JSON chapters format (times in seconds)."""
    return {
        "version": PODCAST_CHAPTERS_VERSION,
        "chapters": [
            {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
            for c in chapters(manifest)
        ],
    }


def podcast_chapters_json(manifest: Manifest) -> bytes:
    """:func:`podcast_chapters` as UTF-8 JSON, for ``<slug>.chapters.json``."""
    doc = podcast_chapters(manifest)
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
