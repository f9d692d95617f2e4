"""audiogen cache: look at, prune and clear the sentence cache."""

from __future__ import annotations

from pathlib import Path

import click

from audiogen.cli.options import Fail, cache_dir_option
from audiogen.errors import AudiogenError


@click.group()
def cache() -> None:
    """The sentence cache: speech already synthesized, reused by later builds."""


@cache.command("info")
@cache_dir_option()
def cache_info(cache_dir: Path | None) -> None:
    """Print where the sentence cache is, how many sentences it holds and their size."""
    from audiogen.make.store import Store
    from audiogen.publish.embed import size

    info = Store(cache_dir).info()
    click.echo(f"{info.path}: {info.entries} sentences, {info.runs} runs, {size(info.bytes)}")


@cache.command("prune")
@click.option(
    "--max-size",
    required=True,
    metavar="SIZE",
    help="Keep at most this much, e.g. 2G or 500M; least recently used sentences go first.",
)
@cache_dir_option()
def cache_prune(max_size: str, cache_dir: Path | None) -> None:
    """Delete the least recently used cache files until the cache fits in --max-size."""
    from audiogen.make.store import Store, parse_size
    from audiogen.publish.embed import size

    try:
        limit = parse_size(max_size)
    except AudiogenError as exc:
        raise Fail(exc) from None
    removed, freed = Store(cache_dir).prune(limit)
    click.echo(
        f"removed {removed} files (sentences, runs, remembered answers), {size(freed)}", err=True
    )


@cache.command("clear")
@cache_dir_option()
def cache_clear(cache_dir: Path | None) -> None:
    """Delete every cached sentence (the next builds synthesize everything again)."""
    from audiogen.make.store import Store

    removed = Store(cache_dir).clear()
    click.echo(f"removed {removed} sentences", err=True)
