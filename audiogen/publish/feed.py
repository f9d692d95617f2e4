"""The podcast feed: RSS 2.0 with the iTunes and podcast namespaces, from the manifests in the
output folder. The channel comes from ``[feed]`` in the configuration; each article is an episode
whose GUID stays the same across rebuilds (it derives from the article's URL, else its slug)."""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from audiogen.config import FeedSettings
from audiogen.errors import OutputError
from audiogen.publish.manifest import check_base_url, public_url, read_manifests, write_output
from audiogen.text.read import xml_safe
from audiogen.types import Manifest

logger = logging.getLogger(__name__)

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The podcast namespace's UUIDv5 namespace for ``podcast:guid`` (of the feed URL)."""

FEED_NAME = "feed.xml"


def episode_guid(manifest: Manifest) -> str:
    """A GUID that survives rebuilds, re-encodes and a move of the files to another host."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, manifest.url or f"audiogen:{manifest.slug}"))


def pub_date(manifest: Manifest, fallback: datetime) -> str:
    """RFC 822 date of the article (UTC when the date has no zone), else ``fallback``."""
    when = fallback
    if manifest.date:
        try:
            when = datetime.fromisoformat(manifest.date.strip().replace("Z", "+00:00"))
        except ValueError:
            logger.warning(
                "%s: date %r is not ISO 8601; using the file's time", manifest.slug, manifest.date
            )
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return format_datetime(when)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    # Articles reach here clean (the read stage strips them), but [feed] settings and manifests
    # of older builds may carry a character XML forbids, which would break the whole feed.
    el = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_safe(text)
    return el


def feed_xml(
    manifests: Sequence[tuple[Manifest, datetime]], base_url: str, settings: FeedSettings
) -> bytes:
    """The feed for ``manifests`` (each with the time to use when it has no date), newest first."""
    base_url = check_base_url(base_url, needed=True)  # one feed, however the URL was typed
    ET.register_namespace("itunes", ITUNES)
    ET.register_namespace("podcast", PODCAST)
    ET.register_namespace("atom", ATOM)
    it = f"{{{ITUNES}}}"
    pc = f"{{{PODCAST}}}"
    items = sorted(manifests, key=lambda p: (p[0].date or "", p[1].isoformat()), reverse=True)
    sites = Counter(m.site for m, _ in items if m.site)
    langs = Counter(m.lang for m, _ in items)
    s = settings
    site = sites.most_common(1)[0][0] if sites else None
    title = s.title or site or "Audio versions"
    publisher = s.author or site or s.title
    feed_url = public_url(base_url, FEED_NAME)

    rss = ET.Element("rss", {"version": "2.0"})
    ch = _sub(rss, "channel")
    _sub(ch, "title", title)
    _sub(ch, "link", s.link or base_url)
    _sub(ch, f"{{{ATOM}}}link", href=feed_url, rel="self", type="application/rss+xml")
    from_site = f" from {site or s.title}" if site or s.title else ""
    _sub(ch, "description", s.description or f"Audio versions of articles{from_site}.")
    _sub(ch, "language", s.language or (langs.most_common(1)[0][0] if langs else "en"))
    if s.copyright:
        _sub(ch, "copyright", s.copyright)
    _sub(ch, "generator", "audiogen")
    if s.image:
        image = public_url(base_url, s.image)
        _sub(ch, f"{it}image", href=image)
        img = _sub(ch, "image")
        _sub(img, "url", image)
        _sub(img, "title", title)
        _sub(img, "link", s.link or base_url)
    else:
        logger.warning(
            "no image in [feed]: Apple Podcasts requires show artwork: set image in [feed] "
            "of audiogen.toml (a square JPEG or PNG, 1400-3000 px)"
        )
    main, _, sub = s.category.partition("/")
    # The category is in the "text" attribute (not the element's text), nested for a subcategory.
    cat = ET.SubElement(ch, f"{it}category", {"text": main.strip()})
    if sub:
        ET.SubElement(cat, f"{it}category", {"text": sub.strip()})
    _sub(ch, f"{it}explicit", "true" if s.explicit else "false")
    _sub(ch, f"{it}type", "episodic")
    if publisher:
        _sub(ch, f"{it}author", publisher)
    else:
        logger.warning("no author in [feed] and no site in the articles: set author in [feed]")
    if s.owner_email:
        owner = _sub(ch, f"{it}owner")
        if s.owner_name:
            _sub(owner, f"{it}name", s.owner_name)
        _sub(owner, f"{it}email", s.owner_email)
    else:
        logger.warning(
            "no owner_email in [feed]: directories verify ownership with it: set owner_email "
            "in [feed] of audiogen.toml"
        )
    bare = feed_url.split("://", 1)[1].rstrip("/")
    _sub(ch, f"{pc}guid", str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare)))

    for m, fallback in items:
        item = _sub(ch, "item")
        _sub(item, "title", m.title)
        if m.summary:
            _sub(item, "description", m.summary)
        if m.url:
            _sub(item, "link", m.url)
        _sub(item, "guid", episode_guid(m), isPermaLink="false")
        _sub(item, "pubDate", pub_date(m, fallback))
        _sub(
            item,
            "enclosure",
            url=public_url(base_url, m.mp3["path"]),
            length=str(m.mp3["bytes"]),
            type="audio/mpeg",
        )
        _sub(item, f"{it}duration", str(round(m.duration_ms / 1000)))
        _sub(item, f"{it}explicit", "true" if s.explicit else "false")
        _sub(item, f"{it}episodeType", "full")
        if m.author:
            _sub(item, f"{it}author", m.author)
        _sub(
            item,
            f"{pc}transcript",
            url=public_url(base_url, f"{m.slug}.vtt"),
            type="text/vtt",
            language=m.lang,
            rel="captions",
        )
        _sub(
            item,
            f"{pc}chapters",
            url=public_url(base_url, f"{m.slug}.chapters.json"),
            type="application/json+chapters",
        )
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(out_dir: Path | str, base_url: str, settings: FeedSettings) -> Path | str:
    """Write ``feed.xml`` into ``out_dir`` from every manifest there; for an output URL, from
    every manifest the URL holds, uploaded there. Returns where it was written."""
    from audiogen.publish.remote import pull, push, remote_for

    remote = remote_for(out_dir)
    if remote is not None:
        pull(remote)
    folder = remote.local if remote is not None else Path(out_dir)
    found = read_manifests(folder)
    if not found:
        raise OutputError(f"{out_dir}: no built articles here: run audiogen build first, or fix -o")
    dated = [(m, datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)) for path, m in found]
    target = folder / FEED_NAME
    write_output(target, feed_xml(dated, base_url, settings))
    if remote is not None:
        push(remote, [FEED_NAME])
        return remote.where(FEED_NAME)
    return target
