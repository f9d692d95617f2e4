"""What an output URL holds (:mod:`audiogen.publish.remote`): its listing, each object's version,
and the errors its backend raises.

A batch lists the URL once (:func:`listing_once`): with tens of thousands of articles at a URL,
each article's check listed every object again (hundreds of requests each on S3). Within the
batch the listing is kept up to date with this process's own uploads and deletions; what other
machines publish meanwhile is seen by the next run (the same holds for ``index.html`` already).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from audiogen.errors import OutputError

if TYPE_CHECKING:
    from audiogen.publish.remote import Remote


@dataclass
class Listings:
    """What a batch knows of its output URLs: each one's listing (name -> what the store says of
    the object), and the URLs whose staging folder it has made agree with that listing."""

    held: dict[str, dict[str, Mapping[str, Any]]] = field(default_factory=dict)
    pulled: set[str] = field(default_factory=set)


_SNAPSHOT: ContextVar[Listings | None] = ContextVar("audiogen_listing", default=None)


@contextlib.contextmanager
def listing_once(kept: Listings | None = None) -> Iterator[None]:
    """Within the block, each output URL is listed once (see the module's description); in
    ``kept`` when given, so that several blocks of one run (a cluster worker's tasks) share it."""
    token = _SNAPSHOT.set(Listings() if kept is None else kept)
    try:
        yield
    finally:
        _SNAPSHOT.reset(token)


def pulled_before(remote: Remote) -> bool:
    """True when the block has made ``remote``'s staging folder agree with its listing before
    (:func:`pulled`): then only what an article asks for needs looking at again."""
    snapshot = _SNAPSHOT.get()
    return snapshot is not None and remote.url in snapshot.pulled


def pulled(remote: Remote) -> None:
    """Note that ``remote``'s staging folder agrees with the block's listing."""
    snapshot = _SNAPSHOT.get()
    if snapshot is not None:
        snapshot.pulled.add(remote.url)


def noted(remote: Remote, name: str, info: Mapping[str, Any] | None) -> None:
    """Record in the block's listing that ``name`` was written (``info``) or deleted (``None``)."""
    snapshot = _SNAPSHOT.get()
    held = snapshot.held.get(remote.url) if snapshot is not None else None
    if held is not None and info is not None:
        held[name] = info
    elif held is not None:
        held.pop(name, None)


def errors_of(fs: Any) -> tuple[type[BaseException], ...]:
    """What ``fs`` raises when its store cannot be reached or refuses: ``OSError`` (fsspec's
    backends translate most of theirs), the S3 client's own connection errors, and gcsfs's
    ``HttpError`` (what Google Cloud Storage answers a caller without credentials, HTTP 401,
    and its errors left after retries)."""
    if "s3" in protocols(fs):
        from botocore.exceptions import BotoCoreError

        return (OSError, BotoCoreError)
    if "gs" in protocols(fs):
        from gcsfs.retry import HttpError

        return (OSError, HttpError)
    return (OSError,)


def protocols(fs: Any) -> tuple[str, ...]:
    """The URL schemes ``fs`` answers to."""
    protocol = fs.protocol
    return (protocol,) if isinstance(protocol, str) else tuple(protocol)


def is_local(fs: Any) -> bool:
    """True when ``fs`` is a mounted file system (a ``file://`` URL)."""
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)


def one_line(exc: BaseException) -> str:
    """``exc`` as one short line, for a message."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def listing(remote: Remote) -> dict[str, Mapping[str, Any]]:
    """Every file directly under the URL, by name, with what the store says of it. A bucket
    that does not exist, refuses, or cannot be reached is an :class:`OutputError` naming it."""
    snapshot = _SNAPSHOT.get()
    if snapshot is not None and remote.url in snapshot.held:
        return snapshot.held[remote.url]  # read only: noted() alone changes it
    fs = remote.fs
    try:
        fs.invalidate_cache(remote.root)  # other builders publish here too
        found = fs.find(remote.root, maxdepth=1, detail=True)
        if not found and not is_local(fs):
            fs.info(remote.root.split("/", 1)[0])  # an empty listing: is there a bucket at all?
    except FileNotFoundError:
        raise OutputError(f"{remote.url}: no such bucket: create it, or fix -o/--out") from None
    except errors_of(fs) as exc:
        raise OutputError(
            f"{remote.url}: cannot list the outputs there ({one_line(exc)}): check the URL, "
            "the credentials and the endpoint (AWS_* variables for s3://, application default "
            "credentials for gs://)"
        ) from None
    out = {}
    for path, info in found.items():
        name = str(path).rstrip("/").rsplit("/", 1)[-1]
        if info.get("type", "file") == "file" and not name.startswith("."):
            out[name] = info
    if snapshot is not None:
        snapshot.held[remote.url] = out
    return out


_VERSION_KEYS = ("ETag", "etag", "generation", "md5Hash", "crc32c", "LastModified", "mtime")


def version_of(info: Mapping[str, Any]) -> str:
    """An object's version as its store lists it: changes whenever the object is written."""
    parts = {key: str(info[key]) for key in _VERSION_KEYS if key in info}
    return json.dumps({**parts, "size": info.get("size")}, sort_keys=True)


__all__ = [
    "Listings",
    "errors_of",
    "is_local",
    "listing",
    "listing_once",
    "noted",
    "pulled",
    "pulled_before",
    "one_line",
    "protocols",
    "version_of",
]
