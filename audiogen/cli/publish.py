"""audiogen embed and audiogen feed: the web snippet and the podcast feed of built articles."""

from __future__ import annotations

from pathlib import Path

import click

from audiogen.cli.options import Fail, config_dir_option, out_option
from audiogen.errors import AudiogenError


@click.command()
@click.argument("slug")
@out_option("Output folder the article was built into [default: output].", default=Path("output"))
@click.option(
    "--base-url", default="", help="Public URL of the output folder (default: relative links)."
)
@click.option(
    "--text",
    is_flag=True,
    help="Add the read-along text, collapsed until opened (the page shows the article already).",
)
@click.option(
    "--no-script",
    is_flag=True,
    help="With --text: leave out the read-along script (the player still works).",
)
def embed(slug: str, out_dir: Path | str, base_url: str, text: bool, no_script: bool) -> None:
    """Print the HTML snippet that embeds the audio version of SLUG beside the article: the
    player, captions, download link and JSON-LD (also written as <slug>.html by build); --text
    adds the read-along text, collapsed."""
    from audiogen.errors import OutputError
    from audiogen.publish.embed import embed_html
    from audiogen.publish.manifest import check_base_url, read_manifest
    from audiogen.publish.remote import local_view

    try:
        path = local_view(out_dir) / f"{slug}.json"
        if not path.is_file():
            where = f"{str(out_dir).rstrip('/')}/{slug}.json"
            raise OutputError(f"{where}: no such manifest: build the article first, or fix -o")
        base_url = check_base_url(base_url)
    except AudiogenError as exc:
        raise Fail(exc) from None
    snippet = embed_html(read_manifest(path), base_url, text=text, script=not no_script)
    click.echo(snippet, nl=False)


@click.command()
@out_option(
    "Output folder holding the built articles; feed.xml is written there [output].",
    default=Path("output"),
)
@click.option(
    "--base-url",
    default=None,
    help="Public URL of the output folder, e.g. https://example.org/audio (or [feed] base_url).",
)
@config_dir_option("Folder whose audiogen.toml has the [feed] table [the articles' folder].")
def feed(out_dir: Path | str, base_url: str | None, config_dir: Path | None) -> None:
    """Write feed.xml, a podcast feed (RSS 2.0 with iTunes and podcast tags) of every article
    built into the output folder. The channel's title, artwork and owner come from [feed]."""
    from audiogen.config import options_for
    from audiogen.publish.feed import write_feed
    from audiogen.publish.manifest import read_manifests
    from audiogen.publish.remote import local_view

    try:
        if config_dir is None:
            # The articles' own folder, as build used: the first manifest's source tells it.
            found = read_manifests(local_view(out_dir))
            sources = [Path(m.source) for _, m in found if m.source != "-"]
            config_dir = next((p.parent for p in sources if p.parent.is_dir()), Path.cwd())
        settings = options_for(config_dir).feed
        url = base_url or settings.base_url or ""
        target = write_feed(out_dir, url, settings)
    except AudiogenError as exc:
        raise Fail(exc) from None
    click.echo(f"wrote {target}", err=True)


@click.command()
@out_option("Output folder to serve [default: output].", default=Path("output"))
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, help="Port to listen on [8000]."
)
@click.option("--no-open", is_flag=True, help="Do not open the review page in a browser.")
def serve(out_dir: Path | str, port: int, no_open: bool) -> None:
    """Serve the output folder on this computer and open its review page (index.html), with the
    HTTP Range requests a browser needs to seek: clicking a sentence plays from there. Ctrl-C
    stops it. An output URL is served by its own site, not from here."""
    import webbrowser

    from audiogen.config import is_url
    from audiogen.errors import OutputError
    from audiogen.publish.preview import preview_server

    if isinstance(out_dir, str) and is_url(out_dir):
        raise Fail(
            OutputError(
                f"{out_dir}: serve shows a local folder: open the index.html of the site that "
                "serves this URL, or build into a folder (-o output) to review it here"
            )
        )
    try:
        server = preview_server(Path(out_dir), port=port)
    except AudiogenError as exc:
        raise Fail(exc) from None
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    click.echo(f"serving {out_dir} at {url} (Ctrl-C stops)", err=True)
    if not no_open:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
