"""Benchmark: how well each installed engine is heard, on the sample article.

For each engine (gtts only with the internet; otherwise it is skipped with the reason), builds the
sample article with a cold sentence cache, transcribes the MP3 with the verify recognizer (no
repair: the voice's own first take is measured) and prints: WER, sentences above the repair
threshold, integrated loudness, true peak, words per minute, and the time verification took
relative to synthesis (the cold build).

    python bench/quality.py [ARTICLE] [--engine NAME ...]
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "articles" / "un-counter-terrorism-week-2021.txt"


def _online() -> bool:
    try:
        socket.create_connection(("translate.google.com", 443), timeout=3).close()
        return True
    except OSError:
        return False


def main() -> None:
    from audiogen.config import options_for
    from audiogen.pipeline import build, verify
    from audiogen.qa.recognizer import Recognizer
    from audiogen.qa.verify import DEFAULT_THRESHOLD
    from audiogen.speech.engines.base import engine_names, get_engine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--engine", action="append", help="only these engines (repeatable)")
    args = parser.parse_args()
    recognizer = Recognizer()
    recognizer.load()
    print(f"{args.article.name}, recognizer {recognizer.name}")
    print(f"{'engine':<8} {'WER':>6} {'>0.35':>6} {'LUFS':>6} {'dBTP':>6} {'wpm':>5} "
          f"{'synth s':>8} {'verify s':>8} {'verify/synth':>12}")  # fmt: skip
    for name in args.engine or engine_names():
        engine = get_engine(name)
        if engine.needs_network and not _online():
            print(f"{name:<8} skipped: needs the internet, and there is no connection")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            overrides = {"engine": name, "out_dir": Path(tmp) / "out", "cache_dir": Path(tmp)}
            options = options_for(args.article.parent, overrides)
            started = time.perf_counter()
            manifest = build(args.article, options)
            synth = time.perf_counter() - started
            started = time.perf_counter()
            report = verify(args.article, options, repair=False, recognizer=recognizer)
            check = time.perf_counter() - started
        wpm = manifest.checks.get("measured", {}).get("words_per_minute") or 0
        print(
            f"{name:<8} {100 * report.wer:5.1f}% {len(report.above(DEFAULT_THRESHOLD)):>6} "
            f"{manifest.loudness_lufs:6.1f} {manifest.true_peak_dbtp:6.1f} {wpm:5.0f} "
            f"{synth:8.1f} {check:8.1f} {check / synth:11.2f}x"
        )


if __name__ == "__main__":
    main()
