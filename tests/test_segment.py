"""Segments of the track: each sentence trimmed to its edges, the pause after it, no crossfade."""

from __future__ import annotations

import numpy as np
import pytest

from audiogen.audio.segment import FADE_MS, pause_after, pauses_after, segment
from audiogen.types import Audio, Pauses, Sentence


def _burst(ms: int, rate: int = 22050, silence_ms: int = 0) -> Audio:
    n = rate * ms // 1000
    pad = np.zeros(rate * silence_ms // 1000, dtype="<i2")
    tone = (np.sin(np.arange(n) * 0.3) * 10000).astype("<i2")
    return Audio(np.concatenate([pad, tone, pad]).tobytes(), rate)


S = [
    Sentence("Title.", "title", 0, 0),
    Sentence("One.", "body", 1, 0),
    Sentence("Two.", "body", 1, 0),
    Sentence("Three.", "body", 2, 0),
    Sentence("Heading.", "heading", 3, 1),
    Sentence("Four.", "body", 4, 1),
]


@pytest.mark.parametrize(
    ("i", "expected"), [(0, 1000), (1, 300), (2, 700), (3, 1000), (4, 1000), (5, 0)]
)
def test_pause_rules(i: int, expected: int) -> None:
    following = S[i + 1] if i + 1 < len(S) else None
    assert pause_after(S[i], following, Pauses()) == expected


def test_segments_are_trimmed_and_paused_untouched() -> None:
    rate = 22050
    audios = [_burst(200, silence_ms=300) for _ in S]
    pauses = Pauses(edge_ms=40)
    parts = [
        segment(audio, gap, pauses.edge_ms, rate)
        for audio, gap in zip(audios, pauses_after(S, pauses), strict=True)
    ]
    assert all(p.audio.sample_rate == rate and p.audio.channels == 1 for p in parts)
    # engine padding is trimmed to edge_ms a side
    lengths = [p.audio.frames / rate * 1000 for p in parts]
    assert all(270 < n < 290 for n in lengths), lengths
    gaps = [p.pause_frames / rate * 1000 for p in parts]
    assert gaps == pytest.approx([1000, 300, 700, 1000, 1000, 0], abs=1)
    # no crossfade altered the speech: the segment is an untouched slice of the original, but
    # for the fade-out over its last FADE_MS
    original = np.frombuffer(audios[0].pcm, "<i2")
    kept = np.frombuffer(parts[0].audio.pcm, "<i2")
    faded = rate * FADE_MS // 1000
    windows = np.lib.stride_tricks.sliding_window_view(original, len(kept))
    assert np.any(np.all(windows[:, :-faded] == kept[:-faded], axis=1))


def test_a_segment_takes_the_tracks_rate() -> None:
    part = segment(_burst(200, rate=16000), 300, 40, 22050)
    assert part.audio.sample_rate == 22050 and part.pause_frames == 22050 * 300 // 1000
    assert 195 < part.audio.frames / 22050 * 1000 < 205  # resampled, nothing to trim


@pytest.mark.parametrize(
    ("ms", "silence_ms"),
    [(300, 0), (300, 200), (1000, 0), (120, 0)],
)
def test_every_sentence_ends_faded(ms: int, silence_ms: int) -> None:
    """A sentence that stops at full level (as espeak's do) still ends quiet: no click, and no
    'truncated' check; the fade takes nothing from the length."""
    audio = _burst(ms, silence_ms=silence_ms)
    seg = segment(audio, 300, 40, 22050).audio
    samples = np.frombuffer(seg.pcm, dtype="<i2").astype(float)
    tail = samples[-22050 * 20 // 1000 :]
    assert np.max(np.abs(tail)) <= 10000 * 10 ** (-30 / 20)
    assert seg.frames == len(samples) and seg.frames >= min(audio.frames, 22050 * (ms + 40) // 1000)
