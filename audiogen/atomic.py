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
import tempfile
from collections.abc import Iterator
from pathlib import Path

TEMP_SUFFIX = ".tmp"
"""Temp files are ``.<target name>.<pid>.<random>.tmp`` beside their target."""


@contextlib.contextmanager
def replacing(target: Path, *, keep_existing: bool = False, mode: int = 0o644) -> Iterator[Path]:
    """A fresh temp path beside ``target`` for the caller to write (for writers that need a path:
    mutagen, onnxruntime). When the block ends normally, the file is flushed to disk and takes
    ``target``'s name; when it raises, the temp file is removed and ``target`` is untouched.

    ``keep_existing``: link instead of rename, so that an existing ``target`` wins and
    :class:`FileExistsError` is raised (content-addressed entries: the first one stored is the
    one everybody uses). Raises :class:`OSError` when the folder or the file cannot be written.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent
    )
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
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


def write_atomic(target: Path, data: bytes, *, keep_existing: bool = False) -> None:
    """Write ``data`` to ``target`` through :func:`replacing`."""
    with replacing(target, keep_existing=keep_existing) as temp:
        temp.write_bytes(data)


__all__ = ["TEMP_SUFFIX", "replacing", "write_atomic"]
