"""Outputs published to object storage (``-o s3://bucket/audio/``, ``file://``): a real S3
endpoint (moto's server over HTTP, which s3fs talks to as to a cloud bucket), a real engine
(espeak), the MP3 read back from the bucket by mutagen."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import fsspec
import pytest
from mutagen.mp3 import MP3

from audiogen.config import options_for
from audiogen.errors import install_command
from audiogen.publish.remote import fetch_output

from .conftest import run

ARTICLE_FILES = ("{slug}.mp3", "{slug}.json", "{slug}.vtt", "{slug}.chapters.json", "{slug}.html")


def _bucket_fs() -> fsspec.AbstractFileSystem:
    return fsspec.filesystem("s3", skip_instance_cache=True)


def _build(source: Path, out: str, *more: str) -> str:
    result = run("build", str(source), "-o", out, "-e", "espeak", *more)
    assert result.exit_code == 0, result.output_both
    return result.output_both


def _edit(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("It approved the plan.", "It rejected the plan."), "utf-8")


_CHECKSUM = ".audiogen-sha256/short-news.mp3.json"
"""The MP3's checksum record beside it, hidden from a listing of the outputs."""


def _held(fs, root: str) -> set[str]:
    """Every object below ``root``, by its name below it."""
    fs.invalidate_cache()
    return {p.removeprefix(f"{root}/") for p in fs.find(root)}


def test_build_to_s3_matches_a_local_build(
    s3_bucket: str, short_article: Path, tmp_path: Path
) -> None:
    url = f"s3://{s3_bucket}/audio/"
    _build(short_article, url, "-q")
    fs = _bucket_fs()
    held = _held(fs, f"{s3_bucket}/audio")
    slug = "short-news"
    assert held == {n.format(slug=slug) for n in ARTICLE_FILES} | {"index.html", _CHECKSUM}
    assert json.loads(fs.cat_file(f"{s3_bucket}/audio/{_CHECKSUM}"))["sha256"] == (
        hashlib.sha256(fs.cat_file(f"{s3_bucket}/audio/{slug}.mp3")).hexdigest()
    )
    manifest = json.loads(fs.cat_file(f"{s3_bucket}/audio/{slug}.json"))
    mp3 = fs.cat_file(f"{s3_bucket}/audio/{slug}.mp3")
    assert manifest["mp3"] == {
        "path": f"{slug}.mp3",
        "bytes": len(mp3),
        "sha256": hashlib.sha256(mp3).hexdigest(),
    }
    audio = MP3(io.BytesIO(mp3))
    assert abs(audio.info.length * 1000 - manifest["duration_ms"]) < 100
    assert audio.tags is not None and str(audio.tags["TIT2"]) == "Short news"
    fs.invalidate_cache()  # a HEAD request, which tells the Content-Type a site will send
    assert fs.info(f"{s3_bucket}/audio/{slug}.mp3")["ContentType"] == "audio/mpeg"
    assert "Short news" in fs.cat_file(f"{s3_bucket}/audio/index.html").decode("utf-8")

    # where it was built does not show in what was built
    local = tmp_path / "local-out"
    _build(short_article, str(local), "-q", "--force")
    assert (local / f"{slug}.mp3").read_bytes() == mp3
    assert (local / f"{slug}.json").read_bytes() == fs.cat_file(f"{s3_bucket}/audio/{slug}.json")
    for name in ("{slug}.vtt", "{slug}.chapters.json", "{slug}.html", "index.html"):
        name = name.format(slug=slug)
        assert (local / name).read_bytes() == fs.cat_file(f"{s3_bucket}/audio/{name}"), name

    assert "short-news.mp3: up to date" in _build(short_article, url)
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0

    _edit(short_article)
    stale = run("check", str(short_article), "-o", url, "-e", "espeak")
    assert stale.exit_code == 1 and "script changed" in stale.output_both

    feed = run("feed", "-o", url, "--base-url", "https://audio.example.org/", "-c", str(tmp_path))
    assert feed.exit_code == 0, feed.output_both
    xml = fs.cat_file(f"{s3_bucket}/audio/feed.xml").decode("utf-8")
    assert '<enclosure url="https://audio.example.org/short-news.mp3"' in xml
    assert f'length="{len(mp3)}"' in xml


def test_the_bucket_is_the_record_not_this_machine(
    s3_bucket: str, short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another machine (a fresh cache) finds the outputs current, sees an MP3 replaced in the
    bucket, and lists in index.html and the feed articles it never built."""
    url = f"s3://{s3_bucket}/audio"
    _build(short_article, url, "-q")
    another = tmp_path / "another-machine"
    monkeypatch.setenv("AUDIOGEN_CACHE_DIR", str(another))
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0
    assert "short-news.mp3: up to date" in _build(short_article, url)
    # current by the MP3's checksum record: its audio was never downloaded
    assert not list(another.rglob("*.mp3"))
    assert {p.name for p in another.rglob("short-news*")} >= {"short-news.json", "short-news.vtt"}
    # a reader that needs the audio (audiogen verify) downloads it then, checked
    fetch_output(options_for(short_article.parent, {"out_dir": url}), "short-news.mp3")
    (staged,) = another.rglob("short-news.mp3")
    assert staged.read_bytes() == _bucket_fs().cat_file(f"{s3_bucket}/audio/short-news.mp3")

    other = tmp_path / "other.md"
    other.write_text("---\ntitle: Other story\nlang: en\n---\n\nThe bridge opened.\n", "utf-8")
    _build(other, url, "-q")
    fs = _bucket_fs()
    index = fs.cat_file(f"{s3_bucket}/audio/index.html").decode("utf-8")
    assert "Short news" in index and "Other story" in index

    fs.pipe_file(f"{s3_bucket}/audio/short-news.mp3", b"not the MP3 that was published")
    edited = run("check", str(short_article), "-o", url, "-e", "espeak")
    assert edited.exit_code == 1 and "edited by hand" in edited.output_both


def test_file_url(short_article: Path, tmp_path: Path) -> None:
    target = tmp_path / "site" / "audio"
    url = target.as_uri()
    _build(short_article, url, "-q")
    names = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert names == {n.format(slug="short-news") for n in ARTICLE_FILES} | {"index.html", _CHECKSUM}
    manifest = json.loads((target / "short-news.json").read_bytes())
    assert (
        hashlib.sha256((target / "short-news.mp3").read_bytes()).hexdigest()
        == (manifest["mp3"]["sha256"])
    )
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0


def test_a_failed_upload_leaves_the_article_stale(short_article: Path, tmp_path: Path) -> None:
    """An upload fails after the MP3 (a folder stands where the captions go): the new MP3 is
    there, the previous manifest is untouched, and check calls the article stale."""
    target = tmp_path / "site"
    url = target.as_uri()
    _build(short_article, url, "-q")
    before = (target / "short-news.json").read_bytes()
    old_mp3 = (target / "short-news.mp3").read_bytes()
    _edit(short_article)
    (target / "short-news.vtt").unlink()
    (target / "short-news.vtt").mkdir()  # a real failure: the captions' upload cannot land
    result = run("build", str(short_article), "-o", url, "-e", "espeak", "-q")
    assert result.exit_code != 0
    lines = [line for line in result.output_both.splitlines() if line.strip()]
    assert len(lines) == 1 and f"{url}/short-news.vtt: upload failed" in lines[0], lines
    assert (target / "short-news.mp3").read_bytes() != old_mp3  # uploaded before the failure
    assert (target / "short-news.json").read_bytes() == before
    stale = run("check", str(short_article), "-o", url, "-e", "espeak")
    assert stale.exit_code == 1 and "script changed" in stale.output_both
    (target / "short-news.vtt").rmdir()
    _build(short_article, url, "-q")  # the next build completes the article
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0


@pytest.mark.parametrize(
    ("command", "expect"),
    [
        (["build", "{article}", "-e", "espeak"], "no such bucket"),
        (["check", "{article}"], "no such bucket"),
        (["feed", "--base-url", "https://example.org/a"], "no such bucket"),
        (["serve", "--no-open"], "serve shows a local folder"),
        (["build", "{article}", "-e", "espeak", "-o", "nosuch://x/y"], "not an output location"),
    ],
)
def test_refused_with_one_line(
    s3_endpoint: str, short_article: Path, command: list[str], expect: str
) -> None:
    url = "s3://no-such-bucket-here/audio/"
    args = [a.format(article=short_article) for a in command]
    if "-o" not in args:
        args += ["-o", url]
    result = run(*args)
    assert result.exit_code != 0
    said = [line for line in result.output_both.splitlines() if expect in line]
    assert len(said) == 1, result.output_both
    assert "speaking" not in result.output_both
    if "no such bucket" in expect:
        assert url in said[0]


AUDIOGEN = "import sys; from audiogen.cli import cli; sys.exit(cli())"


@pytest.mark.parametrize(
    ("hide", "env", "expect"),
    [
        # s3fs absent from this process (an import of it fails, as when it is not installed)
        ("s3fs", {}, install_command("s3")),
        # nothing listens there: refused before anything is spoken
        ("", {"AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9"}, "cannot list the outputs there"),
    ],
)
def test_refused_before_speaking(
    s3_endpoint: str, short_article: Path, hide: str, env: dict[str, str], expect: str
) -> None:
    import os
    import subprocess
    import sys

    code = (f"sys.modules[{hide!r}] = None; " if hide else "") + AUDIOGEN
    url = "s3://some-bucket/audio/"
    args = ["build", str(short_article), "-o", url, "-e", "espeak"]
    done = subprocess.run(
        [sys.executable, "-c", "import sys; " + code, *args],
        env={**os.environ, "AWS_MAX_ATTEMPTS": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert done.stderr.count(expect) == 1 and url in done.stderr, done.stderr
    assert "speaking" not in done.stderr


def test_orphans_at_the_url_are_reported_and_pruned(
    s3_bucket: str, short_article: Path, tmp_path: Path
) -> None:
    url = f"s3://{s3_bucket}/audio/"
    gone = tmp_path / "taken-down.md"
    gone.write_text("---\ntitle: Taken down\nlang: en\n---\n\nThe story was wrong.\n", "utf-8")
    _build(tmp_path, url, "-q")
    assert run("feed", "-o", url, "--base-url", "https://audio.example.org").exit_code == 0
    snippet = run("embed", "taken-down", "-o", url, "--base-url", "https://audio.example.org")
    assert 'src="https://audio.example.org/taken-down.mp3"' in snippet.output_both
    gone.unlink()
    check = run("check", str(short_article), "-o", url, "-e", "espeak")
    assert check.exit_code == 1
    assert f"{url}taken-down.mp3: no article ({gone} is gone)" in check.output_both

    assert "taken-down: removed" in _build(short_article, url, "--prune")
    fs = _bucket_fs()
    held = _held(fs, f"{s3_bucket}/audio")  # the taken-down MP3's checksum record went too
    assert held == {n.format(slug="short-news") for n in ARTICLE_FILES} | {
        "index.html",
        "feed.xml",
        _CHECKSUM,
    }
    assert "Taken down" not in fs.cat_file(f"{s3_bucket}/audio/index.html").decode("utf-8")
    feed = fs.cat_file(f"{s3_bucket}/audio/feed.xml").decode("utf-8")
    assert "short-news.mp3" in feed and "taken-down" not in feed
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0


def test_a_batch_lists_the_url_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each article's check read the whole listing of the URL again: hundreds of requests an
    article for an archive on S3. A batch lists it once and keeps it up to date itself."""
    import fsspec.implementations.local as local

    from audiogen.make.batch import build_many

    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(3):
        text = f"---\ntitle: Story {n}\nlang: en\n---\n\nThe council met {n + 2} times.\n"
        (folder / f"story-{n}.md").write_text(text, "utf-8")
    target = tmp_path / "site" / "audio"
    listed: list[str] = []
    find = local.LocalFileSystem.find

    def counted(self, path, *args, **kwargs):
        if str(path).rstrip("/") == str(target):
            listed.append(path)
        return find(self, path, *args, **kwargs)

    monkeypatch.setattr(local.LocalFileSystem, "find", counted)
    overrides = {"out_dir": target.as_uri(), "engine": "espeak", "jobs": 1}
    built = build_many([folder], {**overrides, "cache_dir": tmp_path / "cache"})
    assert [o.error for o in built] == [None] * 3 and len(listed) == 1
    index = (target / "index.html").read_text("utf-8")
    assert all(f"Story {n}" in index for n in range(3))  # its own uploads are in its listing

    listed.clear()  # a fresh runner: every article current, by one listing
    again = build_many([folder], {**overrides, "cache_dir": tmp_path / "another-machine"})
    assert [o.skipped for o in again] == [True] * 3 and len(listed) == 1


def test_cache_prune_drops_staged_audio_the_url_holds(
    short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-lived machine kept a copy of every MP3 it published in its staging folder; `cache
    prune` drops them (the URL holds them), and the article stays current without them."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("AUDIOGEN_CACHE_DIR", str(cache))
    url = (tmp_path / "site" / "audio").as_uri()
    _build(short_article, url, "-q")
    (staged,) = cache.rglob("short-news.mp3")
    size = staged.stat().st_size
    pruned = run("cache", "prune", "--max-size", "10G")
    assert pruned.exit_code == 0, pruned.output_both
    assert "removed 1 staged copies of MP3s" in pruned.output_both
    assert not staged.exists() and size > 10_000
    assert "short-news.mp3: up to date" in _build(short_article, url)
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0
    assert not list(cache.rglob("short-news.mp3"))  # current without downloading it again
    _edit(short_article)  # a changed article is built and published again
    _build(short_article, url, "-q")
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0
