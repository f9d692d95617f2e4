"""The command line: click commands, each a few lines over the public API.

The group and the entry point are here; the commands live by subject in the modules beside
this one, and the options they share in :mod:`audiogen.cli.options`."""

from __future__ import annotations

import logging
import sys

import click

from audiogen import __version__
from audiogen.cli import build, cache, engines, publish, script, verify


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="audiogen")
@click.option("-v", "--verbose", count=True, help="Log more to stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Turn articles into clean, tagged MP3 audio versions for the web."""
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    # gcsfs logs each request that fails with its traceback, at ERROR: the command reports the
    # failure itself, in one line naming the URL (-v shows gcsfs's account too)
    logging.getLogger("gcsfs").setLevel(logging.CRITICAL if not verbose else logging.NOTSET)


cli.add_command(build.build)
cli.add_command(verify.verify_command)
cli.add_command(script.script)
cli.add_command(engines.engines)
cli.add_command(script.lexicon)
cli.add_command(publish.embed)
cli.add_command(publish.feed)
cli.add_command(publish.serve)
cli.add_command(build.check)
cli.add_command(cache.cache)


def main() -> None:
    """Entry point of the ``audiogen`` command."""
    cli()
