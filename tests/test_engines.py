"""One contract suite over every installed engine (gtts through faked HTTP, the others for real)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import responses

from audiogen.errors import UnknownEngineError, UnknownVoiceError
from audiogen.speech.engines.base import (
    Engine,
    describe_engines,
    engine_names,
    get_engine,
    select_voice,
)
from audiogen.types import Audio, Voice

from .conftest import batchexecute_body, tone_mp3

TEXT = "The council met on Tuesday, and approved the plan."


@pytest.fixture(params=engine_names())
def engine(request: pytest.FixtureRequest, piper_engine: Engine) -> Iterator[Engine]:
    name = request.param
    if name == "piper":
        yield piper_engine  # loaded once a session
        return
    eng = get_engine(name)
    if eng.needs_network:
        # Offline tests: the engine's real code runs; only the HTTP layer answers locally.
        with responses.RequestsMock(assert_all_requests_are_fired=False) as http:
            http.add(
                responses.POST,
                re.compile(r"https://translate\.google\.[a-z.]+/.*"),
                body=batchexecute_body(tone_mp3(1.0)),
            )
            yield eng
        return
    yield eng


def test_builtin_engines_are_registered() -> None:
    assert {"piper", "gtts", "espeak"} <= set(engine_names())
    assert engine_names()[0] == "piper"


def test_protocol_and_class_attributes(engine: Engine) -> None:
    assert isinstance(engine, Engine)
    assert engine.name in engine_names()
    assert isinstance(engine.needs_network, bool)
    assert engine.max_chars is None or engine.max_chars >= 50


def test_voices(engine: Engine) -> None:
    voices = engine.voices()
    assert voices and all(isinstance(v, Voice) for v in voices)
    assert all(v.engine == engine.name for v in voices)
    assert all(v.offline == (not engine.needs_network) for v in voices)
    assert len({v.id for v in voices}) == len(voices)
    assert voices[0].speaks("en")
    assert all(v.license for v in voices)


def test_synthesize_speaks(engine: Engine) -> None:
    voice = select_voice(engine, None, "en")
    text = TEXT if engine.max_chars is None else TEXT[: engine.max_chars]
    audio = engine.synthesize(text, voice=voice.id, lang="en")
    assert isinstance(audio, Audio)
    assert audio.sample_width == 2 and audio.channels == 1
    assert 8000 <= audio.sample_rate <= 48000
    assert 500 < audio.duration_ms < 8000
    x = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
    assert np.sqrt(np.mean(x * x)) > 100  # not silence


def test_unknown_voice_lists_voices(engine: Engine) -> None:
    with pytest.raises(UnknownVoiceError) as info:
        select_voice(engine, "no-such-voice", "en")
    message = str(info.value)
    assert "no-such-voice" in message and engine.voices()[0].id in message


def test_unknown_engine_lists_engines() -> None:
    with pytest.raises(UnknownEngineError, match="installed engines are piper"):
        get_engine("nope")


def test_language_without_voice() -> None:
    from audiogen.speech.engines.piper import PiperEngine

    with pytest.raises(UnknownVoiceError, match="no voice for language 'de'.*--engine espeak"):
        select_voice(PiperEngine(), None, "de")


def test_describe_engines() -> None:
    info = {e["name"]: e for e in describe_engines()}
    assert info["piper"]["offline"] and not info["gtts"]["offline"]
    assert len(info["espeak"]["languages"]) >= 100
    assert info["piper"]["voices"][0]["id"] == "en_US-joe-medium"


def test_a_plugin_that_is_not_an_engine_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Engines subclass Engine, so callers never probe them for what they can do. The plugin is
    installed for real: a distribution whose entry point names a class that is no engine."""
    dist = tmp_path / "impostor_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: impostor-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[audiogen.engines]\nimpostor = collections:OrderedDict\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "impostor" in engine_names()
    with pytest.raises(UnknownEngineError, match="subclass"):
        get_engine("impostor")
