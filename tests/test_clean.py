"""Tests of the clean stage: repairs, boilerplate rules, the title, and the real UN sample."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audiogen.errors import ConfigError
from audiogen.text.clean import Change, CleanRules, clean_article, format_changes, repair_text
from audiogen.types import Article, Block

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "un-counter-terrorism-week-2021.raw.txt"
CJK = re.compile("[\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
UN = CleanRules(replace={"51勛圖": "United Nations"})
PROSE = "Ministers from forty countries met in Geneva on Monday to agree a plan for shared rivers."


def read_plain(text: str, name: str = "test.txt") -> Article:
    """The reader's plain-text behaviour: the first non-empty line is the title, every other
    non-empty line a paragraph, except that a line starting in lower case joins the one before."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if lines and line[0].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return Article(
        title=lines[0] if lines else "",
        blocks=tuple(Block("paragraph", line) for line in lines[1:]),
        slug="test",
        source=name,
        source_sha256="0" * 64,
        format="text",
    )


def make(title: str, *blocks: str | Block, fmt: str = "text", **meta: str | None) -> Article:
    return Article(
        title=title,
        blocks=tuple(b if isinstance(b, Block) else Block("paragraph", b) for b in blocks),
        slug="test",
        source="test",
        source_sha256="0" * 64,
        format=fmt,
        **meta,  # type: ignore[arg-type]
    )


def spoken(article: Article) -> list[str]:
    return [article.title, *(b.text for b in article.blocks)]


# --- repair_text ---------------------------------------------------------------------------------

REPAIRS = [
    # (text, replace table, expected text, expected (rule, action) pairs)
    ("JosÃ© Ramos-Horta", {}, "José Ramos-Horta", [("mojibake", "repaired")]),
    ("itâ€™s", {}, "it’s", [("mojibake", "repaired")]),
    ("Ant籀nio Guterres", {}, "António Guterres", [("mojibake-big5", "repaired")]),
    ("UN Photo/Manuel El穩as", {}, "UN Photo/Manuel Elías", [("mojibake-big5", "repaired")]),
    ("Ele 矇 bom.", {}, "Ele é bom.", [("mojibake-big5", "repaired")]),
    ("on泭Countering", {}, "on Countering", [("nbsp", "repaired")]),
    ("Jos矇泭Smith", {}, "José Smith", [("mojibake-big5", "repaired"), ("nbsp", "repaired")]),
    ("28\u00a0June", {}, "28 June", []),
    ("counter\u00adterrorism", {}, "counterterrorism", []),
    ("zero\u200bwidth\ufeff", {}, "zerowidth", []),
    ("  many \t  spaces\n here ", {}, "many spaces here", []),
    ("“Curly” quotes stay", {}, "“Curly” quotes stay", []),
    (
        "the 51勛圖 Office of Counter-Terrorism",
        {"51勛圖": "United Nations"},
        "the United Nations Office of Counter-Terrorism",
        [("replace", "repaired")],
    ),
    # Without the table the spam token cannot be repaired: it is taken out, with a warning.
    ("the 51勛圖 Office", {}, "the 51 Office", [("unrepaired-cjk", "warning")]),
    ("of the 51勛圖, and", {}, "of the 51, and", [("unrepaired-cjk", "warning")]),
    ("Brand勛圖name", {}, "Brand name", [("unrepaired-cjk", "warning")]),
    # Real CJK text is left alone: no width folding, no quote straightening, no "repair".
    ("联合国（纽约）宣布，“会议”结束。", {}, "联合国（纽约）宣布，“会议”结束。", []),
    ("會議於2021年6月舉行，穩定。", {}, "會議於2021年6月舉行，穩定。", []),
    ("plain ASCII text.", {}, "plain ASCII text.", []),
]


@pytest.mark.parametrize(("text", "table", "expected", "rules"), REPAIRS)
def test_repair_text(
    text: str, table: dict[str, str], expected: str, rules: list[tuple[str, str]]
) -> None:
    fixed, changes = repair_text(text, CleanRules(replace=table), line=3)
    assert fixed == expected
    assert [(c.rule, c.action) for c in changes] == rules
    assert all(c.line == 3 for c in changes)


def test_repair_reports_the_damaged_word() -> None:
    _, changes = repair_text("Secretary-General Ant籀nio Guterres", CleanRules())
    assert changes == [Change("mojibake-big5", "repaired", "Ant籀nio", "António", None)]
    _, changes = repair_text("said JosÃ© today", CleanRules())
    assert changes == [Change("mojibake", "repaired", "JosÃ©", "José", None)]


def test_replace_runs_before_cjk_repair() -> None:
    # The token would otherwise be taken for unrepairable mojibake and removed.
    fixed, changes = repair_text("the 51勛圖 Global Strategy", UN)
    assert fixed == "the United Nations Global Strategy"
    assert [c.rule for c in changes] == ["replace"]


def test_cjk_article_is_never_treated_as_mojibake() -> None:
    # Alone, "使用iPhone手機" has more Latin letters than CJK; in a Chinese article it is real.
    article = make("聯合國反恐週閉幕", "使用iPhone手機", "會議於2021年6月28日至30日舉行。")
    cleaned, changes = clean_article(article)
    assert spoken(cleaned) == spoken(article)
    assert changes == []


# --- Regression data -----------------------------------------------------------------------------

LINE_FILES = ["big5-mojibake", "nbsp-mojibake", "latin1-mojibake"]
ARTICLE_FILES = ["spam-token-title", "photo-caption-truncated"]


def _lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name", LINE_FILES)
def test_regression_lines(name: str) -> None:
    damaged, expected = _lines(f"{name}.txt"), _lines(f"{name}.expected.txt")
    assert len(damaged) == len(expected)
    for line, want in zip(damaged, expected, strict=True):
        fixed, changes = repair_text(line, CleanRules())
        assert fixed == want
        assert not CJK.search(fixed)
        assert all(c.action == "repaired" for c in changes)


def test_regression_chinese_paragraph_unchanged() -> None:
    for line in _lines("chinese-paragraph.txt"):
        assert repair_text(line, CleanRules()) == (line, [])


@pytest.mark.parametrize("name", ARTICLE_FILES)
def test_regression_articles(name: str) -> None:
    article = read_plain((DATA / f"{name}.txt").read_text(encoding="utf-8"))
    cleaned, _ = clean_article(article, UN)
    assert spoken(cleaned) == _lines(f"{name}.expected.txt")


# --- Boilerplate rules ---------------------------------------------------------------------------

BOILERPLATE = [
    # (line, rule that drops it, or None when it must be kept)
    ("Get monthly e-newsletter", "newsletter-prompt"),
    ("Sign up for our newsletter", "newsletter-prompt"),
    ("Subscribe", "newsletter-prompt"),
    ("Subscribe to our podcast today", "newsletter-prompt"),
    ("Subscribers to the service rose by a third last year, the company said.", None),
    ("If you can't read now, just listen to the audio version:", "audio-prompt"),
    ("Listen to this article", "audio-prompt"),
    ("He urged leaders to listen to the story of every survivor of the attacks.", None),
    (
        "Visitors can listen to the audio recordings of the testimonies, which the tribunal"
        " released on Monday after years of legal wrangling over the privacy of the victims.",
        None,
    ),
    ("Share this", "share-follow"),
    ("Share", "share-follow"),
    ("Follow us on Twitter", "share-follow"),
    ("Like", "share-follow"),
    ("Share prices fell sharply on Monday as investors worried about the economy.", None),
    ("Like many countries, Ghana has invested in early warning systems.", None),
    ("Follow the money, the investigators said.", None),
    ("UN Photo/Manuel Elías", "photo-credit"),
    ("Photo: Reuters", "photo-credit"),
    ("Image credit: NASA/JPL", "photo-credit"),
    ("Photograph by Jane Doe", "photo-credit"),
    ("Credit: Reuters", "photo-credit"),
    ("© AFP", "photo-credit"),
    ("Jane Doe/Getty Images", "photo-credit"),
    ("The photo shows the damage done to the market in the capital.", None),
    ("Credit card debt rose again in the second quarter.", None),
    ("Read more: UN chief calls for ceasefire", "read-more"),
    ("Related: Counter-Terrorism Week opens", "read-more"),
    ("See also: the 2018 conference", "read-more"),
    ("Read more", "read-more"),
    ("Read more books, the minister told pupils.", None),
    ("Tags: terrorism, technology, UNOCT", "tag-list"),
    ("Comments", "comments"),
    ("Leave a comment", "comments"),
    ("12 comments", "comments"),
    ("Comments from the minister were welcomed by the delegates.", None),
    ("We use cookies to improve your experience on our site.", "cookie-banner"),
    ("Accept all cookies", "cookie-banner"),
    ("Regulators say the law on cookies is rarely enforced in practice.", None),
    ("© 2021 United Nations", "copyright-footer"),
    ("Copyright 2021 Example News Ltd.", "copyright-footer"),
    ("All rights reserved", "copyright-footer"),
    ("Example News Ltd. All rights reserved.", "copyright-footer"),
    ("The label said it would appeal, as it had all rights reserved.", None),
    ("From Africa Renewal:", "section-kicker"),
    ("From Africa Renewal: ", "section-kicker"),
    ("From the start, the talks were difficult.", None),
    ("Advertisement", "advertisement"),
    ("Skip to main content", "navigation"),
]


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize(("line", "rule"), BOILERPLATE)
def test_boilerplate(line: str, rule: str | None, fmt: str) -> None:
    # After a prose paragraph, so that only the rule table decides (no header rules).
    article = make("Ministers agree water plan", PROSE, line, fmt=fmt)
    cleaned, changes = clean_article(article)
    texts = [b.text for b in cleaned.blocks]
    if rule is None:
        assert texts == [PROSE, line.strip()]
        assert changes == []
    else:
        assert texts == [PROSE]
        assert changes == [Change(rule, "dropped", line.strip(), "", 2)]


def test_custom_drop_patterns() -> None:
    rules = CleanRules(drop=(r"^advertisement feature\b",))
    article = make("Ministers agree water plan", PROSE, "Advertisement feature: buy now")
    cleaned, changes = clean_article(article, rules)
    assert [b.text for b in cleaned.blocks] == [PROSE]
    assert changes[0].rule == r"custom:^advertisement feature\b"


@pytest.mark.parametrize(
    "rules",
    [
        {"drop": ("(unclosed",)},
        {"replace": {"": "United Nations"}},
    ],
)
def test_bad_rules_are_config_errors(rules: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        CleanRules(**rules)  # type: ignore[arg-type]


# --- Photo captions ------------------------------------------------------------------------------

CAPTIONS = [
    # (blocks after the title, blocks expected to stay)
    (
        [
            "A view of the Hall as Raffi Gregorian (at dais)...",
            "UN Photo/Manuel Elías",
            "A view of the Hall as Raffi Gregorian (at dais), Director, chairs the meeting.",
            PROSE,
        ],
        [PROSE],
    ),
    (["Children queue for water near the border", "Photo: Reuters", PROSE], [PROSE]),
    # A sentence before a credit may be the article's: it stays.
    ([PROSE, "Photo: Reuters", "Review in May."], [PROSE, "Review in May."]),
    # Below a credit only a truncated line is surely a caption.
    (["Photo: Reuters", "Water plan agreed by all", PROSE], ["Water plan agreed by all", PROSE]),
    # Without a credit a line ending in "..." is kept.
    (["The talks went on and on...", PROSE], ["The talks went on and on...", PROSE]),
]


@pytest.mark.parametrize(("blocks", "kept"), CAPTIONS)
def test_photo_captions(blocks: list[str], kept: list[str]) -> None:
    cleaned, _ = clean_article(make("Ministers agree water plan", *blocks))
    assert [b.text for b in cleaned.blocks] == kept


# --- Title and header ----------------------------------------------------------------------------

TITLES = [
    # (title, blocks, site, replace table, expected title, expected title-change rules)
    (
        "51勛圖",
        ["Ministers agree water plan", PROSE],
        None,
        UN.replace,
        "Ministers agree water plan",
        ["brand-line", "title"],
    ),
    (
        "BBC",
        ["Ministers agree water plan", PROSE],
        None,
        {},
        "Ministers agree water plan",
        ["brand-line", "title"],
    ),
    (
        "Example News",
        ["Ministers agree water plan", PROSE],
        "Example News",
        {},
        "Ministers agree water plan",
        ["site-name", "title"],
    ),
    (
        "Sign up for our newsletter",
        ["Ministers agree water plan", PROSE],
        None,
        {},
        "Ministers agree water plan",
        ["newsletter-prompt", "title"],
    ),
    ("Water plan agreed", [PROSE], None, {}, "Water plan agreed", []),
    ("JosÃ© wins", [PROSE], None, {}, "José wins", ["mojibake"]),
    # Nothing better follows: a doubtful title beats an empty one.
    ("Solo", [], None, {}, "Solo", []),
    ("BBC", ["Opinion"], None, {}, "BBC", []),
]


@pytest.mark.parametrize(("title", "blocks", "site", "table", "expected", "rules"), TITLES)
def test_title(
    title: str,
    blocks: list[str],
    site: str | None,
    table: dict[str, str],
    expected: str,
    rules: list[str],
) -> None:
    cleaned, changes = clean_article(make(title, *blocks, site=site), CleanRules(replace=table))
    assert cleaned.title == expected
    assert [c.rule for c in changes if c.line == 0 or c.rule == "title"] == rules
    assert expected not in [b.text for b in cleaned.blocks]


def test_repeated_title_is_dropped() -> None:
    article = make(
        "Water plan agreed",
        Block("heading", "Water Plan Agreed!"),
        PROSE,
        fmt="html",
    )
    cleaned, changes = clean_article(article)
    assert [b.text for b in cleaned.blocks] == [PROSE]
    assert changes == [Change("repeated-title", "dropped", "Water Plan Agreed!", "", 1)]


def test_empty_html_title_takes_the_first_block() -> None:
    cleaned, _ = clean_article(make("", Block("heading", "Water plan agreed"), PROSE, fmt="html"))
    assert cleaned.title == "Water plan agreed"
    assert [b.text for b in cleaned.blocks] == [PROSE]


def test_nothing_left() -> None:
    cleaned, changes = clean_article(make("Subscribe", "Share this", "Comments"))
    assert cleaned.blocks == ()
    assert cleaned.title == ""
    assert [c.rule for c in changes] == ["newsletter-prompt", "share-follow", "comments"]


DATES = [
    ("2 July 2021", "2021-07-02"),
    ("July 2, 2021", "2021-07-02"),
    ("Friday, 2 July 2021", "2021-07-02"),
    ("2nd Jul. 2021", "2021-07-02"),
    ("2021-07-02", "2021-07-02"),
    ("Published: 2 July 2021", "2021-07-02"),
    ("Sept 30, 2020", "2020-09-30"),
]


@pytest.mark.parametrize(("line", "iso"), DATES)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_dateline(line: str, iso: str, fmt: str) -> None:
    cleaned, changes = clean_article(make("Water plan agreed", line, PROSE, fmt=fmt))
    assert cleaned.date == iso
    assert [b.text for b in cleaned.blocks] == [PROSE]
    assert [(c.rule, c.action, c.after) for c in changes] == [
        ("dateline", "dropped", ""),
        ("date", "repaired", iso),
    ]


# Header lines a metadata date may look like, but which are not only a date: they are kept.
NOT_DATELINES = ["2021/07/02", "2021-07-02T10:30:00", "31 June 2021", "2 July 2021 in Geneva"]


@pytest.mark.parametrize("line", NOT_DATELINES)
def test_not_a_dateline(line: str) -> None:
    cleaned, changes = clean_article(make("Water plan agreed", line, PROSE, fmt="markdown"))
    assert cleaned.date is None
    assert [b.text for b in cleaned.blocks] == [line, PROSE]
    assert changes == []


def test_dateline_keeps_a_known_date() -> None:
    cleaned, changes = clean_article(make("Water plan", "2 July 2021", PROSE, date="2021-07-01"))
    assert cleaned.date == "2021-07-01"
    assert [c.rule for c in changes] == ["dateline"]


def test_date_in_the_body_is_spoken() -> None:
    cleaned, _ = clean_article(make("Water plan agreed", PROSE, "2 July 2021"))
    assert cleaned.date is None
    assert [b.text for b in cleaned.blocks] == [PROSE, "2 July 2021"]


HEADER = [
    # (header line, dropped in plain text)
    ("UN News", True),
    ("Opinion", True),
    ("By Jane Doe", False),
    ("A personal view", False),
    ("Second Counter-Terrorism Week concludes with calls for global collaboration", False),
]


@pytest.mark.parametrize(("line", "dropped"), HEADER)
def test_header_labels(line: str, dropped: bool) -> None:
    cleaned, _ = clean_article(make("Water plan agreed", line, PROSE))
    assert [b.text for b in cleaned.blocks] == ([PROSE] if dropped else [line, PROSE])
    # Only in the header, and only for plain text.
    cleaned, _ = clean_article(make("Water plan agreed", PROSE, line))
    assert [b.text for b in cleaned.blocks] == [PROSE, line]
    cleaned, _ = clean_article(make("Water plan agreed", line, PROSE, fmt="html"))
    assert [b.text for b in cleaned.blocks] == [line, PROSE]


def test_site_name_line_is_dropped_in_any_format() -> None:
    article = make("Water plan agreed", "Example News", PROSE, fmt="html", site="Example News")
    cleaned, changes = clean_article(article)
    assert [b.text for b in cleaned.blocks] == [PROSE]
    assert [c.rule for c in changes] == ["site-name"]


def test_metadata_and_kinds_are_kept() -> None:
    article = make("Title here", Block("heading", "Background"), PROSE, fmt="markdown", url="u")
    cleaned, _ = clean_article(article)
    assert cleaned.blocks == article.blocks
    assert (cleaned.slug, cleaned.url, cleaned.format) == ("test", "u", "markdown")


# --- format_changes ------------------------------------------------------------------------------

FORMATS = [
    (
        Change("newsletter-prompt", "dropped", "Get monthly e-newsletter", "", 2),
        "block 2: dropped (newsletter-prompt): Get monthly e-newsletter",
    ),
    (
        Change("mojibake-big5", "repaired", "Ant籀nio", "António", 12),
        "block 12: repaired (mojibake-big5): Ant籀nio -> António",
    ),
    (
        Change("unrepaired-cjk", "warning", "51勛圖", "51", None),
        "text: warning (unrepaired-cjk): 51勛圖 -> 51",
    ),
    (
        Change("photo-caption", "dropped", "x" * 150, "", 0),
        "block 0: dropped (photo-caption): " + "x" * 99 + "…",
    ),
]


@pytest.mark.parametrize(("change", "line"), FORMATS)
def test_format_changes(change: Change, line: str) -> None:
    assert format_changes([change]) == line


def test_format_changes_one_line_each() -> None:
    assert format_changes([]) == ""
    assert format_changes([c for c, _ in FORMATS]).splitlines() == [line for _, line in FORMATS]


# --- The real sample -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> tuple[Article, Article, list[Change]]:
    raw = read_plain(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))
    cleaned, changes = clean_article(raw, UN)
    return raw, cleaned, changes


def test_sample_title_and_date(sample: tuple[Article, Article, list[Change]]) -> None:
    raw, cleaned, _ = sample
    title = (
        "UN Secretary-General highlights responsible use of new technologies"
        " in counter-terrorism efforts"
    )
    assert raw.title == "51勛圖"  # the reader's guess, which the clean stage must correct
    assert cleaned.title == title
    assert title not in [b.text for b in cleaned.blocks]  # the repeat on line 7 is gone
    assert cleaned.date == "2021-07-02"


def test_sample_text(sample: tuple[Article, Article, list[Change]]) -> None:
    _, cleaned, _ = sample
    text = "\n".join(spoken(cleaned))
    assert "United Nations Office of Counter-Terrorism" in text
    assert "António Guterres" in text
    assert not CJK.search(text)
    for chrome in (
        "Get monthly",
        "listen to the audio version",
        "UN Photo",
        "A wide view of the General Assembly",
        "From Africa Renewal",
        "e-newsletter",
    ):
        assert chrome not in text


def test_sample_keeps_every_body_paragraph(sample: tuple[Article, Article, list[Change]]) -> None:
    raw, cleaned, _ = sample
    # The body is everything after the audio prompt; the standfirst above it stays too.
    texts = [b.text.replace("51勛圖", "United Nations") for b in raw.blocks]
    start = next(i for i, t in enumerate(texts) if "listen to the audio version" in t) + 1
    body = [" ".join(t.split()[:6]) for t in texts[start:]]
    assert len(body) >= 10
    assert body[0].startswith("Convened under the auspices")
    kept = [b.text for b in cleaned.blocks]
    assert kept[0].startswith("Second Counter-Terrorism Week concludes")
    # the possessives the site lost are restored (see test_lost_apostrophes_in_the_sample)
    assert [" ".join(t.replace("'s ", "s ").split()[:6]) for t in kept[1:]] == body


def test_sample_explain(sample: tuple[Article, Article, list[Change]]) -> None:
    _, _, changes = sample
    report = format_changes(changes)
    assert "repaired (mojibake-big5): Ant籀nio -> António" in report
    assert "dropped (photo-credit): UN Photo/Manuel El穩as" in report
    assert "dropped (repeated-title)" in report
    assert not [c for c in changes if c.action == "warning"]
    rules = {c.rule for c in changes}
    for rule in ("newsletter-prompt", "audio-prompt", "photo-caption", "section-kicker", "nbsp"):
        assert rule in rules


def test_sample_without_the_table_warns_and_speaks_no_garbage() -> None:
    raw = read_plain(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))
    cleaned, changes = clean_article(raw, CleanRules())
    assert not CJK.search("\n".join(spoken(cleaned)))
    assert cleaned.title == clean_article(raw, UN)[0].title
    warnings = [c for c in changes if c.action == "warning"]
    assert warnings and all(c.rule == "unrepaired-cjk" and "51勛圖" in c.before for c in warnings)
    # Each warning points at a block that holds the token.
    assert all(c.line is not None and "51勛圖" in raw.blocks[c.line - 1].text for c in warnings)


# --- tables ---------------------------------------------------------------------------------------

ROWS = "Player\tPlays\nPlayer\tPlays\nLarry Ogunjobi\t63\nMyles Garrett\t57"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # the header once (pages print it twice), then a sentence a row
        (ROWS, "Player, Plays. Larry Ogunjobi, 63. Myles Garrett, 57."),
        # a cell's own full stop does not double the row's
        ("DL\t1 tackle (1 combined). 1 sack.", "DL, 1 tackle (1 combined). 1 sack."),
        ("\tOnly\t\n\t\t", "Only."),
        ("Year\tRuns\n" + "\n".join(f"{1990 + i}\t{i}" for i in range(10)), ...),  # 10 rows: read
        ("Year\tRuns\n" + "\n".join(f"{1990 + i}\t{i}" for i in range(11)), None),  # too long
        ("\t".join("abcdefg"), None),  # too wide to follow by ear
        ("", None),
    ],
)
def test_read_table(table: str, expected: str | None) -> None:
    from audiogen.text.clean.tables import read_table

    got = read_table(table)
    if expected is ...:
        assert got is not None and got.startswith("Year, Runs. 1990, 0.")
    else:
        assert got == expected


def test_tables_are_read_or_dropped_and_explained() -> None:
    big = "\n".join(f"Row {i}\t{i}" for i in range(20))
    article = make("Stats", PROSE, Block("table", ROWS), Block("table", big), fmt="html")
    cleaned, changes = clean_article(article)
    assert [b.text for b in cleaned.blocks] == [
        PROSE,
        "Player, Plays. Larry Ogunjobi, 63. Myles Garrett, 57.",
    ]
    assert {b.kind for b in cleaned.blocks} == {"paragraph"}
    report = format_changes(changes).splitlines()
    assert report[0].startswith("block 2: repaired (table-read): Player | Plays / Player")
    assert report[1].startswith("block 3: dropped (table-too-large): Row 0 | 0 / Row 1 | 1")


# --- lost apostrophes -----------------------------------------------------------------------------

ASSEMBLY = "The General Assembly met in New York on Monday."
OFFICE = "The Office said the plan was ready."


@pytest.mark.parametrize(
    ("context", "damaged", "expected"),
    [
        # repaired: the stem is a name in the article, the damaged form no word (or a plural
        # that does not fit), and a noun follows
        (ASSEMBLY, "It welcomed the General Assemblys adoption of the plan.", "Assembly's"),
        (ASSEMBLY, "The General Assemblys biennial review ended.", "Assembly's"),
        (
            "The Secretary-General spoke first.",
            "Delegates backed the Secretary-Generals vision for peace.",
            "Secretary-General's",
        ),
        (OFFICE, "Delegates renewed the Offices mandate for two years.", "Office's"),
        # left alone: right as it is
        (OFFICE, "The Offices were closed on Friday.", None),  # a plural before a verb
        (OFFICE, "Staff moved between the Offices in Geneva.", None),  # before a preposition
        (OFFICE, "It has two Offices.", None),  # a plural at a clause's end
        (ASSEMBLY, "Local assemblys budgets grew.", None),  # no name "assembly" in the article
        ("The company grew.", "The robotic landers next year will fly.", None),  # common noun
        ("Ms Williams won.", "The Williams family won.", None),  # the stem is no name here
        (OFFICE + " Both Offices agreed.", "The Offices staff met.", None),  # a plural elsewhere
        (ASSEMBLY, "It welcomed the General Assembly's adoption.", None),  # already right
        (ASSEMBLY, "Two General Assemblys.", None),  # nothing follows
    ],
)
def test_lost_apostrophes(context: str, damaged: str, expected: str | None) -> None:
    cleaned, changes = clean_article(make("Plan adopted", context, damaged, fmt="text"))
    repairs = [c for c in changes if c.rule == "lost-apostrophe"]
    if expected is None:
        assert repairs == []
        assert cleaned.blocks[1].text == damaged
    else:
        assert [c.after for c in repairs] == [expected]
        assert expected in cleaned.blocks[1].text
        assert f"(lost-apostrophe): {repairs[0].before} -> {expected}" in format_changes(changes)


def test_lost_apostrophes_in_the_sample() -> None:
    article = read_plain(SAMPLE.read_text(encoding="utf-8"))
    cleaned, _ = clean_article(article, UN)
    text = " ".join(b.text for b in cleaned.blocks)
    for right in ("General Assembly's adoption", "Secretary-General's vision", "Office's mandate"):
        assert right in text
    assert "Assemblys" not in text and "Generals vision" not in text


def test_lost_apostrophes_only_in_english() -> None:
    article = make(
        "Plan adopted", OFFICE, "Delegates renewed the Offices mandate.", fmt="text", lang="fr"
    )
    assert clean_article(article)[0].blocks[1].text == "Delegates renewed the Offices mandate."


# --- the list of other stories after the article --------------------------------------------

LONG = " ".join([PROSE] * 3)


@pytest.mark.parametrize(
    ("blocks", "kept"),
    [
        # a label near the end opens the page's list of other stories: it and what follows go
        ([LONG, LONG, "Top stories", "A teaser.", "Another teaser."], 2),
        ([LONG, LONG, "You may also like...", "A teaser."], 2),
        ([LONG, LONG, "More from Reuters:", "A teaser."], 2),
        ([LONG, LONG, "Most read", "A teaser."], 2),
        # left alone: a label before half the article, or a sentence that starts like one
        (["Latest news", LONG, LONG], 3),
        ([LONG, "More than two decades ago the probe flew past.", LONG], 3),
        ([LONG, LONG, "Other teacher protests were held last year.", "They ended."], 4),
    ],
)
def test_related_stories_after_the_article(blocks: list[str], kept: int) -> None:
    cleaned, changes = clean_article(make("Council budget approved", *blocks, fmt="html"))
    assert len(cleaned.blocks) == kept
    dropped = [c for c in changes if c.rule == "related-stories"]
    assert len(dropped) == len(blocks) - kept
