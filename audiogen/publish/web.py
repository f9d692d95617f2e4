"""What the web needs from a manifest: captions (``<slug>.vtt``), chapters
(``<slug>.chapters.json``), the embed snippet (``<slug>.html``) and ``index.html``, each written
atomically. The feed is :mod:`audiogen.publish.feed`."""

from __future__ import annotations

from pathlib import Path

from audiogen.publish.manifest import read_manifests, write_output
from audiogen.types import Manifest

INDEX_NAME = "index.html"

WEB_OUTPUTS = ("{slug}.vtt", "{slug}.chapters.json", "{slug}.html", INDEX_NAME)
"""Files a build writes beside the manifest."""


def web_files(manifest: Manifest) -> dict[str, bytes]:
    """The captions, chapters and embed snippet of ``manifest``, by file name."""
    from audiogen.publish.captions import webvtt
    from audiogen.publish.chapters import podcast_chapters_json
    from audiogen.publish.embed import embed_html

    return {
        f"{manifest.slug}.vtt": webvtt(manifest).encode("utf-8"),
        f"{manifest.slug}.chapters.json": podcast_chapters_json(manifest),
        f"{manifest.slug}.html": embed_html(manifest).encode("utf-8"),
    }


def write_web(manifest: Manifest, out_dir: Path) -> list[Path]:
    """Write the captions, chapters and embed snippet of ``manifest``, and rewrite ``index.html``
    from every manifest in ``out_dir``. Returns the files written."""
    outputs = []
    for name, data in web_files(manifest).items():
        write_output(out_dir / name, data)
        outputs.append(out_dir / name)
    return [*outputs, write_index(out_dir)]


def write_index(out_dir: Path) -> Path:
    """Write ``index.html``: every article in ``out_dir`` with its player and read-along text."""
    from audiogen.publish.embed import index_html

    target = out_dir / INDEX_NAME
    write_output(target, index_html([m for _, m in read_manifests(out_dir)]).encode("utf-8"))
    return target
