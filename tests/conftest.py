"""Shared fixtures and helpers: paths, the CLI runner, a real Piper engine loaded once, small real
articles, and real bytes (a PNG, an MP3 wrapped as Google sends it) for fakes to answer with."""

from __future__ import annotations

import base64
import json
import math
from array import array
from pathlib import Path

import pytest
from click.testing import CliRunner

from audiogen.cli import cli

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
    import os

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
    import os

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


@pytest.fixture
def s3_bucket(s3_endpoint: str, request: pytest.FixtureRequest) -> str:
    """A new, empty bucket on :func:`s3_endpoint`; its name."""
    import re

    import fsspec

    name = re.sub(r"[^a-z0-9-]", "-", request.node.name.lower())[:40].strip("-") + "-bucket"
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    if fs.exists(name):
        fs.rm(name, recursive=True)
    fs.mkdir(name)
    fs.invalidate_cache()
    return name
