"""Each sentence's audio made a segment of the track with pydub: trimmed to its edges and given the
pause that follows it (a :class:`~audiogen.types.Segment`), no crossfade. The segments are
leveled and encoded one by one (:mod:`audiogen.audio.master`). Also the decoding of intro and
outro files."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH; we only use it on raw PCM, which needs none.
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from audiogen.errors import InputError
from audiogen.types import Audio, Pauses, Segment, Sentence


def to_segment(audio: Audio) -> AudioSegment:
    """A pydub segment over the same PCM (no copy of format assumptions)."""
    return AudioSegment(
        data=audio.pcm,
        sample_width=audio.sample_width,
        frame_rate=audio.sample_rate,
        channels=audio.channels,
    )


FADE_MS = 80
"""Every sentence ends with a fade this long: some engines stop while still sounding (espeak ends a
sentence at about -23 dBFS), and the trim may cut a soft ending; a click at every sentence end is
worse than 80 ms of fade, which a voice already fading does not change audibly."""


def _trim(seg: AudioSegment, keep_ms: int) -> AudioSegment:
    # -50 dBFS sits below breath noise in neural TTS but above dithering: it finds the edges.
    lead = detect_leading_silence(seg, silence_threshold=-50.0, chunk_size=5)
    tail = detect_leading_silence(seg.reverse(), silence_threshold=-50.0, chunk_size=5)
    if lead + tail >= len(seg):
        return seg
    start = max(0, lead - keep_ms)
    end = min(len(seg), len(seg) - tail + keep_ms)
    return seg[start:end]


def pause_after(current: Sentence, following: Sentence | None, pauses: Pauses) -> int:
    """How long the silence after ``current`` lasts."""
    if following is None:
        return 0
    if current.kind in ("title", "heading") or following.kind == "heading":
        return pauses.heading_ms
    if following.paragraph != current.paragraph:
        return pauses.paragraph_ms
    return pauses.sentence_ms


def pauses_after(sentences: Sequence[Sentence], pauses: Pauses | None = None) -> list[int]:
    """The pause after each sentence, in milliseconds (none after the last)."""
    pauses = pauses or Pauses()
    following: list[Sentence | None] = [*sentences[1:], None]
    return [pause_after(s, f, pauses) for s, f in zip(sentences, following, strict=True)]


def segment(audio: Audio, pause_ms: int, edge_ms: int, sample_rate: int) -> Segment:
    """A sentence's audio as 16-bit mono at ``sample_rate``, trimmed to its edges (keeping
    ``edge_ms`` of silence) and faded out over its last :data:`FADE_MS`, with ``pause_ms`` of
    pause after it."""
    seg = to_segment(audio).set_channels(1).set_sample_width(2).set_frame_rate(sample_rate)
    seg = _trim(seg, edge_ms)
    return Segment(_fade_out(seg.raw_data, sample_rate), sample_rate * pause_ms // 1000)


def _fade_out(pcm: bytes, sample_rate: int) -> Audio:
    # A cubed ramp: its last quarter is 36 dB down (a linear one only 12), so a sentence that
    # stops at full level still ends quiet (qa.checks calls a loud last 20 ms "truncated").
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    n = min(len(samples), sample_rate * FADE_MS // 1000)
    if n:
        samples[-n:] *= np.linspace(1.0, 0.0, n) ** 3
    return Audio(np.round(samples).astype("<i2").tobytes(), sample_rate, 2, 1)


BUMPER_FORMATS = (".wav", ".flac", ".ogg", ".mp3")
"""Intro and outro files audiogen can decode (miniaudio: no ffmpeg needed)."""


def load_audio_file(path: str | Path, sample_rate: int, what: str = "audio file") -> Audio:
    """Decode a WAV, FLAC, OGG Vorbis or MP3 file to 16-bit mono PCM at ``sample_rate``.

    ``what`` names the file's role in the error (``intro``, ``outro``), so the message says which
    setting to fix.
    """
    import miniaudio

    p = Path(path)
    if p.suffix.lower() not in BUMPER_FORMATS:
        raise InputError(
            f"{p}: the {what} must be a .wav, .flac, .ogg or .mp3 file: fix --{what} or '{what}'"
        )
    if not p.is_file():
        raise InputError(f"{p}: {what} file not found: fix --{what} or '{what}' in audiogen.toml")
    try:
        decoded = miniaudio.decode_file(
            str(p),
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=sample_rate,
        )
    except miniaudio.DecodeError as exc:
        raise InputError(
            f"{p}: cannot decode the {what} ({exc}): save it as WAV, FLAC, OGG Vorbis or MP3"
        ) from None
    audio = Audio(decoded.samples.tobytes(), sample_rate, 2, 1)
    if not audio.frames:
        raise InputError(f"{p}: the {what} has no audio: fix --{what} or '{what}'")
    return audio
