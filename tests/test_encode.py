"""MP3 encoding: real LAME output read back by mutagen and by libsndfile (independent decoder)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogen.audio.encode import ENCODER_DELAY, encode_mp3
from audiogen.types import Audio


def _tone(rate: int, seconds: float) -> Audio:
    t = np.arange(int(rate * seconds)) / rate
    x = (np.sin(2 * np.pi * 440 * t) * 8000).astype("<i2")
    return Audio(x.tobytes(), rate)


@pytest.mark.parametrize("rate", [22050, 24000])
def test_encoder_delay_matches_decoded_position(rate: int) -> None:
    x = np.zeros(rate, dtype="<i2")
    x[5000], x[5001] = 20000, -20000  # a click at a known frame
    decoded = Audio.from_mp3(encode_mp3(Audio(x.tobytes(), rate)))
    y = np.frombuffer(decoded.pcm, dtype="<i2")
    assert int(np.argmax(np.abs(y))) - 5000 == pytest.approx(ENCODER_DELAY, abs=2)


@pytest.mark.parametrize(("rate", "kbps"), [(22050, 64), (22050, 32), (24000, 48), (44100, 128)])
def test_duration_agrees_between_readers(tmp_path: Path, rate: int, kbps: int) -> None:
    import mutagen.mp3
    import soundfile

    audio = _tone(rate, 3.0)
    path = tmp_path / "tone.mp3"
    path.write_bytes(encode_mp3(audio, kbps))
    info = mutagen.mp3.MP3(path).info
    assert info.sample_rate == rate
    assert info.bitrate == kbps * 1000
    assert info.channels == 1
    data, sr = soundfile.read(path)
    assert sr == rate
    ours = Audio.from_mp3(path.read_bytes())
    # all three agree on what a player decodes, within a frame's worth of audio
    assert abs(info.length - len(data) / sr) < 0.03
    assert abs(ours.duration_ms / 1000 - len(data) / sr) < 0.03
    # and it is the PCM plus the encoder's delay and padding (under 100 ms)
    assert 0 < len(data) / sr - audio.duration_ms / 1000 < 0.1


def test_rejects_bad_formats() -> None:
    with pytest.raises(ValueError, match="resample"):
        encode_mp3(Audio(b"\0\0" * 100, 12345))
    with pytest.raises(ValueError, match="bit rate"):
        encode_mp3(Audio(b"\0\0" * 100, 22050), 65)
