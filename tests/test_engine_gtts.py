"""The gTTS engine: gTTS' real code runs, only its HTTP exchanges with Google are faked.

The fake answers carry a real MP3 made with lameenc (see conftest.py), wrapped the way Google's
batchexecute endpoint wraps its audio.
"""

from __future__ import annotations

import json
import math
import urllib.parse

import numpy as np
import pytest
import requests
import responses

from audiogen.errors import ConfigError, EngineError, NetworkError, UnknownVoiceError
from audiogen.speech.engines.base import Engine, select_voice
from audiogen.speech.engines.gtts import GttsEngine
from audiogen.types import Audio

from .conftest import GTTS_RATE, TONE_HZ, TONE_S, batchexecute_body, tone_mp3


def url(tld: str = "com") -> str:
    return f"https://translate.google.{tld}/_/TranslateWebserverUi/data/batchexecute"


@pytest.fixture(scope="module")
def mp3() -> bytes:
    return tone_mp3()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def engine(sleeps: list[float]) -> GttsEngine:
    e = GttsEngine(timeout=3.0, retries=3, backoff=0.5)
    e.sleep = sleeps.append
    return e


@pytest.fixture
def http():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def samples(audio: Audio) -> np.ndarray:
    return np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)


def sent_text(request: requests.PreparedRequest) -> list:
    """The [text, lang, speed, ...] gTTS packed into its RPC."""
    body = request.body
    assert isinstance(body, str)
    freq = urllib.parse.parse_qs(body)["f.req"][0]
    return json.loads(json.loads(freq)[0][0][1])


def test_is_an_engine() -> None:
    e = GttsEngine()
    assert isinstance(e, Engine)
    assert (e.name, e.needs_network, e.max_chars) == ("gtts", True, 100)


def test_success_decodes_the_mp3_and_trims_the_padding(engine, http, mp3) -> None:
    http.post(
        url(),
        body=batchexecute_body(mp3),
        match=[responses.matchers.request_kwargs_matcher({"timeout": 3.0})],
    )
    audio = engine.synthesize("Hello world.", voice="gtts-en", lang="en")

    assert (audio.sample_rate, audio.sample_width, audio.channels) == (GTTS_RATE, 2, 1)
    # The tone survives whole; the silence around it (and the encoder's padding) does not.
    assert TONE_S * 1000 - 20 <= audio.duration_ms <= TONE_S * 1000 + 120
    x = samples(audio)
    rms = math.sqrt(float(np.mean(x**2)))
    assert rms > 3000  # the tone is 8000 peak, 5657 RMS
    peak_hz = np.argmax(np.abs(np.fft.rfft(x))) * GTTS_RATE / x.size
    assert abs(peak_hz - TONE_HZ) < 10
    assert len(http.calls) == 1
    text, lang, *_ = sent_text(http.calls[0].request)
    assert (text, lang) == ("Hello world.", "en")


def test_tld_and_voice_reach_google(sleeps, http, mp3) -> None:
    http.post(url("co.uk"), body=batchexecute_body(mp3))
    engine = GttsEngine(tld="co.uk")
    audio = engine.synthesize("Bonjour.", voice="gtts-fr", lang="en")
    assert audio.frames > 0
    assert sent_text(http.calls[0].request)[:2] == ["Bonjour.", "fr"]


def test_slow_is_sent(http, mp3) -> None:
    http.post(url(), body=batchexecute_body(mp3))
    GttsEngine(slow=True).synthesize("Slowly.", voice="gtts-en", lang="en")
    assert sent_text(http.calls[0].request)[2] is True


def test_429_is_retried_after_the_backoff(engine, sleeps, http, mp3) -> None:
    http.post(url(), status=429)
    http.post(url(), status=429)
    http.post(url(), body=batchexecute_body(mp3))
    audio = engine.synthesize("Hello.", voice="gtts-en", lang="en")
    assert audio.frames > 0
    assert len(http.calls) == 3
    assert sleeps == [0.5, 1.0]


@pytest.mark.parametrize("status", [500, 503])
def test_5xx_until_retries_run_out_is_an_engine_error(engine, sleeps, http, status) -> None:
    http.post(url(), status=status)
    with pytest.raises(EngineError) as info:
        engine.synthesize("Hello.", voice="gtts-en", lang="en")
    assert not isinstance(info.value, NetworkError)
    assert len(http.calls) == engine.retries + 1
    assert sleeps == [0.5, 1.0, 2.0]
    message = str(info.value)
    assert str(status) in message and "4 attempts" in message and "\n" not in message


def test_no_retries_means_one_attempt(sleeps, http) -> None:
    http.post(url(), status=503)
    engine = GttsEngine(retries=0)
    engine.sleep = sleeps.append
    with pytest.raises(EngineError):
        engine.synthesize("Hello.", voice="gtts-en", lang="en")
    assert len(http.calls) == 1
    assert sleeps == []


def test_403_is_not_retried(engine, sleeps, http) -> None:
    http.post(url(), status=403)
    with pytest.raises(EngineError, match="403"):
        engine.synthesize("Hello.", voice="gtts-en", lang="en")
    assert len(http.calls) == 1
    assert sleeps == []


@pytest.mark.parametrize(
    ("exc", "why"),
    [
        (requests.exceptions.ConnectTimeout("connect timed out"), "timed out after 3 s"),
        (requests.exceptions.ReadTimeout("read timed out"), "timed out after 3 s"),
        (requests.exceptions.ConnectionError("Network is unreachable"), "connection failed"),
        (
            requests.exceptions.ConnectionError(
                "Failed to resolve (Temporary failure in name resolution)"
            ),
            "DNS lookup failed",
        ),
    ],
)
def test_unreachable_google_is_a_one_line_network_error(engine, sleeps, http, exc, why) -> None:
    http.post(url(), body=exc)
    with pytest.raises(NetworkError) as info:
        engine.synthesize("Hello.", voice="gtts-en", lang="en")
    message = str(info.value)
    assert "\n" not in message
    assert why in message
    assert "internet" in message and "--engine piper" in message and "offline" in message
    # Offline is not transient: no waiting on retries that cannot succeed.
    assert sleeps == []
    assert isinstance(info.value, ConnectionError)


def rpc_body(payload: bytes) -> str:
    return batchexecute_body(payload)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "<html><body>Our systems have detected unusual traffic</body></html>", id="html"
        ),
        pytest.param(rpc_body(b"this is not an mp3 at all" * 20), id="not-mp3"),
        pytest.param(')]}\'\n\n[["wrb.fr","jQ1olc",null,null]]\n', id="no-audio-in-rpc"),
        pytest.param(b"\xff\xfe\x00garbage\x80\x81jQ1olc\n", id="binary"),
        pytest.param(')]}\'\n\n[["wrb.fr","jQ1olc","[\\"!!!notbase64\\"]"]]\n', id="bad-base64"),
    ],
)
def test_garbage_body_is_an_engine_error(engine, sleeps, http, body) -> None:
    http.post(url(), body=body)
    with pytest.raises(EngineError) as info:
        engine.synthesize("Hello.", voice="gtts-en", lang="en")
    assert not isinstance(info.value, NetworkError)
    assert "\n" not in str(info.value)
    assert "gtts" in str(info.value)
    assert sleeps == []


@pytest.mark.parametrize("voice", ["gtts-xx", "gtts-", "en", "espeak-en-us", "gtts-EN"])
def test_unknown_voice_is_refused_before_any_request(engine, http, voice) -> None:
    with pytest.raises(UnknownVoiceError) as info:
        engine.synthesize("Hello.", voice=voice, lang="en")
    assert repr(voice) in str(info.value)
    assert "gtts-en" in str(info.value)  # the message lists what exists
    assert len(http.calls) == 0


def test_unsupported_language_is_a_clear_error() -> None:
    with pytest.raises(UnknownVoiceError, match="no voice for language 'xx'"):
        select_voice(GttsEngine(), None, "xx")


def test_text_with_nothing_to_say_is_empty_audio(engine, http) -> None:
    audio = engine.synthesize(" ... — ", voice="gtts-en", lang="en")
    assert audio.frames == 0
    assert len(http.calls) == 0


def test_long_text_is_split_by_gtts_and_joined(engine, http) -> None:
    from gtts import gTTS

    # Longer than gTTS' 100-character limit: gTTS sends several requests and joins the MP3s.
    http.post(url(), body=batchexecute_body(tone_mp3(pad=0.0)))
    text = (
        "This sentence is long enough, at well over one hundred characters, "
        "that gTTS has to split it into parts before it asks Google."
    )
    parts = len(gTTS(text, lang_check=False).get_bodies())
    assert parts >= 2
    audio = engine.synthesize(text, voice="gtts-en", lang="en")
    assert len(http.calls) == parts
    tone_ms = TONE_S * 1000
    assert parts * tone_ms - 20 <= audio.duration_ms <= parts * (tone_ms + 100)


def test_voices_english_first_one_per_language() -> None:
    from gtts.lang import tts_langs

    voices = GttsEngine().voices()
    assert voices[0].id == "gtts-en"
    assert len(voices) == len(tts_langs())
    assert len({v.id for v in voices}) == len(voices)
    assert all(v.engine == "gtts" and not v.offline and "Google" in v.license for v in voices)


@pytest.mark.parametrize(
    ("lang", "voice"),
    [
        ("en", "gtts-en"),
        ("en-GB", "gtts-en"),
        ("fr", "gtts-fr"),
        ("fr-CA", "gtts-fr-CA"),
        ("pt", "gtts-pt"),
        ("pt-PT", "gtts-pt-PT"),
        ("pt-BR", "gtts-pt"),
        ("he", "gtts-iw"),
        ("zh", "gtts-zh-CN"),
        ("zh-TW", "gtts-zh-TW"),
        ("sw", "gtts-sw"),
    ],
)
def test_language_picks_the_voice(lang, voice) -> None:
    assert select_voice(GttsEngine(), None, lang).id == voice


@pytest.mark.parametrize(
    "options",
    [{"tld": "com/evil"}, {"tld": ""}, {"timeout": 0}, {"retries": -1}, {"backoff": -1.0}],
)
def test_bad_options_are_config_errors(options) -> None:
    with pytest.raises(ConfigError):
        GttsEngine(**options)


@pytest.mark.net
def test_google_really_speaks() -> None:
    audio = GttsEngine().synthesize("Hello world, this is a test.", voice="gtts-en", lang="en")
    assert audio.sample_rate == GTTS_RATE
    assert 500 < audio.duration_ms < 6000
    assert float(np.sqrt(np.mean(samples(audio) ** 2))) > 100
