"""Write the outputs: the MP3 and the manifest, each atomically (temp file, then rename)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from audiogen.errors import OutputError
from audiogen.types import Manifest


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
