"""Read an article (plain text, Markdown with YAML front matter, or HTML) into an :class:`Article`.

The reader only parses: it does not repair or drop text; that is the clean stage's job.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from audiogen.errors import InputError
from audiogen.text.dates import parse_published
from audiogen.text.html import read_html
from audiogen.types import Article, Block

MAX_BYTES = 1_000_000
"""Largest text to speak accepted: a long feature is about 60 KB, so more is almost surely a
mistake."""

HTML_FACTOR = 20
"""A web page may be this many times ``max_bytes`` as fetched: scripts, styles and inline data
make a saved news page 1-2 MB of HTML around 10-50 KB of article."""

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def slugify(value: str, fallback: str = "article") -> str:
    """A safe file stem: ASCII lowercase letters, digits and hyphens, at most 80 characters.

    Latin letters lose their accents; other scripts are transliterated ("Привет мир" gives
    ``privet-mir``), and what has no letters to transliterate gets ``fallback`` and a short hash of
    ``value`` (``article-1a2b3c4d``), so that different names never share a slug. Path
    separators, dots and every other character become hyphens, so a slug can never escape the
    output folder.
    """
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    if _letters(ascii_) < _letters(value):  # a script NFKD cannot spell in ASCII
        from anyascii import anyascii

        ascii_ = anyascii(value)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:80].strip("-")
    if slug or not value.strip(" .-_/\\"):
        return slug or fallback
    return f"{fallback}-{hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def _letters(text: str) -> int:
    return sum(c.isalnum() for c in text)


def article_slug(meta: dict[str, Any], name: str, title: str = "") -> str:
    """The slug of the article ``name`` (``-``: stdin) whose metadata is ``meta``: front matter's
    ``slug``, else the file name, else (stdin) the title."""
    stem = Path(name).stem if name != "-" else ""
    fallback = "article" if stem else "stdin"
    return slugify(str(meta.get("slug") or stem or title), fallback=fallback)


def peek_slug(source: str | Path, max_bytes: int = MAX_BYTES) -> str | None:
    """The slug :func:`load_article` would give ``source``, from its front matter and file name
    alone (cheap: nothing is parsed but the front matter); ``None`` for stdin or a file that
    cannot be read (building it reports why)."""
    name = str(source)
    if name == "-":
        return None
    path = Path(source)
    if FORMATS.get(path.suffix.lower()) != "markdown":
        return article_slug({}, name)
    try:
        if path.stat().st_size > max_bytes:
            return None
        meta, _ = _front_matter(name, decode(name, path.read_bytes()))
    except (OSError, InputError):
        return None
    return article_slug(meta, name)


def detect_format(name: str, data: bytes) -> str:
    """``text``, ``markdown`` or ``html`` from the file name, else (stdin) from the content."""
    suffix = Path(name).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if name != "-" and suffix:
        raise InputError(
            f"{name}: unknown article format {suffix!r}: use .txt, .md or .html "
            f"(or rename the file)"
        )
    head = data[:512].lstrip().lower()
    if head.startswith(b"---"):
        return "markdown"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p")):
        return "html"
    return "text"


def decode(name: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Binary data is refused: a NUL byte or many control characters cannot be an article.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: starts with a UTF-16 mark but is not valid UTF-16 ({exc.reason} at byte "
                f"{exc.start}): save it again as UTF-8"
            ) from None
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) // 100 + 2:
        raise InputError(
            f"{name}: this is a binary file, not an article: give a .txt, .md or .html"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # ftfy in the clean stage repairs what a wrong guess here leaves behind.
        return data.decode("cp1252", errors="replace")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- plain text ---------------------------------------------------------------------------------


WRAP_COLUMNS = (40, 100)
"""The columns hard-wrapped text is wrapped at: files with one paragraph a line have far longer
lines, and a file whose longest line is shorter is a few short lines, not wrapped text."""

WRAPPED_LINES = 3
"""How many lines must reach the wrap column (within :data:`WRAP_SLACK`) for a file to count as
hard-wrapped."""

WRAP_SLACK = 15

_SENTENCE_ENDS = tuple(".!?:;\"'”’)…")
"""How a line that ends a paragraph ends; in wrapped text a line ending otherwise runs on."""


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or ``None`` when it does not look wrapped."""
    lengths = [len(line) for line in lines if line]
    width = max(lengths, default=0)
    if not lengths or not WRAP_COLUMNS[0] <= width <= WRAP_COLUMNS[1]:
        return None
    near = sum(n >= width - WRAP_SLACK for n in lengths)
    return width if near >= WRAPPED_LINES else None


def _read_text(text: str) -> tuple[dict[str, Any], list[Block]]:
    """First non-empty line: the title; every other line a paragraph, wrapped lines joined.

    A line continues the one before it when it starts in lower case, or, in hard-wrapped text
    (every line within one column, several of them reaching it), when the line before does not
    end a sentence or its first word would not have fitted on the line before (that is why the
    line was broken there, as ``fmt`` decides). A blank line always ends a paragraph."""
    raw_lines = [raw.strip() for raw in text.splitlines()]
    width = _wrap_width(raw_lines)
    lines: list[tuple[int, str]] = []
    previous = ""  # the line just before, "" after a blank line
    for number, line in enumerate(raw_lines, start=1):
        if not line:
            previous = ""
            continue
        first_word = line.split(None, 1)[0]
        wrapped = bool(
            width is not None
            and len(lines) > 1  # the title stands alone
            and previous
            and (
                len(previous) + 1 + len(first_word) > width or not previous.endswith(_SENTENCE_ENDS)
            )
        )
        if lines and (line[0].islower() or wrapped):
            lines[-1] = (lines[-1][0], f"{lines[-1][1]} {line}")
        else:
            lines.append((number, line))
        previous = line
    if not lines:
        return {}, []
    return {"title": lines[0][1], "title_line": lines[0][0]}, [
        Block("paragraph", line, number) for number, line in lines[1:]
    ]


# --- Markdown -----------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def _front_matter(name: str, text: str) -> tuple[dict[str, Any], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        """Refuses YAML aliases: a few hundred bytes of nested ``*alias`` lists expand to
        gigabytes, past any ``max_bytes``, and front matter never needs them."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise InputError(
                    f"{name}: front matter uses the YAML alias *{event.anchor} (line "
                    f"{event.start_mark.line + 2}): write the value out instead"
                )
            return super().compose_node(parent, index)

    try:
        meta = yaml.load(m.group(1), Loader=NoAliasLoader) or {}  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(
            f"{name}: invalid YAML front matter{where}: fix the block between ---"
        ) from exc
    if not isinstance(meta, dict):
        raise InputError(f"{name}: front matter must be key: value pairs")
    return {str(k).lower(): v for k, v in meta.items()}, text[m.end() :]


def _inline_text(token: Any) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            if child.type != "html_inline":
                parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue  # alt text is for screens; the caption, if any, is in the text
    return _one_line("".join(parts))


def _read_markdown(name: str, text: str) -> tuple[dict[str, Any], list[Block]]:
    from markdown_it import MarkdownIt

    meta, body = _front_matter(name, text)
    offset = text[: len(text) - len(body)].count("\n")  # lines taken by the front matter
    tokens = MarkdownIt("commonmark").parse(body)
    blocks: list[Block] = []
    kind = "paragraph"
    skip = 0  # inside a code block or a table nothing is spoken
    for tok in tokens:
        if tok.type == "heading_open":
            kind = "heading"
        elif tok.type == "heading_close":
            kind = "paragraph"
        elif tok.type in ("fence", "code_block", "html_block"):
            continue
        elif tok.type == "inline" and not skip:
            line = _inline_text(tok)
            if not line:
                continue
            number = offset + tok.map[0] + 1 if tok.map else None
            if kind == "heading" and tok.level and not blocks and "title" not in meta:
                meta["title"] = line  # the first heading is the title when front matter has none
                meta["title_line"] = number
                continue
            blocks.append(Block("heading" if kind == "heading" else "paragraph", line, number))
    return meta, blocks


# --- the stage ---

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (controls other than tab and line breaks,
    U+FFFE, U+FFFF), which would make every feed, page and caption file they reach ill-formed; a
    form feed or vertical tab becomes a space."""
    return _XML_FORBIDDEN.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)


def _safe_text(name: str, field: str, text: str) -> str:
    """``text`` of an article's ``field`` made :func:`xml_safe`; escaped surrogate pairs
    (``"\\ud83d\\ude00"`` in YAML) are joined, and a lone one is an :class:`InputError`."""
    if _LONE_SURROGATE.search(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
        if _LONE_SURROGATE.search(text):
            raise InputError(
                f"{name}: the {field} has half of an escaped character (a lone \\uD800-\\uDFFF "
                "surrogate): write the character itself, or both halves of its pair"
            )
    return xml_safe(text)


def _lang(name: str, value: Any) -> str | None:
    """The article's own language, a BCP 47 code such as ``pt-BR``; anything else is an
    :class:`InputError` (it names voices, tags and pages, which take only a code)."""
    if value is None or value == "":
        return None
    lang = str(value).strip()
    if not _LANG_TAG.fullmatch(lang):
        raise InputError(
            f"{name}: lang {lang!r} is not a language code: write a code such as en, fr or pt-BR "
            "(front matter lang, or <html lang>)"
        )
    return lang


def _check_size(name: str, size: int, max_bytes: int, *, what: str = "article") -> None:
    if size > max_bytes:
        raise InputError(
            f"{name}: the {what} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB "
            f"limit: split it into several articles, or raise max_bytes in audiogen.toml"
        )


def file_limit(fmt: str, max_bytes: int) -> tuple[int, str]:
    """The largest file of format ``fmt`` accepted when the text to speak may be ``max_bytes``,
    and what to call the file in an error."""
    return (max_bytes * HTML_FACTOR, "page") if fmt == "html" else (max_bytes, "article")


def read_bytes(
    name: str, data: bytes, *, fmt: str | None = None, max_bytes: int = MAX_BYTES
) -> Article:
    """Parse ``data`` (the content of ``name``; ``-`` for stdin) into an :class:`Article`."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty: write the article text into it")
    fmt = fmt or detect_format(name, data)
    # The limit is on what will be spoken; a page's markup gets a far larger one.
    limit, what = file_limit(fmt, max_bytes)
    _check_size(name, len(data), limit, what=what)
    text = decode(name, data)
    if fmt == "markdown":
        meta, blocks = _read_markdown(name, text)
    elif fmt == "html":
        meta, blocks = read_html(text, name)
    elif fmt == "text":
        meta, blocks = _read_text(text)
    else:
        raise InputError(f"{name}: unknown article format {fmt!r}: use text, markdown or html")

    if fmt == "html":
        spoken = sum(len(b.text.encode("utf-8")) + 1 for b in blocks)
        _check_size(name, spoken, max_bytes, what="article text of the page")
    meta = {k: _safe_text(name, k, v) if isinstance(v, str) else v for k, v in meta.items()}
    blocks = [Block(b.kind, _safe_text(name, "text", b.text), b.line) for b in blocks]
    title = _one_line(str(meta.get("title") or ""))
    if not title and blocks:
        meta["title_line"] = blocks[0].line
        title, blocks = blocks[0].text, blocks[1:]
    slug = article_slug(meta, name, title)  # stdin has no file name: its title names it
    cover = meta.get("image") or meta.get("cover")
    if cover and name != "-" and not re.match(r"^[a-z]+://", str(cover)):
        cover = str(Path(name).parent / str(cover))
    author = meta.get("author")
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    return Article(
        title=title,
        blocks=tuple(blocks),
        slug=slug,
        source=name,
        source_sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        author=str(author) if author else None,
        date=parse_published(meta.get("date")),
        lang=_lang(name, meta.get("lang")),
        url=str(meta["url"]) if meta.get("url") else None,
        site=str(meta.get("site") or meta.get("sitename") or "") or None,
        summary=str(meta.get("summary") or meta.get("description") or "") or None,
        cover=str(cover) if cover else None,
        title_line=meta.get("title_line") if isinstance(meta.get("title_line"), int) else None,
    )


def load_article(
    source: str | Path, *, fmt: str | None = None, max_bytes: int = MAX_BYTES
) -> Article:
    """Read the article at ``source`` (``-`` reads stdin).

    Raises :class:`InputError` with a one-line message for a missing, unreadable, empty, binary,
    oversized or unknown-format file.
    """
    name = str(source)
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        if path.is_dir():
            raise InputError(f"{name}: is a folder: give an article file (or build the folder)")
        try:
            real, folder = path.resolve(), path.absolute().parent.resolve()
        except (OSError, RuntimeError):  # a symlink loop: reading it says so
            real = folder = Path.cwd()
        if not real.is_relative_to(folder):
            raise InputError(
                f"{name}: links to {real}, outside the article's folder: copy the article into "
                "the folder instead of linking to it"
            )
        try:
            # before reading it all in
            limit, what = file_limit(fmt or FORMATS.get(path.suffix.lower(), ""), max_bytes)
            _check_size(name, path.stat().st_size, limit, what=what)
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{name}: no such file: check the path") from None
        except PermissionError:
            raise InputError(f"{name}: permission denied: make the file readable") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read it ({exc.strerror}): check the path") from None
    return read_bytes(name, data, fmt=fmt, max_bytes=max_bytes)
