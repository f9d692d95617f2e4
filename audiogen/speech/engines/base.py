"""The engine Protocol and the registry of installed engines.

Engines register under the ``audiogen.engines`` entry-point group, the built-in ones included, so a
third-party package adds an engine the same way::

    [project.entry-points."audiogen.engines"]
    myengine = "mypackage.engine:MyEngine"
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, ClassVar, Protocol, runtime_checkable

from audiogen.errors import UnknownEngineError, UnknownVoiceError
from audiogen.types import Audio, Voice

logger = logging.getLogger(__name__)

GROUP = "audiogen.engines"

# Used when audiogen runs from a source tree that was never installed (no entry points).
_BUILTIN = {
    "piper": "audiogen.speech.engines.piper:PiperEngine",
    "gtts": "audiogen.speech.engines.gtts:GttsEngine",
    "espeak": "audiogen.speech.engines.espeak:EspeakEngine",
}


@runtime_checkable
class Engine(Protocol):
    """A speech engine.

    ``synthesize`` turns one chunk of text (at most ``max_chars`` characters when that is set) into
    PCM audio. Engines are constructed with keyword options (``length_scale=1.1``, ``tld="co.uk"``);
    an unknown option is a ``TypeError`` from the constructor.
    """

    name: ClassVar[str]
    """Registry name (``piper``)."""

    needs_network: ClassVar[bool]
    """True when synthesis calls a remote service."""

    max_chars: ClassVar[int | None]
    """Longest text one ``synthesize`` call accepts; ``None``: whole sentences of any length."""

    def voices(self) -> list[Voice]:
        """Every voice this engine can speak with, default first."""
        ...

    def synthesize(self, text: str, *, voice: str, lang: str) -> Audio:
        """Speak ``text`` with ``voice`` in ``lang``; return its PCM."""
        ...


def _load(target: str) -> Callable[..., Engine]:
    module_name, _, attr = target.partition(":")
    module = __import__(module_name, fromlist=[attr])
    factory: Callable[..., Engine] = getattr(module, attr)
    return factory


def _registry() -> dict[str, str]:
    found = dict(_BUILTIN)
    for ep in entry_points(group=GROUP):
        found[ep.name] = ep.value
    return found


def engine_names() -> list[str]:
    """Names of every installed engine, the default (``piper``) first."""
    names = sorted(_registry())
    names.sort(key=lambda n: n != "piper")
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
        return factory(**options)
    except TypeError as exc:
        from audiogen.errors import ConfigError

        raise ConfigError(f"engine {name!r} does not take these options {options}: {exc}") from exc


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
        f"Use --engine espeak for other languages, or set lang in the article's front matter"
    )


def describe_engines() -> list[dict[str, Any]]:
    """Every installed engine with its voices and languages, for ``audiogen engines``.

    An engine that cannot load is listed with the reason instead of failing the listing.
    """
    from audiogen.errors import AudiogenError

    out: list[dict[str, Any]] = []
    for name in engine_names():
        entry: dict[str, Any] = {"name": name, "offline": True, "voices": [], "languages": []}
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
