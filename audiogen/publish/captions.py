"""Sentence-level WebVTT captions from the manifest's real timings.

Cue text is the sentence as written ("UNOCT", "28-30 June"), not the spoken form the voice was
given ("U N O C T"): a caption reader expects the article's words. Each cue's identifier (``s1``,
``s2``, ...) is the key the read-along script uses to find the sentence on the page.
"""

from __future__ import annotations

from audiogen.types import Manifest, TimedSentence


def timestamp(ms: int) -> str:
    """A WebVTT timestamp, always with hours: ``01:02:03.456``."""
    ms = max(0, int(ms))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def cue_id(index: int) -> str:
    """The identifier of the cue for sentence ``index`` (0-based)."""
    return f"s{index + 1}"


def cue_text(sentence: TimedSentence) -> str:
    """The sentence as one line of WebVTT cue text: ``&``, ``<`` and ``>`` escaped (so ``-->``
    cannot end the cue), and line breaks folded, since a blank line would end it."""
    text = " ".join(sentence.display.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(manifest: Manifest) -> str:
    """The captions file: one cue per sentence, in speaking order."""
    lines = ["WEBVTT", ""]
    for i, s in enumerate(manifest.sentences):
        # A cue must end after it starts; a rounding tie would make a player drop it.
        end = max(s.end_ms, s.start_ms + 1)
        lines += [cue_id(i), f"{timestamp(s.start_ms)} --> {timestamp(end)}", cue_text(s), ""]
    return "\n".join(lines)
