"""What Piper keeps in the cache folder: the voice model as onnxruntime optimized it, and the
model's checksum; and how it loads for a given split of the cores."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import audiogen.speech.engines.piper as piper_module
from audiogen.speech.engines.piper import PiperEngine

TEXT = "The council approved the budget."


def _quiet(**kwargs: object) -> PiperEngine:
    """Piper without its random noise, so two loads can be compared sample for sample."""
    return PiperEngine(noise_scale=0.0, noise_w_scale=0.0, **kwargs)  # type: ignore[arg-type]


def _copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.onnx"))


def test_the_optimized_copy_speaks_as_the_model_does(tmp_path: Path) -> None:
    plain = _quiet().synthesize(TEXT)
    first = _quiet()
    first.use_cache_dir(tmp_path)
    made = first.synthesize(TEXT)  # optimizes the model and keeps the copy
    assert len(_copies(tmp_path)) == 1
    second = _quiet()
    second.use_cache_dir(tmp_path)
    loaded = second.synthesize(TEXT)  # loads the copy
    assert made.pcm == plain.pcm and loaded.pcm == plain.pcm


def test_a_damaged_copy_is_made_again(tmp_path: Path) -> None:
    engine = _quiet()
    engine.use_cache_dir(tmp_path)
    good = engine.synthesize(TEXT)
    (copy,) = _copies(tmp_path)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    again = _quiet()
    again.use_cache_dir(tmp_path)
    assert again.synthesize(TEXT).pcm == good.pcm
    check = copy.with_name(copy.name + ".sha256").read_text(encoding="ascii").strip()
    assert piper_module.hash_file(str(copy), copy.stat().st_size, copy.stat().st_mtime_ns) == check


def test_the_model_checksum_is_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = PiperEngine().model_sha256()
    engine = PiperEngine()
    engine.use_cache_dir(tmp_path)
    assert engine.model_sha256() == plain
    piper_module.hash_file.cache_clear()
    hashed: list[str] = []
    real = piper_module.hash_file

    def counting(path: str, size: int, mtime_ns: int) -> str:
        hashed.append(path)
        return real(path, size, mtime_ns)

    monkeypatch.setattr(piper_module, "hash_file", counting)
    later = PiperEngine()
    later.use_cache_dir(tmp_path)
    assert later.model_sha256() == plain and hashed == []


def test_another_split_of_the_cores_loads_again() -> None:
    engine = PiperEngine()
    engine.set_jobs(1, 2)
    first = engine.load()
    assert engine.loaded_threads == 2
    engine.set_jobs(1, 2)
    assert engine.load() is first  # the same split keeps the loaded voice
    engine.set_jobs(2, 2)
    assert engine.load() is not first and engine.loaded_threads == 1
    given = PiperEngine(threads=1)
    given.set_jobs(1, 2)
    given.load()
    assert given.loaded_threads == 1  # a thread count given as an option wins


def test_preload_loads_once_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    sessions: list[Path] = []
    real = PiperEngine.session

    def counting(self: PiperEngine, model: Path) -> object:
        sessions.append(model)
        return real(self, model)

    monkeypatch.setattr(PiperEngine, "session", counting)
    engine = PiperEngine()
    engine.preload()
    deadline = time.monotonic() + 30
    while not engine.is_loaded and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine.synthesize(TEXT).frames > 0
    assert len(sessions) == 1
    engine.unload()
    assert not engine.is_loaded
    assert engine.synthesize(TEXT).frames > 0 and len(sessions) == 2


def test_a_rebuild_leaves_no_preload_running(short_article: Path, tmp_path: Path) -> None:
    import threading

    from .conftest import run

    out = tmp_path / "out"
    assert run("build", str(short_article), "-o", str(out), "-q").exit_code == 0
    text = short_article.read_text(encoding="utf-8")
    short_article.write_text(text.replace("Ada Reporter", "Bo Writer"), encoding="utf-8")
    # outputs exist, so the voice starts loading; every sentence is cached, so none is spoken
    assert run("build", str(short_article), "-o", str(out), "-q").exit_code == 0
    assert not [t for t in threading.enumerate() if t.name == "audiogen-piper-preload"]
