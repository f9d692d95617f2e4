"""Skipping current outputs, ``audiogen check`` and its reasons, and builds running at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from audiogen.make.store import Store

from .conftest import run


def _build(article: Path, out: Path, *extra: str) -> str:
    result = run("build", str(article), "-o", str(out), "-e", "espeak", *extra)
    assert result.exit_code == 0, result.output_both
    return str(result.output_both)


def _check(article: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = run("check", str(article), "-o", str(out), "-e", "espeak", *extra)
    return result.exit_code, str(result.output_both)


def test_unchanged_article_is_skipped_and_force_rebuilds(short_article: Path, tmp_path: Path):
    out = tmp_path / "out"
    _build(short_article, out)
    mp3 = out / "short-news.mp3"
    os.utime(mp3, (1_000_000, 1_000_000))
    assert "short-news.mp3: up to date" in _build(short_article, out)
    assert mp3.stat().st_mtime == 1_000_000  # not rewritten
    assert "short-news: speaking 5 sentences" in _build(short_article, out, "--force")
    assert mp3.stat().st_mtime != 1_000_000


def test_check_current_then_each_reason(short_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, text = _check(short_article, out)
    assert code == 1 and "output missing (short-news.json)" in text
    _build(short_article, out)
    code, text = _check(short_article, out)
    assert code == 0 and "1 current, 0 stale or missing" in text

    code, text = _check(short_article, out, "--voice", "espeak-en")
    assert code == 1 and "engine or voice changed (espeak/espeak-en-us -> espeak/espeak-en)" in text
    code, text = _check(short_article, out, "-O", "rate=200")
    assert code == 1 and "options changed" in text
    assert "engine or voice changed (engine version" in text  # the engine's own options too

    original = short_article.read_text(encoding="utf-8")
    short_article.write_text(original.replace("Ada Reporter", "Bo Writer"), encoding="utf-8")
    code, text = _check(short_article, out)
    assert code == 1 and "metadata changed" in text and "script changed" not in text
    short_article.write_text(original.replace("welcomed", "rejected"), encoding="utf-8")
    code, text = _check(short_article, out)
    assert code == 1 and "script changed" in text and "metadata changed" not in text
    short_article.write_text(original, encoding="utf-8")
    assert _check(short_article, out)[0] == 0

    mp3 = out / "short-news.mp3"
    data = mp3.read_bytes()
    mp3.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    code, text = _check(short_article, out)
    assert code == 1 and "output edited by hand (short-news.mp3 differs" in text
    assert "speaking" in _build(short_article, out)  # a build repairs it
    assert _check(short_article, out)[0] == 0
    mp3.unlink()
    code, text = _check(short_article, out)
    assert code == 1 and "output missing (short-news.mp3)" in text


def test_check_synthesizes_nothing(short_article: Path, tmp_path: Path, cache_dir: Path) -> None:
    code, _ = _check(short_article, tmp_path / "out")
    assert code == 1
    assert Store(cache_dir).info().entries == 0
    assert not (tmp_path / "out").exists()


def test_check_a_folder_lists_only_the_stale(short_article: Path, tmp_path: Path) -> None:
    other = tmp_path / "second.txt"
    other.write_text("Second story\n\nIt rained all day.\n", encoding="utf-8")
    out = tmp_path / "out"
    _build(short_article, out)
    result = run("check", str(tmp_path), "-o", str(out), "-e", "espeak")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{other} -> second.mp3: output missing (second.json)"]
    assert "1 current, 1 stale or missing" in result.stderr


def test_one_sentence_edit_speaks_one_sentence(
    short_article: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out"
    _build(short_article, out)
    text = short_article.read_text(encoding="utf-8")
    short_article.write_text(text.replace("It approved the plan.", "It delayed it."), "utf-8")
    with caplog.at_level("DEBUG", logger="audiogen"):
        _build(short_article, out)
    assert "4 of 5 sentences from their cached runs" in caplog.messages
    assert "0 of 1 sentences from the cache" in caplog.messages  # the edited one is spoken
    assert len([m for m in caplog.messages if m.startswith("sentence 'It delayed it.'")]) == 1
    manifest = json.loads((out / "short-news.json").read_text(encoding="utf-8"))
    assert manifest["sentences"][2]["text"] == "It delayed it."


def test_two_builds_at_once_stay_correct(short_article: Path, tmp_path: Path, cache_dir: Path):
    """Two processes build the same article into the same folder with the same cache: the lock
    makes one wait, and it then finds the outputs current."""
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "audiogen", "build", str(short_article), "-o", str(out), "-j", "1"]
    env = {**os.environ, "AUDIOGEN_CACHE_DIR": str(cache_dir)}
    procs = [subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert sum("up to date" in e for e in errs) == 1, errs
    assert _check(short_article, out, "-e", "hibari")[0] == 0  # manifest and MP3 agree
    assert not list(out.glob(".*"))  # no temp or lock files beside the outputs


def test_a_deleted_article_is_reported_then_pruned(tmp_path: Path) -> None:
    """A story taken down: check fails naming its outputs, build warns, build --prune removes
    its files, its index.html entry and its feed episode."""
    import feedparser

    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    for slug in ("kept-story", "taken-down"):
        (articles / f"{slug}.txt").write_text(
            f"Story {slug}\n\nThe council met on Monday.\n", encoding="utf-8"
        )
    assert run("build", str(articles), "-o", str(out), "-e", "espeak", "-q").exit_code == 0
    feed = run("feed", "-o", str(out), "--base-url", "https://example.org/audio")
    assert feed.exit_code == 0, feed.output_both
    assert len(feedparser.parse(str(out / "feed.xml")).entries) == 2
    (articles / "taken-down.txt").unlink()

    code, said = _check(articles, out)
    assert code == 1
    assert "taken-down.mp3: no article" in said and "build --prune" in said
    assert "1 with no article" in said

    kept = run("build", str(articles), "-o", str(out), "-e", "espeak")
    assert kept.exit_code == 0
    assert "taken-down" in kept.stderr and "--prune removes them" in kept.stderr
    assert (out / "taken-down.mp3").exists()

    pruned = run("build", str(articles), "-o", str(out), "-e", "espeak", "--prune")
    assert pruned.exit_code == 0, pruned.output_both
    assert "taken-down: removed" in pruned.stderr
    assert sorted(p.name for p in out.iterdir() if "taken-down" in p.name) == []
    assert "taken-down" not in (out / "index.html").read_text(encoding="utf-8")
    entries = feedparser.parse(str(out / "feed.xml")).entries
    assert [e.title for e in entries] == ["Story kept-story"]
    assert (out / "kept-story.mp3").exists()
    assert _check(articles, out)[0] == 0


def test_prune_from_configuration(tmp_path: Path) -> None:
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    (articles / "audiogen.toml").write_text('engine = "espeak"\nprune = true\n', encoding="utf-8")
    for slug in ("one", "two"):
        (articles / f"{slug}.txt").write_text(f"Story {slug}\n\nIt rained.\n", encoding="utf-8")
    assert run("build", str(articles), "-o", str(out), "-q").exit_code == 0
    (articles / "two.txt").unlink()
    result = run("build", str(articles), "-o", str(out))
    assert result.exit_code == 0 and "two: removed" in result.stderr
    assert not (out / "two.mp3").exists() and (out / "one.mp3").exists()
