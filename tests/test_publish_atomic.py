"""An article's outputs are published as one unit: a write that fails (a full disk, a folder
that cannot be written) replaces none of them and leaves no temp file, and the next build
completes the article. Temp files that killed writers left behind are swept."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from audiogen.atomic import sweep_temps
from audiogen.config import options_for
from audiogen.errors import OutputError
from audiogen.pipeline import build, check

PUBLISHED = ("short-news.mp3", "short-news.vtt", "short-news.chapters.json", "short-news.html",
             "short-news.json")  # fmt: skip


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.parametrize("failing_write", range(len(PUBLISHED)))
@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EACCES], ids=["ENOSPC", "EACCES"])
def test_a_failed_write_replaces_nothing_and_a_rerun_completes_it(
    short_article: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failing_write: int,
    error: int,
) -> None:
    out = tmp_path / "out"
    options = options_for(short_article.parent, {"out_dir": out, "engine": "espeak", "jobs": 1})
    build(short_article, options)
    before = _outputs(out)
    text = short_article.read_text(encoding="utf-8")
    short_article.write_text(text.replace("welcomed", "cheered"), encoding="utf-8")

    real = Path.write_bytes
    writes: list[Path] = []

    def write_bytes(self: Path, data: bytes) -> int:  # type: ignore[override]
        if self.parent == out and self.name.endswith(".tmp"):
            writes.append(self)
            if len(writes) == failing_write + 1:
                raise OSError(error, os.strerror(error), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    with pytest.raises(OutputError, match="nothing was replaced"):
        build(short_article, options)
    assert _outputs(out) == before  # the old article, whole; no temp file left
    monkeypatch.undo()
    assert check(short_article, options)[1] == ["script changed"]
    build(short_article, options)
    assert check(short_article, options)[1] == []
    assert set(_outputs(out)) == {*PUBLISHED, "index.html"}


def test_temp_files_of_dead_writers_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    pid = int(dead.stdout)
    stale = tmp_path / f".story.mp3.{pid}.abc123.tmp"
    live = tmp_path / f".story.mp3.{os.getpid()}.def456.tmp"
    other = tmp_path / ".notes.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"x")
    assert sweep_temps(tmp_path) == 1
    assert not stale.exists() and live.exists() and other.exists()
