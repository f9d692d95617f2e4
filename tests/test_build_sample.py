"""End to end: the sample article built with the default voice (hibari), the MP3 read back by
mutagen and by libsndfile (an independent decoder), loudness checked with pyloudnorm."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from audiogen import build, options_for
from audiogen.types import Manifest

from .conftest import SAMPLE

pytestmark = pytest.mark.slow  # synthesizes the whole sample article with the neural voice


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manifest, Path]:
    out = tmp_path_factory.mktemp("out")
    options = options_for(SAMPLE.parent, {"out_dir": out})
    return build(SAMPLE, options), out


def test_outputs_exist_and_match_manifest(built: tuple[Manifest, Path]) -> None:
    manifest, out = built
    mp3 = out / "un-counter-terrorism-week-2021.mp3"
    doc = json.loads((out / "un-counter-terrorism-week-2021.json").read_text(encoding="utf-8"))
    assert Manifest.from_dict(doc) == manifest
    assert doc["mp3"] == {
        "path": mp3.name,
        "bytes": mp3.stat().st_size,
        "sha256": hashlib.sha256(mp3.read_bytes()).hexdigest(),
    }
    assert doc["source_sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert not list(out.glob(".*"))  # no temp files left behind
    for key in (
        "title",
        "slug",
        "lang",
        "engine",
        "voice",
        "duration_ms",
        "loudness_lufs",
        "true_peak_dbtp",
        "script_sha256",
        "sentences",
    ):
        assert key in doc


def test_duration_and_loudness_read_back(built: tuple[Manifest, Path]) -> None:
    import mutagen.mp3
    import pyloudnorm
    import soundfile

    manifest, out = built
    mp3 = out / "un-counter-terrorism-week-2021.mp3"
    assert abs(mutagen.mp3.MP3(mp3).info.length * 1000 - manifest.duration_ms) <= 50
    data, rate = soundfile.read(mp3)
    assert abs(len(data) / rate * 1000 - manifest.duration_ms) <= 50
    loud = pyloudnorm.Meter(rate).integrated_loudness(data)
    assert -17.0 <= loud <= -15.0  # the target is -16 LUFS +-1
    assert abs(loud + 16.0) < 0.5  # and we aim at its centre
    assert abs(loud - manifest.loudness_lufs) < 0.1
    from scipy.signal import resample_poly

    true_peak = 20 * np.log10(np.max(np.abs(resample_poly(data, 4, 1))))
    assert true_peak <= -1.0
    assert manifest.true_peak_dbtp <= -1.0


def test_tags(built: tuple[Manifest, Path]) -> None:
    from mutagen.id3 import ID3

    manifest, out = built
    id3 = ID3(out / "un-counter-terrorism-week-2021.mp3")
    assert id3.version == (2, 4, 0)
    assert str(id3["TIT2"]) == manifest.title
    assert str(id3["TLAN"]) == "eng"
    assert str(id3["TCON"]) == "Speech"
    assert str(id3["TDRC"]) == "2021-07-02"
    assert str(id3["TXXX:audiogen:engine"]) == "hibari"
    assert str(id3["TXXX:audiogen:voice"]) == "heart"
    script = id3.getall("USLT")[0].text
    assert hashlib.sha256(script.encode()).hexdigest() == manifest.script_sha256
    assert str(id3["TXXX:audiogen:script_sha256"]) == manifest.script_sha256
    assert "António Guterres" in script and "51" not in script


def test_sentence_timings_are_real_positions(built: tuple[Manifest, Path]) -> None:
    """Each sentence span holds speech, and the pauses between them are silent in the MP3."""
    import soundfile

    manifest, out = built
    data, rate = soundfile.read(out / "un-counter-terrorism-week-2021.mp3")
    s = manifest.sentences
    assert s[0].kind == "title" and s[0].start_ms < 200
    assert all(a.end_ms <= b.start_ms for a, b in zip(s, s[1:], strict=False))
    assert s[-1].end_ms <= manifest.duration_ms

    def rms(a_ms: int, b_ms: int) -> float:
        seg = data[int(a_ms * rate / 1000) : int(b_ms * rate / 1000)]
        return float(np.sqrt(np.mean(seg**2))) if len(seg) else 0.0

    for a, b in zip(s, s[1:], strict=False):
        gap = rms(a.end_ms + 20, b.start_ms - 20)
        speech = rms(a.start_ms, a.end_ms)
        assert speech > 0.03, a.text
        assert gap < speech / 20, (a.text, gap, speech)


STORY = (
    "---\ntitle: Harbour news\nlang: en\n---\n\n"
    "The harbour reopened on Friday after three weeks of repairs. "
    "Fishing boats returned before dawn. "
    "The mayor thanked the crews who worked through the storms.\n"
)


def test_builds_without_a_store_are_identical_and_an_edit_changes_only_itself(
    tmp_path: Path,
) -> None:
    # The default voice is seeded: a fresh clone (no sentence store) rebuilds the same bytes,
    # and an edit changes the edited sentence only.
    article = tmp_path / "harbour.md"
    article.write_text(STORY, encoding="utf-8")

    def fresh_build(name: str) -> tuple[Manifest, bytes]:
        out = tmp_path / name
        options = options_for(tmp_path, {"out_dir": out, "cache_dir": tmp_path / f"{name}-store"})
        manifest = build(article, options)
        return manifest, (out / "harbour.mp3").read_bytes()

    first, first_mp3 = fresh_build("one")
    second, second_mp3 = fresh_build("two")
    assert first.engine == "hibari"
    assert first_mp3 == second_mp3
    article.write_text(STORY.replace("before dawn", "before sunrise"), encoding="utf-8")
    edited, _ = fresh_build("three")

    def lengths(m: Manifest) -> list[int]:
        return [s.end_ms - s.start_ms for s in m.sentences]

    pairs = zip(lengths(first), lengths(edited), strict=True)
    changed = [i for i, (a, b) in enumerate(pairs) if a != b]
    assert changed == [2]  # the title is sentence 0
