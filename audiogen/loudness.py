"""Loudness: ITU-R BS.1770-4 integrated loudness, 4x-oversampled true peak, gain and a true-peak
limiter.

Speech for the web is published at -16 LUFS with a true-peak ceiling of -1 dBTP. Raw neural TTS
sits near -22 LUFS with peaks near full scale, so reaching the target needs gain *and* limiting.
The meter is vectorized (one IIR pass, cumulative sums for the gating blocks) because it runs
several times per build over minutes of audio; tests check it against pyloudnorm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from audiogen.types import Audio

Float = NDArray[np.floating]


@dataclass(frozen=True)
class Levels:
    """Measured levels of a piece of audio."""

    loudness_lufs: float
    """Integrated loudness (BS.1770-4, gated)."""

    true_peak_dbtp: float
    """True peak, measured on a 4x oversampled signal."""


def to_float(audio: Audio) -> Float:
    """Samples in [-1, 1) as float32 (plenty for 16-bit audio, half the memory of float64), mono."""
    if audio.sample_width != 2:
        raise ValueError("loudness works on 16-bit PCM")
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / np.float32(32768.0)
    if audio.channels > 1:
        x = x.reshape(-1, audio.channels).mean(axis=1)
    return x


def from_float(x: Float, sample_rate: int) -> Audio:
    """16-bit PCM from float samples (clipped to the 16-bit range)."""
    pcm = np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2").tobytes()
    return Audio(pcm, sample_rate, 2, 1)


@lru_cache(maxsize=8)
def _k_weighting(rate: int) -> NDArray[np.float64]:
    """BS.1770 K-weighting (high shelf + high pass) as second-order sections for ``rate``.

    The standard gives coefficients at 48 kHz only; these are the same analog prototypes
    (shelf +4 dB at 1.5 kHz, Q 0.7071; high pass at 38 Hz, Q 0.5) through the bilinear transform,
    as pyloudnorm derives them.
    """
    sections = []
    for kind, gain_db, q, fc in (
        ("shelf", 4.0, 1 / math.sqrt(2.0), 1500.0),
        ("hp", 0.0, 0.5, 38.0),
    ):
        a_ = 10 ** (gain_db / 40.0)
        w0 = 2.0 * math.pi * fc / rate
        alpha = math.sin(w0) / (2.0 * q)
        cos = math.cos(w0)
        if kind == "shelf":
            sq = 2.0 * math.sqrt(a_) * alpha
            b = [
                a_ * ((a_ + 1) + (a_ - 1) * cos + sq),
                -2 * a_ * ((a_ - 1) + (a_ + 1) * cos),
                a_ * ((a_ + 1) + (a_ - 1) * cos - sq),
            ]
            a = [
                (a_ + 1) - (a_ - 1) * cos + sq,
                2 * ((a_ - 1) - (a_ + 1) * cos),
                (a_ + 1) - (a_ - 1) * cos - sq,
            ]
        else:
            b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
            a = [1 + alpha, -2 * cos, 1 - alpha]
        sections.append([*(v / a[0] for v in b), 1.0, a[1] / a[0], a[2] / a[0]])
    return np.array(sections, dtype=np.float64)


def integrated_loudness(x: Float, sample_rate: int) -> float:
    """Gated integrated loudness in LUFS (BS.1770-4); ``-inf`` for silence or under 400 ms."""
    from scipy.signal import sosfilt

    block = int(round(0.4 * sample_rate))
    if len(x) < block or not np.any(x):
        return float("-inf")
    y = sosfilt(_k_weighting(sample_rate).astype(x.dtype), x)
    energy = np.concatenate(([0.0], np.cumsum(np.square(y, dtype=np.float64))))
    # 400 ms blocks overlapping by 75 %, as the standard and pyloudnorm lay them out.
    step = 0.1 * sample_rate
    count = int(round((len(x) / sample_rate - 0.4) / 0.1)) + 1
    starts = np.round(np.arange(count) * step).astype(np.int64)
    ends = np.minimum(starts + block, len(x))
    keep = ends > starts
    z = (energy[ends[keep]] - energy[starts[keep]]) / block
    with np.errstate(divide="ignore"):
        lk = -0.691 + 10.0 * np.log10(z)
    above_abs = z[lk > -70.0]
    if not len(above_abs):
        return float("-inf")
    relative_gate = -0.691 + 10.0 * math.log10(float(above_abs.mean())) - 10.0
    gated = z[(lk > -70.0) & (lk > relative_gate)]
    return float(-0.691 + 10.0 * math.log10(float(gated.mean())))


@lru_cache(maxsize=1)
def _oversampling_filter() -> NDArray[np.float64]:
    from scipy.signal import firwin

    # 48 taps (12 per phase), the length BS.1770-4 annex 2 uses for 4x oversampling.
    return np.asarray(firwin(48, 0.25, window=("kaiser", 8.0)) * 4.0, dtype=np.float64)


_BLOCK = 2048


def sample_peaks_oversampled(x: Float, floor: float = 0.0) -> Float:
    """For each sample, the largest magnitude among it and its four oversampled points.

    Oversampling is the costly part, so it is done only in blocks that could hold a value above
    ``floor``: an oversampled point is a 12-tap weighted sum of its neighbours, so it cannot exceed
    the neighbours' peak times the filter phase's L1 norm. Elsewhere the result is ``|x|``, exact
    for every value that matters (anything above ``floor``).
    """
    from scipy.signal import upfirdn

    h = _oversampling_filter()
    bound = float(np.abs(h.reshape(-1, 4)).sum(axis=0).max())
    taps = len(h) // 4
    out = np.abs(x)
    n = len(x)
    if not n:
        return out
    blocks = -(-n // _BLOCK)
    padded = np.pad(out, (0, blocks * _BLOCK - n)).reshape(blocks, _BLOCK).max(axis=1)
    # a block's points also depend on up to `taps` samples of each neighbour
    near = np.maximum(padded, np.maximum(np.roll(padded, 1), np.roll(padded, -1)))
    delay = (len(h) - 1) // 2
    hot = np.concatenate(([False], near * bound > floor, [False]))
    edges = np.flatnonzero(hot[1:] != hot[:-1])  # runs of candidate blocks: [start, stop) pairs
    for b0, b1 in zip(edges[::2], edges[1::2], strict=True):
        lo, hi = b0 * _BLOCK, min(n, b1 * _BLOCK)
        a, z = max(0, lo - taps), min(n, hi + taps)
        y = np.abs(upfirdn(h.astype(x.dtype), x[a:z], up=4))
        first = 4 * (lo - a) + delay
        seg = y[first : first + 4 * (hi - lo)]
        if len(seg) < 4 * (hi - lo):
            seg = np.pad(seg, (0, 4 * (hi - lo) - len(seg)))
        out[lo:hi] = np.maximum(out[lo:hi], seg.reshape(-1, 4).max(axis=1))
    return out


def true_peak(x: Float) -> float:
    """True peak in dBTP (4x oversampling, BS.1770-4 annex 2)."""
    if not len(x):
        return float("-inf")
    peak = float(sample_peaks_oversampled(x, float(np.max(np.abs(x)))).max())
    return 20.0 * math.log10(peak) if peak > 0 else float("-inf")


def measure(audio: Audio) -> Levels:
    """Loudness and true peak of ``audio``."""
    x = to_float(audio)
    return Levels(integrated_loudness(x, audio.sample_rate), true_peak(x))


def compress(
    x: Float, sample_rate: int, threshold_db: float, ratio: float = 3.0, window_ms: float = 20.0
) -> Float:
    """A gentle RMS compressor: above ``threshold_db`` (RMS over ``window_ms``), level rises at
    ``1/ratio``. Neural TTS has a crest factor near 25 dB, far above the 15 dB that -16 LUFS with a
    -1 dBTP ceiling leaves; compressing the loudest syllables first keeps the limiter light.

    The gain is computed on a 5 ms grid and interpolated: it follows syllables, not samples.
    """
    hop = max(1, sample_rate // 200)
    n = len(x)
    frames = -(-n // hop)
    power = (
        np.pad(np.square(x, dtype=np.float64), (0, frames * hop - n)).reshape(frames, hop).mean(1)
    )
    span = max(1, int(round(window_ms / 5.0)))
    rms_db = 10.0 * np.log10(np.maximum(np.convolve(power, np.ones(span) / span, "same"), 1e-12))
    reduction_db = np.maximum(0.0, rms_db - threshold_db) * (1.0 - 1.0 / ratio)
    # smooth over two windows so the gain moves no faster than the syllables it follows
    reduction_db = np.convolve(reduction_db, np.ones(2 * span) / (2 * span), "same")
    centres = np.arange(frames) * hop + hop / 2.0
    gain = 10 ** (-np.interp(np.arange(n), centres, reduction_db) / 20.0)
    return np.asarray(x * gain.astype(x.dtype))


def _limit_gain(peaks: Float, sample_rate: int, ceiling: float, lookahead_ms: float) -> Float:
    """The limiter's gain curve for signal peaks ``peaks`` (see :func:`limit`); 1 where no sample
    comes near the ceiling, so only the regions around loud peaks are filtered."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    n = len(peaks)
    gain = np.ones(n, dtype=np.float32)
    over = np.flatnonzero(peaks > ceiling)
    if not len(over):
        return gain
    w = max(1, int(sample_rate * lookahead_ms / 1000.0)) | 1  # odd, so the windows stay centred
    margin = 2 * w + 2
    # clusters of loud samples, merged when closer than the filters reach
    breaks = np.flatnonzero(np.diff(over) > 2 * margin)
    firsts = over[np.concatenate(([0], breaks + 1))]
    lasts = over[np.concatenate((breaks, [len(over) - 1]))]
    for first, last in zip(firsts, lasts, strict=True):
        a, b = max(0, first - margin), min(n, last + margin + 1)
        need = np.minimum(1.0, ceiling / np.maximum(peaks[a:b], 1e-12))
        floor = minimum_filter1d(need, size=2 * w + 1, mode="nearest")
        smooth = uniform_filter1d(floor, size=w, mode="nearest")
        gain[a:b] = np.minimum(smooth, need)
    return gain


def limit(x: Float, sample_rate: int, ceiling_dbtp: float, lookahead_ms: float = 5.0) -> Float:
    """Keep the true peak of ``x`` at or below ``ceiling_dbtp`` with a look-ahead limiter.

    The gain each sample needs comes from the oversampled signal; a running minimum over twice the
    look-ahead followed by a moving average over the look-ahead gives a smooth gain curve that is
    never above what any sample needs: nothing clips and there are no clicks.
    """
    ceiling = 10 ** (ceiling_dbtp / 20.0)
    peaks = sample_peaks_oversampled(x, ceiling)
    return np.asarray(x * _limit_gain(peaks, sample_rate, ceiling, lookahead_ms).astype(x.dtype))


def normalize(
    audio: Audio, target_lufs: float = -16.0, ceiling_dbtp: float = -1.0, passes: int = 4
) -> tuple[Audio, float]:
    """Bring ``audio`` to ``target_lufs`` with its true peak at or below ``ceiling_dbtp``.

    A gentle compressor narrows the crest factor, gain sets the loudness and a limiter holds the
    peaks. Limiting lowers loudness by an amount that grows with the gain, so the gain is found by
    the secant method until the loudness is within 0.1 LU (at most ``passes`` limiter runs).
    Oversampled peaks scale with gain, so they are computed once. Returns the audio and its
    loudness.
    """
    x = to_float(audio)
    rate = audio.sample_rate
    loud = integrated_loudness(x, rate)
    if not math.isfinite(loud):
        return audio, loud
    x = compress(x, rate, threshold_db=loud + 6.0)
    loud = integrated_loudness(x, rate)
    ceiling = 10 ** (ceiling_dbtp / 20.0)
    g0 = target_lufs - loud
    headroom_db = 12.0  # peaks are exact wherever a gain up to g0 + 12 dB could push them over
    peaks = sample_peaks_oversampled(x, ceiling / 10 ** ((g0 + headroom_db) / 20.0))

    def attempt(gain_db: float) -> tuple[Float, float]:
        g = 10 ** (gain_db / 20.0)
        y = x * (np.float32(g) * _limit_gain(peaks * g, rate, ceiling, 5.0))
        return y, integrated_loudness(y, rate)

    y, l0 = attempt(g0)
    g1 = g0 + (target_lufs - l0)
    for _ in range(passes - 1):
        if abs(target_lufs - l0) < 0.1 or g1 > g0 + headroom_db:
            break
        y1, l1 = attempt(g1)
        slope = (l1 - l0) / (g1 - g0) if g1 != g0 else 1.0
        g0, l0, y = g1, l1, y1
        g1 = g1 + (target_lufs - l1) / max(slope, 0.2)
    return from_float(y, rate), l0
