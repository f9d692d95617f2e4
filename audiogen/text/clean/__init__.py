"""Clean stage: repair damaged text and drop page chrome, so that only the article is spoken.

Two halves:

* :func:`repair_text` (str -> str) fixes one string: the site's substitution table, ftfy for the
  usual UTF-8-read-as-Latin-1 mojibake, UTF-8 read as Big5 (``Ant籀nio`` -> ``António``), mangled
  and invisible spaces.
* :func:`clean_article` repairs the title and every block, then drops boilerplate blocks
  (newsletter prompts, photo credits and captions, share lines, ...), fixes a plain-text title whose
  first line was junk, drops a repeat of the title and takes a date-only header line as the date.

Every repair and drop is recorded as a :class:`Change`; :func:`format_changes` renders them for
``audiogen script --explain``.

Positions: an ``Article`` does not keep source line numbers, so ``Change.line`` is the block
number used everywhere else in the pipeline (``Sentence.paragraph``): 0 for the title, 1 for the
first body block, and so on. For plain text the title is the first non-empty line and each block
one (possibly re-joined) line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from audiogen.text.dates import parse_date
from audiogen.types import Article, Block

from .apostrophes import restore_possessives
from .boilerplate import (
    _boilerplate,
    _choose_title,
    _header,
    _is_label,
    _Item,
    _key,
    _mark_captions,
    _mark_tail,
)
from .repair import _mostly_cjk, repair_text
from .rules import _NO_RULES, Action, Change, CleanRules, _compile_drop
from .tables import read_table

__all__ = [
    "Action",
    "Change",
    "CleanRules",
    "Repair",
    "clean_article",
    "format_changes",
    "repair_text",
    "shorten",
    "source_lines",
]

# Longest text shown for one side of a change in the explain report.
_SHOWN = 100


Repair = Callable[..., "tuple[str, list[Change]]"]
"""What :func:`clean_article` repairs each block with: :func:`repair_text` or a stand-in that
remembers its answers (same arguments, same results)."""


def clean_article(
    article: Article,
    rules: CleanRules = _NO_RULES,
    repair: Repair | None = None,
    is_word: Callable[[str], bool] | None = None,
) -> tuple[Article, list[Change]]:
    """Repair the title and every block, drop boilerplate, and fix the title.

    Steps, each recorded as :class:`Change` objects (in block order):

    1. :func:`repair_text` on the title and every block.
    2. Boilerplate: each block is matched against the rule table and ``rules.drop``; then photo
       captions next to a dropped photo credit (a truncated one ending in "...", or the line just
       before the credit that does not end like a sentence), and any later block that starts with
       a dropped truncated caption's text.
    3. Title. The title is junk, and the next kept block becomes the title, when it is empty,
       boilerplate, consists only of tokens from the substitution table (the site injected them,
       so they are a brand stand-in, not a headline: ``brand-line``), or equals the site name. For
       plain text, where the title is only a guess (the first line), a single word with no space
       (a brand token such as ``BBC``) and a date-only line are junk too. Then a block repeating
       the title (same words, ignoring case and punctuation) is dropped (``repeated-title``).
    4. Header (the blocks before the first prose paragraph of at least eight words ending like a
       sentence): a date-only line ("2 July 2021") is dropped and becomes ``date`` if the article
       has none; a block equal to the site name is dropped; for plain text, a label of at most
       three capitalized words without final punctuation ("UN News", "Opinion") is dropped, except
       a byline ("By ...").

    5. Tables (HTML): a small one is read a row a sentence, a larger one dropped (:mod:`.tables`).
    6. Possessives whose apostrophe the site dropped, in English (:mod:`.apostrophes`; ``is_word``
       says whether a word is a common English word, by default from pyspellchecker's list).

    The title is never empty while any text remains; when nothing remains the article comes back
    with no blocks (the caller decides that this is an error).
    """
    plain = article.format == "text"
    extra = _compile_drop(tuple(rules.drop), rules.config)
    items = [_Item(0, "heading", article.title)] + [
        _Item(i, b.kind, b.text) for i, b in enumerate(article.blocks, start=1)
    ]
    # Judged on the whole article: in a CJK article every block's CJK is real; in a Latin one each
    # block is judged on its own (a Chinese paragraph quoted in an English article stays).
    cjk_article = _mostly_cjk(" ".join(item.original for item in items))
    tables = {item.index: _table(item) for item in items if item.kind == "table"}
    repair = repair or repair_text
    for item in items:
        if tables.get(item.index, 0) is None:
            item.drop = "table-too-large"
            continue
        item.text, item.changes = repair(
            item.original, rules, line=item.index, cjk_text=True if cjk_article else None
        )
        item.drop = _boilerplate(item.text, extra, rules.config)
        if (read := tables.get(item.index)) is not None:
            item.changes.insert(0, read)
    title_item, body = items[0], items[1:]
    _mark_captions(body)
    _mark_tail(body)

    title, title_changes = _choose_title(title_item, body, article, rules, plain, cjk_article)
    key = _key(title)
    for item in body:
        if item.kept and key and _key(item.text) == key:
            item.drop = "repeated-title"

    date = article.date
    date_changes: dict[int, Change] = {}
    # A plain-text first line that is only a date was refused as the title; it still dates the
    # article.
    dated = [title_item] if title_item.drop == "dateline" else []
    for item in dated + _header(body):
        iso = parse_date(item.text, dateline=True)
        if iso is not None:
            item.drop = "dateline"
            if date is None:
                date = iso
                date_changes[item.index] = Change("date", "repaired", item.text, iso, item.index)
        elif article.site and _key(item.text) == _key(article.site):
            item.drop = "site-name"
        elif plain and item.kind == "paragraph" and _is_label(item.text):
            item.drop = "header-label"

    changes = title_changes
    if 0 in date_changes:
        changes.append(date_changes[0])
    blocks: list[Block] = []
    numbers: list[int] = []  # each kept block's number, for the repairs below
    for item in body:
        if item.promoted:
            continue
        if item.kept and item.text:
            line = article.blocks[item.index - 1].line  # where --explain finds it
            blocks.append(Block(kind=item.kind, text=item.text, line=line))
            numbers.append(item.index)
            changes.extend(item.changes)
            continue
        if item.original.strip():
            rule = item.drop or "empty"
            changes.append(Change(rule, "dropped", item.original.strip(), "", item.index))
        if item.index in date_changes:
            changes.append(date_changes[item.index])
    if (article.lang or "en").lower().startswith("en"):  # the possessive 's is English
        texts = [(0, title), *zip(numbers, (b.text for b in blocks), strict=True)]
        fixed, repairs = restore_possessives(texts, is_word)
        title = fixed.get(0, title)
        blocks = [
            dataclasses.replace(b, text=fixed[n]) if n in fixed else b
            for n, b in zip(numbers, blocks, strict=True)
        ]
        changes.extend(repairs)
    changes.sort(key=lambda c: -1 if c.line is None else c.line)  # stable: keeps order in a block

    promoted = next((item for item in body if item.promoted), None)
    title_line = article.blocks[promoted.index - 1].line if promoted else article.title_line
    cleaned = dataclasses.replace(
        article, title=title, blocks=tuple(blocks), date=date, title_line=title_line
    )
    return cleaned, changes


def _table(item: _Item) -> Change | None:
    """Turn a table block into a paragraph when it is small enough to read (see
    :mod:`.tables`) and return the change that says so; None for a table to drop."""
    shown = item.original.replace("\t", " | ").replace("\n", " / ")
    spoken = read_table(item.original)
    item.kind, item.original = "paragraph", (shown if spoken is None else spoken)
    if spoken is None:
        return None
    return Change("table-read", "repaired", shown, spoken, item.index)


def format_changes(changes: list[Change], lines: Sequence[int | None] = ()) -> str:
    """The explain report: one line a change, e.g. ``line 7: dropped (newsletter-prompt): ...``.

    ``lines`` maps block numbers (``Change.line``) to source lines, as :func:`source_lines` gives
    them; without it, or where a block has no source line, the block number is shown. Long texts
    are shortened with an ellipsis. Returns ``""`` for no changes.
    """
    out = []
    for c in changes:
        if c.line is None:
            where = "text"
        elif c.line < len(lines) and lines[c.line] is not None:
            where = f"line {lines[c.line]}"
        else:
            where = f"block {c.line}"
        what = shorten(c.before)
        if c.action != "dropped":
            what += f" -> {shorten(c.after)}"
        out.append(f"{where}: {c.action} ({c.rule}): {what}")
    return "\n".join(out)


def source_lines(article: Article) -> list[int | None]:
    """Source line of each block number (0: the title) of an article as read, before cleaning."""
    return [article.title_line, *(b.line for b in article.blocks)]


def shorten(text: str) -> str:
    """``text``, or its start and an ellipsis when it is long: one line of a report."""
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1].rstrip() + "…"
