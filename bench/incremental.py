"""Benchmark: what a rebuild costs against a cold build, with the sentence cache.

Prints, measured in this one run for the sample article (best of N rounds; each build runs in its
own fresh `audiogen build` process, so the times are what a user or CI job waits):
the cold build (empty cache), the warm rebuild (nothing changed: the outputs are current and
skipped), the one-sentence-edit rebuild (one sentence re-synthesized, the rest from the cache),
and a forced rebuild from a warm cache (everything after synthesis redone), each with its ratio
to cold. Targets: warm <= 2 %, one-sentence edit <= 10 %, on an engine slow enough for them to
mean something (Piper: synthesis is most of a cold build); with a fast one (hibari, the default)
a cold build is a few seconds, and the times themselves are what to read.

    python bench/incremental.py [ARTICLE] [--rounds N] [--engine NAME]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bytecode import compile_package

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "articles" / "un-counter-terrorism-week-2021.txt"


ENGINE: list[str] = []
"""``-e NAME`` when ``--engine`` is given."""


def _build(article: Path, out: Path, cache: Path, *extra: str) -> float:
    env = {**os.environ, "AUDIOGEN_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "audiogen", "build", str(article), "-o", str(out), "-q"]
    cmd += [*ENGINE, *extra]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)
    return time.perf_counter() - start


def _edit_one_sentence(article: Path) -> None:
    """Change one sentence in the middle of the article, in place."""
    from audiogen import speech_script

    text = article.read_text(encoding="utf-8")
    written = [s.written for s in speech_script(article).sentences if s.kind == "body"]
    found = [s for s in written if s.endswith(".") and text.count(s) == 1]
    if not found:
        raise SystemExit(f"{article}: no sentence to edit found verbatim in the source")
    sentence = found[len(found) // 2]
    article.write_text(text.replace(sentence, sentence[:-1] + ", as planned."), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SAMPLE))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--engine", help="build with this engine [the article's default]")
    args = parser.parse_args()
    if args.engine:
        ENGINE[:] = ["-e", args.engine]
    compile_package()
    source = Path(args.article).resolve()
    times: dict[str, list[float]] = {"cold": [], "warm": [], "edit": [], "forced": []}
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "articles"
            # a copy of the article's folder, so its configuration and lexicon apply
            shutil.copytree(source.parent, work)
            article, out, cache = work / source.name, Path(tmp) / "out", Path(tmp) / "cache"
            times["cold"].append(_build(article, out, cache))
            times["warm"].append(_build(article, out, cache))
            times["forced"].append(_build(article, out, cache, "--force"))
            _edit_one_sentence(article)
            times["edit"].append(_build(article, out, cache))
    best = {k: min(v) for k, v in times.items()}
    cold = best["cold"]
    print(f"article:                 {args.article} ({args.engine or 'default engine'})")
    print(f"cold build:              {cold:6.2f} s")
    for name, label, target in (
        ("warm", "warm rebuild (skipped):", 0.02),
        ("edit", "one-sentence edit:     ", 0.10),
        ("forced", "--force, warm cache:   ", None),
    ):
        ratio = best[name] / cold
        verdict = ""
        if target is not None:
            verdict = f"  (target <= {target:.0%}: {'ok' if ratio <= target else 'MISSED'})"
        print(f"{label}  {best[name]:6.2f} s  = {ratio:6.1%} of cold{verdict}")
    print("all rounds (s):          " + ", ".join(
        f"{k} {[round(t, 2) for t in v]}" for k, v in times.items()
    ))  # fmt: skip


if __name__ == "__main__":
    main()
