"""The pipeline: the stages in order. ``prepare`` turns a source into the spoken script; ``build``
turns it into a tagged MP3 and its manifest."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogen import __version__
from audiogen.audio.encode import encoder_name
from audiogen.audio.segment import load_audio_file, pauses_after, segment
from audiogen.config import Options, options_for
from audiogen.errors import AudiogenError, InputError
from audiogen.make.freshness import (
    Expected,
    build_inputs,
    file_sha256,
    metadata_sha256,
    quick_current,
    quick_record,
    stale_reasons,
)
from audiogen.make.store import SentenceCache, engine_identity, entry_checksum
from audiogen.publish.chapters import chapters_for
from audiogen.publish.manifest import read_manifest, write_manifest, writing
from audiogen.publish.tag import write_tags
from audiogen.publish.web import write_web
from audiogen.speech.engines.base import Engine, get_engine, select_voice
from audiogen.speech.synth import engine_text, synthesize_script
from audiogen.text.read import FORMATS, load_article
from audiogen.types import (
    Article,
    Audio,
    Manifest,
    Script,
    Segment,
    Sentence,
    TimedSentence,
    Voice,
)

# The text stages (ftfy, pysbd, num2words) and the audio ones (numpy) are imported where they are
# used: a rebuild of an unchanged article is decided by quick_current() before any of them is
# needed, and importing them would cost more than that whole decision.
if TYPE_CHECKING:
    from audiogen.audio.master import Measured, Run
    from audiogen.text.clean import Change, CleanRules

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""Called as ``(slug, sentences_done, sentences_total)``."""


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
    as it is spoken (:func:`audiogen.speech.synth.engine_text`), never to the script; empty for
    an engine other than Piper."""


_LATER_STAGES = ("lameenc", "miniaudio", "mutagen.id3")


def _warm_up() -> None:
    """Import what the stages after synthesis need on a spare thread while the engine speaks
    (onnxruntime releases the GIL)."""
    for name in _LATER_STAGES:
        with contextlib.suppress(ImportError):  # the stage itself will report it
            importlib.import_module(name)


_DETECT_CHARS = 4000
"""Detection judges the article's first this many characters: plenty to tell a language."""

_DETECT_UNIT_CHARS = 1000
"""A longer paragraph is judged by its beginning."""

_DETECT_WORDS = 5
"""A paragraph shorter than this (a heading, a dateline) is left out of detection."""

_DETECT_SHARE = 0.8
"""The language of at least this share of the judged text is the article's."""


def _detection_units(article: Article) -> list[str]:
    """What :func:`detect_language` judges, each on its own: the title and the paragraphs of at
    least five words, until :data:`_DETECT_CHARS` are judged (or, when there is no such
    paragraph, all the text at once)."""
    texts = [article.title, *(b.text for b in article.blocks)]
    units = [t for t in texts if len(t.split()) >= _DETECT_WORDS]
    if not units:
        whole = " ".join(t for t in texts if t)
        units = [whole] if len(whole.split()) >= _DETECT_WORDS else []
    # Each unit is cut on its own (not at a running total), so that an edit to one paragraph
    # leaves the others' text, and their remembered judgements, as they were.
    out, used = [], 0
    for unit in units:
        if used >= _DETECT_CHARS:
            break
        out.append(unit[:_DETECT_UNIT_CHARS])
        used += len(out[-1])
    return out


def detect_language(article: Article, cache: SentenceCache | None = None) -> str | None:
    """The article's language from its text, or ``None`` when it is too short or too mixed to
    tell.

    Each paragraph is judged on its own by langdetect (whose profiles ship in the package), and
    the answer is the language of at least 80% of the judged text, weighted by length. With a
    ``cache``, each paragraph's judgement is remembered there, and a paragraph not judged before
    is judged only if it could change the answer: an edit to one paragraph rarely needs
    langdetect's profiles, which take half a second to load.
    """
    from importlib.metadata import version

    units = _detection_units(article)
    if not units:
        return None
    total = sum(len(u) for u in units)
    votes: dict[str, float] = {}
    ident = {"langdetect": version("langdetect"), "seed": 0}

    def vote(unit: str, found: dict[str, float]) -> None:
        for lang, prob in found.items():
            votes[lang] = votes.get(lang, 0.0) + prob * len(unit)

    def decided() -> str | None:
        best = max(votes, key=lambda k: votes[k], default=None)
        return best if best is not None and votes[best] >= _DETECT_SHARE * total else None

    unknown = []
    for unit in units:
        found = cache.recall("lang-v2", {**ident, "text": unit}) if cache is not None else None
        if isinstance(found, dict):
            vote(unit, found)
        else:
            unknown.append(unit)
    # With the unknown text counted against it, a language that still holds its share is the
    # answer whatever that text turns out to be.
    if unknown and decided() is None:
        for unit, found in zip(unknown, _judge(unknown), strict=True):
            vote(unit, found)
            if cache is not None:
                cache.remember("lang-v2", {**ident, "text": unit}, found)
    return decided()


def _judge(texts: Sequence[str]) -> list[dict[str, float]]:
    """langdetect's probability of each language for each of ``texts``."""
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0  # langdetect samples at random; fixed, the answer is repeatable
    out: list[dict[str, float]] = []
    try:
        for text in texts:
            try:
                out.append({str(x.lang): float(x.prob) for x in detect_langs(text)})
            except LangDetectException:
                out.append({})
    finally:
        # langdetect keeps ~60 MB of language profiles for the life of the process; a build
        # needs that memory for the voice more than it needs the next detection to be fast.
        import langdetect.detector_factory

        langdetect.detector_factory._factory = None
    return out


def _language(article: Article, options: Options) -> str:
    """``--lang`` or configuration, else the article's own, else detected, else English."""
    return (
        options.lang
        or article.lang
        or detect_language(article, SentenceCache(options.cache_dir))
        or "en"
    )


def split_lexicon(lexicon: Mapping[str, str], engine: str) -> tuple[dict[str, str], dict[str, str]]:
    """``(for the script, for the engine)``: the entries :func:`make_script` applies, and the
    phoneme entries applied only to the text handed to the engine.

    Phonemes are for Piper's phonemizer (another engine would read the brackets out), so for
    another engine they are dropped and the word is read as usual. For Piper they also go to the
    script, where they only keep their word as written (see :func:`.normalize.normalize`)
    so that the phonemes find it again when the sentence is spoken.
    """
    from audiogen.text.lexicon import is_phonemes

    phonemes = {k: v for k, v in lexicon.items() if is_phonemes(v)}
    if engine != "piper":
        return {k: v for k, v in lexicon.items() if k not in phonemes}, {}
    return dict(lexicon), phonemes


def speak_block(text: str, lang: str, lexicon: Mapping[str, str] | None = None) -> list[list[str]]:
    """One block's sentences as ``[written, spoken]`` pairs: split, then normalized for speech
    (a sentence with nothing to say is left out)."""
    from audiogen.text.normalize import normalize as speak
    from audiogen.text.split import sentences as split_sentences

    out = []
    for written in split_sentences(text, lang):
        spoken = speak(written, lang, lexicon).strip()
        if spoken:
            out.append([written, spoken])
    return out


class TextMemo:
    """The text stages' answers for each block, remembered in the cache folder: a rebuild after
    an edit repairs, splits and normalizes only the blocks that changed (and does not import
    the libraries that work needs when no block needs them). Every answer is keyed on its input
    and on audiogen's code and dependencies (:func:`.freshness.code_identity`); without
    those (audiogen not installed) nothing is remembered."""

    def __init__(self, cache: SentenceCache) -> None:
        from audiogen.make.freshness import code_identity

        self.cache = cache
        self.code = code_identity()

    def repair(
        self, text: str, rules: CleanRules, *, line: int | None = None, cjk_text: bool | None = None
    ) -> tuple[str, list[Change]]:
        """:func:`audiogen.text.clean.repair_text`, remembered."""
        from audiogen.text.clean import Change, repair_text

        if self.code is None:
            return repair_text(text, rules, line=line, cjk_text=cjk_text)
        key = {"code": self.code, "text": text, "replace": dict(rules.replace), "cjk": cjk_text}
        found = self.cache.recall("repair-v1", key)
        with contextlib.suppress(TypeError, ValueError):
            fixed, changes = found
            return str(fixed), [Change(r, a, b, after, line) for r, a, b, after in changes]
        fixed, made = repair_text(text, rules, line=line, cjk_text=cjk_text)
        value = [fixed, [[c.rule, c.action, c.before, c.after] for c in made]]
        self.cache.remember("repair-v1", key, value)
        return fixed, made

    def speak(self, text: str, lang: str, lexicon: Mapping[str, str] | None) -> list[list[str]]:
        """:func:`speak_block`, remembered."""
        if self.code is None:
            return speak_block(text, lang, lexicon)
        key = {"code": self.code, "text": text, "lang": lang, "lexicon": dict(lexicon or {})}
        found = self.cache.recall("speak-v1", key)
        if isinstance(found, list) and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(t, str) for t in p)
            for p in found
        ):
            return found
        pairs = speak_block(text, lang, lexicon)
        self.cache.remember("speak-v1", key, pairs)
        return pairs


def make_script(
    article: Article,
    lang: str,
    lexicon: dict[str, str] | None = None,
    memo: TextMemo | None = None,
) -> Script:
    """Split the article into sentences and normalize each for speech (with ``memo``,
    remembering each block's answer)."""
    out: list[Sentence] = []

    def add(text: str, kind: str, paragraph: int, section: int) -> None:
        pairs = memo.speak(text, lang, lexicon) if memo else speak_block(text, lang, lexicon)
        for written, spoken in pairs:
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
    from audiogen.text.clean import CleanRules, clean_article, source_lines

    options = options or options_for(Path(str(source)).parent)
    raw = load_article(source, max_bytes=options.max_bytes)
    memo = TextMemo(SentenceCache(options.cache_dir))
    article, changes = clean_article(
        raw, CleanRules(replace=dict(options.replace), drop=options.drop), memo.repair
    )
    if not article.title and not article.blocks:
        raise InputError(
            f"{source}: no text is left after cleaning: check that it is an article "
            f"(audiogen script --explain {source} shows what was dropped)"
        )
    lexicon, phonemes = split_lexicon(options.lexicon, options.engine)
    script = make_script(article, _language(article, options), lexicon, memo)
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


def _engine(options: Options) -> Engine:
    """The engine ``options`` ask for, told where the cache is (an engine may keep there what
    makes its next start faster: Piper its optimized model and the model's checksum). It loads
    no model yet."""
    engine = get_engine(options.engine, **options.options_for_engine())
    use_cache_dir = getattr(engine, "use_cache_dir", None)
    if callable(use_cache_dir):
        use_cache_dir(SentenceCache(options.cache_dir).models)
    return engine


def _plan(
    source: str | Path, options: Options, engine: Engine | None = None
) -> tuple[Prepared, Voice, Expected]:
    """The article made ready, its voice, and what its outputs would be built from now.

    ``engine`` (else one made here) only chooses the voice and describes itself here."""
    prepared = prepare(source, options)
    if engine is None:
        engine = _engine(options)
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
    engine = _engine(options)
    if not options.force:
        _preload_for_rebuild(engine, source, options)
    try:
        return _build_planned(engine, source, options, progress)
    finally:
        # Waits for a load still running on the preloading thread (nothing is left running in
        # the background when the build returns), then frees the model.
        _unload(engine)


def _build_planned(
    engine: Engine, source: str | Path, options: Options, progress: Progress | None
) -> tuple[Manifest, bool]:
    prepared, voice, expected = _plan(source, options, engine)
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
        made = _speak_and_publish(
            engine, article, script, voice, options, progress, expected, phonemes
        )
        return made, False


def expected_outputs(prepared: Prepared, options: Options, engine: Engine, voice: str) -> Expected:
    """What the outputs of ``prepared`` would be built from now (see :mod:`.freshness`)."""
    from audiogen.text.lexicon import phonemes_used

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
    :func:`audiogen.make.freshness.quick_record`); where they go and how fast are left out."""
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
    """The manifest of ``source`` when :func:`.freshness.quick_current` shows its outputs
    current, else ``None`` (the full check then decides, and reports any error)."""
    if str(source) == "-":
        return None  # stdin can be read once, and the full path needs it
    path = Path(source)

    def identity(voice: str, lang: str) -> dict[str, Any]:
        # Constructing an engine loads no model; its identity reads versions and the model's
        # checksum, so a new voice model is never skipped.
        engine = _engine(options)
        return engine_identity(engine, voice, lang, options.options_for_engine())

    try:
        if path.stat().st_size > options.max_bytes:
            return None
        data = path.read_bytes()
        return quick_current(Path(options.out_dir), path, data, _settings(options), identity)
    except (OSError, AudiogenError):
        return None


def _preload_for_rebuild(engine: Engine, source: str | Path, options: Options) -> None:
    """Start loading the engine's model while the article is prepared, when the article has been
    built before (its outputs exist but are not current): such a rebuild usually speaks a few
    edited sentences, one at a time, so the model is loaded for one worker on every core. When
    many sentences turn out to be new, synthesis loads it again for parallel workers."""
    preload = getattr(engine, "preload", None)
    if not callable(preload) or str(source) == "-":
        return
    from audiogen.make.freshness import slug_candidates

    try:
        data = Path(source).read_bytes()
    except OSError:
        return  # prepare() reports it
    out_dir = Path(options.out_dir)
    if not any(
        (out_dir / f"{slug}.json").is_file() for slug in slug_candidates(Path(source), data)
    ):
        return
    set_jobs = getattr(engine, "set_jobs", None)
    if callable(set_jobs):
        set_jobs(1, max(1, options.jobs))
    preload()


def _speak_and_publish(
    engine: Engine,
    article: Article,
    script: Script,
    voice: Voice,
    options: Options,
    progress: Progress | None,
    expected: Expected,
    phonemes: Mapping[str, str] | None = None,
) -> Manifest:
    engine_name = engine.name
    threading.Thread(target=_warm_up, name="audiogen-warm-up", daemon=True).start()
    speech = _speech_runs(
        engine, script, voice, options, progress, expected, phonemes, article.slug
    )
    _unload(engine)
    from audiogen.audio.master import master, measure_track, starts

    rate = speech[0].envelope.sample_rate
    intro, outro = _bumpers(rate, options)
    gap = rate * options.pauses.heading_ms // 1000
    bumpers = master(
        [Segment(a, gap if a is intro else 0) for a in (intro, outro) if a is not None],
        target_lufs=options.target_lufs,
        ceiling_dbtp=options.true_peak_dbtp,
        bitrate_kbps=options.bitrate_kbps,
        cache=SentenceCache(options.cache_dir),
        jobs=options.jobs,
    )
    runs = [*bumpers[:1], *speech, *bumpers[1:]] if intro is not None else [*speech, *bumpers]
    mp3 = b"".join(run.mp3 for run in runs)
    # Measured as a player hears it, from the runs' own measurements (see measure_track).
    measured = measure_track(runs, rate)
    duration_ms = round(1000 * measured.frames / rate)
    at = starts(runs)
    speech_at = slice(1 if intro is not None else 0, len(runs) - (1 if outro is not None else 0))
    timed = tuple(
        TimedSentence(
            text=s.text,
            start_ms=round(1000 * start / rate),
            end_ms=round(1000 * (start + run.speech_frames) / rate),
            kind=s.kind,
            paragraph=s.paragraph,
            section=s.section,
            written=s.original,
        )
        for s, run, start in zip(script.sentences, runs[speech_at], at[speech_at], strict=True)
    )
    # the outro ends where its sound ends, before the encoder's padding
    outro_end = round(1000 * (at[-1] + runs[-1].speech_frames) / rate)
    outro_ms = outro_end - timed[-1].end_ms if outro is not None else 0
    script_text = script.text
    script_sha = _sha256(script_text.encode("utf-8"))
    summary = _summary(article)
    out_dir = Path(options.out_dir)
    target = out_dir / f"{article.slug}.mp3"
    with writing(target) as temp:
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
                "chapters": chapters_for(article.title, timed, duration_ms),
            },
        )
        data = temp.read_bytes()

    manifest = Manifest(
        title=article.title,
        slug=article.slug,
        lang=script.lang,
        engine=engine_name,
        voice=voice.id,
        duration_ms=duration_ms,
        loudness_lufs=round(measured.loudness_lufs, 2),
        true_peak_dbtp=round(measured.true_peak_dbtp, 2),
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
        intro_ms=round(1000 * runs[0].frames / rate) if intro is not None else 0,
        outro_ms=outro_ms,
        checks=_checks(measured, duration_ms, timed, options),
    )
    write_manifest(manifest, out_dir)
    write_web(manifest, out_dir)
    return manifest


def _unload(engine: Engine) -> None:
    """Free the engine's model, if it has one loaded (and wait for a load under way)."""
    unload = getattr(engine, "unload", None)
    if callable(unload):
        unload()


def _speech_runs(
    engine: Engine,
    script: Script,
    voice: Voice,
    options: Options,
    progress: Progress | None,
    expected: Expected,
    phonemes: Mapping[str, str] | None,
    slug: str,
) -> list[Run]:
    """Each sentence as a run (see :mod:`audiogen.audio.master`), in script order.

    A sentence whose entry is in the sentence cache is looked up by the checksum its entry
    stores, and when its run is cached too, its sound is never read. The others are spoken (or
    read from the cache), trimmed, given their pause and mastered. All runs share the first
    sentence's sample rate; a cached run at another rate is made again from its sentence.
    """
    from audiogen.audio.master import cached_run, master, sentence_run_key

    sentences = script.sentences
    cache = SentenceCache(options.cache_dir)
    identity = expected.inputs["engine"]
    gaps = pauses_after(sentences, options.pauses)
    if options.outro is not None:
        gaps[-1] = options.pauses.heading_ms  # the outro follows after a heading's pause
    keys = [cache.key(identity, engine_text(s.text, phonemes)) for s in sentences]

    def run_key(i: int, entry: str) -> str:
        return sentence_run_key(
            entry,
            gaps[i],
            options.pauses.edge_ms,
            options.target_lufs,
            options.true_peak_dbtp,
            options.bitrate_kbps,
        )

    total = len(sentences)
    if progress:
        progress(slug, 0, total)
    ready: dict[int, Run] = {}
    for i, key in enumerate(keys):
        found = cache.entry_id(key)
        run = cached_run(cache, run_key(i, found.checksum)) if found else None
        if run is not None:
            ready[i] = run
    rates = {i: run.envelope.sample_rate for i, run in ready.items()}
    rate = rates.get(0)
    need = [i for i in range(total) if i not in ready or rates[i] != (rate or rates[i])]
    logger.debug("%d of %d sentences from their cached runs", total - len(need), total)
    if progress and len(need) < total:
        progress(slug, total - len(need), total)  # the sentences whose runs were cached
    if need:
        audios = synthesize_script(
            engine,
            [sentences[i] for i in need],
            voice=voice.id,
            lang=script.lang,
            on_sentence=(
                (lambda done, _n: progress(slug, total - len(need) + done, total))
                if progress
                else None
            ),
            jobs=options.jobs,
            cache=cache,
            identity=identity,
            phonemes=phonemes,
        )
        rate = rate or audios[0].sample_rate
        # the sentence that fixed the rate is in `need` when its own run was not cached, so a
        # cached run at another rate is known only now: make it again too
        stale = [i for i in ready if rates[i] != rate and i not in need]
        if stale:
            audios += synthesize_script(
                engine,
                [sentences[i] for i in stale],
                voice=voice.id,
                lang=script.lang,
                cache=cache,
                identity=identity,
                phonemes=phonemes,
            )
            need += stale
        # Free the voice model and its buffers (most of a build's memory) before the audio work.
        _unload(engine)
        spoken = list(zip(need, audios, strict=True))
        del audios
        parts = [segment(a, gaps[i], options.pauses.edge_ms, rate) for i, a in spoken]
        run_keys = [run_key(i, entry_checksum(keys[i], a)) for i, a in spoken]
        del spoken
        made = master(
            parts,
            keys=run_keys,
            target_lufs=options.target_lufs,
            ceiling_dbtp=options.true_peak_dbtp,
            bitrate_kbps=options.bitrate_kbps,
            cache=cache,
            jobs=options.jobs,
        )
        ready.update(zip(need, made, strict=True))
    return [ready[i] for i in range(len(sentences))]


def _checks(
    measured: Measured, duration_ms: int, timed: Sequence[TimedSentence], options: Options
) -> dict[str, Any]:
    """The recognizer-free checks of :mod:`audiogen.qa.checks` on the decoded MP3."""
    from audiogen.qa.checks import run_checks

    # An intro or outro may hold silences of its own: check the speech between them.
    speech_end = timed[-1].end_ms if options.outro is not None else duration_ms
    return run_checks(
        measured.envelope,
        timed,
        loudness_lufs=measured.loudness_lufs,
        true_peak_dbtp=measured.true_peak_dbtp,
        target_lufs=options.target_lufs,
        ceiling_dbtp=options.true_peak_dbtp,
        pauses=options.pauses,
        intro_ms=timed[0].start_ms if options.intro is not None else 0,
        outro_ms=max(0, duration_ms - speech_end),
    )


def _bumpers(rate: int, options: Options) -> tuple[Audio | None, Audio | None]:
    """The configured intro and outro, decoded at the speech's sample rate. Each becomes a segment
    of its own and is leveled to the speech's loudness like a sentence."""
    found = {
        what: load_audio_file(path, rate, what) if path is not None else None
        for what, path in (("intro", options.intro), ("outro", options.outro))
    }
    return found["intro"], found["outro"]


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
    "speak_block",
    "split_lexicon",
    "TextMemo",
]
