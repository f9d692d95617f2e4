"""The sentence cache: keys, entries and their checksums, pruning, and synthesis through it with
real engines (espeak for speed; Piper where the neural voice matters)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from audiogen.config import default_cache_dir
from audiogen.errors import ConfigError
from audiogen.make.store import Sentences, Store, engine_identity, parse_size
from audiogen.speech.engines.espeak import EspeakEngine
from audiogen.speech.synth import synthesize_script
from audiogen.types import Audio, Sentence

from .conftest import run

IDENTITY = {
    "engine": "piper",
    "voice": "en_US-joe-medium",
    "lang": "en",
    "version": "piper-tts 1.8.0",
    "model_sha256": "ab" * 32,
    "options": {"length_scale": None},
}


def tone(n: int = 2205, rate: int = 22050) -> Audio:
    return Audio(bytes((i * 7) % 256 for i in range(2 * n)), rate, 2, 1)


def test_round_trip_is_exact(cache_dir: Path) -> None:
    store = Store(cache_dir)
    cache = store.sentences
    key = cache.key(IDENTITY, "Hello there.")
    assert cache.get(key) is None
    audio = tone()
    assert cache.put(key, audio) == audio
    assert cache.get(key) == audio
    odd = Audio(b"\x01\x02\x03", 16000, 1, 1)  # odd length: the RIFF pad byte
    assert cache.put(cache.key(IDENTITY, "odd"), odd) == odd
    assert cache.get(cache.key(IDENTITY, "odd")) == odd


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("engine", "espeak"),
        ("voice", "en_US-other-medium"),
        ("lang", "en-GB"),
        ("version", "piper-tts 1.9.0"),
        ("model_sha256", "cd" * 32),
        ("options", {"length_scale": 1.1}),
    ],
)
def test_key_covers_every_part_of_the_identity(field: str, value: Any) -> None:
    assert Sentences.key({**IDENTITY, field: value}, "Hi.") != Sentences.key(IDENTITY, "Hi.")


def test_key_is_the_exact_text() -> None:
    keys = {Sentences.key(IDENTITY, t) for t in ("Hi.", "Hi. ", "hi.", "Hi!")}
    assert len(keys) == 4
    assert Sentences.key(dict(reversed(IDENTITY.items())), "Hi.") == Sentences.key(IDENTITY, "Hi.")


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:100] + bytes([b[100] ^ 1]) + b[101:],  # one bit flipped in the PCM
        lambda b: b + b"junk",  # something appended
        lambda b: b"",  # empty
        lambda b: b[:-1] + bytes([b[-1] ^ 0xFF]),  # the checksum itself
    ],
    ids=["truncated", "bit-flip", "appended", "empty", "checksum"],
)
def test_damaged_entry_is_never_served(cache_dir: Path, damage: Any) -> None:
    store = Store(cache_dir)
    cache = store.sentences
    key = cache.key(IDENTITY, "Hello.")
    cache.put(key, tone())
    path = next(cache.folder.rglob("*.wav"))
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get(key) is None
    assert not path.exists()  # deleted, so the next put stores a good one
    assert cache.put(key, tone(100)) == tone(100)
    assert cache.get(key) == tone(100)


def test_entry_under_another_key_is_rejected(cache_dir: Path) -> None:
    store = Store(cache_dir)
    cache = store.sentences
    a, b = cache.key(IDENTITY, "A."), cache.key(IDENTITY, "B.")
    cache.put(a, tone())
    cache.put(b, tone(50))
    (cache.folder / b[:2] / f"{b[2:]}.wav").write_bytes(
        (cache.folder / a[:2] / f"{a[2:]}.wav").read_bytes()
    )
    assert cache.get(b) is None


def test_entries_are_wav_files_other_tools_read(cache_dir: Path) -> None:
    import soundfile

    cache = Store(cache_dir).sentences
    cache.put(cache.key(IDENTITY, "x"), tone())
    data, rate = soundfile.read(next(cache.folder.rglob("*.wav")), dtype="int16")
    assert rate == 22050 and len(data) == 2205


def test_first_entry_stored_wins(cache_dir: Path) -> None:
    """Two builds speaking one sentence at once end up using the same audio."""
    store = Store(cache_dir)
    cache = store.sentences
    key = cache.key(IDENTITY, "Same.")
    first, second = tone(100), tone(200)
    assert cache.put(key, first) == first
    assert cache.put(key, second) == first
    assert cache.get(key) == first
    assert not list(cache.folder.rglob("*.tmp"))


def test_prune_keeps_the_recently_used(cache_dir: Path) -> None:
    store = Store(cache_dir)
    cache = store.sentences
    keys = [cache.key(IDENTITY, f"s{i}") for i in range(4)]
    for i, key in enumerate(keys):
        cache.put(key, tone())
        path = cache.folder / key[:2] / f"{key[2:]}.wav"
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # oldest first
    assert cache.get(keys[0]) is not None  # a hit makes it the most recently used
    size = store.info().bytes // 4
    assert store.prune(2 * size) == (2, 2 * size)
    assert [cache.get(k) is not None for k in keys] == [True, False, False, True]
    assert store.prune(10 * size) == (0, 0)


def test_info_and_clear(cache_dir: Path) -> None:
    store = Store(cache_dir)
    cache = store.sentences
    for i in range(3):
        cache.put(cache.key(IDENTITY, str(i)), tone())
    info = store.info()
    assert info.entries == 3 and info.bytes > 3 * 4410 and info.path == cache_dir
    assert store.clear() == 3
    assert store.info().entries == 0


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("2G", 2 * 1024**3),
        ("500M", 500 * 1024**2),
        ("1.5GB", int(1.5 * 1024**3)),
        ("10k", 10240),
        ("1000", 1000),
        ("3 MiB", 3 * 1024**2),
    ],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "two gigs", "-1G", "5X"])
def test_parse_size_rejects(text: str) -> None:
    with pytest.raises(ConfigError, match="2G"):
        parse_size(text)


def test_default_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIOGEN_CACHE_DIR", "/somewhere/else")
    assert default_cache_dir() == Path("/somewhere/else")
    monkeypatch.delenv("AUDIOGEN_CACHE_DIR")
    assert default_cache_dir().name == "audiogen"


def test_engine_identities() -> None:
    from audiogen.speech.engines.espeak import EspeakEngine
    from audiogen.speech.engines.piper import PiperEngine

    piper = engine_identity(PiperEngine(length_scale=1.1), "en_US-joe-medium", "en")
    assert piper["model_sha256"] == PiperEngine().model_sha256()
    assert "piper-tts" in piper["version"] and "onnxruntime" in piper["version"]
    assert piper["options"]["length_scale"] == 1.1
    espeak = engine_identity(EspeakEngine(rate=200), "espeak-en-us", "en")
    assert espeak["options"] == {"rate": 200, "pitch": None}
    assert "espeakng-loader" in espeak["version"]


class Counting(EspeakEngine):
    """The real espeak engine, counting what it is asked to speak."""

    def __init__(self) -> None:
        super().__init__()
        self.spoken: list[str] = []

    def synthesize(self, text: str, *, voice: str, lang: str) -> Audio:
        self.spoken.append(text)
        return super().synthesize(text, voice=voice, lang=lang)


def _sentences(*texts: str) -> list[Sentence]:
    return [Sentence(t, "body", 1, 0) for t in texts]


def test_synthesis_speaks_only_what_the_cache_lacks(cache_dir: Path) -> None:
    engine = Counting()
    cache = Store(cache_dir).sentences.spoken_by(engine_identity(engine, "espeak-en-us", "en"))
    script = _sentences("One sentence.", "Two sentences.", "One sentence.", "Three.")

    def speak(sentences: list[Sentence]) -> list[Audio]:
        return synthesize_script(
            engine,
            sentences,
            voice="espeak-en-us",
            lang="en",
            cache=cache,
        )

    first = speak(script)
    assert engine.spoken == ["One sentence.", "Two sentences.", "Three."]  # repeats spoken once
    assert first[0] == first[2]
    engine.spoken.clear()
    assert speak(script) == first and engine.spoken == []
    edited = _sentences("One sentence.", "Two changed sentences.", "One sentence.", "Three.")
    again = speak(edited)
    assert engine.spoken == ["Two changed sentences."]
    assert again[0] == first[0] and again[3] == first[3]


def test_damaged_entry_is_synthesized_again(cache_dir: Path) -> None:
    engine = Counting()
    cache = Store(cache_dir).sentences.spoken_by(engine_identity(engine, "espeak-en-us", "en"))
    script = _sentences("First.", "Second.")
    good = synthesize_script(engine, script, voice="espeak-en-us", lang="en", cache=cache)
    for path in cache.sentences.folder.rglob("*.wav"):
        path.write_bytes(path.read_bytes()[:-10])
    engine.spoken.clear()
    again = synthesize_script(engine, script, voice="espeak-en-us", lang="en", cache=cache)
    assert sorted(engine.spoken) == ["First.", "Second."]
    assert [a.frames > 0 for a in again] == [True, True] and len(good) == 2
    assert all(cache.get(t) for t in ("First.", "Second."))


def test_cache_commands(cache_dir: Path, short_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(short_article), "-o", str(out), "-e", "espeak", "-q").exit_code == 0
    info = run("cache", "info")
    assert info.exit_code == 0 and f"{cache_dir}: 5 sentences, 5 runs" in info.output_both
    other = tmp_path / "other"
    assert "0 sentences, 0 runs, 0 B" in run("cache", "info", "--cache-dir", str(other)).output_both
    pruned = run("cache", "prune", "--max-size", "0")
    assert pruned.exit_code == 0 and "removed " in pruned.output_both
    left = Store(cache_dir).info()
    assert (left.entries, left.runs, left.bytes) == (0, 0, 0)  # remembered answers went too
    bad = run("cache", "prune", "--max-size", "lots")
    assert bad.exit_code == 2 and "2G" in bad.output_both
    run("build", str(short_article), "-o", str(out), "-e", "espeak", "-q", "--force")
    assert "removed 5 sentences" in run("cache", "clear").output_both
    assert Store(cache_dir).info().entries == 0
    assert Store(cache_dir).info().runs == 0


def test_cache_dir_option_moves_the_cache(short_article: Path, tmp_path: Path) -> None:
    moved = tmp_path / "moved"
    result = run(
        "build", str(short_article), "-o", str(tmp_path / "o"), "-e", "espeak", "-q",
        "--cache-dir", str(moved),
    )  # fmt: skip
    assert result.exit_code == 0, result.output_both
    assert Store(moved).info().entries == 5


def test_warm_piper_rebuild_is_byte_identical(short_article: Path, tmp_path: Path) -> None:
    """Piper adds random noise, so determinism comes from the cache: with it warm, the MP3 and the
    manifest come out byte for byte the same, and the voice is not even loaded."""
    out = tmp_path / "out"
    assert run("build", str(short_article), "-o", str(out), "-q").exit_code == 0
    mp3, manifest = (out / "short-news.mp3").read_bytes(), (out / "short-news.json").read_bytes()
    result = run("build", str(short_article), "-o", str(out), "-q", "--force")
    assert result.exit_code == 0, result.output_both
    assert (out / "short-news.mp3").read_bytes() == mp3
    assert (out / "short-news.json").read_bytes() == manifest


ARTICLE = "Interrupted news\n\n" + " ".join(
    f"Sentence number {n} says something about the {w} of the city council."
    for n, w in enumerate(
        ["budget", "parks", "roads", "schools", "water", "libraries", "buses", "housing"], 1
    )
)


def test_kill_9_mid_build_loses_nothing(tmp_path: Path, cache_dir: Path) -> None:
    """After kill -9 in the middle of synthesis, the sentences already spoken are in the cache,
    nothing is in output/, and the next build speaks only the missing sentences."""
    import logging

    from audiogen import build, options_for

    article = tmp_path / "interrupted.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "audiogen", "build", str(article), "-o", str(out), "-q", "-j", "1"],
        env={**os.environ, "AUDIOGEN_CACHE_DIR": str(cache_dir)},
    )
    store = Store(cache_dir)
    deadline = time.monotonic() + 120
    while store.info().entries < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kept = store.info().entries
    assert 2 <= kept < 9, "the build finished or never started: make the article longer"
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("audiogen.speech.synth")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        manifest = build(article, options_for(tmp_path, {"out_dir": out, "jobs": 1}))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    # sentences whose runs were stored too skip synthesis altogether; the rest are looked up
    from_cache = [
        m
        for r in records
        if (m := re.fullmatch(r"(\d+) of (\d+) sentences from the cache", r.getMessage()))
    ]
    assert len(from_cache) == 1
    found, looked_up = map(int, from_cache[0].groups())
    assert looked_up - found == 9 - kept, "only the sentences not spoken before are spoken"
    assert len(manifest.sentences) == 9 and store.info().entries == 9


def test_replace_overrides_the_first_entry(cache_dir: Path) -> None:
    store = Store(cache_dir)
    cache = store.sentences
    key = cache.key(IDENTITY, "Retake.")
    cache.put(key, tone(100))
    cache.replace(key, tone(300))
    assert cache.get(key) == tone(300)
    assert not list(cache.folder.rglob(".*.tmp"))


def test_entry_id_reads_the_stored_checksum_and_marks_the_entry_used(cache_dir: Path) -> None:
    from audiogen.make.store import entry_checksum

    cache = Store(cache_dir).sentences
    audio = Audio(b"\x01\x02" * 1001, 22050)
    key = cache.key({"engine": "x"}, "A sentence.")
    assert cache.entry_id(key) is None
    cache.put(key, audio)
    path = next(cache.folder.rglob("*.wav"))
    os.utime(path, (1_000_000, 1_000_000))
    found = cache.entry_id(key)
    assert found is not None and found.sample_rate == 22050
    assert found.checksum == entry_checksum(key, audio)
    assert path.stat().st_mtime > 1_000_000  # used through its run: prune keeps it
