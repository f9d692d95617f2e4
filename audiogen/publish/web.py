"""Write the outputs, each atomically (temp file, then rename): the MP3, the manifest, and what
the web needs from it: captions (``<slug>.vtt``), chapters (``<slug>.chapters.json``), the embed
snippet (``<slug>.html``) and ``index.html``. The feed is :mod:`audiogen.publish.feed`."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from pathlib import Path

from audiogen.errors import OutputError
from audiogen.types import Manifest

logger = logging.getLogger(__name__)

INDEX_NAME = "index.html"

# Slugs are a-z, 0-9 and "-": "<slug>.json" never matches "<slug>.chapters.json".
_MANIFEST_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.json$")


def temp_path(target: Path) -> Path:
    """A fresh hidden temp file beside ``target`` (same file system, so rename is atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def commit(temp: Path, target: Path) -> None:
    """Move a finished temp file into place: readers see the old file or the new, never half."""
    try:
        with open(temp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(
            f"{target}: cannot write it ({exc.strerror}): check the output folder"
        ) from None


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temp file and a rename."""
    try:
        temp = temp_path(target)
    except OSError as exc:
        raise OutputError(
            f"{target.parent}: cannot create the output folder ({exc.strerror}): check -o/--out"
        ) from None
    try:
        temp.write_bytes(data)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write it ({exc.strerror})") from None
    commit(temp, target)


def manifest_json(manifest: Manifest) -> bytes:
    """The manifest as stable, human-readable JSON."""
    return (json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_manifest(manifest: Manifest, out_dir: Path) -> Path:
    """Write ``<slug>.json`` into ``out_dir``."""
    target = out_dir / f"{manifest.slug}.json"
    write_atomic(target, manifest_json(manifest))
    return target


def read_manifest(path: Path) -> Manifest:
    """Load a manifest written by :func:`write_manifest`."""
    return Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))


def read_manifests(out_dir: Path) -> list[tuple[Path, Manifest]]:
    """Every manifest in ``out_dir``, sorted by file name. A file that is not a readable manifest
    is skipped with a warning, so one stray file does not stop the page or the feed."""
    found: list[tuple[Path, Manifest]] = []
    if not out_dir.is_dir():
        return found
    for path in sorted(out_dir.iterdir()):
        if not _MANIFEST_NAME.match(path.name):
            continue
        try:
            found.append((path, read_manifest(path)))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            logger.warning("%s: skipped, not an audiogen manifest (%s)", path, exc)
    return found


def write_web(manifest: Manifest, out_dir: Path) -> list[Path]:
    """Write the captions, chapters and embed snippet of ``manifest``, and rewrite ``index.html``
    from every manifest in ``out_dir``. Returns the files written."""
    from audiogen.publish.captions import webvtt
    from audiogen.publish.chapters import podcast_chapters_json
    from audiogen.publish.embed import embed_html

    outputs = {
        out_dir / f"{manifest.slug}.vtt": webvtt(manifest).encode("utf-8"),
        out_dir / f"{manifest.slug}.chapters.json": podcast_chapters_json(manifest),
        out_dir / f"{manifest.slug}.html": embed_html(manifest).encode("utf-8"),
    }
    for target, data in outputs.items():
        write_atomic(target, data)
    return [*outputs, write_index(out_dir)]


def write_index(out_dir: Path) -> Path:
    """Write ``index.html``: every article in ``out_dir`` with its player and read-along text."""
    from audiogen.publish.embed import index_html

    target = out_dir / INDEX_NAME
    write_atomic(target, index_html([m for _, m in read_manifests(out_dir)]).encode("utf-8"))
    return target
