"""Options several commands share, so each reads the same everywhere, and the one way an
:class:`AudiogenError` reaches the user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from audiogen.errors import AudiogenError


class Fail(click.ClickException):
    """An AudiogenError as a one-line message with the error's exit code."""

    def __init__(self, error: AudiogenError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


class Location(click.ParamType):
    """A folder, or a URL read and written through fsspec (``s3://bucket/prefix``): a URL stays
    a string, a folder becomes a :class:`~pathlib.Path`."""

    name = "folder or URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from audiogen.config import is_url

        if isinstance(value, Path) or is_url(value):
            return value
        return click.Path(file_okay=False, path_type=Path).convert(value, param, ctx)


shard_option = click.option(
    "--shard",
    default=None,
    metavar="K/N",
    help="Only the K-th of N stable shards of the articles (a CI matrix of N runners).",
)


def out_option(help: str, default: Path | None = None) -> Any:
    return click.option(
        "-o",
        "--out",
        "out_dir",
        type=Location(),
        default=default,
        help=help,
    )


def engine_option_option(help: str) -> Any:
    return click.option(
        "-O", "--engine-option", "engine_option", multiple=True, metavar="KEY=VALUE", help=help
    )


def cache_dir_option(
    help: str = (
        "Sentence cache folder, or a cache shared by URL (s3://bucket/prefix, gs://..., "
        "file://...) [AUDIOGEN_CACHE_DIR, else the user cache folder]."
    ),
) -> Any:
    return click.option("--cache-dir", type=Location(), default=None, help=help)


def config_dir_option(help: str) -> Any:
    return click.option(
        "-c",
        "--config",
        "config_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help=help,
    )


def format_option(help: str) -> Any:
    return click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=help
    )


quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress output.")


def parse_engine_options(values: tuple[str, ...]) -> dict[str, Any] | None:
    """``-O KEY=VALUE`` values as engine options: numbers and true/false typed, ``-`` in a key
    read as ``_``; ``None`` when there are none (the engine's defaults)."""
    if not values:
        return None
    out: dict[str, Any] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: write KEY=VALUE", param_hint="-O/--engine-option")
        value: Any = raw
        for cast in (int, float):
            try:
                value = cast(raw)
                break
            except ValueError:
                continue
        if raw.lower() in ("true", "false"):
            value = raw.lower() == "true"
        out[key.replace("-", "_")] = value
    return out


def count(n: int, word: str) -> str:
    """``1 voice``, ``2 voices``: a number and the word for it."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
