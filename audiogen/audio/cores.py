"""How many threads the audio measurements of one piece of audio may use: every core, unless the
caller already runs pieces side by side (:func:`audiogen.audio.master.master`, a cluster worker),
where threads inside each piece only fight each other."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_CORES: ContextVar[int | None] = ContextVar("audiogen_audio_cores", default=None)


@contextlib.contextmanager
def cores(n: int) -> Iterator[None]:
    """Within the block, measurements on this thread use at most ``n`` threads."""
    token = _CORES.set(max(1, n))
    try:
        yield
    finally:
        _CORES.reset(token)


def parallel(fn: Callable[[T], object], items: Iterable[T]) -> None:
    """Run ``fn`` over ``items`` on the cores :func:`cores` allows (default: the machine's).
    numpy's FFTs and products release the GIL, so threads share the work; each item writes its
    own slice of a shared output."""
    work = list(items)
    workers = min(len(work), _CORES.get() or os.cpu_count() or 1)
    if workers <= 1:
        for item in work:
            fn(item)
        return
    with ThreadPoolExecutor(workers) as pool:
        for _ in pool.map(fn, work):
            pass


__all__ = ["cores", "parallel"]
