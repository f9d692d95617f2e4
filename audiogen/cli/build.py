"""audiogen build and audiogen check: make the audio of articles, and tell whether it is current."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from audiogen.cli.options import (
    Fail,
    cache_dir_option,
    engine_option_option,
    out_option,
    parse_engine_options,
    quiet_option,
    shard_option,
)
from audiogen.cli.progress import Progress, TallyLine
from audiogen.cli.verify import verify_and_report, verify_options
from audiogen.errors import AudiogenError, install_command
from audiogen.make.cluster import ClusterSpec
from audiogen.types import Manifest

if TYPE_CHECKING:
    from audiogen.make.batch import Outcome


@click.command()
@click.argument("sources", nargs=-1, required=True)
@out_option("Output folder [default: output].")
@click.option(
    "-e", "--engine", default=None, help="Speech engine [default: the language's default voice]."
)
@click.option("--voice", default=None, help="Voice id (see 'audiogen engines').")
@click.option("--lang", default=None, help="Language, e.g. en or de (default: the article's).")
@click.option("--bitrate", "bitrate_kbps", type=int, default=None, help="MP3 bit rate, kb/s [64].")
@engine_option_option("Engine option, e.g. -O length_scale=1.1 or -O tld=co.uk (repeatable).")
@click.option(
    "--sentence-pause", type=int, default=None, metavar="MS", help="Pause after a sentence [300]."
)
@click.option(
    "--paragraph-pause", type=int, default=None, metavar="MS", help="Pause after a paragraph [700]."
)
@click.option(
    "--heading-pause", type=int, default=None, metavar="MS", help="Pause around headings [1000]."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel synthesis: cores to speak on, one sentence at a time each [number of cores].",
)
@click.option(
    "--force", is_flag=True, default=False, help="Rebuild even when the outputs are current."
)
@cache_dir_option()
@click.option(
    "--intro",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Audio file (WAV, FLAC, OGG, MP3) played before the speech.",
)
@click.option(
    "--outro",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Audio file (WAV, FLAC, OGG, MP3) played after the speech.",
)
@click.option(
    "--verify",
    "verify_after",
    is_flag=True,
    help="Then transcribe each MP3 and repair badly heard sentences (see 'audiogen verify').",
)
@click.option(
    "--prune",
    is_flag=True,
    default=None,
    help="Remove the outputs of articles that are gone (or prune = true in audiogen.toml).",
)
@click.option(
    "--strict",
    is_flag=True,
    default=None,
    help="Fail (exit 3) when a built MP3 fails its audio checks (or strict = true), as CI wants.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Send the work to a running Dask cluster (tcp://host:8786); needs the dask extra.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Start a Dask LocalCluster of N worker processes for this run; needs the dask extra.",
)
@shard_option
@verify_options
@quiet_option
def build(
    sources: tuple[str, ...],
    quiet: bool,
    scheduler: str | None,
    workers: int | None,
    shard: str | None,
    verify_after: bool,
    threshold: float,
    max_wer: float | None,
    engine_option: tuple[str, ...],
    sentence_pause: int | None,
    paragraph_pause: int | None,
    heading_pause: int | None,
    **given: Any,
) -> None:
    """Build MP3 audio versions of SOURCES (article files or folders of them; - for stdin).

    Writes <slug>.mp3 and <slug>.json into the output folder. A bad article does not stop the
    others; the exit code is non-zero if any failed.
    """
    from audiogen.make.batch import build_many, parse_shard

    overrides: dict[str, Any] = dict(given, engine_options=parse_engine_options(engine_option))
    overrides["prune"] = True if given.get("prune") else None  # else audiogen.toml's
    overrides["strict"] = True if given.get("strict") else None
    pauses = {
        "sentence_ms": sentence_pause,
        "paragraph_ms": paragraph_pause,
        "heading_ms": heading_pause,
    }
    if any(v is not None for v in pauses.values()):
        overrides["pauses"] = {k: v for k, v in pauses.items() if v is not None}
    progress = Progress(quiet)
    tally = TallyLine(quiet)
    try:
        outcomes = build_many(
            sources,
            overrides,
            progress,
            shard=parse_shard(shard) if shard else None,
            cluster=cluster_spec(scheduler, workers),
            on_tally=tally,
        )
    except AudiogenError as exc:
        raise Fail(exc) from None
    finally:
        progress.close()
        tally.close()
    failed = [o for o in outcomes if o.error is not None]
    if not shard:  # a shard sees a part of the articles: the rest are not orphans
        _orphans(outcomes, overrides, quiet)
    for o in outcomes:
        if o.skipped and o.manifest is not None and not quiet:
            click.echo(f"{o.manifest.slug}.mp3: up to date", err=True)
        elif o.manifest is not None and not quiet:
            m = o.manifest
            click.echo(
                f"{m.slug}.mp3: {m.duration_ms / 1000:.1f} s, {m.loudness_lufs:.1f} LUFS, "
                f"{m.true_peak_dbtp:.1f} dBTP, {len(m.sentences)} sentences ({m.engine}/{m.voice})",
                err=True,
            )
        if o.manifest is not None and not quiet:
            for line in check_lines(o.manifest):
                click.echo(line, err=True)
        if o.error is not None:
            click.echo(f"Error: {o.error}", err=True)
    if verify_after or max_wer is not None:
        built = [o.source for o in outcomes if o.manifest is not None]
        code = verify_and_report(built, overrides, threshold, True, max_wer, "text", 5, quiet)
        if code and not failed:
            sys.exit(code)
    if failed:
        if len(outcomes) > 1:
            click.echo(f"{len(outcomes) - len(failed)} built, {len(failed)} failed", err=True)
        sys.exit(max(o.error.exit_code for o in failed if o.error is not None))


@click.command()
@click.argument("sources", nargs=-1)
@out_option("Output folder to check [default: output].")
@click.option("-e", "--engine", default=None, help="Speech engine the build uses [piper].")
@click.option("--voice", default=None, help="Voice id the build uses.")
@engine_option_option("Engine option the build uses (repeatable).")
@shard_option
@cache_dir_option()
def check(
    sources: tuple[str, ...],
    shard: str | None,
    cache_dir: Path | str | None,
    out_dir: Path | str | None,
    engine: str | None,
    voice: str | None,
    engine_option: tuple[str, ...],
) -> None:
    """Check that the audio of SOURCES (default: articles/) is current, synthesizing nothing.

    Exits 0 when every output is current, 1 listing each stale or missing output and why (script
    changed, engine or voice changed, options changed, output missing, output edited by hand).
    Give it the same options as the build (audiogen.toml keeps them in one place).
    """
    from audiogen.make.batch import check_many, parse_shard
    from audiogen.make.orphans import find_orphans

    overrides: dict[str, Any] = {
        "out_dir": out_dir,
        "engine": engine,
        "voice": voice,
        "engine_options": parse_engine_options(engine_option),
        "cache_dir": cache_dir,
    }
    try:
        statuses = check_many(
            sources or ("articles",), overrides, shard=parse_shard(shard) if shard else None
        )
    except AudiogenError as exc:
        raise Fail(exc) from None
    stale = [s for s in statuses if s.reasons or s.error]
    for s in stale:
        if s.error is not None:
            click.echo(f"{s.source}: cannot check: {s.error}")
        else:
            click.echo(f"{s.source} -> {s.slug}.mp3: {'; '.join(s.reasons)}")
    folder = out_dir or Path("output")
    try:
        # a shard sees a part of the articles: the rest are not orphans
        orphans = [] if shard else find_orphans(folder, [s.slug for s in statuses if s.slug])
    except AudiogenError as exc:
        if not stale:
            raise Fail(exc) from None
        orphans = []  # the output location's error is already on each article's line
    for orphan in orphans:
        click.echo(
            f"{str(folder).rstrip('/')}/{orphan.slug}.mp3: no article ({orphan.source} is "
            "gone): audiogen build --prune removes it"
        )
    summary = f"{len(statuses) - len(stale)} current, {len(stale)} stale or missing"
    click.echo(summary + (f", {len(orphans)} with no article" if orphans else ""), err=True)
    if stale or orphans:
        sys.exit(1)


def cluster_spec(scheduler: str | None, workers: int | None) -> ClusterSpec | None:
    """The cluster ``--scheduler``/``--workers`` ask for, or ``None`` (this process)."""
    if scheduler and workers:
        raise click.UsageError("give --scheduler (a running cluster) or --workers (a new one)")
    if not (scheduler or workers):
        return None
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        raise click.ClickException(
            f"--scheduler and --workers need Dask: install it with {install_command('dask')}"
        )
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        # Dask configures its loggers on import (and its workers inherit this): quiet unless -v
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    return ClusterSpec(scheduler=scheduler, workers=workers)


def _orphans(outcomes: list[Outcome], overrides: dict[str, Any], quiet: bool) -> None:
    """Say which outputs have no article any more; remove them when asked to prune."""
    from audiogen.config import options_for
    from audiogen.make.orphans import find_orphans, remove_orphans

    out_dir = overrides.get("out_dir") or Path("output")
    try:
        orphans = find_orphans(out_dir, [o.manifest.slug for o in outcomes if o.manifest])
    except AudiogenError as exc:
        if any(o.error is not None for o in outcomes):
            return  # the output location's error is already on each failed article's line
        raise Fail(exc) from None
    if not orphans:
        return
    folder = next((o.source.parent for o in outcomes if str(o.source) != "-"), Path.cwd())
    try:
        options = options_for(folder, overrides)
        if options.prune:
            remove_orphans(out_dir, orphans, options.feed)
    except AudiogenError as exc:
        raise Fail(exc) from None
    for orphan in orphans:
        if options.prune:
            if not quiet:
                click.echo(f"{orphan.slug}: removed ({orphan.source} is gone)", err=True)
        else:
            click.echo(
                f"{orphan.slug}: {orphan.source} is gone but its outputs remain in {out_dir}: "
                "build --prune removes them",
                err=True,
            )


def check_lines(manifest: Manifest) -> list[str]:
    """The audio checks a build failed, one line each naming the sentence, for the terminal (the
    manifest's ``checks`` has them all)."""
    problems = manifest.checks.get("problems") or []
    if manifest.checks.get("passed", True) or not problems:
        return []
    lines = [f"{manifest.slug}.mp3: {len(problems)} audio check(s) failed:"]
    for p in problems:
        where = ""
        if isinstance(p.get("sentence"), int) and 0 <= p["sentence"] < len(manifest.sentences):
            written = manifest.sentences[p["sentence"]].written
            short = written if len(written) <= 60 else written[:57] + "..."
            where = f'sentence {p["sentence"] + 1} "{short}": '
        elif p.get("at_ms") is not None:
            where = f"at {p['at_ms'] / 1000:.1f} s: "
        lines.append(f"  {where}{p.get('check')}: {p.get('message')}")
    return lines
