"""The plan of one build: the prepared script, the voice, the options, the store and what the
outputs would be made from now; decided before anything is spoken. Also what the text stages and
the quick check remember in the store on the way there."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import threading
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audiogen.config import Options
from audiogen.errors import AudiogenError, InputError
from audiogen.make.freshness import (
    Expected,
    QuickRecord,
    build_inputs,
    built_before,
    code_identity,
    file_sha256,
    metadata_sha256,
    quick_current,
    quick_record,
    stale_reasons,
)
from audiogen.make.store import Store, engine_identity
from audiogen.publish.remote import holding, output_folder, pull_outputs, push_outputs
from audiogen.types import Article, Manifest, Voice

if TYPE_CHECKING:
    from audiogen.speech.engines.base import Engine
    from audiogen.text.clean import Change, CleanRules
    from audiogen.text.script import Prepared


def summary_of(article: Article) -> str | None:
    """The summary that goes in the tags and the manifest: the article's own, else its first
    paragraph."""
    return article.summary or next((b.text for b in article.blocks if b.kind == "paragraph"), None)


def settings_of(options: Options) -> dict[str, Any]:
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


def make_engine(options: Options, lang: str | None = None) -> Engine:
    """The engine ``options`` ask for, else the default for ``lang``
    (:func:`audiogen.speech.voices.default_engine`), with its options; it loads no model yet."""
    from audiogen.speech.engines.base import get_engine
    from audiogen.speech.voices import default_engine

    name = options.engine or default_engine(lang)
    return get_engine(name, **options.options_for_engine(name))


class Engines:
    """Engines kept loaded across builds (a batch, a cluster worker): each engine, with its
    options, constructed and loaded once and freed when the pool closes. An article built
    alone loads and frees its engine itself (:func:`voice_for`)."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self._engines: dict[str, tuple[Engine, threading.Lock]] = {}
        self._lock = threading.Lock()
        self.loads = 0
        """Engines constructed so far (one per engine and its options)."""

    @contextlib.contextmanager
    def engine(self, options: Options, lang: str | None, models: Path) -> Iterator[Engine]:
        """The engine ``options`` choose for ``lang``, loaded on first use and kept; held by one
        caller at a time unless it is thread-safe."""
        from audiogen.speech.engines.base import running

        probe = make_engine(options, lang)
        key = json.dumps([probe.name, options.options_for_engine(probe.name)], sort_keys=True)
        with self._lock:
            if key not in self._engines:
                engine = self._stack.enter_context(running(probe, models))
                self._engines[key] = (engine, threading.Lock())
                self.loads += 1
            engine, lock = self._engines[key]
        with contextlib.nullcontext() if engine.thread_safe else lock:
            yield engine

    def close(self) -> None:
        """Free every engine."""
        self._stack.close()

    def __enter__(self) -> Engines:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_POOL: ContextVar[Engines | None] = ContextVar("audiogen_engines", default=None)


@contextlib.contextmanager
def keeping_voices() -> Iterator[Engines]:
    """Within the block, builds on this thread keep their voices loaded in one pool (a batch
    loads each voice once, not once per article); freed when the block ends."""
    with Engines() as engines:
        token = _POOL.set(engines)
        try:
            yield engines
        finally:
            _POOL.reset(token)


@contextlib.contextmanager
def voice_for(
    options: Options, lang: str | None, store: Store, source: str | Path
) -> Iterator[Engine]:
    """The engine for building ``source``: from the pool of :func:`keeping_voices` when there is
    one, else loaded for this build (in the background while the text is prepared, when it was
    built before and so probably speaks a few edited sentences) and freed after."""
    from audiogen.speech.engines.base import running

    engines = _POOL.get()
    if engines is not None:
        with engines.engine(options, lang, store.models) as engine:
            yield engine
        return
    preload = not options.force and rebuilding(source, options, store)
    engine = make_engine(options, lang)
    with running(engine, store.models, preload=preload, cores=options.jobs) as e:
        yield e


class TextMemo:
    """The text stages' answers for each block, remembered in the store: a rebuild after an edit
    repairs, splits and normalizes only the blocks that changed (and does not import the
    libraries that work needs when no block needs them), and judges the language only of new
    paragraphs. Every answer is keyed on its input and on audiogen's code and dependencies
    (:func:`audiogen.make.freshness.code_identity`), so a new audiogen never reads an old
    answer; without those (audiogen not installed) nothing is remembered. It is a
    :class:`audiogen.types.Memo`."""

    def __init__(self, store: Store) -> None:
        self.memos = store.memos
        self.code = code_identity()

    def recall(self, namespace: str, key_obj: Any) -> Any:
        """What :meth:`remember` stored under ``key_obj`` by this code, or ``None``."""
        if self.code is None:
            return None
        return self.memos.recall(namespace, {"code": self.code, "key": key_obj})

    def remember(self, namespace: str, key_obj: Any, value: Any) -> None:
        """Store ``value`` under ``key_obj`` for this code (nothing without a code identity)."""
        if self.code is not None:
            self.memos.remember(namespace, {"code": self.code, "key": key_obj}, value)

    def repair(
        self, text: str, rules: CleanRules, *, line: int | None = None, cjk_text: bool | None = None
    ) -> tuple[str, list[Change]]:
        """:func:`audiogen.text.clean.repair_text`, remembered."""
        from audiogen.text.clean import Change, repair_text

        key = {"text": text, "replace": dict(rules.replace), "cjk": cjk_text}
        found = self.recall("repair", key)
        with contextlib.suppress(TypeError, ValueError):
            fixed, changes = found
            return str(fixed), [Change(r, a, b, after, line) for r, a, b, after in changes]
        fixed, made = repair_text(text, rules, line=line, cjk_text=cjk_text)
        value = [fixed, [[c.rule, c.action, c.before, c.after] for c in made]]
        self.remember("repair", key, value)
        return fixed, made

    def is_word(self, word: str) -> bool:
        """:func:`audiogen.text.clean.apostrophes.is_english_word`, remembered: the word list
        takes a fifth of a second to load, and a rebuild asks about the same words."""
        from audiogen.text.clean.apostrophes import is_english_word

        found = self.recall("english-word", word)
        if isinstance(found, bool):
            return found
        known = is_english_word(word)
        self.remember("english-word", word, known)
        return known

    def speak(self, text: str, lang: str, lexicon: Mapping[str, str] | None) -> list[list[str]]:
        """:func:`audiogen.text.script.speak_block`, remembered."""
        from audiogen.text.script import speak_block

        key = {"text": text, "lang": lang, "lexicon": dict(lexicon or {})}
        found = self.recall("speak", key)
        if isinstance(found, list) and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(t, str) for t in p)
            for p in found
        ):
            return found
        pairs = speak_block(text, lang, lexicon)
        self.remember("speak", key, pairs)
        return pairs


@dataclass(frozen=True)
class Plan:
    """One article's build, decided before anything is spoken."""

    prepared: Prepared
    """The article, its script and what cleaning changed."""

    voice: Voice
    """The voice that speaks it."""

    options: Options
    """Every option of the build."""

    store: Store
    """Where sentences, runs and memos are kept between builds."""

    expected: Expected
    """What the outputs would be made from now (compared with the manifest's)."""

    quick: QuickRecord | None
    """The record the quick check will compare next time (``None``: no quick path)."""

    @property
    def article(self) -> Article:
        """The cleaned article."""
        return self.prepared.article

    @property
    def out_dir(self) -> Path:
        """The output folder (for an output URL, the local folder that stages it)."""
        return output_folder(self.options)

    @property
    def identity(self) -> Mapping[str, Any]:
        """The engine's identity (see :func:`audiogen.make.store.engine_identity`): what every
        sentence's store key starts from."""
        identity: Mapping[str, Any] = self.expected.inputs["engine"]
        return identity

    def remember(self, manifest_json: bytes) -> None:
        """Record in the store that the outputs are those of this plan (for the quick check)."""
        if self.quick is not None:
            self.quick.remember(
                self.store.memos,
                self.out_dir,
                self.article.source,
                self.article.slug,
                manifest_json,
            )


def make_plan(prepared: Prepared, options: Options, engine: Engine, store: Store) -> Plan:
    """The plan for ``prepared``: its voice (``options.voice``, else the engine's best for the
    script's language) and what its outputs would be made from now."""
    from audiogen.make.cover import resolve_cover
    from audiogen.speech.engines.base import select_voice
    from audiogen.text.lexicon import phonemes_used

    # The cover is checked (and a URL fetched) before anything is spoken.
    article = resolve_cover(prepared.article, options.assets, store.root)
    # An output URL's state (this article's outputs and every manifest) is read before the
    # slug is checked and anything is spoken; an unreachable bucket is an error here.
    pull_outputs(options, article.slug)
    _refuse_another_articles_slug(article, output_folder(options))
    prepared = dataclasses.replace(prepared, article=article)
    script = prepared.script
    voice = select_voice(engine, options.voice, script.lang)
    identity = engine_identity(
        engine, voice.id, script.lang, options.options_for_engine(engine.name)
    )
    # Each file is hashed once, so the full check and the quick record agree on its bytes.
    cover = file_sha256(article.cover) if article.cover else None
    bumpers = {
        what: file_sha256(path)
        for what, path in (("intro", options.intro), ("outro", options.outro))
        if path is not None
    }
    files = {article.cover: cover} if article.cover and cover else {}
    files.update({str(getattr(options, what)): sha for what, sha in bumpers.items()})
    quick = quick_record(article.source, article.source_sha256, settings_of(options), files)
    # The script shows the words, not their phonemes: the phoneme entries of the words in this
    # article are compared too, so that editing one makes the outputs stale.
    used = phonemes_used(script.text, prepared.phonemes)
    expected = Expected(
        slug=article.slug,
        script_sha256=hashlib.sha256(script.text.encode("utf-8")).hexdigest(),
        engine=engine.name,
        voice=voice.id,
        options=options.sound_options(),
        inputs=build_inputs(
            identity,
            metadata_sha256(article, summary_of(article), cover),
            _encoder_name(),
            bumpers,
            phonemes=used,
        ),
    )
    return Plan(prepared, voice, options, store, expected, quick)


def plan_for(prepared: Prepared, options: Options, store: Store) -> Plan:
    """:func:`make_plan` with the engine ``options`` ask for, else the default for the script's
    language."""
    return make_plan(prepared, options, make_engine(options, prepared.script.lang), store)


def _refuse_another_articles_slug(article: Article, out_dir: Path) -> None:
    """An :class:`InputError` when ``article``'s outputs would replace those another article,
    which still exists, published under the same slug (a batch finds such collisions among its
    own articles; this finds them across builds). An article that was moved or renamed leaves
    no source behind, so its outputs are taken over."""
    import json

    try:
        owner = json.loads((out_dir / f"{article.slug}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    source = owner.get("source") if isinstance(owner, dict) else None
    if not isinstance(source, str) or source in ("", "-", article.source) or article.source == "-":
        return
    other = Path(source)
    if other.is_file() and other.resolve() != Path(article.source).resolve():
        raise InputError(
            f"{article.source}: its slug {article.slug!r} is already published from {source}: "
            "give one of them another slug (slug: in the front matter, or rename the file)"
        )


def _encoder_name() -> str:
    from audiogen.audio.encode import encoder_name

    return encoder_name()


def current_outputs(plan: Plan) -> Manifest | None:
    """The manifest when the outputs in the output folder are current by the full check, else
    ``None``. Current outputs are brought up to date in what costs nothing to redo: the
    manifest's ``inputs`` when other code recorded them, the web files, and the store's quick
    record, so the next check is quick again."""
    from audiogen.atomic import sweep_temps
    from audiogen.publish.manifest import manifest_json, read_manifest, write_manifest
    from audiogen.publish.remote import article_names
    from audiogen.publish.web import INDEX_NAME, write_web

    if stale_reasons(plan.out_dir, plan.expected):
        return None
    sweep_temps(plan.out_dir)  # a killed build's leftovers; it is about to write here too
    current = read_manifest(plan.out_dir / f"{plan.article.slug}.json")
    with holding(plan.options):
        if current.inputs != plan.expected.inputs:
            # Current by the full check, but recorded by other code (a manifest from before the
            # quick record moved to the store, say): record today's inputs.
            current = dataclasses.replace(current, inputs=dict(plan.expected.inputs))
            write_manifest(current, plan.out_dir)
        # Cheap, and brings an output folder built before these files existed up to date.
        write_web(current, plan.out_dir)
        push_outputs(plan.options, [*article_names(current.slug), INDEX_NAME])
    plan.remember(manifest_json(current))
    return current


def quick_check(source: str | Path, options: Options, store: Store) -> Manifest | None:
    """The manifest of ``source`` when :func:`audiogen.make.freshness.quick_current` shows its
    outputs current, else ``None`` (the full check then decides, and reports any error)."""
    if str(source) == "-":
        return None  # stdin can be read once, and the full path needs it
    path = Path(source)
    pull_outputs(options)  # an output URL's manifests; an unreachable bucket is an error here

    def identity(voice: str, lang: str) -> dict[str, Any]:
        # Constructing an engine loads no model; its identity reads versions and the model's
        # checksum, so a new voice model is never skipped.
        engine = make_engine(options, lang)
        engine.use_cache_dir(store.models)
        return engine_identity(engine, voice, lang, options.options_for_engine(engine.name))

    try:
        from audiogen.text.read import FORMATS, file_limit

        limit, _ = file_limit(FORMATS.get(path.suffix.lower(), ""), options.max_bytes)
        if path.stat().st_size > limit:
            return None
        data = path.read_bytes()
        return quick_current(
            store.memos, output_folder(options), path, data, settings_of(options), identity
        )
    except (OSError, AudiogenError):
        return None


def rebuilding(source: str | Path, options: Options, store: Store) -> bool:
    """True when ``source`` was built into the output folder before (so this build usually
    speaks a few edited sentences, and loading the voice can start before the text is ready)."""
    return str(source) != "-" and built_before(store.memos, output_folder(options), str(source))


__all__ = [
    "Plan",
    "Engines",
    "TextMemo",
    "current_outputs",
    "keeping_voices",
    "make_engine",
    "make_plan",
    "plan_for",
    "quick_check",
    "rebuilding",
    "settings_of",
    "summary_of",
    "voice_for",
]
