"""The reader: formats, metadata, slugs, and one-line errors for bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from audiogen.errors import InputError
from audiogen.text.dates import parse_date
from audiogen.text.read import load_article, read_bytes, slugify

from .conftest import DATA, ROOT


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Hello World", "hello-world"),
        ("../../etc/passwd", "etc-passwd"),
        ("Ünïcödé café", "unicode-cafe"),
        ("a/b\\c:d*e?f", "a-b-c-d-e-f"),
        ("...", "article"),
        ("x" * 200, "x" * 80),
        ("2021: the year", "2021-the-year"),
    ],
)
def test_slugify(value: str, expected: str) -> None:
    assert slugify(value) == expected


def test_plain_text_title_and_paragraphs() -> None:
    a = read_bytes(
        "story.txt", b"The headline\n\nFirst paragraph.\nA second line\ncontinued here.\n"
    )
    assert a.title == "The headline"
    assert [b.text for b in a.blocks] == ["First paragraph.", "A second line continued here."]
    assert a.slug == "story" and a.format == "text"


def test_markdown_front_matter_and_headings() -> None:
    src = (
        b"---\ntitle: My Title\nauthor: [A One, B Two]\ndate: 2021-07-02\nlang: en-GB\n"
        b"slug: ../evil/slug\nimage: cover.png\n---\n\n"
        b"Intro with a [link](http://x.org) and `code`.\n\n## Part one\n\n"
        b"- item one\n- item two\n\n"
        b"```\nprint('not spoken')\n```\n"
    )
    a = read_bytes("dir/post.md", src)
    assert a.title == "My Title"
    assert a.author == "A One, B Two"
    assert a.date == "2021-07-02"
    assert a.lang == "en-GB"
    assert a.slug == "evil-slug"
    assert a.cover == str(Path("dir") / "cover.png")
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("paragraph", "Intro with a link and code."),
        ("heading", "Part one"),
        ("paragraph", "item one"),
        ("paragraph", "item two"),
    ]


def test_markdown_without_front_matter_uses_first_heading() -> None:
    a = read_bytes("x.md", b"# Big Title\n\nBody text here.\n")
    assert a.title == "Big Title"
    assert [b.text for b in a.blocks] == ["Body text here."]


def test_html_main_text_and_metadata() -> None:
    a = load_article(ROOT / "articles" / "who-heat-health-warning.html")
    assert a.title.startswith("WHO warns of record heat")
    assert a.lang == "en"
    assert a.date == "2023-07-18T09:30:00+00:00"  # the page gives the time and its zone
    assert a.author == "Lukas Brandt"
    assert a.site == "Global Health Desk"
    text = " ".join(b.text for b in a.blocks)
    assert "Sardinia and Sicily" in text
    assert "Home | Health" not in text
    assert ("heading", "Hospitals on alert") in [(b.kind, b.text) for b in a.blocks]


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("doc.pdf", b"%PDF-1.4 something", "unknown article format"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nbody\n", "front matter"),
    ],
)
def test_bad_input_is_a_one_line_error(name: str, data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        read_bytes(name, data)
    message = str(info.value)
    assert message.startswith(name) and fragment in message and "\n" not in message
    assert info.value.exit_code == 2


def test_too_large(tmp_path: Path) -> None:  # plain text: the file is what is spoken
    big = tmp_path / "big.txt"
    big.write_bytes(b"Title\n\n" + b"word " * 1_100_000)  # 5.5 MB
    with pytest.raises(InputError, match="big.txt: the article is 5.5 MB"):
        load_article(big)


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        load_article(tmp_path)


def test_cp1252_fallback() -> None:
    a = read_bytes("old.txt", "Caf\xe9 news\n\nIt\x92s here.\n".encode("latin-1"))
    assert a.title == "Café news"
    assert a.blocks[0].text == "It’s here."


# A metadata date (front matter, an HTML meta tag) and the ISO date read from it; None: no date.
METADATA_DATES = [
    ("2021-07-02", "2021-07-02"),
    ("2021-07-02T10:30:00+02:00", "2021-07-02"),
    ("2 July 2021", "2021-07-02"),
    ("July 2, 2021", "2021-07-02"),
    ("July 2 2021", "2021-07-02"),
    ("Jul 2, 2021", "2021-07-02"),
    ("2 Jul 2021", "2021-07-02"),
    ("2021/07/02", "2021-07-02"),
    # what only a header line may be written as
    ("2nd July 2021", None),
    ("Friday, 2 July 2021", None),
    ("Published: 2 July 2021", None),
    ("Sept 30, 2020", None),
    ("31 June 2021", None),
    ("someday", None),
]


@pytest.mark.parametrize(("value", "iso"), METADATA_DATES)
def test_metadata_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso
    text = f'---\ntitle: Water plan\ndate: "{value}"\n---\n\nThe plan was agreed.\n'
    # the article keeps a time and its zone (see test_published_keeps_the_time_and_zone)
    assert (read_bytes("a.md", text.encode()).date or "")[:10] == (iso or "")


def test_metadata_date_objects() -> None:
    assert parse_date(dt.date(2021, 7, 2)) == "2021-07-02"
    assert parse_date(dt.datetime(2021, 7, 2, 23, 59)) == "2021-07-02"
    assert parse_date(None) is None and parse_date("") is None
    text = "---\ntitle: Water plan\ndate: 2021-07-02\n---\n\nThe plan was agreed.\n"
    assert read_bytes("a.md", text.encode()).date == "2021-07-02"  # YAML gives a date


# A header line and the ISO date it gives as a dateline; None: it is not only a date.
DATELINES = [
    ("2 July 2021", "2021-07-02"),
    ("2nd Jul. 2021", "2021-07-02"),
    ("July 2nd, 2021", "2021-07-02"),
    ("Jul 2 2021", "2021-07-02"),
    ("Friday, 2 July 2021", "2021-07-02"),
    ("Published on Fri, 2 July 2021", "2021-07-02"),
    ("Posted: Sept 30, 2020", "2020-09-30"),
    ("2021-07-02", "2021-07-02"),
    ("31 June 2021", None),
    ("2021/07/02", None),
    ("2021-07-02T10:30:00", None),
    ("2 July 2021 in Geneva", None),
    ("July 2021", None),
]


@pytest.mark.parametrize(("line", "iso"), DATELINES)
def test_dateline_date(line: str, iso: str | None) -> None:
    assert parse_date(line, dateline=True) == iso


_WRAPPED = (
    "Harbour petition\n"
    "Residents asked the council to reopen the old harbour to the ferries\n"
    "that ran until 1998. The petition was signed by 3,100 people in two\n"
    "weeks, the council said.\n"
    "A second paragraph starts here without a blank line before it.\n"
)


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # wrapped at 72 columns: blank lines are the only paragraph breaks
        (
            (DATA / "hard-wrapped-72.txt").read_text(encoding="utf-8"),
            (DATA / "hard-wrapped-72.expected.txt").read_text(encoding="utf-8").splitlines(),
        ),
        # a wrapped paragraph whose last line is short: the next line is a new paragraph
        (
            _WRAPPED,
            [
                "Residents asked the council to reopen the old harbour to the ferries that ran "
                "until 1998. The petition was signed by 3,100 people in two weeks, the council "
                "said.",
                "A second paragraph starts here without a blank line before it.",
            ],
        ),
        # one paragraph a line (scraped pages): short lines stay their own paragraphs
        (
            "Title\n\nUN News\n2 July 2021\nThe meeting opened on Monday with a long speech by "
            "the Secretary-General about the new technologies and their use by terrorists.\n"
            "Get monthly\ne-newsletter\n",
            [
                "UN News",
                "2 July 2021",
                "The meeting opened on Monday with a long speech by the Secretary-General about "
                "the new technologies and their use by terrorists.",
                "Get monthly e-newsletter",
            ],
        ),
    ],
)
def test_hard_wrapped_text_is_unwrapped(text: str, paragraphs: list[str]) -> None:
    article = read_bytes("story.txt", text.encode("utf-8"))
    assert [b.text for b in article.blocks] == paragraphs


PROSE = (
    "<p>The city council approved the budget on Tuesday after a long debate about roads, "
    "schools and the harbour, and the mayor said the vote settled a question that had divided "
    "the council for most of the year.</p>"
)


def _page(body: str, *, script_bytes: int = 0) -> bytes:
    """A news page as a browser saves it: an article among scripts and inline data."""
    script = f"<script>var data = '{'x' * script_bytes}';</script>" if script_bytes else ""
    return (
        f"<!doctype html><html lang='en'><head><title>Council budget</title>{script}</head>"
        f"<body><article><h1>Council budget</h1>{PROSE * 3}{body}{PROSE}</article></body></html>"
    ).encode()


def test_a_large_page_with_a_short_article_is_read() -> None:
    # 1.5 MB of scripts around a short article: the limit is on what will be spoken.
    page = _page("", script_bytes=1_500_000)
    assert len(page) > 1_000_000
    article = read_bytes("page.html", page)
    assert article.blocks and "budget" in article.blocks[0].text


def test_page_limits() -> None:
    with pytest.raises(InputError, match=r"page.html: the page is 3\.0 MB, over the 2\.0 MB"):
        read_bytes("page.html", _page("", script_bytes=3_000_000), max_bytes=100_000)
    with pytest.raises(InputError, match="page.html: the article text of the page is"):
        read_bytes("page.html", _page(""), max_bytes=100)


def test_html_line_breaks_split_lines() -> None:
    page = _page("<p>Tour dates:<br>June 9 -- Tampa, FL<br>June 10 -- Miami, FL</p>")
    texts = [b.text for b in read_bytes("page.html", page).blocks]
    at = texts.index("Tour dates:")
    assert texts[at : at + 3] == ["Tour dates:", "June 9 -- Tampa, FL", "June 10 -- Miami, FL"]


def test_html_tables_are_read_as_tables() -> None:
    table = (
        "<table><tr><th>Player</th><th>Plays</th></tr>"
        "<tr><td>Larry Ogunjobi</td><td>63</td></tr><tr><td>Myles Garrett</td><td>57</td></tr>"
        "</table>"
    )
    blocks = read_bytes("page.html", _page(table)).blocks
    tables = [b for b in blocks if b.kind == "table"]
    assert [t.text for t in tables] == ["Player\tPlays\nLarry Ogunjobi\t63\nMyles Garrett\t57"]


def test_a_layout_table_is_read_as_paragraphs() -> None:
    page = _page(f"<table><tr><td></td><td>{PROSE}</td></tr></table>")
    blocks = read_bytes("page.html", page).blocks
    assert {b.kind for b in blocks} == {"paragraph"}
    assert any("city council approved" in b.text for b in blocks)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-04-01T08:30:00+02:00", "2024-04-01T08:30:00+02:00"),
        ("2023-07-18T09:30:00Z", "2023-07-18T09:30:00+00:00"),
        ("2023-07-18 09:30", "2023-07-18T09:30:00"),  # a time with no zone stays without one
        ("2023-07-18T09:30:00.123456+01:00", "2023-07-18T09:30:00+01:00"),
        (dt.datetime(2024, 4, 1, 8, 30, tzinfo=dt.timezone.utc), "2024-04-01T08:30:00+00:00"),
        ("2024-04-01", "2024-04-01"),  # no time: the date alone
        ("2 July 2021", "2021-07-02"),
        (dt.date(2021, 7, 2), "2021-07-02"),
        ("2024-04-01Tnonsense", "2024-04-01"),
        ("last Tuesday", None),
        (None, None),
    ],
)
def test_published_keeps_the_time_and_zone(value: object, expected: str | None) -> None:
    from audiogen.text.dates import parse_published

    assert parse_published(value) == expected
