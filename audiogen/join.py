"""Join sentence audio into one track with pydub: trimmed edges, pauses, no crossfade."""

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
from audiogen.types import Audio, Sentence


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


def join(
    sentences: Sequence[Sentence], audios: Sequence[Audio], pauses: Pauses = Pauses()
) -> tuple[Audio, list[tuple[int, int]]]:
    """Concatenate each sentence's audio with the pauses between them.

    Returns the joined audio and, for each sentence, its ``(start_frame, end_frame)`` in it.
    All audio is converted to the first segment's sample rate, mono, 16-bit.
    """
    if len(sentences) != len(audios) or not audios:
        raise ValueError("join needs one audio per sentence, and at least one")
    rate = audios[0].sample_rate
    parts: list[AudioSegment] = []
    spans: list[tuple[int, int]] = []
    frames = 0
    for i, (sentence, audio) in enumerate(zip(sentences, audios, strict=True)):
        seg = to_segment(audio).set_channels(1).set_sample_width(2).set_frame_rate(rate)
        seg = _trim(seg, pauses.edge_ms)
        n = int(seg.frame_count())
        spans.append((frames, frames + n))
        parts.append(seg)
        frames += n
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        gap = pause_after(sentence, following, pauses)
        if gap:
            silence = AudioSegment.silent(duration=gap, frame_rate=rate)
            parts.append(silence)
            frames += int(silence.frame_count())
    # One concatenation of raw bytes: repeated `+` would copy the growing track each time.
    joined = b"".join(p.raw_data for p in parts)
    return Audio(joined, rate, 2, 1), spans


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


@dataclass(frozen=True)
class Bumpered:
    """Speech with an intro and outro around it."""

    audio: Audio
    """The whole track."""

    spans: list[tuple[int, int]]
    """Each sentence's ``(start_frame, end_frame)``, shifted past the intro."""

    intro_frames: int
    """Frames before the speech starts (the intro and the gap after it)."""

    outro_frames: int
    """Frames after the speech ends (the gap before the outro and the outro)."""


def add_bumpers(
    speech: Audio,
    spans: Sequence[tuple[int, int]],
    intro: Audio | None = None,
    outro: Audio | None = None,
    gap_ms: int = 1000,
) -> Bumpered:
    """Put ``intro`` before and ``outro`` after ``speech`` (16-bit mono at the speech's rate), each
    separated from it by ``gap_ms`` of silence, and shift the sentence spans to match."""
    rate = speech.sample_rate
    gap = b"\x00\x00" * (rate * gap_ms // 1000)
    for part in (intro, outro):
        if part is not None and (part.sample_rate != rate or part.channels != 1):
            raise ValueError("add_bumpers needs the intro and outro at the speech's rate, mono")
    head = intro.pcm + gap if intro is not None else b""
    tail = gap + outro.pcm if outro is not None else b""
    shift = len(head) // 2
    return Bumpered(
        Audio(head + speech.pcm + tail, rate, 2, 1),
        [(a + shift, b + shift) for a, b in spans],
        shift,
        len(tail) // 2,
    )
