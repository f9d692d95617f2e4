"""The pipeline: the stages in order. ``prepare`` turns a source into the spoken script; ``build``
turns it into a tagged MP3 and its manifest."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import logging
import math
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogen import __version__
from audiogen.cache import SentenceCache, engine_identity
from audiogen.chapters import chapters_for
from audiogen.check import (
    Expected,
    build_inputs,
    file_sha256,
    metadata_sha256,
    quick_current,
    quick_record,
    stale_reasons,
)
from audiogen.config import Options, options_for
from audiogen.encode import ENCODER_DELAY, decode_mp3, encode_mp3, encoder_name
from audiogen.engines.base import Engine, get_engine, select_voice
from audiogen.errors import AudiogenError, InputError
from audiogen.join import Bumpered, add_bumpers, join, load_audio_file
from audiogen.publish import commit, read_manifest, temp_path, write_manifest, write_web
from audiogen.read import FORMATS, load_article
from audiogen.synth import synthesize_script
from audiogen.tag import write_tags
from audiogen.types import Article, Audio, Manifest, Script, Sentence, TimedSentence, Voice

# The text stages (ftfy, pysbd, num2words) and the audio ones (numpy) are imported where they are
# used: a rebuild of an unchanged article is decided by quick_current() before any of them is
# needed, and importing them would cost more than that whole decision.
if TYPE_CHECKING:
    from audiogen.clean import Change

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""Called as ``(slug, sentences_done, sentences_total)``."""

_HEADROOM_DB = 1.0
"""Limit this far below the ceiling: MP3 encoding raises inter-sample peaks by up to about 1 dB."""


@dataclass(frozen=True)
class Prepared:
    """An article made ready to speak."""

    article: Article
    """The cleaned article."""

    script: Script
    """What will be spoken."""

    changes: tuple[Change, ...]
    """Every repair and dropped line, for ``audiogen script --explain``."""

    lines: tuple[int | None, ...] = ()
    """Source line of each block number in ``changes`` (0: the title), where known."""

    phonemes: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The lexicon's phoneme entries (``"[[ ... ]]"``) for the engine, applied to each sentence
    as it is spoken (:func:`audiogen.synth.engine_text`), never to the script; empty for
    an engine other than Piper."""


_LATER_STAGES = ("lameenc", "miniaudio", "mutagen.id3")


def _warm_up() -> None:
    """Import what the stages after synthesis need on a spare thread while the engine speaks
    (onnxruntime releases the GIL)."""
    for name in _LATER_STAGES:
        with contextlib.suppress(ImportError):  # the stage itself will report it
            importlib.import_module(name)


def detect_language(article: Article) -> str | None:
    """The article's language from its text (langdetect, whose profiles ship in the package),
    or ``None`` when the text is too short or too mixed to tell."""
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0  # langdetect samples at random; fixed, the answer is repeatable
    text = _detection_text(article)
    if len(text.split()) < 5:
        return None
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    finally:
        # langdetect keeps ~60 MB of language profiles for the life of the process; a build
        # needs that memory for the voice more than it needs the next detection to be fast.
        import langdetect.detector_factory

        langdetect.detector_factory._factory = None
    return str(best.lang) if best.prob >= 0.8 else None


def _detection_text(article: Article) -> str:
    """The text :func:`detect_language` judges: the answer depends on nothing else."""
    return " ".join([article.title, *(b.text for b in article.blocks)])[:4000]


def _language(article: Article, options: Options) -> str:
    """``--lang`` or configuration, else the article's own, else detected, else English."""
    return options.lang or article.lang or _remembered_language(article, options) or "en"


def _remembered_language(article: Article, options: Options) -> str | None:
    # Detection loads ~60 MB of profiles (half a second); a rebuild of an unchanged article
    # should cost less than that, so the answer is kept in the cache folder.
    from importlib.metadata import version

    # Keyed on exactly what detection reads, so an edit past its first 4000 characters (or to
    # the paragraph breaks) reuses the answer: it could not have changed.
    text = _detection_text(article)
    key = {"langdetect": version("langdetect"), "detected_sha256": _sha256(text.encode("utf-8"))}
    found = SentenceCache(options.cache_dir).memo("lang", key, lambda: detect_language(article))
    return str(found) if found else None


def split_lexicon(lexicon: Mapping[str, str], engine: str) -> tuple[dict[str, str], dict[str, str]]:
    """``(for the script, for the engine)``: the entries :func:`make_script` applies, and the
    phoneme entries applied only to the text handed to the engine.

    Phonemes are for Piper's phonemizer (another engine would read the brackets out), so for
    another engine they are dropped and the word is read as usual. For Piper they also go to the
    script, where they only keep their word as written (see :func:`audiogen.normalize.normalize`)
    so that the phonemes find it again when the sentence is spoken.
    """
    from audiogen.normalize import is_phonemes

    phonemes = {k: v for k, v in lexicon.items() if is_phonemes(v)}
    if engine != "piper":
        return {k: v for k, v in lexicon.items() if k not in phonemes}, {}
    return dict(lexicon), phonemes


def make_script(article: Article, lang: str, lexicon: dict[str, str] | None = None) -> Script:
    """Split the article into sentences and normalize each for speech."""
    from audiogen.normalize import normalize as speak
    from audiogen.split import sentences as split_sentences

    out: list[Sentence] = []

    def add(text: str, kind: str, paragraph: int, section: int) -> None:
        for written in split_sentences(text, lang):
            spoken = speak(written, lang, lexicon).strip()
            if spoken:
                out.append(Sentence(spoken, kind, paragraph, section, written))  # type: ignore[arg-type]

    add(article.title, "title", 0, 0)
    section = 0
    for i, block in enumerate(article.blocks, start=1):
        if block.kind == "heading":
            section += 1
            add(block.text, "heading", i, section)
        else:
            add(block.text, "body", i, section)
    return Script(tuple(out), lang)


def prepare(source: str | Path, options: Options | None = None) -> Prepared:
    """Read, clean and normalize ``source``; raise :class:`InputError` when nothing is left."""
    from audiogen.clean import CleanRules, clean_article, source_lines

    options = options or options_for(Path(str(source)).parent)
    raw = load_article(source, max_bytes=options.max_bytes)
    article, changes = clean_article(
        raw, CleanRules(replace=dict(options.replace), drop=options.drop)
    )
    if not article.title and not article.blocks:
        raise InputError(
            f"{source}: no text is left after cleaning: check that it is an article "
            f"(audiogen script --explain {source} shows what was dropped)"
        )
    lexicon, phonemes = split_lexicon(options.lexicon, options.engine)
    script = make_script(article, _language(article, options), lexicon)
    if not script.sentences:
        raise InputError(f"{source}: nothing to speak after normalization: check the article text")
    return Prepared(article, script, tuple(changes), tuple(source_lines(raw)), phonemes)


def speech_script(source: str | Path, options: Options | None = None) -> Script:
    """The exact script that ``build`` would speak for ``source``."""
    return prepare(source, options).script


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _summary(article: Article) -> str | None:
    """The COMM summary: the article's own, else its first paragraph."""
    return article.summary or next((b.text for b in article.blocks if b.kind == "paragraph"), None)


def _plan(source: str | Path, options: Options) -> tuple[Prepared, Voice, Expected]:
    """The article made ready, its voice, and what its outputs would be built from now.

    The engine built here only chooses the voice and describes itself: it loads no model, and
    it goes out of scope on return, so nothing keeps a model alive through a build's audio work.
    """
    prepared = prepare(source, options)
    engine = get_engine(options.engine, **options.options_for_engine())
    voice = select_voice(engine, options.voice, prepared.script.lang)
    return prepared, voice, expected_outputs(prepared, options, engine, voice.id)


def build(
    source: str | Path, options: Options | None = None, progress: Progress | None = None
) -> Manifest:
    """Build ``<slug>.mp3`` and ``<slug>.json`` for one article into ``options.out_dir``, unless
    they are current (``options.force`` rebuilds them); returns the manifest either way."""
    return build_or_skip(source, options, progress)[0]


def build_or_skip(
    source: str | Path, options: Options | None = None, progress: Progress | None = None
) -> tuple[Manifest, bool]:
    """:func:`build`, and whether the outputs were already current (nothing was built)."""
    options = options or options_for(Path(str(source)).parent)
    if not options.force:
        # No lock: this only reads, and a build running meanwhile commits the MP3 before the
        # manifest, so a half-finished one shows as a checksum mismatch and falls through.
        quick = _quick_current(source, options)
        if quick is not None:
            logger.info("%s: up to date", quick.slug)
            return quick, True
    prepared, voice, expected = _plan(source, options)
    article, script = prepared.article, prepared.script
    phonemes = prepared.phonemes
    out_dir = Path(options.out_dir)
    cache = SentenceCache(options.cache_dir)
    # Two builds of one article queue here; the second then finds the first's outputs current.
    with cache.lock(out_dir / article.slug):
        if not options.force and not stale_reasons(out_dir, expected):
            logger.info("%s: up to date", article.slug)
            current = read_manifest(out_dir / f"{article.slug}.json")
            if current.inputs != expected.inputs:
                # Current by the full check, but its quick record is missing or was made by
                # other code or dependencies: record today's, so the next rebuild is quick again.
                current = dataclasses.replace(current, inputs=dict(expected.inputs))
                write_manifest(current, out_dir)
            # Cheap, and brings an output folder built before these files existed up to date.
            write_web(current, out_dir)
            return current, True
        made = _speak_and_publish(article, script, voice, options, progress, expected, phonemes)
        return made, False


def expected_outputs(prepared: Prepared, options: Options, engine: Engine, voice: str) -> Expected:
    """What the outputs of ``prepared`` would be built from now (see :mod:`audiogen.check`)."""
    from audiogen.normalize import phonemes_used

    article, script = prepared.article, prepared.script
    summary = _summary(article)
    identity = engine_identity(engine, voice, script.lang, options.options_for_engine())
    # Each file is hashed once, so the full check and the quick record agree on its bytes.
    cover = file_sha256(article.cover) if article.cover else None
    bumpers = {
        what: file_sha256(path)
        for what, path in (("intro", options.intro), ("outro", options.outro))
        if path is not None
    }
    files = {article.cover: cover} if article.cover and cover else {}
    files.update({str(getattr(options, what)): sha for what, sha in bumpers.items()})
    quick = quick_record(article.source, article.source_sha256, _settings(options), files)
    # The script shows the words, not their phonemes: the phoneme entries of the words in this
    # article are compared too, so that editing one makes the outputs stale.
    used = phonemes_used(script.text, prepared.phonemes)
    return Expected(
        slug=article.slug,
        script_sha256=_sha256(script.text.encode("utf-8")),
        engine=engine.name,
        voice=voice,
        options=options.sound_options(),
        inputs=build_inputs(
            identity,
            metadata_sha256(article, summary, cover),
            encoder_name(),
            bumpers,
            quick,
            phonemes=used,
        ),
    )


def _settings(options: Options) -> dict[str, Any]:
    """Every option that shapes a build's outputs, for the quick key (see
    :func:`audiogen.check.quick_record`); where they go and how fast are left out."""
    return {
        "engine": options.engine,
        "voice": options.voice,
        "lang": options.lang,
        "sound": options.sound_options(),
        "replace": dict(options.replace),
        "drop": list(options.drop),
        "lexicon": dict(options.lexicon),
        "max_bytes": options.max_bytes,
    }


def _quick_current(source: str | Path, options: Options) -> Manifest | None:
    """The manifest of ``source`` when :func:`audiogen.check.quick_current` shows its outputs
    current, else ``None`` (the full check then decides, and reports any error)."""
    if str(source) == "-":
        return None  # stdin can be read once, and the full path needs it
    path = Path(source)

    def identity(voice: str, lang: str) -> dict[str, Any]:
        # Constructing an engine loads no model; its identity reads versions and the model's
        # checksum, so a new voice model is never skipped.
        engine = get_engine(options.engine, **options.options_for_engine())
        return engine_identity(engine, voice, lang, options.options_for_engine())

    try:
        if path.stat().st_size > options.max_bytes:
            return None
        data = path.read_bytes()
        return quick_current(Path(options.out_dir), path, data, _settings(options), identity)
    except (OSError, AudiogenError):
        return None


def _speak_and_publish(
    article: Article,
    script: Script,
    voice: Voice,
    options: Options,
    progress: Progress | None,
    expected: Expected,
    phonemes: Mapping[str, str] | None = None,
) -> Manifest:
    engine = get_engine(options.engine, **options.options_for_engine())
    engine_name = engine.name
    threading.Thread(target=_warm_up, name="audiogen-warm-up", daemon=True).start()
    total = len(script.sentences)
    if progress:
        progress(article.slug, 0, total)

    audios = synthesize_script(
        engine,
        script.sentences,
        voice=voice.id,
        lang=script.lang,
        on_sentence=(lambda done, n: progress(article.slug, done, n)) if progress else None,
        jobs=options.jobs,
        cache=SentenceCache(options.cache_dir),
        identity=expected.inputs["engine"],
        phonemes=phonemes,
    )
    track, spans = join(script.sentences, audios, options.pauses)
    bumpered = _with_intro_outro(track, spans, options)
    track, spans = bumpered.audio, bumpered.spans
    # Free the voice model and its buffers (most of a build's memory) before the audio work.
    del audios, engine
    from audiogen.loudness import measure, normalize

    # Loudness and true peak are judged on the decoded MP3: encoding raises inter-sample peaks.
    ceiling = options.true_peak_dbtp - _HEADROOM_DB
    aim_lufs = options.target_lufs - _codec_loudness_shift(track, options.bitrate_kbps)
    for _ in range(3):
        leveled, _loudness = normalize(track, aim_lufs, ceiling)
        mp3 = encode_mp3(leveled, options.bitrate_kbps)
        decoded = decode_mp3(mp3)
        levels = measure(decoded)
        overshoot = levels.true_peak_dbtp - options.true_peak_dbtp
        if overshoot <= 0:
            break
        ceiling -= overshoot + 0.2
        logger.info(
            "%s: true peak %.2f dBTP after encoding; limiting again",
            article.slug,
            levels.true_peak_dbtp,
        )

    rate = decoded.sample_rate
    timed = tuple(
        TimedSentence(
            text=s.text,
            start_ms=round(1000 * (start + ENCODER_DELAY) / rate),
            end_ms=round(1000 * (end + ENCODER_DELAY) / rate),
            kind=s.kind,
            paragraph=s.paragraph,
            section=s.section,
            written=s.original,
        )
        for s, (start, end) in zip(script.sentences, spans, strict=True)
    )
    script_text = script.text
    script_sha = _sha256(script_text.encode("utf-8"))
    summary = _summary(article)
    out_dir = Path(options.out_dir)
    target = out_dir / f"{article.slug}.mp3"
    temp = temp_path(target)
    try:
        temp.write_bytes(mp3)
        write_tags(
            temp,
            {
                "title": article.title,
                "author": article.author,
                "site": article.site,
                "date": article.date,
                "lang": script.lang,
                "url": article.url,
                "summary": summary,
                "script": script_text,
                "encoder": encoder_name(),
                "cover": article.cover,
                "txxx": {
                    "audiogen:script_sha256": script_sha,
                    "audiogen:engine": engine_name,
                    "audiogen:voice": voice.id,
                    "audiogen:version": __version__,
                },
                "chapters": chapters_for(article.title, timed, round(decoded.duration_ms)),
            },
        )
        data = temp.read_bytes()
        commit(temp, target)
    finally:
        temp.unlink(missing_ok=True)

    manifest = Manifest(
        title=article.title,
        slug=article.slug,
        lang=script.lang,
        engine=engine_name,
        voice=voice.id,
        duration_ms=round(decoded.duration_ms),
        loudness_lufs=round(levels.loudness_lufs, 2),
        true_peak_dbtp=round(levels.true_peak_dbtp, 2),
        script_sha256=script_sha,
        source_sha256=article.source_sha256,
        sentences=timed,
        mp3={"path": target.name, "bytes": len(data), "sha256": _sha256(data)},
        source=article.source,
        author=article.author,
        date=article.date,
        url=article.url,
        site=article.site,
        summary=summary,
        bitrate_kbps=options.bitrate_kbps,
        sample_rate=rate,
        options=options.sound_options(),
        version=__version__,
        inputs=dict(expected.inputs),
        intro_ms=round(1000 * bumpered.intro_frames / rate),
        outro_ms=round(1000 * bumpered.outro_frames / rate),
        checks=_checks(decoded, timed, levels.loudness_lufs, levels.true_peak_dbtp, options),
    )
    write_manifest(manifest, out_dir)
    write_web(manifest, out_dir)
    return manifest


def _checks(
    decoded: Audio,
    timed: Sequence[TimedSentence],
    loudness: float,
    peak: float,
    options: Options,
) -> dict[str, Any]:
    """The recognizer-free checks of :mod:`audiogen.checks` on the decoded MP3."""
    from audiogen.checks import run_checks

    # An intro or outro may hold silences of its own: check the speech between them.
    speech_end = timed[-1].end_ms if options.outro is not None else round(decoded.duration_ms)
    return run_checks(
        decoded,
        timed,
        loudness_lufs=loudness,
        true_peak_dbtp=peak,
        target_lufs=options.target_lufs,
        ceiling_dbtp=options.true_peak_dbtp,
        pauses=options.pauses,
        intro_ms=timed[0].start_ms if options.intro is not None else 0,
        outro_ms=max(0, round(decoded.duration_ms) - speech_end),
    )


def _with_intro_outro(track: Audio, spans: list[tuple[int, int]], options: Options) -> Bumpered:
    """The speech with the configured intro and outro around it, each brought to the speech's
    loudness, so that the whole track's normalization treats them like the voice."""
    if options.intro is None and options.outro is None:
        return add_bumpers(track, spans)
    from audiogen.loudness import from_float, limit, measure, normalize, to_float

    # Level the speech first: the compressor in normalize() lowers speech relative to steady
    # music, so matching the raw voice would leave the music about 2 LU too loud in the end.
    ceiling = options.true_peak_dbtp - _HEADROOM_DB
    track, speech_lufs = normalize(track, options.target_lufs, ceiling)
    parts: dict[str, Audio | None] = {}
    for what, path in (("intro", options.intro), ("outro", options.outro)):
        if path is None:
            parts[what] = None
            continue
        audio = load_audio_file(path, track.sample_rate, what)
        lufs = measure(audio).loudness_lufs
        if math.isfinite(lufs) and math.isfinite(speech_lufs):
            # A quiet jingle raised to the voice's loudness would clip: limit it instead.
            gained = to_float(audio) * (10 ** ((speech_lufs - lufs) / 20))
            audio = from_float(limit(gained, audio.sample_rate, -1.0), audio.sample_rate)
        parts[what] = audio
    return add_bumpers(track, spans, parts["intro"], parts["outro"], options.pauses.heading_ms)


def _codec_loudness_shift(track: Audio, bitrate_kbps: int, seconds: float = 30.0) -> float:
    """How much louder (LU) the MP3 reads than its PCM, measured on an excerpt of the track.

    At speech bit rates the encoder's low-pass removes treble that K-weighting counts, so the MP3
    reads about half a LU quieter; aiming above the target by that much lands on it.
    """
    from audiogen.loudness import measure

    frames = int(seconds * track.sample_rate)
    if track.frames <= frames:
        excerpt = track
    else:
        start = (track.frames - frames) // 2 * track.sample_width
        excerpt = Audio(track.pcm[start : start + frames * track.sample_width], track.sample_rate)
    before = measure(excerpt).loudness_lufs
    after = measure(decode_mp3(encode_mp3(excerpt, bitrate_kbps))).loudness_lufs
    if not (math.isfinite(before) and math.isfinite(after)):
        return 0.0
    return max(-3.0, min(3.0, after - before))


def find_articles(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the articles they hold (``.txt``, ``.md``, ``.html``), sorted; files and
    ``-`` pass through as given."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if str(p) != "-" and path.is_dir():
            found = sorted(
                f
                for f in path.iterdir()
                if f.is_file() and f.suffix.lower() in FORMATS and not f.name.startswith(".")
            )
            if not found:
                raise InputError(f"{path}: no articles (.txt, .md, .html) in this folder")
            out.extend(found)
        else:
            out.append(path)
    return out


@dataclass(frozen=True)
class Outcome:
    """What became of one article in a batch."""

    source: Path
    """The article."""

    manifest: Manifest | None = None
    """Its manifest, when it was built."""

    error: AudiogenError | None = None
    """Why it was not, otherwise."""

    skipped: bool = False
    """True when its outputs were current and nothing was built."""


def build_many(
    sources: Sequence[str | Path],
    overrides: dict[str, object] | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Build every article in ``sources`` (folders expanded); one article's failure does not stop
    the others. Each article gets the configuration of its own folder, then ``overrides``."""
    outcomes: list[Outcome] = []
    for path in find_articles(sources):
        try:
            options = options_for(path.parent if str(path) != "-" else Path.cwd(), overrides)
            manifest, skipped = build_or_skip(path, options, progress)
            outcomes.append(Outcome(path, manifest=manifest, skipped=skipped))
        except AudiogenError as exc:
            logger.debug("%s failed", path, exc_info=True)
            outcomes.append(Outcome(path, error=exc))
    return outcomes


@dataclass(frozen=True)
class Status:
    """Whether one article's outputs are current, for ``audiogen check``."""

    source: Path
    """The article."""

    slug: str | None = None
    """File stem of its outputs (``None`` when the article could not be read)."""

    reasons: tuple[str, ...] = ()
    """Why its outputs are stale or missing; empty when they are current."""

    error: AudiogenError | None = None
    """Why it could not be checked."""


def check_many(
    sources: Sequence[str | Path], overrides: dict[str, object] | None = None
) -> list[Status]:
    """Check every article in ``sources`` against the outputs in the output folder without
    synthesizing anything (same options as :func:`build_many`)."""
    statuses: list[Status] = []
    for path in find_articles(sources):
        try:
            options = options_for(path.parent if str(path) != "-" else Path.cwd(), overrides)
            quick = _quick_current(path, options)
            if quick is not None:
                statuses.append(Status(path, quick.slug))
                continue
            _prepared, _voice, expected = _plan(path, options)
            reasons = stale_reasons(Path(options.out_dir), expected)
            statuses.append(Status(path, expected.slug, tuple(reasons)))
        except AudiogenError as exc:
            statuses.append(Status(path, error=exc))
    return statuses


__all__ = [
    "Outcome",
    "Prepared",
    "Progress",
    "Status",
    "build",
    "build_many",
    "build_or_skip",
    "check_many",
    "expected_outputs",
    "find_articles",
    "make_script",
    "prepare",
    "speech_script",
    "split_lexicon",
]
