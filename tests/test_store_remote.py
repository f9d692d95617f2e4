"""The store with a shared tier on object storage (``--cache-dir s3://bucket/prefix``): real
builds with espeak against an S3 endpoint that s3fs reaches over HTTP (moto's server mode), and
against a ``file://`` URL. A second machine is a fresh local cache folder with the same URL."""

from __future__ import annotations

import importlib
import logging
import re
import sys
from pathlib import Path

import fsspec
import pytest

from audiogen.config import options_for
from audiogen.errors import ConfigError, OutputError, install_command
from audiogen.make.entries import read_run_entry, read_sound_entry
from audiogen.make.store import Store, entry_checksum
from audiogen.pipeline import build
from audiogen.types import Audio

from .conftest import run


def _audio(seed: int) -> Audio:
    return Audio(bytes((i * seed) % 256 for i in range(400)), 16000, 2, 1)


@pytest.fixture(params=["s3", "gs", "file"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A shared cache's URL: a prefix of a fresh S3 or Google Cloud Storage bucket, or a folder
    named by file://."""
    if request.param == "file":
        return f"file://{tmp_path / 'bucket'}"
    bucket = request.getfixturevalue({"s3": "s3_bucket", "gs": "gcs_bucket"}[request.param])
    return f"{request.param}://{bucket}/audiogen/cache"


def _machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> Path:
    """Another machine: a fresh, empty local cache folder."""
    folder = tmp_path / name
    monkeypatch.setenv("AUDIOGEN_CACHE_DIR", str(folder))
    return folder


def _entries(url: str, suffix: str) -> list[str]:
    fs, root = fsspec.core.url_to_fs(url)
    fs.invalidate_cache()
    return sorted(p for p in fs.find(root) if p.endswith(suffix))


def _build(article: Path, out: Path, url: str, progress=None):
    options = options_for(
        article.parent, {"out_dir": out, "engine": "espeak", "jobs": 1, "cache_dir": url}
    )
    return build(article, options, progress)


def test_a_second_machine_synthesizes_nothing_and_publishes_the_same_bytes(
    url: str, short_article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _machine(tmp_path, monkeypatch, "first")
    _build(short_article, tmp_path / "out1", url)
    sentences = _entries(url, ".wav")
    assert len(sentences) == 5 and len(_entries(url, ".run")) == 5
    assert not list(first.glob("sentences-v*")), "the local tier is a subfolder named by the URL"

    second = _machine(tmp_path, monkeypatch, "second")
    calls: list[tuple[int, int, int]] = []
    _build(
        short_article,
        tmp_path / "out2",
        url,
        lambda _s, d, t, cached=0: calls.append((d, t, cached)),
    )
    assert calls[0] == (0, 5, 5)  # every sentence found in the shared tier
    assert calls[1:] == [(5, 5, 0)]  # and every run: nothing synthesized, nothing mastered
    for name in ("short-news.mp3", "short-news.json"):
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()
    manifest = (tmp_path / "out2" / "short-news.json").read_text(encoding="utf-8")
    for where in (url, url.split("://", 1)[1], str(first), str(second)):
        assert where not in manifest  # the cache's location is not part of what is published
    # the runs were fetched, checked and kept here; the sentences' sound was never downloaded:
    # their runs were found from the checksums at the ends of their entries
    assert len(list(second.rglob("*.run"))) == 5
    assert not list(second.rglob("*.wav"))


@pytest.mark.parametrize(
    ("suffix", "reader"), [(".wav", read_sound_entry), (".run", read_run_entry)]
)
def test_a_damaged_shared_entry_is_made_again_and_replaced(
    url: str,
    suffix: str,
    reader,
    short_article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _machine(tmp_path, monkeypatch, "first")
    _build(short_article, tmp_path / "out1", url)
    fs, _ = fsspec.core.url_to_fs(url)
    damaged = _entries(url, suffix)[2]
    data = bytearray(fs.cat_file(damaged))
    data[len(data) // 2] ^= 0xFF
    fs.pipe_file(damaged, bytes(data))

    if suffix == ".wav":  # a sentence is read only to make its run: here, every one
        for run in _entries(url, ".run"):
            fs.rm_file(run)

    _machine(tmp_path, monkeypatch, "second")
    calls: list[tuple[int, int, int]] = []
    _build(
        short_article,
        tmp_path / "out2",
        url,
        lambda _s, d, t, cached=0: calls.append((d, t, cached)),
    )
    assert calls[0] == (0, 5, 5)  # the damage is inside: the entries' ends are whole
    if suffix == ".run":  # made again from its sentence, the same (espeak itself is not
        # deterministic, so a sentence spoken again may differ a little)
        out1, out2 = (tmp_path / out / "short-news.mp3" for out in ("out1", "out2"))
        assert out1.read_bytes() == out2.read_bytes()
    fs.invalidate_cache()
    key = damaged.rsplit("/", 2)[-2] + damaged.rsplit("/", 1)[-1].removesuffix(suffix)
    assert reader(key, fs.cat_file(damaged)) is not None  # replaced by a good entry


def test_the_first_upload_wins_on_every_machine(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _machine(tmp_path, monkeypatch, "first")
    key = Store(url).sentences.key({"engine": "test"}, "Hello.")
    assert Store(url).sentences.put(key, _audio(3)) == _audio(3)
    _machine(tmp_path, monkeypatch, "second")
    store = Store(url)
    assert store.sentences.put(key, _audio(5)) == _audio(3)  # the other machine's take is used
    assert store.sentences.get(key) == _audio(3)  # here too from now on
    assert store.sentences.entry_id(key) is not None


def test_an_entry_only_in_the_shared_tier_has_an_entry_id(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _machine(tmp_path, monkeypatch, "first")
    key = Store(url).sentences.key({"engine": "test"}, "Hello.")
    Store(url).sentences.put(key, _audio(3))
    _machine(tmp_path, monkeypatch, "second")
    found = Store(url).sentences.entry_id(key)
    assert found is not None and found.sample_rate == 16000
    assert not list((tmp_path / "second").rglob("*.wav"))  # read by its ends, not downloaded
    whole = Store(url).sentences.get(key)  # downloaded and checked
    assert whole is not None and found.checksum == entry_checksum(key, whole)
    _machine(tmp_path, monkeypatch, "third")
    assert Store(url).sentences.entry_id(Store(url).sentences.key({}, "Never said.")) is None


def test_a_shared_tier_that_fails_mid_build_warns_once_and_the_build_publishes(
    s3_bucket: str,
    short_article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"s3://{s3_bucket}/cache"

    def bucket_goes_away(_slug: str, done: int, _total: int, cached: int = 0) -> None:
        if done == 0:  # after the store was opened, before anything is uploaded
            fsspec.filesystem("s3").rm(s3_bucket, recursive=True)

    with caplog.at_level(logging.WARNING, logger="audiogen.make.shared"):
        manifest = _build(short_article, tmp_path / "out", url, bucket_goes_away)
    assert (tmp_path / "out" / "short-news.mp3").is_file() and len(manifest.sentences) == 5
    warnings = [r for r in caplog.records if r.name == "audiogen.make.shared"]
    assert len(warnings) == 1 and url in warnings[0].getMessage()


@pytest.mark.parametrize(
    "args",
    [
        ("build", "-e", "espeak", "-q"),
        ("cache", "info"),
    ],
)
def test_a_missing_bucket_is_a_one_line_error_before_anything_is_spoken(
    args: tuple[str, ...], s3_endpoint: str, short_article: Path, tmp_path: Path
) -> None:
    url = "s3://no-such-audiogen-bucket/cache"
    more = (str(short_article), "-o", str(tmp_path / "out")) if args[0] == "build" else ()
    result = run(*args, *more, "--cache-dir", url)
    assert result.exit_code != 0
    assert f"{url}: no such bucket" in result.stderr
    assert "Traceback" not in result.output_both
    assert len([line for line in result.stderr.splitlines() if url in line]) == 1
    assert not (tmp_path / "out" / "short-news.mp3").exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "gs://bucket/cache",
            rf"gs://bucket/cache: no backend .* {re.escape(install_command('gcs'))}",
        ),
        ("nosuch://bucket/cache", r"nosuch://bucket/cache: not a cache location"),
    ],
)
def test_a_url_without_a_backend_is_a_config_error_naming_the_fix(
    url: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "gcsfs", None)  # as if it were not installed
    loaded = importlib.import_module("fsspec.registry")._registry  # by an earlier test
    for protocol in ("gs", "gcs"):
        monkeypatch.delitem(loaded, protocol, raising=False)
    with pytest.raises(ConfigError, match=message):
        Store(url)


def test_the_environment_may_name_a_url(
    s3_bucket: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"s3://{s3_bucket}/from-env"
    monkeypatch.setenv("AUDIOGEN_CACHE_DIR", url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # where the local tier goes
    store = Store()
    assert store.url == url and (tmp_path / "xdg") in store.root.parents
    key = store.sentences.key({"engine": "test"}, "Hello.")
    store.sentences.put(key, _audio(3))
    assert len(_entries(url, ".wav")) == 1
    result = run("cache", "info")
    assert result.exit_code == 0, result.output_both
    assert f"{url}: 1 sentences, 0 runs" in result.stdout


def test_cache_clear_leaves_the_shared_tier_unless_asked(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _machine(tmp_path, monkeypatch, "first")
    store = Store(url)
    store.sentences.put(store.sentences.key({"engine": "test"}, "Hello."), _audio(3))
    result = run("cache", "clear", "--cache-dir", url)
    assert result.exit_code == 0 and "removed 1 sentences" in result.stderr
    assert Store(url).info().shared_entries == 1 and Store(url).info().entries == 0
    result = run("cache", "clear", "--shared", "--cache-dir", url)
    assert result.exit_code == 0 and "removed 1 sentences" in result.stderr
    assert Store(url).info().shared_entries == 0


def test_an_unreachable_endpoint_is_an_output_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    fs_class = type(fsspec.filesystem("s3"))
    fs_class.clear_instance_cache()  # the next one reads the environment again
    try:
        with pytest.raises(OutputError, match="s3://bucket/cache: cannot reach the shared cache"):
            Store("s3://bucket/cache")
    finally:
        fs_class.clear_instance_cache()
