"""Regression tests for what a hostile article author or an unlucky configuration did to audiogen
(issue 12): each test is named after what it reproduces. One folder of hostile articles is built
once with espeak; the good article in it must build, every bad one fail in one line."""

from __future__ import annotations

import html.parser
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from audiogen.config import options_for
from audiogen.errors import ConfigError, InputError
from audiogen.text.clean import CleanRules, clean_article
from audiogen.text.read import read_bytes

from .conftest import run

GOOD = (
    "---\n"
    "title: António Guterres visits\n"
    'summary: "nul \\0 here, and a bell \\a too"\n'
    "lang: pt\n"
    "---\n\n"
    "O secretário-geral chegou hoje.\n"
)

BAD = {
    # a UTF-16 byte order mark, then an odd number of bytes
    "utf16-bom-odd-bytes.txt": (b"\xff\xfe\x00bad utf\x80\x81\n", "not valid UTF-16"),
    "lone-surrogate-title.md": (
        b'---\ntitle: "half \\ud800 a character"\n---\n\nBody text here.\n',
        "lone",
    ),
    "non-ascii-lang.md": (
        "---\ntitle: Langue\nlang: français\n---\n\nBody text here.\n".encode(),
        "is not a language code",
    ),
    # 262 bytes that expand to megabytes (eight levels ran past 3.8 GB)
    "yaml-alias-bomb.md": (
        b"---\na: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"title: *c\n---\n\nBody text here.\n",
        "YAML alias",
    ),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A folder with one good article and the bad ones, built with espeak, and its feed."""
    src = tmp_path_factory.mktemp("hostile")
    (src / "antonio.md").write_text(GOOD, encoding="utf-8")
    for name, (data, _) in BAD.items():
        (src / name).write_bytes(data)
    out = tmp_path_factory.mktemp("out")
    result = run("build", str(src), "-o", str(out), "-e", "espeak", "-q")
    feed = run("feed", "--base-url", "https://example.org/audio/", "-o", str(out))
    assert feed.exit_code == 0, feed.output_both
    return src, out, result.output_both + f"\nexit {result.exit_code}"


@pytest.mark.parametrize("name", sorted(BAD))
def test_hostile_article_fails_in_one_line_and_the_good_one_builds(
    hostile: tuple[Path, Path, str], name: str
) -> None:
    src, out, output = hostile
    assert (out / "antonio-guterres-visits.mp3").is_file() or (out / "antonio.mp3").is_file()
    assert "1 built, 4 failed" in output and output.endswith("exit 2")
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if name in line]
    assert len(lines) == 1 and BAD[name][1] in lines[0], output


def test_nul_in_summary_keeps_the_feed_well_formed(hostile: tuple[Path, Path, str]) -> None:
    _, out, _ = hostile
    root = ET.fromstring((out / "feed.xml").read_bytes())  # raises on ill-formed XML
    assert root.findtext("channel/item/description") == "nul  here, and a bell  too"
    for name in ("index.html", "feed.xml"):
        text = (out / name).read_text(encoding="utf-8")
        assert "\x00" not in text and "\x07" not in text
    for manifest in out.glob("*.json"):
        assert "\\u0000" not in manifest.read_text(encoding="utf-8")


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("name", ["antonio.html", "index.html"])
def test_snippet_opened_without_charset_shows_no_mojibake(
    hostile: tuple[Path, Path, str], name: str
) -> None:
    _, out, _ = hostile
    snippet = next(out.glob(name)) if name == "index.html" else next(out.glob("antonio*.html"))
    data = snippet.read_bytes()
    # A page with no charset is read as Windows-1252/Latin-1: with only ASCII bytes, no mojibake.
    shown = data.decode("latin-1")
    assert shown.isascii()
    parser = _Text()
    parser.feed(shown)  # character references decoded, as a browser does
    assert "António Guterres" in "".join(parser.text)


def test_yaml_alias_bomb_is_refused_before_it_expands() -> None:
    data, _ = BAD["yaml-alias-bomb.md"]
    with pytest.raises(InputError, match=r"bomb\.md: front matter uses the YAML alias \*a"):
        read_bytes("bomb.md", data)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ('"smile \\ud83d\\ude00"', "smile \U0001f600"),  # an escaped pair is one character
        ('"tab\\there"', "tab here"),
        ('"form\\ffeed"', "form feed"),
        ('"del\\x7fete"', "del\x7fete"),  # XML 1.0 allows DEL
    ],
)
def test_escaped_characters_in_front_matter(title: str, expected: str) -> None:
    article = read_bytes("a.md", f"---\ntitle: {title}\n---\n\nBody.\n".encode())
    assert article.title == expected


# Nested 300 levels deep: lxml stops at 256 by default, and trafilatura then lost the paragraph
# inside and every one after it, silently.
def _deep_page(levels: int) -> bytes:
    deep = "<div>" * levels + "<p>The deep paragraph tells the key part.</p>" + "</div>" * levels
    return (
        "<html><head><title>Deep page</title></head><body><article><h1>Deep page</h1>"
        "<p>The first paragraph opens the story about the weather.</p>"
        f"{deep}<p>After the depths, a closing paragraph ends the story.</p>"
        "</article></body></html>"
    ).encode()


def test_html_nested_300_deep_is_read_whole() -> None:
    article = read_bytes("deep.html", _deep_page(300))
    texts = [b.text for b in article.blocks]
    assert "The deep paragraph tells the key part." in texts
    assert texts[-1] == "After the depths, a closing paragraph ends the story."


def test_html_nested_past_the_limit_says_so() -> None:
    with pytest.raises(InputError, match=r"deep\.html: .*nested over 2048 levels"):
        read_bytes("deep.html", _deep_page(3000))


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[boilerplate]\ndrop = "news"\n', r"\[boilerplate\] drop = 'news' has the wrong type"),
        ("[boilerplate]\ndrop = [5]\n", r"\[boilerplate\] drop has 5"),
        ('replace = "x"\n', "replace = 'x' has the wrong type"),
        ("lexicon = 5\n", "lexicon = 5 has the wrong type"),
        ("[lexicon]\nGuterres = 5\n", r"\[lexicon\] has 5"),
        ("[replace]\nACME = true\n", r"\[replace\] has True"),
        ('[pauses]\nsentence_ms = "abc"\n', r"\[pauses\] sentence_ms = 'abc' has the wrong type"),
        ("pauses = 3\n", "pauses = 3 has the wrong type"),
        ('engine_options = "fast"\n', "engine_options = 'fast' has the wrong type"),
    ],
)
def test_config_table_of_the_wrong_type_names_key_and_file(
    tmp_path: Path, toml: str, message: str
) -> None:
    (tmp_path / "audiogen.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        options_for(tmp_path)
    assert str(info.value).startswith(str(tmp_path / "audiogen.toml"))


def _article(text: str):  # type: ignore[no-untyped-def]
    return read_bytes("a.txt", f"The title, with a comma\n\n{text}\n".encode())


def test_drop_pattern_that_backtracks_forever_is_a_config_error() -> None:
    # Timed out by the regex package (re would run for hours on this pattern and sentence).
    pattern = r"(?:\w+\W*){1,50}X$"
    rules = CleanRules(drop=(pattern,), config=Path("site/audiogen.toml"))
    sentence = "The quick brown fox jumps over the lazy dog near the river bank today. " * 2
    with pytest.raises(ConfigError) as info:
        clean_article(_article(sentence), rules)
    message = str(info.value)
    assert repr(pattern) in message and "site/audiogen.toml" in message and "took over" in message


def test_drop_pattern_from_the_issue_no_longer_hangs() -> None:
    # ^(\w+\s?)+$ hung CI on one ordinary sentence with re.
    rules = CleanRules(drop=(r"^(\w+\s?)+$",))
    article, _ = clean_article(
        _article("Sponsored content here\n\nA real sentence, with a comma."), rules
    )
    assert [b.text for b in article.blocks] == ["A real sentence, with a comma."]
