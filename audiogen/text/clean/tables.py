"""Tables found in a page: a small one is read row by row, a larger one is left out.

A listener cannot glance back at a column, so only a table short enough to follow by ear is read:
at most ``MAX_ROWS`` rows after its header and ``MAX_COLUMNS`` columns. Each row becomes one
sentence, its cells in order separated by commas (the header row too, once: pages often repeat
it). A larger table is dropped and ``audiogen script --explain`` says so.
"""

from __future__ import annotations

MAX_ROWS = 10
"""Most rows read, after the header."""

MAX_COLUMNS = 6
"""Most columns read."""


def read_table(text: str) -> str | None:
    """A table's text (one line a row, cells separated by tabs) as sentences, one a row; None when
    the table is too large to follow by ear (or empty)."""
    rows: list[list[str]] = []
    for line in text.split("\n"):
        cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
        if cells and (not rows or cells != rows[-1]):  # a header row printed twice
            rows.append(cells)
    if not rows or len(rows) > MAX_ROWS + 1 or max(map(len, rows)) > MAX_COLUMNS:
        return None
    return " ".join(", ".join(cell.rstrip(".,;: ") for cell in row) + "." for row in rows)


__all__ = ["MAX_COLUMNS", "MAX_ROWS", "read_table"]
