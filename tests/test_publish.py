"""Published web outputs of a real build (espeak voice, real encoder): captions, chapters in the
MP3 read back by mutagen and eyeD3, the embed snippet, index.html, and the CLI's embed command."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from audiogen import build, options_for
from audiogen.publish.captions import timestamp, webvtt
from audiogen.publish.chapters import chapters
from audiogen.publish.embed import embed_html, index_html, size
from audiogen.publish.manifest import public_url, read_manifest
from audiogen.types import Manifest, TimedSentence

from .conftest import run

ARTICLE = (
    "---\n"
    'title: "Council <b>approves</b> plan & budget"\n'
    "author: Ada Reporter\n"
    "date: 2024-03-05\n"
    "lang: en\n"
    "url: https://example.org/news/council\n"
    "site: Example Times\n"
    "---\n\n"
    "The council met today. The UNOCT sent a note.\n\n"
    "## Reaction\n\n"
    "Residents welcomed the decision.\n\n"
    "## What comes next\n\n"
    "Work starts in May. It ends in June.\n"
)


@pytest.mark.parametrize(
    ("base_url", "name", "url"),
    [
        ("", "a.mp3", "a.mp3"),  # no base URL: links stay relative to the page
        ("https://cdn.example.org/a", "a.mp3", "https://cdn.example.org/a/a.mp3"),
        ("https://cdn.example.org/a/", "a.vtt", "https://cdn.example.org/a/a.vtt"),
        ("https://cdn.example.org/a/", "/art.png", "https://cdn.example.org/a/art.png"),
        (
            "https://cdn.example.org/a",
            "https://img.example.org/art.png",
            "https://img.example.org/art.png",
        ),
        ("", "https://img.example.org/art.png", "https://img.example.org/art.png"),
    ],
)
def test_public_url(base_url: str, name: str, url: str) -> None:
    assert public_url(base_url, name) == url


@pytest.mark.parametrize(
    ("n", "shown"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1 kB"),
        (819_600, "820 kB"),
        (999_499, "999 kB"),
        (1_000_000, "1.0 MB"),
        (2_265_157, "2.3 MB"),
        (3_400_000_000, "3.4 GB"),
    ],
)
def test_size_in_decimal_units(n: int, shown: str) -> None:
    assert size(n) == shown


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manifest, Path]:
    src = tmp_path_factory.mktemp("articles") / "council.md"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    options = options_for(src.parent, {"out_dir": out, "engine": "espeak"})
    return build(src, options), out


def test_build_writes_every_web_output(built: tuple[Manifest, Path]) -> None:
    manifest, out = built
    names = {p.name for p in out.iterdir()}
    assert {
        "council.mp3",
        "council.json",
        "council.vtt",
        "council.chapters.json",
        "council.html",
        "index.html",
    } <= names
    assert not [n for n in names if n.startswith(".")]  # no temp files left
    assert read_manifest(out / "council.json") == manifest


def test_manifest_keeps_the_written_sentence(built: tuple[Manifest, Path]) -> None:
    manifest, _ = built
    unoct = next(s for s in manifest.sentences if "U N O C T" in s.text)
    assert unoct.written == "The UNOCT sent a note."
    assert manifest.sentences[0].written == "Council <b>approves</b> plan & budget"
    # an older manifest without the field still shows something
    assert TimedSentence("spoken", 0, 1).display == "spoken"


def test_webvtt_parses_with_one_cue_per_sentence(built: tuple[Manifest, Path]) -> None:
    import webvtt

    manifest, out = built
    vtt = (out / "council.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n\n")
    cues = webvtt.read(str(out / "council.vtt"))
    assert len(cues) == len(manifest.sentences)
    for cue, s in zip(cues, manifest.sentences, strict=True):
        assert cue.identifier.startswith("s")
        assert cue.start == timestamp(s.start_ms) and cue.end == timestamp(s.end_ms)
    assert cues[0].raw_text == "Council &lt;b&gt;approves&lt;/b&gt; plan &amp; budget"
    assert any(c.text == "The UNOCT sent a note." for c in cues)
    assert "U N O C T" not in vtt


@pytest.mark.parametrize(
    ("ms", "stamp"),
    [
        (0, "00:00:00.000"),
        (1, "00:00:00.001"),
        (61_005, "00:01:01.005"),
        (3_600_000 + 59_999, "01:00:59.999"),
        (-5, "00:00:00.000"),
    ],
)
def test_timestamp(ms: int, stamp: str) -> None:
    assert timestamp(ms) == stamp


def test_cue_never_ends_before_it_starts() -> None:
    m = Manifest(
        title="t", slug="t", lang="en", engine="e", voice="v", duration_ms=10,
        loudness_lufs=-16, true_peak_dbtp=-1, script_sha256="", source_sha256="",
        sentences=(TimedSentence("a --> b\n\nc", 5, 5, written=""),), mp3={"path": "t.mp3"},
    )  # fmt: skip
    lines = webvtt(m).splitlines()
    assert lines[3] == "00:00:00.005 --> 00:00:00.006"
    assert lines[4] == "a --&gt; b c"


def test_chapters_read_back_by_mutagen(built: tuple[Manifest, Path]) -> None:
    from mutagen.id3 import ID3

    manifest, out = built
    id3 = ID3(out / "council.mp3")
    toc = id3.getall("CTOC")
    assert len(toc) == 1
    chaps = {f.element_id: f for f in id3.getall("CHAP")}
    assert list(toc[0].child_element_ids) == sorted(chaps)
    got = [
        (str(chaps[i].sub_frames["TIT2"]), chaps[i].start_time, chaps[i].end_time)
        for i in toc[0].child_element_ids
    ]
    heading_starts = [
        next(s.start_ms for s in manifest.sentences if s.kind == "heading" and s.section == n)
        for n in (1, 2)
    ]
    assert got == [
        (manifest.title, 0, heading_starts[0]),
        ("Reaction", heading_starts[0], heading_starts[1]),
        ("What comes next", heading_starts[1], manifest.duration_ms),
    ]


def test_chapters_read_back_by_eyed3(built: tuple[Manifest, Path]) -> None:
    import eyed3

    manifest, out = built
    audio = eyed3.load(out / "council.mp3")
    assert audio is not None and audio.tag is not None
    tocs = list(audio.tag.table_of_contents)
    assert len(tocs) == 1 and tocs[0].toplevel and tocs[0].ordered
    found = [audio.tag.chapters.get(eid) for eid in tocs[0].child_ids]
    assert [c.title for c in found] == [c.title for c in chapters(manifest)]
    assert [c.times for c in found] == [(c.start_ms, c.end_ms) for c in chapters(manifest)]


def test_podcast_chapters_json(built: tuple[Manifest, Path]) -> None:
    manifest, out = built
    doc = json.loads((out / "council.chapters.json").read_text(encoding="utf-8"))
    assert doc["version"] == "1.2.0"
    assert [c["title"] for c in doc["chapters"]] == [
        manifest.title,
        "Reaction",
        "What comes next",
    ]
    assert doc["chapters"][0]["startTime"] == 0
    starts = [c["startTime"] for c in doc["chapters"]]
    assert starts == sorted(starts)


class _Page(HTMLParser):
    """Collects the tags (with attributes) and the text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
        else:
            self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_embed_snippet_is_accessible_and_escaped(built: tuple[Manifest, Path]) -> None:
    manifest, out = built
    html = (out / "council.html").read_text(encoding="utf-8")
    page = _parse(html)
    audio = next(a for t, a in page.tags if t == "audio")
    assert audio["controls"] == "" or audio["controls"] is None
    assert audio["preload"] == "metadata" and audio["src"] == "council.mp3"
    assert audio["aria-label"] == f"Audio version: {manifest.title}"
    track = next(a for t, a in page.tags if t == "track")
    assert (
        track["kind"] == "captions" and track["srclang"] == "en" and track["src"] == "council.vtt"
    )
    assert "default" in track
    download = [a for t, a in page.tags if t == "a" and "download" in a]
    assert download and download[0]["href"] == "council.mp3"
    times = [a for t, a in page.tags if t == "time"]
    assert times and times[0]["datetime"] == f"PT{round(manifest.duration_ms / 1000)}S"
    # beside the article it is embedded in, the snippet repeats neither its title nor its text
    assert "<b>" not in html  # the title's markup is text, not markup
    # once only: in the link that browsers which cannot play audio show instead of the player
    assert "".join(page.text).count("Council <b>approves</b> plan & budget") == 1
    assert "The UNOCT sent a note." not in "".join(page.text)
    assert "Listen to this article (" in "".join(page.text)
    assert not [a for t, a in page.tags if t == "span" and "data-cue" in a]
    # the read-along text is an opt-in, collapsed until opened
    page = _parse(embed_html(manifest, text=True))
    assert "<b>" not in html
    assert "The UNOCT sent a note." in "".join(page.text)
    details = [a for t, a in page.tags if t == "details"]
    assert details and "open" not in details[0]
    spans = [a for t, a in page.tags if t == "span" and "data-cue" in a]
    assert [a["data-cue"] for a in spans] == [f"s{i + 1}" for i in range(len(manifest.sentences))]
    assert [float(a["data-start"] or 0) for a in spans] == [
        round(s.start_ms / 1000, 3) for s in manifest.sentences
    ]


def test_embed_json_ld_describes_the_audio(built: tuple[Manifest, Path]) -> None:
    manifest, out = built
    page = _parse((out / "council.html").read_text(encoding="utf-8"))
    ld = [text for attrs, text in page.scripts if attrs.get("type") == "application/ld+json"]
    assert len(ld) == 1
    assert "</" not in ld[0]  # cannot close the script element early
    doc = json.loads(ld[0])
    assert doc["@type"] == "AudioObject" and doc["@context"] == "https://schema.org"
    assert doc["name"] == manifest.title
    assert doc["contentUrl"] == "council.mp3" and doc["encodingFormat"] == "audio/mpeg"
    assert re.fullmatch(r"PT(\d+M)?\d+S", doc["duration"])
    assert doc["inLanguage"] == "en" and doc["uploadDate"] == "2024-03-05"
    assert doc["caption"]["contentUrl"] == "council.vtt"
    assert doc["isBasedOn"] == "https://example.org/news/council"


def test_embed_without_script_still_has_the_player(built: tuple[Manifest, Path]) -> None:
    manifest, _ = built
    page = _parse(embed_html(manifest, "https://cdn.example.org/a/", script=False))
    assert [a for a, _ in page.scripts if a.get("type") != "application/ld+json"] == []
    audio = next(a for t, a in page.tags if t == "audio")
    assert audio["src"] == "https://cdn.example.org/a/council.mp3"
    with_script = _parse(embed_html(manifest, text=True))
    js = [text for a, text in with_script.scripts if not a.get("type")]
    assert len(js) == 1 and "cuechange" in js[0]
    # a player alone has nothing to highlight: no script
    player = _parse(embed_html(manifest))
    assert [a for a, _ in player.scripts if a.get("type") != "application/ld+json"] == []


def test_embed_command_prints_the_snippet(built: tuple[Manifest, Path]) -> None:
    manifest, out = built
    result = run("embed", "council", "-o", str(out))
    assert result.exit_code == 0, result.output_both
    assert result.stdout == (out / "council.html").read_text(encoding="utf-8")
    bare = run("embed", "council", "-o", str(out), "--no-script", "--base-url", "https://x.org/")
    assert "cuechange" not in bare.stdout and 'src="https://x.org/council.mp3"' in bare.stdout
    full = run("embed", "council", "-o", str(out), "--text")
    assert "cuechange" in full.stdout and "<details" in full.stdout
    assert "The UNOCT sent a note." in full.stdout
    missing = run("embed", "nope", "-o", str(out))
    assert missing.exit_code != 0
    assert "nope.json: no such manifest" in missing.output_both
    assert len(missing.stderr.strip().splitlines()) == 1


def test_index_lists_every_article(built: tuple[Manifest, Path], tmp_path: Path) -> None:
    manifest, out = built
    page = _parse((out / "index.html").read_text(encoding="utf-8"))
    assert [a["src"] for t, a in page.tags if t == "audio"] == ["council.mp3"]
    changed = {"slug": "other", "title": "<Other>", "date": "2025-01-01"}
    other = Manifest.from_dict(
        {**manifest.to_dict(), **changed, "mp3": {"path": "other.mp3", "bytes": 1}}
    )
    page = _parse(index_html([manifest, other]))
    assert [a["src"] for t, a in page.tags if t == "audio"] == ["other.mp3", "council.mp3"]
    assert "<Other>" in "".join(page.text)
    assert page.tags[0][0] == "html" and page.tags[0][1]["lang"] == "en"


@pytest.mark.parametrize("base_url", ["example.org/audio", "ftp://example.org", "//example.org"])
def test_embed_refuses_a_base_url_without_a_scheme(
    built: tuple[Manifest, Path], base_url: str
) -> None:
    """A scheme-less URL gave links relative to the embedding page, as feed already refused."""
    _, out = built
    result = run("embed", "council", "-o", str(out), "--base-url", base_url)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{base_url!r} is not a URL" in result.stderr and "https://" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
