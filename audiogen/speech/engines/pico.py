"""SVOX Pico, through ``py-nanotts``: small offline voices for six European languages.

The voices (US and British English, French, Spanish, German, Italian; 16 kHz) ship inside the
``py-nanotts`` wheel, so nothing is downloaded. Pico is rule-and-unit based, much clearer than
espeak's formant voices and far faster than real time. It has no randomness, but it reads some
of its working memory before writing it: see :func:`_zeroed_working_memory`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from audiogen.errors import ConfigError, EngineError, EngineUnavailableError, UnknownVoiceError
from audiogen.speech.engines.base import Engine
from audiogen.types import Audio, Voice

VOICE_PREFIX = "pico-"

_LICENSE = "Apache-2.0 (SVOX Pico lingware and py-nanotts)"

_SAMPLE_RATE = 16000

# Pico's six voices: its language tag and a description.
_VOICES = (
    ("en-US", "US English, female"),
    ("en-GB", "British English, female"),
    ("fr-FR", "French (France), female"),
    ("es-ES", "Spanish (Spain), female"),
    ("de-DE", "German (Germany), female"),
    ("it-IT", "Italian (Italy), female"),
)


# Text Pico reads wrong, written the way it reads right (the script and manifest keep the
# original). Pico's French lexicon lacks hyphenated numbers, and its letter rules then say the
# "x" of "dix-huit" and "soixante-six" as in "examen": Whisper base heard "dix-huit" as "dix
# filles", "dix-sept" as "dix cèpes", "soixante-six" as "soit exemple si", and each of them
# right once the hyphen after "dix" or "soixante" is a space (Pico then says each word from its
# lexicon, as one number). Other hyphens stay: "vingt sept" and "quatre vingt un" come out worse.
_INPUT_RULES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "fr-FR": ((re.compile(r"\b(dix|soixante)-(?=\w)", re.IGNORECASE), r"\1 "),),
}
_INPUT_RULES_REVISION = 2
"""Part of :meth:`PicoEngine.version`: a change to the rules is a change to the audio."""

# Lexicon phonemes (espeak-ng's IPA) in Pico's alphabet, X-SAMPA, which its <phoneme> tag reads
# (Pico has no word for "week-end" or a German "Festival": an entry gives it one).
# fmt: off
_XSAMPA = {
    "ɡ": "g", "ø": "2", "ɛ": "E", "œ": "9", "ɑ": "A", "ɔ": "O", "ə": "@", "ɪ": "I", "ʏ": "Y",
    "ʊ": "U", "ɐ": "6", "æ": "{", "ʌ": "V", "ɒ": "Q", "ɜ": "3", "ɨ": "1", "ʉ": "}", "ɯ": "M",
    "ʃ": "S", "ʒ": "Z", "θ": "T", "ð": "D", "ç": "C", "ɣ": "G", "χ": "X", "ʁ": "R", "ʀ": "R",
    "ɾ": "4", "ʎ": "L", "ɲ": "J", "ŋ": "N", "ɥ": "H", "ʔ": "?", "β": "B", "ʝ": "j\\", "ɫ": "l",
    "ɹ": "r", "ɦ": "h", "ʧ": "tS", "ʤ": "dZ", "ʦ": "ts", "ˈ": "'", "ˌ": "%", "ː": ":",
    "\u0303": "~", "\u0361": "", " ": "", ".": ".", "-": "",
}
# fmt: on
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz")
_PHONEMES = re.compile(r"\[\[(.*?)\]\]")


def xsampa(ipa: str) -> str:
    """espeak-ng IPA (``"wikˈɛnd"``) in X-SAMPA (``"wik'End"``); a sound X-SAMPA has no symbol
    for here is an :class:`EngineError` naming it."""
    out = []
    for c in ipa.strip():
        if c not in _PLAIN and c not in _XSAMPA:
            raise EngineError(
                f"pico: the lexicon phonemes [[{ipa}]] use {c!r}, a sound Pico has no symbol "
                "for: write that word as a respelling in lexicon.toml"
            )
        out.append(c if c in _PLAIN else _XSAMPA[c])
    return "".join(out)


def pico_input(text: str, tag: str) -> str:
    """``text`` as handed to Pico's ``tag`` voice: :data:`_INPUT_RULES` applied, and lexicon
    phonemes (``[[ IPA ]]``) as Pico's ``<phoneme>`` tag."""
    for pattern, replacement in _INPUT_RULES.get(tag, ()):
        text = pattern.sub(replacement, text)
    # Pico reads "<" as the start of its markup and drops what follows: a sign the normalizer
    # left (it says the ones before a figure) is not spoken
    text = text.replace("<", " ").replace(">", " ")
    return _PHONEMES.sub(lambda m: f'<phoneme alphabet="xsampa" ph="{xsampa(m.group(1))}"/>', text)


_M_PERTURB = -6  # glibc's mallopt parameter


def _mallopt() -> Any:
    """glibc's ``mallopt``, or ``None`` elsewhere."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return None


@contextlib.contextmanager
def _zeroed_working_memory() -> Iterator[None]:
    """Make Pico's working memory come zeroed while it speaks, so the same text gives the same
    samples.

    py-nanotts mallocs 2.5 MB for every call, and Pico reads part of it before writing it:
    fresh pages are zeroed, but a block reused from the heap still holds an earlier call's data,
    and the speech then differs slightly from call to call. glibc's ``M_PERTURB`` makes malloc
    fill what it returns with one byte (here 0) for the duration of the call (Pico holds the
    interpreter lock meanwhile); elsewhere Pico's speech may vary in its last bits."""
    mallopt = _mallopt()
    if mallopt is None:
        yield
        return
    mallopt(_M_PERTURB, 0xFF)  # allocations are filled with the complement: zeros
    try:
        yield
    finally:
        mallopt(_M_PERTURB, 0)


def _nanotts() -> Any:
    try:
        import py_nanotts
    except ImportError as exc:
        raise EngineUnavailableError(
            "pico: py-nanotts is not installed: install it with pip install py-nanotts"
        ) from exc
    return py_nanotts


class PicoEngine(Engine):
    """SVOX Pico. Voices are ``pico-<tag>`` (``pico-fr-FR``).

    Options (``None``: Pico's default): ``speed`` (0.2 to 5.0, 1.0 is normal), ``pitch``
    (0.5 to 2.0).
    """

    name: ClassVar[str] = "pico"
    needs_network: ClassVar[bool] = False
    max_chars: ClassVar[int | None] = None
    reads_phonemes: ClassVar[bool] = True

    def __init__(self, *, speed: float | None = None, pitch: float | None = None) -> None:
        limits = (("speed", speed, (0.2, 5.0)), ("pitch", pitch, (0.5, 2.0)))
        for option, value, (low, high) in limits:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if value is not None and not (ok and low <= value <= high):
                raise ConfigError(
                    f"pico: {option} must be a number from {low} to {high}, not {value!r}"
                )
        self.speed = speed
        self.pitch = pitch

    def voices(self) -> list[Voice]:
        """Pico's six voices, American English first."""
        return [
            Voice(
                id=VOICE_PREFIX + tag,
                engine=self.name,
                langs=(tag, tag.split("-")[0]) if tag != "en-GB" else (tag,),
                offline=True,
                license=_LICENSE,
                description=f"{text}, SVOX Pico (16 kHz)",
            )
            for tag, text in _VOICES
        ]

    def version(self) -> str:
        """The py-nanotts build (and the lingware inside it) that speaks."""
        from importlib.metadata import version

        return f"py-nanotts {version('py-nanotts')}, input rules {_INPUT_RULES_REVISION}"

    def options(self) -> dict[str, Any]:
        """The synthesis options that change the audio (for manifests and cache keys)."""
        return {"speed": self.speed, "pitch": self.pitch}

    def synthesize(self, text: str, *, voice: str = "pico-en-US", lang: str = "en") -> Audio:
        """Speak ``text`` with ``voice``: 16-bit mono at 16 kHz."""
        tag = voice.removeprefix(VOICE_PREFIX)
        if not voice.startswith(VOICE_PREFIX) or tag not in dict(_VOICES):
            raise UnknownVoiceError(
                f"engine 'pico' has no voice {voice!r}; its voices are: "
                f"{', '.join(v.id for v in self.voices())}"
            )
        if not text.strip():
            return Audio(b"", _SAMPLE_RATE, 2, 1)
        nanotts = _nanotts().NanoTTS()
        try:
            with _zeroed_working_memory():
                pcm = nanotts.speak(
                    pico_input(text, tag), voice=tag, speed=self.speed, pitch=self.pitch
                )
        except RuntimeError as exc:
            raise EngineError(
                f"pico: Pico failed to speak ({exc}); reinstall it with "
                f"pip install --force-reinstall py-nanotts"
            ) from exc
        return Audio(bytes(pcm), _SAMPLE_RATE, 2, 1)
