"""The pipeline through its public functions: prepare, build, build_or_skip and check, with the
real espeak engine and a real store; the engine's lifecycle and what a rebuild redoes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import audiogen.audio.master
import audiogen.make.plan
import audiogen.pipeline
from audiogen.config import options_for
from audiogen.errors import InputError
from audiogen.make.store import Store
from audiogen.pipeline import build, build_or_skip, check, prepare, speech_script
from audiogen.speech.engines.espeak import EspeakEngine
from audiogen.types import Audio, Segment


def _options(article: Path, out: Path, **more: object):
    return options_for(article.parent, {"out_dir": out, "engine": "espeak", "jobs": 1, **more})


def test_prepare_gives_the_script_with_written_forms(short_article: Path, tmp_path: Path) -> None:
    prepared = prepare(short_article, _options(short_article, tmp_path / "out"))
    assert prepared.article.slug == "short-news" and prepared.script.lang == "en"
    assert [s.kind for s in prepared.script.sentences] == ["title", "body", "body", "heading",
                                                           "body"]  # fmt: skip
    assert all(s.written for s in prepared.script.sentences)
    assert speech_script(short_article, _options(short_article, tmp_path)) == prepared.script


def test_nothing_to_speak_is_an_input_error(tmp_path: Path) -> None:
    article = tmp_path / "empty.md"
    article.write_text("---\ntitle: ''\n---\n\nShare this\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.md"):
        prepare(article, _options(article, tmp_path / "out"))


def test_build_then_skip_then_check(short_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    options = _options(short_article, out)
    manifest, skipped = build_or_skip(short_article, options)
    assert not skipped and (out / "short-news.mp3").is_file()
    again, skipped = build_or_skip(short_article, options)
    assert skipped and again == manifest
    assert check(short_article, options) == ("short-news", [])
    text = short_article.read_text(encoding="utf-8")
    short_article.write_text(text.replace("welcomed", "cheered"), encoding="utf-8")
    slug, reasons = check(short_article, options)
    assert slug == "short-news" and reasons == ["script changed"]


class _Lifecycle(EspeakEngine):
    """espeak, recording the lifecycle calls a build makes."""

    calls: list[str] = []

    def preload(self) -> None:
        self.calls.append("preload")

    def unload(self) -> None:
        self.calls.append("unload")

    def use_cache_dir(self, folder: Path) -> None:
        self.calls.append("use_cache_dir")


def test_a_build_owns_the_engine_lifecycle(
    short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audiogen.make.plan, "make_engine", lambda options, lang=None: _Lifecycle())
    _Lifecycle.calls = []
    options = _options(short_article, tmp_path / "out")
    build(short_article, options)
    assert _Lifecycle.calls == ["use_cache_dir", "unload"]  # once each: no preload, first build
    _Lifecycle.calls = []
    text = short_article.read_text(encoding="utf-8")
    short_article.write_text(text.replace("approved", "rejected"), encoding="utf-8")
    build(short_article, options)
    # a rebuild of an article built before starts loading the voice while the text is read
    assert _Lifecycle.calls == ["use_cache_dir", "preload", "unload"]


def test_a_batch_loads_each_voice_once(
    short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from audiogen.make.batch import build_many

    monkeypatch.setattr(audiogen.make.plan, "make_engine", lambda options, lang=None: _Lifecycle())
    second = short_article.with_name("second.md")
    second.write_text(short_article.read_text(encoding="utf-8").replace("today", "again"))
    _Lifecycle.calls = []
    outcomes = build_many(
        [short_article, second], {"out_dir": tmp_path / "out", "engine": "espeak"}
    )
    assert [o.error for o in outcomes] == [None, None]
    assert _Lifecycle.calls == ["use_cache_dir", "unload"], _Lifecycle.calls  # one load, one unload


def test_a_forced_rebuild_masters_nothing_and_a_damaged_run_is_made_again(
    short_article: Path, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    options = _options(short_article, out, force=True)
    build(short_article, options)
    mp3 = (out / "short-news.mp3").read_bytes()
    made: list[Segment] = []
    real = audiogen.audio.master.master_segment

    def counting(segment: Segment, *args: object) -> object:
        made.append(segment)
        return real(segment, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(audiogen.audio.master, "master_segment", counting)
    build(short_article, options)
    assert made == [] and (out / "short-news.mp3").read_bytes() == mp3
    entry = next(Store(cache_dir).runs.folder.rglob("*.run"))
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    build(short_article, options)
    assert len(made) == 1  # the damaged run alone, made again from its stored sentence
    assert (out / "short-news.mp3").read_bytes() == mp3  # and made the same


def test_an_intro_and_outro_are_runs_of_their_own(short_article: Path, tmp_path: Path) -> None:
    import wave

    import numpy as np

    jingle = tmp_path / "jingle.wav"
    tone = (np.sin(np.arange(22050) * 0.2) * 8000).astype("<i2")
    with wave.open(str(jingle), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(tone.tobytes())
    options = _options(short_article, tmp_path / "out", intro=jingle, outro=jingle)
    manifest = build(short_article, options)
    assert manifest.intro_ms > 1000 and manifest.outro_ms > 1000
    assert manifest.sentences[0].start_ms >= manifest.intro_ms
    decoded = Audio.from_mp3((tmp_path / "out" / "short-news.mp3").read_bytes())
    assert abs(decoded.duration_ms - manifest.duration_ms) <= 1


_BUGGY_ENGINE = """
from audiogen.speech.engines.espeak import EspeakEngine


class BuggyEngine(EspeakEngine):
    name = "buggy"

    def synthesize(self, text, *, voice, lang):
        return 1 / 0  # a plugin's bug


class BuggierEngine(EspeakEngine):
    name = "buggier"

    def version(self):
        return 1 / 0  # a bug met before anything is spoken: audiogen check meets it too
"""


def test_a_batch_survives_an_unexpected_error_in_one_article(tmp_path: Path) -> None:
    """A plugin engine with a bug (installed for real: a distribution with an entry point) fails
    its article in one line, with the traceback only under -v; the other article builds."""
    from .conftest import run

    plugin = tmp_path / "plugin"
    dist = plugin / "buggy_engine-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: buggy-engine\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[audiogen.engines]\nbuggy = buggy_engine:BuggyEngine\n"
        "buggier = buggy_engine:BuggierEngine\n"
    )
    (plugin / "buggy_engine.py").write_text(_BUGGY_ENGINE, encoding="utf-8")
    good, bad = tmp_path / "good", tmp_path / "bad"
    for folder, engine in ((good, "espeak"), (bad, "buggy")):
        folder.mkdir()
        (folder / "audiogen.toml").write_text(f'engine = "{engine}"\n', encoding="utf-8")
    (good / "good-story.md").write_text("---\ntitle: Good\nlang: en\n---\n\nIt rained.\n")
    (bad / "bad-story.md").write_text("---\ntitle: Bad\nlang: en\n---\n\nIt snowed.\n")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(plugin)}
    result = subprocess.run(
        [sys.executable, "-m", "audiogen", "build", str(good), str(bad), "-o", str(out)],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "bad-story.md" in errors[0] and "unexpectedly" in errors[0]
    assert "ZeroDivisionError" in errors[0]
    assert "Traceback" not in result.stderr and "1 built, 1 failed" in result.stderr
    assert (out / "good-story.mp3").is_file() and not (out / "bad-story.mp3").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp file left
    verbose = subprocess.run(
        [sys.executable, "-m", "audiogen", "-v", "build", str(bad), "-o", str(out)],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr
    assert "ZeroDivisionError" in verbose.stderr
    assert run("check", str(good), "-o", str(out)).exit_code == 0
    # audiogen check contains such an error the same way
    (bad / "audiogen.toml").write_text('engine = "buggier"\n', encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "audiogen", "check", str(good), str(bad), "-o", str(out)],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    lines = [line for line in checked.stdout.splitlines() if "bad-story.md" in line]
    assert len(lines) == 1 and "unexpectedly" in lines[0] and "ZeroDivisionError" in lines[0]
    assert not [line for line in checked.stdout.splitlines() if "good-story.md" in line]


def test_a_non_latin_source_url_is_tagged_as_its_ascii_address(tmp_path: Path) -> None:
    """mutagen could not write a Cyrillic URL into WOAS (Latin-1 only), which failed the build
    after synthesis: the address is written as the same URL in ASCII."""
    from mutagen.id3 import ID3

    article = tmp_path / "story.md"
    article.write_text(
        "---\ntitle: Link\nlang: en\nurl: https://пример.рф/новость\n---\n\nIt snowed.\n",
        "utf-8",
    )
    manifest = build(article, _options(article, tmp_path / "out"))
    assert manifest.url == "https://пример.рф/новость"  # the manifest keeps it as written
    woas = ID3(tmp_path / "out" / "story.mp3").getall("WOAS")[0].url
    assert woas == "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D1%8C"
