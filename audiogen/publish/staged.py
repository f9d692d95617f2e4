"""The staging folder's record of what an output URL holds (:mod:`audiogen.publish.remote`): for
each staged file, the object version it was downloaded or uploaded as and its bytes' SHA-256,
and for an MP3 known by its checksum record only, that checksum without the file."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from audiogen.atomic import write_atomic

STATE_NAME = ".audiogen-remote.json"
"""In the staging folder: each staged file's object version and SHA-256 (hidden, so no reader of
the folder takes it for an output)."""

JOURNAL_NAME = ".audiogen-remote.log"
"""Beside it: the records changed since it was last written whole, a JSON line each (``[name,
record]``, ``null`` for one removed). A publish appends the few records it changed instead of
rewriting one for every file of the archive; the journal is folded back in once it is half as
long as the record."""

_MIN_JOURNAL = 256
"""The journal is folded into the record once it holds more entries than this and the record."""


def stat_of(path: Path) -> list[int] | None:
    """Size and modification time of ``path`` (``None`` when missing)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


class State(dict[str, dict[str, Any]]):
    """A staging folder's record as :func:`load_state` gives it: a dict that notes which names
    were set or removed, so :func:`save_state` writes only those."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.changed: set[str] = set()

    def __setitem__(self, name: str, record: dict[str, Any]) -> None:
        super().__setitem__(name, record)
        self.changed.add(name)

    def __delitem__(self, name: str) -> None:
        super().__delitem__(name)
        self.changed.add(name)

    def pop(self, name: str, *default: Any) -> Any:
        self.changed.add(name)
        return super().pop(name, *default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        other = dict(*args, **kwargs)
        super().update(other)
        self.changed.update(other)


@dataclass
class _Held:
    stamp: tuple[list[int] | None, list[int] | None]
    """The record's and the journal's size and time when read or written."""
    state: dict[str, dict[str, Any]]
    entries: int
    """Entries in the journal."""


_HELD: dict[Path, _Held] = {}
"""The last record read or written of each staging folder: a batch reads it once, however many
articles it publishes, and it grows with the archive."""


def _stamp(local: Path) -> tuple[list[int] | None, list[int] | None]:
    return stat_of(local / STATE_NAME), stat_of(local / JOURNAL_NAME)


def _read(local: Path) -> _Held:
    """The record and its journal as they are on disk (a torn last line, from a run that was
    killed while appending, is left out)."""
    stamp = _stamp(local)
    try:
        state = json.loads((local / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    if not isinstance(state, dict):
        state = {}
    entries = 0
    try:
        lines = (local / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        lines = []
    for line in lines:
        try:
            name, record = json.loads(line)
        except (ValueError, TypeError):
            continue
        entries += 1
        if isinstance(record, dict):
            state[name] = record
        else:
            state.pop(name, None)
    return _Held(stamp, state, entries)


def load_state(local: Path) -> State:
    """The record of the staging folder ``local`` (empty when there is none): a copy, to change
    and :func:`save_state` (each entry is replaced, never changed in place)."""
    held = _HELD.get(local)
    if held is None or held.stamp != _stamp(local):
        held = _HELD[local] = _read(local)
    return State(held.state)


def save_state(local: Path, state: Mapping[str, dict[str, Any]]) -> None:
    """Write the record of the staging folder ``local``: the names ``state`` changed (all of
    them for a plain mapping) appended to the journal, onto what the folder holds now (another
    run may have written since this one read it), or the whole record when the journal has
    grown to half its length."""
    held = _HELD.get(local)
    if held is None or held.stamp != _stamp(local):
        held = _read(local)
    if isinstance(state, State):
        names = sorted(state.changed)
    else:
        names = sorted(set(state) | set(held.state))
    changes = [(n, state.get(n)) for n in names if held.state.get(n) != state.get(n)]
    merged = dict(held.state)
    for name, record in changes:
        if record is None:
            merged.pop(name, None)
        else:
            merged[name] = record
    entries = held.entries + len(changes)
    if entries > max(_MIN_JOURNAL, len(merged) // 2):
        write_atomic(
            local / STATE_NAME,
            json.dumps(merged, sort_keys=True, separators=(",", ":")).encode("utf-8"),
        )
        (local / JOURNAL_NAME).unlink(missing_ok=True)
        entries = 0
    elif changes:
        lines = "".join(
            json.dumps([n, r], sort_keys=True, separators=(",", ":")) + "\n" for n, r in changes
        )
        with open(local / JOURNAL_NAME, "a", encoding="utf-8") as journal:
            journal.write(lines)  # one write: a killed run leaves at most a torn last line
    _HELD[local] = _Held(_stamp(local), merged, entries)
    if isinstance(state, State):
        state.changed.clear()


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
    "JOURNAL_NAME",
    "STATE_NAME",
    "State",
    "copy_sha256",
    "load_state",
    "record_of",
    "save_state",
    "stat_of",
    "staged_sha256",
]
