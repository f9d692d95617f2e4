"""Verify what was said: transcribe the built MP3 offline (:mod:`audiogen.qa.recognizer`), score
every sentence (:mod:`audiogen.qa.scoring`), repair the sentences heard badly
(:mod:`audiogen.qa.repair`) and have the article rebuilt from the store, then hear the new MP3
again, so the reported numbers are always those of the published file.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogen.errors import AudiogenError, OutputError
from audiogen.qa.recognizer import Recognizer, require_recognizer
from audiogen.qa.repair import Repair, repair_takes
from audiogen.qa.scoring import SentenceScore, score
from audiogen.types import Audio, Manifest

if TYPE_CHECKING:
    from audiogen.make.plan import Plan

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.35
"""A sentence with a higher word error rate than this is repaired."""

REPAIR_ROUNDS = 2
"""Rounds of repair at most: takes for the sentences above the threshold, then a rebuild heard
again."""

Log = Callable[[str], None]


class QualityError(AudiogenError):
    """An article's word error rate is above ``--max-wer`` after repair."""


@dataclass(frozen=True)
class Report:
    """What ``audiogen verify`` found for one article."""

    slug: str
    """The article."""

    mp3: str
    """The MP3 that was transcribed."""

    lang: str
    """Language it was transcribed in."""

    model: str
    """The recognizer."""

    sentences: tuple[SentenceScore, ...]
    """Every sentence's score, in order, for the MP3 as published."""

    threshold: float
    """Sentences above this word error rate were repaired."""

    repairs: tuple[Repair, ...] = ()
    """Sentences synthesized again."""

    transcribe_seconds: float = 0.0
    """Time spent transcribing (all passes)."""

    checks: dict[str, Any] = field(default_factory=dict)
    """The manifest's recognizer-free checks."""

    @property
    def errors(self) -> int:
        """Word errors in the whole article."""
        return sum(s.errors for s in self.sentences)

    @property
    def words(self) -> int:
        """Words in the whole script."""
        return sum(s.words for s in self.sentences)

    @property
    def wer(self) -> float:
        """The article's word error rate."""
        return self.errors / self.words if self.words else 0.0

    def above(self, threshold: float | None = None) -> list[SentenceScore]:
        """Sentences whose word error rate is above ``threshold`` (default: the report's)."""
        t = self.threshold if threshold is None else threshold
        return [s for s in self.sentences if s.wer > t]

    def worst(self, n: int = 5) -> list[SentenceScore]:
        """The ``n`` sentences heard worst (those with no error left out)."""
        ranked = sorted((s for s in self.sentences if s.errors), key=lambda s: (-s.wer, s.index))
        return ranked[:n]

    def to_dict(self, worst: int = 5) -> dict[str, Any]:
        """A JSON-ready dict: totals, the worst sentences, repairs and every sentence's score."""

        def one(s: SentenceScore) -> dict[str, Any]:
            return {**dataclasses.asdict(s), "wer": round(s.wer, 4)}

        return {
            "slug": self.slug,
            "mp3": self.mp3,
            "lang": self.lang,
            "model": self.model,
            "wer": round(self.wer, 4),
            "errors": self.errors,
            "words": self.words,
            "threshold": self.threshold,
            "above_threshold": [s.index for s in self.above()],
            "worst": [one(s) for s in self.worst(worst)],
            "repairs": [dataclasses.asdict(r) for r in self.repairs],
            "transcribe_seconds": round(self.transcribe_seconds, 1),
            "checks": self.checks,
            "sentences": [one(s) for s in self.sentences],
        }

    def format(self, worst: int = 5) -> str:
        """The report for people: totals, repairs, the worst sentences expected beside heard."""
        above = self.above()
        lines = [
            f"{self.slug}: WER {100 * self.wer:.1f}% ({self.errors} errors in {self.words} words), "
            f"{len(above)} sentence(s) above {self.threshold:g} [{self.model}, "
            f"{self.transcribe_seconds:.0f} s]"
        ]
        for r in self.repairs:
            what = ", ".join(f"{k}={v}" for k, v in r.settings.items()) or "a new take"
            verdict = f"kept {what}" if r.accepted else "no better take, kept the original"
            lines.append(
                f"  repaired #{r.index}: {r.before:.2f} -> {r.best:.2f} "
                f"after {r.takes} take(s), {verdict}"
            )
        for s in self.worst(worst):
            lines.append(f"  #{s.index} at {s.start_ms / 1000:.1f} s, WER {s.wer:.2f}")
            lines.append(f"    expected: {s.expected}")
            lines.append(f"    heard:    {s.heard}")
        problems = self.checks.get("problems", [])
        for p in problems:
            where = f" (sentence #{p['sentence']})" if p.get("sentence") is not None else ""
            lines.append(f"  check {p['check']}{where}: {p['message']}")
        return "\n".join(lines)


def _transcribe(
    manifest: Manifest, out_dir: Path, recognizer: Recognizer
) -> tuple[list[SentenceScore], float]:
    path = out_dir / manifest.mp3["path"]
    try:
        audio = Audio.from_mp3(path.read_bytes())
    except OSError as exc:
        raise OutputError(f"{path}: cannot read the MP3 ({exc.strerror}): build it again") from None
    started = time.perf_counter()
    words = recognizer.transcribe(audio, manifest.lang)
    seconds = time.perf_counter() - started
    return score(words, manifest.sentences, manifest.lang), seconds


def verify_built(
    plan: Plan,
    rebuild: Callable[[], Manifest],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    repair: bool = True,
    recognizer: Recognizer | None = None,
    log: Log | None = None,
) -> Report:
    """Transcribe the MP3 built for ``plan`` and score every sentence; with ``repair``, sentences
    above ``threshold`` are synthesized again, the best take of each is stored in place of its
    sentence, and ``rebuild()`` (a forced build, every other sentence from the store) makes the
    MP3 that is heard again.

    Raises :class:`OutputError` when the article has not been built with its current script.
    """
    from audiogen.publish.manifest import read_manifest
    from audiogen.publish.remote import fetch_output
    from audiogen.speech.synth import engine_text

    require_recognizer()
    say = log or (lambda _msg: None)
    script, source, out_dir = plan.prepared.script, plan.article.source, plan.out_dir
    path = out_dir / f"{plan.article.slug}.json"
    if not path.is_file():
        raise OutputError(
            f"{path}: no build to verify: run audiogen build {source} -o {out_dir} first "
            "(or audiogen build --verify)"
        )
    manifest = read_manifest(path)
    if manifest.script_sha256 != plan.expected.script_sha256:
        raise OutputError(f"{path}: built from an older version of {source}: build it again first")
    fetch_output(plan.options, str(manifest.mp3["path"]))  # an output URL's MP3, if not staged
    recognizer = recognizer or Recognizer()
    say(f"{manifest.slug}: transcribing {manifest.duration_ms / 1000:.0f} s of audio")
    scores, seconds = _transcribe(manifest, out_dir, recognizer)
    repairs: list[Repair] = []
    bad = [s for s in scores if s.wer > threshold]
    # A take is judged on its own, but the published file is heard whole, and the recognizer
    # can hear a sentence differently among its neighbours: a sentence still above the threshold
    # in the rebuilt file gets another round of takes.
    for _round in range(REPAIR_ROUNDS if repair else 0):
        if not bad:
            break
        accepted = False
        for s in bad:
            say(f"{manifest.slug}: repairing sentence #{s.index} (WER {s.wer:.2f})")
            sentence = script.sentences[s.index]
            fix, audio = repair_takes(plan, sentence, s.index, s.wer, threshold, recognizer)
            repairs.append(fix)
            if audio is not None:
                accepted = True
                # Keyed as the rebuild will look it up: on the text the engine is given.
                said = engine_text(sentence.text, plan.prepared.phonemes)
                plan.store.sentences.spoken_by(plan.identity).replace(said, audio)
        if not accepted:
            break
        say(f"{manifest.slug}: rebuilding with the repaired sentences")
        # Every other sentence comes from the store, unchanged; the MP3 is then heard again,
        # so the report describes the file that is published.
        manifest = rebuild()
        scores, more = _transcribe(manifest, out_dir, recognizer)
        seconds += more
        bad = [s for s in scores if s.wer > threshold]
    return Report(
        slug=manifest.slug,
        mp3=str(out_dir / manifest.mp3["path"]),
        lang=manifest.lang,
        model=recognizer.name,
        sentences=tuple(scores),
        threshold=threshold,
        repairs=tuple(repairs),
        transcribe_seconds=seconds,
        checks=manifest.checks,
    )


def check_max_wer(report: Report, max_wer: float | None) -> None:
    """Raise :class:`QualityError` when the article's WER is above ``max_wer`` (the CI gate)."""
    if max_wer is not None and report.wer > max_wer:
        raise QualityError(
            f"{report.mp3}: word error rate {100 * report.wer:.1f}% is above --max-wer "
            f"{100 * max_wer:g}% after repair: fix the sentences listed (lexicon.toml) or rebuild"
        )


__all__ = [
    "DEFAULT_THRESHOLD",
    "Log",
    "QualityError",
    "Report",
    "check_max_wer",
    "verify_built",
]
