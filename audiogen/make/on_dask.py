"""Builds spread over a Dask cluster, imported only when one is asked for: a running scheduler
(``--scheduler``), or a LocalCluster of worker processes started for one run (``--workers``).

The unit of work follows the cost. Each article is planned on a worker (read, cleaned, scripted,
checked against its outputs); every sentence the store lacks becomes a task of its own, named by
its store key, so a sentence that several articles share is spoken once, and one long article is
spread over every worker while short ones run beside it. Workers keep their voice loaded between
tasks (:class:`Voices`, a worker plugin: loaded once per worker, not once per task) and put what
they say in the shared store. Each article is then mastered on a worker from the store, and
published by this process, which holds the article's lock: the same functions a local build
runs, so the bytes are the same.

Workers must reach what the articles name at the same paths as this process (a LocalCluster
does; a remote cluster needs the same checkout or a shared volume), and the store and outputs
(a URL such as ``s3://bucket/prefix``, or a shared folder).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from audiogen.config import Options, default_cache_dir, is_url
from audiogen.errors import AudiogenError, ConfigError, UnexpectedError
from audiogen.make.assemble import Track, assemble, master_runs, publish, speak
from audiogen.make.cluster import ClusterProgress, ClusterSpec, Tally
from audiogen.make.plan import Plan, current_outputs, make_engine, make_plan, quick_check
from audiogen.make.store import Store
from audiogen.speech.engines.base import running
from audiogen.types import Manifest, Sentence

if TYPE_CHECKING:
    from audiogen.speech.engines.base import Engine

logger = logging.getLogger(__name__)

PLUGIN = "audiogen-voices"


class Voices(WorkerPlugin):
    """A worker's voices: each engine constructed and loaded once per worker, kept for every task
    it runs, and freed when the worker closes."""

    name = PLUGIN

    def setup(self, worker: Any) -> None:
        self.engines: dict[str, Engine] = {}
        self.locks: dict[str, threading.Lock] = {}
        self.lock = threading.Lock()
        self.stack = contextlib.ExitStack()
        self.loads = 0
        """Engines constructed on this worker (one per engine and its options)."""

    def teardown(self, worker: Any) -> None:
        self.stack.close()

    @contextlib.contextmanager
    def engine(self, options: Options, lang: str, store: Store) -> Iterator[Engine]:
        """The engine ``options`` choose for ``lang``, loaded on first use and kept; held by
        one task at a time unless it is thread-safe."""
        import json

        probe = make_engine(options, lang)
        key = json.dumps([probe.name, options.options_for_engine(probe.name)], sort_keys=True)
        with self.lock:
            if key not in self.engines:
                self.engines[key] = self.stack.enter_context(running(probe, store.models))
                self.locks[key] = threading.Lock()
                self.loads += 1
            engine, lock = self.engines[key], self.locks[key]
        with contextlib.nullcontext() if engine.thread_safe else lock:
            yield engine


def _voices() -> Voices:
    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, Voices)
    return plugin


@dataclass(frozen=True)
class Planned:
    """What planning an article on a worker found: its manifest when the outputs are current,
    else its plan and the sentences the store lacks (store key and the text the engine is
    given)."""

    manifest: Manifest | None = None
    plan: Plan | None = None
    missing: tuple[tuple[str, str], ...] = ()


def _contained(task: Callable[..., Any], *args: Any) -> Any:
    """``task(*args)``, or the :class:`AudiogenError` it raised, returned as its result: an
    article's expected failure is reported once, by this process, and not logged by the worker
    as a crash. Any other exception is raised (Dask logs it, and this process reports it)."""
    try:
        return task(*args)
    except AudiogenError as exc:
        return exc


def _plan_task(source: str, options: Options) -> Planned:
    from audiogen.pipeline import prepare
    from audiogen.speech.synth import engine_text

    store = Store(options.cache_dir)
    if not options.force and (quick := quick_check(source, options, store)) is not None:
        return Planned(manifest=quick)
    prepared = prepare(source, options, store)
    with _voices().engine(options, prepared.script.lang, store) as engine:
        plan = make_plan(prepared, options, engine, store)
    if not options.force and (current := current_outputs(plan)) is not None:
        return Planned(manifest=current)
    spoken = store.sentences.spoken_by(plan.identity)
    missing: dict[str, str] = {}
    for s in plan.prepared.script.sentences:
        text = engine_text(s.text, plan.prepared.phonemes)
        key = spoken.key(text)
        if key not in missing and store.sentences.entry_id(key) is None:
            missing[key] = text
    return Planned(plan=plan, missing=tuple(missing.items()))


def _say_task(plan: Plan, text: str) -> int:
    """Speak ``text`` as ``plan``'s voice does and put it in the store; how many sentences the
    engine spoke (0 when another task stored it first)."""
    from audiogen.speech.synth import synthesize_script

    spoken = plan.store.sentences.spoken_by(plan.identity)
    if spoken.get(text) is not None:
        return 0
    lang = plan.prepared.script.lang
    with _voices().engine(plan.options, lang, plan.store) as engine:
        synthesize_script(
            engine,
            [Sentence(text=text, kind="body", paragraph=0, section=0)],
            voice=plan.voice.id,
            lang=lang,
            cache=spoken,
        )
    return 1


def _master_task(plan: Plan, *said: int) -> tuple[Track, int]:
    """The article's track, mastered from the store on this worker, and how many sentences its
    engine had to speak because the store lacked them (0 when every say task stored its
    sentence)."""
    lang = plan.prepared.script.lang
    spoken: list[int] = []
    with _voices().engine(plan.options, lang, plan.store) as engine:
        speech = speak(plan, engine, lambda _slug, done, total, cached=0: spoken.append(cached))
    fallback = len(plan.prepared.script.sentences) - spoken[0] if spoken else 0
    return assemble(plan, master_runs(plan, speech)), fallback


@contextlib.contextmanager
def connect(spec: ClusterSpec) -> Iterator[Client]:
    """A client of the cluster ``spec`` names (a LocalCluster started for the block, or the
    running scheduler), with the :class:`Voices` plugin registered on every worker."""
    with contextlib.ExitStack() as stack:
        if spec.scheduler:
            try:
                client = stack.enter_context(Client(spec.scheduler, timeout="10s"))
            except (OSError, TimeoutError) as exc:
                raise ConfigError(
                    f"{spec.scheduler}: no Dask scheduler answers there ({exc}): start one "
                    "(dask scheduler) or give its address"
                ) from None
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=spec.workers or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        client.register_plugin(Voices(), name=PLUGIN)
        yield client


Done = Callable[[Path, Manifest | None, bool, BaseException | None], None]
"""Told of each article as it ends: its manifest, whether it was current (skipped), or the
error that stopped it."""


def build_on_cluster(
    articles: Sequence[tuple[Path, Options]],
    spec: ClusterSpec,
    done: Done,
    progress: ClusterProgress | None = None,
) -> Tally:
    """Build ``articles`` (each with its options) on the cluster ``spec`` names, telling
    ``done`` of each as it ends (in the order they end); returns the run's tally."""
    tally = Tally(articles=len(articles))
    rest = []
    for path, options in map(_here, articles):
        # current by the quick check: no cluster is started for a run with nothing to build
        quick = None if options.force else quick_check(path, options, Store(options.cache_dir))
        if quick is not None:
            tally.articles_done += 1
            done(path, quick, True, None)
        else:
            rest.append((path, options))
    if rest:
        with connect(spec) as client:
            _run(client, rest, done, tally, progress or (lambda _t: None))
    elif progress:
        progress(tally)
    return tally


def _here(article: tuple[Path, Options]) -> tuple[Path, Options]:
    """``article`` with its store and output folder named as this process means them, not as
    a worker would (its own default cache folder, its own working folder)."""
    path, options = article
    cache = options.cache_dir if options.cache_dir is not None else default_cache_dir()
    out = options.out_dir
    return path, dataclasses.replace(
        options,
        cache_dir=cache if is_url(cache) else Path(cache).absolute(),
        out_dir=out if is_url(out) else Path(out).absolute(),
    )


def _run(
    client: Client,
    articles: Sequence[tuple[Path, Options]],
    done: Done,
    tally: Tally,
    progress: ClusterProgress,
) -> None:
    run = uuid.uuid4().hex[:8]
    pending = as_completed()
    role: dict[Any, tuple[str, Any]] = {}  # future key -> what it is, and for which article
    says: dict[str, Any] = {}  # sentence store key -> its future (one per sentence per run)
    waiting: dict[Any, list[Path]] = {}  # say future key -> articles waiting on it
    planned: dict[Path, Plan] = {}
    ended: set[Path] = set()

    def finish(path: Path, manifest: Manifest | None, skipped: bool, error: Any) -> None:
        if path in ended:  # a failed sentence fails its article's mastering too
            return
        ended.add(path)
        tally.articles_done += 1
        done(path, manifest, skipped, error)
        progress(tally)

    for i, (path, options) in enumerate(articles):
        # one thread a worker: the sentences of an article spread over workers instead
        options = dataclasses.replace(options, jobs=1)
        future = client.submit(
            _contained, _plan_task, str(path), options, key=f"plan-{run}-{i}", pure=False
        )
        role[future.key] = ("plan", path)
        pending.add(future)
    progress(tally)
    for future in pending:
        what, path = role[future.key]
        try:
            result = future.result()
            if isinstance(result, AudiogenError):
                raise result
        except Exception as exc:
            if what == "say":
                for waiter in waiting.pop(future.key, []):
                    planned.pop(waiter, None)
                    finish(waiter, None, False, _error(waiter, exc))
            else:
                planned.pop(path, None)
                finish(path, None, False, _error(path, exc))
            continue
        if what == "plan":
            if result.manifest is not None:
                finish(path, result.manifest, True, None)
                continue
            plan = planned[path] = result.plan
            needed = []
            for key, text in result.missing:
                if key not in says:
                    says[key] = client.submit(_contained, _say_task, plan, text, key=f"say-{key}")
                    role[says[key].key] = ("say", None)
                    waiting[says[key].key] = []
                    pending.add(says[key])
                    tally.sentences += 1
                waiting.setdefault(says[key].key, []).append(path)
                needed.append(says[key])
            mastered = client.submit(
                _contained, _master_task, plan, *needed, key=f"master-{run}-{path}"
            )
            role[mastered.key] = ("master", path)
            pending.add(mastered)
        elif what == "say":
            tally.sentences_done += 1
            tally.synthesized += result
            waiting.pop(future.key, None)
        elif path in planned:
            plan = planned.pop(path)
            track, fallback = result
            tally.synthesized += fallback
            try:
                with plan.store.locks.lock(plan.options.out_dir, str(path)):
                    manifest = publish(plan, track)
            except Exception as exc:  # contained, as a local batch contains it
                finish(path, None, False, _error(path, exc))
            else:
                finish(path, manifest, False, None)
            continue
        progress(tally)


def _error(path: Path, exc: BaseException) -> AudiogenError:
    if isinstance(exc, AudiogenError):
        return exc
    logger.info("%s failed unexpectedly", path, exc_info=exc)
    return UnexpectedError.of(path, exc)


__all__ = ["PLUGIN", "Planned", "Voices", "build_on_cluster", "connect"]
