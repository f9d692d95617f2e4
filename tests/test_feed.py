"""The podcast feed, parsed by feedparser and checked against what Apple Podcasts requires, and the
[feed] configuration table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from audiogen import build, options_for
from audiogen.config import FeedSettings, options_from_config
from audiogen.errors import ConfigError
from audiogen.publish.feed import ITUNES, PODCAST, episode_guid
from audiogen.types import Manifest

from .conftest import run

CONFIG = """\
[feed]
title = "Example Times <Audio>"
description = "Every story, read aloud."
author = "Example Times"
owner_name = "Audio Desk"
owner_email = "audio@example.org"
image = "cover.jpg"
category = "News/Daily News"
copyright = "(c) 2024 Example Times"
"""

ARTICLES = {
    "older.md": "---\ntitle: Older story\ndate: 2024-03-05\nurl: https://example.org/older\n"
    "summary: The first one.\n---\n\nIt rained. Then it stopped.\n",
    "newer.md": "---\ntitle: Newer & better\ndate: 2024-04-01T08:30:00+02:00\n---\n\n"
    "The sun came out.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Manifest]]:
    src = tmp_path_factory.mktemp("articles")
    (src / "audiogen.toml").write_text(CONFIG, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    built = []
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
        options = options_for(src, {"out_dir": out, "engine": "espeak"})
        built.append(build(src / name, options))
    result = run("feed", "--base-url", "https://example.org/audio/", "-o", str(out))
    assert result.exit_code == 0, result.output_both
    return out, built


def test_feed_has_every_tag_apple_podcasts_requires(site: tuple[Path, list[Manifest]]) -> None:
    import feedparser

    out, built = site
    d = feedparser.parse((out / "feed.xml").read_bytes())
    assert not d.bozo, d.get("bozo_exception")
    assert d.version == "rss20"
    f = d.feed
    # Channel: required by Apple Podcasts
    assert f.title == "Example Times <Audio>"
    assert f.description == "Every story, read aloud."
    assert f.image.href == "https://example.org/audio/cover.jpg"
    assert f.language == "en"
    assert {t.term for t in f.tags} == {"News", "Daily News"}
    # itunes:explicit is checked in the XML below: feedparser knows only the old yes/clean values
    # Channel: recommended
    assert f.publisher_detail.email == "audio@example.org"
    assert f.publisher_detail.name == "Audio Desk"
    assert f.link == "https://example.org/audio"
    assert f.rights == "(c) 2024 Example Times"
    assert f.itunes_type == "episodic"
    # Episodes, newest first
    assert [e.title for e in d.entries] == ["Newer & better", "Older story"]
    by_title = {m.title: m for m in built}
    for e in d.entries:
        m = by_title[e.title]
        (enc,) = e.enclosures
        assert enc.href == f"https://example.org/audio/{m.slug}.mp3"
        assert int(enc.length) == (out / f"{m.slug}.mp3").stat().st_size
        assert enc.type == "audio/mpeg"
        assert e.id == episode_guid(m) and e.guidislink is False
        assert int(e.itunes_duration) == round(m.duration_ms / 1000)
        assert e.published_parsed is not None
    assert d.entries[1].published == "Tue, 05 Mar 2024 00:00:00 +0000"
    assert d.entries[0].published == "Mon, 01 Apr 2024 08:30:00 +0200"  # its time and zone
    assert d.entries[1].summary == "The first one."


def test_feed_podcast_namespace(site: tuple[Path, list[Manifest]]) -> None:
    out, built = site
    root = ET.parse(out / "feed.xml").getroot()
    channel = root.find("channel")
    assert channel is not None
    assert channel.find(f"{{{PODCAST}}}guid") is not None
    items = channel.findall("item")
    for item in items:
        slug = item.findtext("enclosure") or ""
        transcript = item.find(f"{{{PODCAST}}}transcript")
        chapters = item.find(f"{{{PODCAST}}}chapters")
        assert transcript is not None and transcript.get("type") == "text/vtt"
        assert chapters is not None
        assert chapters.get("type") == "application/json+chapters"
        name = (chapters.get("url") or "").rsplit("/", 1)[1]
        assert (out / name).is_file(), slug
    assert channel.find(f"{{{ITUNES}}}owner") is not None
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert channel.findtext(f"{{{ITUNES}}}author") == "Example Times"
    assert all(item.findtext(f"{{{ITUNES}}}explicit") == "false" for item in items)
    category = channel.find(f"{{{ITUNES}}}category")
    assert category is not None and category.get("text") == "News"
    sub = category.find(f"{{{ITUNES}}}category")
    assert sub is not None and sub.get("text") == "Daily News"


def test_guids_are_stable_across_rebuilds(site: tuple[Path, list[Manifest]]) -> None:
    out, built = site
    first = (out / "feed.xml").read_bytes()
    assert run("feed", "--base-url", "https://example.org/audio", "-o", str(out)).exit_code == 0
    assert (out / "feed.xml").read_bytes() == first
    older = next(m for m in built if m.slug == "older")
    moved = Manifest.from_dict({**older.to_dict(), "source_sha256": "changed", "duration_ms": 1})
    assert episode_guid(moved) == episode_guid(older)


def test_feed_needs_a_base_url(site: tuple[Path, list[Manifest]]) -> None:
    out, _ = site
    result = run("feed", "-o", str(out))
    assert result.exit_code == 2
    assert "--base-url" in result.output_both and len(result.stderr.strip().splitlines()) == 1
    assert "'':" not in result.stderr and "no public URL given" in result.stderr


def test_feed_with_nothing_built(tmp_path: Path) -> None:
    result = run("feed", "--base-url", "https://example.org", "-o", str(tmp_path))
    assert result.exit_code != 0 and "run audiogen build first" in result.output_both


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"feed": {"titel": "x"}}, "[feed] has unknown key(s) titel"),
        ({"feed": {"explicit": "no"}}, "[feed] explicit has the wrong type"),
        ({"feed": {"title": 3}}, "[feed] title has the wrong type"),
        ({"intro": 5}, "intro has the wrong type"),
    ],
)
def test_feed_config_errors(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match="^" + re.escape(f"audiogen.toml: {message}")):
        options_from_config(table, Path("audiogen.toml"))


def test_feed_config_and_intro_paths(tmp_path: Path) -> None:
    opts = options_from_config(
        {"feed": {"title": "T", "explicit": True}, "intro": "jingle.ogg"},
        tmp_path / "audiogen.toml",
    )
    assert opts.feed == FeedSettings(title="T", explicit=True)
    assert opts.intro == tmp_path / "jingle.ogg"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2024-03-05", "Tue, 05 Mar 2024 00:00:00 +0000"),
        ("2024-04-01T08:30:00+02:00", "Mon, 01 Apr 2024 08:30:00 +0200"),
        ("2024-04-01T08:30:00Z", "Mon, 01 Apr 2024 08:30:00 +0000"),
        ("last Tuesday", "Wed, 01 Jan 2025 12:00:00 +0000"),  # unparseable: the file's time
        (None, "Wed, 01 Jan 2025 12:00:00 +0000"),
    ],
)
def test_pub_date(date: str | None, expected: str) -> None:
    from datetime import datetime, timezone

    from audiogen.publish.feed import pub_date

    m = Manifest(
        title="t", slug="t", lang="en", engine="e", voice="v", duration_ms=1, loudness_lufs=-16,
        true_peak_dbtp=-1, script_sha256="", source_sha256="", sentences=(), mp3={}, date=date,
    )  # fmt: skip
    assert pub_date(m, datetime(2025, 1, 1, 12, tzinfo=timezone.utc)) == expected


@pytest.mark.parametrize(
    ("front_matter", "config", "artist", "channel_author"),
    [
        # no byline: the publisher from [feed], else the site the article names
        ("site: Daily Planet\n", "", "Daily Planet", "Daily Planet"),
        (
            "site: Daily Planet\n",
            '[feed]\nauthor = "Planet Media"\n',
            "Planet Media",
            "Planet Media",
        ),
        ("", '[feed]\ntitle = "Planet Audio"\n', "Planet Audio", "Planet Audio"),
        # a byline wins for the episode; the channel is the publisher's
        ("author: Lois Lane\nsite: Daily Planet\n", "", "Lois Lane", "Daily Planet"),
    ],
)
def test_every_mp3_has_an_artist(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    front_matter: str,
    config: str,
    artist: str,
    channel_author: str,
) -> None:
    from mutagen.id3 import ID3

    src, out = tmp_path / "articles", tmp_path / "out"
    src.mkdir()
    (src / "audiogen.toml").write_text(config, encoding="utf-8")
    (src / "story.md").write_text(f"---\ntitle: A story\n{front_matter}---\n\nIt rained.\n")
    build(src / "story.md", options_for(src, {"out_dir": out, "engine": "espeak"}))
    assert str(ID3(out / "story.mp3")["TPE1"]) == artist
    result = run("feed", "--base-url", "https://example.org/audio", "-o", str(out))
    assert result.exit_code == 0, result.output_both
    channel = ET.parse(out / "feed.xml").getroot().find("channel")
    assert channel is not None
    assert channel.findtext(f"{{{ITUNES}}}author") == channel_author
    assert channel.findtext("description") in (
        "Audio versions of articles from Daily Planet.",
        "Audio versions of articles from Planet Audio.",
    )
    # what Apple requires and [feed] lacks is named, with the setting that fixes it
    assert "no image in [feed]" in caplog.text and "set image in [feed]" in caplog.text
    assert "no owner_email in [feed]" in caplog.text


def test_no_one_to_credit_is_warned(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from audiogen.publish.feed import feed_xml

    (tmp_path / "plain.txt").write_text("A story\n\nIt rained all day in the valley.\n")
    with caplog.at_level("WARNING"):
        build(
            tmp_path / "plain.txt", options_for(tmp_path, {"out_dir": tmp_path, "engine": "espeak"})
        )
    assert "no author and no site" in caplog.text and "set author in [feed]" in caplog.text
    from datetime import datetime, timezone

    from audiogen.publish.manifest import read_manifests

    ((_, manifest),) = read_manifests(tmp_path)
    caplog.clear()
    with caplog.at_level("WARNING"):
        xml = feed_xml([(manifest, datetime.now(timezone.utc))], "https://x.org", FeedSettings())
    assert b"<description>Audio versions of articles.</description>" in xml
    assert "no author in [feed]" in caplog.text
