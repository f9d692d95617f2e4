"""The manifest on disk (``<slug>.json``): the record every other output is made from, and the
one place the published files are written (each atomically, see :mod:`audiogen.atomic`)."""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from audiogen.atomic import replacing, replacing_together
from audiogen.errors import ConfigError, OutputError
from audiogen.types import Manifest

logger = logging.getLogger(__name__)

# Slugs are a-z, 0-9 and "-": "<slug>.json" never matches "<slug>.chapters.json".
_MANIFEST_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.json$")


@contextlib.contextmanager
def writing(target: Path) -> Iterator[Path]:
    """A temp path to write an output to; it replaces ``target`` when the block ends (see
    :func:`audiogen.atomic.replacing`). A file that cannot be written is an :class:`OutputError`
    naming it."""
    try:
        with replacing(target) as temp:
            yield temp
    except OSError as exc:
        raise OutputError(
            f"{target}: cannot write it ({exc.strerror}): check the output folder (-o/--out)"
        ) from None


@contextlib.contextmanager
def writing_together(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Temp paths for outputs published as one unit (see
    :func:`audiogen.atomic.replacing_together`): none replaces its target unless all were
    written. A file that cannot be written is an :class:`OutputError` naming the folder."""
    try:
        with replacing_together(targets) as temps:
            yield temps
    except OSError as exc:
        where = exc.filename or (targets[0].parent if targets else "")
        raise OutputError(
            f"{where}: cannot write the outputs ({exc.strerror}): nothing was replaced; "
            "check the output folder (-o/--out) and the free space, then build again"
        ) from None


def write_output(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (see :func:`writing`)."""
    with writing(target) as temp:
        temp.write_bytes(data)


def check_base_url(base_url: str, needed: bool = False) -> str:
    """``base_url`` without a trailing slash, or a :class:`ConfigError` when it is not an
    ``http(s)://`` URL (``example.org/audio`` would make every link relative to the page). An empty
    one is relative links, unless ``needed``."""
    if not base_url and not needed:
        return ""
    if not re.match(r"https?://[^/\s]+", base_url):
        given = f"{base_url!r} is not a URL" if base_url else "no public URL given"
        raise ConfigError(
            f"{given}: pass --base-url with the public URL of the output folder, "
            "e.g. https://example.org/audio (or set base_url in [feed] of audiogen.toml)"
        )
    return base_url.rstrip("/")


def public_url(base_url: str, name: str) -> str:
    """Where the output ``name`` (a path relative to the manifest, as in ``mp3["path"]``) is
    published: under ``base_url``, the public URL of the output folder. A name that is already a
    URL (feed artwork) stays as it is, and with no ``base_url`` the link stays relative."""
    if "://" in name or not base_url:
        return name
    return f"{base_url.rstrip('/')}/{name.lstrip('/')}"


def manifest_json(manifest: Manifest) -> bytes:
    """The manifest as stable, human-readable JSON."""
    return (json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_manifest(manifest: Manifest, out_dir: Path) -> Path:
    """Write ``<slug>.json`` into ``out_dir``."""
    target = out_dir / f"{manifest.slug}.json"
    write_output(target, manifest_json(manifest))
    return target


def read_manifest(path: Path) -> Manifest:
    """Load a manifest written by :func:`write_manifest`."""
    return Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))


def is_manifest_name(name: str) -> bool:
    """Whether the file ``name`` in an output folder is an article's manifest (``<slug>.json``)."""
    return _MANIFEST_NAME.match(name) is not None


def read_manifests(out_dir: Path) -> list[tuple[Path, Manifest]]:
    """Every manifest in ``out_dir``, sorted by file name. A file that is not a readable manifest
    is skipped with a warning, so one stray file does not stop the page or the feed."""
    found: list[tuple[Path, Manifest]] = []
    if not out_dir.is_dir():
        return found
    for path in sorted(out_dir.iterdir()):
        if not is_manifest_name(path.name):
            continue
        try:
            found.append((path, read_manifest(path)))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            logger.warning("%s: skipped, not an audiogen manifest (%s)", path, exc)
    return found


__all__ = [
    "is_manifest_name",
    "manifest_json",
    "public_url",
    "read_manifest",
    "read_manifests",
    "write_manifest",
    "write_output",
    "writing",
    "writing_together",
]
