"""The store: everything a build keeps between runs, in one folder with one format version.

Namespaces, each a folder of the store:

* ``sentences``: each sentence's PCM as the engine said it, under a hash of the engine's identity
  (name, version, voice, model checksum, synthesis options, language) and the exact text spoken.
  An entry is a WAV file whose last chunk is a SHA-256 of the key and the audio, so a truncated
  or corrupt entry is detected, deleted and synthesized again, never served. The first entry
  stored for a key wins, so two builds that speak one sentence at once publish the same sound.
* ``runs``: each sentence leveled and encoded on its own (:class:`audiogen.audio.master.Run`), with
  a checksum, under a hash of everything that shaped it.
* ``memos``: small JSON answers remembered by the text stages, language detection and the quick
  freshness check.
* ``models``: a folder an engine may keep files in (Piper: its optimized model).
* ``locks``: one lock file a build target, so builds of one article queue.

Every entry is written atomically (:mod:`audiogen.atomic`). The folder is ``AUDIOGEN_CACHE_DIR``,
else the user's cache folder (``~/.cache/audiogen`` on Linux); ``--cache-dir`` overrides both.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import struct
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogen.atomic import sweep_temps, write_atomic
from audiogen.config import CACHE_ENV, default_cache_dir
from audiogen.errors import ConfigError, OutputError
from audiogen.types import Audio

if TYPE_CHECKING:
    from filelock import FileLock

    from audiogen.speech.engines.base import Engine

logger = logging.getLogger(__name__)

FORMAT = 1
"""Layout of every namespace's keys and entries (the run bytes of
:meth:`audiogen.audio.master.Run.to_bytes` included): a new layout lives in new folders, so old
entries are never read. What an entry was *made by* is in its key, not here."""

_CHECK_ID = b"agck"  # the RIFF chunk holding the checksum; WAV readers skip unknown chunks


def engine_identity(
    engine: Engine, voice: str, lang: str, options: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Everything about the engine that shapes its audio, as a JSON-ready dict: its name,
    ``voice``, ``lang``, :meth:`~audiogen.speech.engines.base.Engine.version`, model checksum
    (when it has a model file) and synthesis options (the ones it reports, else ``options``, the
    ones it was built with)."""
    ident: dict[str, Any] = {
        "engine": engine.name,
        "voice": voice,
        "lang": lang,
        "version": engine.version(),
    }
    model = engine.model_sha256()
    if model is not None:
        ident["model_sha256"] = model
    ident["options"] = dict(engine.options() or options or {})
    return ident


def _digest(obj: Any) -> str:
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_size(text: str) -> int:
    """Bytes in a size such as ``2G``, ``500M``, ``1.5GB`` or ``1000`` (powers of 1024)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text, re.IGNORECASE)
    if not m:
        raise ConfigError(f"{text!r} is not a size: write it like 2G, 500M or 1000000")
    power = " kmgt".index(m.group(2).lower() or " ")
    return int(float(m.group(1)) * 1024**power)


def _fmt(audio: Audio) -> bytes:
    return struct.pack(
        "<HHIIHH",
        1,
        audio.channels,
        audio.sample_rate,
        audio.sample_rate * audio.sample_width * audio.channels,
        audio.sample_width * audio.channels,
        8 * audio.sample_width,
    )


def _wav(key: str, audio: Audio) -> bytes:
    """A WAV file holding ``audio``, then a chunk with the SHA-256 of the key, format and PCM."""
    fmt = _fmt(audio)
    pad = b"\0" if len(audio.pcm) % 2 else b""  # RIFF chunks are word-aligned
    check = hashlib.sha256(key.encode("ascii") + fmt + audio.pcm).digest()
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", len(audio.pcm))
        + audio.pcm
        + pad
        + _CHECK_ID
        + struct.pack("<I", len(check))
        + check
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _unwav(key: str, data: bytes) -> Audio | None:
    """The audio in an entry written by :func:`_wav`, or ``None`` if it is damaged in any way."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    if struct.unpack("<I", data[4:8])[0] != len(data) - 8:
        return None  # truncated, or something appended
    chunks: dict[bytes, bytes] = {}
    pos = 12
    while pos + 8 <= len(data):
        cid, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        chunks[cid] = data[pos + 8 : pos + 8 + size]
        pos += 8 + size + (size % 2)
    fmt, pcm, check = chunks.get(b"fmt "), chunks.get(b"data"), chunks.get(_CHECK_ID)
    if pos != len(data) or fmt is None or pcm is None or check is None or len(fmt) != 16:
        return None
    if hashlib.sha256(key.encode("ascii") + fmt + pcm).digest() != check:
        return None
    _, channels, rate, _, _, bits = struct.unpack("<HHIIHH", fmt)
    return Audio(pcm, rate, bits // 8, channels)


def _touch(path: Path) -> None:
    """Mark a cache file used: recently used files survive ``cache prune`` (mtime, because
    atime is often not kept)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _discard(path: Path, then: str) -> None:
    """Delete a damaged cache file, so that what it held is made again."""
    logger.warning("%s: damaged cache entry, %s", path, then)
    with contextlib.suppress(OSError):
        path.unlink()


@dataclass(frozen=True)
class EntryId:
    """What identifies a cached sentence's sound, read without reading the sound."""

    checksum: str
    """The SHA-256 the entry stores (of its key, format and samples), hex."""

    sample_rate: int
    """Its sample rate."""


def entry_checksum(key: str, audio: Audio) -> str:
    """The checksum an entry for ``audio`` under ``key`` stores (see :class:`EntryId`)."""
    return hashlib.sha256(key.encode("ascii") + _fmt(audio) + audio.pcm).hexdigest()


@dataclass(frozen=True)
class CacheInfo:
    """What ``audiogen cache info`` reports."""

    path: Path
    """The cache folder."""

    entries: int
    """Number of cached sentences."""

    bytes: int
    """Total size on disk of everything the cache holds."""

    runs: int = 0
    """Number of cached runs: sentences leveled and encoded (see :mod:`audiogen.audio.master`)."""


class Sentences:
    """The ``sentences`` namespace: sentence audio addressed by :meth:`key`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def key(identity: Mapping[str, Any], text: str) -> str:
        """The entry key for ``text`` spoken by the engine ``identity`` describes."""
        return _digest({"format": FORMAT, "engine": identity, "text": text})

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.wav"

    def get(self, key: str) -> Audio | None:
        """The cached audio for ``key``; ``None`` when missing or damaged (a damaged entry is
        deleted, so the sentence is synthesized and stored again)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        audio = _unwav(key, data)
        if audio is None:
            _discard(path, "synthesizing the sentence again")
            return None
        _touch(path)
        return audio

    def entry_id(self, key: str) -> EntryId | None:
        """The stored checksum and sample rate of the entry for ``key``, from its first and last
        bytes only: enough to find what was made from the sentence (its run) without reading or
        checking its sound, which :meth:`get` does. ``None`` when there is no such entry."""
        path = self._path(key)
        try:
            with open(path, "rb") as f:
                head = f.read(36)
                f.seek(-40, os.SEEK_END)
                tail = f.read(40)
        except OSError:
            return None
        if len(head) < 36 or head[:4] != b"RIFF" or head[8:16] != b"WAVEfmt ":
            return None
        if tail[:4] != _CHECK_ID or struct.unpack("<I", tail[4:8])[0] != 32:
            return None
        _touch(path)  # in use through its run: `cache prune` keeps it
        return EntryId(tail[8:].hex(), struct.unpack("<I", head[24:28])[0])

    def put(self, key: str, audio: Audio) -> Audio:
        """Store ``audio`` under ``key`` and return what the store holds for it: ``audio``, or the
        entry another build stored first. A store that cannot be written only logs a warning."""
        path = self._path(key)
        try:
            for _ in range(2):
                try:
                    write_atomic(path, _wav(key, audio), keep_existing=True)
                    return audio
                except FileExistsError:
                    stored = self.get(key)  # deletes a damaged one, then we link again
                    if stored is not None:
                        return stored
        except OSError as exc:
            logger.warning("%s: cannot write the sentence cache (%s)", self.folder, exc.strerror)
        return audio

    def replace(self, key: str, audio: Audio) -> None:
        """Make ``audio`` the entry for ``key`` even if one is stored (a better take of the
        sentence); unlike :meth:`put`, the last writer wins."""
        write_atomic(self._path(key), _wav(key, audio))

    def spoken_by(self, identity: Mapping[str, Any]) -> SpokenBy:
        """These sentences as spoken by the engine ``identity`` describes, by text (what
        :func:`audiogen.speech.synth.synthesize_script` takes as its cache)."""
        return SpokenBy(self, identity)


class SpokenBy:
    """The sentence entries of one engine identity, addressed by the text handed to the engine."""

    def __init__(self, sentences: Sentences, identity: Mapping[str, Any]) -> None:
        self.sentences = sentences
        self.identity = identity

    def key(self, text: str) -> str:
        """The entry key of ``text``."""
        return self.sentences.key(self.identity, text)

    def get(self, text: str) -> Audio | None:
        """The stored audio of ``text``, or ``None``."""
        return self.sentences.get(self.key(text))

    def put(self, text: str, audio: Audio) -> Audio:
        """Store ``audio`` for ``text``; returns what is stored (the first entry wins)."""
        return self.sentences.put(self.key(text), audio)

    def replace(self, text: str, audio: Audio) -> None:
        """Make ``audio`` the entry for ``text`` even if one is stored (a better take)."""
        self.sentences.replace(self.key(text), audio)


class Runs:
    """The ``runs`` namespace: bytes stored under a key, each followed by its checksum."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def key(key_obj: Any) -> str:
        """The key of a run (any JSON-ready description of everything that shaped it)."""
        return _digest({"format": FORMAT, "run": key_obj})

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.run"

    def get(self, key: str) -> bytes | None:
        """The bytes stored under ``key`` by :meth:`put`; ``None`` when missing or damaged (a
        damaged entry is deleted, so the run is made and stored again)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        body, check = data[:-32], data[-32:]
        if len(data) < 32 or hashlib.sha256(key.encode("ascii") + body).digest() != check:
            _discard(path, "making the run again")
            return None
        _touch(path)
        return body

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``, followed by its checksum (last writer wins: a run is a
        function of its key). A store that cannot be written only logs a warning."""
        try:
            data += hashlib.sha256(key.encode("ascii") + data).digest()
            write_atomic(self._path(key), data)
        except OSError as exc:
            logger.warning("%s: cannot write the cache (%s)", self.folder, exc.strerror)


class Memos:
    """The ``memos`` namespace: small JSON values remembered under a namespace and a key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, namespace: str, key_obj: Any) -> Path:
        return self.folder / namespace / f"{_digest(key_obj)}.json"

    def recall(self, namespace: str, key_obj: Any) -> Any:
        """What :meth:`remember` stored under ``key_obj``, or ``None``."""
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            path = self._path(namespace, key_obj)
            value = json.loads(path.read_text(encoding="utf-8"))["value"]
            _touch(path)
            return value
        return None

    def remember(self, namespace: str, key_obj: Any, value: Any) -> None:
        """Store the JSON value ``value`` under ``key_obj`` (a store that cannot be written
        only forgets)."""
        with contextlib.suppress(OSError):
            data = json.dumps({"value": value}).encode("utf-8")
            write_atomic(self._path(namespace, key_obj), data)


class Locks:
    """The ``locks`` namespace: inter-process locks, one per build target."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder = folder
        self.root = root

    def lock(self, *parts: str | Path) -> FileLock:
        """A lock for the build that ``parts`` name (held by the OS: a killed build releases
        it). Lock files live in the store, not beside the outputs, so ``output/`` holds only
        outputs."""
        from filelock import FileLock

        named = "\0".join(str(Path(p).resolve()) if str(p) != "-" else "-" for p in parts)
        name = hashlib.sha256(named.encode("utf-8")).hexdigest()[:32]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{self.root}: cannot create the cache folder ({exc.strerror}): "
                f"give a writable one with --cache-dir or {CACHE_ENV}"
            ) from None
        return FileLock(str(self.folder / f"{name}.lock"))


class Store:
    """The store in one folder (see the module's description). Safe to share between processes."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root).expanduser() if root is not None else default_cache_dir()
        self.sentences = Sentences(self.root / f"sentences-v{FORMAT}")
        self.runs = Runs(self.root / f"runs-v{FORMAT}")
        self.memos = Memos(self.root / f"memo-v{FORMAT}")
        self.models = self.root / f"models-v{FORMAT}"
        """Where engines keep what makes their next load faster (see ``use_cache_dir``)."""
        self.locks = Locks(self.root / "locks", self.root)

    def _folders(self) -> tuple[Path, ...]:
        return (self.sentences.folder, self.runs.folder, self.memos.folder, self.models)

    def _files(self) -> Iterator[tuple[Path, os.stat_result]]:
        """Every file the store holds: sentences, runs, memos and engine files (not locks, not
        temp files being written)."""
        for folder in self._folders():
            if not folder.is_dir():
                continue
            for path in folder.rglob("*"):
                if path.name.startswith("."):
                    continue
                with contextlib.suppress(OSError):
                    st = path.stat()
                    if stat.S_ISREG(st.st_mode):
                        yield path, st

    def info(self) -> CacheInfo:
        """Where the store is, how many sentences and runs it holds, and its size."""
        files = [(f, st.st_size) for f, st in self._files()]
        sentences = sum(
            1 for f, _ in files if f.suffix == ".wav" and self.sentences.folder in f.parents
        )
        runs = sum(1 for f, _ in files if f.suffix == ".run" and self.runs.folder in f.parents)
        return CacheInfo(self.root, sentences, sum(size for _, size in files), runs)

    def prune(self, max_bytes: int) -> tuple[int, int]:
        """Delete the least recently used files (sentences, runs, memos, engine files: all are
        made again when needed) until the store holds at most ``max_bytes``; returns how many
        files and bytes were removed. Temp files that killed writers left behind go too."""
        sweep_temps(self.root)
        files = sorted(self._files(), key=lambda f: f[1].st_mtime)
        total = sum(st.st_size for _, st in files)
        removed = freed = 0
        for path, st in files:
            if total <= max_bytes:
                break
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            total -= st.st_size
            removed += 1
            freed += st.st_size
        return removed, freed

    def clear(self) -> int:
        """Delete every entry and memo; returns how many sentences were removed."""
        count = self.info().entries
        for folder in self._folders():
            shutil.rmtree(folder, ignore_errors=True)
        return count


__all__ = [
    "FORMAT",
    "CacheInfo",
    "EntryId",
    "Locks",
    "Memos",
    "Runs",
    "Sentences",
    "SpokenBy",
    "Store",
    "engine_identity",
    "entry_checksum",
    "parse_size",
]
