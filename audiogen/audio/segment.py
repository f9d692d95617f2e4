"""Lay sentence audio out as a track with pydub: each sentence trimmed to its edges and given the
pause that follows it (a :class:`~audiogen.types.Segment`), no crossfade. The segments are
leveled and encoded one by one (:mod:`audiogen.audio.master`); :func:`join` makes one PCM track of
them."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH; we only use it on raw PCM, which needs none.
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence

from audiogen.errors import InputError
from audiogen.types import Audio, Segment, Sentence


@dataclass(frozen=True)
class Pauses:
    """Silence inserted between sentences, in milliseconds."""

    sentence_ms: int = 300
    """After a sentence inside a paragraph."""

    paragraph_ms: int = 700
    """After the last sentence of a paragraph."""

    heading_ms: int = 1000
    """Before and after a heading, and after the title."""

    edge_ms: int = 40
    """Silence kept at each end of a sentence's own audio (engines pad unevenly)."""


def to_segment(audio: Audio) -> AudioSegment:
    """A pydub segment over the same PCM (no copy of format assumptions)."""
    return AudioSegment(
        data=audio.pcm,
        sample_width=audio.sample_width,
        frame_rate=audio.sample_rate,
        channels=audio.channels,
    )


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


TRIM = 1
"""Version of how :func:`segment` trims a sentence (part of the keys of what is made from it)."""


def pauses_after(sentences: Sequence[Sentence], pauses: Pauses = Pauses()) -> list[int]:
    """The pause after each sentence, in milliseconds (none after the last)."""
    following: list[Sentence | None] = [*sentences[1:], None]
    return [pause_after(s, f, pauses) for s, f in zip(sentences, following, strict=True)]


def segment(audio: Audio, pause_ms: int, edge_ms: int, sample_rate: int) -> Segment:
    """A sentence's audio as 16-bit mono at ``sample_rate``, trimmed to its edges (keeping
    ``edge_ms`` of silence), with ``pause_ms`` of pause after it."""
    seg = to_segment(audio).set_channels(1).set_sample_width(2).set_frame_rate(sample_rate)
    seg = _trim(seg, edge_ms)
    return Segment(Audio(seg.raw_data, sample_rate, 2, 1), sample_rate * pause_ms // 1000)


def segments(
    sentences: Sequence[Sentence], audios: Sequence[Audio], pauses: Pauses = Pauses()
) -> list[Segment]:
    """Each sentence's audio, trimmed to its edges, with the pause that follows it.

    All audio is converted to the first sentence's sample rate, mono, 16-bit. The segments are
    leveled and encoded one by one (:mod:`audiogen.audio.master`), so that an edit to one sentence
    redoes only its own segment.
    """
    if len(sentences) != len(audios) or not audios:
        raise ValueError("a track needs one audio per sentence, and at least one")
    rate = audios[0].sample_rate
    return [
        segment(audio, gap, pauses.edge_ms, rate)
        for audio, gap in zip(audios, pauses_after(sentences, pauses), strict=True)
    ]


def join(
    sentences: Sequence[Sentence], audios: Sequence[Audio], pauses: Pauses = Pauses()
) -> tuple[Audio, list[tuple[int, int]]]:
    """Concatenate each sentence's audio with the pauses between them, as one PCM track.

    Returns the joined audio and, for each sentence, its ``(start_frame, end_frame)`` in it.
    """
    parts = segments(sentences, audios, pauses)
    spans: list[tuple[int, int]] = []
    frames = 0
    for part in parts:
        spans.append((frames, frames + part.audio.frames))
        frames += part.audio.frames + part.pause_frames
    # One concatenation of raw bytes: repeated `+` would copy the growing track each time.
    joined = b"".join(p.audio.pcm + b"\0\0" * p.pause_frames for p in parts)
    return Audio(joined, parts[0].audio.sample_rate, 2, 1), spans


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
