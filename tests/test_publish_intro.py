"""Intro and outro: decoded from WAV, FLAC, OGG and MP3 without ffmpeg, loudness-matched to the
speech, and accounted for by the manifest, the captions and the chapters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogen.audio.encode import encode_mp3
from audiogen.audio.loudness import from_float
from audiogen.audio.segment import load_audio_file
from audiogen.errors import InputError
from audiogen.types import Manifest

from .conftest import run

RATE = 22050


def _tone(seconds: float, level: float, rate: int = 44100) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (level * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def _write(path: Path, seconds: float, level: float) -> Path:
    """A real file of the format its suffix names: libsndfile writes WAV, FLAC and OGG Vorbis,
    LAME the MP3."""
    import soundfile

    if path.suffix == ".mp3":
        x = _tone(seconds, level, RATE)
        path.write_bytes(encode_mp3(from_float(x, RATE), 64))
    else:
        fmt = {".wav": "WAV", ".flac": "FLAC", ".ogg": "OGG"}[path.suffix]
        sub = "VORBIS" if fmt == "OGG" else "PCM_16"
        # stereo at 44.1 kHz: the decoder must mix down and resample
        x = _tone(seconds, level)
        soundfile.write(path, np.stack([x, x], axis=1), 44100, format=fmt, subtype=sub)
    return path


@pytest.mark.parametrize("suffix", [".wav", ".flac", ".ogg", ".mp3"])
def test_every_format_decodes_to_the_speech_rate(tmp_path: Path, suffix: str) -> None:
    path = _write(tmp_path / f"jingle{suffix}", 1.0, 0.3)
    audio = load_audio_file(path, RATE, "intro")
    assert audio.sample_rate == RATE and audio.channels == 1 and audio.sample_width == 2
    assert 0.95 <= audio.duration_ms / 1000 <= 1.15  # MP3 adds its encoder delay and padding
    x = np.frombuffer(audio.pcm, "<i2") / 32768
    assert 0.25 < np.max(np.abs(x)) < 0.35


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("jingle.aiff", b"FORM", "must be a .wav, .flac, .ogg or .mp3 file"),
        ("missing.wav", None, "intro file not found"),
        ("broken.wav", b"RIFF\x00\x00not audio at all", "cannot decode the intro"),
    ],
)
def test_bad_intro_is_a_one_line_error(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as err:
        load_audio_file(path, RATE, "intro")
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manifest, Path, Path]:
    src = tmp_path_factory.mktemp("articles")
    article = src / "with-intro.md"
    article.write_text(
        "---\ntitle: Intro test\nlang: en\n---\n\nThe council met today. It approved the plan.\n\n"
        "## Reaction\n\nResidents welcomed the decision.\n",
        encoding="utf-8",
    )
    # A quiet intro and a loud outro: both must come out at the speech's loudness.
    intro = _write(src / "intro.wav", 2.0, 0.02)
    outro = _write(src / "outro.ogg", 2.0, 0.9)
    out = tmp_path_factory.mktemp("out")
    result = run("build", str(article), "-e", "espeak", "-o", str(out), "-q",
                 "--intro", str(intro), "--outro", str(outro))  # fmt: skip
    assert result.exit_code == 0, result.output_both
    from audiogen.publish.manifest import read_manifest

    return read_manifest(out / "with-intro.json"), out, src


def test_manifest_accounts_for_intro_and_outro(built: tuple[Manifest, Path, Path]) -> None:
    manifest, _, _ = built
    gap = 1000  # the heading pause separates them from the speech
    # the intro and outro are runs of whole MP3 frames: they land within one frame (26 ms)
    assert abs(manifest.intro_ms - (2000 + gap)) <= 27
    assert abs(manifest.outro_ms - (gap + 2000)) <= 27
    first, last = manifest.sentences[0], manifest.sentences[-1]
    assert manifest.intro_ms <= first.start_ms <= manifest.intro_ms + 300
    assert (
        last.end_ms + manifest.outro_ms
        <= manifest.duration_ms
        <= last.end_ms + manifest.outro_ms + 300
    )
    assert manifest.options["intro"].endswith("intro.wav")


def test_captions_and_chapters_account_for_them(built: tuple[Manifest, Path, Path]) -> None:
    import webvtt
    from mutagen.id3 import ID3

    manifest, out, _ = built
    cues = webvtt.read(str(out / "with-intro.vtt"))
    assert len(cues) == len(manifest.sentences)
    h, m, sec = cues[0].start.split(":")
    assert 1000 * (3600 * int(h) + 60 * int(m) + float(sec)) >= manifest.intro_ms - 1
    chaps = sorted(ID3(out / "with-intro.mp3").getall("CHAP"), key=lambda c: c.start_time)
    assert chaps[0].start_time == 0  # the title's chapter covers the intro
    heading = next(s for s in manifest.sentences if s.kind == "heading")
    assert chaps[1].start_time == heading.start_ms
    assert chaps[-1].end_time == manifest.duration_ms  # the last chapter covers the outro


def test_intro_and_outro_are_loudness_matched(built: tuple[Manifest, Path, Path]) -> None:
    import pyloudnorm
    import soundfile

    manifest, out, _ = built
    data, rate = soundfile.read(out / "with-intro.mp3")
    meter = pyloudnorm.Meter(rate)

    def lufs(a_ms: int, b_ms: int) -> float:
        return float(
            meter.integrated_loudness(data[int(a_ms * rate / 1000) : int(b_ms * rate / 1000)])
        )

    intro = lufs(100, 1900)
    outro = lufs(manifest.duration_ms - 1900, manifest.duration_ms - 100)
    speech = lufs(manifest.sentences[0].start_ms, manifest.sentences[-1].end_ms)
    assert abs(speech + 16) < 1.5
    # the quiet (-34 dBFS) intro and the loud outro land within 1 LU of the voice
    assert abs(intro - speech) < 1.0, (intro, speech)
    assert abs(outro - speech) < 1.0, (outro, speech)
