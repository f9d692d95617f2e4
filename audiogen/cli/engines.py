"""audiogen engines: the installed speech engines and their voices."""

from __future__ import annotations

import json

import click

from audiogen.cli.options import Fail, count, format_option
from audiogen.errors import AudiogenError


@click.command()
@format_option("text for people, json for scripts.")
@click.option("--all", "show_all", is_flag=True, help="List every voice, not only the first few.")
def engines(fmt: str, show_all: bool) -> None:
    """List the installed engines, their voices, languages and licences, whether they work
    offline, and which engine speaks each language by default."""
    from audiogen.speech.engines.base import describe_engines
    from audiogen.speech.voices import DEFAULT_ENGINES, FALLBACK_ENGINE

    try:
        info = describe_engines()
    except AudiogenError as exc:
        raise Fail(exc) from None
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    for e in info:
        where = "offline" if e["offline"] else "online (needs the internet)"
        default = f" [default for {', '.join(e['default_for'])}]" if e["default_for"] else ""
        click.echo(
            f"{e['name']}{default}: {where}, {count(len(e['voices']), 'voice')}, "
            f"{count(len(e['languages']), 'language')}"
        )
        if e.get("error"):
            click.echo(f"  unavailable: {e['error']}")
        shown = e["voices"] if show_all else e["voices"][:5]
        licences = {v["license"] for v in e["voices"]}
        for v in shown:
            click.echo(f"  {v['id']:<28} {', '.join(v['langs'][:4]):<18} {v['description']}")
            if len(licences) > 1:
                click.echo(f"  {'':<28} licence: {v['license']}")
        if len(e["voices"]) > len(shown):
            click.echo(f"  ... {len(e['voices']) - len(shown)} more (audiogen engines --all)")
        if len(licences) == 1:
            click.echo(f"  licence: {licences.pop()}")
    click.echo(
        "default engine by language (when neither --engine nor the configuration names one):"
    )
    for lang, engine, why in DEFAULT_ENGINES:
        click.echo(f"  {lang:<8} {engine:<8} {why}")
    click.echo(f"  {'other':<8} {FALLBACK_ENGINE:<8} espeak-ng formant voice: over 100 languages")
