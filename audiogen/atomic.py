"""Write a file whole or not at all: the one write-to-temp-then-rename of audiogen.

Every file audiogen writes (outputs, store entries, an engine's optimized model) goes through
:func:`replacing`: the bytes go to a hidden temp file beside the target (same file system, so the
rename is atomic), are flushed to disk, and only then take the target's name. A reader sees the
old file or the new one, never half of one, and a build that is killed or runs out of disk leaves
at most a temp file, whose name carries the writer's process id so that a later run can tell a
dead writer's leftovers from a live one's.

It sits beside ``types.py`` and ``errors.py`` rather than in ``publish/`` because the stages before
publishing write through it too (the store, an engine's model cache).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

TEMP_SUFFIX = ".tmp"
"""Temp files are ``.<target name>.<pid>.<random>.tmp`` beside their target."""


@contextlib.contextmanager
def replacing(
    target: Path, *, keep_existing: bool = False, mode: int = 0o644, durable: bool = True
) -> Iterator[Path]:
    """A fresh temp path beside ``target`` for the caller to write (for writers that need a path:
    mutagen, onnxruntime). When the block ends normally, the file is flushed to disk and takes
    ``target``'s name; when it raises, the temp file is removed and ``target`` is untouched.

    ``keep_existing``: link instead of rename, so that an existing ``target`` wins and
    :class:`FileExistsError` is raised (content-addressed entries: the first one stored is the
    one everybody uses). ``durable=False``: not flushed to disk first, for what a reader can tell
    is torn and can do without (a memo: after a power cut it may be empty, never half of another).
    Raises :class:`OSError` when the folder or the file cannot be written.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent
    )
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        if durable:
            with open(temp, "rb+") as f:
                os.fsync(f.fileno())  # after a power cut, a file that has its name is whole
        os.chmod(temp, mode)
        if keep_existing:
            try:
                os.link(temp, target)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links: the last writer wins there
                os.replace(temp, target)
        else:
            os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(
    target: Path, data: bytes, *, keep_existing: bool = False, durable: bool = True
) -> None:
    """Write ``data`` to ``target`` through :func:`replacing`."""
    with replacing(target, keep_existing=keep_existing, durable=durable) as temp:
        temp.write_bytes(data)


@contextlib.contextmanager
def replacing_together(targets: Sequence[Path], *, mode: int = 0o644) -> Iterator[list[Path]]:
    """Temp paths for files published as one unit: the caller writes every one, then all are
    flushed to disk and only then renamed into place, in the order given, so put last the file
    that commits the set (a reader that trusts it finds the others already new). When the block
    raises, or a temp cannot be flushed, no target is touched and every temp file is removed."""
    temps: list[Path] = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent
            )
            os.close(fd)
            temps.append(Path(name))
        yield list(temps)
        for temp in temps:
            with open(temp, "rb+") as f:
                os.fsync(f.fileno())
            os.chmod(temp, mode)
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)


_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.[^.]+" + re.escape(TEMP_SUFFIX) + "$")


def sweep_temps(folder: Path) -> int:
    """Remove the temp files that writers which have died left in ``folder`` (and below it): a
    temp file whose writer is alive is left alone. Returns how many were removed."""
    removed = 0
    if not folder.is_dir():
        return removed
    for path in folder.rglob(f".*{TEMP_SUFFIX}"):
        m = _TEMP_NAME.match(path.name)
        if m is None or _alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


__all__ = ["TEMP_SUFFIX", "replacing", "replacing_together", "sweep_temps", "write_atomic"]
