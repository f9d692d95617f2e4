"""The quick path of a rebuild: an unchanged article is found current from its bytes, options and
the engine's identity, before the text stages run; any change still rebuilds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

import audiogen.pipeline
from audiogen.speech.engines.espeak import EspeakEngine

from .conftest import PNG, run

HEAVY = ("numpy", "ftfy", "pysbd", "num2words", "langdetect", "onnxruntime", "lameenc")
"""Modules the text and audio stages import; the quick path must need none of them."""


def _build(article: Path, out: Path, *extra: str) -> str:
    result = run("build", str(article), "-o", str(out), "-e", "espeak", "-j", "1", *extra)
    assert result.exit_code == 0, result.output_both
    return str(result.output_both)


def _no_full_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the full path (read, clean, normalize) fail, so passing means the quick path ran."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the full check ran")

    monkeypatch.setattr(audiogen.pipeline, "prepare", refuse)


def test_the_quick_record_stays_out_of_the_published_manifest(
    short_article: Path, tmp_path: Path
) -> None:
    """The quick key hashes this machine's code and dependencies: it lives in the store, so a
    manifest says nothing about the machine that built it (a fresh clone rewrites nothing)."""
    out = tmp_path / "out"
    _build(short_article, out)
    manifest = json.loads((out / "short-news.json").read_text(encoding="utf-8"))
    assert "quick" not in manifest["inputs"]
    assert set(manifest["inputs"]) == {"output_format", "engine", "metadata_sha256", "encoder"}


def test_unchanged_article_is_skipped_without_the_text_stages(
    short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _build(short_article, out)
    manifest = (out / "short-news.json").read_bytes()
    _no_full_check(monkeypatch)
    assert "short-news.mp3: up to date" in _build(short_article, out)
    result = run("check", str(short_article), "-o", str(out), "-e", "espeak")
    assert result.exit_code == 0 and "1 current, 0 stale" in result.output_both
    assert (out / "short-news.json").read_bytes() == manifest  # nothing rewritten


def test_quick_path_imports_no_heavy_stage(short_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(short_article, out)
    code = (
        "import sys\n"
        "from audiogen.cli import main\n"
        f"sys.argv = ['audiogen', 'build', {str(short_article)!r}, '-o', {str(out)!r},"
        " '-e', 'espeak']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    assert "up to date" in done.stderr
    assert done.stdout.strip() == "[]"


def _edit_article(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("It approved the plan.", "It delayed the plan."), "utf-8")


def _edit_lexicon(article: Path) -> None:
    (article.parent / "lexicon.toml").write_text('council = "COUN-sill"\n', encoding="utf-8")


def _edit_config(article: Path) -> None:
    (article.parent / "audiogen.toml").write_text("[pauses]\nsentence_ms = 450\n", "utf-8")


def _edit_replace_rule(article: Path) -> None:
    (article.parent / "audiogen.toml").write_text('[replace]\n"plan" = "budget"\n', "utf-8")


def _edit_drop_rule(article: Path) -> None:
    (article.parent / "audiogen.toml").write_text(
        '[boilerplate]\ndrop = ["^Residents welcomed"]\n', "utf-8"
    )


def _edit_engine_options(article: Path) -> None:
    (article.parent / "audiogen.toml").write_text("[engine_options.espeak]\nrate = 200\n", "utf-8")


def _edit_metadata(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Ada Reporter", "Bo Writer"), "utf-8")


@pytest.mark.parametrize(
    "change",
    [
        _edit_article,
        _edit_lexicon,
        _edit_config,
        _edit_replace_rule,
        _edit_drop_rule,
        _edit_engine_options,
        _edit_metadata,
    ],
)
def test_a_change_is_never_skipped(
    short_article: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    out = tmp_path / "out"
    _build(short_article, out)
    before = (out / "short-news.mp3").read_bytes()
    change(short_article)
    assert "short-news: speaking" in _build(short_article, out)
    assert (out / "short-news.mp3").read_bytes() != before


def test_a_new_engine_version_is_never_skipped(
    short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _build(short_article, out)
    monkeypatch.setattr(EspeakEngine, "version", lambda self: "espeakng-loader 99.0")
    assert "short-news: speaking" in _build(short_article, out)


@pytest.mark.parametrize("flags", [("--voice", "espeak-en"), ("-O", "pitch=70")])
def test_another_voice_or_engine_option_is_never_skipped(
    short_article: Path, tmp_path: Path, flags: tuple[str, str]
) -> None:
    out = tmp_path / "out"
    _build(short_article, out)
    assert "short-news: speaking" in _build(short_article, out, *flags)


def _wav(path: Path, level: int) -> Path:
    """Half a second of a square wave at ``level``: a real WAV the intro loader decodes."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(array("h", ([level] * 20 + [-level] * 20) * 275).tobytes())
    return path


def test_changed_intro_or_cover_bytes_are_never_skipped(tmp_path: Path) -> None:
    """The options name only the intro's path and the front matter only the cover's: their
    bytes changing must rebuild all the same."""
    article = tmp_path / "covered.md"
    article.write_text(
        "---\ntitle: Covered\nimage: cover.png\n---\n\nThe council met today.\n", "utf-8"
    )
    cover = tmp_path / "cover.png"
    cover.write_bytes(PNG)  # a real image: covers are checked by their bytes
    intro = _wav(tmp_path / "intro.wav", 3000)
    out = tmp_path / "out"
    _build(article, out, "--intro", str(intro))
    assert "up to date" in _build(article, out, "--intro", str(intro))

    _wav(intro, 6000)
    assert "covered: speaking" in _build(article, out, "--intro", str(intro))
    cover.write_bytes(PNG + b"edited")
    assert "covered: speaking" in _build(article, out, "--intro", str(intro))
    assert "up to date" in _build(article, out, "--intro", str(intro))


def test_edited_or_missing_outputs_are_never_skipped(short_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(short_article, out)
    mp3 = out / "short-news.mp3"
    data = mp3.read_bytes()
    mp3.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert "short-news: speaking" in _build(short_article, out)
    (out / "short-news.vtt").unlink()
    assert "up to date" in _build(short_article, out)  # the full path writes it again
    assert (out / "short-news.vtt").is_file()


def test_no_op_change_is_skipped_and_quick_again_after(
    short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lexicon entry for a word the article lacks changes the quick key but not the script:
    the full check skips the article and records the new key in the store (the outputs are left
    as they are), so the next rebuild is quick."""
    out = tmp_path / "out"
    _build(short_article, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (short_article.parent / "lexicon.toml").write_text('zebra = "ZEE-bra"\n', encoding="utf-8")
    assert "up to date" in _build(short_article, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    _no_full_check(monkeypatch)
    assert "up to date" in _build(short_article, out)


def test_a_front_matter_slug_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "2024-03-05-draft.md"
    article.write_text("---\ntitle: Slugged\nslug: 'Council Story'\n---\n\nIt rained.\n", "utf-8")
    out = tmp_path / "out"
    _build(article, out)
    assert (out / "council-story.json").is_file()
    _no_full_check(monkeypatch)
    assert "council-story.mp3: up to date" in _build(article, out)


def test_force_skips_the_quick_path(short_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(short_article, out)
    assert "short-news: speaking" in _build(short_article, out, "--force")
