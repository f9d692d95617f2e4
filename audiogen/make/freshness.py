"""Is an article's audio current? The one place that says what makes outputs stale.

A build skips an article whose outputs are current, and ``audiogen check`` lists the ones that are
not, with why: the script changed, a lexicon phoneme entry for one of its words changed (the
script shows the word, not its phonemes), the engine or voice changed, the options changed, the
metadata in the tags changed, the output format changed, an output is missing, or the MP3 was
edited by hand (its SHA-256 no longer matches the manifest). Nothing here synthesizes speech.

That full check needs the script, so it reads, cleans and normalizes the article first (half a
second of imports and work). :func:`quick_current` answers first, from evidence that costs
milliseconds: a key over the article's bytes, the effective options, audiogen's own code and the
versions of what it runs on, kept in the store (not in the published manifest, which must not
depend on the machine that built it) when the outputs were built, plus the engine's identity and
the checksums of the other files a build read (cover, intro, outro). When it cannot say
"current", the full check decides, so it only ever saves time, never skips a change the full check
would catch.

Versions of what outputs are made by: :data:`OUTPUT_FORMAT` (how audio is trimmed, leveled,
encoded and tagged; part of every run's key too) here, ``MANIFEST_VERSION`` (the manifest's
layout) in :mod:`audiogen.types`, and the store's own layout in :mod:`audiogen.make.store`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from audiogen import __version__
from audiogen.errors import DISTRIBUTION
from audiogen.make.store import Memos
from audiogen.publish.web import WEB_OUTPUTS
from audiogen.types import Article, Manifest

OUTPUT_FORMAT = 3
"""Version of how audio is trimmed, joined, leveled, encoded and tagged: bump it when a change to
those stages changes the MP3 for the same script, so every output is rebuilt once (and every
cached run is made again). 2: each sentence leveled and encoded on its own
(:mod:`audiogen.audio.master`). 3: true peak oversampled to at least 176.4 kHz, and hibari as
the default English voice."""


def _plain(obj: Any) -> Any:
    """``obj`` as it reads back from JSON (tuples become lists, keys strings)."""
    return json.loads(json.dumps(obj, sort_keys=True, default=str))


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, or ``"missing"`` when it cannot be read (the build reports
    that; here the value only has to differ from any checksum)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def output_sha256(path: Path) -> str | None:
    """The SHA-256 of the output at ``path``: of its bytes, or, for an output URL's MP3 that its
    staging folder knows by its checksum record only, the recorded one; ``None`` when missing."""
    from audiogen.publish.staged import staged_sha256

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return staged_sha256(path.parent, path.name)


def metadata_sha256(article: Article, summary: str | None, cover: str | None = None) -> str:
    """SHA-256 of the article metadata that goes into the MP3's tags (and the cover's bytes;
    ``cover`` is their checksum when the caller has it already)."""
    if article.cover and cover is None:
        cover = file_sha256(article.cover)
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


def build_inputs(
    identity: Mapping[str, Any],
    metadata: str,
    encoder: str,
    bumpers: Mapping[str, str] | None = None,
    *,
    phonemes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The manifest's ``inputs``: what shaped the MP3 beyond its script, voice and options.

    ``bumpers`` holds the checksums of the intro and outro audio (the options name only their
    paths), ``phonemes`` the lexicon's phoneme entries for words of the script (the script shows
    the words; the engine is given these phonemes for them).
    """
    inputs: dict[str, Any] = {
        "output_format": OUTPUT_FORMAT,
        "engine": dict(identity),
        "metadata_sha256": metadata,
        "encoder": encoder,
    }
    # Only when present, so that manifests of builds without them keep their inputs.
    if bumpers:
        inputs["bumpers_sha256"] = dict(bumpers)
    if phonemes:
        inputs["phonemes"] = dict(phonemes)
    return _plain(inputs)


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
    from audiogen.publish.manifest import read_manifest

    json_path = out_dir / f"{expected.slug}.json"
    if not json_path.is_file():
        return [f"output missing ({json_path.name})"]
    try:
        m: Manifest = read_manifest(json_path)
    except (OSError, ValueError, TypeError, KeyError):
        return [f"output unreadable ({json_path.name} is not an audiogen manifest)"]
    mp3 = out_dir / str(m.mp3.get("path", f"{expected.slug}.mp3"))
    sha = output_sha256(mp3)
    if sha is None:
        return [f"output missing ({mp3.name})"]
    reasons = []
    if sha != m.mp3.get("sha256"):
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
    if have.get("phonemes") != want.get("phonemes"):
        reasons.append("lexicon changed (phonemes for words of the article)")
    if have.get("bumpers_sha256") != want.get("bumpers_sha256"):
        reasons.append("options changed (intro or outro audio)")
    if have.get("output_format") != want["output_format"] or have.get("encoder") != want["encoder"]:
        reasons.append("output format changed (a newer audiogen or MP3 encoder)")
    return reasons


@lru_cache(maxsize=1)
def _code_sha256() -> str:
    """SHA-256 of audiogen's own source: an edit to the normalizer changes scripts without a new
    version number, and the full check would catch it, so the quick key must change too."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".js", ".css") and path.is_file():
            h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _dependency_versions() -> dict[str, str] | None:
    """Versions of audiogen's declared dependencies (the text and audio stages' libraries can
    change a script or an MP3 on upgrade); ``None`` when audiogen is not installed.

    The distribution is looked up by its name, :data:`DISTRIBUTION`, and failing that by the
    package it provides (an install made before the rename is still called ``audiogen``)."""
    from importlib.metadata import (
        PackageNotFoundError,
        distribution,
        packages_distributions,
        requires,
        version,
    )

    try:  # by its name first: listing every installed package's files takes 0.3 s
        names = [distribution(DISTRIBUTION).name]
    except PackageNotFoundError:
        names = packages_distributions().get("audiogen") or []
    if not names:
        return None
    try:
        wanted = requires(names[0]) or []
    except PackageNotFoundError:
        return None
    found: dict[str, str] = {}
    for requirement in wanted:
        if "extra ==" in requirement:
            continue  # optional extras (the recognizer) shape no build output
        name = re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0]
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"  # a marker-excluded one, e.g. tomli on Python 3.11
    return found


def code_identity() -> dict[str, Any] | None:
    """audiogen's version, a hash of its code and its dependencies' versions: what a remembered
    answer (of a text stage, or of the quick check) depends on besides its input. ``None`` when
    audiogen is not installed (its dependencies cannot be listed, so nothing is remembered)."""
    deps = _dependency_versions()
    if deps is None:
        return None
    return {"audiogen": __version__, "code_sha256": _code_sha256(), "dependencies": deps}


@dataclass(frozen=True)
class QuickRecord:
    """What :func:`quick_current` compares, kept in the store's memos when outputs are built or
    found current. Every part is content, never a time; it lives in the store because it hashes
    this machine's code and dependencies, which the published manifest must not carry."""

    key: str
    """SHA-256 of the article's name and bytes, ``settings`` (every option that shapes the
    outputs) and :func:`code_identity`."""

    files: Mapping[str, str]
    """The other files the build read (cover, intro, outro), each with its checksum."""

    def remember(
        self, memos: Memos, out_dir: Path, source: str, slug: str, manifest: bytes
    ) -> None:
        """Record that ``source`` built into ``out_dir`` gave the manifest ``manifest`` (its
        bytes as published, ``<slug>.json``) under this record."""
        memos.remember(
            "quick",
            _where(out_dir, source),
            {
                "key": self.key,
                "slug": slug,
                "files": dict(self.files),
                "manifest_sha256": hashlib.sha256(manifest).hexdigest(),
            },
        )


def _where(out_dir: Path, source: str) -> dict[str, str]:
    return {"out": str(Path(out_dir).resolve()), "source": str(Path(source).resolve())}


def quick_record(
    source: str, source_sha256: str, settings: Mapping[str, Any], files: Mapping[str, str]
) -> QuickRecord | None:
    """The :class:`QuickRecord` of a build of ``source`` (bytes ``source_sha256``) with
    ``settings`` that read ``files``; ``None`` (no quick path) for stdin or when audiogen is not
    installed."""
    code = code_identity()
    if code is None or source == "-":
        return None
    key = {"source": source, "source_sha256": source_sha256, "settings": settings, **code}
    text = json.dumps(_plain(key), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return QuickRecord(hashlib.sha256(text.encode("utf-8")).hexdigest(), dict(files))


def built_before(memos: Memos, out_dir: Path, source: str) -> bool:
    """True when the store remembers building ``source`` into ``out_dir`` and its manifest is
    still there: a rebuild, which usually speaks a few edited sentences."""
    found = memos.recall("quick", _where(out_dir, source)) if source != "-" else None
    slug = found.get("slug") if isinstance(found, dict) else None
    return isinstance(slug, str) and (out_dir / f"{slug}.json").is_file()


def quick_current(
    memos: Memos,
    out_dir: Path,
    source: Path,
    data: bytes,
    settings: Mapping[str, Any],
    identity_for: Callable[[str, str], Mapping[str, Any]],
) -> Manifest | None:
    """The manifest of ``source``'s outputs when cheap evidence shows they are current, else
    ``None`` (then :func:`stale_reasons` decides; ``None`` never means stale).

    Current means: the store remembers a build of ``source`` into ``out_dir`` under the quick key
    of these bytes and settings, the manifest there is byte for byte the one that build left, the
    other files it read still have their checksums, ``identity_for(voice, lang)`` (the engine's
    identity now, for the manifest's voice and language) equals the recorded one, the MP3's
    SHA-256 is the manifest's, and the web outputs are all there.
    """
    recorded = memos.recall("quick", _where(out_dir, str(source)))
    if not isinstance(recorded, dict) or not isinstance(recorded.get("files"), dict):
        return None
    now = quick_record(str(source), hashlib.sha256(data).hexdigest(), settings, recorded["files"])
    if now is None or now.key != recorded.get("key"):
        return None
    if any(file_sha256(path) != sha for path, sha in now.files.items()):
        return None
    slug = recorded.get("slug")
    try:
        raw_bytes = (out_dir / f"{slug}.json").read_bytes()
        if hashlib.sha256(raw_bytes).hexdigest() != recorded.get("manifest_sha256"):
            return None
        manifest = Manifest.from_dict(json.loads(raw_bytes))
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if _plain(identity_for(manifest.voice, manifest.lang)) != manifest.inputs.get("engine"):
        return None
    if output_sha256(out_dir / str(manifest.mp3.get("path"))) != manifest.mp3.get("sha256"):
        return None
    if not all((out_dir / name.format(slug=slug)).is_file() for name in WEB_OUTPUTS):
        return None
    return manifest


__all__ = [
    "OUTPUT_FORMAT",
    "Expected",
    "QuickRecord",
    "build_inputs",
    "built_before",
    "code_identity",
    "file_sha256",
    "metadata_sha256",
    "quick_current",
    "quick_record",
    "stale_reasons",
]
