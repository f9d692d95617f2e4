"""The staging folder's record of an output URL: written as a journal of the records a publish
changed, read back whole, merged with what another run wrote meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiogen.publish import staged
from audiogen.publish.staged import JOURNAL_NAME, STATE_NAME, load_state, save_state


def _record(n: int) -> dict[str, object]:
    return {"version": f"v{n}", "sha256": f"{n:064x}", "stat": [n, n]}


def _fresh_run() -> None:
    """What another process sees: nothing held in memory."""
    staged._HELD.clear()


@pytest.fixture(autouse=True)
def _forget() -> None:
    _fresh_run()


def _archive(folder: Path, n: int) -> None:
    state = load_state(folder)
    for i in range(n):
        state[f"story-{i}.json"] = _record(i)
    save_state(folder, state)
    _fresh_run()
    state = load_state(folder)
    save_state(folder, {**state, "index.html": _record(-1)})  # a plain mapping: compared whole


def test_a_publish_appends_what_it_changed(tmp_path: Path) -> None:
    _archive(tmp_path, 2000)
    base = (tmp_path / STATE_NAME).read_bytes()
    journal = (tmp_path / JOURNAL_NAME).read_bytes() if (tmp_path / JOURNAL_NAME).exists() else b""
    state = load_state(tmp_path)
    state["story-7.json"] = _record(70)
    state.pop("story-8.json")
    save_state(tmp_path, state)
    assert (tmp_path / STATE_NAME).read_bytes() == base  # the whole record is not rewritten
    added = (tmp_path / JOURNAL_NAME).read_bytes()[len(journal) :].decode().splitlines()
    assert added == [
        '["story-7.json",{"sha256":"' + f"{70:064x}" + '","stat":[70,70],"version":"v70"}]',
        '["story-8.json",null]',
    ]
    _fresh_run()
    again = load_state(tmp_path)
    assert again["story-7.json"] == _record(70)
    assert "story-8.json" not in again
    assert len(again) == 2000


def test_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    _archive(tmp_path, 10)
    stamp = staged._stamp(tmp_path)
    state = load_state(tmp_path)
    state["story-1.json"] = _record(1)  # the same record again
    save_state(tmp_path, state)
    assert staged._stamp(tmp_path) == stamp


def test_the_journal_is_folded_in_once_long(tmp_path: Path) -> None:
    _archive(tmp_path, 600)
    for i in range(400):
        state = load_state(tmp_path)
        state[f"story-{i}.json"] = _record(1000 + i)
        save_state(tmp_path, state)
    journal = tmp_path / JOURNAL_NAME
    lines = journal.read_text().count("\n") if journal.exists() else 0
    assert lines <= 300  # folded in past half the record's length, then started again
    _fresh_run()
    state = load_state(tmp_path)
    assert [state[f"story-{i}.json"]["version"] for i in (0, 399, 400)] == [
        "v1000",
        "v1399",
        "v400",
    ]


def test_a_torn_last_line_is_left_out(tmp_path: Path) -> None:
    _archive(tmp_path, 3)
    state = load_state(tmp_path)
    state["story-1.json"] = _record(11)
    save_state(tmp_path, state)
    with open(tmp_path / JOURNAL_NAME, "a", encoding="utf-8") as journal:
        journal.write('["story-2.json",{"versi')  # a run killed while appending
    _fresh_run()
    state = load_state(tmp_path)
    assert state["story-1.json"] == _record(11)
    assert state["story-2.json"] == _record(2)


def test_another_runs_records_are_kept(tmp_path: Path) -> None:
    """Two runs that read the record before either wrote: each adds its own records to what the
    folder holds, instead of the last one writing back what it read."""
    _archive(tmp_path, 5)
    mine = load_state(tmp_path)
    _fresh_run()
    theirs = load_state(tmp_path)
    theirs["other.json"] = _record(50)
    save_state(tmp_path, theirs)
    staged._HELD[tmp_path] = staged._Held((None, None), dict(mine), 0)  # read before they wrote
    mine["mine.json"] = _record(60)
    save_state(tmp_path, mine)
    _fresh_run()
    state = load_state(tmp_path)
    assert state["other.json"] == _record(50)
    assert state["mine.json"] == _record(60)
    assert len(state) == 8
