"""Build progress on stderr: stdout may carry a script or audio."""

from __future__ import annotations

import sys
from typing import Any

import click


class Progress:
    """A progress bar per article on a terminal, plain lines otherwise, nothing when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.bar: Any = None
        self.done = 0

    def __call__(self, slug: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.tty:
            if done == 0:
                self.close()
                self.bar = click.progressbar(
                    length=total, label=slug, file=sys.stderr, show_pos=True
                )
                self.bar.__enter__()
                self.done = 0
            elif self.bar is not None:
                self.bar.update(done - self.done)
                self.done = done
                if done == total:
                    self.close()
        elif done == 0:
            click.echo(f"{slug}: speaking {total} sentences", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
