"""Assembly: a plan's sentences spoken (or found in the store), each mastered into a run of MP3
frames (or found in the store), the runs joined into the article's track and measured, and the
track published with its tags, manifest and web outputs.

Every sentence's run is kept in the store under a key made of the checksum its sentence entry
stores, how it is trimmed and paused, and every setting that shapes it, so a rebuild finds a
cached sentence's run without reading its sound, and an edit levels and encodes only the
sentences that changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from audiogen import __version__
from audiogen.make.freshness import OUTPUT_FORMAT
from audiogen.make.plan import Plan, summary_of
from audiogen.make.store import Runs, Store, entry_checksum
from audiogen.types import Audio, Manifest, Segment, TimedSentence

if TYPE_CHECKING:
    from audiogen.audio.master import Measured, Run
    from audiogen.config import Options
    from audiogen.speech.engines.base import Engine

logger = logging.getLogger(__name__)


class Progress(Protocol):
    """Told how an article's speech is going: first with ``done`` 0 and how many of the
    ``total`` sentences the sentence cache already holds (``cached``; they are not synthesized),
    then as sentences are done."""

    def __call__(self, slug: str, done: int, total: int, cached: int = 0) -> None: ...


_LATER_STAGES = ("lameenc", "miniaudio", "mutagen.id3")


def _warm_up() -> None:
    """Import what the stages after synthesis need on a spare thread while the engine speaks
    (onnxruntime releases the GIL)."""
    for name in _LATER_STAGES:
        with contextlib.suppress(ImportError):  # the stage itself will report it
            importlib.import_module(name)


def run_key(what: Mapping[str, Any], options: Any) -> str:
    """The store key of a run: ``what`` it is made of and every setting that shapes it."""
    from audiogen.audio.encode import encoder_name
    from audiogen.audio.master import HEADROOM_DB

    return Runs.key(
        {
            "output_format": OUTPUT_FORMAT,
            **what,
            "target_lufs": options.target_lufs,
            "ceiling_dbtp": options.ceiling_dbtp,
            "headroom_db": HEADROOM_DB,
            "bitrate_kbps": options.bitrate_kbps,
            "encoder": encoder_name(),
        }
    )


def speak(plan: Plan, engine: Engine, progress: Progress | None = None) -> list[Run]:
    """Every sentence of ``plan`` as a run, in script order: from the store, or spoken by
    ``engine`` and mastered (:func:`audiogen.audio.master.master`).

    A sentence whose entry is in the store is looked up by the checksum its entry stores, and when
    its run is stored too, its sound is never read. Each sentence the engine speaks is mastered as
    soon as it is spoken, on threads beside synthesis (with ``jobs`` above 1), so leveling and
    encoding overlap the voice. All runs share the first sentence's sample rate; a stored run at
    another rate is made again from its sentence.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    from audiogen.audio.master import Run
    from audiogen.speech.synth import engine_text, synthesize_script

    threading.Thread(target=_warm_up, name="audiogen-warm-up", daemon=True).start()
    sentences, slug = plan.prepared.script.sentences, plan.article.slug
    phonemes = plan.prepared.phonemes
    spoken = plan.store.sentences.spoken_by(plan.identity)
    texts = [engine_text(s.text, phonemes) for s in sentences]
    keys = [spoken.key(text) for text in texts]
    total = len(sentences)
    options, gaps, edge = plan.options, pauses_ms(plan), plan.options.pauses.edge_ms

    def run_of(i: int, entry: str) -> str:
        """The store key of sentence ``i``'s run, from the checksum its sentence entry stores
        (which covers its sound and format), without reading that sound."""
        return paused_run_key(entry, gaps[i], options)

    stored_runs: dict[int, Run] = {}
    cached = 0
    for i, key in enumerate(keys):
        found = plan.store.sentences.entry_id(key)
        cached += found is not None
        stored = plan.store.runs.get(run_of(i, found.checksum)) if found else None
        run = Run.from_bytes(stored) if stored is not None else None
        if run is not None:
            stored_runs[i] = run
    rates = {i: run.envelope.sample_rate for i, run in stored_runs.items()}
    rate = rates.get(0)
    need = [i for i in range(total) if i not in stored_runs or rates[i] != (rate or rates[i])]
    logger.debug("%d of %d sentences from their cached runs", total - len(need), total)
    if progress:
        progress(slug, 0, total, cached=cached)
    if progress and len(need) < total:
        progress(slug, total - len(need), total)  # the sentences whose runs were stored
    if not need:
        return [stored_runs[i] for i in range(total)]
    lock = threading.Lock()
    made: dict[str, Future[Run]] = {}  # by run key: a sentence said twice is mastered once
    runs: dict[int, tuple[Audio, Future[Run]]] = {}
    # on one core (-j 1), each sentence is mastered on the thread that spoke it, in turn
    pool = ThreadPoolExecutor(options.jobs, "audiogen-master") if options.jobs > 1 else None

    def master_one(i: int, audio: Audio, at_rate: int, key: str) -> Future[Run]:
        from audiogen.audio.segment import segment

        def run() -> Run:
            part = segment(audio, gaps[i], edge, at_rate)
            return stored_master(plan.store, options, [part], [key])[0]

        if pool is not None:
            return pool.submit(run)
        ready: Future[Run] = Future()
        ready.set_result(run())
        return ready

    def on_sentence(i: int, audio: Audio) -> None:
        if i in runs:  # handed over as it was spoken
            return
        key = run_of(i, entry_checksum(keys[i], audio))
        with lock:
            if i not in runs:
                if key not in made:
                    made[key] = master_one(i, audio, audio.sample_rate, key)
                runs[i] = (audio, made[key])

    def say(which: list[int], done: Callable[[int, int], None] | None = None) -> None:
        by_text: dict[str, list[int]] = {}
        for i in which:
            by_text.setdefault(texts[i], []).append(i)

        def on_audio(text: str, audio: Audio) -> None:
            for i in by_text[text]:
                on_sentence(i, audio)

        audios = synthesize_script(
            engine,
            [sentences[i] for i in which],
            voice=plan.voice.id,
            lang=plan.prepared.script.lang,
            on_sentence=done,
            jobs=options.jobs,
            cache=spoken,
            phonemes=phonemes,
            on_audio=on_audio,
        )
        for i, audio in zip(which, audios, strict=True):  # and those the sentence cache held
            on_sentence(i, audio)

    try:
        before = total - len(need)
        say(need, (lambda done, _n: progress(slug, before + done, total)) if progress else None)
        rate = rate or runs[need[0]][0].sample_rate
        # the sentence that fixed the rate is in `need` when its own run was not stored, so a
        # stored run at another rate is known only now: make it again too
        stale = [i for i in stored_runs if rates[i] != rate and i not in need]
        if stale:
            say(stale)
        # one spoken at another rate than the first sentence is made again at the first's
        for i in [i for i, (audio, _) in runs.items() if audio.sample_rate != rate]:
            audio = runs[i][0]
            runs[i] = (audio, master_one(i, audio, rate, run_of(i, entry_checksum(keys[i], audio))))
        made_runs = {i: future.result() for i, (_audio, future) in runs.items()}
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return [made_runs[i] if i in made_runs else stored_runs[i] for i in range(total)]


def pauses_ms(plan: Plan) -> list[int]:
    """The pause after each of ``plan``'s sentences, in milliseconds."""
    from audiogen.audio.segment import pauses_after

    gaps = pauses_after(plan.prepared.script.sentences, plan.options.pauses)
    if plan.options.outro is not None:
        gaps[-1] = plan.options.pauses.heading_ms  # the outro follows after a heading's pause
    return gaps


def paused_run_key(entry: str, pause_ms: int, options: Any) -> str:
    """The store key of the run made from the sentence entry with checksum ``entry`` followed by
    ``pause_ms`` of pause, with ``options``."""
    return run_key({"sentence": entry, "edge_ms": options.pauses.edge_ms, "pause_ms": pause_ms},
                   options)  # fmt: skip


def stored_master(
    store: Store, options: Options, segments: Sequence[Segment], keys: Sequence[str]
) -> list[Run]:
    """``segments`` as runs: from ``store`` where it holds one at their rate, else mastered
    (each distinct key once) with ``options`` and stored."""
    from audiogen.audio.master import Run, master

    out: dict[str, Run] = {}
    for key, seg in zip(keys, segments, strict=True):
        stored = store.runs.get(key)
        run = Run.from_bytes(stored) if stored is not None else None
        if run is not None and run.envelope.sample_rate == seg.audio.sample_rate:
            out[key] = run
    todo = {key: seg for key, seg in zip(keys, segments, strict=True) if key not in out}
    made = master(
        list(todo.values()),
        target_lufs=options.target_lufs,
        ceiling_dbtp=options.ceiling_dbtp,
        bitrate_kbps=options.bitrate_kbps,
        jobs=options.jobs,
    )
    for key, run in zip(todo, made, strict=True):
        store.runs.put(key, run.to_bytes())
        out[key] = run
    logger.debug("%d of %d runs from the cache", len(keys) - len(todo), len(keys))
    return [out[key] for key in keys]


@dataclass(frozen=True)
class Track:
    """An article's audio as published: its runs joined, measured and timed."""

    runs: tuple[Run, ...]
    """Every run in playing order: the intro, the sentences, the outro."""

    sample_rate: int
    """The MP3's sample rate."""

    sentences: tuple[TimedSentence, ...]
    """Every sentence with its span in the decoded MP3."""

    measured: Measured
    """Loudness, true peak and envelope of the decoded track."""

    intro_ms: int = 0
    """The intro and the pause after it (0: none)."""

    outro_ms: int = 0
    """The pause before the outro and the outro (0: none)."""

    @property
    def mp3(self) -> bytes:
        """The MP3 frames (no tags yet)."""
        return b"".join(run.mp3 for run in self.runs)

    @property
    def duration_ms(self) -> int:
        """Duration as players decode it."""
        return round(1000 * self.measured.frames / self.sample_rate)


def assemble(plan: Plan, speech: Sequence[Run]) -> Track:
    """The track of ``speech`` (the sentences' runs) with the configured intro and outro, each a
    run of its own leveled like a sentence, measured as a player hears it."""
    from audiogen.audio.master import measure_track, starts
    from audiogen.audio.segment import load_audio_file

    options = plan.options
    rate = speech[0].envelope.sample_rate
    gap = rate * options.pauses.heading_ms // 1000
    bumpers: dict[str, Run] = {}
    for what, path in (("intro", options.intro), ("outro", options.outro)):
        if path is not None:
            audio = load_audio_file(path, rate, what)
            part = Segment(audio, gap if what == "intro" else 0)
            key = run_key({"sound_sha256": hashlib.sha256(audio.pcm).hexdigest(),
                           "rate": rate, "pause_frames": part.pause_frames}, options)  # fmt: skip
            bumpers[what] = stored_master(plan.store, plan.options, [part], [key])[0]
    intro, outro = bumpers.get("intro"), bumpers.get("outro")
    runs = [*([intro] if intro else []), *speech, *([outro] if outro else [])]
    measured = measure_track(runs, rate)  # from the runs' own measurements (see measure_track)
    at = starts(runs)
    first = 1 if intro else 0
    timed = tuple(
        TimedSentence(
            text=s.text,
            start_ms=round(1000 * start / rate),
            end_ms=round(1000 * (start + run.speech_frames) / rate),
            kind=s.kind,
            paragraph=s.paragraph,
            section=s.section,
            written=s.written,
        )
        for s, run, start in zip(
            plan.prepared.script.sentences, speech, at[first : first + len(speech)], strict=True
        )
    )
    # the outro ends where its sound ends, before the encoder's padding
    outro_ms = 0
    if outro is not None:
        outro_ms = round(1000 * (at[-1] + outro.speech_frames) / rate) - timed[-1].end_ms
    intro_ms = round(1000 * intro.frames / rate) if intro is not None else 0
    return Track(tuple(runs), rate, timed, measured, intro_ms, outro_ms)


def _checks(plan: Plan, track: Track) -> dict[str, Any]:
    """The recognizer-free checks of :mod:`audiogen.qa.checks` on the decoded track."""
    from audiogen.qa.checks import run_checks

    options, timed = plan.options, track.sentences
    # An intro or outro may hold silences of its own: check the speech between them.
    speech_end = timed[-1].end_ms if options.outro is not None else track.duration_ms
    return run_checks(
        track.measured.envelope,
        timed,
        loudness_lufs=track.measured.loudness_lufs,
        true_peak_dbtp=track.measured.true_peak_dbtp,
        target_lufs=options.target_lufs,
        ceiling_dbtp=options.ceiling_dbtp,
        pauses=options.pauses,
        intro_ms=timed[0].start_ms if options.intro is not None else 0,
        outro_ms=max(0, track.duration_ms - speech_end),
    )


def publish(plan: Plan, track: Track) -> Manifest:
    """Publish the article as one unit: the tagged MP3, its captions, chapters and snippet, and
    the manifest, each written and flushed to a temp file first and renamed into place only when
    all are, the manifest last (it is the record that the rest is current). Then the review page,
    and the store's record for the quick check. Temp files that killed builds left in the output
    folder are swept first. For an output URL all this happens in its staging folder, and the
    files are then uploaded in the same order, the manifest last, then the review page (see
    :mod:`audiogen.publish.remote`); the store's record waits for the uploads."""
    from audiogen.atomic import sweep_temps
    from audiogen.audio.encode import encoder_name
    from audiogen.publish.chapters import chapters_for
    from audiogen.publish.manifest import manifest_json, writing_together
    from audiogen.publish.remote import article_names, holding, pull_outputs, push_outputs
    from audiogen.publish.tag import write_tags
    from audiogen.publish.web import INDEX_NAME, web_files, write_index

    article, script, voice = plan.article, plan.prepared.script, plan.voice
    summary = summary_of(article)
    script_sha = plan.expected.script_sha256
    out_dir, slug = plan.out_dir, article.slug
    with holding(plan.options):  # no other build here pulls over these files before they go
        sweep_temps(out_dir)
        pull_outputs(plan.options)  # an output URL's manifests now, for its index.html
        names = article_names(slug)
        with writing_together([out_dir / name for name in names]) as temps:
            temp = dict(zip(names, temps, strict=True))
            temp[f"{slug}.mp3"].write_bytes(track.mp3)
            write_tags(
                temp[f"{slug}.mp3"],
                {
                    "title": article.title,
                    "author": article.author,
                    "site": article.site,
                    "date": article.date,
                    "lang": script.lang,
                    "url": article.url,
                    "summary": summary,
                    "script": script.text,
                    "encoder": encoder_name(),
                    "cover": article.cover,
                    "txxx": {
                        "audiogen:script_sha256": script_sha,
                        "audiogen:engine": plan.expected.engine,
                        "audiogen:voice": voice.id,
                        "audiogen:version": __version__,
                    },
                    "chapters": chapters_for(article.title, track.sentences, track.duration_ms),
                },
            )
            data = temp[f"{slug}.mp3"].read_bytes()
            manifest = _manifest(plan, track, data)
            for name, content in web_files(manifest).items():
                temp[name].write_bytes(content)
            temp[f"{slug}.json"].write_bytes(manifest_json(manifest))
        write_index(out_dir)
        # to an output URL: the MP3 and the web files, the manifest last, then the index
        push_outputs(plan.options, [*names, INDEX_NAME])
    plan.remember(manifest_json(manifest))
    return manifest


def _manifest(plan: Plan, track: Track, mp3: bytes) -> Manifest:
    """The manifest of ``track`` published as the tagged ``mp3``."""
    article, script, options = plan.article, plan.prepared.script, plan.options
    return Manifest(
        title=article.title,
        slug=article.slug,
        lang=script.lang,
        language=plan.prepared.language.to_dict() if plan.prepared.language else {},
        engine=plan.expected.engine,
        voice=plan.voice.id,
        duration_ms=track.duration_ms,
        loudness_lufs=round(track.measured.loudness_lufs, 2),
        true_peak_dbtp=round(track.measured.true_peak_dbtp, 2),
        script_sha256=plan.expected.script_sha256,
        source_sha256=article.source_sha256,
        sentences=track.sentences,
        mp3={
            "path": f"{article.slug}.mp3",
            "bytes": len(mp3),
            "sha256": hashlib.sha256(mp3).hexdigest(),
        },
        source=article.source,
        author=article.author,
        date=article.date,
        url=article.url,
        site=article.site,
        summary=summary_of(article),
        bitrate_kbps=options.bitrate_kbps,
        sample_rate=track.sample_rate,
        options=options.sound_options(),
        version=__version__,
        inputs=dict(plan.expected.inputs),
        intro_ms=track.intro_ms,
        outro_ms=track.outro_ms,
        checks=_checks(plan, track),
    )


__all__ = [
    "Progress",
    "Track",
    "assemble",
    "publish",
    "run_key",
    "paused_run_key",
    "pauses_ms",
    "speak",
    "stored_master",
]
