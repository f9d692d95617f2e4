"""Regression tests of issue 12 (audiogen attacked as a hostile author or an unlucky CI runner):
slug collisions, covers, symlinked articles, config ranges and strict builds. Each test is named
after what it reproduces; they use real espeak, a real store and real MP3s read back by mutagen."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
import requests
import responses

from audiogen.config import options_for
from audiogen.errors import ConfigError, InputError
from audiogen.make.cover import MAX_COVER_BYTES, MAX_COVER_PX
from audiogen.make.plan import plan_for
from audiogen.make.store import Store
from audiogen.pipeline import check, prepare
from audiogen.text.read import load_article, slugify

from .conftest import PNG, run


def png(width: int, height: int) -> bytes:
    """A PNG signature and header of the given size (all the cover check reads)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + crc


def article(folder: Path, name: str, front: str = "", body: str = "It rained all day.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\ntitle: A story\nlang: en\n{front}---\n\n{body}\n", "utf-8")
    return path


def _options(folder: Path, tmp_path: Path, **more: object):
    return options_for(folder, {"out_dir": tmp_path / "out", "engine": "espeak", "jobs": 1, **more})


# --- 1: slugs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Привет мир", "privet-mir"),
        ("Новости дня", "novosti-dnya"),
        ("你好世界", "nihaoshijie"),
        ("Øresund bridge", "oresund-bridge"),
        ("Ünïcödé café", "unicode-cafe"),  # Latin slugs are what they always were
        ("!!!", "article-e84c538e"),  # nothing to spell: a stable hash, not "article"
        ("...", "article"),
    ],
)
def test_non_latin_titles_and_file_names_get_real_slugs(value: str, expected: str) -> None:
    assert slugify(value) == expected


def test_two_non_latin_file_names_publish_to_two_slugs(tmp_path: Path) -> None:
    a = load_article(article(tmp_path, "Привет.md"))
    b = load_article(article(tmp_path, "東京.md"))
    assert a.slug == "privet" and b.slug == "dongjing" and a.slug != b.slug


def test_a_slug_collision_is_refused_before_synthesis_naming_both_sources(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder).mkdir()
    (folder / "Same Slug.txt").write_text("Same slug\n\nIt rained.\n", "utf-8")
    article(folder, "same-slug.md")
    article(folder, "other.md", "slug: shared\n")
    article(folder, "shared-too.md", "slug: shared\n")
    article(folder, "good.md")
    out = tmp_path / "out"
    result = run("build", str(folder), "-o", str(out), "-e", "espeak", "-j", "1")
    assert result.exit_code == 2, result.output_both
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 4 and "1 built, 4 failed" in result.stderr
    for line in errors:
        assert line.count(str(folder)) == 2  # both sources named
    assert any("Same Slug.txt" in e and "same-slug.md" in e for e in errors)
    assert any("other.md" in e and "shared-too.md" in e and "shared.mp3" in e for e in errors)
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".mp3") == ["good.mp3"]
    checked = run("check", str(folder), "-o", str(out), "-e", "espeak")
    assert checked.exit_code == 1 and checked.stdout.count("publishes to") == 4


# --- 3: covers and symlinks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cover", "content", "message"),
    [
        ("/etc/hostname", None, "outside the article's folder"),
        ("../secret.png", PNG, "outside the article's folder"),
        ("notes.png", b"just text, not an image", "not a JPEG or PNG"),
        ("big.png", png(MAX_COVER_PX + 1, 1400), f"over {MAX_COVER_PX} px"),
        ("huge.png", PNG + b"\0" * MAX_COVER_BYTES, "MB limit"),
        ("named.jpg", PNG, "give it the matching extension"),
        ("missing.png", None, "not found"),
    ],
)
def test_a_bad_cover_is_refused_before_synthesis(
    tmp_path: Path, cover: str, content: bytes | None, message: str
) -> None:
    folder = tmp_path / "articles"
    path = article(folder, "story.md", f"image: {cover}\n")
    (tmp_path / "secret.png").write_bytes(PNG)
    if content is not None and not cover.startswith(("/", "..")):
        (folder / cover).write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        check(path, _options(folder, tmp_path))
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_cover_in_the_assets_folder_is_embedded(tmp_path: Path) -> None:
    from mutagen.id3 import ID3

    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "logo.png").write_bytes(png(1400, 1400))
    folder = tmp_path / "articles"
    article(folder, "story.md", "image: ../assets/logo.png\n")
    (folder / "audiogen.toml").write_text('assets = "../assets"\n', "utf-8")
    result = run("build", str(folder), "-o", str(tmp_path / "out"), "-e", "espeak", "-j", "1")
    assert result.exit_code == 0, result.output_both
    apic = ID3(tmp_path / "out" / "story.mp3").getall("APIC")
    assert [(a.mime, a.data) for a in apic] == [("image/png", png(1400, 1400))]


@responses.activate
def test_a_cover_url_is_fetched_and_kept_for_offline_builds(tmp_path: Path) -> None:
    url = "https://example.com/cover.png"
    responses.get(url, body=png(1400, 1400), content_type="image/png")
    folder = tmp_path / "articles"
    path = article(folder, "story.md", f"image: {url}\n")
    options = _options(folder, tmp_path)
    store = Store(options.cache_dir)
    cover = plan_for(prepare(path, options, store), options, store).article.cover
    assert cover is not None and Path(cover).read_bytes() == png(1400, 1400)
    responses.replace(responses.GET, url, body=requests.ConnectionError("offline"))
    assert plan_for(prepare(path, options, store), options, store).article.cover == cover


@responses.activate
def test_an_unreachable_cover_url_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = "https://example.com/cover.jpg"
    responses.get(url, body=requests.ConnectionError("offline"))
    folder = tmp_path / "articles"
    path = article(folder, "story.md", f"image: {url}\n")
    options = _options(folder, tmp_path)
    store = Store(options.cache_dir)
    assert plan_for(prepare(path, options, store), options, store).article.cover is None
    assert "building without a cover" in caplog.text


@responses.activate
def test_a_cover_url_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    url = "https://example.com/cover.jpg"
    responses.get(url, body=b"<html>not found</html>", content_type="text/html")
    folder = tmp_path / "articles"
    path = article(folder, "story.md", f"image: {url}\n")
    with pytest.raises(InputError, match="not a JPEG or PNG"):
        check(path, _options(folder, tmp_path))


def test_a_symlinked_article_outside_its_folder_is_refused(tmp_path: Path) -> None:
    outside = article(tmp_path / "private", "secret.md")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "link.md").symlink_to(outside)
    with pytest.raises(InputError, match="outside the article's folder"):
        load_article(folder / "link.md")


# --- 8: config ranges and strict ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("target_lufs = nan", "target_lufs = nan"),
        ("target_lufs = inf", "target_lufs = inf"),
        ("true_peak = -inf", "true_peak"),
        ("jobs = 0", "jobs = 0"),
        ("jobs = 100000", "jobs = 100000"),
        ("max_bytes = 0", "max_bytes = 0"),
        ("max_bytes = 99999999999", "max_bytes"),
        ('lang = "Кириллица"', "language code"),
        ("bitrate = 7", "bit rate 7"),
        ('replace = "x"', "replace = 'x' has the wrong type: write it as a table"),
        ("lexicon = 5", "lexicon = 5 has the wrong type: write it as a table"),
        ('boilerplate = { drop = "news" }', "drop = 'news' has the wrong type: write a list"),
        ('pauses = { sentence_ms = "abc" }', "sentence_ms"),
        ("pauses = { sentence_ms = -1 }", "sentence_ms"),
        ('assets = "no-such-folder"', "assets folder"),
        ("strict = 1", "strict has the wrong type"),
    ],
)
def test_every_config_number_and_table_is_checked(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "audiogen.toml").write_text(toml + "\n", "utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        options_for(tmp_path)
    assert "\n" not in str(caught.value)


def test_a_strict_build_with_failed_audio_checks_exits_non_zero(tmp_path: Path) -> None:
    """espeak at 450 words a minute is faster than any voice the pace check allows."""
    folder = tmp_path / "articles"
    article(folder, "fast.md", body="The council met on Monday and voted for the new park plan.")
    out = tmp_path / "out"
    args = ["build", str(folder), "-o", str(out), "-e", "espeak", "-j", "1", "-O", "rate=450"]
    lenient = run(*args)
    assert lenient.exit_code == 0 and "audio check(s) failed" in lenient.stderr
    strict = run(*args, "--strict")  # the outputs are current: still a failure
    assert strict.exit_code == 3 and "strict is on" in strict.stderr
    (folder / "audiogen.toml").write_text("strict = true\n", "utf-8")
    assert run(*args).exit_code == 3


def test_an_article_never_takes_over_a_slug_another_article_published(tmp_path: Path) -> None:
    """Built one at a time, two articles with one slug: the second is refused before anything is
    spoken, and the first's outputs stay; a renamed article takes its outputs over."""
    from .conftest import run

    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("---\ntitle: First\nslug: shared\nlang: en\n---\n\nIt rained.\n", "utf-8")
    second.write_text("---\ntitle: Second\nslug: shared\nlang: en\n---\n\nIt snowed.\n", "utf-8")
    out = tmp_path / "out"
    assert run("build", str(first), "-o", str(out), "-e", "espeak").exit_code == 0
    before = (out / "shared.mp3").read_bytes()
    result = run("build", str(second), "-o", str(out), "-e", "espeak")
    assert result.exit_code == 2
    assert "already published from" in result.stderr and str(first) in result.stderr
    assert (out / "shared.mp3").read_bytes() == before
    moved = tmp_path / "a-renamed.md"
    first.rename(moved)
    assert run("build", str(moved), "-o", str(out), "-e", "espeak").exit_code == 0
