"""Checks that need no speech recognizer, run on every build and written to the manifest.

They look at the decoded MP3 (what a listener hears) and the sentence timings: clipping (true
peak over the ceiling, runs of full-scale samples), loudness off target, silences longer than any
configured pause, sentences whose time per word is implausible for the voice, and sentences that
are empty or cut off. A check never fails the build; it reports, and ``audiogen verify`` (or a CI
job reading the manifest) decides what to do.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from audiogen.audio.envelope import CLIP_RUN, Envelope, true_runs
from audiogen.types import Audio, Pauses, TimedSentence

SILENCE_DBFS = -50.0
"""A 10 ms window quieter than this is silence (the level join.py trims sentence edges at)."""

SILENCE_SLACK_MS = 400
"""Silence allowed beyond the longest configured pause: each sentence keeps a short silent edge,
and a voice's own pause at a comma or before a quiet consonant adds to it."""

LOUDNESS_TOLERANCE_LU = 1.0
"""Integrated loudness may sit this far from the target (the README's promise)."""

PEAK_TOLERANCE_DB = 0.05
"""True peak may exceed the ceiling by this much (rounding in the meter)."""

PACE_MIN_WORDS = 4
"""Sentences shorter than this say too little to judge their pace."""

PACE_FACTOR = 2.5
"""A sentence slower or faster than the article's median pace by this factor is implausible."""

VOICE_MS_PER_WORD = (150.0, 1000.0)
"""Plausible median time per word for any voice (400 to 60 words a minute)."""

EMPTY_VOICED_FRACTION = 0.1
"""A sentence with less sound than this fraction of its span is empty."""

TAIL_MS = 20
"""A sentence's last this many milliseconds should be quiet: join.py keeps a silent edge."""

TAIL_DBFS = -30.0
"""Louder than this at the very end, the sentence was cut off mid-sound."""


@dataclass(frozen=True)
class Problem:
    """One thing a check found."""

    check: str
    """``clipping``, ``loudness``, ``silence``, ``pace``, ``empty`` or ``truncated``."""

    message: str
    """What is wrong, for a person."""

    sentence: int | None = None
    """Index of the sentence in the manifest, when the problem belongs to one."""

    at_ms: int | None = None
    """Where in the MP3 it is, when it has a place."""


def _sentence_at(sentences: Sequence[TimedSentence], ms: float) -> int | None:
    for i, s in enumerate(sentences):
        if s.start_ms <= ms < s.end_ms:
            return i
    return None


def run_checks(
    track: Audio | Envelope,
    sentences: Sequence[TimedSentence],
    *,
    loudness_lufs: float,
    true_peak_dbtp: float,
    target_lufs: float,
    ceiling_dbtp: float,
    pauses: Pauses,
    intro_ms: int = 0,
    outro_ms: int = 0,
) -> dict[str, Any]:
    """Check the decoded MP3 (16-bit mono audio, or its :class:`Envelope`) against its sentence
    timings and targets.

    Returns the manifest's ``checks``: ``passed``, ``problems`` (each a :class:`Problem` as a dict)
    and ``measured`` (the numbers the checks compared).
    """
    envelope = track if isinstance(track, Envelope) else Envelope.of(track)
    rate, window = envelope.sample_rate, envelope.window

    def at(ms: float) -> int:
        # the window holding `ms` (a window is whole samples, so dividing by WINDOW_MS would
        # drift by a second over a long article)
        return int(ms * rate / (1000 * window))

    def ms_of(index: int) -> int:
        return round(1000 * index * window / rate)

    env = envelope.levels_db()
    problems: list[Problem] = []

    # clipping: over the ceiling, or a flat top of full-scale samples
    if true_peak_dbtp > ceiling_dbtp + PEAK_TOLERANCE_DB:
        problems.append(
            Problem("clipping", f"true peak {true_peak_dbtp:.2f} dBTP is over {ceiling_dbtp} dBTP")
        )
    if envelope.clip_at is not None:  # one is enough to say the track is clipped
        clip_ms = 1000 * envelope.clip_at / rate
        problems.append(
            Problem(
                "clipping",
                f"{CLIP_RUN} or more clipped samples in a row",
                _sentence_at(sentences, clip_ms),
                int(clip_ms),
            )
        )

    if math.isfinite(loudness_lufs) and abs(loudness_lufs - target_lufs) > LOUDNESS_TOLERANCE_LU:
        problems.append(
            Problem(
                "loudness",
                f"integrated loudness {loudness_lufs:.1f} LUFS is off the target {target_lufs:g}",
            )
        )

    # silences, in the speech only (an intro or outro may hold silences of its own)
    allowed_ms = max(pauses.sentence_ms, pauses.paragraph_ms, pauses.heading_ms)
    allowed_ms += 2 * pauses.edge_ms + SILENCE_SLACK_MS
    first = at(intro_ms)
    last = max(first, len(env) - at(outro_ms))
    longest = 0
    for a, b in true_runs(env[first:last] < SILENCE_DBFS):
        ms = ms_of(b - a)
        # leading and trailing silence of the track are the codec's padding, not a pause
        if a == 0 or first + b >= last:
            continue
        longest = max(longest, ms)
        if ms > allowed_ms:
            start = ms_of(first + a)
            problems.append(
                Problem(
                    "silence",
                    f"{ms} ms of silence, longer than the longest pause allowed ({allowed_ms} ms)",
                    _sentence_at(sentences, start + ms / 2),
                    start,
                )
            )

    paces = _sentence_checks(env, at, sentences, problems)
    median = float(np.median(paces)) if paces else None
    if median is not None and not VOICE_MS_PER_WORD[0] <= median <= VOICE_MS_PER_WORD[1]:
        problems.append(
            Problem("pace", f"{60000 / median:.0f} words a minute is implausible for a voice")
        )
    measured = {
        "longest_silence_ms": longest,
        "allowed_silence_ms": allowed_ms,
        "words_per_minute": round(60000 / median, 1) if median else None,
    }
    return {
        "passed": not problems,
        "problems": [asdict(p) for p in problems],
        "measured": measured,
    }


def _sentence_checks(
    env: NDArray[np.float64],
    at: Callable[[float], int],
    sentences: Sequence[TimedSentence],
    problems: list[Problem],
) -> list[float]:
    """Empty, truncated and implausibly paced sentences (``at`` gives the window of a time in
    ms); returns the pace (ms a word) of each sentence long enough to judge."""
    paces: list[tuple[int, float]] = []
    for i, s in enumerate(sentences):
        span = env[at(s.start_ms) : max(at(s.start_ms), at(s.end_ms))]
        voiced = float(np.mean(span >= SILENCE_DBFS)) if len(span) else 0.0
        if voiced < EMPTY_VOICED_FRACTION:
            problems.append(Problem("empty", "the sentence is (nearly) silent", i, s.start_ms))
            continue
        tail = span[-max(1, at(TAIL_MS)) :]
        if float(np.max(tail)) > TAIL_DBFS:
            problems.append(
                Problem("truncated", "the sentence stops while still sounding", i, s.end_ms)
            )
        words = len(s.text.split())
        if words >= PACE_MIN_WORDS:
            paces.append((i, (s.end_ms - s.start_ms) / words))
    if not paces:
        return []
    median = float(np.median([p for _, p in paces]))
    for i, ms_per_word in paces:
        s = sentences[i]
        if ms_per_word > PACE_FACTOR * median:
            problems.append(
                Problem(
                    "pace",
                    f"{ms_per_word:.0f} ms a word, far slower than the voice's "
                    f"{median:.0f} ms here",
                    i,
                    s.start_ms,
                )
            )
        elif ms_per_word < median / PACE_FACTOR:
            problems.append(
                Problem(
                    "truncated",
                    f"{ms_per_word:.0f} ms a word, too short for its words "
                    f"(the voice takes {median:.0f} ms here)",
                    i,
                    s.start_ms,
                )
            )
    return [p for _, p in paces]


__all__ = ["Problem", "run_checks"]
