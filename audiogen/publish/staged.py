"""The staging folder's record of what an output URL holds (:mod:`audiogen.publish.remote`): for
each staged file, the object version it was downloaded or uploaded as and its bytes' SHA-256,
and for an MP3 known by its checksum record only, that checksum without the file."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from audiogen.atomic import write_atomic

STATE_NAME = ".audiogen-remote.json"
"""In the staging folder: each staged file's object version and SHA-256 (hidden, so no reader of
the folder takes it for an output)."""


def stat_of(path: Path) -> list[int] | None:
    """Size and modification time of ``path`` (``None`` when missing)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


_READ: dict[Path, tuple[list[int], dict[str, dict[str, Any]]]] = {}
"""The last record read or written of each staging folder, with its file's size and time: a
batch reads it once an article, and it grows with the archive."""


def load_state(local: Path) -> dict[str, dict[str, Any]]:
    """The record of the staging folder ``local`` (empty when there is none): a copy, to change
    and :func:`save_state` (each entry is replaced, never changed in place)."""
    path = local / STATE_NAME
    stat, held = stat_of(path), _READ.get(local)
    if stat is not None and held is not None and held[0] == stat:
        return dict(held[1])
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict):
        return {}
    if stat is not None:
        _READ[local] = (stat, state)
    return dict(state)


def save_state(local: Path, state: Mapping[str, Any]) -> None:
    """Write the record of the staging folder ``local``."""
    path = local / STATE_NAME
    write_atomic(path, json.dumps(state, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    stat = stat_of(path)
    if stat is not None:
        _READ[local] = (stat, dict(state))


def copy_sha256(path: Path, record: Mapping[str, Any] | None) -> str | None:
    """The staged file's SHA-256: the recorded one while the file is as it was recorded (same
    size and modification time), else hashed again; ``None`` when it is missing."""
    stat = stat_of(path)
    if stat is None:
        return None
    if record is not None and record.get("stat") == stat:
        return str(record.get("sha256"))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record_of(path: Path, version: str, data: bytes) -> dict[str, Any]:
    """The record of ``data``, staged at ``path`` as the object version ``version``."""
    return {"version": version, "sha256": hashlib.sha256(data).hexdigest(), "stat": stat_of(path)}


def absent_record(version: str, sha256: str) -> dict[str, Any]:
    """The record of an output the URL holds as object version ``version`` with bytes
    ``sha256``, which the staging folder knows without a copy of it."""
    return {"version": version, "sha256": sha256, "absent": True}


def staged_sha256(folder: Path, name: str) -> str | None:
    """The SHA-256 of the output ``name`` of the URL that ``folder`` stages when only its
    checksum record was fetched (the file itself is not in ``folder``); else ``None``."""
    record = load_state(folder).get(name)
    if record is None or not record.get("absent") or (folder / name).exists():
        return None
    sha = record.get("sha256")
    return sha if isinstance(sha, str) else None


def keep_time(path: Path, info: Mapping[str, Any]) -> None:
    """Give the staged copy the object's modification time (the feed dates an article without a
    date by its manifest's)."""
    when = info.get("LastModified", info.get("mtime", info.get("updated")))
    if isinstance(when, str):
        try:
            when = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            return
    stamp = when.timestamp() if isinstance(when, datetime) else when
    if isinstance(stamp, (int, float)):
        os.utime(path, (stamp, stamp))


__all__ = [
    "absent_record",
    "keep_time",
    "STATE_NAME",
    "copy_sha256",
    "load_state",
    "record_of",
    "save_state",
    "stat_of",
    "staged_sha256",
]
