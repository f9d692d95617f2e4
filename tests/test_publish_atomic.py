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


_KILLABLE = """
import os, sys, time, types
import audiogen.atomic as atomic
from audiogen.cli import main

out, stop_at, marker = sys.argv[1], int(sys.argv[2]), sys.argv[3]
renames = []

def replace(src, dst):
    # the stop_at-th rename into the output folder never happens: the process is killed there
    if os.path.dirname(os.path.abspath(dst)) == os.path.abspath(out):
        renames.append(dst)
        if len(renames) == stop_at:
            open(marker, "w").close()
            time.sleep(120)
    return os.replace(src, dst)

atomic.os = types.SimpleNamespace(**{**vars(os), "replace": replace})
sys.argv = ["audiogen", *sys.argv[4:]]
main()
"""


@pytest.mark.parametrize(
    "stop_at",
    [1, 3, 6],
    ids=["before-any-rename", "after-the-mp3-and-captions", "after-the-manifest"],
)
def test_kill_9_while_publishing_leaves_no_half_article_and_a_rerun_completes_it(
    short_article: Path, tmp_path: Path, cache_dir: Path, stop_at: int
) -> None:
    """kill -9 at three points of publishing an edited article: before any file is renamed,
    with the MP3 and captions new but not the manifest, and with the manifest new but not the
    review page. The manifest is the record: until it is new, check says the outputs are stale;
    a rerun completes the article and sweeps the dead build's temp files."""
    import signal
    import time

    out = tmp_path / "out"
    options = options_for(short_article.parent, {"out_dir": out, "engine": "espeak", "jobs": 1})
    build(short_article, options)
    text = short_article.read_text(encoding="utf-8")
    short_article.write_text(text.replace("welcomed", "cheered"), encoding="utf-8")
    marker = tmp_path / "stopped"
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLABLE, str(out), str(stop_at), str(marker),
         "build", str(short_article), "-o", str(out), "-e", "espeak", "-j", "1", "-q"],
        env={**os.environ, "AUDIOGEN_CACHE_DIR": str(cache_dir)},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the build never reached the point to kill it at"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reasons = check(short_article, options)[1]
    if stop_at <= 5:  # the manifest is still the old article's: never taken for current
        assert "script changed" in reasons
    else:
        assert reasons == []
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")]  # the dead build's
    build(short_article, options)
    assert check(short_article, options)[1] == []
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
