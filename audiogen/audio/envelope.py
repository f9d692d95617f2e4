"""The envelope of decoded audio: its level over time in short windows and where it first clips.
Each mastered run keeps its own (:mod:`audiogen.audio.master`), so a track's envelope is its runs'
envelopes joined, and the checks (:mod:`audiogen.qa.checks`) read it without decoding the track."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from audiogen.types import Audio

WINDOW_MS = 10
"""Resolution of the envelope."""

CLIP_RUN = 3
"""This many consecutive full-scale samples mean the waveform was clipped, not merely loud."""


def true_runs(mask: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of True in ``mask``."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def envelope_window(sample_rate: int, tile: int | None = None) -> int:
    """Samples per envelope window: ``WINDOW_MS``, or with ``tile`` the largest divisor of
    ``tile`` samples that is not longer, so that windows tile pieces of ``tile`` samples (the
    MP3 runs of :mod:`audiogen.audio.master`) and a track's envelope is its pieces' envelopes
    concatenated."""
    size = max(1, sample_rate * WINDOW_MS // 1000)
    if tile is None:
        return size
    return max(d for d in range(1, min(size, tile) + 1) if tile % d == 0)


@dataclass(frozen=True)
class Envelope:
    """What the checks read of a track: its level over time and where it first clips."""

    power: NDArray[np.float32]
    """Mean square (full scale: 1) of each window of ``window`` samples."""

    window: int
    """Samples per window."""

    sample_rate: int
    """Samples per second."""

    clip_at: int | None = None
    """Sample where the first run of ``CLIP_RUN`` or more full-scale samples starts, if any."""

    @classmethod
    def of(cls, audio: Audio, window: int | None = None) -> Envelope:
        """The envelope of 16-bit mono ``audio`` (default window: :func:`envelope_window`); a
        last partial window is left out."""
        if audio.sample_width != 2 or audio.channels != 1:
            raise ValueError("the checks take 16-bit mono audio")
        rate = audio.sample_rate
        size = window or envelope_window(rate)
        samples = np.frombuffer(audio.pcm, dtype="<i2")
        n = len(samples) // size
        # float32 is exact enough for a level in dB and halves the work over minutes of audio
        frames = samples[: n * size].reshape(n, size).astype(np.float32) / np.float32(32768.0)
        power = np.einsum("ij,ij->i", frames, frames) / np.float32(size)
        full = (samples >= 32767) | (samples <= -32767)
        clip_at = next((a for a, b in true_runs(full) if b - a >= CLIP_RUN), None)
        return cls(power.astype(np.float32), size, rate, clip_at)

    @classmethod
    def join(cls, parts: Sequence[tuple[int, Envelope]]) -> Envelope:
        """The envelope of a track made of pieces, each given with the sample it starts at (a
        whole number of windows, with no gap): their windows in order, and the first clip."""
        if not parts:
            raise ValueError("Envelope.join needs at least one piece")
        first = parts[0][1]
        clip_at = next(
            (start + env.clip_at for start, env in parts if env.clip_at is not None), None
        )
        return cls(
            np.concatenate([env.power for _, env in parts]),
            first.window,
            first.sample_rate,
            clip_at,
        )

    def levels_db(self) -> NDArray[np.float64]:
        """dBFS of each window."""
        return np.asarray(10 * np.log10(np.maximum(self.power.astype(np.float64), 1e-18)))


__all__ = ["CLIP_RUN", "WINDOW_MS", "Envelope", "envelope_window", "true_runs"]
