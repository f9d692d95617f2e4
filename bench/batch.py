"""Benchmark: the speed-up of `audiogen build --jobs 2` over `--jobs 1` on a batch of articles.

Builds every article in a folder (default: articles/) cold (empty cache, empty output) with
`--jobs 1` and with `--jobs 2`, interleaved so a noisy neighbour slows both alike, best of N, each
in its own process; prints both times and the speed-up (target >= 1.7 on two cores).

    python bench/batch.py [FOLDER] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bytecode import compile_package

ROOT = Path(__file__).resolve().parents[1]


def _build(folder: str, jobs: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "AUDIOGEN_CACHE_DIR": str(Path(tmp) / "cache")}
        cmd = [sys.executable, "-m", "audiogen", "build", folder, "-o", f"{tmp}/out", "-q"]
        start = time.perf_counter()
        subprocess.run([*cmd, "--jobs", str(jobs)], check=True, env=env)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "articles"))
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    compile_package()
    one: list[float] = []
    two: list[float] = []
    for _ in range(args.rounds):
        one.append(_build(args.folder, 1))
        two.append(_build(args.folder, 2))
    speedup = min(one) / min(two)
    print(f"batch:        {args.folder} (cores: {os.cpu_count()})")
    print(f"--jobs 1:     {min(one):6.2f} s")
    print(f"--jobs 2:     {min(two):6.2f} s")
    print(f"speed-up:     {speedup:6.2f}x  (target >= 1.7: {'ok' if speedup >= 1.7 else 'MISSED'})")
    rounds = f"--jobs 1 {[round(t, 2) for t in one]}, --jobs 2 {[round(t, 2) for t in two]}"
    print(f"all rounds:   {rounds}")


if __name__ == "__main__":
    main()
