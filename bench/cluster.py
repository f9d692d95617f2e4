"""Benchmark: a batch of real news articles built locally and on a Dask LocalCluster of one and of
two worker processes (one thread each), every build cold (empty store, empty output folder).

Prints, measured in this one run: the local build's time (every core, and one core for
reference: what the machine's second core gives this work), the 1-worker and 2-worker cluster
times (each cluster started just before its runs; its start-up is printed apart), the speed-up
of 2 workers over 1 (target >= 1.8 on two cores), the 2-worker cluster against the local build
(target: within 10%), sentences synthesized twice across workers (target 0), the bytes between
the build and the cluster and the bytes the store gained, per article, and whether the cluster's
MP3s and manifests are the local build's, byte for byte. Each build runs in a process of its
own, timed from its start to its end (imports, voice loads and publishing included).

    python bench/cluster.py [--articles N] [--rounds N]

The articles are the bodies people marked on real news pages (a sample of a public extraction
benchmark, beside the repository in ../shared/pages), English ones of 100 to 700 words.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _bytecode import compile_package

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "articles" / "un-counter-terrorism-week-2021.txt"
PAGES = ROOT.parent / "shared" / "pages" / "ground-truth.json"


def _quiet_dask() -> None:
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")


def _english_bodies(count: int) -> list[str]:
    found = []
    for _, page in sorted(json.loads(PAGES.read_text(encoding="utf-8")).items()):
        body = page.get("articleBody") or ""
        words = body.split()
        common = sum(w.lower() in {"the", "and", "of", "to", "in"} for w in words)
        if 100 <= len(words) <= 700 and common / max(len(words), 1) > 0.08:
            found.append(body)
    return found[:count]


def _child(mode: str, folder: str, out: str, scheduler: str) -> dict[str, object]:
    if mode == "local-1":  # the machine's own parallelism: a local build on one core
        overrides_jobs: dict[str, object] = {"jobs": 1}
    else:
        overrides_jobs = {}
    from audiogen.make.batch import build_many
    from audiogen.make.cluster import ClusterSpec, Tally

    tallies: list[Tally] = []
    overrides = {"out_dir": Path(out) / "out", "cache_dir": Path(out) / "cache", **overrides_jobs}
    cluster = ClusterSpec(scheduler=scheduler) if mode == "cluster" else None
    outcomes = build_many([folder], overrides, cluster=cluster, on_tally=tallies.append)
    failed = [str(o.error) for o in outcomes if o.error is not None]
    tally = tallies[-1] if tallies else None
    return {
        "failed": failed,
        "sentences": tally.sentences if tally else None,
        "synthesized": tally.synthesized if tally else None,
        "bytes_moved": tally.bytes_moved if tally else None,
    }


def _spin(_: object = None) -> float:
    """A second of pure Python arithmetic: what one core does alone."""
    start, total = time.perf_counter(), 0
    for i in range(6_000_000):
        total += i * i % 7
    return time.perf_counter() - start


def _machine_cores() -> float:
    """How much work this machine does now with two processes busy against one: 2.0 when both
    cores are its own, less while a neighbour on the host takes a share of them."""
    import multiprocessing

    alone = _spin()
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_spin, [None, None])  # started and warm
        start = time.perf_counter()
        pool.map(_spin, [None, None])
        both = time.perf_counter() - start
    return 2 * alone / both


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _timed(
    mode: str, folder: str, out: str, scheduler: str = "", workers: Sequence[Any] = ()
) -> dict:
    """One build in a process of its own, timed; with the CPU time of that process, of this one
    (a LocalCluster's scheduler and nannies run here) and of the cluster's ``workers``."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    on_workers = sum(sum(w.cpu_times()[:2]) for w in workers)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, folder, out, scheduler],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = time.perf_counter() - start
    result["cpu_build"] = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(children)
    result["cpu_scheduler"] = _cpu(resource.getrusage(resource.RUSAGE_SELF)) - _cpu(own)
    result["cpu_workers"] = sum(sum(w.cpu_times()[:2]) for w in workers) - on_workers
    if result["failed"]:
        raise SystemExit(f"{mode} build failed: {result['failed']}")
    return result


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*") if p.suffix in (".mp3", ".json")}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(*sys.argv[2:6])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    compile_package()
    _quiet_dask()
    import dask
    import psutil
    from distributed import LocalCluster

    from audiogen.make.cluster import QUIET

    dask.config.set(QUIET)  # as --workers sets up its LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        bodies = _english_bodies(args.articles)
        for i, body in enumerate(bodies):
            (folder / f"story-{i + 1:02d}.txt").write_text(body, encoding="utf-8")
        words = sum(len(b.split()) for b in bodies)
        print(f"{len(bodies)} articles, {words} words, {os.cpu_count()} cores")
        started: dict[int, float] = {}

        def cluster(n: int) -> LocalCluster:
            # started for its runs only: idle workers of another cluster would slow the others
            t = time.perf_counter()
            made = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            )
            started[n] = time.perf_counter() - t
            return made

        runs: dict[str, list[dict]] = {
            "local": [], "local, 1 core": [], "1 worker": [], "2 workers": []
        }  # fmt: skip
        long: dict[int, list[float]] = {1: [], 2: []}
        outs: dict[str, Path] = {}
        probes: list[float] = []
        for r in range(args.rounds):  # interleaved: a noisy neighbour slows all alike
            probes.append(_machine_cores())
            out = Path(tmp) / f"local-{r}"
            runs["local"].append(_timed("local", str(folder), str(out)))
            outs["local"] = out
            out = Path(tmp) / f"local-1-{r}"
            runs["local, 1 core"].append(_timed("local-1", str(folder), str(out)))
            for n, name in ((1, "1 worker"), (2, "2 workers")):
                with cluster(n) as running:
                    out = Path(tmp) / f"{n}-workers-{r}"
                    address = running.scheduler_address
                    procs = psutil.Process().children(recursive=True)
                    runs[name].append(_timed("cluster", str(folder), str(out), address, procs))
                    outs[name] = out
                    # one long article alone: its sentences spread over the workers
                    out = Path(tmp) / f"long-{n}-{r}"
                    long[n].append(_timed("cluster", str(SAMPLE), str(out), address)["seconds"])
        best = {name: min(r["seconds"] for r in results) for name, results in runs.items()}
        two = min(runs["2 workers"], key=lambda r: r["seconds"])
        twice = max(r["synthesized"] - r["sentences"] for r in runs["2 workers"] + runs["1 worker"])
        same = _files(outs["2 workers"] / "out") == _files(outs["local"] / "out")
        speedup = best["1 worker"] / best["2 workers"]
        cores = best["local, 1 core"] / best["local"]
        overhead = best["2 workers"] / best["local"] - 1
        store = _size(outs["2 workers"] / "cache") / len(bodies)
        audio_s = sum(
            json.loads(p.read_text())["duration_ms"] / 1000
            for p in (outs["local"] / "out").glob("*.json")
            if not p.name.endswith(".chapters.json")
        )
        print(f"audio built: {audio_s:.0f} s")
        for n in (1, 2):
            print(f"cluster start-up, {n} worker(s): {started[n]:.1f} s (not in the times below)")
        for name, seconds in best.items():
            print(f"{name:>13}: {seconds:6.1f} s  (real-time factor {seconds / audio_s:.3f})")
        print(f"speed-up, 2 workers over 1: {speedup:.2f}x  (target >= 1.8)  "
              f"{'PASS' if speedup >= 1.8 else 'MISS'}")  # fmt: skip
        work = two["cpu_workers"] + two["cpu_build"] + two["cpu_scheduler"]
        print(f"  CPU of that 2-worker run: workers {two['cpu_workers']:.1f} s, the build process "
              f"{two['cpu_build']:.1f} s, scheduler and nannies {two['cpu_scheduler']:.1f} s: "
              f"on 2 cores, at best {work / 2:.1f} s, a speed-up of at most "
              f"{best['1 worker'] / (work / 2):.2f}x")  # fmt: skip
        print(f"  two busy processes did {min(probes):.2f}x to {max(probes):.2f}x the work of one "
              "on this machine during the run (2.00x: both cores its own)")  # fmt: skip
        print(f"for reference, the local build on 2 cores over 1 core: {cores:.2f}x "
              "(what this machine's second core gives this work now)")  # fmt: skip
        print(f"2 workers against local: {overhead:+.1%}  (target within 10%)  "
              f"{'PASS' if overhead <= 0.10 else 'MISS'}")  # fmt: skip
        print(
            f"sentences synthesized twice: {twice}  (target 0)  {'PASS' if twice == 0 else 'MISS'}"
        )
        print(f"bytes between build and cluster: {two['bytes_moved'] / len(bodies) / 1e6:.2f} MB "
              f"per article; store gained {store / 1e6:.2f} MB per article")  # fmt: skip
        one, two_w = min(long[1]), min(long[2])
        print(f"one long article (the sample, alone): 1 worker {one:.1f} s, "
              f"2 workers {two_w:.1f} s, speed-up {one / two_w:.2f}x")  # fmt: skip
        print(f"cluster MP3s and manifests byte-identical to the local build's: {same}")
        # what an archive costs at this pace: core-seconds per article on the 2-worker cluster
        per_article = best["2 workers"] * 2 / len(bodies)
        core_hours = per_article * 100_000 / 3600
        per_audio_s = best["2 workers"] * 2 / audio_s
        print(f"cost: {per_article:.1f} core-seconds per article "
              f"({per_audio_s:.3f} core-seconds per second of audio)")  # fmt: skip
        print(f"100,000 such articles: {core_hours:.0f} core-hours; on 50 one-core workers "
              f"{core_hours / 50:.1f} h, on 200 {core_hours / 200:.1f} h")  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
