"""Batches: every article of a set of sources built (or checked) in turn, each with the
configuration of its own folder; one article's failure does not stop the others."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from audiogen.config import Options, options_for
from audiogen.errors import AudiogenError, ChecksFailedError, InputError, UnexpectedError
from audiogen.make.assemble import Progress
from audiogen.make.cluster import ClusterProgress, ClusterSpec
from audiogen.make.plan import keeping_voices
from audiogen.pipeline import build_or_skip, check
from audiogen.publish.listing import listing_once
from audiogen.text.language import keeping_profiles
from audiogen.text.read import FORMATS, peek_slug
from audiogen.types import Manifest

logger = logging.getLogger(__name__)

T = TypeVar("T")


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
    """Why it was not, otherwise (or, with ``strict``, why a built article failed)."""

    skipped: bool = False
    """True when its outputs were current and nothing was built."""


def slug_collisions(
    paths: Sequence[Path], overrides: dict[str, object] | None = None
) -> dict[Path, AudiogenError]:
    """The articles of ``paths`` that would publish to one slug, each with an error naming the
    others: read from front matter and file names alone, before anything is built."""
    by_slug: dict[tuple[Path, str], list[Path]] = {}
    for path in paths:
        try:
            options = options_for(_folder(path), overrides)
        except AudiogenError:
            continue  # building it reports that
        slug = peek_slug(path, options.max_bytes)
        if slug is not None:
            by_slug.setdefault((Path(options.out_dir).resolve(), slug), []).append(path)
    errors: dict[Path, AudiogenError] = {}
    for (_, slug), same in by_slug.items():
        for path in same if len(same) > 1 else ():
            others = " and ".join(str(p) for p in same if p != path)
            errors[path] = InputError(
                f"{path}: publishes to {slug}.mp3, as {others} does: give one of them another "
                "file name or a slug: line in its front matter"
            )
    return errors


def _folder(path: Path) -> Path:
    return path.parent if str(path) != "-" else Path.cwd()


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` (the K-th of N shards, counted from 1) as ``(K, N)``."""
    import re

    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise InputError(
            f"--shard {text}: write it as K/N with 1 <= K <= N, e.g. 2/4 for the second of four"
        )
    return int(m.group(1)), int(m.group(2))


def in_shard(path: Path, shard: tuple[int, int]) -> bool:
    """Whether ``path`` belongs to the ``(K, N)`` shard: decided by a hash of its path as given,
    so every runner of a matrix agrees, and adding an article never moves another one."""
    import hashlib

    k, n = shard
    digest = hashlib.sha256(Path(path).as_posix().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def _articles(
    sources: Sequence[str | Path],
    overrides: dict[str, object] | None,
    shard: tuple[int, int] | None = None,
) -> list[tuple[Path, Options | None, AudiogenError | None]]:
    """Every article of ``sources`` (in ``shard`` when given) with the configuration of its own
    folder, then ``overrides``, or the error that stops it before it starts: a bad
    configuration, or a slug another article of the sources (in any shard) publishes to."""
    paths = find_articles(sources)
    collisions = slug_collisions(paths, overrides)
    out: list[tuple[Path, Options | None, AudiogenError | None]] = []
    for path in paths:
        if shard is not None and not in_shard(path, shard):
            continue
        if path in collisions:
            out.append((path, None, collisions[path]))
            continue
        try:
            out.append((path, options_for(_folder(path), overrides), None))
        except AudiogenError as exc:
            out.append((path, None, exc))
    return out


def _each(
    articles: Sequence[tuple[Path, Options | None, AudiogenError | None]],
    one: Callable[[Path, Options], T],
) -> list[tuple[Path, T | None, AudiogenError | None]]:
    """``one(path, options)`` for every article of ``articles`` (see :func:`_articles`); with its
    result, or the error that stopped it. One article's failure, whatever it is, does not stop
    the others (an error audiogen did not anticipate becomes an :class:`UnexpectedError` naming
    the article; ``-v`` logs its traceback)."""
    out: list[tuple[Path, T | None, AudiogenError | None]] = []
    for path, options, error in articles:
        if options is None:
            out.append((path, None, error))
            continue
        try:
            out.append((path, one(path, options), None))
        except AudiogenError as exc:
            logger.debug("%s failed", path, exc_info=True)
            out.append((path, None, exc))
        except Exception as exc:  # one article's failure, whatever it is, must not stop the batch
            logger.info("%s failed unexpectedly", path, exc_info=True)  # the traceback, with -v
            out.append((path, None, UnexpectedError.of(path, exc)))
    return out


def _outcome(path: Path, options: Options, manifest: Manifest, skipped: bool) -> Outcome:
    error = None
    if options.strict and not manifest.checks.get("passed", True):
        error = ChecksFailedError(
            f"{path}: {manifest.slug}.mp3 failed its audio checks (listed above) and strict "
            "is on: fix the article or the options, or build without --strict"
        )
    return Outcome(path, manifest=manifest, skipped=skipped, error=error)


def build_many(
    sources: Sequence[str | Path],
    overrides: dict[str, object] | None = None,
    progress: Progress | None = None,
    *,
    shard: tuple[int, int] | None = None,
    cluster: ClusterSpec | None = None,
    on_tally: ClusterProgress | None = None,
) -> list[Outcome]:
    """Build every article in ``sources`` (folders expanded); one article's failure does not stop
    the others. Each article gets the configuration of its own folder, then ``overrides``.
    Articles that would publish to one slug are refused before anything is built; with
    ``strict``, failed audio checks are a failure (the outcome has the manifest and an error).

    ``shard`` ``(K, N)`` builds only the K-th of N stable shards of the articles (a CI matrix).
    ``cluster`` spreads the work over a Dask cluster (:mod:`audiogen.make.cluster`), which tells
    ``on_tally`` how the run goes; ``progress`` is for local builds."""
    articles = _articles(sources, overrides, shard)
    with listing_once():  # an output URL listed once for the batch, not once an article
        _reachable([options for _, options, _ in articles if options is not None])
        if cluster is not None:
            return _build_on_cluster(articles, cluster, on_tally)

        def one(path: Path, options: Options) -> Outcome:
            return _outcome(path, options, *build_or_skip(path, options, progress))

        # each voice and langdetect's profiles loaded once for the batch, not once an article
        with keeping_voices(), keeping_profiles():
            built = _each(articles, one)
    return [outcome or Outcome(path, error=error) for path, outcome, error in built]


def _reachable(options: Sequence[Options]) -> None:
    """Raise the one-line error of a store or output location named by URL that cannot be
    reached (a missing bucket, no credentials, a backend not installed), once for the batch
    instead of once for every article."""
    from audiogen.config import is_url
    from audiogen.make.store import Store
    from audiogen.publish.remote import pull_outputs

    seen: set[object] = set()
    for opts in options:
        for what, url in (("cache", opts.cache_dir), ("out", opts.out_dir)):
            if is_url(url) and (what, url) not in seen:
                seen.add((what, url))
                if what == "cache":
                    Store(url)  # opening it checks the bucket
                else:
                    pull_outputs(opts)


def _build_on_cluster(
    articles: list[tuple[Path, Options | None, AudiogenError | None]],
    cluster: ClusterSpec,
    on_tally: ClusterProgress | None,
) -> list[Outcome]:
    from audiogen.make.on_dask import build_on_cluster

    if any(str(path) == "-" for path, _, _ in articles):
        raise InputError("-: a cluster's workers cannot read standard input: give article files")
    outcomes: dict[Path, Outcome] = {}
    options_of = {path: options for path, options, _ in articles if options is not None}

    def done(path: Path, manifest: Manifest | None, skipped: bool, error: object) -> None:
        if manifest is not None:
            outcomes[path] = _outcome(path, options_of[path], manifest, skipped)
        else:
            assert isinstance(error, AudiogenError)
            outcomes[path] = Outcome(path, error=error)

    build_on_cluster(list(options_of.items()), cluster, done, on_tally)
    return [outcomes.get(path) or Outcome(path, error=error) for path, _, error in articles]


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
    sources: Sequence[str | Path],
    overrides: dict[str, object] | None = None,
    *,
    shard: tuple[int, int] | None = None,
) -> list[Status]:
    """Check every article in ``sources`` (in ``shard`` when given) against the outputs in the
    output folder without synthesizing anything (same options as :func:`build_many`)."""

    def one(path: Path, options: Options) -> Status:
        slug, reasons = check(path, options)
        return Status(path, slug, tuple(reasons))

    with listing_once():
        return [
            status or Status(path, error=error)
            for path, status, error in _each(_articles(sources, overrides, shard), one)
        ]


__all__ = [
    "Outcome",
    "Status",
    "build_many",
    "check_many",
    "find_articles",
    "in_shard",
    "parse_shard",
    "slug_collisions",
]
