"""The store's shared tier: content-addressed entries under a URL (``s3://bucket/prefix``,
``gs://bucket/prefix``, ``file:///folder``), read and written through fsspec, so that CI runners
and cluster workers reuse each other's sentences and runs.

The tier only moves bytes: :mod:`audiogen.make.store` decides what an entry is, checks every entry
it reads from here (its checksum framing) and keeps a copy in the machine's own store folder. A
sentence whose run is all a build needs is read by its ends alone (its checksum and rate).
Entries are written once: an upload never replaces an entry another machine stored (S3's
conditional write, ``If-None-Match``), except one found damaged.

A shared tier is a cache, so it never stops a build: one that fails in the middle of a build
(network, permissions, a full bucket) is logged once and left alone for the rest of that build,
which carries on with the machine's own folder; what it did not upload is uploaded by the next
build that makes it. Only a bucket that cannot be reached when the store is opened is an error,
before anything is synthesized: a build that would silently share nothing is not what was asked.

Credentials and endpoints come from where the backend looks for them: for S3, the ``AWS_*``
environment (``AWS_ENDPOINT_URL_S3`` for an S3-compatible store), ``~/.aws``, an instance role;
for Google Cloud Storage, application default credentials; fsspec's own configuration files too.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from audiogen.atomic import write_atomic
from audiogen.errors import ConfigError, OutputError, install_command

logger = logging.getLogger(__name__)

T = TypeVar("T")

_EXTRAS = {"s3": "s3", "s3a": "s3", "gs": "gcs", "gcs": "gcs"}
"""The package extra that installs each protocol's fsspec backend."""

_READ_OPTIONS: dict[str, dict[str, Any]] = {"s3": {"max_concurrency": 1}}
"""What a backend's ``cat_file`` is given to read an entry in one request: s3fs otherwise asks
for the size first (a HEAD, and on a miss a listing too), to split large files into ranges."""


def _install_hint(url: str) -> str:
    protocol = url.split("://", 1)[0].lower()
    extra = _EXTRAS.get(protocol)
    if extra is not None:
        return f"install it with {install_command(extra)}"
    return f"install the fsspec backend for {protocol}://"


def url_key(url: str) -> str:
    """A short name for ``url`` that a folder may carry (its SHA-256, 16 hex digits): the same
    for ``s3://b/p`` and ``s3://b/p/``."""
    return hashlib.sha256(url.rstrip("/").encode("utf-8")).hexdigest()[:16]


def _open(url: str) -> tuple[Any, str]:
    """fsspec's file system for ``url`` and the path in it; a one-line :class:`ConfigError` when
    its backend is not installed or the protocol is unknown."""
    try:
        import fsspec
    except ImportError:
        raise ConfigError(
            f"{url}: a cache on object storage needs fsspec: {_install_hint(url)}"
        ) from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError:
        raise ConfigError(f"{url}: no backend for this URL: {_install_hint(url)}") from None
    except ValueError as exc:
        raise ConfigError(
            f"{url}: not a cache location ({exc}): give a folder, s3://, gs:// or file:// URL"
        ) from None
    return fs, path.rstrip("/")


class SharedTier:
    """Bytes under names (``sentences-v1/ab/cdef....wav``) below a URL. Opening it checks that
    the bucket (or folder) is there and may be read: a one-line :class:`OutputError` naming the
    URL otherwise."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.fs, self.path = _open(self.url)
        protocols = _protocols(self.fs)
        self.local = "file" in protocols
        """A folder on a mounted file system: written with :func:`audiogen.atomic.write_atomic`."""
        self.failed = False
        """Set when an operation failed in the middle of a build: the tier is then left alone."""
        self._read = next((_READ_OPTIONS[p] for p in protocols if p in _READ_OPTIONS), {})
        self._check()

    def _check(self) -> None:
        try:
            if self.local:
                Path(self.path).mkdir(parents=True, exist_ok=True)
            else:
                # the bucket, not the prefix: an empty prefix of a bucket is a fine new cache
                self.fs.info(self.path.split("/", 1)[0])
        except FileNotFoundError:
            raise OutputError(
                f"{self.url}: no such bucket: create it, or give --cache-dir an existing one"
            ) from None
        except Exception as exc:  # a backend's own errors (network, HTTP)
            if _refused(exc):
                raise OutputError(
                    f"{self.url}: access denied ({_why(exc)}): check the credentials (AWS_* "
                    "variables for s3://, application default credentials for gs://)"
                ) from None
            raise OutputError(
                f"{self.url}: cannot reach the shared cache ({_why(exc)}): check the URL, the "
                "network and the endpoint (AWS_ENDPOINT_URL_S3 for an S3-compatible store)"
            ) from None

    def _full(self, name: str) -> str:
        return f"{self.path}/{name}"

    def _fail(self, doing: str, name: str, exc: BaseException) -> None:
        if not self.failed:
            logger.warning(
                "%s: the shared cache failed %s %s (%s): this build goes on with this machine's "
                "cache only",
                self.url,
                doing,
                name,
                _why(exc),
            )
        self.failed = True

    def read(self, name: str) -> bytes | None:
        """The bytes stored under ``name``; ``None`` when there are none (or the tier failed)."""
        if self.failed:
            return None
        try:
            data: bytes = self.fs.cat_file(self._full(name), **self._read)
            return data
        except FileNotFoundError:
            return None
        except Exception as exc:  # a cache that fails is skipped, see the module
            self._fail("reading", name, exc)
            return None

    def ends(self, name: str, head: int, tail: int) -> tuple[bytes, bytes] | None:
        """The first ``head`` and the last ``tail`` bytes stored under ``name`` (two ranged
        reads, not the whole entry); ``None`` when there is none (or the tier failed)."""
        if self.failed:
            return None
        full = self._full(name)
        try:
            first: bytes = self.fs.cat_file(full, start=0, end=head)
            last: bytes = self.fs.cat_file(full, start=-tail)
            return first, last
        except FileNotFoundError:
            return None
        except Exception as exc:  # a cache that fails is skipped, see the module
            self._fail("reading", name, exc)
            return None

    def fetch(self, name: str, into: Path, check: Callable[[bytes], T | None]) -> T | None:
        """What ``check`` makes of the entry under ``name`` (``None``: damaged, and deleted),
        with the entry copied to ``into`` in this machine's folder; ``None`` when missing."""
        data = self.read(name)
        value = check(data) if data is not None else None
        if data is not None and value is None:
            self.discard(name)
        elif data is not None:
            with contextlib.suppress(OSError):  # FileExistsError: stored here meanwhile
                write_atomic(into, data, keep_existing=True)
        return value

    def write(self, name: str, data: bytes, *, replace: bool = False) -> bool:
        """Upload ``data`` under ``name``; unless ``replace``, an entry already stored is kept
        and ``False`` returned (the caller may read it). ``True`` otherwise, also when the tier
        failed (a warning, once)."""
        if self.failed:
            return True
        try:
            if self.local:
                write_atomic(Path(self._full(name)), data, keep_existing=not replace)
            else:
                self.fs.pipe_file(self._full(name), data, mode="overwrite" if replace else "create")
            return True
        except FileExistsError:
            return False
        except Exception as exc:  # a cache that fails is skipped, see the module
            self._fail("writing", name, exc)
            return True

    def discard(self, name: str) -> None:
        """Delete the entry under ``name`` (found damaged: it is made and uploaded again)."""
        logger.warning("%s/%s: damaged shared cache entry, making it again", self.url, name)
        try:
            self.fs.rm_file(self._full(name))
        except FileNotFoundError:
            pass
        except Exception as exc:  # a cache that fails is skipped, see the module
            self._fail("deleting", name, exc)

    def files(self, folder: str) -> Iterator[tuple[str, int]]:
        """Every entry below ``folder``: its name and size in bytes (not temp files being
        written to a mounted folder)."""
        try:
            found = self.fs.find(self._full(folder), detail=True)
        except FileNotFoundError:
            return
        finally:
            self.fs.invalidate_cache()  # a listing is stale as soon as another machine writes
        for full, detail in found.items():
            if detail.get("type") == "file" and not full.rsplit("/", 1)[-1].startswith("."):
                yield full[len(self.path) + 1 :], int(detail.get("size") or 0)

    def clear(self, folder: str) -> None:
        """Delete everything below ``folder``."""
        try:
            self.fs.rm(self._full(folder), recursive=True)
        except FileNotFoundError:
            pass
        finally:
            self.fs.invalidate_cache()


def _protocols(fs: Any) -> tuple[str, ...]:
    protocol = fs.protocol
    return (protocol,) if isinstance(protocol, str) else tuple(protocol)


def _refused(exc: BaseException) -> bool:
    """Whether the store was reached and said no: s3fs raises ``PermissionError``; gcsfs an
    ``HttpError`` with the code 401 (no credentials) or an ``OSError`` "Forbidden" (403)."""
    if isinstance(exc, PermissionError) or getattr(exc, "code", None) in (401, 403):
        return True
    return isinstance(exc, OSError) and str(exc).startswith("Forbidden")


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


__all__ = ["SharedTier", "url_key"]
