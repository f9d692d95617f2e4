"""The engine base class, the lifecycle of an engine in a build, and the registry of engines.

Engines register under the ``audiogen.engines`` entry-point group, the built-in ones included, so a
third-party package adds an engine the same way::

    [project.entry-points."audiogen.engines"]
    myengine = "mypackage.engine:MyEngine"
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, entry_points, packages_distributions, version
from pathlib import Path
from typing import Any, ClassVar

from audiogen.errors import ConfigError, UnknownEngineError, UnknownVoiceError
from audiogen.types import Audio, Voice

logger = logging.getLogger(__name__)

GROUP = "audiogen.engines"

# Used when audiogen runs from a source tree that was never installed (no entry points).
_BUILTIN = {
    "hibari": "audiogen.speech.engines.hibari:HibariEngine",
    "pico": "audiogen.speech.engines.pico:PicoEngine",
    "piper": "audiogen.speech.engines.piper:PiperEngine",
    "gtts": "audiogen.speech.engines.gtts:GttsEngine",
    "espeak": "audiogen.speech.engines.espeak:EspeakEngine",
}


class Engine:
    """A speech engine: subclass it, set the class attributes and implement :meth:`voices` and
    :meth:`synthesize`.

    ``synthesize`` turns one chunk of text (at most ``max_chars`` characters when that is set) into
    PCM audio. Engines are constructed with keyword options (``length_scale=1.1``, ``tld="co.uk"``);
    an unknown option is a ``TypeError`` from the constructor.

    The other methods are optional capabilities with documented defaults that do nothing, as
    simonw/llm's ``Model`` declares ``can_stream``: an engine overrides what it can do, and
    callers call them without asking first.
    """

    name: ClassVar[str]
    """Registry name (``piper``)."""

    needs_network: ClassVar[bool] = False
    """True when synthesis calls a remote service."""

    max_chars: ClassVar[int | None] = None
    """Longest text one ``synthesize`` call accepts; ``None``: whole sentences of any length."""

    thread_safe: ClassVar[bool] = False
    """True when several threads may call :meth:`synthesize` on one instance at once (then a
    build speaks ``--jobs`` sentences at a time over one loaded model)."""

    reads_phonemes: ClassVar[bool] = False
    """True when the engine reads lexicon phoneme entries (``[[ IPA ]]``, espeak-ng's IPA) in
    the text it is given, in its own alphabet; for other engines those entries are left out and
    the word is read as usual."""

    def voices(self) -> list[Voice]:
        """Every voice this engine can speak with, default first."""
        raise NotImplementedError

    def synthesize(self, text: str, *, voice: str, lang: str) -> Audio:
        """Speak ``text`` with ``voice`` in ``lang``; return its PCM."""
        raise NotImplementedError

    # --- optional capabilities: the defaults do nothing ------------------------------------

    def version(self) -> str:
        """What turns text into samples, with versions: part of every cached sentence's key.
        Default: the version of the distribution the engine's module comes from."""
        top = type(self).__module__.split(".")[0]
        for dist in packages_distributions().get(top, [top]):
            with contextlib.suppress(PackageNotFoundError):
                return f"{dist} {version(dist)}"
        return "unknown"

    def model_sha256(self) -> str | None:
        """Checksum of the voice model, so that a new model is never mistaken for the old one;
        default ``None``: no model file."""
        return None

    def options(self) -> dict[str, Any]:
        """The synthesis options that change the audio (for manifests and cache keys); default:
        none."""
        return {}

    def set_jobs(self, workers: int, cores: int) -> None:
        """Called before the model loads with how many sentences will be spoken at once on how
        many cores (an engine may size its thread pools); default: nothing."""

    def use_cache_dir(self, folder: Path) -> None:
        """A folder where the engine may keep what makes its next start faster (an optimized
        model, a checksum); default: nothing is kept."""

    def preload(self) -> None:
        """Start loading the model in the background (the build prepares the text meanwhile);
        :meth:`synthesize` waits for it. Default: nothing (the first synthesis loads)."""

    def unload(self) -> None:
        """Free the model (waiting for a load under way); the next synthesis loads it again.
        Default: nothing."""

    def phonemize(self, text: str, *, voice: str, lang: str) -> str | None:
        """The phonemes ``voice`` will say for ``text``, in the engine's own alphabet (for
        ``audiogen lexicon check``); default ``None``: the engine cannot tell."""
        return None


@contextlib.contextmanager
def running(
    engine: Engine, models: Path | None = None, *, preload: bool = False, cores: int = 1
) -> Iterator[Engine]:
    """Own ``engine``'s lifecycle for one build: tell it where it may keep files (``models``),
    start loading its model for one sentence at a time on ``cores`` cores when ``preload`` is
    set (a rebuild usually speaks a few edited sentences), and free the model when the block
    ends, whatever happens in it (a load still under way is waited for, so nothing is left
    running in the background)."""
    if models is not None:
        engine.use_cache_dir(models)
    if preload:
        engine.set_jobs(1, cores)
        engine.preload()
    try:
        yield engine
    finally:
        engine.unload()


def _load(target: str) -> Callable[..., Engine]:
    module_name, _, attr = target.partition(":")
    module = __import__(module_name, fromlist=[attr])
    factory: Callable[..., Engine] = getattr(module, attr)
    return factory


def _registry() -> dict[str, str]:
    return dict(_installed(tuple(sys.path)))


@lru_cache(maxsize=4)
def _installed(path: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    # by the import path, which decides what is installed: a scan of every package's entry
    # points takes 10 ms, and a batch asks once an article
    found = dict(_BUILTIN)
    for ep in entry_points(group=GROUP):
        found[ep.name] = ep.value
    return tuple(found.items())


def engine_names() -> list[str]:
    """Names of every installed engine, the English default (``hibari``) first."""
    from audiogen.speech.voices import default_engine

    names = sorted(_registry())
    names.sort(key=lambda n: n != default_engine("en"))
    return names


def get_engine(name: str, **options: Any) -> Engine:
    """Construct the engine called ``name`` with ``options``.

    Raises :class:`UnknownEngineError`, listing the installed engines, when there is no such one.
    """
    registry = _registry()
    if name not in registry:
        raise UnknownEngineError(
            f"unknown engine {name!r}: installed engines are {', '.join(engine_names())}"
        )
    factory = _load(registry[name])
    try:
        engine = factory(**options)
    except TypeError as exc:
        import inspect

        try:
            takes = [
                p.name
                for p in inspect.signature(factory).parameters.values()
                if p.kind is p.KEYWORD_ONLY
            ]
        except (TypeError, ValueError):
            takes = []
        allowed = f": it takes {', '.join(takes)}" if takes else f": {exc}"
        unknown = ", ".join(sorted(set(options) - set(takes))) if takes else ""
        raise ConfigError(
            f"engine {name!r} has no option {unknown or options}{allowed} "
            "(-O KEY=VALUE, or [engine_options.ENGINE] in audiogen.toml)"
        ) from exc
    if not isinstance(engine, Engine):
        raise UnknownEngineError(
            f"engine {name!r} ({registry[name]}) is not an audiogen engine: its class must "
            "subclass audiogen.speech.engines.base.Engine"
        )
    return engine


def select_voice(engine: Engine, voice: str | None, lang: str) -> Voice:
    """The voice to use: ``voice`` if given (it must exist), else the best voice for ``lang``.

    Errors list what is available, so the message is the fix.
    """
    voices = engine.voices()
    if voice is not None:
        for v in voices:
            if v.id == voice:
                return v
        shown = ", ".join(v.id for v in voices[:20]) + (" ..." if len(voices) > 20 else "")
        raise UnknownVoiceError(
            f"engine {engine.name!r} has no voice {voice!r}; its voices are: {shown} "
            f"(see 'audiogen engines')"
        )
    # A regional tag (pt-BR) prefers a voice for that region; a bare language (pt) takes the
    # engine's first voice for it, the engine's own choice of default.
    want = lang.lower().replace("_", "-")
    exact = [v for v in voices if want in (t.lower().replace("_", "-") for t in v.langs)]
    if "-" not in want:
        exact = []
    for v in exact or voices:
        if v.speaks(lang):
            return v
    langs = sorted({lang for v in voices for lang in v.langs})
    shown = ", ".join(langs[:30]) + (" ..." if len(langs) > 30 else "")
    raise UnknownVoiceError(
        f"engine {engine.name!r} has no voice for language {lang!r}; it speaks: {shown}. "
        f"Leave out --engine to use the language's default voice (audiogen engines lists "
        f"them), or use --engine espeak, which speaks over 100 languages"
    )


def describe_engines() -> list[dict[str, Any]]:
    """Every installed engine with its voices and languages, for ``audiogen engines``.

    An engine that cannot load is listed with the reason instead of failing the listing.
    """
    from audiogen.errors import AudiogenError
    from audiogen.speech.voices import DEFAULT_ENGINES, FALLBACK_ENGINE

    out: list[dict[str, Any]] = []
    for name in engine_names():
        default_for = [lang for lang, engine, _ in DEFAULT_ENGINES if engine == name]
        if name == FALLBACK_ENGINE:
            default_for.append("other languages")
        entry: dict[str, Any] = {
            "name": name,
            "offline": True,
            "default_for": default_for,
            "voices": [],
            "languages": [],
        }
        try:
            engine = get_engine(name)
            entry["offline"] = not engine.needs_network
            entry["max_chars"] = engine.max_chars
            voices = engine.voices()
        except (AudiogenError, ImportError, OSError) as exc:
            entry["error"] = str(exc)
            out.append(entry)
            continue
        entry["voices"] = [
            {
                "id": v.id,
                "langs": list(v.langs),
                "offline": v.offline,
                "license": v.license,
                "description": v.description,
            }
            for v in voices
        ]
        entry["languages"] = sorted({lang for v in voices for lang in v.langs})
        out.append(entry)
    return out
