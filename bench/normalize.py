"""Print how long ``audiogen.text.normalize.normalize`` takes per kilobyte of an article.

Usage: python bench/normalize.py [ARTICLE]

ARTICLE is a text file (default: articles/un-counter-terrorism-week-2021.txt under the repository
root). Each paragraph is normalized on its own, as the pipeline does. The first pass is timed
separately because it fills num2words' caches; the warm figure is the best of several passes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = ROOT / "articles" / "un-counter-terrorism-week-2021.txt"
WARM_PASSES = 20


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_ARTICLE
    if not path.is_file():
        print(
            f"no article at {path}: pass a text file, e.g. python {argv[0]} ARTICLE.txt",
            file=sys.stderr,
        )
        return 2
    # Run from a checkout without installing the package.
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    from audiogen.text.normalize import normalize

    imported = time.perf_counter() - started

    text = path.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    kilobytes = len(text.encode("utf-8")) / 1024

    started = time.perf_counter()
    for paragraph in paragraphs:
        normalize(paragraph)
    cold = time.perf_counter() - started

    warm = float("inf")
    for _ in range(WARM_PASSES):
        started = time.perf_counter()
        for paragraph in paragraphs:
            normalize(paragraph)
        warm = min(warm, time.perf_counter() - started)

    print(f"article: {path} ({kilobytes:.1f} KB, {len(paragraphs)} paragraphs)")
    print(f"import:  {imported * 1000:.1f} ms")
    print(f"cold:    {cold * 1000:.1f} ms ({cold * 1000 / kilobytes:.2f} ms/KB)")
    print(
        f"warm:    {warm * 1000:.1f} ms ({warm * 1000 / kilobytes:.2f} ms/KB, "
        f"best of {WARM_PASSES})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
