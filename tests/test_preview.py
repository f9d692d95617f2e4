"""audiogen serve: the output folder over HTTP with the Range requests browsers seek with."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from audiogen.errors import OutputError
from audiogen.publish.preview import byte_range, preview_server

from .conftest import ROOT

BODY = bytes(range(256)) * 40  # 10240 bytes


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 10239)),
        ("bytes=-100", (10140, 10239)),
        ("bytes=10000-20000", (10000, 10239)),
        ("bytes=-20000", (0, 10239)),
        ("bytes=10240-", None),
        ("bytes=5-1", None),
        ("bytes=-", None),
        ("items=0-1", None),
    ],
)
def test_byte_range(header: str, expected: tuple[int, int] | None) -> None:
    assert byte_range(header, len(BODY)) == expected


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (tmp_path / "story.mp3").write_bytes(BODY)
    server = preview_server(tmp_path, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str, range_: str | None = None):
    request = urllib.request.Request(url, headers={"Range": range_} if range_ else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, b""


@pytest.mark.parametrize(
    ("range_", "status", "content_range", "body"),
    [
        (None, 200, None, BODY),
        ("bytes=1000-1999", 206, "bytes 1000-1999/10240", BODY[1000:2000]),
        ("bytes=10000-", 206, "bytes 10000-10239/10240", BODY[10000:]),
        ("bytes=-16", 206, "bytes 10224-10239/10240", BODY[-16:]),
        ("bytes=99999-", 416, "bytes */10240", b""),
    ],
)
def test_range_requests(
    site: str, range_: str | None, status: int, content_range: str | None, body: bytes
) -> None:
    got_status, headers, got = _get(f"{site}/story.mp3", range_)
    assert got_status == status
    assert headers.get("Content-Range") == content_range
    assert got == body
    if status < 400:
        assert headers["Accept-Ranges"] == "bytes"
        assert headers["Content-Type"] == "audio/mpeg"
        assert int(headers["Content-Length"]) == len(body)


def test_a_folder_without_a_build_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no index.html here: build first"):
        preview_server(tmp_path, port=0)


def test_serve_command_serves_the_review_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>review</title>", encoding="utf-8")
    (tmp_path / "story.mp3").write_bytes(BODY)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "audiogen",
            "serve",
            "-o",
            str(tmp_path),
            "--port",
            "0",
            "--no-open",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line.startswith(f"serving {tmp_path} at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].split()[0]
        assert url.endswith("/index.html")
        status, _, page = _get(url)
        assert status == 200 and b"review" in page
        status, _, part = _get(url.replace("index.html", "story.mp3"), "bytes=0-9")
        assert status == 206 and part == BODY[:10]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
