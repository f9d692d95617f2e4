"""The player in a real browser: headless Chromium (the system's, driven by Playwright) opens
index.html from a local HTTP server and checks the audio, the captions and the read-along text.

A screenshot is saved to test-artifacts/ for people to look at.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audiogen import build, options_for
from audiogen.publish.preview import preview_server
from audiogen.types import Manifest

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
"""Generous: the first media load in a fresh profile takes a moment on a busy CI machine."""


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, short_article_module: Path
) -> tuple[Path, Manifest]:
    out = tmp_path_factory.mktemp("site")
    options = options_for(short_article_module.parent, {"out_dir": out, "engine": "espeak"})
    return out, build(short_article_module, options)


@pytest.fixture(scope="module")
def short_article_module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "browser-news.md"
    path.write_text(
        "---\ntitle: Council <approves> plan & budget\ndate: 2024-03-05\nlang: en\n---\n\n"
        "The council met today. It approved the plan.\n\n## Reaction\n\n"
        "Residents welcomed the decision. The UNOCT sent a note.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def server(site: tuple[Path, Manifest]) -> Iterator[str]:
    out, _ = site
    # what content staff preview with (audiogen serve): it answers the Range requests seeking needs
    httpd = preview_server(out, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, server: str) -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: make test installs it (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing: run make test, or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # A fresh profile each run: a persistent context is how Playwright takes --user-data-dir.
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 900, "height": 1000},
        )
        try:
            pg = context.new_page()
            errors: list[str] = []
            pg.on("pageerror", lambda exc: errors.append(str(exc)))
            pg.goto(f"{server}/index.html")
            pg.wait_for_function(
                "document.querySelector('audio').readyState >= 1", timeout=TIMEOUT_MS
            )
            yield pg
            assert not errors, errors
        finally:
            context.close()


def test_audio_metadata_loads_with_the_manifest_duration(
    page: Any, site: tuple[Path, Manifest]
) -> None:
    _, manifest = site
    duration = page.evaluate("document.querySelector('audio').duration")
    assert abs(duration * 1000 - manifest.duration_ms) <= 100, (duration, manifest.duration_ms)


def test_caption_track_has_one_cue_per_sentence(page: Any, site: tuple[Path, Manifest]) -> None:
    _, manifest = site
    page.wait_for_function(
        "(() => { const t = document.querySelector('audio').textTracks[0];"
        " return t && t.cues && t.cues.length > 0; })()",
        timeout=TIMEOUT_MS,
    )
    cues = page.evaluate(
        "Array.from(document.querySelector('audio').textTracks[0].cues,"
        " c => ({id: c.id, start: c.startTime, end: c.endTime,"
        " text: c.getCueAsHTML().textContent}))"
    )
    assert len(cues) == len(manifest.sentences)
    for cue, s in zip(cues, manifest.sentences, strict=True):
        assert abs(cue["start"] * 1000 - s.start_ms) < 1
        assert abs(cue["end"] * 1000 - s.end_ms) < 1
        assert cue["text"] == s.display  # written, as the browser parsed it
    assert cues[0]["text"] == "Council <approves> plan & budget"
    assert any("UNOCT" in c["text"] for c in cues)


def test_playing_advances_time_and_highlights_the_sentence(page: Any) -> None:
    # Muted: headless Chromium may refuse to start sound without a user gesture.
    page.evaluate(
        "(() => { const a = document.querySelector('audio'); a.muted = true; a.play(); })()"
    )
    page.wait_for_function("document.querySelector('audio').currentTime > 0.5", timeout=TIMEOUT_MS)
    page.wait_for_selector(".audiogen-current", timeout=TIMEOUT_MS)
    assert page.evaluate("document.querySelector('audio').paused") is False
    page.evaluate("document.querySelector('audio').pause()")


def test_clicking_a_sentence_seeks_to_its_start(page: Any, site: tuple[Path, Manifest]) -> None:
    _, manifest = site
    target = len(manifest.sentences) - 2
    s = manifest.sentences[target]
    page.evaluate("document.querySelector('audio').muted = true")
    page.click(f'[data-cue="s{target + 1}"]')
    page.wait_for_function(
        f"document.querySelector('audio').currentTime >= {s.start_ms / 1000 - 0.01}",
        timeout=TIMEOUT_MS,
    )
    now = page.evaluate("document.querySelector('audio').currentTime")
    assert s.start_ms / 1000 - 0.01 <= now < s.end_ms / 1000, (now, s)
    # The highlight follows the seek: the clicked sentence becomes the current one.
    page.wait_for_selector(f'[data-cue="s{target + 1}"].audiogen-current', timeout=TIMEOUT_MS)
    page.evaluate("document.querySelector('audio').pause()")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    assert (ARTIFACTS / "index.png").stat().st_size > 1000


def test_a_sentence_is_reachable_and_pressed_from_the_keyboard(
    page: Any, site: tuple[Path, Manifest]
) -> None:
    _, manifest = site
    s = manifest.sentences[1]
    page.evaluate(
        "(() => { const a = document.querySelector('audio'); a.muted = true; a.pause();"
        " a.currentTime = 0; })()"
    )
    cue = '[data-cue="s2"]'
    assert page.get_attribute(cue, "role") == "button"
    assert page.get_attribute(cue, "tabindex") == "0"
    page.focus(cue)
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelector('audio').currentTime >= {s.start_ms / 1000 - 0.01}",
        timeout=TIMEOUT_MS,
    )
    assert page.evaluate("document.activeElement.getAttribute('data-cue')") == "s2"
    page.evaluate("document.querySelector('audio').pause()")


def _ink(png: bytes) -> float:
    """How much of a screenshot is drawn on: the share of pixels not of its commonest colour."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    return 1 - max(count for count, _ in colours) / (image.width * image.height)


@pytest.mark.parametrize("name", ["index", "slug"])
def test_published_page_renders_as_a_reader_sees_it(
    page: Any, server: str, site: tuple[Path, Manifest], name: str
) -> None:
    """index.html and <slug>.html, opened as a reader would: the player, the title and the
    duration are on screen (each element's screenshot has something drawn), and on the review
    page the read-along text too (the snippet is the player alone unless asked for the text)."""
    from audiogen.publish.embed import clock

    _, manifest = site
    stem = manifest.slug if name == "slug" else "index"
    pg = page.context.new_page()
    try:
        pg.goto(f"{server}/{stem}.html")
        pg.wait_for_function("document.querySelector('audio').readyState >= 1", timeout=TIMEOUT_MS)
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"page-{name}.png"), full_page=True)
        # the snippet sits beside the article, which shows its title: the player names it to
        # screen readers, and its caption says what it is
        expected: dict[str, str | None] = {
            "audio": None,
            "figcaption": "Listen to this article",
            "figcaption time": clock(manifest.duration_ms),
        }
        if name == "index":
            expected["h2"] = manifest.title
            expected[".audiogen-text"] = manifest.sentences[1].display
        else:
            label = pg.locator("audio").first.get_attribute("aria-label") or ""
            assert manifest.title in label
        for selector, text in expected.items():
            element = pg.locator(selector).first
            assert element.is_visible(), selector
            box = element.bounding_box()
            assert box is not None and box["width"] > 20 and box["height"] > 10, (selector, box)
            assert _ink(element.screenshot()) > 0.02, f"{selector} renders blank"
            if text is not None:
                assert text in element.inner_text(), (selector, text)
    finally:
        pg.close()


def test_the_highlight_follows_playback(
    page: Any, server: str, site: tuple[Path, Manifest]
) -> None:
    """Through the whole article on the review page: at each sentence's middle that sentence,
    and only it, is highlighted, and the highlight shows in a screenshot of it."""
    _, manifest = site
    pg = page.context.new_page()
    try:
        pg.goto(f"{server}/index.html")
        pg.wait_for_function("document.querySelector('audio').readyState >= 1", timeout=TIMEOUT_MS)
        pg.evaluate("document.querySelector('audio').muted = true")
        first = pg.locator('[data-cue="s2"]')
        plain = first.screenshot()
        for i, s in enumerate(manifest.sentences, start=1):
            middle = (s.start_ms + s.end_ms) / 2000
            pg.evaluate(f"document.querySelector('audio').currentTime = {middle}")
            pg.wait_for_selector(f'[data-cue="s{i}"].audiogen-current', timeout=TIMEOUT_MS)
            current = pg.eval_on_selector_all(
                ".audiogen-current", "els => els.map(e => e.getAttribute('data-cue'))"
            )
            assert current == [f"s{i}"], (middle, current)
            if i == 2:
                assert first.screenshot() != plain  # the highlight is drawn
                pg.screenshot(path=str(ARTIFACTS / "highlight.png"), full_page=True)
        # and while it plays, the highlight moves on by itself
        pg.evaluate(
            "(() => { const a = document.querySelector('audio');"
            f" a.currentTime = {manifest.sentences[1].end_ms / 1000 - 0.3}; a.play(); }})()"
        )
        pg.wait_for_selector('[data-cue="s3"].audiogen-current', timeout=TIMEOUT_MS)
        pg.evaluate("document.querySelector('audio').pause()")
    finally:
        pg.close()
