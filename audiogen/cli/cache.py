"""audiogen cache: look at, prune and clear the sentence cache."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from audiogen.cli.options import Fail, cache_dir_option
from audiogen.errors import AudiogenError

if TYPE_CHECKING:
    from audiogen.make.store import Store


def _store(cache_dir: Path | str | None) -> Store:
    from audiogen.make.store import Store

    try:
        return Store(cache_dir)
    except AudiogenError as exc:
        raise Fail(exc) from None


@click.group()
def cache() -> None:
    """The sentence cache: speech already synthesized, reused by later builds.

    With a URL (--cache-dir s3://bucket/prefix), sentences and runs are shared by every machine
    that builds with it, and each machine keeps a copy of what it used in its own cache folder.
    """


@cache.command("info")
@cache_dir_option()
def cache_info(cache_dir: Path | str | None) -> None:
    """Print where the sentence cache is, how many sentences it holds and their size (and, for
    a URL, what the shared cache holds)."""
    from audiogen.publish.embed import size

    info = _store(cache_dir).info()
    click.echo(f"{info.path}: {info.entries} sentences, {info.runs} runs, {size(info.bytes)}")
    if info.url is not None:
        click.echo(
            f"{info.url}: {info.shared_entries} sentences, {info.shared_runs} runs, "
            f"{size(info.shared_bytes)}"
        )


@cache.command("prune")
@click.option(
    "--max-size",
    required=True,
    metavar="SIZE",
    help="Keep at most this much, e.g. 2G or 500M; least recently used sentences go first.",
)
@cache_dir_option()
def cache_prune(max_size: str, cache_dir: Path | str | None) -> None:
    """Delete the least recently used cache files until the cache fits in --max-size.

    With a URL, this prunes this machine's copy only: the shared cache is left alone, since no
    machine knows what the others use (expire old entries with the bucket's lifecycle rules).
    Staged copies of MP3s published to an output URL go too: the URL holds them.
    """
    from audiogen.make.store import parse_size
    from audiogen.publish.embed import size
    from audiogen.publish.remote import drop_staged_audio

    try:
        limit = parse_size(max_size)
    except AudiogenError as exc:
        raise Fail(exc) from None
    removed, freed = _store(cache_dir).prune(limit)
    click.echo(
        f"removed {removed} files (sentences, runs, remembered answers), {size(freed)}", err=True
    )
    dropped, dropped_bytes = drop_staged_audio(cache_dir)
    if dropped:
        click.echo(
            f"removed {dropped} staged copies of MP3s that their output URL holds, "
            f"{size(dropped_bytes)}",
            err=True,
        )


@cache.command("clear")
@click.option(
    "--shared",
    is_flag=True,
    help="With a URL, also delete the shared cache's sentences and runs, for every machine.",
)
@cache_dir_option()
def cache_clear(shared: bool, cache_dir: Path | str | None) -> None:
    """Delete every cached sentence (the next builds synthesize everything again).

    With a URL, this clears this machine's copy only, unless --shared: then the shared cache's
    entries go too, and every machine that uses it synthesizes them again.
    """
    removed = _store(cache_dir).clear(shared)
    click.echo(f"removed {removed} sentences", err=True)
