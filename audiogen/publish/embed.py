"""The web player: an embeddable HTML snippet per article, and ``index.html`` listing them all.

The snippet works with no script at all: a native ``<audio controls>`` with the captions track, a
download link, the read-along text and schema.org JSON-LD. The optional read-along script only adds
highlighting of the sentence being spoken (the track's ``cuechange``) and click-to-seek. Every text
from the article is HTML-escaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from html import escape
from importlib import resources
from typing import Any

from audiogen.publish.captions import cue_id
from audiogen.publish.manifest import public_url
from audiogen.types import Manifest, TimedSentence


def _package_text(name: str) -> str:
    # Kept as files beside this module, so they can be read, linted and served as what they are.
    return resources.files("audiogen.publish").joinpath(name).read_text(encoding="utf-8")


READ_ALONG_JS = _package_text("read-along.js")
"""The read-along script: plain ES5, no dependencies, safe to include more than once."""

READ_ALONG_CSS = _package_text("read-along.css")
"""Styles for the read-along text: the current sentence highlighted, sentences clickable and
visibly focused from the keyboard."""

_LANG_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}


def clock(ms: int) -> str:
    """``m:ss`` (or ``h:mm:ss``) for people."""
    s = round(ms / 1000)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def iso_duration(ms: int) -> str:
    """An ISO 8601 duration (``PT1M5S``), for ``<time datetime>`` and schema.org."""
    s = round(ms / 1000)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + f"{s}S"


def size(n: int) -> str:
    """A file size for people, in decimal units as browsers and file managers show them:
    ``412 B``, ``820 kB``, ``1.2 MB``, ``3.4 GB``."""
    if n < 1000:
        return f"{n} B"
    if n < 1_000_000:
        return f"{round(n / 1000)} kB"
    if n < 1_000_000_000:
        return f"{n / 1_000_000:.1f} MB"
    return f"{n / 1_000_000_000:.1f} GB"


def json_ld(manifest: Manifest, base_url: str = "") -> dict[str, Any]:
    """A schema.org AudioObject describing the audio version."""
    m = manifest
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "AudioObject",
        "name": m.title,
        "contentUrl": public_url(base_url, m.mp3["path"]),
        "encodingFormat": "audio/mpeg",
        "contentSize": f"{m.mp3['bytes']} B",
        "duration": iso_duration(m.duration_ms),
        "inLanguage": m.lang,
        "bitrate": f"{m.bitrate_kbps} kbps",
        "caption": {
            "@type": "MediaObject",
            "contentUrl": public_url(base_url, f"{m.slug}.vtt"),
            "encodingFormat": "text/vtt",
        },
        "transcript": " ".join(s.display for s in m.sentences),
    }
    if m.summary:
        doc["description"] = m.summary
    if m.date:
        doc["uploadDate"] = m.date
    if m.author:
        # with no byline the author is the publisher (see audiogen.publish.tag.credit)
        kind = "Organization" if m.author == m.site else "Person"
        doc["author"] = {"@type": kind, "name": m.author}
    if m.site:
        doc["publisher"] = {"@type": "Organization", "name": m.site}
    if m.url:
        doc["isBasedOn"] = m.url
    return doc


def _script_json(doc: dict[str, Any]) -> str:
    # Inside <script>, "</script>" or "<!--" in a title would end or break the block: escape the
    # characters that can start them (JSON allows \\u escapes anywhere in a string).
    # ASCII, as the whole snippet is (:func:`ascii_html`): a script's text takes no "&#...;"
    text = json.dumps(doc, ensure_ascii=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _paragraphs(sentences: Sequence[TimedSentence]) -> Iterable[tuple[str, list[int]]]:
    """Consecutive sentences grouped by paragraph: ``(kind, [sentence indices])``."""
    group: list[int] = []
    for i, s in enumerate(sentences):
        if group and sentences[group[-1]].paragraph != s.paragraph:
            yield sentences[group[0]].kind, group
            group = []
        group.append(i)
    if group:
        yield sentences[group[0]].kind, group


def read_along_html(manifest: Manifest) -> str:
    """The article's text, one ``<span data-cue data-start>`` per sentence (the written form),
    a paragraph per paragraph: readable without script, clickable and highlighted with it."""
    out = ['<div class="audiogen-text">']
    tags = {"title": ("p", ' class="audiogen-title"'), "heading": ("h3", "")}
    ss = manifest.sentences
    for kind, group in _paragraphs(ss):
        tag, attrs = tags.get(kind, ("p", ""))
        spans = " ".join(
            f'<span data-cue="{cue_id(i)}" data-start="{ss[i].start_ms / 1000:.3f}">'
            f"{escape(ss[i].display)}</span>"
            for i in group
        )
        out.append(f"<{tag}{attrs}>{spans}</{tag}>")
    out.append("</div>")
    return "\n".join(out)


def player_html(
    manifest: Manifest,
    base_url: str = "",
    *,
    text: bool = True,
    heading: bool = True,
    collapsed: bool = False,
) -> str:
    """The player figure without any script: audio, captions, download link, JSON-LD and (with
    ``text``) the read-along text, inside a closed ``<details>`` when ``collapsed``. Without
    ``heading`` the caption leaves out the title (the page around it shows it)."""
    m = manifest
    mp3 = escape(public_url(base_url, m.mp3["path"]))
    vtt = escape(public_url(base_url, f"{m.slug}.vtt"))
    lang = escape(m.lang)
    label = escape(_LANG_NAMES.get(m.lang.split("-")[0], m.lang))
    title = escape(m.title)
    duration = f'<time datetime="{iso_duration(m.duration_ms)}">{clock(m.duration_ms)}</time>'
    caption = f"Listen to this article{': ' + title if heading else ''} ({duration})"
    parts = [
        f'<figure class="audiogen" data-audiogen="{escape(m.slug)}" lang="{lang}">',
        f"<figcaption>{caption}</figcaption>",
        f'<audio controls preload="metadata" src="{mp3}" aria-label="Audio version: {title}">',
        f'<track kind="captions" src="{vtt}" srclang="{lang}" label="{label}" default>',
        # Shown only by browsers that cannot play audio at all.
        f'<a href="{mp3}">Download the audio version of {title} (MP3)</a>',
        "</audio>",
        f'<p class="audiogen-download"><a href="{mp3}" download type="audio/mpeg">'
        f"Download MP3</a> ({clock(m.duration_ms)}, {size(int(m.mp3['bytes']))})</p>",
    ]
    if text and collapsed:
        parts += [
            '<details class="audiogen-read-along">',
            "<summary>Read along</summary>",
            read_along_html(m),
            "</details>",
        ]
    elif text:
        parts.append(read_along_html(m))
    parts.append(
        f'<script type="application/ld+json">\n{_script_json(json_ld(m, base_url))}\n</script>'
    )
    parts.append("</figure>")
    return "\n".join(parts)


def ascii_html(html: str) -> str:
    """``html`` with every non-ASCII character written as a character reference, so that it shows
    right with no ``<meta charset>`` and a server that names no charset (a snippet opened on its
    own would otherwise show "AntÃ³nio"). Scripts and styles in it must already be ASCII."""
    return html.encode("ascii", "xmlcharrefreplace").decode("ascii")


def embed_html(
    manifest: Manifest, base_url: str = "", *, text: bool = False, script: bool = True
) -> str:
    """The embed snippet for one article, which sits beside the article itself: by default only
    the player (:func:`player_html` without the title or the text). With ``text``, the read-along
    text too, collapsed until opened, and (with ``script``) its styles and script, which highlight
    the sentence being spoken and seek to a sentence when it is clicked."""
    html = player_html(manifest, base_url, text=text, heading=False, collapsed=True)
    if text and script:
        html += f"\n<style>\n{READ_ALONG_CSS}</style>\n<script>\n{READ_ALONG_JS}</script>"
    return ascii_html(html + "\n")


_PAGE_CSS = """\
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
article { border-top: 1px solid #ccc; padding: 1rem 0; }
.audiogen audio { width: 100%; }
.audiogen figure, figure.audiogen { margin: 0; }
.audiogen-meta { color: #555; font-size: 0.9rem; }
"""


def index_html(manifests: Sequence[Manifest], title: str = "Audio versions") -> str:
    """One page listing every article with its player and read-along text, newest first: what
    content staff open to review a build."""
    ordered = sorted(manifests, key=lambda m: (m.date or "", m.title), reverse=True)
    langs = {m.lang.split("-")[0] for m in ordered}
    page_lang = langs.pop() if len(langs) == 1 else "en"
    body = [
        f"<h1>{escape(title)}</h1>",
        f"<p>{len(ordered)} article{'s' if len(ordered) != 1 else ''}, "
        f"{clock(sum(m.duration_ms for m in ordered))} in all.</p>",
    ]
    for m in ordered:
        day = m.date[:10] if m.date else None
        meta = list(dict.fromkeys(x for x in (m.site, m.author, day) if x))
        meta.append(f"{m.engine}/{m.voice}")
        meta.append(f"{m.loudness_lufs:.1f} LUFS")
        body += [
            f'<article id="{escape(m.slug)}">',
            f"<h2>{escape(m.title)}</h2>",
            f'<p class="audiogen-meta">{" · ".join(escape(x) for x in meta)} · '
            f'<a href="{escape(m.slug)}.json">manifest</a> · '
            f'<a href="{escape(m.slug)}.vtt">captions</a> · '
            f'<a href="{escape(m.slug)}.html">embed snippet</a></p>',
            player_html(m, heading=False),
            "</article>",
        ]
    return ascii_html(
        f'<!doctype html>\n<html lang="{escape(page_lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{_PAGE_CSS}{READ_ALONG_CSS}</style>\n"
        "</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n"
        f"<script>\n{READ_ALONG_JS}</script>\n</body>\n</html>\n"
    )
