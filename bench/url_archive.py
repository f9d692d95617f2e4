"""Benchmark: what an article's check costs against an output URL that holds an archive.

A fake archive of N articles (each its five small outputs) is put in a ``file://`` bucket, its
staging folder is filled by one full pull, and then each of 20 articles is pulled as a build
checks it: inside a batch (the URL listed once, the staging folder made to agree once) and,
for comparison, alone (as a one-article ``audiogen build`` does). Prints, for each archive size,
the milliseconds per article both ways, and the batch's per-article cost against the smallest
archive's (1.0: independent of the archive's size).

    python bench/url_archive.py [--sizes 1000 4000 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _bytecode import compile_package

SUFFIXES = (".json", ".vtt", ".html", ".chapters.json", ".mp3")


def _archive(folder: Path, n: int) -> None:
    for i in range(n):
        for suffix in SUFFIXES:
            (folder / f"story-{i:06d}{suffix}").write_bytes(b'{"n": %d}' % i)


def _per_article(n: int, rounds: int = 20) -> tuple[float, float]:
    from audiogen.publish.listing import listing_once
    from audiogen.publish.remote import pull, remote_for

    with tempfile.TemporaryDirectory() as tmp:
        bucket = Path(tmp) / "bucket"
        bucket.mkdir()
        _archive(bucket, n)
        remote = remote_for(bucket.as_uri(), Path(tmp) / "cache")
        assert remote is not None
        pull(remote)  # the staging folder holds every manifest, as after a first build
        with listing_once():
            pull(remote)
            start = time.perf_counter()
            for i in range(rounds):
                pull(remote, f"story-{i:06d}")
            batch = (time.perf_counter() - start) / rounds
        start = time.perf_counter()
        for i in range(rounds, rounds + 5):
            pull(remote, f"story-{i:06d}")
        alone = (time.perf_counter() - start) / 5
    return batch, alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    args = parser.parse_args()
    compile_package()
    head = ("articles at the URL", "in a batch, ms", "alone, ms", "batch/smallest")
    print(f"{head[0]:>20} {head[1]:>15} {head[2]:>10} {head[3]:>15}")
    first = None
    for n in args.sizes:
        batch, alone = _per_article(n)
        first = first or batch
        print(f"{n:>20} {batch * 1000:>15.1f} {alone * 1000:>10.0f} {batch / first:>15.2f}")


if __name__ == "__main__":
    main()
