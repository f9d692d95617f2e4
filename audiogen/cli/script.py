"""audiogen script and audiogen lexicon: what will be spoken, and the words said wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from audiogen.cli.options import Fail, config_dir_option, format_option
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
    from audiogen.make.plan import make_engine
    from audiogen.pipeline import prepare
    from audiogen.text.explain import format_explanation, left_out_of_html, normalize_steps
    from audiogen.text.normalize import spoken_forms_note
    from audiogen.text.script import split_lexicon

    try:
        options = options_for(Path(source).parent if source != "-" else Path.cwd(), {"lang": lang})
        prepared = prepare(source, options)
    except AudiogenError as exc:
        raise Fail(exc) from None
    if explain:
        if prepared.language is not None:
            click.echo(prepared.language.explain(), err=True)
        note = spoken_forms_note(prepared.script.lang)
        if note:
            click.echo(note, err=True)
        a = prepared.article
        text = Path(source).read_bytes().decode("utf-8", "replace") if source != "-" else ""
        kept = [a.title, *(b.text for b in a.blocks), *(c.before for c in prepared.changes)]
        engine = make_engine(options, prepared.script.lang)
        lexicon = split_lexicon(options.lexicon, engine.reads_phonemes)[0]
        steps = left_out_of_html(text, kept) if text and a.format == "html" else []
        steps += normalize_steps(a, prepared.script, lexicon, text)
        click.echo(format_explanation(steps, prepared.changes, prepared.lines), err=True)
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
    if not findings:
        click.echo("no words the voice will likely say wrong", err=True)
    if findings:
        where = Path(source).parent / "lexicon.toml" if source != "-" else Path("lexicon.toml")
        click.echo(f'\nAdd respellings to {where}, e.g. {findings[0].word} = "..."', err=True)


@lexicon.command("say")
@click.argument("word")
@config_dir_option(
    "Folder whose lexicon.toml and audiogen.toml apply [articles/ if there is one, else .]."
)
@click.option("--lang", default=None, help="Language [the configuration's, else en].")
@click.option(
    "-e", "--engine", default=None, help="Speech engine [the configuration's, else the language's]."
)
@click.option(
    "-o",
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the word as the voice says it to this MP3 file, to listen to.",
)
def lexicon_say(
    word: str, config_dir: Path | None, lang: str | None, engine: str | None, out_file: Path | None
) -> None:
    """Show how the voice will say WORD with the lexicon as it is now: the entry that applies,
    the text the voice is given and its reading in IPA; -o writes it as audio."""
    from audiogen.atomic import write_atomic
    from audiogen.audio.encode import encode_mp3
    from audiogen.config import options_for
    from audiogen.make.plan import make_engine
    from audiogen.speech.engines.base import select_voice
    from audiogen.speech.synth import engine_text, speak_alone
    from audiogen.text.lexicon import entry_for, is_phonemes, say
    from audiogen.text.script import split_lexicon

    folder = config_dir or (Path("articles") if Path("articles").is_dir() else Path.cwd())
    try:
        options = options_for(folder, {"lang": lang, "engine": engine})
        lang = options.lang or "en"
        speaker = make_engine(options, lang)
        voice = select_voice(speaker, options.voice, lang).id
        spellings, phonemes = split_lexicon(options.lexicon, speaker.reads_phonemes)
        entries = {**spellings, **phonemes}
        text, ipa = say(word, lang, entries, lambda w: speaker.phonemize(w, voice=voice, lang=lang))
        applied = entry_for(word, entries)
        click.echo(f'{word}: {applied[0]} = "{applied[1]}"' if applied else f"{word}: no entry")
        if applied and not is_phonemes(applied[1]) and re.search(r"[A-Z]{2,}", applied[1]):
            click.echo(
                "  capitals are spelled letter by letter: write the respelling in lower case"
            )
        click.echo(f"  the voice is given: {text}")
        if ipa:
            click.echo(f"  it says: /{ipa}/")
        if out_file is not None:
            audio = speak_alone(
                engine_text(text, phonemes),
                speaker.name,
                options.options_for_engine(speaker.name),
                voice,
                lang,
            )
            write_atomic(out_file, encode_mp3(audio, options.bitrate_kbps))
            click.echo(f"wrote {out_file}", err=True)
    except AudiogenError as exc:
        raise Fail(exc) from None
