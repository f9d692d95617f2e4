"""Batches: every article of a set of sources built (or checked) in turn, each with the
configuration of its own folder; one article's failure does not stop the others."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from audiogen.config import options_for
from audiogen.errors import AudiogenError, InputError, UnexpectedError
from audiogen.make.assemble import Progress
from audiogen.pipeline import build_or_skip, check
from audiogen.text.read import FORMATS
from audiogen.types import Manifest

logger = logging.getLogger(__name__)


def find_articles(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the articles they hold (``.txt``, ``.md``, ``.html``), sorted; files and
    ``-`` pass through as given."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if str(p) != "-" and path.is_dir():
            found = sorted(
                f
                for f in path.iterdir()
                if f.is_file() and f.suffix.lower() in FORMATS and not f.name.startswith(".")
            )
            if not found:
                raise InputError(f"{path}: no articles (.txt, .md, .html) in this folder")
            out.extend(found)
        else:
            out.append(path)
    return out


@dataclass(frozen=True)
class Outcome:
    """What became of one article in a batch."""

    source: Path
    """The article."""

    manifest: Manifest | None = None
    """Its manifest, when it was built."""

    error: AudiogenError | None = None
    """Why it was not, otherwise."""

    skipped: bool = False
    """True when its outputs were current and nothing was built."""


def build_many(
    sources: Sequence[str | Path],
    overrides: dict[str, object] | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Build every article in ``sources`` (folders expanded); one article's failure does not stop
    the others. Each article gets the configuration of its own folder, then ``overrides``."""
    outcomes: list[Outcome] = []
    for path in find_articles(sources):
        try:
            options = options_for(path.parent if str(path) != "-" else Path.cwd(), overrides)
            manifest, skipped = build_or_skip(path, options, progress)
            outcomes.append(Outcome(path, manifest=manifest, skipped=skipped))
        except AudiogenError as exc:
            logger.debug("%s failed", path, exc_info=True)
            outcomes.append(Outcome(path, error=exc))
        except Exception as exc:  # one article's failure, whatever it is, must not stop the batch
            logger.info("%s failed unexpectedly", path, exc_info=True)  # the traceback, with -v
            outcomes.append(Outcome(path, error=UnexpectedError.of(path, exc)))
    return outcomes


@dataclass(frozen=True)
class Status:
    """Whether one article's outputs are current, for ``audiogen check``."""

    source: Path
    """The article."""

    slug: str | None = None
    """File stem of its outputs (``None`` when the article could not be read)."""

    reasons: tuple[str, ...] = ()
    """Why its outputs are stale or missing; empty when they are current."""

    error: AudiogenError | None = None
    """Why it could not be checked."""


def check_many(
    sources: Sequence[str | Path], overrides: dict[str, object] | None = None
) -> list[Status]:
    """Check every article in ``sources`` against the outputs in the output folder without
    synthesizing anything (same options as :func:`build_many`)."""
    statuses: list[Status] = []
    for path in find_articles(sources):
        try:
            options = options_for(path.parent if str(path) != "-" else Path.cwd(), overrides)
            slug, reasons = check(path, options)
            statuses.append(Status(path, slug, tuple(reasons)))
        except AudiogenError as exc:
            statuses.append(Status(path, error=exc))
    return statuses


__all__ = ["Outcome", "Status", "build_many", "check_many", "find_articles"]
