"""Outputs published to object storage: ``-o s3://bucket/audio/`` (also ``gs://``, ``file://``,
any fsspec URL), so that CI runners and cluster workers publish straight to the bucket a site
serves.

The stages write into a local folder as they always do: for a URL, a staging folder in the local
cache named by a hash of the URL (:func:`output_folder`). This module keeps that folder a faithful
view of the URL where it is read, and sends it there where it is written:

- :func:`pull` lists the URL once and makes the staging folder agree with it: every manifest,
  ``index.html`` and ``feed.xml`` (small) is downloaded when it changed there, and so is every
  output of the article being built; its MP3 only when the checksum record audiogen uploaded
  beside it (:data:`CHECKSUMS`) is missing or was made for another version of the object, so
  that a fresh machine learns whether an article is current without downloading its audio; any
  other staged file the URL no longer holds, or holds in another version,
  is removed. A staged file is known to be the object's bytes by a record of the object's
  version (its ETag, generation or modification time, and size, as the listing gives it) and the
  staged bytes' SHA-256 when they were downloaded or uploaded: nothing is trusted on the
  bucket's word alone (an S3 ETag is an MD5 only for single-part uploads).
- :func:`push` uploads the files that differ from what the URL holds, each whole (one PUT of the
  complete file; a ``file://`` target through :mod:`audiogen.atomic`), in the order given: the
  MP3 and the other outputs first, the manifest last, as locally. A failed upload leaves the
  URL with its previous manifest, which then does not match the new MP3 (``check`` calls the
  article stale), never a current-looking article with half-new files.

Concurrent builders of different articles into one URL each rewrite ``index.html`` from the
manifests listed when they publish: the last one to publish may miss an article published a
moment before it (the next build, or ``audiogen feed``, lists it).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import mimetypes
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogen.atomic import write_atomic
from audiogen.config import default_cache_dir, is_url
from audiogen.errors import OutputError, install_command
from audiogen.publish.feed import FEED_NAME
from audiogen.publish.listing import errors_of as _errors
from audiogen.publish.listing import is_local as _is_local
from audiogen.publish.listing import listing as _listing
from audiogen.publish.listing import noted, pulled, pulled_before
from audiogen.publish.listing import one_line as _one_line
from audiogen.publish.listing import protocols as _protocols
from audiogen.publish.listing import version_of as _version
from audiogen.publish.manifest import is_manifest_name
from audiogen.publish.staged import (
    absent_record,
    copy_sha256,
    keep_time,
    load_state,
    record_of,
    save_state,
    staged_sha256,
)
from audiogen.publish.web import INDEX_NAME

if TYPE_CHECKING:
    from filelock import FileLock

    from audiogen.config import Options

logger = logging.getLogger(__name__)

CHECKSUMS = ".audiogen-sha256"
"""At the URL, beside each MP3: ``CHECKSUMS/NAME.json``, the version the MP3 object had when it was
uploaded and its bytes' SHA-256, so that a machine that never staged it learns its checksum (to
tell whether the article is current) without downloading it. While the object keeps that version,
the record holds; an MP3 replaced by other means has another version, and is downloaded."""

SHARED_NAMES = (INDEX_NAME, FEED_NAME)
"""Files of the whole URL, downloaded with the manifests (the article's are
:data:`ARTICLE_NAMES`)."""

ARTICLE_NAMES = (
    "{slug}.mp3",
    "{slug}.vtt",
    "{slug}.chapters.json",
    "{slug}.html",
    "{slug}.json",
)
"""An article's outputs in the order they are published: the manifest last."""

_EXTRAS = {"s3": "s3", "s3a": "s3", "gs": "gcs", "gcs": "gcs"}
"""URL scheme -> the audiogen-tts extra that installs its fsspec backend."""


@dataclass(frozen=True)
class Remote:
    """An output URL and the local folder the stages write its outputs into."""

    url: str
    """The URL as given (``s3://bucket/audio/``), named in errors."""

    fs: Any
    """The fsspec file system that reaches it."""

    root: str
    """The URL's path in ``fs``, without a trailing slash."""

    local: Path
    """The staging folder (see :func:`staging_folder`)."""

    def path(self, name: str) -> str:
        """Where the output ``name`` is in ``fs``."""
        return f"{self.root}/{name}"

    def where(self, name: str) -> str:
        """The output ``name`` as a URL, for messages."""
        return f"{self.url.rstrip('/')}/{name}"


def staging_folder(url: str, cache_dir: Path | str | None = None) -> Path:
    """The local folder that holds the outputs of ``url`` while they are written and checked:
    under the cache folder (``cache_dir`` when it is a local folder, else the default one),
    named by a hash of the URL, so every build on this machine into one URL shares it."""
    base = Path(cache_dir) if cache_dir is not None and not is_url(cache_dir) else None
    digest = hashlib.sha256(url.rstrip("/").encode("utf-8")).hexdigest()[:24]
    return (base or default_cache_dir()) / "outputs" / digest


def output_folder(options: Options) -> Path:
    """The local folder a build of ``options`` writes its outputs into: ``options.out_dir``, or
    for a URL its :func:`staging_folder`."""
    if isinstance(options.out_dir, str) and is_url(options.out_dir):
        return staging_folder(options.out_dir, options.cache_dir)
    return Path(options.out_dir)


@lru_cache(maxsize=16)
def _filesystem(url: str) -> tuple[Any, str]:
    import fsspec

    scheme = url.split("://", 1)[0].lower()
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except ImportError:
        extra = _EXTRAS.get(scheme)
        fix = install_command(extra) if extra else f"install fsspec's {scheme} backend"
        raise OutputError(
            f"{url}: writing to {scheme}:// needs its fsspec backend: {fix}"
        ) from None
    except ValueError as exc:
        raise OutputError(
            f"{url}: not an output location fsspec knows ({_one_line(exc)}): "
            "give a folder, or an s3://, gs:// or file:// URL"
        ) from None
    return fs, str(root).rstrip("/")


def remote_for(out_dir: Path | str, cache_dir: Path | str | None = None) -> Remote | None:
    """The :class:`Remote` of ``out_dir`` when it is a URL, else ``None``. A URL whose backend
    is not installed is an :class:`OutputError` naming the fix."""
    if not (isinstance(out_dir, str) and is_url(out_dir)):
        return None
    fs, root = _filesystem(out_dir)
    return Remote(out_dir, fs, root, staging_folder(out_dir, cache_dir))


@cache
def _lock(local: Path) -> FileLock:
    """The lock of a staging folder: one object a folder, so a thread that holds it may take it
    again (a publish holds it around the pull and push it makes)."""
    from filelock import FileLock

    local.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(f"{local}.lock")


@contextlib.contextmanager
def holding(options: Options) -> Iterator[None]:
    """While the block runs, no other build on this machine pulls into or pushes from the
    staging folder of ``options``' output URL (for a folder: nothing is held). A publish writes
    its files and uploads them inside it, so another build's pull never takes its new, not yet
    uploaded files for stale copies."""
    remote = remote_for(options.out_dir, options.cache_dir)
    if remote is None:
        yield
        return
    with _lock(remote.local):
        yield


def pull(remote: Remote, slug: str | None = None) -> set[str]:
    """Make the staging folder agree with the URL (see the module's docstring): every manifest
    and shared file, and the outputs of ``slug``, as the URL holds them now; any other staged
    file only while the URL still holds the version that was staged. Returns the names the URL
    holds."""
    with _lock(remote.local):
        return _pull(remote, slug)


def _pull(remote: Remote, slug: str | None) -> set[str]:
    listing = _listing(remote)
    local = remote.local
    local.mkdir(parents=True, exist_ok=True)
    state = load_state(local)
    article = {n.format(slug=slug) for n in ARTICLE_NAMES} if slug else set()
    if pulled_before(remote):  # in this batch, whose listing changes only by its own uploads
        names = article
    else:
        names = {p.name for p in local.iterdir() if p.is_file() and not p.name.startswith(".")}
        names |= set(listing)
    before = dict(state)
    for name in sorted(names):
        path, info, record = local / name, listing.get(name), state.get(name)
        wanted = is_manifest_name(name) or name in SHARED_NAMES or name in article
        version = _version(info) if info is not None else None
        kept = record is not None and record.get("version") == version
        if kept and (not wanted or copy_sha256(path, record) == (record or {}).get("sha256")):
            continue
        if kept and (record or {}).get("absent") and not path.exists():
            continue  # known by its checksum record (see CHECKSUMS)
        path.unlink(missing_ok=True)
        state.pop(name, None)
        if info is not None and wanted and (known := _checksum(remote, name, version)):
            state[name] = absent_record(str(version), known)
        elif info is not None and wanted:
            data = _download(remote, name)
            write_atomic(path, data)
            keep_time(path, info)
            state[name] = record_of(path, str(version), data)
    if state != before:
        save_state(local, state)
    pulled(remote)
    return set(listing)


def _checksum(remote: Remote, name: str, version: object) -> str | None:
    """The SHA-256 of the MP3 ``name`` at the URL as its :data:`CHECKSUMS` record gives it, when
    the record was made for the object's present ``version``; else ``None`` (download it)."""
    if not name.endswith(".mp3"):
        return None
    unreadable: tuple[type[BaseException], ...] = (ValueError, *_errors(remote.fs))
    try:
        record = json.loads(remote.fs.cat_file(remote.path(f"{CHECKSUMS}/{name}.json")))
    except FileNotFoundError:
        return None
    except unreadable as exc:
        logger.debug("%s: checksum record unreadable (%s)", remote.where(name), exc)
        return None
    ok = isinstance(record, dict) and record.get("version") == str(version)
    sha = record.get("sha256") if ok else None
    return sha if isinstance(sha, str) and len(sha) == 64 else None


def _download(remote: Remote, name: str) -> bytes:
    try:
        data: bytes = remote.fs.cat_file(remote.path(name))
    except _errors(remote.fs) as exc:
        raise OutputError(
            f"{remote.where(name)}: cannot download it ({_one_line(exc)}): check the URL, the "
            "credentials and the endpoint"
        ) from None
    return data


def push(remote: Remote, names: Iterable[str]) -> list[str]:
    """Upload the staged files ``names`` whose bytes the URL does not hold yet, each whole, one
    after another in the order given (put the manifest last). Returns the names uploaded. A
    failed upload is an :class:`OutputError` naming the URL; the files before it are uploaded,
    the ones after it not."""
    with _lock(remote.local):
        return _push(remote, names)


def _push(remote: Remote, names: Iterable[str]) -> list[str]:
    local = remote.local
    state = load_state(local)
    todo: list[tuple[str, bytes]] = []
    for name in names:
        path = local / name
        record = state.get(name)
        if record is not None and record.get("absent") and not path.exists():
            continue  # known by its checksum record only: the URL holds it (see CHECKSUMS)
        data = path.read_bytes()
        if record is not None and record.get("sha256") == hashlib.sha256(data).hexdigest():
            continue  # the URL holds these bytes (as of the last pull or push)
        todo.append((name, data))
    if not todo:
        return []
    for name, _ in todo:  # not recorded while they go: a crash leaves them to be checked again
        state.pop(name, None)
    save_state(local, state)
    sent = []
    try:
        for name, data in todo:
            version = _upload(remote, name, data)
            state[name] = record_of(local / name, version, data)
            sent.append(name)
            if name.endswith(".mp3"):
                _put_checksum(remote, name, state[name])
    finally:
        save_state(local, state)
    logger.debug("%s: uploaded %s", remote.url, ", ".join(sent) or "nothing")
    return sent


def _put_checksum(remote: Remote, name: str, record: Mapping[str, Any]) -> None:
    """Write the :data:`CHECKSUMS` record of the MP3 ``name`` just uploaded. A record that
    cannot be written is only logged: the MP3 is then downloaded by the next machine."""
    body = json.dumps({"version": record["version"], "sha256": record["sha256"]}).encode()
    target = remote.path(f"{CHECKSUMS}/{name}.json")
    try:
        if _is_local(remote.fs):
            write_atomic(Path(target), body)
        else:
            remote.fs.pipe_file(target, body, **_content_type(remote.fs, target))
    except _errors(remote.fs) as exc:
        logger.debug("%s: checksum record not written (%s)", remote.where(name), exc)


def _upload(remote: Remote, name: str, data: bytes) -> str:
    """Write ``name`` at the URL whole; the version its store gives the new object."""
    fs, target = remote.fs, remote.path(name)
    try:
        if _is_local(fs):
            write_atomic(Path(target), data)  # a file:// URL: renamed into place, as locally
        else:
            fs.pipe_file(target, data, **_content_type(fs, name))
        fs.invalidate_cache(remote.root)
        info = fs.info(target)
        noted(remote, name, info)
    except _errors(fs) as exc:
        raise OutputError(
            f"{remote.where(name)}: upload failed ({_one_line(exc)}): the article there keeps "
            "its previous manifest (audiogen check calls it stale); build again"
        ) from None
    return _version(info)


def _content_type(fs: Any, name: str) -> dict[str, str]:
    """The Content-Type a site serving the bucket should send (s3:// and gs:// store it)."""
    kind = {".vtt": "text/vtt", ".mp3": "audio/mpeg"}.get(Path(name).suffix)
    kind = kind or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.endswith((".html", ".vtt", ".json", ".xml")):
        kind += "; charset=utf-8"
    protocols = _protocols(fs)
    if "s3" in protocols:
        return {"ContentType": kind}
    if "gs" in protocols or "gcs" in protocols:
        return {"content_type": kind}
    return {}


def remove(remote: Remote, names: Iterable[str]) -> None:
    """Delete ``names`` at the URL (in the order given: the manifest first, so the article
    stops being listed before its files go) and their staged copies."""
    with _lock(remote.local):
        _remove(remote, names)


def _remove(remote: Remote, names: Iterable[str]) -> None:
    local = remote.local
    state = load_state(local)
    for name in names:
        try:
            remote.fs.rm_file(remote.path(name))
        except FileNotFoundError:
            pass
        except _errors(remote.fs) as exc:
            raise OutputError(
                f"{remote.where(name)}: cannot remove it ({_one_line(exc)}): check the "
                "credentials, then build --prune again"
            ) from None
        if name.endswith(".mp3"):
            with contextlib.suppress(FileNotFoundError, *_errors(remote.fs)):
                remote.fs.rm_file(remote.path(f"{CHECKSUMS}/{name}.json"))
        noted(remote, name, None)
        (local / name).unlink(missing_ok=True)
        state.pop(name, None)
    remote.fs.invalidate_cache(remote.root)
    save_state(local, state)


def local_view(out_dir: Path | str, cache_dir: Path | str | None = None) -> Path:
    """The local folder to read ``out_dir``'s outputs from: the folder itself, or for a URL its
    staging folder, pulled (every manifest, ``index.html`` and ``feed.xml`` as the URL holds
    them)."""
    remote = remote_for(out_dir, cache_dir)
    if remote is None:
        return Path(out_dir)
    pull(remote)
    return remote.local


def pull_outputs(options: Options, slug: str | None = None) -> None:
    """:func:`pull` for a build of ``options`` into a URL (nothing for a folder)."""
    remote = remote_for(options.out_dir, options.cache_dir)
    if remote is not None:
        pull(remote, slug)


def fetch_output(options: Options, name: str) -> None:
    """Download the output ``name`` of a build of ``options`` into a URL when its staging folder
    knows it by its checksum record only (see :data:`CHECKSUMS`), for a reader that needs its
    bytes (``audiogen verify``); nothing for a folder, or a file already staged."""
    remote = remote_for(options.out_dir, options.cache_dir)
    if remote is None:
        return
    with _lock(remote.local):
        state = load_state(remote.local)
        record, path = state.get(name), remote.local / name
        if record is None or not record.get("absent") or path.exists():
            return
        data = _download(remote, name)
        if hashlib.sha256(data).hexdigest() != record.get("sha256"):
            raise OutputError(
                f"{remote.where(name)}: changed while it was read (its checksum is not the "
                "recorded one): run the command again"
            )
        write_atomic(path, data)
        state[name] = record_of(path, str(record.get("version")), data)
        save_state(remote.local, state)


def drop_staged_audio(cache_dir: Path | str | None = None) -> tuple[int, int]:
    """Delete from this machine's staging folders (below ``cache_dir``) every MP3 that its
    output URL holds as it was staged: the record of its version and checksum stands for it (see
    :data:`CHECKSUMS`), and a reader that needs its bytes downloads it again. Returns how many
    files and bytes went. A long-lived machine keeps no copy of the archive's audio."""
    base = Path(cache_dir) if cache_dir is not None and not is_url(cache_dir) else None
    removed = freed = 0
    for local in sorted(((base or default_cache_dir()) / "outputs").glob("*")):
        if not local.is_dir():
            continue
        with _lock(local):
            state = load_state(local)
            for name, record in sorted(state.items()):
                path = local / name
                if not name.endswith(".mp3") or copy_sha256(path, record) != record.get("sha256"):
                    continue  # not audio, known by its record already, or changed since
                freed += path.stat().st_size
                path.unlink()
                removed += 1
                state[name] = absent_record(record["version"], record["sha256"])
            save_state(local, state)
    return removed, freed


def push_outputs(options: Options, names: Iterable[str]) -> None:
    """:func:`push` for a build of ``options`` into a URL (nothing for a folder)."""
    remote = remote_for(options.out_dir, options.cache_dir)
    if remote is not None:
        push(remote, names)


def article_names(slug: str) -> list[str]:
    """The outputs of the article ``slug`` in the order they are published (manifest last)."""
    return [n.format(slug=slug) for n in ARTICLE_NAMES]


__all__ = [
    "ARTICLE_NAMES",
    "SHARED_NAMES",
    "Remote",
    "article_names",
    "holding",
    "local_view",
    "output_folder",
    "pull",
    "pull_outputs",
    "push",
    "push_outputs",
    "remote_for",
    "remove",
    "drop_staged_audio",
    "fetch_output",
    "staged_sha256",
    "staging_folder",
]
