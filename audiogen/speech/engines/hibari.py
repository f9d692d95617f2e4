"""hibari, the default English engine: a small neural voice (Apache-2.0) distilled from
Kokoro-82M, whose ``heart`` voice ships inside the ``hibari-tts`` wheel.

Nothing is downloaded for ``heart``. hibari's other voices are fetched once, on first use, into
hibari's own cache folder; offline, that fetch fails and the engine says so and how to fix it.
hibari draws the noise part of its signal from a random generator; the engine seeds it, so one
sentence, voice and set of options always gives the same samples.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from pathlib import Path
from typing import Any, ClassVar

from audiogen.errors import ConfigError, EngineUnavailableError, UnknownVoiceError
from audiogen.speech.engines.base import Engine
from audiogen.types import Audio, Voice

logger = logging.getLogger(__name__)

DEFAULT_VOICE = "heart"

_LICENSE = "Apache-2.0 (hibari-tts; distilled from Kokoro-82M, Apache-2.0)"

# espeak-ng IPA (what lexicon phoneme entries are written in) to the misaki alphabet hibari reads:
# misaki writes each diphthong and affricate as one letter and the American flap as T.
_IPA_TO_MISAKI = (
    ("eɪ", "A"), ("aɪ", "I"), ("aʊ", "W"), ("oʊ", "O"), ("əʊ", "Q"), ("ɔɪ", "Y"),
    ("tʃ", "ʧ"), ("dʒ", "ʤ"), ("ɚ", "əɹ"), ("ɝ", "ɜɹ"), ("ɾ", "T"), ("r", "ɹ"), ("ɐ", "ə"),
    ("ɬ", "l"), ("g", "ɡ"), ("ᵻ", "ɪ"), ("x", "k"), ("ʔ", ""),
)  # fmt: skip
_PHONEMES = re.compile(r"\[\[\s*(.*?)\s*\]\]")


def misaki_phonemes(ipa: str, alphabet: set[str] | frozenset[str]) -> str:
    """espeak-ng IPA (``ɡuːtˈɛɹɛʃ``) written in hibari's misaki alphabet (``ɡutˈɛɹɛʃ``): letters
    the voice has no symbol for are left out, and American voices drop length marks."""
    out = ipa
    for ipa_part, misaki in _IPA_TO_MISAKI:
        out = out.replace(ipa_part, misaki)
    out = out.replace("ː", "")
    return "".join(c for c in out if c in alphabet and c != " ")


@functools.lru_cache(maxsize=1)
def _voice_registry() -> dict[str, dict[str, Any]]:
    """hibari's voice registry (``assets/voices.json`` in the package: name -> model file, size,
    checksum, language), read without importing hibari."""
    import importlib.util
    import json

    spec = importlib.util.find_spec("hibari")
    if spec is None or not spec.submodule_search_locations:
        raise EngineUnavailableError(
            "hibari is not installed: install it with pip install hibari-tts"
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    registry: dict[str, dict[str, Any]] = json.loads(
        (folder / "assets" / "voices.json").read_text(encoding="utf-8")
    )
    return registry


def _load_hibari() -> Any:
    import importlib

    try:
        import hibari

        # the module, not the function of the same name that hibari.g2p exports
        rules = importlib.import_module("hibari.g2p.normalize")
    except ImportError as exc:
        raise EngineUnavailableError(
            "hibari is not installed: install it with pip install hibari-tts"
        ) from exc
    _fix_roman_numerals(rules)
    return hibari


def _fix_roman_numerals(module: Any) -> None:
    """hibari 0.2.1 reads a Roman numeral that may be empty after words such as "Level" and
    "King", so a capitalized word after them gains a number: "High-Level Conference" is said
    "high level zero conference", "King Charles" "King the zeroth Charles". The numeral is made
    to be a whole word of numeral letters (audiogen's normalizer has already spelled out the real
    ones)."""
    pattern = getattr(module, "ROMAN_NUMERAL", None)
    if not isinstance(pattern, str) or "(?=[IVXLC])" not in pattern:
        return  # another hibari: its own reading stands
    numeral = pattern.replace("(?=[IVXLC])", r"(?=[IVXLCDM]+\b)")
    for name in ("RE_ROMAN_C", "RE_ROMAN_O"):
        old = getattr(module, name, None)
        if isinstance(old, re.Pattern):
            setattr(module, name, re.compile(old.pattern.replace(pattern, numeral)))
    module.ROMAN_NUMERAL = numeral


class HibariEngine(Engine):
    """hibari neural text-to-speech, 24 kHz.

    Options (``None`` means hibari's default): ``speed`` (1.0 is the voice's own pace; 0.5 slow
    to 2.0 fast), ``seed`` (the noise generator's seed; default 0, so speech is repeatable).
    """

    name: ClassVar[str] = "hibari"
    needs_network: ClassVar[bool] = False
    max_chars: ClassVar[int | None] = None
    thread_safe: ClassVar[bool] = True
    """onnxruntime runs one session from several threads; the phonemizer is guarded by a lock."""
    reads_phonemes: ClassVar[bool] = True

    def __init__(self, *, speed: float | None = None, seed: int | None = None) -> None:
        if speed is not None and not (
            isinstance(speed, (int, float)) and not isinstance(speed, bool) and 0.5 <= speed <= 2
        ):
            raise ConfigError(f"hibari: speed must be a number from 0.5 to 2.0, not {speed!r}")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool) or seed < 0):
            raise ConfigError(f"hibari: seed must be a whole number 0 or above, not {seed!r}")
        self.speed = speed
        self.seed = seed
        self._tts: dict[str, Any] = {}
        self._threads = 1
        self._lock = threading.Lock()
        self._g2p_lock = threading.Lock()
        self._loading: threading.Thread | None = None

    def _registry(self) -> dict[str, dict[str, Any]]:
        return _voice_registry()

    def voices(self) -> list[Voice]:
        """``heart`` (in the wheel) first, then hibari's voices that download on first use."""
        _load_hibari()
        out = []
        for vid, v in sorted(self._registry().items(), key=lambda kv: kv[0] != DEFAULT_VOICE):
            lang = v["language"]
            where = "in the package" if v.get("bundled") else "downloads once on first use"
            # The voice in the package speaks every English article unless another is asked
            # for by name: a build never downloads a model on its own.
            langs = (lang, "en", "en-GB") if v.get("bundled") else (lang,)
            out.append(
                Voice(
                    id=vid,
                    engine=self.name,
                    langs=langs,
                    offline=True,
                    license=_LICENSE.replace("Kokoro-82M", f"Kokoro-82M {v['kokoro']}"),
                    description=(f"{v['accent']} English, {v['gender']}, neural (24 kHz), {where}"),
                )
            )
        return out

    def version(self) -> str:
        """Versions of what turns text into samples: hibari and onnxruntime, and the FFT hibari
        falls back to when scipy is missing (its samples differ from scipy's, so its sentences
        are cached apart)."""
        from importlib.metadata import version
        from importlib.util import find_spec

        found = ", ".join(f"{d} {version(d)}" for d in ("hibari-tts", "onnxruntime"))
        return found if find_spec("scipy") is not None else f"{found}, numpy FFT"

    def model_sha256(self) -> str:
        """The ``heart`` model's checksum, as hibari's voice registry records it (the registry
        holds every voice's, and a build records the voice beside it). Read from the package's
        files without importing it: a rebuild's up-to-date check needs this, not numpy."""
        return str(self._registry()[DEFAULT_VOICE]["sha256"])

    def options(self) -> dict[str, Any]:
        """The synthesis options that change the audio (for manifests and cache keys)."""
        return {"speed": self.speed, "seed": self.seed}

    def set_jobs(self, workers: int, cores: int) -> None:
        """Always one onnxruntime thread a sentence, however many sentences are spoken at once:
        onnxruntime splits its sums differently over two threads, and some sentences then come
        out a few samples different, so a build that preloaded the voice for one sentence on two
        threads, or a machine with more cores, would not repeat another's bytes. hibari runs
        about 40x real time on one core, and sentences side by side use the cores anyway."""
        self._threads = 1

    def preload(self) -> None:
        """Load the ``heart`` voice on a background thread; :meth:`synthesize` waits for it."""

        def run() -> None:
            try:
                self._model(DEFAULT_VOICE)
            except Exception:  # raised again, to the caller, by the load synthesize() makes
                logger.debug("hibari: preloading failed", exc_info=True)

        self._loading = threading.Thread(target=run, name="audiogen-hibari-preload", daemon=True)
        self._loading.start()

    def unload(self) -> None:
        """Free the loaded voices (waiting for a load under way)."""
        if self._loading is not None:
            self._loading.join()
            self._loading = None
        with self._lock:
            self._tts.clear()

    @property
    def is_loaded(self) -> bool:
        """True while a voice model is in memory."""
        return bool(self._tts)

    def _model(self, voice: str) -> Any:
        with self._lock:
            if voice not in self._tts:
                hibari = _load_hibari()
                if voice not in self._registry():
                    raise UnknownVoiceError(
                        f"engine 'hibari' has no voice {voice!r}; its voices are: "
                        f"{', '.join(v.id for v in self.voices())}"
                    )
                try:
                    tts = hibari.Hibari(voice=voice, threads=self._threads)
                except RuntimeError as exc:  # hibari's own download error
                    raise EngineUnavailableError(
                        f"hibari: voice {voice!r} is not in the package and could not be "
                        f"downloaded ({exc}); connect once to fetch it, or use the voice "
                        f"'{DEFAULT_VOICE}', which needs no download"
                    ) from exc
                with self._g2p_lock:
                    tts.g2p  # noqa: B018 - load the phonemizer now, not in the first sentence
                self._tts[voice] = tts
            return self._tts[voice]

    def phonemize(self, text: str, *, voice: str = DEFAULT_VOICE, lang: str = "en") -> str:
        """The phonemes ``voice`` will say for ``text`` (misaki alphabet): for
        ``audiogen lexicon check``; lexicon entries ``[[ IPA ]]`` in ``text`` are honoured."""
        tts = self._model(voice)
        with self._g2p_lock:
            return " ".join(tts.phonemize(self._with_phonemes(text, tts)))

    def _with_phonemes(self, text: str, tts: Any) -> str:
        # hibari reads [word](/phonemes/) as that word's phonemes.
        alphabet = frozenset(tts.vocab)
        return _PHONEMES.sub(lambda m: f"[x](/{misaki_phonemes(m.group(1), alphabet)}/)", text)

    def synthesize(self, text: str, *, voice: str = DEFAULT_VOICE, lang: str = "en") -> Audio:
        """Speak ``text`` (a sentence; hibari splits longer text) as 16-bit mono at 24 kHz."""
        import numpy as np

        tts = self._model(voice)
        with self._g2p_lock:
            chunks = tts.phonemize(self._with_phonemes(text, tts))
        rng = np.random.default_rng(0 if self.seed is None else self.seed)
        speed = 1.0 if self.speed is None else float(self.speed)
        parts = [tts.from_ids(tts.ids(ps), speed, rng) for ps in chunks]
        wav = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        pcm = (np.clip(wav, -1.0, 1.0) * 32767.0).astype("<i2")
        return Audio(pcm.tobytes(), int(tts.sample_rate), 2, 1)
