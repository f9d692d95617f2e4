"""espeak-ng, the offline formant voice for 100+ languages, driven through ctypes.

The library and its data come from the ``espeakng-loader`` wheel, so no system espeak is needed.
espeak-ng keeps its state in globals and is not thread-safe: it is initialized once per process and
every call into it holds one lock.

piper-tts links its own copy of espeak-ng into ``piper.espeakbridge``, exporting the same
``espeak_*`` symbols. Loading this copy with ``RTLD_LOCAL`` keeps the two apart: neither library's
symbols enter the global namespace, so each keeps its own functions, globals and data directory.
(Loaded with ``RTLD_GLOBAL`` before piper, it makes piper's phonemizer crash the process.)
"""

from __future__ import annotations

import ctypes
import difflib
import sys
import threading
from array import array
from ctypes import c_char_p, c_int, c_uint, c_void_p
from dataclasses import dataclass
from typing import ClassVar

from audiogen.errors import ConfigError, EngineError, EngineUnavailableError, UnknownVoiceError
from audiogen.speech.engines.base import Engine
from audiogen.types import Audio, Voice

VOICE_PREFIX = "espeak-"

# The default voice: espeak-ng's own default English is British, audiogen's is American.
_DEFAULT_IDENTIFIER = "gmw/en-US"

_LICENSE = "GPL-3.0-or-later (espeak-ng)"

# From espeak-ng's speak_lib.h.
_AUDIO_OUTPUT_SYNCHRONOUS = 0x02
_INITIALIZE_DONT_EXIT = 0x8000  # return an error instead of exit() when the data is missing
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PARAM_RATE = 1
_PARAM_PITCH = 3
_EE_OK = 0
_RATE_RANGE = (80, 450)  # espeakRATE_MINIMUM, espeakRATE_MAXIMUM (words per minute)
_PITCH_RANGE = (0, 100)


class _EspeakVoice(ctypes.Structure):
    """``espeak_VOICE``."""

    _fields_ = [
        ("name", ctypes.c_char_p),
        # Pairs of a priority byte and a NUL-terminated language; a zero priority ends the list.
        ("languages", ctypes.c_void_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


# int SynthCallback(short *wav, int numsamples, espeak_EVENT *events)
_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


@dataclass(frozen=True)
class _RawVoice:
    name: str
    identifier: str
    languages: tuple[tuple[int, str], ...]
    """(priority, language) pairs as espeak lists them: lower priority is a better match."""


class _Espeak:
    """The process's one initialized libespeak-ng. Use it only while holding ``_lock``."""

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:
            raise EngineUnavailableError(
                "espeak: the espeakng-loader package is missing; "
                "install it with pip install espeakng-loader"
            ) from exc
        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_LOCAL)
            data_path = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as exc:
            raise EngineUnavailableError(
                f"espeak: cannot load espeak-ng from espeakng-loader ({exc}); "
                f"reinstall it with pip install --force-reinstall espeakng-loader"
            ) from exc
        _declare(lib)
        rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path.encode(), _INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            raise EngineError(
                f"espeak: espeak-ng failed to initialize (code {rate}) with its data at "
                f"{data_path}; reinstall it with pip install --force-reinstall espeakng-loader"
            )
        self.lib = lib
        self.sample_rate: int = rate
        self._sink: list[bytes] | None = None
        # Kept on the instance: espeak holds a raw pointer to it, ctypes must not free it.
        self._callback = _SynthCallback(self._on_samples)
        self.voices = self._list_voices()

    def _on_samples(
        self, wav: ctypes._Pointer[ctypes.c_short], count: int, events: int | None
    ) -> int:
        if count > 0 and wav and self._sink is not None:
            self._sink.append(ctypes.string_at(wav, count * 2))
        return 0  # 0: go on synthesizing

    def _list_voices(self) -> list[_RawVoice]:
        found: list[_RawVoice] = []
        array_ = self.lib.espeak_ListVoices(None)
        i = 0
        # The array and its strings belong to espeak and change on the next call: copy them now.
        while array_[i]:
            v = array_[i].contents
            found.append(
                _RawVoice(
                    name=(v.name or b"").decode("utf-8", "replace").strip(),
                    identifier=(v.identifier or b"").decode("utf-8", "replace"),
                    languages=_languages(v.languages),
                )
            )
            i += 1
        return found

    def synth(self, identifier: str, text: str, rate: int | None, pitch: int | None) -> bytes:
        """Speak ``text`` with the voice file ``identifier``; return native-endian int16 PCM."""
        lib = self.lib
        if lib.espeak_SetVoiceByName(identifier.encode()) != _EE_OK:
            raise EngineError(
                f"espeak: espeak-ng could not load voice {identifier!r}; "
                f"reinstall espeakng-loader (pip install --force-reinstall espeakng-loader)"
            )
        # Settings are process-global: set each on every call, or another engine's would leak in.
        lib.espeak_SetParameter(_PARAM_RATE, _or_default(lib, _PARAM_RATE, rate), 0)
        lib.espeak_SetParameter(_PARAM_PITCH, _or_default(lib, _PARAM_PITCH, pitch), 0)
        lib.espeak_SetSynthCallback(self._callback)
        data = text.replace("\0", " ").encode("utf-8")
        chunks: list[bytes] = []
        self._sink = chunks
        try:
            # No espeakSSML or espeakPHONEMES flag: "<" and "[[" in articles are read as text.
            err = lib.espeak_Synth(
                data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            if err == _EE_OK:
                err = lib.espeak_Synchronize()
        finally:
            self._sink = None
        if err != _EE_OK:
            raise EngineError(f"espeak: espeak-ng failed to speak (code {err}); try shorter text")
        return b"".join(chunks)


def _declare(lib: ctypes.CDLL) -> None:
    """Give ctypes the C signatures, so arguments and results are converted correctly."""
    lib.espeak_Initialize.argtypes = [c_int, c_int, c_char_p, c_int]
    lib.espeak_Initialize.restype = c_int
    lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
    lib.espeak_SetSynthCallback.restype = None
    lib.espeak_ListVoices.argtypes = [c_void_p]
    lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_EspeakVoice))
    lib.espeak_SetVoiceByName.argtypes = [c_char_p]
    lib.espeak_SetVoiceByName.restype = c_int
    lib.espeak_SetParameter.argtypes = [c_int, c_int, c_int]
    lib.espeak_SetParameter.restype = c_int
    lib.espeak_GetParameter.argtypes = [c_int, c_int]
    lib.espeak_GetParameter.restype = c_int
    lib.espeak_Synth.argtypes = [
        c_char_p, ctypes.c_size_t, c_uint, c_int, c_uint, c_uint, c_void_p, c_void_p
    ]  # fmt: skip
    lib.espeak_Synth.restype = c_int
    lib.espeak_Synchronize.argtypes = []
    lib.espeak_Synchronize.restype = c_int


def _or_default(lib: ctypes.CDLL, param: int, value: int | None) -> int:
    if value is not None:
        return value
    default: int = lib.espeak_GetParameter(param, 0)  # current=0: espeak's default value
    return default


def _languages(address: int | None) -> tuple[tuple[int, str], ...]:
    found: list[tuple[int, str]] = []
    if not address:
        return ()
    while True:
        priority = ctypes.c_ubyte.from_address(address).value
        if priority == 0:
            break
        lang = ctypes.string_at(address + 1)
        found.append((priority, lang.decode("ascii", "replace")))
        address += 2 + len(lang)  # the priority byte, the string, its NUL
    return tuple(found)


_lock = threading.Lock()
_instance: _Espeak | None = None


def _espeak() -> _Espeak:
    """The process's libespeak-ng, initialized on first use. Call it holding ``_lock``."""
    global _instance
    if _instance is None:
        _instance = _Espeak()
    return _instance


def _bcp47(tag: str) -> str:
    """espeak's lower-case tags in BCP 47 case: ``en-gb-x-rp`` -> ``en-GB-x-rp``."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    private = False
    for part in parts[1:]:
        if private or part.lower() == "x":
            private = True
            out.append(part.lower())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def _voice_langs(raws: list[_RawVoice]) -> list[tuple[str, ...]]:
    """Each voice's languages, most specific first, for ``select_voice``'s first-match rule.

    ``Voice.speaks`` matches ``en`` to ``en-GB`` both ways, and ``select_voice`` takes the first
    voice that speaks the language. So a plain ``en`` beside ``en-gb`` is dropped (it would make the
    first English voice catch every en-XX request), then each plain tag left with no voice is given
    back to the one voice espeak prefers for it, so that ``fr-CA`` still finds a French voice.
    """
    tagged: list[list[tuple[int, str]]] = []
    orphans: dict[str, tuple[int, int]] = {}  # plain tag -> (priority, index) of its best voice
    for index, raw in enumerate(raws):
        langs = [(p, _bcp47(lang)) for p, lang in sorted(raw.languages, key=lambda pl: pl[0])]
        lowered = [tag.lower() for _, tag in langs]
        kept: list[tuple[int, str]] = []
        for priority, tag in langs:
            if any(other.startswith(tag.lower() + "-") for other in lowered):
                if tag not in orphans or (priority, index) < orphans[tag]:
                    orphans[tag] = (priority, index)
            elif tag not in (t for _, t in kept):
                kept.append((priority, tag))
        tagged.append(kept)
    for tag, (priority, index) in orphans.items():
        if not any(tag == t for kept in tagged for _, t in kept):
            tagged[index].append((priority, tag))
    return [tuple(tag for _, tag in kept) for kept in tagged]


def _order(raw: _RawVoice) -> tuple[bool, str, int, str]:
    """Default voice first, then by language; within one, espeak's preferred voice first.

    ``select_voice`` takes the first voice that speaks a language, so for ``fr`` the voice that
    lists plain ``fr`` with the best priority (France) must come before Belgium and Switzerland.
    """
    first = raw.languages[0][1] if raw.languages else raw.identifier
    primary = first.split("-")[0]
    priority = min((p for p, lang in raw.languages if lang == primary), default=99)
    return (raw.identifier != _DEFAULT_IDENTIFIER, primary, priority, raw.identifier)


def _build_voices(raws: list[_RawVoice]) -> tuple[list[Voice], dict[str, str]]:
    ordered = sorted(raws, key=_order)
    voices: list[Voice] = []
    identifiers: dict[str, str] = {}
    for raw, langs in zip(ordered, _voice_langs(ordered), strict=True):
        vid = VOICE_PREFIX + raw.identifier.rsplit("/", 1)[-1].lower()
        if vid in identifiers:  # two voice files of one name in different families
            vid = VOICE_PREFIX + raw.identifier.replace("/", "-").lower()
        identifiers[vid] = raw.identifier
        voices.append(
            Voice(
                id=vid,
                engine=EspeakEngine.name,
                langs=langs,
                offline=True,
                license=_LICENSE,
                description=f"{raw.name}, espeak-ng formant voice",
            )
        )
    return voices, identifiers


class EspeakEngine(Engine):
    """espeak-ng: robotic but clear, offline, and speaks over 100 languages.

    Voices are ``espeak-<voice file>`` (``espeak-en-us``, ``espeak-de``, ``espeak-sw``); the voice
    fixes the language, so ``lang`` is only informational.
    """

    name: ClassVar[str] = "espeak"
    needs_network: ClassVar[bool] = False
    max_chars: ClassVar[int | None] = None

    def __init__(self, *, rate: int | None = None, pitch: int | None = None) -> None:
        """Configure the engine.

        :param rate: speed in words per minute (80 to 450); ``None``: espeak's default (175).
        :param pitch: base pitch, 0 to 100; ``None``: espeak's default (50).
        """
        for option, value, (low, high) in (
            ("rate", rate, _RATE_RANGE),
            ("pitch", pitch, _PITCH_RANGE),
        ):
            ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
            if value is not None and not ok:
                raise ConfigError(
                    f"espeak: {option} must be a whole number from {low} to {high}, not {value!r}"
                )
        self.rate = rate
        self.pitch = pitch
        self._voices: list[Voice] | None = None
        self._identifiers: dict[str, str] = {}

    def _catalog(self) -> tuple[list[Voice], dict[str, str]]:
        if self._voices is None:
            with _lock:
                raws = _espeak().voices
            self._voices, self._identifiers = _build_voices(raws)
        return self._voices, self._identifiers

    def version(self) -> str:
        """The espeak-ng build (from the espeakng-loader wheel) that speaks."""
        from importlib.metadata import version

        return f"espeakng-loader {version('espeakng-loader')}"

    def options(self) -> dict[str, int | None]:
        """The synthesis options that change the audio (for manifests and cache keys)."""
        return {"rate": self.rate, "pitch": self.pitch}

    def voices(self) -> list[Voice]:
        """Every installed espeak-ng voice, American English first."""
        return list(self._catalog()[0])

    def synthesize(self, text: str, *, voice: str, lang: str) -> Audio:
        """Speak ``text`` with ``voice``; return mono 16-bit PCM at espeak's rate (22050 Hz).

        Raises :class:`UnknownVoiceError` for a voice that is not installed.
        """
        voices, identifiers = self._catalog()
        identifier = identifiers.get(voice)
        if identifier is None:
            ids = [v.id for v in voices]
            close = difflib.get_close_matches(voice, ids, n=3) or ids[:12]
            raise UnknownVoiceError(
                f"espeak has no voice {voice!r}; try {', '.join(close)} "
                f"(see 'audiogen engines' for all {len(ids)})"
            )
        with _lock:
            engine = _espeak()
            pcm = engine.synth(identifier, text, self.rate, self.pitch) if text.strip() else b""
            rate = engine.sample_rate
        if sys.byteorder == "big":  # espeak writes native order; Audio is little-endian
            samples = array("h", pcm)
            samples.byteswap()
            pcm = samples.tobytes()
        return Audio(pcm, rate, 2, 1)
