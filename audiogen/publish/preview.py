"""The preview server content staff open a build in: the output folder over HTTP with Range
requests, which a browser needs to seek in audio. ``python3 -m http.server`` answers every request
with the whole file, so clicking a sentence of the read-along text plays from 0:00 there."""

from __future__ import annotations

import functools
import http.server
import io
import logging
import os
import re
from pathlib import Path
from typing import Any

from audiogen.errors import OutputError

logger = logging.getLogger(__name__)

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a single-range ``Range`` header asks of a ``size``-byte file
    (``bytes=0-99``, ``bytes=100-``, ``bytes=-100``), or ``None`` when it cannot be served."""
    m = _RANGE.fullmatch(header.strip())
    if not m or not (m.group(1) or m.group(2)) or not size:
        return None
    if not m.group(1):  # the last N bytes
        start, end = max(0, size - int(m.group(2))), size - 1
    else:
        start = int(m.group(1))
        end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
    return (start, end) if start <= end and start < size else None


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` that answers a single byte range with 206 Partial Content."""

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")  # tells the browser it may ask for ranges
        super().end_headers()

    def send_head(self) -> Any:
        header = self.headers.get("Range")
        path = self.translate_path(self.path)
        # several ranges at once (multipart answers) are rare: the whole file answers them
        if not header or "," in header or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            wanted = byte_range(header, size)
            if wanted is None:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            start, end = wanted
            f.seek(start)
            body = f.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        logger.info("%s " + format, self.address_string(), *args)


def preview_server(
    out_dir: Path, host: str = "127.0.0.1", port: int = 8000
) -> http.server.ThreadingHTTPServer:
    """A server for ``out_dir`` (not yet serving: call ``serve_forever``); port 0 picks a free
    one. Raises :class:`OutputError` when the folder holds no build, or the port is taken."""
    if not (out_dir / "index.html").is_file():
        raise OutputError(
            f"{out_dir}: no index.html here: build first (audiogen build articles/ -o {out_dir})"
        )
    handler = functools.partial(RangeHandler, directory=str(out_dir))
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise OutputError(
            f"cannot serve {out_dir} on {host}:{port} ({exc.strerror}): pick another --port"
        ) from None


__all__ = ["RangeHandler", "byte_range", "preview_server"]
