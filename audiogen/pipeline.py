"""The pipeline: the stages in order. ``prepare`` turns a source into the spoken script; ``build``
turns it into a tagged MP3 and its manifest."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import math
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from audiogen import __version__
from audiogen.clean import Change, CleanRules, clean_article, source_lines
from audiogen.config import Options, options_for
from audiogen.encode import ENCODER_DELAY, decode_mp3, encode_mp3, encoder_name
from audiogen.engines.base import get_engine, select_voice
from audiogen.errors import AudiogenError, InputError
from audiogen.join import join
from audiogen.loudness import measure, normalize
from audiogen.normalize import normalize as speak
from audiogen.publish import commit, temp_path, write_manifest
from audiogen.read import FORMATS, load_article
from audiogen.split import sentences as split_sentences
from audiogen.synth import synthesize_script
from audiogen.tag import write_tags
from audiogen.types import Article, Audio, Manifest, Script, Sentence, TimedSentence

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
    text = " ".join([article.title, *(b.text for b in article.blocks)])[:4000]
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


def _language(article: Article, options: Options) -> str:
    """``--lang`` or configuration, else the article's own, else detected, else English."""
    return options.lang or article.lang or detect_language(article) or "en"


def _lexicon_for_engine(lexicon: Mapping[str, str], engine: str) -> dict[str, str]:
    # [[phonemes]] entries are for Piper's phonemizer; another engine would read the brackets out.
    if engine == "piper":
        return dict(lexicon)
    return {k: v for k, v in lexicon.items() if not v.strip().startswith("[[")}


def make_script(article: Article, lang: str, lexicon: dict[str, str] | None = None) -> Script:
    """Split the article into sentences and normalize each for speech."""
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
    lexicon = _lexicon_for_engine(options.lexicon, options.engine)
    script = make_script(article, _language(article, options), lexicon)
    if not script.sentences:
        raise InputError(f"{source}: nothing to speak after normalization: check the article text")
    return Prepared(article, script, tuple(changes), tuple(source_lines(raw)))


def speech_script(source: str | Path, options: Options | None = None) -> Script:
    """The exact script that ``build`` would speak for ``source``."""
    return prepare(source, options).script


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(
    source: str | Path, options: Options | None = None, progress: Progress | None = None
) -> Manifest:
    """Build ``<slug>.mp3`` and ``<slug>.json`` for one article into ``options.out_dir``."""
    options = options or options_for(Path(str(source)).parent)
    prepared = prepare(source, options)
    article, script = prepared.article, prepared.script
    engine = get_engine(options.engine, **options.options_for_engine())
    voice = select_voice(engine, options.voice, script.lang)
    engine_name = engine.name
    threading.Thread(target=_warm_up, name="audiogen-warm-up", daemon=True).start()
    total = len(script.sentences)
    if progress:
        progress(article.slug, 0, total)

    if hasattr(engine, "set_jobs"):
        engine.set_jobs(options.jobs)
    audios = synthesize_script(
        engine,
        script.sentences,
        voice=voice.id,
        lang=script.lang,
        on_sentence=(lambda done, n: progress(article.slug, done, n)) if progress else None,
        jobs=options.jobs,
    )
    track, spans = join(script.sentences, audios, options.pauses)
    # Free the voice model and its buffers (most of a build's memory) before the audio work.
    del audios, engine

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
        )
        for s, (start, end) in zip(script.sentences, spans, strict=True)
    )
    script_text = script.text
    script_sha = _sha256(script_text.encode("utf-8"))
    summary = article.summary or next(
        (b.text for b in article.blocks if b.kind == "paragraph"), None
    )
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
    )
    write_manifest(manifest, out_dir)
    return manifest


def _codec_loudness_shift(track: Audio, bitrate_kbps: int, seconds: float = 30.0) -> float:
    """How much louder (LU) the MP3 reads than its PCM, measured on an excerpt of the track.

    At speech bit rates the encoder's low-pass removes treble that K-weighting counts, so the MP3
    reads about half a LU quieter; aiming above the target by that much lands on it.
    """
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
            outcomes.append(Outcome(path, manifest=build(path, options, progress)))
        except AudiogenError as exc:
            logger.debug("%s failed", path, exc_info=True)
            outcomes.append(Outcome(path, error=exc))
    return outcomes


__all__ = [
    "Outcome",
    "Prepared",
    "Progress",
    "build",
    "build_many",
    "find_articles",
    "make_script",
    "prepare",
    "speech_script",
]
