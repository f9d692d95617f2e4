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

Either may be a URL (``s3://bucket/prefix``, ``gs://...``, ``file:///...``): this machine's
folder (``url-<hash of the URL>`` in the cache folder) then holds every namespace, and the URL is
a shared tier (:mod:`audiogen.make.shared`) for ``sentences`` and ``runs``, the content-addressed
ones: a miss here is looked up there, checked (:mod:`audiogen.make.entries`) and kept here; a new
entry is uploaded once, and the first upload is what every machine uses. Locks hold processes of
one machine, memos are cheap and name its paths, models are optimized for its hardware: they stay.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import re
import shutil
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogen.atomic import sweep_temps, write_atomic
from audiogen.config import CACHE_ENV, cache_location, default_cache_dir, is_url
from audiogen.errors import ConfigError, OutputError
from audiogen.make.entries import (
    ENDS,
    EntryId,
    entry_checksum,
    entry_id,
    read_run_entry,
    read_sound_entry,
    run_entry,
    sound_entry,
)
from audiogen.make.shared import SharedTier, url_key
from audiogen.types import Audio

if TYPE_CHECKING:
    from filelock import FileLock

    from audiogen.speech.engines.base import Engine

logger = logging.getLogger(__name__)

FORMAT = 1
"""Layout of every namespace's keys and entries (the run bytes of
:meth:`audiogen.audio.master.Run.to_bytes` included): a new layout lives in new folders, so old
entries are never read. What an entry was *made by* is in its key, not here."""


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

    url: str | None = None
    """The shared tier's URL, when there is one; the counts below are its own."""

    shared_entries: int = 0
    """Number of sentences in the shared tier."""

    shared_runs: int = 0
    """Number of runs in the shared tier."""

    shared_bytes: int = 0
    """Total size of the shared tier's entries."""


class Sentences:
    """The ``sentences`` namespace: sentence audio addressed by :meth:`key`."""

    def __init__(self, folder: Path, shared: SharedTier | None = None) -> None:
        self.folder = folder
        self.shared = shared
        """Where entries are also looked up and uploaded (:mod:`audiogen.make.shared`)."""

    @staticmethod
    def key(identity: Mapping[str, Any], text: str) -> str:
        """The entry key for ``text`` spoken by the engine ``identity`` describes."""
        return _digest({"format": FORMAT, "engine": identity, "text": text})

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.wav"

    def _name(self, key: str) -> str:
        return f"{self.folder.name}/{key[:2]}/{key[2:]}.wav"

    def get(self, key: str) -> Audio | None:
        """The cached audio for ``key``; ``None`` when missing or damaged (a damaged entry is
        deleted, so the sentence is synthesized and stored again). A miss here is looked up in
        the shared tier, and an entry found there is checked and kept here."""
        audio = self._here(key)
        return audio if audio is not None else self._fetch(key)

    def _here(self, key: str) -> Audio | None:
        """The entry for ``key`` in this machine's folder."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        audio = read_sound_entry(key, data)
        if audio is None:
            _discard(path, "synthesizing the sentence again")
            return None
        _touch(path)
        return audio

    def _fetch(self, key: str) -> Audio | None:
        """The shared tier's entry for ``key``, checked and copied into this folder."""
        check = partial(read_sound_entry, key)
        return self.shared.fetch(self._name(key), self._path(key), check) if self.shared else None

    def entry_id(self, key: str) -> EntryId | None:
        """The stored checksum and sample rate of the entry for ``key``, from its first and last
        bytes only (in the shared tier too: two ranged reads): enough to find what was made from
        the sentence (its run) without reading or checking its sound, which :meth:`get` does.
        ``None`` when there is no such entry."""
        path = self._path(key)
        try:
            with open(path, "rb") as f:
                head = f.read(ENDS[0])
                f.seek(-ENDS[1], os.SEEK_END)
                found = entry_id(head, f.read(ENDS[1]))
        except OSError:
            ends = self.shared.ends(self._name(key), *ENDS) if self.shared else None
            found = entry_id(*ends) if ends is not None else None
            if found is None and ends is not None:  # not an entry's ends: read and check it
                audio = self._fetch(key)
                return EntryId(entry_checksum(key, audio), audio.sample_rate) if audio else None
            return found
        if found is not None:
            _touch(path)  # in use through its run: `cache prune` keeps it
        return found

    def put(self, key: str, audio: Audio) -> Audio:
        """Store ``audio`` under ``key`` and return what the store holds for it: ``audio``, or the
        entry another build stored first. A store that cannot be written only logs a warning."""
        path = self._path(key)
        try:
            for _ in range(2):
                try:
                    write_atomic(path, sound_entry(key, audio), keep_existing=True)
                    break
                except FileExistsError:
                    stored = self._here(key)  # deletes a damaged one, then we link again
                    if stored is not None:
                        audio = stored
                        break
        except OSError as exc:
            logger.warning("%s: cannot write the sentence cache (%s)", self.folder, exc.strerror)
        return self._upload(key, audio)

    def _upload(self, key: str, audio: Audio) -> Audio:
        """Store ``audio`` in the shared tier too, once: when another machine stored the entry
        first, its sound is the one every build uses, here as well."""
        if self.shared is None or self.shared.write(self._name(key), sound_entry(key, audio)):
            return audio
        data = self.shared.read(self._name(key))
        theirs = read_sound_entry(key, data) if data is not None else None
        if theirs is None:  # damaged (or gone again): ours replaces it
            self.shared.write(self._name(key), sound_entry(key, audio), replace=True)
            return audio
        if theirs != audio:
            with contextlib.suppress(OSError):
                write_atomic(self._path(key), sound_entry(key, theirs))
        return theirs

    def replace(self, key: str, audio: Audio) -> None:
        """Make ``audio`` the entry for ``key`` even if one is stored (a better take of the
        sentence); unlike :meth:`put`, the last writer wins, in the shared tier too."""
        write_atomic(self._path(key), sound_entry(key, audio))
        if self.shared is not None:
            self.shared.write(self._name(key), sound_entry(key, audio), replace=True)

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

    def __init__(self, folder: Path, shared: SharedTier | None = None) -> None:
        self.folder = folder
        self.shared = shared
        """Where entries are also looked up and uploaded (:mod:`audiogen.make.shared`)."""

    @staticmethod
    def key(key_obj: Any) -> str:
        """The key of a run (any JSON-ready description of everything that shaped it)."""
        return _digest({"format": FORMAT, "run": key_obj})

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.run"

    def _name(self, key: str) -> str:
        return f"{self.folder.name}/{key[:2]}/{key[2:]}.run"

    def get(self, key: str) -> bytes | None:
        """The bytes stored under ``key`` by :meth:`put`; ``None`` when missing or damaged (a
        damaged entry is deleted, so the run is made and stored again). A miss here is looked up
        in the shared tier, and an entry found there is checked and kept here."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return self._fetch(key)
        body = read_run_entry(key, data)
        if body is None:
            _discard(path, "making the run again")
            return self._fetch(key)
        _touch(path)
        return body

    def _fetch(self, key: str) -> bytes | None:
        check = partial(read_run_entry, key)
        return self.shared.fetch(self._name(key), self._path(key), check) if self.shared else None

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``, followed by its checksum (last writer wins: a run is a
        function of its key), and upload it to the shared tier unless it is there. A store that
        cannot be written only logs a warning."""
        data = run_entry(key, data)
        try:
            write_atomic(self._path(key), data)
        except OSError as exc:
            logger.warning("%s: cannot write the cache (%s)", self.folder, exc.strerror)
        if self.shared is not None:
            self.shared.write(self._name(key), data)


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
        only forgets). Not flushed to disk: a memo torn by a power cut is not JSON, so it is
        recalled as none, and a cold build writes one for every paragraph before it speaks."""
        with contextlib.suppress(OSError):
            data = json.dumps({"value": value}).encode("utf-8")
            write_atomic(self._path(namespace, key_obj), data, durable=False)


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
    """The store (see the module's description). Safe to share between processes and, through
    a shared tier, between machines. ``root``: a folder or a URL; ``None``: ``AUDIOGEN_CACHE_DIR``
    (a folder or a URL), else the user's cache folder."""

    def __init__(self, root: Path | str | None = None) -> None:
        location = root if root is not None else cache_location()
        self.url = str(location).rstrip("/") if is_url(location) else None
        """The shared tier's URL, or ``None`` (this machine's folder only)."""
        self.shared = SharedTier(self.url) if self.url is not None else None
        self.root = (
            default_cache_dir() / f"url-{url_key(self.url)}"
            if self.url is not None
            else Path(location).expanduser()
        )
        """This machine's folder: the whole store, or its local tier when there is a URL."""
        self.sentences = Sentences(self.root / f"sentences-v{FORMAT}", self.shared)
        self.runs = Runs(self.root / f"runs-v{FORMAT}", self.shared)
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

    def info(self, shared: bool = True) -> CacheInfo:
        """Where the store is, how many sentences and runs it holds, and its size; with a shared
        tier (unless not ``shared``), what that holds too (a listing: one request a thousand
        entries on S3)."""
        files = [(f, st.st_size) for f, st in self._files()]
        sentences = sum(
            1 for f, _ in files if f.suffix == ".wav" and self.sentences.folder in f.parents
        )
        runs = sum(1 for f, _ in files if f.suffix == ".run" and self.runs.folder in f.parents)
        info = CacheInfo(self.root, sentences, sum(size for _, size in files), runs)
        if self.shared is None or not shared:
            return info
        tier = self.shared
        entries = [f for ns in (self.sentences, self.runs) for f in tier.files(ns.folder.name)]
        return dataclasses.replace(
            info,
            url=self.url,
            shared_entries=sum(1 for name, _ in entries if name.endswith(".wav")),
            shared_runs=sum(1 for name, _ in entries if name.endswith(".run")),
            shared_bytes=sum(size for _, size in entries),
        )

    def prune(self, max_bytes: int) -> tuple[int, int]:
        """Delete the least recently used files (sentences, runs, memos, engine files: all are
        made again when needed) until this machine's folder holds at most ``max_bytes``; returns
        how many files and bytes were removed. Temp files that killed writers left behind go too.
        A shared tier is left alone: no machine knows what the others use (expire its entries
        with the bucket's own lifecycle rules)."""
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

    def clear(self, shared: bool = False) -> int:
        """Delete every entry and memo in this machine's folder, and (``shared``) every entry of
        the shared tier, for every machine that uses it; returns how many sentences went."""
        info = self.info(shared)
        for folder in self._folders():
            shutil.rmtree(folder, ignore_errors=True)
        if shared and self.shared is not None:
            for ns in (self.sentences, self.runs):
                self.shared.clear(ns.folder.name)
        return info.entries + info.shared_entries


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
