"""Is an article's audio current? Compare what a build would use with the manifest in ``out_dir``.

A build skips an article whose outputs are current, and ``audiogen check`` lists the ones that are
not, with why: the script changed, a lexicon phoneme entry for one of its words changed (the
script shows the word, not its phonemes), the engine or voice changed, the options changed, the
metadata in the tags changed, an output is missing, or the MP3 was edited by hand (its SHA-256
no longer matches the manifest). Nothing here synthesizes speech.

That full check needs the script, so it reads, cleans and normalizes the article first (half a
second of imports and work). :func:`quick_current` answers first, from evidence that costs
milliseconds: a key over the article's bytes, the effective options, audiogen's own code and the
versions of what it runs on, recorded in the manifest when the outputs were built, plus the
engine's identity and the checksums of the other files a build read (cover, intro, outro). When it
cannot say "current", the full check decides, so it only ever saves time, never skips a change
the full check would catch.
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
from audiogen.publish.web import WEB_OUTPUTS
from audiogen.types import Article, Manifest

OUTPUT_FORMAT = 2
"""Version of how audio is joined, leveled, encoded and tagged: bump it when a change to those
stages changes the MP3 for the same script, so every output is rebuilt once. 2: each sentence
leveled and encoded on its own (:mod:`audiogen.audio.master`)."""


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
    quick: Mapping[str, Any] | None = None,
    *,
    phonemes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The manifest's ``inputs``: what shaped the MP3 beyond its script, voice and options.

    ``bumpers`` holds the checksums of the intro and outro audio (the options name only their
    paths), ``quick`` the record :func:`quick_current` reads (see :func:`quick_record`),
    ``phonemes`` the lexicon's phoneme entries for words of the script (the script shows the
    words; the engine is given these phonemes for them).
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
    if quick is not None:
        inputs["quick"] = dict(quick)
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
    if have.get("phonemes") != want.get("phonemes"):
        reasons.append("lexicon changed (phonemes for words of the article)")
    if have.get("bumpers_sha256") != want.get("bumpers_sha256"):
        reasons.append("options changed (intro or outro audio)")
    if have.get("output_format") != want["output_format"] or have.get("encoder") != want["encoder"]:
        reasons.append("output format changed (a newer audiogen or MP3 encoder)")
    return reasons


QUICK_FORMAT = 1
"""Version of the quick record's layout: bump it when what :func:`quick_record` hashes changes."""


@lru_cache(maxsize=1)
def _code_sha256() -> str:
    """SHA-256 of audiogen's own source: an edit to the normalizer changes scripts without a new
    version number, and the full check would catch it, so the quick key must change too."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _dependency_versions() -> dict[str, str] | None:
    """Versions of audiogen's declared dependencies (the text and audio stages' libraries can
    change a script or an MP3 on upgrade); ``None`` when audiogen is not installed."""
    from importlib.metadata import PackageNotFoundError, requires, version

    try:
        wanted = requires("audiogen") or []
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
    answer of a text stage depends on besides its input. ``None`` when audiogen is not
    installed (its dependencies cannot be listed, so nothing is remembered)."""
    deps = _dependency_versions()
    if deps is None:
        return None
    return {"audiogen": __version__, "code_sha256": _code_sha256(), "dependencies": deps}


def quick_record(
    source: str, source_sha256: str, settings: Mapping[str, Any], files: Mapping[str, str]
) -> dict[str, Any] | None:
    """What :func:`quick_current` compares, stored in the manifest's ``inputs`` at build time.

    ``key`` hashes the article's name and bytes, ``settings`` (every option that shapes the
    outputs: engine and voice asked for, language, sound options, replace and drop rules,
    lexicon), audiogen's version and code, and its dependencies' versions; ``files`` maps the
    other files the build read (cover, intro, outro) to their checksums. Every part is content,
    never a time or a machine's path the options do not name, so the record is the same wherever
    the same inputs are built. ``None`` (no quick path) when audiogen is not installed.
    """
    deps = _dependency_versions()
    if deps is None or source == "-":
        return None
    key = {
        "format": QUICK_FORMAT,
        "audiogen": __version__,
        "code_sha256": _code_sha256(),
        "dependencies": deps,
        "source": source,
        "source_sha256": source_sha256,
        "settings": settings,
    }
    text = json.dumps(_plain(key), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return {"key": hashlib.sha256(text.encode("utf-8")).hexdigest(), "files": dict(files)}


_FRONT_MATTER_SLUG = re.compile(rb"^slug:[ \t]*[\"']?([^\"'\r\n]*)", re.MULTILINE)


def slug_candidates(source: Path, data: bytes) -> list[str]:
    """Where the manifest of ``source`` may be: its front matter's ``slug``, else its file
    name's. A guess is safe: the manifest found must also carry this article's quick key."""
    from audiogen.text.read import slugify

    found = []
    if data.startswith(b"---"):
        end = data.find(b"\n---", 3)
        m = _FRONT_MATTER_SLUG.search(data, 0, end if end > 0 else len(data))
        if m and m.group(1).strip():
            found.append(slugify(m.group(1).decode("utf-8", "replace").strip()))
    found.append(slugify(source.stem))
    return list(dict.fromkeys(found))


def quick_current(
    out_dir: Path,
    source: Path,
    data: bytes,
    settings: Mapping[str, Any],
    identity_for: Callable[[str, str], Mapping[str, Any]],
) -> Manifest | None:
    """The manifest of ``source``'s outputs when cheap evidence shows they are current, else
    ``None`` (then :func:`stale_reasons` decides; ``None`` never means stale).

    Current means: a manifest carries the quick key of these bytes and settings, the other files
    it lists still have their checksums, ``identity_for(voice, lang)`` (the engine's identity
    now, for the manifest's voice and language) equals the recorded one, the MP3's SHA-256 is the
    manifest's, and the web outputs are all there.
    """
    source_sha = hashlib.sha256(data).hexdigest()
    for slug in slug_candidates(source, data):
        json_path = out_dir / f"{slug}.json"
        try:
            raw = json.loads(json_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        inputs = raw.get("inputs") if isinstance(raw, dict) else None
        if not isinstance(inputs, dict) or raw.get("slug") != slug:
            continue
        recorded = inputs.get("quick")
        if not isinstance(recorded, dict):
            continue
        files = recorded.get("files")
        if not isinstance(files, dict):
            continue
        now = quick_record(str(source), source_sha, settings, files)
        if now is None or now["key"] != recorded.get("key"):
            continue
        if any(file_sha256(path) != sha for path, sha in files.items()):
            return None
        if _plain(identity_for(str(raw.get("voice")), str(raw.get("lang")))) != inputs.get(
            "engine"
        ):
            return None
        mp3 = raw.get("mp3") if isinstance(raw.get("mp3"), dict) else {}
        if file_sha256(out_dir / str(mp3.get("path", f"{slug}.mp3"))) != mp3.get("sha256"):
            return None
        if not all((out_dir / name.format(slug=slug)).is_file() for name in WEB_OUTPUTS):
            return None
        try:
            return Manifest.from_dict(raw)
        except (ValueError, TypeError, KeyError):
            return None
    return None


__all__ = [
    "code_identity",
    "OUTPUT_FORMAT",
    "QUICK_FORMAT",
    "WEB_OUTPUTS",
    "Expected",
    "build_inputs",
    "file_sha256",
    "metadata_sha256",
    "quick_current",
    "quick_record",
    "slug_candidates",
    "stale_reasons",
]
