"""Run an engine over a script: each sentence cut into chunks within the engine's limit, each chunk
synthesized, a sentence's chunks concatenated; sentences already spoken taken from the cache;
the rest spread over threads when the engine allows it."""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from audiogen.errors import EngineError
from audiogen.speech.engines.base import Engine
from audiogen.text.split import chunks
from audiogen.types import Audio, Sentence

logger = logging.getLogger(__name__)

SentenceDone = Callable[[int, int], None]
"""Called as ``(done, total)`` after each sentence."""


class SpokenCache(Protocol):
    """Sentences already spoken, by the text handed to the engine (the build's store, bound to
    one engine, voice and language)."""

    def get(self, text: str) -> Audio | None:
        """The audio stored for ``text``, or ``None``."""
        ...

    def put(self, text: str, audio: Audio) -> Audio:
        """Store ``audio`` for ``text``; returns what is stored (another build's may win)."""
        ...


def engine_text(text: str, phonemes: Mapping[str, str] | None = None) -> str:
    """A script sentence as the engine is given it: with the lexicon's ``phonemes`` put in."""
    if not phonemes:
        return text
    from audiogen.text.lexicon import apply_phonemes

    return apply_phonemes(text, phonemes)


def speak_alone(
    text: str, engine_name: str, options: Mapping[str, object], voice: str | None, lang: str
) -> Audio:
    """``text`` spoken on its own by the engine called ``engine_name`` (with its ``options``) in
    ``voice`` (``None``: its voice for ``lang``), model loaded and freed: a word to listen to."""
    from audiogen.speech.engines.base import get_engine, running, select_voice

    engine = get_engine(engine_name, **options)
    chosen = select_voice(engine, voice, lang)
    with running(engine) as e:
        return synthesize_sentence(e, text, voice=chosen.id, lang=lang)


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
    cache: SpokenCache | None = None,
    phonemes: Mapping[str, str] | None = None,
    on_audio: Callable[[str, Audio], None] | None = None,
) -> list[Audio]:
    """Audio for every sentence, in script order.

    With a ``cache``, sentences already spoken come from it and each new sentence is stored as
    soon as it is spoken, so an interrupted build loses nothing. A sentence that occurs twice is
    spoken once.

    ``phonemes`` are the lexicon's phoneme entries (``"[[ ... ]]"``, for Piper): each sentence's
    words are replaced by them (:func:`.normalize.apply_phonemes`) in the text handed to
    the engine, which is also the text the cache is keyed on, so editing an entry speaks again
    exactly the sentences with that word.

    ``on_audio`` is handed each newly spoken text (as handed to the engine) and its audio as soon
    as it is spoken, on the thread that spoke it: the next stage can start on it while the engine
    speaks the rest.

    ``jobs`` is how many cores synthesis may use. With an engine that declares
    ``thread_safe = True``, up to ``jobs`` threads speak sentences at once (onnxruntime and HTTP
    calls release the GIL) over one shared engine. One thread takes the longest sentences first
    and another the shortest, so a long sentence mostly runs beside short ones: the work stays
    balanced and peak memory (which grows with sentence length in a neural voice) stays near that
    of the longest sentence alone.
    """
    total = len(sentences)
    out: list[Audio | None] = [None] * total
    lock = threading.Lock()
    done = 0
    errors: list[BaseException] = []

    # one job per distinct text handed to the engine, each with the indices that say it
    texts: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        texts.setdefault(engine_text(s.text, phonemes), []).append(i)
    if cache is not None:
        for text, where in texts.items():
            hit = cache.get(text)
            if hit is not None:
                for i in where:
                    out[i] = hit
                done += len(where)
    todo = [text for text, where in texts.items() if out[where[0]] is None]
    logger.debug("%d of %d sentences from the cache", done, total)
    if on_sentence and done:
        on_sentence(done, total)

    def speak(text: str) -> None:
        nonlocal done
        audio = synthesize_sentence(engine, text, voice=voice, lang=lang)
        if audio.frames == 0:
            raise EngineError(f"engine {engine.name!r} returned no audio for {text!r}")
        if cache is not None:
            audio = cache.put(text, audio)
        logger.debug("sentence %r: %.0f ms", text[:40], audio.duration_ms)
        if on_audio is not None:
            on_audio(text, audio)
        with lock:
            for i in texts[text]:
                out[i] = audio
            done += len(texts[text])
            if on_sentence:
                on_sentence(done, total)

    workers = max(1, min(jobs, len(todo))) if engine.thread_safe else 1
    if todo:
        engine.set_jobs(workers, max(1, jobs))  # before the engine loads: it sizes its pools
    if workers == 1:
        for text in todo:
            speak(text)
        return [a for a in out if a is not None]

    queue = deque(sorted(todo, key=lambda t: -len(t)))

    def worker(longest_first: bool) -> None:
        while True:
            with lock:
                if not queue or errors:
                    return
                text = queue.popleft() if longest_first else queue.pop()
            try:
                speak(text)
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
