"""Reading an HTML page: its main text extracted by trafilatura (navigation, footers and promos
left out), data tables kept whole for the clean stage, and the page's own metadata (language,
date, canonical URL, author, site)."""

from __future__ import annotations

from typing import Any

from audiogen.errors import InputError
from audiogen.types import Block, BlockKind

MAX_DEPTH = 2048
"""How deeply nested a page may be: libxml2 reads this many levels when told the tree is huge
(and only 256 by default, past which whole paragraphs vanished silently)."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _too_deep(parser: Any) -> bool:
    """Whether the last parse by ``parser`` stopped at libxml2's nesting limit."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _deep_tree(name: str, html: str) -> Any:
    """The page parsed past 256 levels of nesting (up to :data:`MAX_DEPTH`), with the parser
    settings trafilatura uses; a page nested deeper still is an :class:`InputError`, since the
    text past that depth would be lost."""
    import lxml.html

    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    if _too_deep(parser):
        raise InputError(
            f"{name}: the page's elements are nested over {MAX_DEPTH} levels deep and the text "
            "past that depth cannot be read: save the article's text as .txt or .md instead"
        )
    return tree


def _html_meta(html: str) -> tuple[dict[str, Any], bool]:
    """The page's own metadata, and whether it is nested too deeply for a default parse."""
    import lxml.html

    meta: dict[str, Any] = {}
    parser = lxml.html.HTMLParser()
    try:
        doc = lxml.html.document_fromstring(html, parser=parser)
    except Exception:  # lxml raises several types on junk; the extractor reports it better
        return meta, False
    lang = doc.get("lang") or doc.get("xml:lang")
    if lang:
        meta["lang"] = lang.strip()
    for xpath, key in (
        ('//meta[@property="article:published_time"]/@content', "date"),
        ('//meta[@name="date"]/@content', "date"),
        ('//meta[@itemprop="datePublished"]/@content', "date"),
        ('//link[@rel="canonical"]/@href', "url"),
        ('//meta[@property="og:url"]/@content', "url"),
    ):
        for value in doc.xpath(xpath):
            if str(value).strip() and key not in meta:
                meta[key] = str(value).strip()
    if "date" not in meta:
        for el in doc.iter("time"):
            if el.get("datetime"):
                meta["date"] = el.get("datetime")
                break
    return meta, _too_deep(parser)


def read_html(text: str, name: str = "page") -> tuple[dict[str, Any], list[Block]]:
    """The metadata and blocks of the page ``name``, whose text is ``text``. A page nested past
    256 levels (where lxml stops by default) is read whole, up to :data:`MAX_DEPTH` levels."""
    import trafilatura
    from lxml import etree

    meta, deep = _html_meta(text)
    xml = trafilatura.extract(
        _deep_tree(name, text) if deep else text,
        output_format="xml",
        include_comments=False,
        include_tables=True,  # the clean stage reads small ones and drops the rest
        include_images=False,
        include_links=False,
    )
    found = trafilatura.extract_metadata(text)
    if found is not None:
        for key in ("title", "author", "sitename", "description", "url"):
            value = getattr(found, key, None)
            if value and key not in meta:
                meta[key] = value
    blocks: list[Block] = []
    if xml:
        root = etree.fromstring(xml.encode("utf-8"))
        main = root.find("main")
        for el in main.iter() if main is not None else ():
            if el.tag == "table":
                table = _table(el)
                if table:
                    blocks.append(Block("table", table))
            elif el.tag in ("head", "p", "item", "quote"):
                # nested p inside quote/item would otherwise be read twice
                if el.tag in ("item", "quote") and el.find("p") is not None:
                    continue
                is_head = el.tag == "head"
                lines = [line for line in _lines(el) if line]
                if lines and is_head and not blocks and el.get("rend") == "h1":
                    meta.setdefault("title", " ".join(lines))
                    if " ".join(lines) == meta["title"]:
                        continue
                if is_head:  # a heading broken over lines is still one heading
                    lines = [" ".join(lines)] if lines else []
                kind: BlockKind = "heading" if is_head else "paragraph"
                blocks.extend(Block(kind, line) for line in lines)
    return meta, blocks


def _lines(el: Any) -> list[str]:
    """An element's text, split where the page broke the line (``<lb/>``: "June 9 -- Tampa"
    and "June 10 -- Miami" are two lines, not "TampaJune")."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append("\n".join(_lines(child)))
        parts.append(child.tail or "")
    return [_one_line(line) for line in "".join(parts).split("\n")]


def _table(el: Any) -> str:
    """A data table as ``Block`` text: one line a row, cells separated by tabs; ``""`` for a
    table that lays out a page (its cells hold paragraphs or headings, read as such) or sits in
    another table (read with it)."""
    if any(True for _ in el.iterancestors("table")) or el.find(".//p") is not None:
        return ""
    if el.find(".//head") is not None:
        return ""
    rows = []
    for row in el.iter("row"):
        cells = [_one_line("".join(cell.itertext())) for cell in row.iter("cell")]
        if any(cells):
            rows.append("\t".join(cells))
    return "\n".join(rows)


__all__ = ["read_html"]
