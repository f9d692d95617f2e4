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
import datetime
import difflib
import logging
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from audiogen.errors import ConfigError
from audiogen.types import Article, Block, BlockKind

if TYPE_CHECKING:
    import ftfy

__all__ = ["Change", "CleanRules", "clean_article", "format_changes", "repair_text"]

logger = logging.getLogger(__name__)

# --- Tables -------------------------------------------------------------------------------------

# Boilerplate rules: (name, longest line the rule may drop, patterns). Patterns are searched in the
# whole repaired block, case-insensitively. Most are anchored at the start and the length cap keeps
# a rule about a short prompt from eating a real sentence that merely contains the same words
# ("Share prices fell ...", "The photo shows ...").
_BOILERPLATE: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (
        "newsletter-prompt",
        120,
        (
            r"^(get|receive|sign up|subscribe|join|register)\b.{0,60}\b(e-?)?newsletters?\b",
            r"^(e-?)?newsletters?[.!:]?$",
            r"^subscribe\b.{0,40}$",
            r"^sign up( now| here| today)?[.!]?$",
        ),
    ),
    (
        "audio-prompt",
        160,
        (
            r"\blisten to (the|this) (audio( version)?|article)\b",
            r"^(if you can.?t read (it )?now|prefer to listen|audio version)\b",
            r"^listen( now| here)?( to (this|the) (article|story))?[.:!]?$",
            r"\b(press|hit|tap) play\b.{0,40}\blisten\b",
        ),
    ),
    (
        "share-follow",
        80,
        (
            r"^(share|share this( article| story| page| post)?|tweet( this)?"
            r"|email( this)?( article)?|print( this)?( article| page)?|like)[.!:]?$",
            r"^share (this|on|via)\b.{0,40}$",
            r"^(follow|like) us\b",
        ),
    ),
    (
        "photo-credit",
        200,
        (
            # "UN Photo/Manuel Elías", "UNICEF Photo / Jane Doe", "Photo/AFP"
            r"^(\S+\s+){0,4}photos?\s*/\s*\S",
            # "Photo: Reuters", "Image credit: ...", "Photograph by ...", "Picture courtesy of ..."
            r"^(photo|photograph|image|picture|illustration)s?(\s+(credits?|courtesy|source))?\s*[:|]",
            r"^(photo|photograph|image|picture|illustration)s?\s+(by|courtesy( of)?|credits?)\b",
            r"^credits?\s*:",
            # "© AFP" (a year after the sign is a copyright footer, below)
            r"^(©|\(c\))\s*[^\d\s].{0,60}$",
            # "Jane Doe/Getty Images", "Jane Doe / AFP via Getty Images"
            r"/\s*(getty images|afp|reuters|ap|epa|shutterstock|alamy)(\s+via\s+getty images)?$",
        ),
    ),
    (
        "read-more",
        200,
        (
            r"^(read more|related( articles?| stories| content| coverage| news)?|see also"
            r"|more on this( story| topic)?|further reading|recommended( reading| for you)?"
            r"|you (may|might) also (like|be interested in))\s*[:»>|–—-]",
            r"^(read more|related|see also|more stories|recommended)\s*[.…»>]*$",
        ),
    ),
    (
        "tag-list",
        300,
        (r"^(tags?|tagged( with)?|topics?|filed under|categories|keywords)\s*:",),
    ),
    (
        "comments",
        80,
        (
            r"^(\d+\s+)?comments?$",
            r"^comments?\s*\(\d+\)$",
            r"^(leave|post|add|write) a (comment|reply)\b",
            r"^(view|show|load|read|see) (all )?(\d+ )?(comments?|replies)\b",
            r"^\d+\s+(comments?|replies|responses)\b",
            r"^comments (are|have been) closed\b",
        ),
    ),
    (
        "cookie-banner",
        400,
        (
            r"^(we|this (web)?site|our (web)?site) uses? cookies\b",
            r"^by (continuing|using|clicking)\b.{0,120}\bcookies\b",
            r"^(accept|allow|manage|reject)( all)? cookies\b",
            r"^cookie (policy|settings|preferences|notice)$",
        ),
    ),
    (
        "copyright-footer",
        200,
        (
            r"^(©|\(c\)|copyright\b)\s*(©\s*)?\d{4}",
            r"^copyright\s*©",
            # "All rights reserved", "Example Ltd. All rights reserved." - not "it had all ..."
            r"^(.{0,80}[.,|]\s*)?all rights reserved\.?$",
        ),
    ),
    (
        # "From Africa Renewal:" - a section kicker with nothing after the colon
        "section-kicker",
        60,
        (r"^from\s+[^\s:][^:]{0,50}:$",),
    ),
    (
        "advertisement",
        60,
        (
            r"^(advertisement|advert|sponsored( content)?|ad)$",
            r"^(story|article) continues below( advertisement)?$",
        ),
    ),
    (
        "navigation",
        40,
        (r"^(skip to (main )?content|back to top|print this (page|article))$",),
    ),
)

_BOILERPLATE_RE: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple(
    (name, cap, re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE))
    for name, cap, pats in _BOILERPLATE
)

# Characters that stand for U+00A0 after mis-decoding, beyond what ftfy already knows: on pages
# that read UTF-8 as Big5, the no-break space's bytes C2 A0 are not a valid Big5 pair, and the
# decoders seen in the wild emit this ideograph instead (it does not round-trip, so it cannot be
# decoded back like the letters can).
_NBSP_MOJIBAKE = frozenset("泭")

# Han ideographs, kana and bopomofo: what UTF-8 bytes turn into when read as Big5.
_CJK = "\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_WORD = re.compile(f"\\S*[{_CJK}]\\S*")
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
# Basic Latin, Latin-1, Extended-A/B and Extended Additional letters (not × and ÷).
_LATIN_LETTERS = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")

# Invisible characters that only break words for a voice: zero-width space, word joiner, BOM
# (removed before ftfy, which would report the BOM as a repair) and the soft hyphen (removed after
# it: "Â\xad" is the mojibake of a soft hyphen, which ftfy needs whole). ZWJ/ZWNJ are kept: they
# carry meaning in some scripts and in emoji.
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
_SOFT_HYPHEN = "\u00ad"
_SPACES = re.compile(r"\s+")  # \s covers U+00A0, U+202F, U+3000 and the other Unicode spaces


@lru_cache(maxsize=1)
def _ftfy_config() -> ftfy.TextFixerConfig:
    """ftfy's settings. Its defaults would also turn full-width CJK punctuation into ASCII and
    straighten quotes, which damages real Chinese text and loses typography that the normalize
    stage may want. ftfy is imported here, when first needed: it takes a tenth of a second."""
    import ftfy

    return ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)


# Printable ASCII, tab and newline: text made only of these, with no "&" (an HTML entity),
# is left as it is by every ftfy fix we use (they act on other characters); a test checks it.
_ASCII_FTFY_KEEPS = re.compile(r"[\t\n\x20-\x25\x27-\x7e]*")


def _fix_text(text: str) -> str:
    """``ftfy.fix_text`` with our settings, without importing ftfy for text it would keep."""
    if _ASCII_FTFY_KEEPS.fullmatch(text):
        return text
    import ftfy

    return ftfy.fix_text(text, _ftfy_config())


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_LEAD = (
    r"^(?:(?:published|posted)(?:\s+on)?:?\s+)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
)
_DATES = (
    re.compile(
        _DATE_LEAD + rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})$",
        re.IGNORECASE,
    ),
    re.compile(
        _DATE_LEAD + rf"(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$",
        re.IGNORECASE,
    ),
    re.compile(_DATE_LEAD + r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$", re.IGNORECASE),
)

_TRUNCATED = re.compile(r"(\.\.\.|…)$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_LABEL_END = re.compile(r"[.!?,;:…]$")
_WORD = re.compile(r"\w+")

# A body paragraph ends the header: it has at least this many words and ends like a sentence.
_PROSE_WORDS = 8
# A header label ("UN News", "Opinion") has at most this many words.
_LABEL_WORDS = 3
# A line before a photo credit that does not end like a sentence is its caption up to this length.
_CAPTION_WORDS = 40
# A truncated caption's text must be at least this long to identify its full repeat.
_CAPTION_PREFIX = 20
# Longest text shown for one side of a change in the explain report.
_SHOWN = 100


@lru_cache(maxsize=32)
def _compile_drop(patterns: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append((pattern, re.compile(pattern, re.IGNORECASE)))
        except re.error as e:
            raise ConfigError(
                f"[boilerplate] drop pattern {pattern!r} is not a valid regular expression ({e});"
                " fix or remove it in the configuration"
            ) from e
    return tuple(compiled)


# --- Public API ---------------------------------------------------------------------------------

Action = Literal["repaired", "dropped", "warning"]


@dataclass(frozen=True)
class CleanRules:
    """Site-specific cleaning rules, from the configuration (``[replace]``, ``[boilerplate]``)."""

    replace: Mapping[str, str] = field(default_factory=dict)
    """Site substitution table: exact substring -> replacement, applied before any other repair
    (so an injected token such as ``51勛圖`` is not mistaken for mojibake)."""

    drop: tuple[str, ...] = ()
    """Extra boilerplate regular expressions: a block is dropped when one is found in it
    (``re.search``, case-insensitive)."""

    def __post_init__(self) -> None:
        for key in self.replace:
            if not key:
                raise ConfigError("[replace] has an empty key; remove it from the configuration")
        _compile_drop(tuple(self.drop))  # an invalid pattern fails here, not mid-build


_NO_RULES = CleanRules()


@dataclass(frozen=True)
class Change:
    """One repair, drop or warning made by the clean stage."""

    rule: str
    """Name of the rule (``mojibake-big5``, ``nbsp``, ``replace``, ``newsletter-prompt``, ...)."""

    action: Action
    """``repaired``, ``dropped`` or ``warning``."""

    before: str
    """The text before: the damaged word, or the whole dropped block as it was read."""

    after: str
    """The text after; ``""`` when dropped."""

    line: int | None
    """Block number (0: the title, 1: the first body block, as ``Sentence.paragraph``), or
    ``None`` when the text is not part of an article (:func:`repair_text` on its own)."""


def repair_text(
    text: str,
    rules: CleanRules = _NO_RULES,
    *,
    line: int | None = None,
    cjk_text: bool | None = None,
) -> tuple[str, list[Change]]:
    """Repair one string: site substitutions, mojibake, no-break and invisible spaces.

    Order matters: the substitution table goes first so a spam token injected by the site is
    replaced rather than "repaired"; then ftfy; then CJK runs that are UTF-8 read as Big5, but only
    in text that is not mostly CJK (real Chinese or Japanese is left alone). A CJK run in Latin text
    that does not decode to Latin letters is replaced by a space (or removed next to punctuation)
    and reported as a ``warning``. Whitespace is collapsed and the result stripped.

    ``line`` is stored in every returned :class:`Change`. ``cjk_text`` says whether the text is CJK
    text (its CJK characters are real); ``None`` decides from ``text`` itself, which
    :func:`clean_article` overrides with ``True`` for a mostly CJK article so that a short block
    such as ``使用iPhone`` is not taken for damaged Latin text. Returns the repaired text and the
    changes.
    """
    changes: list[Change] = []

    for key in sorted(rules.replace, key=len, reverse=True):
        if key in text:
            text = text.replace(key, rules.replace[key])
            changes.append(Change("replace", "repaired", key, rules.replace[key], line))

    text = _ZERO_WIDTH.sub("", text)
    fixed = _fix_text(text)
    if fixed != text:
        changes.extend(_word_changes("mojibake", text, fixed, line))
        text = fixed

    if cjk_text is None:
        cjk_text = _mostly_cjk(text)
    if not cjk_text and _CJK_RUN.search(text):
        text = _CJK_WORD.sub(lambda m: _repair_cjk_word(m.group(), line, changes), text)

    text = _SPACES.sub(" ", text.replace(_SOFT_HYPHEN, "")).strip()
    return text, changes


Repair = Callable[..., "tuple[str, list[Change]]"]
"""What :func:`clean_article` repairs each block with: :func:`repair_text` or a stand-in that
remembers its answers (same arguments, same results)."""


def clean_article(
    article: Article, rules: CleanRules = _NO_RULES, repair: Repair | None = None
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

    The title is never empty while any text remains; when nothing remains the article comes back
    with no blocks (the caller decides that this is an error).
    """
    plain = article.format == "text"
    extra = _compile_drop(tuple(rules.drop))
    items = [_Item(0, "heading", article.title)] + [
        _Item(i, b.kind, b.text) for i, b in enumerate(article.blocks, start=1)
    ]
    # Judged on the whole article: in a CJK article every block's CJK is real; in a Latin one each
    # block is judged on its own (a Chinese paragraph quoted in an English article stays).
    cjk_article = _mostly_cjk(" ".join(item.original for item in items))
    repair = repair or repair_text
    for item in items:
        item.text, item.changes = repair(
            item.original, rules, line=item.index, cjk_text=True if cjk_article else None
        )
        item.drop = _boilerplate(item.text, extra)
    title_item, body = items[0], items[1:]
    _mark_captions(body)

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
        iso = _parse_date(item.text)
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
    for item in body:
        if item.promoted:
            continue
        if item.kept and item.text:
            blocks.append(Block(kind=item.kind, text=item.text))
            changes.extend(item.changes)
            continue
        if item.original.strip():
            rule = item.drop or "empty"
            changes.append(Change(rule, "dropped", item.original.strip(), "", item.index))
        if item.index in date_changes:
            changes.append(date_changes[item.index])
    changes.sort(key=lambda c: -1 if c.line is None else c.line)  # stable: keeps order in a block

    cleaned = dataclasses.replace(article, title=title, blocks=tuple(blocks), date=date)
    return cleaned, changes


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
        what = _shown(c.before)
        if c.action != "dropped":
            what += f" -> {_shown(c.after)}"
        out.append(f"{where}: {c.action} ({c.rule}): {what}")
    return "\n".join(out)


def source_lines(article: Article) -> list[int | None]:
    """Source line of each block number (0: the title) of an article as read, before cleaning."""
    return [article.title_line, *(b.line for b in article.blocks)]


# --- Repair helpers -----------------------------------------------------------------------------


def _mostly_cjk(text: str) -> bool:
    """True when CJK characters are at least as many as Latin letters: real CJK text."""
    cjk = sum(len(run) for run in _CJK_RUN.findall(text))
    return cjk > 0 and cjk >= len(_LATIN_LETTERS.findall(text))


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


def _big5_to_utf8(run: str) -> str | None:
    """The Latin letters ``run`` was before UTF-8 was read as Big5, or None."""
    for codec in _BIG5_CODECS:
        try:
            decoded = run.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if decoded and all(_is_latin_letter(ch) for ch in decoded):
            return decoded
    return None


# Stands for an unrepairable character until its neighbours are known (ftfy removed real NULs).
_LOST = "\x00"
_LOST_RUN = re.compile("\x00+")


def _repair_cjk_word(word: str, line: int | None, changes: list[Change]) -> str:
    """Repair the CJK runs in one whitespace-delimited word of Latin text; record what was done."""
    rules: list[str] = []
    out: list[str] = []
    pos = 0
    for m in _CJK_RUN.finditer(word):
        out.append(word[pos : m.start()])
        pos = m.end()
        whole = _big5_to_utf8(m.group())
        if whole is not None:
            out.append(whole)
            rules.append("mojibake-big5")
            continue
        # Decode one character at a time: a run can mix letters with a no-break space or with a
        # character whose bytes were lost.
        for ch in m.group():
            letter = _big5_to_utf8(ch)
            if letter is not None:
                out.append(letter)
                rules.append("mojibake-big5")
            elif ch in _NBSP_MOJIBAKE:
                out.append(" ")
                rules.append("nbsp")
            else:
                out.append(_LOST)
                rules.append("unrepaired-cjk")
    out.append(word[pos:])
    fixed = _LOST_RUN.sub(_fill_lost, "".join(out))
    shown = fixed.strip() or "(removed)"
    if "unrepaired-cjk" in rules:
        logger.warning(
            "CJK characters in Latin text could not be repaired and were taken out: %r"
            " (if the site injects this token, map it in [replace])",
            word,
        )
        changes.append(Change("unrepaired-cjk", "warning", word, shown, line))
    else:
        for rule in dict.fromkeys(rules):  # one change a rule, in order
            changes.append(Change(rule, "repaired", word, shown, line))
    return fixed


def _fill_lost(m: re.Match[str]) -> str:
    """A space between two word characters keeps them apart; next to punctuation or an edge it
    would only leave a stray space (``51 ,``), so there the characters are just removed."""
    text, start, end = m.string, m.start(), m.end()
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    return " " if left.isalnum() and right.isalnum() else ""


def _word_changes(rule: str, before: str, after: str, line: int | None) -> list[Change]:
    """One change per differing run of words, so the report shows ``JosÃ© -> José``."""
    a, b = before.split(), after.split()
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    if any(tag in ("insert", "delete") for tag, *_ in ops):
        return [Change(rule, "repaired", before, after, line)]
    return [
        Change(rule, "repaired", " ".join(a[i1:i2]), " ".join(b[j1:j2]), line)
        for tag, i1, i2, j1, j2 in ops
        if tag == "replace"
    ]


# --- Boilerplate helpers ------------------------------------------------------------------------


def _boilerplate(text: str, extra: tuple[tuple[str, re.Pattern[str]], ...]) -> str | None:
    """Name of the first boilerplate rule that matches ``text``, or None."""
    for name, cap, regex in _BOILERPLATE_RE:
        if len(text) <= cap and regex.search(text):
            return name
    for pattern, regex in extra:
        if regex.search(text):
            return f"custom:{pattern}"
    return None


@dataclass
class _Item:
    """A title or block on its way through the stage (mutable working state)."""

    index: int
    kind: BlockKind
    original: str
    text: str = ""
    changes: list[Change] = field(default_factory=list)
    drop: str | None = None
    promoted: bool = False

    @property
    def kept(self) -> bool:
        return self.drop is None and not self.promoted


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _mark_captions(body: list[_Item]) -> None:
    """Drop the captions around each dropped photo credit, and full repeats of truncated ones."""
    prefixes: list[str] = []
    for i, item in enumerate(body):
        if item.drop != "photo-credit":
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(body) or not body[j].kept or body[j].kind != "paragraph":
                continue
            text = body[j].text
            truncated = bool(_TRUNCATED.search(text))
            # A caption usually sits just above its credit; below it, only a truncated line is
            # surely a caption (the next line may well be the article's first paragraph).
            loose = j < i and not _SENTENCE_END.search(text) and len(text.split()) <= _CAPTION_WORDS
            if truncated or loose:
                body[j].drop = "photo-caption"
                prefix = _norm(_TRUNCATED.sub("", text)).rstrip()
                if truncated and len(prefix) >= _CAPTION_PREFIX:
                    prefixes.append(prefix)
    if prefixes:
        starts = tuple(prefixes)
        for item in body:
            if item.kept and _norm(item.text).startswith(starts):
                item.drop = "photo-caption"


# --- Title and header helpers -------------------------------------------------------------------


def _key(text: str) -> str:
    """What two titles share when they are the same words: case and punctuation ignored."""
    return " ".join(_WORD.findall(text.casefold()))


def _only_tokens(text: str, replace: Mapping[str, str]) -> bool:
    """True when ``text`` is nothing but substitution-table tokens (an injected brand token)."""
    rest = text
    for key in sorted(replace, key=len, reverse=True):
        rest = rest.replace(key, " ")
    return rest != text and not rest.strip()


def _title_junk(
    item: _Item, article: Article, rules: CleanRules, plain: bool, cjk_text: bool
) -> str | None:
    """Why ``item`` cannot be the title (a rule name), or None when it can.

    A single word is a brand token only where words are spaced: CJK headlines have no spaces.
    """
    if item.drop is not None:
        return item.drop
    if not item.text:
        return "empty"
    if _only_tokens(item.original.strip(), rules.replace):
        return "brand-line"
    if article.site and _key(item.text) == _key(article.site):
        return "site-name"
    if plain and not cjk_text and " " not in item.text:
        return "brand-line"
    if plain and _parse_date(item.text) is not None:
        return "dateline"
    return None


def _choose_title(
    title: _Item,
    body: list[_Item],
    article: Article,
    rules: CleanRules,
    plain: bool,
    cjk_text: bool,
) -> tuple[str, list[Change]]:
    """The title and the changes made to it: the old title's repairs, or its drop and promotion."""
    rule = _title_junk(title, article, rules, plain, cjk_text)
    if rule is None:
        return title.text, list(title.changes)
    # Lines refused only by the title heuristics (not boilerplate) are the fallback: a doubtful
    # title beats an empty one while any text remains.
    fallback = title if title.text and rule in _TITLE_ONLY else None
    chosen: _Item | None = None
    refused: list[tuple[_Item, str]] = []
    for item in body:
        if not item.kept:
            continue
        why = _title_junk(item, article, rules, plain, cjk_text)
        if why is None:
            chosen = item
            break
        if fallback is None and item.text:
            fallback = item
        refused.append((item, why))
    if chosen is None:
        # No real title anywhere: nothing is dropped as junk, the first candidate stays.
        chosen, refused = fallback, []
    if chosen is title:
        return title.text, list(title.changes)
    for item, why in refused:
        if why != "dateline":  # a date line is left for the header pass, which keeps the date
            item.drop = why
    title.drop = rule
    old = title.original.strip()
    changes = [Change(rule, "dropped", old, "", 0)] if old else []
    if chosen is None:
        return "", changes
    chosen.promoted = True
    changes.extend(chosen.changes)
    changes.append(Change("title", "repaired", old, chosen.text, chosen.index))
    return chosen.text, changes


# Reasons a line cannot be a title that do not make it boilerplate.
_TITLE_ONLY = frozenset({"brand-line", "site-name", "dateline"})


def _header(body: list[_Item]) -> list[_Item]:
    """The kept blocks before the first prose paragraph."""
    header = []
    for item in body:
        if not item.kept:
            continue
        if len(item.text.split()) >= _PROSE_WORDS and _SENTENCE_END.search(item.text):
            break
        header.append(item)
    return header


def _is_label(text: str) -> bool:
    """A short capitalized label such as a site or section name, not a byline or a sentence."""
    words = text.split()
    return (
        0 < len(words) <= _LABEL_WORDS
        and words[0].casefold() != "by"
        and not _LABEL_END.search(text)
        and all(w[0].isupper() or w[0].isdigit() for w in words)
    )


def _parse_date(text: str) -> str | None:
    """ISO date of a line that is only a date ("2 July 2021", "July 2, 2021"), else None."""
    for regex in _DATES:
        m = regex.match(text)
        if m is None:
            continue
        month = m.group("m")
        number = int(month) if month.isdigit() else _MONTHS[month.casefold()]
        try:
            return datetime.date(int(m.group("y")), number, int(m.group("d"))).isoformat()
        except ValueError:
            return None
    return None


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1].rstrip() + "…"
