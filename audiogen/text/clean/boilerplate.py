"""Boilerplate, caption, title and header rules, and their tables: what the clean stage drops."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audiogen.text.dates import parse_date
from audiogen.types import Article, BlockKind

from .repair import _SPACES
from .rules import Change, CleanRules, search_drop

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


# --- Boilerplate helpers ------------------------------------------------------------------------


def _boilerplate(
    text: str, extra: tuple[tuple[str, Any], ...], config: Path | None = None
) -> str | None:
    """Name of the first boilerplate rule that matches ``text``, or None. ``extra`` are the
    compiled ``[boilerplate] drop`` patterns of ``config``, each search time-limited."""
    for name, cap, regex in _BOILERPLATE_RE:
        if len(text) <= cap and regex.search(text):
            return name
    for pattern, compiled in extra:
        if search_drop(pattern, compiled, text, config):
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


# A label that opens the list of other stories a page puts after its article ("Top stories",
# "Partner news", "More from Reuters"): it and everything after it are not the article.
_TAIL_LABEL = re.compile(
    r"^(?:(top|related|more|other|latest|trending|popular|recommended|partner|sponsored"
    r"|editor.?s) (stories|articles|news|headlines|content|picks|reads|videos)"
    r"|related|trending|most (read|viewed|popular|shared)"
    r"|(more|popular) (from|on)( the)? [\w .&-]{1,40}"
    r"|you (may|might) also (like|be interested in)|in other news|what to read next"
    r"|recommended for you)$",
    re.IGNORECASE,
)
_TAIL_AFTER = 0.5
"""The label must come after this share of the article's words (an article can open with a
"Latest news" strap; a page ends with its list of other stories)."""


def _mark_tail(body: list[_Item]) -> None:
    """Drop a related-stories label near the end of the article and every block after it."""
    words = [len(item.text.split()) if item.kept else 0 for item in body]
    total, seen = sum(words), 0
    for i, item in enumerate(body):
        label = item.text.strip(" :.»>|–—-")
        if item.kept and seen >= total * _TAIL_AFTER and _TAIL_LABEL.match(label):
            for later in body[i:]:
                if later.kept:
                    later.drop = "related-stories"
            return
        seen += words[i]


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
    if plain and parse_date(item.text, dateline=True) is not None:
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
