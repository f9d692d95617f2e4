"""The recognizer-free checks, on small synthetic tracks: one row a fault and the check it trips."""

from __future__ import annotations

import math

import numpy as np
import pytest

from audiogen.qa.checks import run_checks
from audiogen.types import Audio, Pauses, TimedSentence

RATE = 22050


def _tone(ms: int, level: float = 0.1) -> np.ndarray:
    t = np.arange(RATE * (ms - 80) // 1000) / RATE
    # speech-like: a tone that fades in and out, with the 40 ms silent edges join.py keeps
    envelope = np.minimum(1.0, np.minimum(t, t[-1] - t) / 0.05)
    edge = _silence(40)
    return np.concatenate([edge, level * envelope * np.sin(2 * math.pi * 220 * t), edge])


def _silence(ms: int) -> np.ndarray:
    return np.zeros(RATE * ms // 1000)


def _track(parts: list[np.ndarray]) -> Audio:
    x = np.concatenate(parts)
    return Audio((np.clip(x, -1, 32767 / 32768) * 32768).astype("<i2").tobytes(), RATE)


def _sentences(durations: list[int], gap: int = 300, words: int = 8) -> list[TimedSentence]:
    out, at = [], 100
    for d in durations:
        out.append(TimedSentence(" ".join(["word"] * words), at, at + d))
        at += d + gap
    return out


def _good(durations: list[int], gap: int = 300) -> list[np.ndarray]:
    parts = [_silence(100)]
    for d in durations:
        parts += [_tone(d), _silence(gap)]
    return parts


def _run(audio: Audio, sentences: list[TimedSentence], **kw: float) -> dict:
    args = {"loudness_lufs": -16.0, "true_peak_dbtp": -1.5, "target_lufs": -16.0}
    args.update(kw)
    return run_checks(
        audio,
        sentences,
        ceiling_dbtp=-1.0,
        pauses=Pauses(),
        **args,  # type: ignore[arg-type]
    )


def _found(result: dict) -> set[tuple[str, int | None]]:
    return {(p["check"], p["sentence"]) for p in result["problems"]}


def test_a_clean_track_passes() -> None:
    durations = [2400, 2600, 2500, 2300]
    result = _run(_track(_good(durations)), _sentences(durations))
    assert result["passed"], result["problems"]
    assert result["measured"]["words_per_minute"] == pytest.approx(60000 / 312.5, rel=0.1)


@pytest.mark.parametrize(
    ("kwargs", "check"),
    [
        ({"true_peak_dbtp": -0.2}, "clipping"),
        ({"loudness_lufs": -19.5}, "loudness"),
    ],
)
def test_levels_off_target(kwargs: dict, check: str) -> None:
    durations = [2400, 2600]
    result = _run(_track(_good(durations)), _sentences(durations), **kwargs)
    assert (check, None) in _found(result)


def test_flat_topped_samples_are_clipping() -> None:
    durations = [2400, 2600]
    parts = _good(durations)
    parts[1] = np.clip(parts[1] * 30, -1, 1)
    assert ("clipping", 0) in _found(_run(_track(parts), _sentences(durations)))


def test_a_silence_longer_than_any_pause() -> None:
    durations = [2400, 2600, 2500]
    parts = _good(durations)
    parts[3] = _silence(2500)  # after the first sentence
    sentences = _sentences(durations)
    sentences[1:] = [
        TimedSentence(s.text, s.start_ms + 2200, s.end_ms + 2200) for s in sentences[1:]
    ]
    result = _run(_track(parts), sentences)
    assert "silence" in {c for c, _ in _found(result)}
    assert result["measured"]["longest_silence_ms"] >= 2400


def test_empty_truncated_and_stretched_sentences() -> None:
    durations = [2400, 2600, 2500, 2400, 2500]
    parts = _good(durations)
    parts[3] = _silence(2600)  # sentence 1: nothing said
    cut = _tone(2500)
    parts[5] = cut[: len(cut) // 2].tolist() + [0.0] * (len(cut) - len(cut) // 2)  # type: ignore[assignment]
    parts[5] = np.asarray(parts[5])
    sentences = _sentences(durations)
    # sentence 2 ends mid-sound: its span stops at the loud middle of the tone
    sentences[2] = TimedSentence(
        sentences[2].text, sentences[2].start_ms, sentences[2].start_ms + 1200
    )
    # sentence 3: eight words in 2.4 s is fine; forty words in 2.4 s is not plausible
    sentences[3] = TimedSentence(
        " ".join(["word"] * 40), sentences[3].start_ms, sentences[3].end_ms
    )
    found = _found(_run(_track(parts), sentences))
    assert ("empty", 1) in found
    assert ("truncated", 2) in found
    assert ("truncated", 3) in found
    assert ("empty", 0) not in found and ("truncated", 4) not in found


def test_a_built_article_records_its_checks(piper_engine, short_article, tmp_path) -> None:
    from audiogen.config import options_for
    from audiogen.pipeline import build
    from audiogen.publish.manifest import read_manifest

    options = options_for(
        short_article.parent, {"out_dir": tmp_path / "out", "cache_dir": tmp_path / "c"}
    )
    manifest = build(short_article, options)
    assert manifest.checks["passed"], manifest.checks
    assert read_manifest(tmp_path / "out" / f"{manifest.slug}.json").checks == manifest.checks


def test_espeak_sentences_are_not_cut_off(tmp_path) -> None:
    """espeak ends sentences at about -23 dBFS; every one used to be flagged "truncated"."""
    from audiogen.config import options_for
    from audiogen.pipeline import build

    from .conftest import DATA

    options = options_for(
        DATA, {"engine": "espeak", "out_dir": tmp_path / "out", "cache_dir": tmp_path / "c"}
    )
    manifest = build(DATA / "espeak-truncated-endings.md", options)
    assert manifest.checks["passed"], manifest.checks["problems"]


def test_build_names_each_failed_check_and_its_sentence(tmp_path) -> None:
    """A build whose checks failed says so on the terminal, sentence by sentence."""
    import dataclasses

    from audiogen.cli.build import check_lines
    from audiogen.config import options_for
    from audiogen.pipeline import build

    from .conftest import DATA

    options = options_for(
        DATA, {"engine": "espeak", "out_dir": tmp_path / "out", "cache_dir": tmp_path / "c"}
    )
    manifest = build(DATA / "espeak-truncated-endings.md", options)
    assert check_lines(manifest) == []
    problems = [
        {
            "check": "truncated",
            "message": "the sentence stops while still sounding",
            "sentence": 1,
            "at_ms": 5000,
        },
        {"check": "silence", "message": "4.2 s of silence", "at_ms": 12500},
    ]
    failed = dataclasses.replace(manifest, checks={"passed": False, "problems": problems})
    lines = check_lines(failed)
    assert lines[0] == f"{manifest.slug}.mp3: 2 audio check(s) failed:"
    assert lines[1].startswith('  sentence 2 "') and lines[1].endswith(
        "truncated: the sentence stops while still sounding"
    )
    assert manifest.sentences[1].written[:20] in lines[1]
    assert lines[2] == "  at 12.5 s: silence: 4.2 s of silence"
