"""Where a build runs when it leaves this process: a Dask cluster's address or size, and how a
run on it is going. Light on purpose: Dask itself is imported only by
:mod:`audiogen.make.on_dask`, when a cluster is asked for."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ClusterSpec:
    """Where a build's work runs: a running scheduler's address, or a LocalCluster of
    ``workers`` processes started for the run."""

    scheduler: str | None = None
    """Address of a running Dask scheduler (``tcp://host:8786``)."""

    workers: int | None = None
    """Start a LocalCluster of this many worker processes, one thread each, for one run."""


@dataclass
class Tally:
    """A cluster build's progress, as its parts finish."""

    articles: int = 0
    """Articles in the run."""

    articles_done: int = 0
    """Articles published, found current, or failed."""

    sentences: int = 0
    """Sentences to synthesize (distinct store keys) found so far."""

    sentences_done: int = 0
    """Of those, synthesized and stored."""

    synthesized: int = 0
    """Sentences the engines actually spoke (a sentence spoken twice counts twice)."""

    bytes_moved: int = 0
    """Bytes between this process and the cluster: task arguments and results, pickled (the
    sentences themselves go from workers to the store)."""

    started: float = field(default_factory=time.monotonic)
    """When the run began (monotonic seconds)."""


ClusterProgress = Callable[[Tally], None]
"""Told the run's :class:`Tally` whenever a part of it finishes."""


QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}
"""Dask settings for a build's processes: no statistical profiler sampling each worker's task
thread every 10 ms, and the event loop's health checks and resource monitors at a gentler pace.
An idle 2-worker LocalCluster used 7% of two cores with Dask's defaults and under 2% with these;
a busy one gives the difference to synthesis. ``--workers`` applies them; a cluster started apart
takes them as environment variables (``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False``, see
``examples/kubernetes/``)."""


__all__ = ["QUIET", "ClusterProgress", "ClusterSpec", "Tally"]
