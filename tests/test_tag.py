"""ID3v2.4 tags written with mutagen and read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audiogen.audio.encode import encode_mp3
from audiogen.errors import InputError
from audiogen.publish.tag import iso639_2, write_tags
from audiogen.types import Audio

from .conftest import PNG


@pytest.fixture
def mp3(tmp_path: Path) -> Path:
    path = tmp_path / "a.mp3"
    x = (np.random.default_rng(0).standard_normal(22050) * 1000).astype("<i2")
    path.write_bytes(encode_mp3(Audio(x.tobytes(), 22050)))
    return path


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en", "eng"), ("en-US", "eng"), ("de_DE", "deu"), ("sw", "swa"), ("xx", "und")],
)
def test_iso639(tag: str, code: str) -> None:
    assert iso639_2(tag) == code


def test_frames_round_trip(mp3: Path, tmp_path: Path) -> None:
    from mutagen.id3 import ID3

    cover = tmp_path / "cover.png"
    cover.write_bytes(PNG)
    write_tags(
        mp3,
        {
            "title": "Título",
            "author": "Ada",
            "site": "Example Times",
            "date": "2021-07-02",
            "lang": "en-GB",
            "url": "https://example.org/a",
            "summary": "A summary.",
            "script": "Line one.\n\nLine two.\n",
            "encoder": "LAME",
            "cover": str(cover),
            "txxx": {"audiogen:engine": "piper", "audiogen:voice": "v"},
        },
    )
    id3 = ID3(mp3)
    assert id3.version == (2, 4, 0)
    assert str(id3["TIT2"]) == "Título"
    assert str(id3["TPE1"]) == "Ada"
    assert str(id3["TALB"]) == "Example Times"
    assert str(id3["TDRC"]) == "2021-07-02"
    assert str(id3["TLAN"]) == "eng"
    assert str(id3["TCON"]) == "Speech"
    assert id3["WOAS"].url == "https://example.org/a"
    assert id3.getall("COMM")[0].text[0] == "A summary."
    assert id3.getall("USLT")[0].text == "Line one.\n\nLine two.\n"
    assert str(id3["TSSE"]) == "LAME"
    assert str(id3["TXXX:audiogen:engine"]) == "piper"
    apic = id3.getall("APIC")[0]
    assert apic.mime == "image/png" and apic.data == PNG and apic.type == 3


def test_missing_cover_is_a_clear_error(mp3: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cover image not found"):
        write_tags(mp3, {"title": "x", "cover": str(tmp_path / "nope.jpg")})
    with pytest.raises(InputError, match=r"\.jpg or \.png"):
        write_tags(mp3, {"title": "x", "cover": str(tmp_path / "cover.gif")})
