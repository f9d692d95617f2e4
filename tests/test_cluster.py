"""Builds on a Dask cluster: a real LocalCluster with worker processes, the default voice, and the
bytes compared with a local build's. Shards for CI matrices."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from audiogen.make.batch import build_many, in_shard, parse_shard
from audiogen.make.cluster import ClusterSpec, Tally
from audiogen.pipeline import speech_script
from tests.conftest import run

distributed = pytest.importorskip("distributed")

ARTICLES = {
    "harbour.md": (
        "---\ntitle: Harbour reopens\nlang: en\n---\n\n"
        "The council met today. The harbour reopens on Monday after two years of repairs.\n\n"
        "Fishing crews welcomed the news."
    ),
    "library.md": (
        "---\ntitle: Library hours\nlang: en\n---\n\n"
        "The council met today. The central library will open until nine in the evening.\n\n"
        "Readers had asked for longer hours."
    ),
}


@pytest.fixture(scope="module")
def scheduler(s3_endpoint):
    """A LocalCluster of two worker processes, one thread each: its scheduler's address. Its
    workers reach the S3 endpoint as this process does (they inherit its environment)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},
    ) as cluster:
        yield cluster.scheduler_address


def _articles(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _distinct_sentences(folder: Path) -> int:
    texts = set()
    for path in sorted(folder.glob("*.md")):
        texts.update(s.text for s in speech_script(path).sentences)
    return len(texts)


def test_cluster_build_is_byte_identical_and_speaks_each_sentence_once(tmp_path, scheduler):
    # the shared sentence ends a paragraph here: the same sound with a longer pause, mastered
    # apart from the run its speaking task made
    pier = (
        "---\ntitle: Pier repairs\nlang: en\n---\n\nThe council met today.\n\nThe pier will close."
    )
    articles = _articles(tmp_path / "articles", {**ARTICLES, "pier.md": pier})
    local = build_many([articles], {"out_dir": tmp_path / "local", "cache_dir": tmp_path / "c1"})
    assert all(o.manifest is not None and o.error is None for o in local)

    tallies: list[Tally] = []
    spec = ClusterSpec(scheduler=scheduler)
    overrides = {"out_dir": tmp_path / "cluster", "cache_dir": tmp_path / "c2"}
    outcomes = build_many([articles], overrides, cluster=spec, on_tally=tallies.append)
    assert [o.error for o in outcomes] == [None, None, None]
    assert [o.source.name for o in outcomes] == ["harbour.md", "library.md", "pier.md"]

    # every published file, MP3s and manifests included, is the local build's byte for byte
    assert _outputs(tmp_path / "cluster") == _outputs(tmp_path / "local")
    last = tallies[-1]
    distinct = _distinct_sentences(articles)
    assert last.articles_done == 3
    assert distinct < sum(len(o.manifest.sentences) for o in outcomes if o.manifest)  # shared
    assert (last.sentences, last.synthesized) == (distinct, distinct)

    # each worker constructed the voice once for all its tasks
    with distributed.Client(scheduler) as client:
        loads = client.run(lambda dask_worker: dask_worker.plugins["audiogen-voices"].loads)
    assert sorted(loads.values()) in ([1, 1], [0, 1])

    # a warm store: nothing is spoken, the bytes are the same again
    warm = {"out_dir": tmp_path / "warm", "cache_dir": tmp_path / "c1", "force": True}
    tallies.clear()
    build_many([articles], warm, cluster=spec, on_tally=tallies.append)
    assert tallies[-1].synthesized == 0
    assert _outputs(tmp_path / "warm") == _outputs(tmp_path / "local")


def test_cluster_builds_from_a_shared_bucket_into_a_bucket(tmp_path, scheduler, s3_bucket):
    """Store and outputs in a bucket, as CI runners and cluster workers share them: the bucket's
    MP3s and manifests are a local build's, and a second run finds every sentence there."""
    import fsspec

    from audiogen.make.batch import check_many

    articles = _articles(tmp_path / "articles")
    build_many([articles], {"out_dir": tmp_path / "local", "cache_dir": tmp_path / "c1"})
    remote = {"out_dir": f"s3://{s3_bucket}/audio", "cache_dir": f"s3://{s3_bucket}/cache"}
    spec = ClusterSpec(scheduler=scheduler)
    tallies: list[Tally] = []
    outcomes = build_many([articles], remote, cluster=spec, on_tally=tallies.append)
    assert [o.error for o in outcomes] == [None, None]
    assert tallies[-1].synthesized == _distinct_sentences(articles)
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    local = _outputs(tmp_path / "local")
    published = {n: b for n, b in local.items() if n.endswith((".mp3", ".json"))}
    assert len(published) == 6  # MP3, manifest and chapters of each
    assert {n: fs.cat(f"{s3_bucket}/audio/{n}") for n in published} == published

    # another runner: the bucket's sentences are found, the bytes are the same
    tallies.clear()
    build_many([articles], {**remote, "force": True}, cluster=spec, on_tally=tallies.append)
    assert tallies[-1].synthesized == 0
    assert [s.reasons for s in check_many([articles], remote)] == [(), ()]


def test_one_bad_article_is_reported_and_the_rest_finish(tmp_path, scheduler):
    articles = _articles(
        tmp_path / "articles",
        {
            **ARTICLES,
            "empty.md": "---\ntitle: \n---\n\n",
            "binary.txt": "\x00\x01\x02 not text",
        },
    )
    outcomes = build_many(
        [articles],
        {"out_dir": tmp_path / "out", "cache_dir": tmp_path / "cache"},
        cluster=ClusterSpec(scheduler=scheduler),
    )
    by_name = {o.source.name: o for o in outcomes}
    assert by_name["harbour.md"].manifest is not None and by_name["library.md"].manifest
    for bad in ("empty.md", "binary.txt"):
        error = str(by_name[bad].error)
        assert bad in error and "\n" not in error, error
    assert sorted(p.name for p in (tmp_path / "out").glob("*.mp3")) == [
        "harbour.mp3",
        "library.mp3",
    ]


def test_a_worker_killed_mid_run_loses_only_its_sentences(tmp_path):
    """SIGKILL one worker process as soon as the first sentence is stored: Dask runs its tasks
    again elsewhere, the article is built, and its bytes are the local build's."""
    from distributed import Client, LocalCluster

    long = " ".join(f"Item {n} of the agenda was read aloud and approved." for n in range(1, 9))
    articles = _articles(
        tmp_path / "articles",
        {"agenda.md": f"---\ntitle: Agenda\nlang: en\n---\n\n{long}\n\nThe meeting closed."},
    )
    build_many([articles], {"out_dir": tmp_path / "local", "cache_dir": tmp_path / "c1"})

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = list(client.run(os.getpid).values())
        killed = threading.Event()

        def kill_one(tally: Tally) -> None:
            if tally.sentences_done >= 1 and not killed.is_set():
                killed.set()
                os.kill(pids[0], signal.SIGKILL)

        outcomes = build_many(
            [articles],
            {"out_dir": tmp_path / "cluster", "cache_dir": tmp_path / "c2"},
            cluster=ClusterSpec(scheduler=cluster.scheduler_address),
            on_tally=kill_one,
        )
    assert killed.is_set()
    assert outcomes[0].error is None, outcomes[0].error
    assert _outputs(tmp_path / "cluster") == _outputs(tmp_path / "local")


def test_cli_workers_builds_with_progress_and_quiet_dask(tmp_path):
    articles = _articles(tmp_path / "articles")
    # Dask's own port taken, as by another build or a notebook's cluster: no warning about it
    busy = socket.socket()
    with contextlib.suppress(OSError):  # taken already: the same case
        busy.bind(("", 8787))
        busy.listen()
    with busy:
        result = _cli_workers(articles, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2/2 articles" in result.stderr and "sentences synthesized" in result.stderr
    assert "distributed." not in result.stderr  # Dask's own INFO logs stay quiet without -v
    assert "already in use" not in result.stderr


def _cli_workers(articles: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "audiogen",
            "build",
            str(articles),
            "-o",
            str(tmp_path / "out"),
            "--workers",
            "2",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert sorted(p.name for p in (tmp_path / "out").glob("*.mp3")) == [
        "harbour.mp3",
        "library.mp3",
    ]


def test_without_cluster_flags_dask_is_not_imported(tmp_path, short_article):
    code = (
        "import sys\n"
        "from audiogen.cli import main\n"
        f"sys.argv = ['audiogen', 'build', {str(short_article)!r}, '-e', 'espeak',"
        f" '-o', {str(tmp_path / 'out')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('distributed' in sys.modules, 'dask' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_no_scheduler_there_is_one_line(tmp_path, short_article):
    started = time.monotonic()
    result = run(
        "build", str(short_article), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"
    )
    assert result.exit_code != 0
    assert "tcp://127.0.0.1:9: no Dask scheduler answers there" in result.stderr
    assert "Traceback" not in result.output_both
    assert time.monotonic() - started < 60


def test_cluster_refuses_stdin(tmp_path):
    result = run("build", "-", "-o", str(tmp_path), "--workers", "1", input="Hello there.")
    assert result.exit_code != 0
    assert "cannot read standard input" in result.stderr


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1/1", (1, 1)),
        ("2/4", (2, 4)),
        (" 3 / 3 ", (3, 3)),
        ("0/2", None),
        ("3/2", None),
        ("2", None),
        ("a/b", None),
        ("1/0", None),
    ],  # fmt: skip
)
def test_parse_shard(text, expected):
    if expected is None:
        with pytest.raises(Exception, match="K/N"):
            parse_shard(text)
    else:
        assert parse_shard(text) == expected


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_shards_partition_the_articles_stably(n):
    paths = [Path(f"articles/story-{i}.md") for i in range(60)]
    owners = [[k for k in range(1, n + 1) if in_shard(p, (k, n))] for p in paths]
    assert all(len(o) == 1 for o in owners)  # each article in exactly one shard
    if n > 1:
        assert len({o[0] for o in owners}) == n  # and no shard left empty by 60 articles
    # adding articles never moves one already there
    more = paths + [Path(f"articles/new-{i}.md") for i in range(20)]
    assert [[k for k in range(1, n + 1) if in_shard(p, (k, n))] for p in more[:60]] == owners


def test_shards_together_build_everything_and_prune_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _articles(tmp_path / "articles")
    for k in (1, 2):
        result = run("build", "articles", "-e", "espeak", "--shard", f"{k}/2", "--prune")
        assert result.exit_code == 0, result.output_both
        assert "removed" not in result.output_both and "is gone" not in result.output_both
    assert sorted(p.name for p in (tmp_path / "output").glob("*.mp3")) == [
        "harbour.mp3",
        "library.mp3",
    ]
    assert run("check", "articles", "-e", "espeak", "--shard", "2/2").exit_code == 0


def test_tally_line():
    from audiogen.cli.progress import _tally_line

    tally = Tally(articles=4, articles_done=2, sentences=10, sentences_done=5, started=100.0)
    assert _tally_line(tally, 110.0) == (
        "2/4 articles, 5/10 sentences synthesized, 0.5/s, about 10 s left"
    )


def test_a_worker_that_cannot_see_an_article_says_so(tmp_path, short_article):
    """A remote worker without the checkout: one line naming the path and the fix, not its own
    "no such file" for a file the build process sees."""
    from dataclasses import replace

    from audiogen.config import options_for
    from audiogen.errors import InputError
    from audiogen.make.on_dask import _plan_task

    options = options_for(short_article.parent, {"cache_dir": tmp_path / "cache"})
    gone = tmp_path / "elsewhere" / "story.md"
    with pytest.raises(InputError) as raised:
        _plan_task(str(gone), options)
    message = str(raised.value)
    assert str(gone) in message and "cannot see this article" in message
    assert "same checkout" in message and "\n" not in message
    with pytest.raises(InputError, match="cannot see this intro"):
        _plan_task(str(short_article), replace(options, intro=tmp_path / "intro.mp3"))
