"""Print how much of a real web page's article audiogen reads, and how much of the page around it,
against plain ``trafilatura.extract()`` on the same pages in the same run.

Usage: python bench/extraction.py [PAGES]

PAGES is a folder holding ``ground-truth.json`` (page id -> ``articleBody``, the article text a
person marked) and ``html/<id>.html.gz`` (the page as fetched), the layout of the Article
Extraction Benchmark (default: ``../shared/pages`` beside the repository).

Each page is scored as that benchmark scores extractors: the F1 of the word 4-grams the
extracted text shares with the marked body, with true and false positives summed over the pages.
What is compared is speech, not markup: audiogen's script of the page (the body sentences, not
the title, which the marked body leaves out), and the same script-making (split and normalize, in
the language audiogen chose for the page) applied to the marked body and to plain trafilatura's
text, so spoken forms cancel out. The pages are split into two halves by their sorted ids (even
and odd positions) and each half is reported on its own, so that a change tuned on one half can
be checked on the other.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = ROOT.parent / "shared" / "pages"
N = 4  # the benchmark's shingle length

_WORD = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The word 4-grams of ``text`` (lower-cased ``\\w+`` words), with their counts."""
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i : i + N]) for i in range(len(words) - N + 1))


def counts(truth: str, found: str) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of ``found`` against ``truth``."""
    a, b = shingles(truth), shingles(found)
    return sum((a & b).values()), sum((b - a).values()), sum((a - b).values())


def prf(rows: list[tuple[int, int, int]]) -> tuple[float, float, float]:
    """Precision, recall and F1 from summed counts."""
    tp = sum(r[0] for r in rows)
    fp = sum(r[1] for r in rows)
    fn = sum(r[2] for r in rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str]) -> int:
    pages = Path(argv[1]) if len(argv) > 1 else DEFAULT_PAGES
    truth_file = pages / "ground-truth.json"
    if not truth_file.is_file():
        print(
            f"no ground-truth.json in {pages}: pass the pages folder, e.g. python {argv[0]} PAGES",
            file=sys.stderr,
        )
        return 2
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package
    from _bytecode import compile_package

    compile_package()
    import trafilatura

    from audiogen.config import Options
    from audiogen.errors import InputError
    from audiogen.pipeline import prepare
    from audiogen.text.script import speak_block

    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)

    def spoken(text: str, lang: str) -> str:
        lines = [line for line in text.splitlines() if line.strip()]
        return "\n".join(s for line in lines for _, s in speak_block(line, lang))

    rows: dict[str, list[tuple[int, int, int, int]]] = {"audiogen": [], "trafilatura": []}
    seconds = {"audiogen": 0.0, "trafilatura": 0.0}
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        options = Options(cache_dir=Path(tmp) / "cache")
        for position, page_id in enumerate(ids):
            gz = pages / "html" / f"{page_id}.html.gz"
            page = Path(tmp) / f"{page_id}.html"
            page.write_bytes(gzip.decompress(gz.read_bytes()))
            started = time.perf_counter()
            try:
                prepared = prepare(page, options)
            except InputError as exc:
                failed.append(str(exc))
                ours, lang = "", "en"
            else:
                lang = prepared.script.lang
                ours = "\n".join(s.text for s in prepared.script.sentences if s.kind != "title")
            seconds["audiogen"] += time.perf_counter() - started
            started = time.perf_counter()
            plain = trafilatura.extract(page.read_text(encoding="utf-8", errors="replace")) or ""
            seconds["trafilatura"] += time.perf_counter() - started
            marked = spoken(truth[page_id]["articleBody"], lang)
            half = position % 2
            rows["audiogen"].append((half, *counts(marked, ours)))
            rows["trafilatura"].append((half, *counts(marked, spoken(plain, lang))))

    print(f"{len(ids)} pages, word {N}-gram precision / recall / F1 against the marked body:")
    for name, found in rows.items():
        cells = []
        for label, half in (("all", None), ("half A", 0), ("half B", 1)):
            p, r, f = prf([row[1:] for row in found if half is None or row[0] == half])
            cells.append(f"{label} {p:.3f} / {r:.3f} / {f:.3f}")
        print(f"  {name:<12} " + "   ".join(cells))
    ours_f = prf([row[1:] for row in rows["audiogen"]])[2]
    plain_f = prf([row[1:] for row in rows["trafilatura"]])[2]
    print(f"  audiogen F1 / trafilatura F1 = {ours_f / plain_f:.3f}")
    print(
        f"  time per page: audiogen {seconds['audiogen'] / len(ids):.2f} s (read, clean, script), "
        f"trafilatura extract() {seconds['trafilatura'] / len(ids):.2f} s"
    )
    for message in failed:
        print(f"  refused: {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
