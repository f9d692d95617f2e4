"""Repair: a sentence heard badly is synthesized again with other settings (for Piper: a new
random draw of its noise, then a slower or steadier reading), each take heard alone, and the best
take, if better than the original, replaces the sentence in the store, so the rebuilt article
says it."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audiogen.qa.recognizer import Recognizer
from audiogen.qa.scoring import heard_text, word_errors
from audiogen.types import Audio, Sentence

if TYPE_CHECKING:
    from audiogen.make.plan import Plan

logger = logging.getLogger(__name__)


_TAKES: dict[str, tuple[Mapping[str, float], ...]] = {
    # Piper samples its noise afresh on every call: the same settings give another take. Then
    # a slower reading, then a steadier one (less noise in the phonemes and their durations).
    "piper": (
        {},
        {"length_scale": 1.12},
        {"noise_scale": 0.4, "noise_w_scale": 0.5},
        {"length_scale": 1.2, "noise_scale": 0.4},
    ),
    "espeak": ({"rate": 140},),
    # hibari's noise comes from a seeded generator: another seed is another take
    "hibari": ({"seed": 1}, {"seed": 2, "speed": 0.9}),
    "pico": ({"speed": 0.85},),
}


@dataclass(frozen=True)
class Repair:
    """A sentence synthesized again because it was heard badly."""

    index: int
    """Position in the manifest's ``sentences``."""

    text: str
    """The sentence."""

    before: float
    """Its word error rate in the MP3 before the repair."""

    best: float
    """The best take's word error rate, scored on the take alone."""

    settings: dict[str, Any]
    """Engine options of the best take (``{}``: the build's own)."""

    takes: int
    """How many takes were tried."""

    accepted: bool
    """True when the best take was better than the original and replaced it."""


def repair_takes(
    plan: Plan,
    sentence: Sentence,
    index: int,
    before: float,
    threshold: float,
    recognizer: Recognizer,
) -> tuple[Repair, Audio | None]:
    """Takes of ``sentence`` (number ``index``, heard at word error rate ``before``) with the
    plan's voice and the settings of :data:`_TAKES`, each heard alone until one is at or under
    ``threshold``; returns what was tried and the best take when it beats ``before``."""
    from audiogen.speech.engines.base import get_engine
    from audiogen.speech.synth import engine_text, synthesize_sentence

    options, lang = plan.options, plan.prepared.script.lang
    name = plan.expected.engine
    base = options.options_for_engine(name)
    said = engine_text(sentence.text, plan.prepared.phonemes)  # what the build hands the engine

    best: tuple[float, dict[str, Any], Audio | None] = (before, {}, None)
    tried = 0
    for change in _TAKES.get(name, ({},)):
        settings = {**base, **change}
        # relative settings: a slower reading is slower than the build's own
        if "length_scale" in change and base.get("length_scale"):
            settings["length_scale"] = change["length_scale"] * float(base["length_scale"])
        engine = get_engine(name, **settings)
        take = synthesize_sentence(engine, said, voice=plan.voice.id, lang=lang)
        tried += 1
        # a short silence each side: Whisper misses a word that starts on the first sample
        # (whole frames: at 22.05 kHz a quarter second is 5512 frames, and an odd byte count
        # would shift every sample by a byte, which the recognizer hears as noise)
        pad = b"\0" * (take.sample_width * take.channels * (take.sample_rate // 4))
        heard = heard_text(
            recognizer.transcribe(dataclasses.replace(take, pcm=pad + take.pcm + pad), lang)
        )
        errors, n = word_errors((sentence.text, sentence.written), heard, lang)
        wer = errors / n if n else 1.0
        logger.info("sentence %d take %d %s: WER %.2f (%r)", index, tried, change, wer, heard)
        if wer < best[0]:
            best = (wer, dict(change), take)
        if wer <= threshold and best[0] <= threshold:
            break
    wer, change, audio = best
    return Repair(index, sentence.text, before, wer, change, tried, audio is not None), audio


__all__ = ["Repair", "repair_takes"]
