"""Run an engine over a script: each sentence cut into chunks within the engine's limit, each chunk
synthesized, a sentence's chunks concatenated."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from audiogen.engines.base import Engine
from audiogen.errors import EngineError
from audiogen.split import chunks
from audiogen.types import Audio, Sentence

logger = logging.getLogger(__name__)

SentenceDone = Callable[[int, int], None]
"""Called as ``(done, total)`` after each sentence."""


def synthesize_sentence(engine: Engine, text: str, *, voice: str, lang: str) -> Audio:
    """One sentence's audio: its chunks spoken one after the other, no gap added."""
    pieces = chunks(text, engine.max_chars)
    audios = [engine.synthesize(piece, voice=voice, lang=lang) for piece in pieces]
    if not audios:
        raise EngineError(f"nothing to say in sentence {text!r}")
    first = audios[0]
    for a in audios[1:]:
        if (a.sample_rate, a.sample_width, a.channels) != (
            first.sample_rate,
            first.sample_width,
            first.channels,
        ):
            raise EngineError(f"engine {engine.name!r} changed its audio format within a sentence")
    return Audio(
        b"".join(a.pcm for a in audios), first.sample_rate, first.sample_width, first.channels
    )


def synthesize_script(
    engine: Engine,
    sentences: Sequence[Sentence],
    *,
    voice: str,
    lang: str,
    on_sentence: SentenceDone | None = None,
) -> list[Audio]:
    """Audio for every sentence, in order."""
    out: list[Audio] = []
    for i, sentence in enumerate(sentences):
        audio = synthesize_sentence(engine, sentence.text, voice=voice, lang=lang)
        if audio.frames == 0:
            raise EngineError(f"engine {engine.name!r} returned no audio for {sentence.text!r}")
        logger.debug("sentence %d: %.0f ms", i, audio.duration_ms)
        out.append(audio)
        if on_sentence:
            on_sentence(i + 1, len(sentences))
    return out
