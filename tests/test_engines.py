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
    assert {"hibari", "pico", "piper", "gtts", "espeak"} <= set(engine_names())
    assert engine_names()[0] == "hibari"


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
    with pytest.raises(UnknownEngineError, match="installed engines are hibari"):
        get_engine("nope")


def test_language_without_voice() -> None:
    from audiogen.speech.engines.piper import PiperEngine

    with pytest.raises(UnknownVoiceError, match="no voice for language 'de'.*Leave out --engine"):
        select_voice(PiperEngine(), None, "de")


def test_describe_engines() -> None:
    info = {e["name"]: e for e in describe_engines()}
    assert info["piper"]["offline"] and not info["gtts"]["offline"]
    assert len(info["espeak"]["languages"]) >= 100
    assert info["piper"]["voices"][0]["id"] == "en_US-joe-medium"
    # licences stated honestly, the joe voice's lessac lineage included
    assert "lessac" in info["piper"]["voices"][0]["license"]
    assert info["hibari"]["voices"][0]["id"] == "heart"
    assert "Apache-2.0" in info["hibari"]["voices"][0]["license"]
    assert info["hibari"]["default_for"] == ["en"]
    assert info["pico"]["default_for"] == ["fr", "es", "de", "it"]


@pytest.mark.parametrize(
    ("lang", "engine", "voice"),
    [
        ("en", "hibari", "heart"),
        ("en-US", "hibari", "heart"),
        ("en-GB", "hibari", "heart"),  # the voice in the package: nothing downloads by default
        ("fr", "pico", "pico-fr-FR"),
        ("fr-CA", "pico", "pico-fr-FR"),
        ("es", "pico", "pico-es-ES"),
        ("de", "pico", "pico-de-DE"),
        ("it", "pico", "pico-it-IT"),
        ("ar", "espeak", "espeak-ar"),
        ("ru", "espeak", "espeak-ru"),
        ("zh", "espeak", "espeak-cmn"),
        (None, "hibari", "heart"),
    ],
)
def test_default_voice_per_language(lang: str | None, engine: str, voice: str) -> None:
    from audiogen.speech.voices import default_engine

    assert default_engine(lang) == engine
    assert select_voice(get_engine(engine), None, lang or "en").id == voice


def test_hibari_is_deterministic() -> None:
    # hibari's noise is seeded: the same sentence, voice and options give the same samples
    first = get_engine("hibari").synthesize(TEXT, voice="heart", lang="en")
    again = get_engine("hibari").synthesize(TEXT, voice="heart", lang="en")
    other = get_engine("hibari", seed=7).synthesize(TEXT, voice="heart", lang="en")
    assert first.pcm == again.pcm
    assert other.pcm != first.pcm and other.frames == first.frames


def test_hibari_voice_that_needs_a_download_fails_clearly_offline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from audiogen.errors import EngineUnavailableError

    monkeypatch.setenv("HIBARI_HOME", str(tmp_path))  # an empty voice cache
    monkeypatch.setattr("urllib.request.urlopen", _offline)  # hibari downloads with urllib
    with pytest.raises(EngineUnavailableError, match="'emma'.*could not be downloaded.*heart"):
        get_engine("hibari").synthesize(TEXT, voice="emma", lang="en")


def _offline(*args: object, **kwargs: object) -> object:
    import urllib.error

    raise urllib.error.URLError("network is unreachable")


@pytest.mark.parametrize("engine_name", ["hibari", "pico"])
def test_engines_are_repeatable(engine_name: str) -> None:
    # Several calls in one process, after other allocations: Pico once varied from its third
    # call on (it read memory an earlier call had left behind). espeak-ng and Piper are not
    # repeatable: their noise generators are not seeded per call.
    import numpy as np

    engine = get_engine(engine_name)
    voice = select_voice(engine, None, "en").id
    takes = set()
    for size in (10, 3_000_000, 10, 3_000_000):
        np.ones(size).sum()  # leaves freed blocks of several sizes in the heap
        takes.add(engine.synthesize(TEXT, voice=voice, lang="en").pcm)
    assert len(takes) == 1


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The High-Level Conference follows.", "zˈɪɹO"),  # hibari 0.2.1 said "level zero"
        ("King Charles spoke.", "zˈɪɹOθ"),  # and "King the zeroth Charles"
    ],
)
def test_hibari_reads_no_empty_roman_numeral(text: str, absent: str) -> None:
    from audiogen.speech.engines.hibari import HibariEngine

    assert absent not in HibariEngine().phonemize(text)


def test_hibari_reads_lexicon_phonemes_in_its_own_alphabet() -> None:
    from audiogen.speech.engines.hibari import HibariEngine

    engine = HibariEngine()
    # espeak IPA as the site lexicon writes it, said in misaki's alphabet
    assert "ɡutˈɛɹɛʃ" in engine.phonemize("Mister [[ ɡuːtˈɛɹɛʃ ]] spoke.")
    assert "vəɹˈɑnkɔf" in engine.phonemize("Mister [[ vəɹˈɑnkɔf ]] spoke.")


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


def test_hibari_says_a_sentence_alike_however_many_are_spoken_at_once() -> None:
    """Two onnxruntime threads once made this sentence differ from one thread's by a few samples:
    a preloaded rebuild did not repeat a fresh build's bytes."""
    text = "The budget takes effect on July first."
    takes = set()
    for workers in (1, 2):
        engine = get_engine("hibari")
        engine.set_jobs(workers, 2)
        takes.add(engine.synthesize(text, voice="heart", lang="en").pcm)
    assert len(takes) == 1


@pytest.mark.parametrize(
    ("written", "spoken", "same"),
    [
        # Pico's French letter rules say the x of a hyphenated "dix-"/"soixante-" as in
        # "examen"; it is handed those numbers as separate words, which it says right.
        ("Il est dix-huit heures.", "Il est dix huit heures.", True),
        ("Contre dix-sept voix.", "Contre dix sept voix.", True),
        ("Soixante-six personnes.", "Soixante six personnes.", True),
        ("Soixante-dix-huit pays.", "Soixante dix huit pays.", True),
        # Other hyphens stay: "vingt sept" as two words is heard worse than "vingt-sept".
        ("Vingt-sept pays.", "Vingt sept pays.", False),
        ("Ce week-end.", "Ce week end.", False),
    ],
)
def test_pico_french_numbers_are_said_as_words(written: str, spoken: str, same: bool) -> None:
    engine = get_engine("pico")
    take = engine.synthesize(written, voice="pico-fr-FR", lang="fr").pcm
    assert (take == engine.synthesize(spoken, voice="pico-fr-FR", lang="fr").pcm) is same


@pytest.mark.parametrize(
    ("voice", "lexicon", "xsampa"),
    [
        ("pico-fr-FR", "Ce [[ wikˈɛnd ]].", 'Ce <phoneme alphabet="xsampa" ph="wik\'End"/>.'),
        ("pico-de-DE", "Das [[ fˈɛstivəl ]].", 'Das <phoneme alphabet="xsampa" ph="f\'Estiv@l"/>.'),
        ("pico-fr-FR", "Le [[ ʒɑ̃ ]].", 'Le <phoneme alphabet="xsampa" ph="ZA~"/>.'),
    ],
)
def test_pico_reads_lexicon_phonemes_in_its_own_alphabet(
    voice: str, lexicon: str, xsampa: str
) -> None:
    from audiogen.speech.engines.pico import pico_input

    engine = get_engine("pico")
    assert engine.reads_phonemes
    # the entry reaches Pico as its phoneme tag, and is spoken: more than the sentence without it
    assert pico_input(lexicon, voice.removeprefix("pico-")) == xsampa
    take = engine.synthesize(lexicon, voice=voice, lang="fr").pcm
    without = engine.synthesize(lexicon.split("[[")[0] + ".", voice=voice, lang="fr").pcm
    assert len(take) > len(without) + 4000


def test_pico_names_a_sound_it_has_no_symbol_for() -> None:
    from audiogen.errors import EngineError

    with pytest.raises(EngineError, match="'ʕ'.*respelling in lexicon.toml"):
        get_engine("pico").synthesize("Le [[ ʕa ]].", voice="pico-fr-FR", lang="fr")


def test_hibari_without_scipy_caches_its_sentences_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """hibari's numpy FFT (its fallback when scipy is missing) gives other samples than scipy's:
    a machine without scipy must not share sentences with one that has it."""
    import importlib.util

    from audiogen.speech.engines.hibari import HibariEngine

    with_scipy = HibariEngine().version()
    assert "hibari-tts" in with_scipy and "numpy FFT" not in with_scipy
    find_spec = importlib.util.find_spec

    def without_scipy(name: str, *args: object):  # type: ignore[no-untyped-def]
        return None if name == "scipy" else find_spec(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", without_scipy)
    assert HibariEngine().version() == f"{with_scipy}, numpy FFT"
