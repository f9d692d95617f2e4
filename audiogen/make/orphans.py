"""Outputs whose article is gone: a story taken down must leave the output folder, its
``index.html`` and its feed, but never silently. ``check`` reports them (and fails), ``build``
warns about them and removes them with ``--prune`` (or ``prune = true`` in audiogen.toml)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from audiogen.config import FeedSettings
from audiogen.errors import OutputError
from audiogen.publish.feed import ATOM, FEED_NAME, write_feed
from audiogen.publish.manifest import read_manifests
from audiogen.publish.remote import Remote, pull, push, remote_for, remove
from audiogen.publish.web import INDEX_NAME, WEB_OUTPUTS, write_index

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Orphan:
    """One article's outputs with no article left to make them from."""

    slug: str
    """File stem of the outputs."""

    source: str
    """The article they were built from, as the manifest records it (it no longer exists)."""

    files: tuple[Path, ...]
    """The outputs on disk: the MP3, the manifest, captions, chapters and embed snippet."""


def find_orphans(out_dir: Path | str, current: Iterable[str]) -> list[Orphan]:
    """The outputs in ``out_dir`` (a folder or an output URL) whose article no longer exists and
    whose slug none of the ``current`` articles (the slugs just built or checked) makes. Both
    must hold: a manifest records its source as given on the command line, which another working
    folder (or another machine, for a URL) may not find. For a URL, ``files`` are the staged
    paths of the objects it holds."""
    keep = set(current)
    found = []
    remote = remote_for(out_dir)
    held = pull(remote) if remote is not None else None
    folder = remote.local if remote is not None else Path(out_dir)
    for path, m in read_manifests(folder):
        if m.slug in keep or not m.source or m.source == "-" or Path(m.source).exists():
            continue
        names = [f"{m.slug}.json", m.mp3.get("path") or f"{m.slug}.mp3"]
        names += [n.format(slug=m.slug) for n in WEB_OUTPUTS if n != INDEX_NAME]
        there = (lambda n: n in held) if held is not None else (lambda n: (folder / n).is_file())
        files = tuple(folder / n for n in names if there(n))
        found.append(Orphan(m.slug, m.source, files))
        logger.debug("%s: %s is gone", path, m.source)
    return found


def remove_orphans(
    out_dir: Path | str, orphans: Iterable[Orphan], feed: FeedSettings | None = None
) -> list[Path]:
    """Delete the orphans' outputs, then rewrite ``index.html`` and, when there is one,
    ``feed.xml`` (at the base URL it already has) without them. Returns the files removed (for
    an output URL, their staged paths; the objects are deleted there, then the index and feed
    are uploaded)."""
    remote = remote_for(out_dir)
    if remote is not None:
        return _remove_remote(remote, list(orphans), feed)
    out_dir = Path(out_dir)
    removed = []
    for orphan in orphans:
        for path in orphan.files:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise OutputError(
                    f"{path}: cannot remove it ({exc.strerror}): check the folder's permissions"
                ) from None
            removed.append(path)
    if not removed:
        return removed
    if read_manifests(out_dir):
        write_index(out_dir)
    else:
        (out_dir / INDEX_NAME).unlink(missing_ok=True)
    feed_path = out_dir / FEED_NAME
    if feed_path.is_file():
        base_url = _feed_base_url(feed_path)
        if read_manifests(out_dir) and base_url:
            write_feed(out_dir, base_url, feed or FeedSettings())
        else:
            feed_path.unlink()
    return removed


def _remove_remote(remote: Remote, orphans: list[Orphan], feed: FeedSettings | None) -> list[Path]:
    removed = [path for orphan in orphans for path in orphan.files]
    if not removed:
        return removed
    remove(remote, [path.name for path in removed])  # each manifest before its other files
    folder = remote.local
    gone = []
    if read_manifests(folder):
        write_index(folder)
        push(remote, [INDEX_NAME])
    else:
        gone.append(INDEX_NAME)
    base_url = _feed_base_url(folder / FEED_NAME) if (folder / FEED_NAME).is_file() else None
    if base_url and read_manifests(folder):
        write_feed(folder, base_url, feed or FeedSettings())
        push(remote, [FEED_NAME])
    elif (folder / FEED_NAME).is_file():
        gone.append(FEED_NAME)
    remove(remote, gone)
    return removed


def _feed_base_url(feed_path: Path) -> str | None:
    """The base URL an existing feed was written for (its ``atom:link rel="self"``)."""
    try:
        root = ET.parse(feed_path).getroot()
    except (ET.ParseError, OSError):
        return None
    link = root.find(f"channel/{{{ATOM}}}link[@rel='self']")
    href = link.get("href") if link is not None else None
    suffix = "/" + FEED_NAME
    return href[: -len(suffix)] if href and href.endswith(suffix) else None


__all__ = ["Orphan", "find_orphans", "remove_orphans"]
