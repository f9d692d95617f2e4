"""audiogen script and audiogen lexicon: what will be spoken, and the words said wrong."""

from __future__ import annotations

import json
from pathlib import Path

import click

from audiogen.cli.options import Fail, format_option
from audiogen.errors import AudiogenError


@click.command()
@click.argument("source")
@format_option("text: one sentence a line; json: sentences with paragraph and section.")
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
        raise Fail(exc) from None
    if explain:
        if prepared.language is not None:
            click.echo(prepared.language.explain(), err=True)
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
                    "written": x.written,
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


@click.group()
def lexicon() -> None:
    """Pronunciation lexicons: respellings for words the voice gets wrong."""


@lexicon.command("check")
@click.argument("source")
@format_option("text for people, json for scripts.")
def lexicon_check(source: str, fmt: str) -> None:
    """List the words in SOURCE the voice will likely say wrong: names it does not know and
    acronyms read as words, with the phonemes the voice that will speak them says. Add
    respellings for them to lexicon.toml next to the article."""
    from audiogen.config import options_for
    from audiogen.make.plan import make_engine
    from audiogen.pipeline import prepare
    from audiogen.speech.engines.base import select_voice
    from audiogen.text.lexicon import check

    try:
        options = options_for(Path(source).parent if source != "-" else Path.cwd())
        prepared = prepare(source, options)
        lang = prepared.script.lang
        # checked against the engine and voice that will speak the article
        engine = make_engine(options, lang)
        voice = select_voice(engine, options.voice, lang).id
        findings = check(
            [(s.text, s.written) for s in prepared.script.sentences],
            lang,
            options.lexicon,
            lambda word: engine.phonemize(word, voice=voice, lang=lang),
        )
    except AudiogenError as exc:
        raise Fail(exc) from None
    if fmt == "json":
        click.echo(json.dumps([f.__dict__ for f in findings], ensure_ascii=False, indent=2))
        return
    for f in findings:
        sounds = f"  /{f.sounds}/" if f.sounds else ""
        click.echo(f"{f.word:<20} {f.count:>3}x  {f.reason}{sounds}")
    if findings:
        where = Path(source).parent / "lexicon.toml" if source != "-" else Path("lexicon.toml")
        click.echo(f'\nAdd respellings to {where}, e.g. {findings[0].word} = "..."', err=True)
