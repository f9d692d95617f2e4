"""An article's cover image (front matter ``image`` or ``cover``), checked before anything is
spoken: a local file must lie inside the article's folder (or the configured ``assets`` folder) and
be a real JPEG or PNG within :data:`MAX_COVER_BYTES` and :data:`MAX_COVER_PX`; a URL is fetched
with a size and time limit, and when it cannot be fetched the build goes on without a cover."""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import struct
from dataclasses import replace
from pathlib import Path

from audiogen.atomic import write_atomic
from audiogen.errors import InputError
from audiogen.types import Article

logger = logging.getLogger(__name__)

MAX_COVER_BYTES = 8_000_000
"""Largest cover accepted: a 3000 px square JPEG is 1-3 MB; more would bloat every MP3."""

MAX_COVER_PX = 3000
"""Largest width or height accepted: Apple Podcasts asks for 1400-3000 px square artwork."""

FETCH_TIMEOUT_S = 10.0
"""How long fetching a cover URL may take (connecting, then each read)."""

_JPEG, _PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"
# JPEG frame headers carry the size; C4 (Huffman tables), C8 and CC (arithmetic coding) do not.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """``(mime, width, height)`` of a JPEG or PNG by its bytes, or ``None`` when it is neither."""
    if data.startswith(_PNG) and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if not data.startswith(_JPEG):
        return None
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return "image/jpeg", width, height
        at += 2 + length
    return None


def _check_bytes(name: str, size: int) -> None:
    if size > MAX_COVER_BYTES:
        raise InputError(
            f"{name}: the cover image is over the {MAX_COVER_BYTES / 1e6:.0f} MB limit: "
            f"save it smaller (1400-{MAX_COVER_PX} px square)"
        )


def check_cover(name: str, data: bytes) -> str:
    """The MIME type of the cover ``data`` (from ``name``), or a one-line :class:`InputError`."""
    _check_bytes(name, len(data))
    found = image_size(data)
    if found is None:
        raise InputError(
            f"{name}: the cover is not a JPEG or PNG image: convert it, or fix 'image' in the "
            "front matter"
        )
    mime, width, height = found
    if not (0 < width <= MAX_COVER_PX and 0 < height <= MAX_COVER_PX):
        raise InputError(
            f"{name}: the cover image is {width}x{height} px, over {MAX_COVER_PX} px: "
            f"scale it to 1400-{MAX_COVER_PX} px square"
        )
    return mime


def resolve_cover(
    article: Article, assets: Path | None = None, cache: Path | None = None
) -> Article:
    """``article`` with its cover checked: a local file inside its folder (or ``assets``), a
    fetched URL saved into ``cache``, or no cover when a URL cannot be fetched (a warning).
    Raises :class:`InputError` naming the article and the fix."""
    cover = article.cover
    if not cover:
        return article
    if "://" in cover:
        fetched = fetch_cover(article.source, cover, cache)
        return replace(article, cover=str(fetched) if fetched else None)
    path = Path(cover).resolve()
    folders = [Path(article.source).parent.resolve()] if article.source != "-" else []
    folders += [assets.resolve()] if assets is not None else []
    if not any(path.is_relative_to(folder) for folder in folders):
        where = " or the assets folder" if assets is not None else ""
        raise InputError(
            f"{article.source}: the cover {cover} is outside the article's folder{where}: "
            "move the image next to the article (or set assets in audiogen.toml)"
        )
    name = f"{article.source}: {cover}"
    try:
        _check_bytes(name, path.stat().st_size)  # before reading it all in
        data = path.read_bytes()
    except OSError:
        raise InputError(
            f"{name}: cover image not found: fix 'image' in the front matter"
        ) from None
    mime = check_cover(name, data)
    if mimetypes.guess_type(path.name)[0] != mime:
        raise InputError(f"{name}: the cover is a {mime} image: give it the matching extension")
    return replace(article, cover=str(path))


def fetch_cover(source: str, url: str, cache: Path | None) -> Path | None:
    """Fetch the cover at ``url`` into ``cache`` (within :data:`MAX_COVER_BYTES` and
    :data:`FETCH_TIMEOUT_S`); the copy fetched before when offline; ``None``, with a warning, when
    there is neither. A fetched file that is not a JPEG or PNG is an :class:`InputError`."""
    import requests

    if not url.startswith(("http://", "https://")):
        raise InputError(f"{source}: cover {url} is not an http(s) URL: fix 'image'")
    folder = (cache or Path(".")) / "covers"
    stem = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    before = [p for p in (folder / f"{stem}.jpg", folder / f"{stem}.png") if p.is_file()]
    try:
        with requests.get(url, stream=True, timeout=FETCH_TIMEOUT_S) as response:
            response.raise_for_status()
            data = b""
            for part in response.iter_content(65536):
                data += part
                if len(data) > MAX_COVER_BYTES:
                    break
    except requests.RequestException as exc:
        if before:
            return before[0]
        logger.warning("%s: cover %s not fetched (%s): building without a cover", source, url, exc)
        return None
    mime = check_cover(f"{source}: {url}", data)
    if cache is None:
        return None
    saved = folder / (stem + (".png" if mime == "image/png" else ".jpg"))
    saved.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(saved, data)
    return saved


__all__ = ["MAX_COVER_BYTES", "MAX_COVER_PX", "check_cover", "fetch_cover", "resolve_cover"]
