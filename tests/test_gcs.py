"""Google Cloud Storage (``-o gs://bucket/audio/``, ``--cache-dir gs://bucket/cache``): a real
GCS endpoint (fake-gcs-server over HTTP, which gcsfs talks to as to a cloud bucket), a real engine
(espeak). The shared cache's builds on ``gs://`` are in tests/test_store_remote.py, with S3's."""

from __future__ import annotations

import hashlib
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import fsspec
import pytest
from mutagen.mp3 import MP3

from audiogen.make.shared import SharedTier

from .conftest import run

ARTICLE_FILES = ("{slug}.mp3", "{slug}.json", "{slug}.vtt", "{slug}.chapters.json", "{slug}.html")
CHECKSUM = ".audiogen-sha256/short-news.mp3.json"


def _bucket_fs() -> fsspec.AbstractFileSystem:
    return fsspec.filesystem("gs", skip_instance_cache=True)


def _build(source: Path, out: str, *more: str) -> str:
    result = run("build", str(source), "-o", out, "-e", "espeak", *more)
    assert result.exit_code == 0, result.output_both
    return result.output_both


def test_build_to_gs_matches_a_local_build_and_is_current_elsewhere(
    gcs_bucket: str, short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"gs://{gcs_bucket}/audio/"
    _build(short_article, url, "-q")
    fs = _bucket_fs()
    root = f"{gcs_bucket}/audio"
    held = {p.removeprefix(f"{root}/") for p in fs.find(root)}
    assert held == {n.format(slug="short-news") for n in ARTICLE_FILES} | {"index.html", CHECKSUM}
    mp3 = fs.cat_file(f"{root}/short-news.mp3")
    manifest = json.loads(fs.cat_file(f"{root}/short-news.json"))
    assert manifest["mp3"]["sha256"] == hashlib.sha256(mp3).hexdigest()
    assert json.loads(fs.cat_file(f"{root}/{CHECKSUM}"))["sha256"] == manifest["mp3"]["sha256"]
    assert str(MP3(io.BytesIO(mp3)).tags["TIT2"]) == "Short news"  # type: ignore[index]
    assert fs.info(f"{root}/short-news.mp3")["contentType"] == "audio/mpeg"

    local = tmp_path / "local-out"
    _build(short_article, str(local), "-q", "--force")
    for name in ("short-news.mp3", "short-news.json", "short-news.vtt", "index.html"):
        assert (local / name).read_bytes() == fs.cat_file(f"{root}/{name}"), name

    # another machine: current by the object's generation in the checksum record, the audio
    # never downloaded
    another = tmp_path / "another-machine"
    monkeypatch.setenv("AUDIOGEN_CACHE_DIR", str(another))
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0
    assert "short-news.mp3: up to date" in _build(short_article, url)
    assert not list(another.rglob("*.mp3"))

    # the same bytes written again are a new generation: read, found to be the same, current
    fs.pipe_file(f"{root}/short-news.mp3", mp3, content_type="audio/mpeg")
    assert run("check", str(short_article), "-o", url, "-e", "espeak").exit_code == 0
    fs.pipe_file(f"{root}/short-news.mp3", b"not the MP3 that was published")
    edited = run("check", str(short_article), "-o", url, "-e", "espeak")
    assert edited.exit_code == 1 and "edited by hand" in edited.output_both


def test_an_entry_is_written_once(gcs_bucket: str) -> None:
    """The bucket itself refuses a second upload of an entry (``ifGenerationMatch=0``): the
    object keeps its first generation and bytes, and the writer is told."""
    url = f"gs://{gcs_bucket}/cache"
    tier = SharedTier(url)
    assert tier.write("sentences-v1/ab/cdef.wav", b"first")
    fs = _bucket_fs()
    before = fs.info(f"{gcs_bucket}/cache/sentences-v1/ab/cdef.wav")["generation"]
    assert not SharedTier(url).write("sentences-v1/ab/cdef.wav", b"second")
    fs.invalidate_cache()
    after = fs.info(f"{gcs_bucket}/cache/sentences-v1/ab/cdef.wav")
    assert after["generation"] == before
    assert fs.cat_file(f"{gcs_bucket}/cache/sentences-v1/ab/cdef.wav") == b"first"
    assert SharedTier(url).write("sentences-v1/ab/cdef.wav", b"made again", replace=True)
    assert fs.cat_file(f"{gcs_bucket}/cache/sentences-v1/ab/cdef.wav") == b"made again"
    assert not SharedTier(url).failed


def test_an_entry_is_read_by_its_ends(gcs_bucket: str) -> None:
    """A sentence whose run is all a build needs is known by its ends: two ranged reads, the
    last one a suffix (``Range: bytes=-N``), each exactly the bytes asked for."""
    tier = SharedTier(f"gs://{gcs_bucket}/cache")
    data = bytes(i % 251 for i in range(4000))
    assert tier.write("sentences-v1/ab/cdef.wav", data)
    assert tier.ends("sentences-v1/ab/cdef.wav", 10, 20) == (data[:10], data[-20:])
    assert tier.ends("sentences-v1/ab/none.wav", 10, 20) is None and not tier.failed


@pytest.mark.parametrize(
    "args",
    [
        ("build", "{article}", "-e", "espeak", "-o", "gs://no-such-audiogen-bucket/audio/"),
        ("check", "{article}", "-o", "gs://no-such-audiogen-bucket/audio/"),
        ("build", "{article}", "-e", "espeak", "--cache-dir", "gs://no-such-audiogen-bucket/c"),
        ("cache", "info", "--cache-dir", "gs://no-such-audiogen-bucket/c"),
    ],
)
def test_a_missing_bucket_is_one_line_before_anything_is_spoken(
    args: tuple[str, ...], gcs_endpoint: str, short_article: Path, tmp_path: Path
) -> None:
    argv = [a.format(article=short_article) for a in args]
    if "-o" not in argv and argv[0] != "cache":
        argv += ["-o", str(tmp_path / "out")]
    result = run(*argv)
    assert result.exit_code != 0
    said = [line for line in result.output_both.splitlines() if "no such bucket" in line]
    assert len(said) == 1 and "gs://no-such-audiogen-bucket/" in said[0], result.output_both
    assert "Traceback" not in result.output_both and "speaking" not in result.output_both


DENIED = {
    401: "Anonymous caller does not have storage.objects.list access to the Google Cloud "
    "Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist).",
    403: "audiogen@example.iam.gserviceaccount.com does not have storage.objects.list access to "
    "the Google Cloud Storage bucket.",
}
"""What Google Cloud Storage answers a caller without credentials (401) and one whose account
may not list the bucket (403)."""


@pytest.fixture(params=sorted(DENIED))
def refusing_endpoint(
    request: pytest.FixtureRequest, gcs_endpoint: str, monkeypatch: pytest.MonkeyPatch
):
    """A Google Cloud Storage endpoint over HTTP that refuses every request as the service
    refuses a caller it does not let in: the status and JSON error body GCS sends."""
    status = request.param

    class Refuse(BaseHTTPRequestHandler):
        def answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            error = {"code": status, "message": DENIED[status]}
            body = json.dumps({"error": {**error, "errors": [error]}}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = answer

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", f"http://127.0.0.1:{server.server_port}")
    yield status
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (("build", "{article}", "-e", "espeak", "-o", "{url}/audio/"), "cannot list the outputs"),
        (("check", "{article}", "-o", "{url}/audio/"), "cannot list the outputs"),
        (("build", "{article}", "-e", "espeak", "--cache-dir", "{url}/cache"), "access denied"),
        (("cache", "info", "--cache-dir", "{url}/cache"), "access denied"),
    ],
)
def test_a_bucket_that_refuses_is_one_line_naming_the_credentials(
    args: tuple[str, ...], expect: str, refusing_endpoint: int, short_article: Path, tmp_path: Path
) -> None:
    """Refused, gcsfs raises its own HttpError (401) or an OSError "Forbidden" (403): -o gs://
    had printed a traceback for the first, and --cache-dir gs:// called both "cannot reach the
    shared cache", pointing at an S3 endpoint variable."""
    url = "gs://private-audiogen-bucket"
    argv = [a.format(article=short_article, url=url) for a in args]
    if "-o" not in argv and argv[0] != "cache":
        argv += ["-o", str(tmp_path / "out")]
    result = run(*argv)
    assert result.exit_code != 0
    said = [line for line in result.output_both.splitlines() if expect in line]
    assert len(said) == 1, result.output_both
    assert url in said[0] and "application default credentials for gs://" in said[0]
    assert str(refusing_endpoint) in said[0] or "Forbidden" in said[0]
    assert "Traceback" not in result.output_both and "speaking" not in result.output_both
    assert "failed unexpectedly" not in result.output_both


@pytest.mark.parametrize("refusing_endpoint", [401], indirect=True)
def test_the_command_says_a_refusal_in_one_line(
    refusing_endpoint: int, short_article: Path, tmp_path: Path
) -> None:
    """gcsfs logs each failed request with its traceback: the command's stderr holds only its
    own line (run as a user runs it: the log goes to stderr only outside the test runner)."""
    import os
    import subprocess
    import sys

    url = "gs://private-audiogen-bucket/audio/"
    done = subprocess.run(
        [sys.executable, "-c", "from audiogen.cli import main; main()", "build"]
        + [str(short_article), "-o", url, "-e", "espeak"],
        env={**os.environ, "FSSPEC_GS_TOKEN": "anon"},  # no credentials, by fsspec configuration
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert done.stderr.splitlines() == [done.stderr.strip()], done.stderr
    assert url in done.stderr and "cannot list the outputs there" in done.stderr
