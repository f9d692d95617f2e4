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


# Options several commands share, so each reads the same everywhere.
def _out_option(help: str, default: Path | None = None) -> Any:
    return click.option(
        "-o",
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        help=help,
    )


def _engine_option_option(help: str) -> Any:
    return click.option(
        "-O", "--engine-option", "engine_option", multiple=True, metavar="KEY=VALUE", help=help
    )


def _cache_dir_option(
    help: str = "Sentence cache folder [AUDIOGEN_CACHE_DIR, else the user cache folder].",
) -> Any:
    return click.option(
        "--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help=help
    )


def _format_option(help: str) -> Any:
    return click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=help
    )


_quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress output.")


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


def _verify_options(f: Any) -> Any:
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


def _verify_and_report(
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
    from audiogen.qa.verify import Recognizer, check_max_wer, require_recognizer, verify

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
@_out_option("Output folder [default: output].")
@click.option("-e", "--engine", default=None, help="Speech engine [default: piper].")
@click.option("--voice", default=None, help="Voice id (see 'audiogen engines').")
@click.option("--lang", default=None, help="Language, e.g. en or de (default: the article's).")
@click.option("--bitrate", "bitrate_kbps", type=int, default=None, help="MP3 bit rate, kb/s [64].")
@_engine_option_option("Engine option, e.g. -O length_scale=1.1 or -O tld=co.uk (repeatable).")
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
@_cache_dir_option("Sentence cache folder [AUDIOGEN_CACHE_DIR, else the user cache folder].")
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
@_verify_options
@_quiet_option
def build(
    sources: tuple[str, ...],
    quiet: bool,
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
        if o.skipped and o.manifest is not None and not quiet:
            click.echo(f"{o.manifest.slug}.mp3: up to date", err=True)
        elif o.manifest is not None and not quiet:
            m = o.manifest
            click.echo(
                f"{m.slug}.mp3: {m.duration_ms / 1000:.1f} s, {m.loudness_lufs:.1f} LUFS, "
                f"{m.true_peak_dbtp:.1f} dBTP, {len(m.sentences)} sentences ({m.engine}/{m.voice})",
                err=True,
            )
        elif o.error is not None:
            click.echo(f"Error: {o.error}", err=True)
    if verify_after or max_wer is not None:
        built = [o.source for o in outcomes if o.manifest is not None]
        code = _verify_and_report(built, overrides, threshold, True, max_wer, "text", 5, quiet)
        if code and not failed:
            sys.exit(code)
    if failed:
        if len(outcomes) > 1:
            click.echo(f"{len(outcomes) - len(failed)} built, {len(failed)} failed", err=True)
        sys.exit(max(o.error.exit_code for o in failed if o.error is not None))


@cli.command("verify")
@click.argument("sources", nargs=-1, required=True)
@_out_option("Output folder the articles were built into [default: output].")
@_format_option("text for people, json for scripts (every sentence's score).")
@click.option("--no-repair", is_flag=True, help="Only report; do not synthesize sentences again.")
@click.option(
    "--worst", type=click.IntRange(min=0), default=5, help="How many worst sentences to list [5]."
)
@_cache_dir_option("Sentence cache folder, as for build (repaired takes are stored there).")
@_verify_options
@_quiet_option
def verify_command(
    sources: tuple[str, ...],
    out_dir: Path | None,
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

    Needs the recognizer: pip install 'audiogen[verify]'.
    """
    from audiogen.pipeline import find_articles

    try:
        paths = find_articles(sources)
    except AudiogenError as exc:
        raise _Fail(exc) from None
    overrides: dict[str, Any] = {"out_dir": out_dir, "cache_dir": cache_dir}
    code = _verify_and_report(
        paths, overrides, threshold, not no_repair, max_wer, fmt, worst, quiet
    )
    if code:
        sys.exit(code)


@cli.command()
@click.argument("source")
@_format_option("text: one sentence a line; json: sentences with paragraph and section.")
@click.option(
    "--explain", is_flag=True, help="Also list every dropped line and repair (to stderr)."
)
@click.option("--lang", default=None, help="Language, e.g. en (default: the article's).")
def script(source: str, fmt: str, explain: bool, lang: str | None) -> None:
    """Print the exact script that will be spoken for SOURCE (- for stdin)."""
    from audiogen.config import options_for
    from audiogen.pipeline import prepare
    from audiogen.text.clean import format_changes

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
@_format_option("text for people, json for scripts.")
@click.option("--all", "show_all", is_flag=True, help="List every voice, not only the first few.")
def engines(fmt: str, show_all: bool) -> None:
    """List the installed engines, their voices and languages, and whether they work offline."""
    from audiogen.speech.engines.base import describe_engines

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
@_format_option("text for people, json for scripts.")
def lexicon_check(source: str, fmt: str) -> None:
    """List the words in SOURCE the voice will likely say wrong: names it does not know and
    acronyms read as words. Add respellings for them to lexicon.toml next to the article."""
    from audiogen.config import options_for
    from audiogen.pipeline import prepare
    from audiogen.text.lexicon import check

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


@cli.command()
@click.argument("slug")
@_out_option("Output folder the article was built into [default: output].", default=Path("output"))
@click.option(
    "--base-url", default="", help="Public URL of the output folder (default: relative links)."
)
@click.option(
    "--no-script", is_flag=True, help="Leave out the read-along script (the player still works)."
)
def embed(slug: str, out_dir: Path, base_url: str, no_script: bool) -> None:
    """Print the HTML snippet that embeds the audio version of SLUG in a page: player, captions,
    download link, read-along text and JSON-LD (also written as <slug>.html by build)."""
    from audiogen.errors import OutputError
    from audiogen.publish.embed import embed_html
    from audiogen.publish.manifest import read_manifest

    path = out_dir / f"{slug}.json"
    if not path.is_file():
        raise _Fail(OutputError(f"{path}: no such manifest: build the article first, or fix -o"))
    click.echo(embed_html(read_manifest(path), base_url, script=not no_script), nl=False)


@cli.command()
@_out_option(
    "Output folder holding the built articles; feed.xml is written there [output].",
    default=Path("output"),
)
@click.option(
    "--base-url",
    default=None,
    help="Public URL of the output folder, e.g. https://example.org/audio (or [feed] base_url).",
)
@click.option(
    "-c",
    "--config",
    "config_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder whose audiogen.toml has the [feed] table [the articles' folder].",
)
def feed(out_dir: Path, base_url: str | None, config_dir: Path | None) -> None:
    """Write feed.xml, a podcast feed (RSS 2.0 with iTunes and podcast tags) of every article
    built into the output folder. The channel's title, artwork and owner come from [feed]."""
    from audiogen.config import options_for
    from audiogen.publish.feed import write_feed
    from audiogen.publish.manifest import read_manifests

    try:
        if config_dir is None:
            # The articles' own folder, as build used: the first manifest's source tells it.
            sources = [Path(m.source) for _, m in read_manifests(out_dir) if m.source != "-"]
            config_dir = next((p.parent for p in sources if p.parent.is_dir()), Path.cwd())
        settings = options_for(config_dir).feed
        url = base_url or settings.base_url or ""
        target = write_feed(out_dir, url, settings)
    except AudiogenError as exc:
        raise _Fail(exc) from None
    click.echo(f"wrote {target}", err=True)


@cli.command()
@click.argument("sources", nargs=-1)
@_out_option("Output folder to check [default: output].")
@click.option("-e", "--engine", default=None, help="Speech engine the build uses [piper].")
@click.option("--voice", default=None, help="Voice id the build uses.")
@_engine_option_option("Engine option the build uses (repeatable).")
def check(
    sources: tuple[str, ...],
    out_dir: Path | None,
    engine: str | None,
    voice: str | None,
    engine_option: tuple[str, ...],
) -> None:
    """Check that the audio of SOURCES (default: articles/) is current, synthesizing nothing.

    Exits 0 when every output is current, 1 listing each stale or missing output and why (script
    changed, engine or voice changed, options changed, output missing, output edited by hand).
    Give it the same options as the build (audiogen.toml keeps them in one place).
    """
    from audiogen.pipeline import check_many

    overrides: dict[str, Any] = {
        "out_dir": out_dir,
        "engine": engine,
        "voice": voice,
        "engine_options": _engine_options(engine_option),
    }
    try:
        statuses = check_many(sources or ("articles",), overrides)
    except AudiogenError as exc:
        raise _Fail(exc) from None
    stale = [s for s in statuses if s.reasons or s.error]
    for s in stale:
        if s.error is not None:
            click.echo(f"{s.source}: cannot check: {s.error}")
        else:
            click.echo(f"{s.source} -> {s.slug}.mp3: {'; '.join(s.reasons)}")
    click.echo(f"{len(statuses) - len(stale)} current, {len(stale)} stale or missing", err=True)
    if stale:
        sys.exit(1)


@cli.group()
def cache() -> None:
    """The sentence cache: speech already synthesized, reused by later builds."""


@cache.command("info")
@_cache_dir_option()
def cache_info(cache_dir: Path | None) -> None:
    """Print where the sentence cache is, how many sentences it holds and their size."""
    from audiogen.make.store import SentenceCache
    from audiogen.publish.embed import size

    info = SentenceCache(cache_dir).info()
    click.echo(f"{info.path}: {info.entries} sentences, {info.runs} runs, {size(info.bytes)}")


@cache.command("prune")
@click.option(
    "--max-size",
    required=True,
    metavar="SIZE",
    help="Keep at most this much, e.g. 2G or 500M; least recently used sentences go first.",
)
@_cache_dir_option()
def cache_prune(max_size: str, cache_dir: Path | None) -> None:
    """Delete the least recently used cache files until the cache fits in --max-size."""
    from audiogen.make.store import SentenceCache, parse_size
    from audiogen.publish.embed import size

    try:
        limit = parse_size(max_size)
    except AudiogenError as exc:
        raise _Fail(exc) from None
    removed, freed = SentenceCache(cache_dir).prune(limit)
    click.echo(
        f"removed {removed} files (sentences, runs, remembered answers), {size(freed)}", err=True
    )


@cache.command("clear")
@_cache_dir_option()
def cache_clear(cache_dir: Path | None) -> None:
    """Delete every cached sentence (the next builds synthesize everything again)."""
    from audiogen.make.store import SentenceCache

    removed = SentenceCache(cache_dir).clear()
    click.echo(f"removed {removed} sentences", err=True)


def main() -> None:
    """Entry point of the ``audiogen`` command."""
    cli()
