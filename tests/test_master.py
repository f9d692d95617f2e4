"""Mastering: each segment leveled and encoded on its own, the runs joined without encoding
again, and the track measured from the runs exactly as a decode of it measures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import audiogen.audio.master
from audiogen.audio.encode import ENCODER_DELAY, encoder_gain_db
from audiogen.audio.envelope import Envelope
from audiogen.audio.loudness import measure
from audiogen.audio.master import Run, frame_size, master, master_segment, measure_track, starts
from audiogen.audio.segment import pauses_after, segment
from audiogen.qa.checks import run_checks
from audiogen.speech.engines.espeak import EspeakEngine
from audiogen.types import Audio, Pauses, Segment, Sentence

RATE = 22050
TARGET, CEILING = -16.0, -1.0


TEXTS = (
    "The council met on Tuesday evening.",
    "It approved the budget.",
    "Residents asked why the library would close for three months in the spring.",
    "The vote was seven to two.",
)


@pytest.fixture(scope="module")
def speech() -> list[Audio]:
    """Real speech, from espeak (quick and the same every time)."""
    from audiogen.speech.engines.espeak import EspeakEngine

    engine = EspeakEngine()
    return [engine.synthesize(t, voice="espeak-en-us", lang="en") for t in TEXTS]


def _segments(speech: list[Audio], pause_ms: int = 300) -> list[Segment]:
    sentences = [Sentence(t, "body", 1, 0) for t in TEXTS]
    pauses = Pauses(sentence_ms=pause_ms)
    gaps = pauses_after(sentences, pauses)
    return [segment(a, gap, pauses.edge_ms, RATE) for a, gap in zip(speech, gaps, strict=True)]


def _master(segments: list[Segment]) -> list[Run]:
    return master(segments, target_lufs=TARGET, ceiling_dbtp=CEILING, bitrate_kbps=64)


@pytest.fixture(scope="module")
def runs(speech: list[Audio]) -> list[Run]:
    return _master(_segments(speech))


def test_joined_runs_decode_as_each_run_decoded(runs: list[Run]) -> None:
    whole = Audio.from_mp3(b"".join(run.mp3 for run in runs))
    pieces = [Audio.from_mp3(run.mp3) for run in runs]
    assert [p.frames for p in pieces] == [run.frames for run in runs]
    assert whole.pcm == b"".join(p.pcm for p in pieces)  # sample for sample


def test_the_track_is_measured_from_its_runs_as_a_decode_measures_it(runs: list[Run]) -> None:
    measured = measure_track(runs, RATE)
    assert measured.from_runs
    decoded = Audio.from_mp3(b"".join(run.mp3 for run in runs))
    levels = measure(decoded)
    assert measured.frames == decoded.frames
    assert measured.loudness_lufs == pytest.approx(levels.loudness_lufs, abs=0.001)
    assert measured.true_peak_dbtp == pytest.approx(levels.true_peak_dbtp, abs=0.001)
    direct = Envelope.of(decoded, measured.envelope.window)
    assert np.allclose(measured.envelope.power, direct.power, rtol=1e-5, atol=1e-12)
    assert measured.envelope.clip_at == direct.clip_at


def test_every_run_lands_on_the_target_under_the_ceiling(runs: list[Run]) -> None:
    for run in runs:
        assert run.loudness_lufs == pytest.approx(TARGET, abs=0.1)
        assert run.true_peak_dbtp <= CEILING
    measured = measure_track(runs, RATE)
    assert measured.loudness_lufs == pytest.approx(TARGET, abs=0.3)
    assert measured.true_peak_dbtp <= CEILING


def test_one_round_is_enough_when_the_encoder_gain_is_made_up(
    speech: list[Audio], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert -0.6 < encoder_gain_db(RATE, 64) < -0.3  # LAME's 0.95 scale, measured
    rounds = []
    real = audiogen.audio.master.level

    def counting(*args: object, **kwargs: object) -> tuple[Audio, float]:
        rounds.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audiogen.audio.master, "level", counting)
    master_segment(_segments(speech)[2], TARGET, CEILING, 64)
    assert len(rounds) == 1


def test_pauses_are_heard_within_half_a_frame(speech: list[Audio], runs: list[Run]) -> None:
    parts = _segments(speech)
    at = starts(runs)
    for i in range(len(runs) - 1):
        heard = at[i + 1] - (at[i] + runs[i].speech_frames)
        assert abs(heard - parts[i].pause_frames) <= frame_size(RATE) // 2
    assert at[0] == ENCODER_DELAY


def test_short_pauses_are_measured_by_decoding_the_track(speech: list[Audio]) -> None:
    runs = _master(_segments(speech, pause_ms=60))
    measured = measure_track(runs, RATE)
    assert not measured.from_runs  # the K-weighting filter outlasts such a pause
    levels = measure(Audio.from_mp3(b"".join(run.mp3 for run in runs)))
    assert measured.loudness_lufs == pytest.approx(levels.loudness_lufs, abs=1e-9)


def test_checks_read_the_same_from_runs_and_from_a_decode(runs: list[Run]) -> None:
    from audiogen.types import TimedSentence

    measured = measure_track(runs, RATE)
    decoded = Audio.from_mp3(b"".join(run.mp3 for run in runs))
    timed = [
        TimedSentence(f"Sentence number {i} has five words.", round(1000 * a / RATE),
                      round(1000 * (a + r.speech_frames) / RATE))
        for i, (a, r) in enumerate(zip(starts(runs), runs, strict=True))
    ]  # fmt: skip
    common = {
        "loudness_lufs": measured.loudness_lufs,
        "true_peak_dbtp": measured.true_peak_dbtp,
        "target_lufs": TARGET,
        "ceiling_dbtp": CEILING,
        "pauses": Pauses(),
    }
    direct = Envelope.of(decoded, measured.envelope.window)
    assert run_checks(measured.envelope, timed, **common) == run_checks(direct, timed, **common)


def test_a_run_round_trips_through_its_bytes(runs: list[Run]) -> None:
    again = Run.from_bytes(runs[1].to_bytes())
    assert again is not None
    assert (again.mp3, again.frames, again.speech_frames) == (
        runs[1].mp3,
        runs[1].frames,
        runs[1].speech_frames,
    )
    assert np.array_equal(again.energy, runs[1].energy)
    assert np.array_equal(again.envelope.power, runs[1].envelope.power)
    assert again.envelope.sample_rate == RATE
    assert Run.from_bytes(b"AGR2" + runs[1].to_bytes()[4:]) is None  # an older layout


@pytest.mark.parametrize("rate", [16000, 22050, 24000, 44100, 48000])
def test_a_run_decodes_to_whole_frames_over_its_overhead(rate: int) -> None:
    from audiogen.audio.encode import encode_mp3
    from audiogen.audio.master import OVERHEAD

    frame = frame_size(rate)
    rng = np.random.default_rng(rate)
    for n in (frame * 20 - OVERHEAD, frame * 20 - OVERHEAD + 1, 5000, 12345):
        pcm = (rng.standard_normal(n) * 3000).astype("<i2").tobytes()
        decoded = Audio.from_mp3(encode_mp3(Audio(pcm, rate)))
        assert decoded.frames == -(-(n + OVERHEAD) // frame) * frame


class _RateByText(EspeakEngine):
    """espeak, except that sentences starting with ``Slow`` come at 16 kHz: an engine whose
    sample rate varies between sentences."""

    def synthesize(self, text: str, *, voice: str, lang: str) -> Audio:
        from audiogen.audio.segment import to_segment

        audio = super().synthesize(text, voice=voice, lang=lang)
        if not text.startswith("Slow"):
            return audio
        seg = to_segment(audio).set_frame_rate(16000)
        return Audio(seg.raw_data, 16000, 2, 1)


def test_runs_follow_the_first_sentences_sample_rate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import audiogen.make.plan
    from audiogen.config import options_for
    from audiogen.pipeline import build

    monkeypatch.setattr(audiogen.make.plan, "make_engine", lambda options, lang=None: _RateByText())
    article = tmp_path / "rates.md"
    options = options_for(tmp_path, {"out_dir": tmp_path / "out", "engine": "espeak"})

    def build_with(title: str) -> None:
        article.write_text(
            f"---\ntitle: {title}\nlang: en\n---\n\nThe council met. It approved the plan.\n",
            "utf-8",
        )
        manifest = build(article, options)
        mp3 = (tmp_path / "out" / manifest.mp3["path"]).read_bytes()
        decoded = Audio.from_mp3(mp3)
        first = 16000 if title.startswith("Slow") else 22050
        assert manifest.sample_rate == decoded.sample_rate == first
        assert abs(decoded.duration_ms - manifest.duration_ms) <= 1
        assert manifest.loudness_lufs == pytest.approx(TARGET, abs=1.0)
        assert manifest.true_peak_dbtp <= CEILING

    build_with("Slow news")  # the title, spoken first, sets 16 kHz; the body is resampled
    build_with("Fast news")  # now 22.05 kHz: the body's cached 16 kHz runs are made again
