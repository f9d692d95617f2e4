"""The command line, through click's CliRunner: commands, outputs, errors and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import responses

from audiogen.cli import cli

from .conftest import PNG, ROOT, SAMPLE, batchexecute_body, run, runner, tone_mp3

HALF_FRAME_MS = 14
"""Half an MP3 frame at 22.05 kHz (576 samples), rounded up."""


def test_help_and_version() -> None:
    assert run("--help").exit_code == 0
    result = run("--version")
    assert result.exit_code == 0 and re.search(r"\d+\.\d+\.\d+", result.output_both)


def test_script_of_the_sample() -> None:
    result = run("script", str(SAMPLE))
    assert result.exit_code == 0, result.output_both
    text = result.stdout
    assert text.splitlines()[0].startswith("U N Secretary-General highlights")
    assert "the United Nations Office of Counter-Terrorism" in text
    assert "António Guterres" in text
    assert "U N O C T" in text
    for junk in ("Get monthly", "UN Photo", "listen to the audio version", "51", "勛"):
        assert junk not in text
    assert "\n\n" in text  # paragraphs are separated by a blank line


def test_script_json_and_explain() -> None:
    result = runner().invoke(cli, ["script", str(SAMPLE), "--format", "json", "--explain"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    kinds = {s["kind"] for s in doc["sentences"]}
    assert kinds == {"title", "body"}
    assert all({"text", "written", "paragraph", "section"} <= set(s) for s in doc["sentences"])
    assert "dropped (newsletter-prompt): Get monthly e-newsletter" in result.stderr


def test_script_from_stdin() -> None:
    result = run("script", "-", input="Headline here\n\nThe UN met on 2 July 2021.\n")
    assert result.exit_code == 0
    assert (
        result.stdout == "Headline here\n\nThe U N met on the second of July, twenty twenty-one.\n"
    )


def test_engines_lists_all() -> None:
    result = run("engines")
    assert result.exit_code == 0
    assert "hibari [default for en]: offline" in result.output_both
    assert "pico [default for fr, es, de, it]: offline" in result.output_both
    assert "gtts: online" in result.output_both
    assert "espeak [default for other languages]: offline" in result.output_both
    assert "lessac" in result.output_both  # the joe voice's lineage, stated
    assert "  fr       pico" in result.output_both  # the table of defaults
    doc = json.loads(run("engines", "--format", "json").stdout)
    assert {e["name"] for e in doc} >= {"hibari", "pico", "piper", "gtts", "espeak"}


def test_build_with_espeak(tmp_path: Path, short_article: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(short_article), "-o", str(out), "--engine", "espeak", "-q")
    assert result.exit_code == 0, result.output_both
    manifest = json.loads((out / "short-news.json").read_text())
    assert manifest["engine"] == "espeak" and manifest["voice"] == "espeak-en-us"
    assert [s["kind"] for s in manifest["sentences"]] == [
        "title",
        "body",
        "body",
        "heading",
        "body",
    ]
    assert (out / "short-news.mp3").stat().st_size == manifest["mp3"]["bytes"]
    gaps = [
        b["start_ms"] - a["end_ms"]
        for a, b in zip(manifest["sentences"], manifest["sentences"][1:], strict=False)
    ]
    # each sentence is its own run of whole MP3 frames: a pause lands within half a frame
    assert gaps[1] == pytest.approx(300, abs=HALF_FRAME_MS)  # between sentences of a paragraph
    assert gaps[2] == pytest.approx(1000, abs=HALF_FRAME_MS)  # before a heading


def test_build_pause_options(tmp_path: Path, short_article: Path) -> None:
    result = run(
        "build",
        str(short_article),
        "-o",
        str(tmp_path),
        "-e",
        "espeak",
        "-q",
        "--sentence-pause",
        "500",
        "--heading-pause",
        "1500",
    )
    assert result.exit_code == 0, result.output_both
    s = json.loads((tmp_path / "short-news.json").read_text())["sentences"]
    # each sentence is its own run of whole MP3 frames: a pause lands within half a frame
    assert s[2]["start_ms"] - s[1]["end_ms"] == pytest.approx(500, abs=HALF_FRAME_MS)
    assert s[3]["start_ms"] - s[2]["end_ms"] == pytest.approx(1500, abs=HALF_FRAME_MS)


def test_build_with_gtts_through_faked_http(tmp_path: Path, short_article: Path) -> None:
    with responses.RequestsMock() as http:
        http.add(
            responses.POST,
            re.compile(r"https://translate\.google\.co\.uk/.*"),
            body=batchexecute_body(tone_mp3(0.8)),
        )
        result = run(
            "build",
            str(short_article),
            "-o",
            str(tmp_path),
            "--engine",
            "gtts",
            "-O",
            "tld=co.uk",
            "-q",
        )
        assert len(http.calls) == 5  # one request per sentence, each under 100 characters
    assert result.exit_code == 0, result.output_both
    manifest = json.loads((tmp_path / "short-news.json").read_text())
    assert manifest["engine"] == "gtts" and manifest["options"]["engine_options"] == {
        "tld": "co.uk"
    }


def test_gtts_offline_is_one_line(tmp_path: Path, short_article: Path) -> None:
    import requests

    with responses.RequestsMock() as http:
        http.add(
            responses.POST,
            re.compile(r"https://translate\.google\.com/.*"),
            body=requests.exceptions.ConnectionError("Name or service not known"),
        )
        result = run("build", str(short_article), "-o", str(tmp_path), "--engine", "gtts", "-q")
    assert result.exit_code != 0
    lines = [line for line in result.output_both.splitlines() if line.strip()]
    assert len(lines) == 1 and "needs the internet" in lines[0] and "piper" in lines[0]
    assert "Traceback" not in result.output_both
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.txt", b"", "is empty"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "binary"),
        ("notes.docx", b"PK\x03\x04", "unknown article format"),
        ("junk.txt", b"Get monthly e-newsletter\n\nShare this\n", "no text is left"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    src = tmp_path / name
    src.write_bytes(content)
    out = tmp_path / "out"
    result = run("build", str(src), "-o", str(out), "-e", "espeak", "-q")
    assert result.exit_code == 2
    assert (
        result.output_both.count("\n") == 1
        and str(src) in result.output_both
        and fragment in result.output_both
    )
    assert "Traceback" not in result.output_both
    assert not out.exists() or not list(out.iterdir())


def test_big_and_unreadable(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Title\n\n" + b"All work and no play. " * 240_000)  # 5.3 MB
    result = run("build", str(big), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 2 and "5.3 MB" in result.output_both
    missing = run("script", str(tmp_path / "missing.md"))
    assert missing.exit_code == 2 and "no such file" in missing.output_both


def test_batch_with_one_bad_article(tmp_path: Path, short_article: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = run("build", str(tmp_path), "-o", str(out), "-e", "espeak", "-q")
    assert result.exit_code == 2
    assert (out / "short-news.mp3").exists()
    assert "1 built, 1 failed" in result.output_both
    assert "bad.txt: the file is empty" in result.output_both


def test_existing_output_survives_a_failed_build(tmp_path: Path, short_article: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(short_article), "-o", str(out), "-e", "espeak", "-q").exit_code == 0
    before = (out / "short-news.mp3").read_bytes()
    short_article.write_bytes(b"\x00\x01binary now")
    assert run("build", str(short_article), "-o", str(out), "-e", "espeak", "-q").exit_code == 2
    assert (out / "short-news.mp3").read_bytes() == before


def test_unknown_engine_and_voice(short_article: Path, tmp_path: Path) -> None:
    result = run("build", str(short_article), "-o", str(tmp_path), "-e", "nope")
    assert result.exit_code == 2 and "installed engines are hibari" in result.output_both
    result = run("build", str(short_article), "-o", str(tmp_path), "--voice", "nobody")
    assert result.exit_code == 2 and "heart" in result.output_both
    result = run("build", str(short_article), "-o", str(tmp_path), "--lang", "de", "-e", "hibari")
    assert result.exit_code == 2 and "--engine espeak" in result.output_both


def test_progress_lines_when_not_a_tty(tmp_path: Path, short_article: Path) -> None:
    result = runner().invoke(
        cli, ["build", str(short_article), "-o", str(tmp_path), "-e", "espeak"]
    )
    assert result.exit_code == 0
    assert "short-news: speaking 5 sentences" in result.stderr
    assert re.search(r"short-news\.mp3: \d+\.\d s, -1[5-7]\.\d LUFS", result.stderr)
    assert result.stdout == ""


def test_cover_from_front_matter_is_embedded(tmp_path: Path) -> None:
    from mutagen.id3 import ID3

    (tmp_path / "cover.png").write_bytes(PNG)
    src = tmp_path / "story.md"
    src.write_text(
        "---\ntitle: Covered story\nimage: cover.png\nsummary: A short summary.\n---\n\n"
        "The story has a cover image.\n",
        encoding="utf-8",
    )
    result = run("build", str(src), "-o", str(tmp_path / "out"), "-e", "espeak", "-q")
    assert result.exit_code == 0, result.output_both
    id3 = ID3(tmp_path / "out" / "story.mp3")
    assert id3.getall("APIC")[0].data == PNG
    assert id3.getall("COMM")[0].text[0] == "A short summary."
    (tmp_path / "cover.png").unlink()
    result = run("build", str(src), "-o", str(tmp_path / "out"), "-e", "espeak", "-q")
    assert result.exit_code == 2 and "cover image not found" in result.output_both


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Council approves new bridge\n\nThe vote was close.\n", "council-approves-new-bridge"),
        ("---\ntitle: Front matter\nslug: own-slug\n---\n\nBody text here.\n", "own-slug"),
    ],
)
def test_stdin_article_is_named_by_its_title(text: str, slug: str) -> None:
    from audiogen.text.read import read_bytes

    assert read_bytes("-", text.encode("utf-8")).slug == slug


def test_engines_counts_in_words() -> None:
    result = run("engines")
    assert result.exit_code == 0
    assert not re.search(r"\b1 (voices|languages)", result.stdout)
    assert re.search(r"^piper\b[^\n]*: offline, 1 voice, ", result.stdout, re.M), result.stdout


def test_progress_says_what_the_cache_saved(tmp_path: Path, short_article: Path) -> None:
    """After a one-sentence edit the rebuild speaks one sentence and says the others came from
    the cache, and what that saved."""
    cache = str(tmp_path / "cache")  # its own: other tests speak this article too
    args = ["build", str(short_article), "-o", str(tmp_path), "-e", "espeak", "--cache-dir", cache]
    first = runner().invoke(cli, args)
    assert first.exit_code == 0 and "from the cache" not in first.stderr
    text = short_article.read_text(encoding="utf-8")
    edited = re.sub(r"(\n\n[^\n#-][^\n]*?)\.", r"\1 today.", text, count=1)
    assert edited != text
    short_article.write_text(edited, encoding="utf-8")
    second = runner().invoke(cli, args)
    assert second.exit_code == 0, second.stderr
    assert "short-news: speaking 5 sentences, 4 from the cache" in second.stderr
    assert re.search(
        r"short-news: 1 sentence synthesized in \d+\.\d s; the cache saved about \d+ s",
        second.stderr,
    )
    third = runner().invoke(cli, [*args, "--force"])
    assert "speaking 5 sentences, 5 from the cache" in third.stderr
    assert "short-news: every sentence from the cache" in third.stderr


@pytest.mark.parametrize(
    ("article", "stage_lines"),
    [
        # an HTML page: what reading left out (cookie banner, navigation, byline), by source line
        (
            "who-heat-health-warning.html",
            [
                "read: 6 left out of the page",
                "line 14: left out: Home",
                "line 20: left out: By Lukas Brandt, 18 July 2023",
                "line 43: left out: We use cookies to improve your experience.",
                "clean: 1 dropped or repaired",
                "dropped (share-follow): Share this article",
                "line 5: unit: 48°C -> forty-eight degrees Celsius",
                "time: 12 p.m. and 5:30 p.m. -> twelve p-m and five thirty p-m",
            ],
        ),
        # Markdown: number and date conversions, each with its source line
        (
            "city-council-budget-2024.md",
            [
                "line 2: money: $4.2 billion -> four point two billion dollar",
                "line 12: time: 1:30 a.m., -> one thirty a-m,",
                "line 20: number: 350 -> three hundred and fifty",
            ],
        ),
        (
            "un-counter-terrorism-week-2021.txt",
            [
                "clean: 24 dropped or repaired",
                "line 11: dropped (header-label): UN News",
                "normalize: ",
                "line 21: number: 1,000 -> one thousand",
            ],
        ),
    ],
)
def test_explain_shows_every_change_by_stage(article: str, stage_lines: list[str]) -> None:
    result = run("script", str(ROOT / "articles" / article), "--explain")
    assert result.exit_code == 0, result.output_both
    report = result.stderr
    for line in stage_lines:
        assert line in report, line
    # grouped: the stages in pipeline order
    heads = [h for h in ("read:", "clean:", "normalize:") if h in report]
    assert heads == sorted(heads, key=report.index)
