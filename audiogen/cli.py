"""The command line: click commands, each a few lines over the public API."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from audiogen import __version__
from audiogen.errors import AudiogenError

logger = logging.getLogger("audiogen")


class _Fail(click.ClickException):
    """An AudiogenError as a one-line message with the error's exit code."""

    def __init__(self, error: AudiogenError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


def _engine_options(values: tuple[str, ...]) -> dict[str, Any] | None:
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


class _Progress:
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="audiogen")
@click.option("-v", "--verbose", count=True, help="Log more to stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Turn articles into clean, tagged MP3 audio versions for the web."""
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder [default: output].",
)
@click.option("-e", "--engine", default=None, help="Speech engine [default: piper].")
@click.option("--voice", default=None, help="Voice id (see 'audiogen engines').")
@click.option("--lang", default=None, help="Language, e.g. en or de (default: the article's).")
@click.option("--bitrate", "bitrate_kbps", type=int, default=None, help="MP3 bit rate, kb/s [64].")
@click.option(
    "-O",
    "--engine-option",
    "engine_option",
    multiple=True,
    metavar="KEY=VALUE",
    help="Engine option, e.g. -O length_scale=1.1 or -O tld=co.uk (repeatable).",
)
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
    help="Sentences synthesized at once [number of cores].",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
def build(
    sources: tuple[str, ...],
    quiet: bool,
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
    from audiogen.pipeline import build_many

    overrides: dict[str, Any] = dict(given, engine_options=_engine_options(engine_option))
    pauses = {
        "sentence_ms": sentence_pause,
        "paragraph_ms": paragraph_pause,
        "heading_ms": heading_pause,
    }
    if any(v is not None for v in pauses.values()):
        overrides["pauses"] = {k: v for k, v in pauses.items() if v is not None}
    progress = _Progress(quiet)
    try:
        outcomes = build_many(sources, overrides, progress)
    except AudiogenError as exc:
        raise _Fail(exc) from None
    finally:
        progress.close()
    failed = [o for o in outcomes if o.error is not None]
    for o in outcomes:
        if o.manifest is not None and not quiet:
            m = o.manifest
            click.echo(
                f"{m.slug}.mp3: {m.duration_ms / 1000:.1f} s, {m.loudness_lufs:.1f} LUFS, "
                f"{m.true_peak_dbtp:.1f} dBTP, {len(m.sentences)} sentences ({m.engine}/{m.voice})",
                err=True,
            )
        elif o.error is not None:
            click.echo(f"Error: {o.error}", err=True)
    if failed:
        if len(outcomes) > 1:
            click.echo(f"{len(outcomes) - len(failed)} built, {len(failed)} failed", err=True)
        sys.exit(max(o.error.exit_code for o in failed if o.error is not None))


@cli.command()
@click.argument("source")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text: one sentence a line; json: sentences with paragraph and section.",
)
@click.option(
    "--explain", is_flag=True, help="Also list every dropped line and repair (to stderr)."
)
@click.option("--lang", default=None, help="Language, e.g. en (default: the article's).")
def script(source: str, fmt: str, explain: bool, lang: str | None) -> None:
    """Print the exact script that will be spoken for SOURCE (- for stdin)."""
    from audiogen.clean import format_changes
    from audiogen.config import options_for
    from audiogen.pipeline import prepare

    try:
        options = options_for(Path(source).parent if source != "-" else Path.cwd(), {"lang": lang})
        prepared = prepare(source, options)
    except AudiogenError as exc:
        raise _Fail(exc) from None
    if explain:
        click.echo(
            format_changes(list(prepared.changes), prepared.lines) or "nothing dropped or repaired",
            err=True,
        )
    s = prepared.script
    if fmt == "json":
        doc = {
            "title": prepared.article.title,
            "lang": s.lang,
            "sentences": [
                {
                    "text": x.text,
                    "written": x.original,
                    "kind": x.kind,
                    "paragraph": x.paragraph,
                    "section": x.section,
                }
                for x in s.sentences
            ],
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        click.echo(s.text, nl=False)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text for people, json for scripts.",
)
@click.option("--all", "show_all", is_flag=True, help="List every voice, not only the first few.")
def engines(fmt: str, show_all: bool) -> None:
    """List the installed engines, their voices and languages, and whether they work offline."""
    from audiogen.engines.base import describe_engines

    try:
        info = describe_engines()
    except AudiogenError as exc:
        raise _Fail(exc) from None
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    for e in info:
        where = "offline" if e["offline"] else "online (needs the internet)"
        default = " [default]" if e["name"] == "piper" else ""
        click.echo(
            f"{e['name']}{default}: {where}, {len(e['voices'])} voices, "
            f"{len(e['languages'])} languages"
        )
        if e.get("error"):
            click.echo(f"  unavailable: {e['error']}")
        shown = e["voices"] if show_all else e["voices"][:5]
        for v in shown:
            click.echo(f"  {v['id']:<28} {', '.join(v['langs'][:4]):<18} {v['description']}")
        if len(e["voices"]) > len(shown):
            click.echo(f"  ... {len(e['voices']) - len(shown)} more (audiogen engines --all)")
        if e["voices"]:
            click.echo(f"  licence: {e['voices'][0]['license']}")


@cli.group()
def lexicon() -> None:
    """Pronunciation lexicons: respellings for words the voice gets wrong."""


@lexicon.command("check")
@click.argument("source")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text for people, json for scripts.",
)
def lexicon_check(source: str, fmt: str) -> None:
    """List the words in SOURCE the voice will likely say wrong: names it does not know and
    acronyms read as words. Add respellings for them to lexicon.toml next to the article."""
    from audiogen.config import options_for
    from audiogen.lexicon import check
    from audiogen.pipeline import prepare

    try:
        options = options_for(Path(source).parent if source != "-" else Path.cwd())
        prepared = prepare(source, options)
        findings = check(
            [(s.text, s.original) for s in prepared.script.sentences],
            prepared.script.lang,
            options.lexicon,
        )
    except AudiogenError as exc:
        raise _Fail(exc) from None
    if fmt == "json":
        click.echo(json.dumps([f.__dict__ for f in findings], ensure_ascii=False, indent=2))
        return
    for f in findings:
        sounds = f"  /{f.sounds}/" if f.sounds else ""
        click.echo(f"{f.word:<20} {f.count:>3}x  {f.reason}{sounds}")
    if findings:
        where = Path(source).parent / "lexicon.toml" if source != "-" else Path("lexicon.toml")
        click.echo(f'\nAdd respellings to {where}, e.g. {findings[0].word} = "..."', err=True)


def main() -> None:
    """Entry point of the ``audiogen`` command."""
    cli()
