"""Run an engine over a script: each sentence cut into chunks within the engine's limit, each chunk
synthesized, a sentence's chunks concatenated; sentences spread over threads when the engine
allows it."""

from __future__ import annotations

import logging
import threading
from collections import deque
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
    fmt = (first.sample_rate, first.sample_width, first.channels)
    if any((a.sample_rate, a.sample_width, a.channels) != fmt for a in audios[1:]):
        raise EngineError(f"engine {engine.name!r} changed its audio format within a sentence")
    return Audio(b"".join(a.pcm for a in audios), *fmt)


def synthesize_script(
    engine: Engine,
    sentences: Sequence[Sentence],
    *,
    voice: str,
    lang: str,
    on_sentence: SentenceDone | None = None,
    jobs: int = 1,
) -> list[Audio]:
    """Audio for every sentence, in script order.

    With ``jobs`` > 1 and an engine that declares ``thread_safe = True``, sentences are spoken by
    that many threads at once (onnxruntime and HTTP calls release the GIL). One thread takes the
    longest sentences first and another the shortest, so a long sentence mostly runs beside short
    ones: the work stays balanced and peak memory (which grows with sentence length in a neural
    voice) stays near that of the longest sentence alone.
    """
    total = len(sentences)
    out: list[Audio | None] = [None] * total
    lock = threading.Lock()
    done = 0
    errors: list[BaseException] = []

    def speak(i: int) -> None:
        nonlocal done
        audio = synthesize_sentence(engine, sentences[i].text, voice=voice, lang=lang)
        if audio.frames == 0:
            raise EngineError(f"engine {engine.name!r} returned no audio for {sentences[i].text!r}")
        logger.debug("sentence %d: %.0f ms", i, audio.duration_ms)
        with lock:
            out[i] = audio
            done += 1
            if on_sentence:
                on_sentence(done, total)

    workers = max(1, min(jobs, total)) if getattr(engine, "thread_safe", False) else 1
    if workers == 1:
        for i in range(total):
            speak(i)
        return [a for a in out if a is not None]

    queue = deque(sorted(range(total), key=lambda i: -len(sentences[i].text)))

    def worker(longest_first: bool) -> None:
        while True:
            with lock:
                if not queue or errors:
                    return
                i = queue.popleft() if longest_first else queue.pop()
            try:
                speak(i)
            except BaseException as exc:  # handed to the caller's thread below
                with lock:
                    errors.append(exc)
                return

    threads = [
        threading.Thread(target=worker, args=(n % 2 == 0,), name=f"audiogen-synth-{n}")
        for n in range(workers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return [a for a in out if a is not None]
