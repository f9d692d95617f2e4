"""Mastering: each segment of the track leveled, encoded and measured on its own, then the MP3
frames joined without encoding again.

A segment is one sentence (or the intro or outro) and the pause after it. Its speech is brought
to the target loudness under the true-peak ceiling (:func:`audiogen.audio.loudness.level`), the
pause is appended as digital silence and the whole is encoded by a fresh LAME encoder: a *run* of
MP3 frames that needs nothing from the frames before it (the first frame of a fresh encoder takes
no bits from the bit reservoir). Runs end in silence, so decoding the concatenated runs gives
exactly the concatenation of each run decoded alone: a test checks that sample for sample.

Each run is then decoded and measured as a player hears it. LAME scales what it encodes (by 0.95,
-0.45 dB: :func:`.encode.encoder_gain_db` measures it), so the leveling aims past that;
the codec's inter-sample peaks can still rise and its loudness wander a little, so a run that
misses the loudness by more than 0.1 LU or the ceiling at all is leveled and encoded again,
aimed past the miss.

A run depends on nothing but its own segment and the settings, so the build keeps runs in its
store (:mod:`audiogen.make.assemble`) and an edit to one sentence levels and encodes that sentence
alone.
"""

from __future__ import annotations

import logging
import math
import os
import struct
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from audiogen.audio.cores import cores
from audiogen.audio.encode import (
    ENCODER_DELAY,
    encode_mp3,
    encoder_gain_db,
)
from audiogen.audio.envelope import Envelope, envelope_window
from audiogen.audio.loudness import (
    block_hop,
    energy_bins,
    integrated_loudness,
    k_filter_length,
    k_weighted,
    level,
    loudness_of_energies,
    short_loudness,
    to_float,
)
from audiogen.audio.truepeak import true_peak
from audiogen.types import Audio, Segment

logger = logging.getLogger(__name__)

HEADROOM_DB = 1.0
"""The limiter aims this far below the ceiling: encoding raises inter-sample peaks."""

LOUDNESS_TOLERANCE_LU = 0.1
"""A run whose decoded speech is further than this from the target is leveled again."""

ATTEMPTS = 4
"""Level-encode-measure rounds at most per run."""

_FRAME = 576
"""Samples per MP3 frame at the rates speech uses (MPEG-2: 16-24 kHz); 1152 above them."""

_HEADER = struct.Struct("<4sIIIddIIIIi")
# magic, sample rate, decoded frames, frames of speech, loudness, true peak, energy bin size,
# bins, envelope window, windows, first clipped sample (-1: none)


@dataclass(frozen=True)
class Run:
    """A segment as MP3 frames that play on their own, with what was measured of them decoded."""

    mp3: bytes
    """Whole MP3 frames, no header frame: runs are joined by concatenation."""

    frames: int
    """Samples the run decodes to, its encoder delay and padding included."""

    speech_frames: int
    """Samples of the segment's own sound; it starts :data:`ENCODER_DELAY` samples into the
    decoded run, and silence fills the rest."""

    loudness_lufs: float
    """Loudness of the decoded sound (``-inf`` for silence)."""

    true_peak_dbtp: float
    """True peak of the decoded run."""

    energy: NDArray[np.float32]
    """Energy of the decoded run after K-weighting, in bins of ``energy_bin`` samples (empty
    when the meter's 100 ms hop is not a whole number of samples)."""

    energy_bin: int
    """Samples per energy bin (:func:`bin_size`)."""

    envelope: Envelope
    """What the checks read of the decoded run."""

    def to_bytes(self) -> bytes:
        """The run as bytes (the store keeps runs so; :meth:`from_bytes` reads them back)."""
        env = self.envelope
        head = _HEADER.pack(
            b"AGR3",
            env.sample_rate,
            self.frames,
            self.speech_frames,
            self.loudness_lufs,
            self.true_peak_dbtp,
            self.energy_bin,
            len(self.energy),
            env.window,
            len(env.power),
            -1 if env.clip_at is None else env.clip_at,
        )
        energy = self.energy.astype("<f4").tobytes()
        return head + energy + env.power.astype("<f4").tobytes() + self.mp3

    @classmethod
    def from_bytes(cls, data: bytes) -> Run | None:
        """A run stored by :meth:`to_bytes`, or ``None`` when the bytes are not one."""
        if len(data) < _HEADER.size:
            return None
        magic, sample_rate, frames, speech, loud, peak, size, bins, window, windows, clip = (
            _HEADER.unpack_from(data)
        )
        start = _HEADER.size
        end = start + 4 * (bins + windows)
        if magic != b"AGR3" or len(data) < end:
            return None
        energy = np.frombuffer(data, "<f4", bins, start)
        power = np.frombuffer(data, "<f4", windows, start + 4 * bins)
        env = Envelope(power, window, sample_rate, None if clip < 0 else clip)
        return cls(data[end:], frames, speech, loud, peak, energy, size, env)


def bin_size(sample_rate: int) -> int:
    """Samples per energy bin: the largest that tiles both an MP3 frame and the loudness meter's
    100 ms hop, so that runs, which start on frame boundaries, give the whole track's meter
    readings by concatenation (9 samples at 22.05 kHz); 0 when the hop is not whole samples."""
    hop = block_hop(sample_rate)
    return math.gcd(frame_size(sample_rate), hop) if hop else 0


def frame_size(sample_rate: int) -> int:
    """Samples per MP3 frame at ``sample_rate``."""
    return _FRAME if sample_rate < 32000 else 2 * _FRAME


OVERHEAD = 1152
"""A run of ``n`` samples decodes to ``ceil((n + OVERHEAD) / frame)`` whole frames: LAME's
delay of 1105 samples, then the input, then at least 47 more (a test checks it at every rate)."""


def padding(pause_frames: int, sample_rate: int) -> int:
    """Silence to append to a segment so that the pause heard after it is ``pause_frames``,
    within half a frame: the rest of its run (:data:`OVERHEAD` less the encoder delay, and the
    padding to a whole frame) and the next run's encoder delay are heard as silence too."""
    return max(0, pause_frames - OVERHEAD - frame_size(sample_rate) // 2)


def master_segment(
    segment: Segment, target_lufs: float, ceiling_dbtp: float, bitrate_kbps: int
) -> Run:
    """Level and encode one segment (see the module's description)."""
    audio = segment.audio
    if audio.sample_width != 2 or audio.channels != 1:
        raise ValueError("master_segment takes 16-bit mono audio")
    rate, n = audio.sample_rate, audio.frames
    silence = b"\0\0" * padding(segment.pause_frames, rate)
    # The encoder's own gain is made up for in advance, so one round usually lands.
    gain = encoder_gain_db(rate, bitrate_kbps)
    aim, limit_at = target_lufs - gain, ceiling_dbtp - HEADROOM_DB - gain
    # Leveled with its pause, as it sits in the track: the track's meter counts the blocks that
    # straddle a sentence's edges too, and short sentences have many of them.
    with_pause = Audio(audio.pcm + silence, rate)
    for _ in range(ATTEMPTS):
        leveled, _ = level(with_pause, aim, limit_at)
        mp3 = encode_mp3(leveled, bitrate_kbps)
        decoded = Audio.from_mp3(mp3)
        x = to_float(decoded)
        kx = k_weighted(x, rate)
        loud = short_loudness(kx, rate)
        peak = true_peak(x, rate)
        miss = loud - target_lufs if math.isfinite(loud) else 0.0
        over = peak - ceiling_dbtp
        if abs(miss) <= LOUDNESS_TOLERANCE_LU and over <= 0:
            break
        if abs(miss) > LOUDNESS_TOLERANCE_LU:
            aim -= miss
        if over > 0:
            limit_at -= over + 0.2
    size = bin_size(rate)
    energy = energy_bins(kx, size).astype(np.float32) if size else np.zeros(0, np.float32)
    envelope = Envelope.of(decoded, envelope_window(rate, frame_size(rate)))
    return Run(mp3, decoded.frames, n, loud, peak, energy, size, envelope)


def master(
    segments: Sequence[Segment],
    *,
    target_lufs: float,
    ceiling_dbtp: float,
    bitrate_kbps: int,
    jobs: int | None = None,
) -> list[Run]:
    """Every segment as a run (:func:`master_segment`), in order, on up to ``jobs`` threads
    (default: the number of cores): numpy and LAME release the GIL."""

    def make(segment: Segment) -> Run:
        # segments side by side use the cores: threads within each would only fight
        with cores(1):
            return master_segment(segment, target_lufs, ceiling_dbtp, bitrate_kbps)

    workers = max(1, min(len(segments), jobs or os.cpu_count() or 1))
    if workers == 1:
        return [make(s) for s in segments]
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(make, segments))


@dataclass(frozen=True)
class Measured:
    """What was measured of a whole track of runs, decoded."""

    frames: int
    """Samples the track decodes to."""

    loudness_lufs: float
    """Integrated loudness (BS.1770-4)."""

    true_peak_dbtp: float
    """True peak."""

    envelope: Envelope
    """What the checks read (see :mod:`audiogen.qa.checks`)."""

    from_runs: bool
    """True when this comes from the runs' own measurements, not a decode of the track."""


def measure_track(runs: Sequence[Run], sample_rate: int) -> Measured:
    """Loudness, true peak and envelope of the track that ``runs`` make, decoded.

    Decoding the track gives each run decoded alone, one after the other, and each run ends in
    silence, so the track's measurements follow from the runs' own: the true peak is the highest
    of theirs, the envelope is theirs in order (windows tile the runs), and the meter's blocks are
    sums of the runs' K-weighted energy bins (bins tile the runs and the meter's hop). That is
    exact (a test checks it against a decode) while the K-weighting filter of one run has died
    out before the next begins: each run must end in more silence than the filter is long. When
    that does not hold (pauses set below about 150 ms) or the bins cannot tile the hop, the
    track is decoded and measured whole, as a player hears it.
    """
    frames = sum(run.frames for run in runs)
    size = bin_size(sample_rate)
    quiet = k_filter_length(sample_rate) + frame_size(sample_rate)
    if (
        size
        and all(run.energy_bin == size and len(run.energy) * size == run.frames for run in runs)
        and all(run.frames - ENCODER_DELAY - run.speech_frames >= quiet for run in runs[:-1])
    ):
        at = starts(runs)
        return Measured(
            frames,
            loudness_of_energies(np.concatenate([run.energy for run in runs]), size, sample_rate),
            max(run.true_peak_dbtp for run in runs),
            Envelope.join(
                [(a - ENCODER_DELAY, run.envelope) for a, run in zip(at, runs, strict=True)]
            ),
            True,
        )
    decoded = Audio.from_mp3(b"".join(run.mp3 for run in runs))
    x = to_float(decoded)
    return Measured(
        decoded.frames,
        integrated_loudness(x, sample_rate),
        true_peak(x, sample_rate),
        Envelope.of(decoded, envelope_window(sample_rate, frame_size(sample_rate))),
        False,
    )


def starts(runs: Sequence[Run]) -> list[int]:
    """Where each run's sound starts in the decoded track, in samples."""
    out, at = [], 0
    for run in runs:
        out.append(at + ENCODER_DELAY)
        at += run.frames
    return out


__all__ = [
    "Measured",
    "Run",
    "bin_size",
    "frame_size",
    "master",
    "master_segment",
    "measure_track",
    "padding",
    "starts",
]
