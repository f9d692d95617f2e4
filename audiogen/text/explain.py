"""Every change between an article's source and its script, by stage, with source lines: what
``audiogen script --explain`` prints. Reading an HTML page leaves out what is not the article
(cookie banners, navigation, bylines, related links); cleaning drops and repairs lines; normalizing
turns numbers, dates, money, abbreviations and acronyms into words."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from audiogen.text.clean import Change, format_changes, shorten
from audiogen.types import Article, Script

# Elements whose text a reader sees as a unit; one holding another such element is left to it.
_UNITS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 a button label figcaption blockquote td th dt dd small time "
    "address summary caption".split()
)
_CONTAINERS = _UNITS | frozenset(
    "div section article nav header footer aside main ul ol dl table tr figure form".split()
)
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg")


@dataclass(frozen=True)
class Step:
    """One change between the source and the script."""

    stage: str
    """``read``, ``clean`` or ``normalize``."""

    line: int | None
    """Source line, where known."""

    rule: str
    """What made it (``not the article``, ``number``, ``date``, ...)."""

    before: str
    """The text as written."""

    after: str
    """The text as it will be said; ``""`` when left out."""


def left_out_of_html(html: str, kept: Sequence[str]) -> list[Step]:
    """The text units of an HTML page (paragraphs, list items, links, buttons, ...) that reading
    it left out: none of their text is in ``kept`` (the article's text, every block of it)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    for el in root.iter(*_INVISIBLE):
        el.drop_tree()
    article = " ".join(_squash(t) for t in kept)
    seen: set[str] = set()
    out = []
    for el in root.iter(*_UNITS):
        if any(child.tag in _CONTAINERS for child in el.iterdescendants()):
            continue
        text = _squash(el.text_content())
        if not text or text in seen or text in article:
            continue
        seen.add(text)
        out.append(Step("read", el.sourceline, "not the article", text, ""))
    return out


def normalize_steps(
    article: Article, script: Script, lexicon: Mapping[str, str] | None = None, source: str = ""
) -> list[Step]:
    """Every conversion the normalizer made to the script's sentences, with the source line of
    each sentence's paragraph (``lexicon``: the respellings the script applied). Where the
    reader kept no line numbers (HTML), the line is found by the sentence's first words in
    ``source``."""
    from audiogen.text.normalize import conversions

    lines = [article.title_line, *(b.line for b in article.blocks)]
    out = []
    for s in script.sentences:
        line = lines[s.paragraph] if s.paragraph < len(lines) else None
        if line is None and source:
            line = _line_in(source, s.written)
        for c in conversions(s.written, script.lang, lexicon):
            out.append(Step("normalize", line, c.rule, c.before, c.after))
    return out


def format_explanation(
    steps: Sequence[Step], changes: Sequence[Change] = (), lines: Sequence[int | None] = ()
) -> str:
    """The report, grouped by stage in pipeline order: what reading left out, the clean stage's
    ``changes`` (block numbers mapped to source ``lines``), then the normalizer's conversions."""
    out: list[str] = []
    read = [s for s in steps if s.stage == "read"]
    if read:
        out.append(f"read: {len(read)} left out of the page (not the article's main text)")
        out += [f"  {_where(s.line)}: left out: {shorten(s.before)}" for s in read]
    if changes:
        out.append(f"clean: {len(changes)} dropped or repaired")
        out += ["  " + line for line in format_changes(list(changes), lines).splitlines()]
    spoken = [s for s in steps if s.stage == "normalize"]
    if spoken:
        out.append(f"normalize: {len(spoken)} said in words")
        out += [
            f"  {_where(s.line)}: {s.rule}: {shorten(s.before)} -> {shorten(s.after)}"
            for s in spoken
        ]
    return "\n".join(out) or "nothing left out, dropped, repaired or converted"


def _line_in(source: str, sentence: str) -> int | None:
    """The line of ``source`` where ``sentence``'s first words are written, if they are."""
    words = re.findall(r"\w+", sentence)[:4]
    if not words:
        return None
    m = re.search(r"\W+".join(map(re.escape, words)), source)
    return source.count("\n", 0, m.start()) + 1 if m else None


def _where(line: int | None) -> str:
    return f"line {line}" if line is not None else "text"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


__all__ = ["Step", "format_explanation", "left_out_of_html", "normalize_steps"]
