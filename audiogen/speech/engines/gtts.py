"""The online Google Translate voice, through the gTTS library.

gTTS returns MP3; it is decoded here (:meth:`Audio.from_mp3`, no ffmpeg) into 24 kHz mono PCM.
The service answers HTTP 429 when it rate-limits and 5xx when it is unwell: both are retried with
exponential backoff. A request that never gets an answer (offline, DNS, timeout) is a
:class:`NetworkError` whose message points at the offline engines.
"""

from __future__ import annotations

import binascii
import logging
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from audiogen.errors import ConfigError, EngineError, NetworkError, UnknownVoiceError
from audiogen.speech.engines.base import Engine
from audiogen.types import Audio, Voice

if TYPE_CHECKING:
    import numpy as np
    from gtts import gTTSError

logger = logging.getLogger(__name__)

VOICE_PREFIX = "gtts-"

# What Google's MP3s are; used for the empty result of a text with nothing to say.
_SAMPLE_RATE = 24000

# BCP 47 tags for the gTTS codes that are not already the right tag. A bare code that has regional
# siblings in gTTS gets its own region, so that asking for ``fr-CA`` does not match plain ``fr``.
_LANG_TAGS: dict[str, tuple[str, ...]] = {
    "fr": ("fr-FR",),
    "iw": ("he",),
    "jw": ("jv",),
    "no": ("no", "nb"),
    "pt": ("pt-BR",),
    "tl": ("fil", "tl"),
    "zh": ("cmn",),  # gTTS: "Chinese (Mandarin)"; zh-CN and zh-TW are its regional voices
}

_LICENSE = (
    "Google Terms of Service: the audio comes from Google Translate's speech service "
    "(unofficial use through gTTS)"
)

_OFFLINE_HINT = "it needs the internet; use --engine piper or --engine espeak, which work offline"

# A sample below this magnitude (about -60 dBFS) is treated as silence when trimming.
_SILENCE = 32
# Kept on each side of the speech so soft onsets and decays are not clipped.
_MARGIN_S = 0.03

_TLD = re.compile(r"[a-z]{2,}(\.[a-z]{2,})*")


class GttsEngine(Engine):
    """Google Translate's text-to-speech through gTTS: many languages, needs the internet.

    Voices are ``gtts-<gTTS language code>`` (``gtts-en``, ``gtts-pt-PT``); the voice fixes the
    language, so ``lang`` is only informational. The accent comes from ``tld`` (``co.uk``,
    ``com.au``).
    """

    name: ClassVar[str] = "gtts"
    needs_network: ClassVar[bool] = True
    # gTTS splits longer text itself, but one request a chunk keeps retries and pauses ours.
    max_chars: ClassVar[int | None] = 100

    def __init__(
        self,
        *,
        tld: str = "com",
        slow: bool = False,
        timeout: float = 10.0,
        retries: int = 4,
        backoff: float = 0.5,
    ) -> None:
        """Configure the engine.

        :param tld: Google host's top-level domain (``com``, ``co.uk``): it picks the accent.
        :param slow: speak slowly.
        :param timeout: seconds to wait for each HTTP request.
        :param retries: how many times to retry after HTTP 429 or 5xx.
        :param backoff: seconds before the first retry; doubled for each next one.
        """
        if not _TLD.fullmatch(tld):
            raise ConfigError(
                f"gtts: invalid tld {tld!r}; give a domain ending such as com or co.uk"
            )
        if timeout <= 0:
            raise ConfigError(f"gtts: timeout must be positive seconds, not {timeout!r}")
        if retries < 0:
            raise ConfigError(f"gtts: retries must be 0 or more, not {retries!r}")
        if backoff < 0:
            raise ConfigError(f"gtts: backoff must be 0 or more seconds, not {backoff!r}")
        self.tld = tld
        self.slow = slow
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep: Callable[[float], None] = time.sleep
        """Waits between retries; replace it to observe or skip the waits (tests)."""

    def version(self) -> str:
        """The gTTS library's version (Google's voices change without one: clear the cache to
        fetch them again)."""
        from importlib.metadata import version

        return f"gTTS {version('gTTS')}"

    def options(self) -> dict[str, str | bool]:
        """The options that change the audio (timeouts and retries do not), for cache keys."""
        return {"tld": self.tld, "slow": self.slow}

    def voices(self) -> list[Voice]:
        """One voice per gTTS language, English first."""
        from gtts.lang import tts_langs

        langs = tts_langs()
        codes = sorted(langs, key=lambda code: (code != "en", code))
        return [
            Voice(
                id=VOICE_PREFIX + code,
                engine=self.name,
                langs=_LANG_TAGS.get(code, (code,)),
                offline=False,
                license=_LICENSE,
                description=f"{langs[code]}, Google Translate voice (translate.google.{self.tld})",
            )
            for code in codes
        ]

    def synthesize(self, text: str, *, voice: str, lang: str) -> Audio:
        """Speak ``text`` with ``voice`` (``lang`` is implied by the voice); return 24 kHz PCM.

        Raises :class:`UnknownVoiceError` for a voice gTTS does not have, :class:`NetworkError`
        when Google cannot be reached and :class:`EngineError` when it answers with an error or
        something that is not audio. Text with no word in it gives empty audio.
        """
        code = self._code(voice)
        # gTTS asserts when punctuation-only text leaves nothing to send; there is nothing to say.
        if not re.search(r"\w", text):
            return Audio(b"", _SAMPLE_RATE, 2, 1)
        return _decode(self._fetch(text, code))

    def _code(self, voice: str) -> str:
        from gtts.lang import tts_langs

        langs = tts_langs()
        code = voice[len(VOICE_PREFIX) :] if voice.startswith(VOICE_PREFIX) else ""
        if code not in langs:
            shown = ", ".join(VOICE_PREFIX + c for c in sorted(langs))
            raise UnknownVoiceError(
                f"gtts has no voice {voice!r}; its voices are {shown} (see 'audiogen engines')"
            )
        return code

    def _fetch(self, text: str, code: str) -> bytes:
        from gtts import gTTS, gTTSError

        # lang_check=False: the voice was already checked against the same table, offline.
        tts = gTTS(
            text, lang=code, tld=self.tld, slow=self.slow, lang_check=False, timeout=self.timeout
        )
        attempt = 0
        while True:
            try:
                # A fresh join on every attempt: a retried request must not keep a partial answer.
                return b"".join(tts.stream())
            except gTTSError as exc:
                status = exc.rsp.status_code if exc.rsp is not None else None
                if status is None:
                    raise _network_error(exc, self.tld, self.timeout) from exc
                if not _retryable(status):
                    raise EngineError(
                        f"gtts: Google answered {_describe(exc)}; {_fix(status)}"
                    ) from exc
                if attempt >= self.retries:
                    raise EngineError(
                        f"gtts: Google still answered {_describe(exc)} after {attempt + 1} "
                        f"attempts; {_fix(status)}"
                    ) from exc
                delay = self.backoff * 2**attempt
                logger.info("gtts: HTTP %s, retrying in %.1f s", status, delay)
                self.sleep(delay)
                attempt += 1
            except (UnicodeDecodeError, binascii.Error) as exc:
                # gTTS decodes the body as UTF-8 text holding base64 audio: this is neither.
                raise EngineError(
                    f"gtts: Google's answer is not the expected speech data "
                    f"({exc.__class__.__name__}); upgrade gTTS (pip install -U gTTS) or use "
                    f"--engine piper"
                ) from exc


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _describe(exc: gTTSError) -> str:
    rsp = exc.rsp
    return f"HTTP {rsp.status_code} {rsp.reason or ''}".rstrip()


def _fix(status: int) -> str:
    if status == 429:
        return "Google is rate-limiting: wait a few minutes, use fewer workers, or --engine piper"
    if status >= 500:
        return "the service is failing: try again later or use --engine piper"
    if status == 200:
        return "it held no audio: upgrade gTTS (pip install -U gTTS) or use --engine piper"
    if status == 404:
        return "check the tld option (com, co.uk, ...) or use --engine piper"
    return "upgrade gTTS (pip install -U gTTS) or use --engine piper"


def _network_error(exc: gTTSError, tld: str, timeout: float) -> NetworkError:
    import requests

    # gTTS raises its own error inside ``except RequestException``: the real cause is the context.
    cause = exc.__cause__ or exc.__context__
    host = f"translate.google.{tld}"
    if isinstance(cause, requests.exceptions.Timeout):
        why = f"timed out after {timeout:g} s"
    elif cause is not None and "resolution" in str(cause).lower():
        why = "DNS lookup failed"
    elif cause is not None:
        why = f"connection failed: {cause.__class__.__name__}"
    else:
        why = "connection failed"
    return NetworkError(f"gtts could not reach {host} ({why}): {_OFFLINE_HINT}")


def _decode(mp3: bytes) -> Audio:
    import miniaudio
    import numpy as np

    if not mp3:
        raise EngineError(
            "gtts: Google's answer held no audio; "
            "upgrade gTTS (pip install -U gTTS) or use --engine piper"
        )
    try:
        decoded = Audio.from_mp3(mp3)
    except miniaudio.DecodeError as exc:
        raise EngineError(
            f"gtts: Google's answer is not decodable MP3 audio ({len(mp3)} bytes); "
            f"upgrade gTTS (pip install -U gTTS) or use --engine piper"
        ) from exc
    samples = np.frombuffer(decoded.pcm, dtype="<i2")
    if samples.size == 0:
        raise EngineError("gtts: Google's MP3 decoded to no audio; use --engine piper")
    samples = _trim(samples, decoded.sample_rate)
    return Audio(samples.astype("<i2").tobytes(), decoded.sample_rate, 2, 1)


def _trim(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Drop the near-silent padding Google and the MP3 encoder put around speech.

    Each chunk is at most 100 characters, so untrimmed padding would add uneven pauses inside
    sentences; the join stage adds the pauses it wants. Audio that is all silence is kept as is.
    """
    import numpy as np

    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > _SILENCE)
    if loud.size == 0:
        return samples
    margin = int(_MARGIN_S * sample_rate)
    start = max(0, int(loud[0]) - margin)
    end = min(samples.size, int(loud[-1]) + 1 + margin)
    return samples[start:end]
