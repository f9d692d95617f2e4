"""Shared fixtures: paths, a real Piper engine loaded once, and small real articles."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "articles" / "un-counter-terrorism-week-2021.txt"


@pytest.fixture(scope="session", autouse=True)
def _session_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Module and session fixtures build too: never into the user's own sentence cache."""
    import os

    before = os.environ.get("AUDIOGEN_CACHE_DIR")
    os.environ["AUDIOGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("session-cache"))
    yield
    if before is None:
        os.environ.pop("AUDIOGEN_CACHE_DIR", None)
    else:
        os.environ["AUDIOGEN_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty sentence cache for each test, so no test sees another's speech."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("AUDIOGEN_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def piper_engine():
    from audiogen.speech.engines.piper import PiperEngine

    engine = PiperEngine()
    engine.load()
    return engine


@pytest.fixture
def short_article(tmp_path: Path) -> Path:
    """A two-paragraph Markdown article with a heading: quick to speak with espeak."""
    path = tmp_path / "short-news.md"
    path.write_text(
        "---\n"
        "title: Short news\n"
        "author: Ada Reporter\n"
        "date: 2024-03-05\n"
        "lang: en\n"
        "url: https://example.org/short-news\n"
        "site: Example Times\n"
        "---\n\n"
        "The council met today. It approved the plan.\n\n"
        "## Reaction\n\n"
        "Residents welcomed the decision.\n",
        encoding="utf-8",
    )
    return path
