"""Joining sentence audio: pauses, spans, no crossfade."""

from __future__ import annotations

import numpy as np
import pytest

from audiogen.audio.segment import Pauses, join, pause_after
from audiogen.types import Audio, Sentence


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


def test_join_spans_and_pauses() -> None:
    rate = 22050
    audios = [_burst(200, silence_ms=300) for _ in S]
    pauses = Pauses(edge_ms=40)
    track, spans = join(S, audios, pauses)
    assert track.sample_rate == rate
    # engine padding is trimmed to edge_ms a side
    lengths = [(e - s) / rate * 1000 for s, e in spans]
    assert all(270 < n < 290 for n in lengths), lengths
    gaps = [(spans[i + 1][0] - spans[i][1]) / rate * 1000 for i in range(len(S) - 1)]
    assert gaps == pytest.approx([1000, 300, 700, 1000, 1000], abs=1)
    assert spans[-1][1] == track.frames  # no trailing silence after the last sentence
    # the pause really is silent, and no crossfade altered the speech
    x = np.frombuffer(track.pcm, dtype="<i2")
    assert not np.any(x[spans[1][1] + 900 : spans[2][0] - 900])
    original = np.frombuffer(audios[0].pcm, "<i2")
    kept = x[spans[0][0] : spans[0][1]]
    windows = np.lib.stride_tricks.sliding_window_view(original, len(kept))
    assert np.any(np.all(windows == kept, axis=1))  # an untouched slice of the original


def test_join_needs_matching_lists() -> None:
    with pytest.raises(ValueError):
        join(S, [_burst(100)])
