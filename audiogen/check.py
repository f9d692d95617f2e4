"""Is an article's audio current? Compare what a build would use with the manifest in ``out_dir``.

A build skips an article whose outputs are current, and ``audiogen check`` lists the ones that are
not, with why: the script changed, the engine or voice changed, the options changed, the metadata
in the tags changed, an output is missing, or the MP3 was edited by hand (its SHA-256 no longer
matches the manifest). Nothing here synthesizes speech.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audiogen.types import Article, Manifest

OUTPUT_FORMAT = 1
"""Version of how audio is joined, leveled, encoded and tagged: bump it when a change to those
stages changes the MP3 for the same script, so every output is rebuilt once."""


def _plain(obj: Any) -> Any:
    """``obj`` as it reads back from JSON (tuples become lists, keys strings)."""
    return json.loads(json.dumps(obj, sort_keys=True, default=str))


def metadata_sha256(article: Article, summary: str | None) -> str:
    """SHA-256 of the article metadata that goes into the MP3's tags (and the cover's bytes)."""
    cover = None
    if article.cover:
        try:
            cover = hashlib.sha256(Path(article.cover).read_bytes()).hexdigest()
        except OSError:
            cover = "missing"  # the build reports it; here it only has to differ
    fields = {
        "title": article.title,
        "author": article.author,
        "site": article.site,
        "date": article.date,
        "url": article.url,
        "summary": summary,
        "cover": cover,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode("utf-8")).hexdigest()


def build_inputs(identity: Mapping[str, Any], metadata: str, encoder: str) -> dict[str, Any]:
    """The manifest's ``inputs``: what shaped the MP3 beyond its script, voice and options."""
    return _plain(
        {
            "output_format": OUTPUT_FORMAT,
            "engine": dict(identity),
            "metadata_sha256": metadata,
            "encoder": encoder,
        }
    )


@dataclass(frozen=True)
class Expected:
    """What the outputs of one article would be built from now."""

    slug: str
    """File stem of the outputs."""

    script_sha256: str
    """SHA-256 of the script text."""

    engine: str
    """Engine name."""

    voice: str
    """Voice id."""

    options: Mapping[str, Any]
    """The build options that change the audio (``Options.sound_options()``)."""

    inputs: Mapping[str, Any]
    """See :func:`build_inputs`."""


def stale_reasons(out_dir: Path, expected: Expected) -> list[str]:
    """Why the outputs in ``out_dir`` do not match ``expected``; empty when they are current."""
    from audiogen.publish import read_manifest

    json_path = out_dir / f"{expected.slug}.json"
    if not json_path.is_file():
        return [f"output missing ({json_path.name})"]
    try:
        m: Manifest = read_manifest(json_path)
    except (OSError, ValueError, TypeError, KeyError):
        return [f"output unreadable ({json_path.name} is not an audiogen manifest)"]
    mp3 = out_dir / str(m.mp3.get("path", f"{expected.slug}.mp3"))
    try:
        data = mp3.read_bytes()
    except OSError:
        return [f"output missing ({mp3.name})"]
    reasons = []
    if hashlib.sha256(data).hexdigest() != m.mp3.get("sha256"):
        reasons.append(f"output edited by hand ({mp3.name} differs from its manifest)")
    if m.script_sha256 != expected.script_sha256:
        reasons.append("script changed")
    have: Mapping[str, Any] = m.inputs if isinstance(m.inputs, Mapping) else {}
    want = _plain(expected.inputs)
    if (m.engine, m.voice) != (expected.engine, expected.voice):
        reasons.append(
            f"engine or voice changed ({m.engine}/{m.voice} -> {expected.engine}/{expected.voice})"
        )
    elif have.get("engine") != want["engine"]:
        reasons.append("engine or voice changed (engine version, voice model or language)")
    if _plain(m.options) != _plain(expected.options):
        reasons.append("options changed")
    if have.get("metadata_sha256") != want["metadata_sha256"]:
        reasons.append("metadata changed (title, author, date, summary, cover ...)")
    if have.get("output_format") != want["output_format"] or have.get("encoder") != want["encoder"]:
        reasons.append("output format changed (a newer audiogen or MP3 encoder)")
    return reasons


__all__ = ["OUTPUT_FORMAT", "Expected", "build_inputs", "metadata_sha256", "stale_reasons"]
