"""Loudness: ITU-R BS.1770-4 integrated loudness, true peak oversampled to at least 176.4 kHz, a
compressor and a true-peak limiter, in plain numpy.

Speech for the web is published at -16 LUFS with a true-peak ceiling of -1 dBTP. Raw neural TTS
sits near -22 LUFS with peaks near full scale, so reaching the target needs gain *and* dynamics.
All vectorized float32 numpy (scipy.signal's import alone costs a second); tests check the meter
against pyloudnorm and scipy. The meter also reads a track from its pieces' K-weighted energies
(:func:`loudness_of_energies`): a rebuild measures an article without decoding it again.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from audiogen.audio.cores import parallel
from audiogen.audio.truepeak import sample_peaks_oversampled, true_peak
from audiogen.types import Audio

Float = NDArray[np.floating]


@dataclass(frozen=True)
class Levels:
    """Measured levels of a piece of audio."""

    loudness_lufs: float
    """Integrated loudness (BS.1770-4, gated)."""

    true_peak_dbtp: float
    """True peak, measured on the signal oversampled to at least 176.4 kHz."""


def to_float(audio: Audio) -> Float:
    """Samples in [-1, 1) as float32 (plenty for 16-bit audio, half the memory of float64), mono."""
    if audio.sample_width != 2:
        raise ValueError("loudness works on 16-bit PCM")
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / np.float32(32768.0)
    if audio.channels > 1:
        x = x.reshape(-1, audio.channels).mean(axis=1, dtype=np.float32)
    return x


def from_float(x: Float, sample_rate: int) -> Audio:
    """16-bit PCM from float samples (clipped to the 16-bit range)."""
    pcm = np.clip(np.round(x * np.float32(32768.0)), -32768, 32767).astype("<i2").tobytes()
    return Audio(pcm, sample_rate, 2, 1)


# --- K-weighting and the gated meter ------------------------------------------------------------


def _biquads(rate: int) -> list[tuple[list[float], list[float]]]:
    """BS.1770 K-weighting (high shelf, then high pass) for ``rate``.

    The standard gives coefficients at 48 kHz only; these are the same analog prototypes (shelf
    +4 dB at 1.5 kHz, Q 0.7071; high pass at 38 Hz, Q 0.5) through the bilinear transform, as
    pyloudnorm derives them.
    """
    out = []
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
        out.append(([v / a[0] for v in b], [1.0, a[1] / a[0], a[2] / a[0]]))
    return out


@lru_cache(maxsize=8)
def _k_response(rate: int) -> tuple[int, NDArray[np.complex128]]:
    """The K-weighting filter's impulse response (run until it has decayed below 1e-9, i.e. exact
    for 16-bit audio) as an FFT for overlap-add, with the FFT size."""
    limit = 1 << 15
    h = np.zeros(limit)
    h[0] = 1.0
    for b, a in _biquads(rate):
        y = np.zeros(limit)
        x1 = x2 = y1 = y2 = 0.0
        for i in range(limit):
            x0 = h[i]
            y0 = b[0] * x0 + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2
            y[i] = y0
            x2, x1, y2, y1 = x1, x0, y1, y0
            if i > 64 and x0 == 0.0 and abs(y0) < 1e-12 and abs(y1) < 1e-12:
                break
        h = y
    significant = np.flatnonzero(np.abs(h) > 1e-9)
    taps = int(significant[-1]) + 1 if len(significant) else 1
    nfft = 1 << max(16, (4 * taps - 1).bit_length())
    return taps, np.fft.rfft(h[:taps], nfft)


def k_filter_length(sample_rate: int) -> int:
    """Samples until the K-weighting filter's response to an impulse has died out (below 1e-9)."""
    return _k_response(sample_rate)[0]


def k_weighted(x: Float, sample_rate: int) -> Float:
    """``x`` through the K-weighting filter (FFT overlap-add of its impulse response), float32."""
    taps, spectrum = _k_response(sample_rate)
    nfft = 2 * (len(spectrum) - 1)
    step = nfft - taps + 1
    out = np.zeros(len(x) + nfft, dtype=np.float32)
    pieces: list[tuple[int, NDArray[np.float32]]] = []

    def one(start: int) -> None:
        piece = np.fft.irfft(np.fft.rfft(x[start : start + step], nfft) * spectrum, nfft)
        pieces.append((start, piece.astype(np.float32)))

    starts = range(0, len(x), step)
    # filter in parallel, overlap-add in order: each piece overlaps the next
    for batch in range(0, len(starts), 16):
        parallel(one, starts[batch : batch + 16])
        for start, piece in sorted(pieces, key=lambda p: p[0]):
            out[start : start + nfft] += piece
        pieces.clear()
    return out[: len(x)]


def _gated(kx: Float, sample_rate: int) -> float:
    """Gated integrated loudness of an already K-weighted signal."""
    block = int(round(0.4 * sample_rate))
    if len(kx) < block or not np.any(kx):
        return float("-inf")
    hop = 0.1 * sample_rate
    count = int(round((len(kx) / sample_rate - 0.4) / 0.1)) + 1
    if hop == int(hop):
        # 400 ms blocks overlapping by 75 % are sums of four 100 ms sub-blocks: no full-length
        # float64 temporaries (this runs on minutes of audio)
        return _gate_subblocks(energy_bins(kx, int(hop)), count, block)
    # same layout as the standard and pyloudnorm: block j starts at round(j * 0.1 s)
    energy = np.concatenate(([0.0], np.cumsum(np.square(kx, dtype=np.float64))))
    starts = np.round(np.arange(count) * hop).astype(np.int64)
    ends = np.minimum(starts + block, len(kx))
    return _gate((energy[ends] - energy[starts]) / block)


def energy_bins(kx: Float, size: int) -> NDArray[np.float64]:
    """The energy (sum of squares) of ``kx`` in consecutive bins of ``size`` samples, the last
    one zero-padded."""
    bins = -(-len(kx) // size)
    r = np.pad(kx, (0, bins * size - len(kx))).reshape(bins, size)
    return np.einsum("ij,ij->i", r, r, dtype=np.float64)


def block_hop(sample_rate: int) -> int | None:
    """Samples in the gated meter's 100 ms hop, when that is a whole number."""
    return sample_rate // 10 if sample_rate % 10 == 0 else None


def loudness_of_energies(bins: NDArray[np.floating], size: int, sample_rate: int) -> float:
    """Gated integrated loudness (as :func:`integrated_loudness`) of audio known by the energies
    of its K-weighted signal in bins of ``size`` samples, ``size`` dividing the 100 ms hop (see
    :func:`block_hop`): bins from pieces of a track that start on bin boundaries simply
    concatenate, so a track can be measured from its pieces' energies."""
    hop = block_hop(sample_rate)
    if hop is None or hop % size:
        raise ValueError(f"{size}-sample bins do not tile the 100 ms hop at {sample_rate} Hz")
    frames = len(bins) * size
    block = int(round(0.4 * sample_rate))
    if frames < block or not np.any(bins):
        return float("-inf")
    per = hop // size
    subs = -(-len(bins) // per)
    sub = np.pad(np.asarray(bins, dtype=np.float64), (0, subs * per - len(bins)))
    count = int(round((frames / sample_rate - 0.4) / 0.1)) + 1
    return _gate_subblocks(sub.reshape(subs, per).sum(axis=1), count, block)


def _gate_subblocks(sub: NDArray[np.float64], count: int, block: int) -> float:
    """Gated loudness from the energies of 100 ms sub-blocks: 400 ms blocks are four of them."""
    sub = np.pad(sub, (0, 4))
    z = (sub[:count] + sub[1 : count + 1] + sub[2 : count + 2] + sub[3 : count + 3]) / block
    return _gate(z)


def _gate(z: NDArray[np.float64]) -> float:
    """BS.1770's two gates over block mean squares ``z``."""
    with np.errstate(divide="ignore"):
        lk = -0.691 + 10.0 * np.log10(z)
    above_abs = z[lk > -70.0]
    if not len(above_abs):
        return float("-inf")
    relative_gate = -0.691 + 10.0 * math.log10(float(above_abs.mean())) - 10.0
    gated = z[(lk > -70.0) & (lk > relative_gate)]
    return float(-0.691 + 10.0 * math.log10(float(gated.mean())))


def integrated_loudness(x: Float, sample_rate: int) -> float:
    """Gated integrated loudness in LUFS (BS.1770-4); ``-inf`` for silence or under 400 ms."""
    if len(x) < int(round(0.4 * sample_rate)) or not np.any(x):
        return float("-inf")
    return _gated(k_weighted(x, sample_rate), sample_rate)


def short_loudness(kx: Float, sample_rate: int) -> float:
    """:func:`speech_loudness` of audio already K-weighted: gated integrated loudness, except
    that audio shorter than one 400 ms block is measured as a single block of its own length
    (a one-word heading still gets a loudness to level by)."""
    if len(kx) >= int(round(0.4 * sample_rate)):
        return _gated(kx, sample_rate)
    power = float(np.mean(np.square(kx, dtype=np.float64))) if len(kx) else 0.0
    return -0.691 + 10.0 * math.log10(power) if power > 0 else float("-inf")


def speech_loudness(x: Float, sample_rate: int) -> float:
    """Loudness of one sentence or bumper: :func:`integrated_loudness`, or for audio under 400 ms
    the K-weighted power of the whole as one block."""
    if not np.any(x):
        return float("-inf")
    return short_loudness(k_weighted(x, sample_rate), sample_rate)


# --- true peak ----------------------------------------------------------------------------------


def measure(audio: Audio) -> Levels:
    """Loudness and true peak of ``audio``."""
    x = to_float(audio)
    with ThreadPoolExecutor(2) as pool:  # independent, and both release the GIL
        loud = pool.submit(integrated_loudness, x, audio.sample_rate)
        peak = pool.submit(true_peak, x, audio.sample_rate)
        return Levels(loud.result(), peak.result())


# --- dynamics -----------------------------------------------------------------------------------


def _running_min(a: Float, size: int) -> Float:
    """Centred running minimum over ``size`` (odd) samples, edges extended (van Herk/Gil-Werman:
    prefix and suffix minima per block, so the cost does not grow with ``size``)."""
    r = size // 2
    p = np.pad(a, (r, r), mode="edge")
    n = len(p)
    rows = -(-n // size)
    q = np.pad(p, (0, rows * size - n), mode="edge").reshape(rows, size)
    prefix = np.minimum.accumulate(q, axis=1).ravel()
    suffix = np.minimum.accumulate(q[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(suffix[: n - size + 1], prefix[size - 1 : n])


def _moving_mean(a: Float, size: int) -> Float:
    """Centred moving average over ``size`` (odd) samples, edges extended."""
    r = size // 2
    c = np.concatenate(([0.0], np.cumsum(np.pad(a, (r, r), mode="edge"), dtype=np.float64)))
    return ((c[size:] - c[:-size]) / size).astype(a.dtype)


def compress_gain(
    x: Float, sample_rate: int, threshold_db: float, ratio: float = 3.0, window_ms: float = 20.0
) -> Float:
    """Per-sample gain of a gentle RMS compressor: above ``threshold_db`` (RMS over
    ``window_ms``), level rises at ``1/ratio``. Neural TTS has a crest factor near 25 dB, far above
    the 15 dB that -16 LUFS with a -1 dBTP ceiling leaves; compressing the loudest syllables first
    keeps the limiter light. The gain is computed on a 5 ms grid and interpolated: it follows
    syllables, not samples."""
    hop = max(1, sample_rate // 200)
    n = len(x)
    frames = -(-n // hop)
    power = np.pad(np.square(x, dtype=np.float64), (0, frames * hop - n)).reshape(frames, hop)
    span = max(1, int(round(window_ms / 5.0)))
    rms = np.convolve(power.mean(axis=1), np.ones(span) / span, "same")
    reduction_db = np.maximum(0.0, 10.0 * np.log10(np.maximum(rms, 1e-12)) - threshold_db)
    reduction_db *= 1.0 - 1.0 / ratio
    # smooth over two windows so the gain moves no faster than the syllables it follows
    reduction_db = np.convolve(reduction_db, np.ones(2 * span) / (2 * span), "same")
    gain_grid = 10 ** (-reduction_db / 20.0)
    centres = np.arange(frames) * hop + hop / 2.0
    out = np.empty(n, dtype=np.float32)
    for start in range(0, n, 1 << 20):  # in pieces: np.interp works in float64
        stop = min(n, start + (1 << 20))
        out[start:stop] = np.interp(np.arange(start, stop), centres, gain_grid)
    return out


def _limit_gain(peaks: Float, sample_rate: int, ceiling: float, lookahead_ms: float) -> Float:
    """The limiter's gain curve for per-sample peaks ``peaks`` (see :func:`limit`). It is 1 where
    no sample comes near the ceiling, so only the regions around loud peaks are filtered."""
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
        need = np.minimum(np.float32(1.0), ceiling / np.maximum(peaks[a:b], 1e-12)).astype(
            np.float32
        )
        # the minimum reaches twice as far as the average, so the average never exceeds `need`
        smooth = _moving_mean(_running_min(need, 2 * w + 1), w)
        gain[a:b] = np.minimum(smooth, need)
    return gain


def limit(x: Float, sample_rate: int, ceiling_dbtp: float, lookahead_ms: float = 5.0) -> Float:
    """Keep the true peak of ``x`` at or below ``ceiling_dbtp`` with a look-ahead limiter.

    The gain each sample needs comes from the oversampled signal; a running minimum over twice the
    look-ahead followed by a moving average over the look-ahead gives a smooth gain curve that is
    never above what any sample needs: nothing clips and there are no clicks.
    """
    ceiling = 10 ** (ceiling_dbtp / 20.0)
    peaks = sample_peaks_oversampled(x, sample_rate, ceiling)
    return np.asarray(x * _limit_gain(peaks, sample_rate, ceiling, lookahead_ms))


def level(
    audio: Audio, target_lufs: float = -16.0, ceiling_dbtp: float = -1.0, passes: int = 4
) -> tuple[Audio, float]:
    """Bring ``audio`` to ``target_lufs`` with its true peak at or below ``ceiling_dbtp``.

    A gentle compressor narrows the crest factor, gain sets the loudness and a limiter holds the
    peaks. Limiting lowers loudness by an amount that grows with the gain, so the gain is found by
    the secant method until the loudness is within 0.1 LU (at most ``passes`` limiter runs).

    Gains change slowly next to the K-weighting filter's memory, so the loudness of the processed
    signal is computed as the K-weighted input times the gain: one filter pass per call. Oversampled
    peaks scale with gain, so they are computed once. The result is measured exactly, and aimed
    again once if the estimate was off by more than 0.1 LU. Audio under 400 ms (a one-word
    heading) is measured as one block (:func:`speech_loudness`). Returns the audio and its
    loudness.
    """
    x = to_float(audio)
    rate = audio.sample_rate
    if not np.any(x):
        return audio, float("-inf")
    kx = k_weighted(x, rate)
    loud = short_loudness(kx, rate)
    if not math.isfinite(loud):
        return audio, loud
    squeeze = compress_gain(x, rate, threshold_db=loud + 6.0)
    x *= squeeze
    kx *= squeeze
    loud = short_loudness(kx, rate)
    ceiling = 10 ** (ceiling_dbtp / 20.0)
    headroom_db = 6.0  # peaks are exact wherever a gain up to 6 dB over the first guess reaches
    floor = ceiling / 10 ** ((target_lufs - loud + headroom_db) / 20.0)
    peaks = sample_peaks_oversampled(x, rate, floor)

    def attempt(gain_db: float) -> tuple[Float, float]:
        g = np.float32(10 ** (gain_db / 20.0))
        total = g * _limit_gain(peaks * g, rate, ceiling, 5.0)
        return total, short_loudness(kx * total, rate)

    def search(target: float) -> tuple[Float, float]:
        """Gain curve whose estimated loudness is ``target`` (secant on the gain)."""
        g0 = target - loud
        best, l0 = attempt(g0)
        g1 = g0 + (target - l0)
        for _ in range(passes - 1):
            if abs(target - l0) < 0.05 or g1 > target - loud + headroom_db:
                break
            total, l1 = attempt(g1)
            slope = (l1 - l0) / (g1 - g0) if g1 != g0 else 1.0
            g0, l0, best = g1, l1, total
            g1 = g1 + (target - l1) / max(slope, 0.2)
        return best, l0

    best, estimate = search(target_lufs)
    # The estimate filters before the gain; measure once for real and, if they part, aim again
    # with the difference (it barely changes between nearby gains).
    exact = speech_loudness(x * best, rate)
    if abs(exact - target_lufs) > 0.1:
        best, _ = search(target_lufs - (exact - estimate))
        exact = speech_loudness(x * best, rate)
    return from_float(x * best, rate), exact
