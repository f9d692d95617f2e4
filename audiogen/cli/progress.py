"""Build progress on stderr: stdout may carry a script or audio."""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from audiogen.cli.options import count
from audiogen.make.cluster import Tally


class Progress:
    """A progress bar per article on a terminal, plain lines otherwise, nothing when quiet. Each
    article's first line says how many sentences the cache holds, and its last what that saved."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.bar: Any = None
        self.done = 0
        self.started = 0.0
        self.cached = 0
        self.total = 0

    def __call__(self, slug: str, done: int, total: int, cached: int = 0) -> None:
        if self.quiet:
            return
        if done == 0:
            self.close()
            self.started, self.cached, self.total, self.done = time.monotonic(), cached, total, 0
            label = f"{slug}: speaking {count(total, 'sentence')}" + (
                f", {cached} from the cache" if cached else ""
            )
            if self.tty:
                self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
                self.bar.__enter__()
            else:
                click.echo(label, err=True)
            return
        if self.bar is not None:
            self.bar.update(done - self.done)
        self.done = done
        if done == total:
            self.close()
            self._saved(slug)

    def _saved(self, slug: str) -> None:
        """The time the cache saved, estimated from this build's own pace: the seconds a
        synthesized sentence took on average, times the sentences the cache held."""
        if not self.cached:
            return
        spoken = self.total - self.cached
        if not spoken:
            click.echo(f"{slug}: every sentence from the cache", err=True)
            return
        took = time.monotonic() - self.started
        click.echo(
            f"{slug}: {count(spoken, 'sentence')} synthesized in {took:.1f} s; the cache saved "
            f"about {took / spoken * self.cached:.0f} s",
            err=True,
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class TallyLine:
    """A cluster build's progress: articles and sentences done, the rate, and the time left; one
    line redrawn on a terminal, a line every 10 seconds otherwise, nothing when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.drawn = False

    def __call__(self, tally: Tally) -> None:
        now = time.monotonic()
        ended = tally.articles_done == tally.articles
        if self.quiet or (not self.tty and not ended and now - self.last < 10):
            return
        self.last = now
        line = _tally_line(tally, now)
        if self.tty:
            click.echo("\r\033[K" + line, err=True, nl=False)
            self.drawn = True
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        if self.drawn:
            click.echo("", err=True)
            self.drawn = False


def _tally_line(tally: Tally, now: float) -> str:
    took = max(now - tally.started, 1e-6)
    rate = tally.sentences_done / took
    line = (
        f"{tally.articles_done}/{tally.articles} articles, "
        f"{tally.sentences_done}/{tally.sentences} sentences synthesized, {rate:.1f}/s"
    )
    if tally.articles_done < tally.articles and tally.articles_done:
        left = took / tally.articles_done * (tally.articles - tally.articles_done)
        line += f", about {left:.0f} s left"
    return line
