"""Builds spread over a Dask cluster, imported only when one is asked for: a running scheduler
(``--scheduler``), or a LocalCluster of worker processes started for one run (``--workers``).

The unit of work follows the cost. Each article is planned on a worker (read, cleaned, scripted,
checked against its outputs); every sentence the store lacks becomes a task of its own, named by
its store key, so a sentence that several articles share is spoken once, and one long article is
spread over every worker while short ones run beside it. Workers keep their voice loaded between
tasks (:class:`Voices`, a worker plugin: loaded once per worker, not once per task) and put what
they say in the shared store, mastering each new sentence's run in the same task. Each article's
track is then assembled on a worker from the stored runs, and published by this process, which
holds the article's lock: the same functions a local build runs, so the bytes are the same.

Workers must reach what the articles name at the same paths as this process (a LocalCluster
does; a remote cluster needs the same checkout or a shared volume), and the store and outputs
(a URL such as ``s3://bucket/prefix``, or a shared folder).
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from audiogen.config import Options, cache_location, is_url
from audiogen.errors import AudiogenError, ConfigError, InputError, UnexpectedError
from audiogen.make.assemble import (
    Track,
    assemble,
    paused_run_key,
    pauses_ms,
    publish,
    speak,
    stored_master,
)
from audiogen.make.cluster import QUIET, ClusterProgress, ClusterSpec, Tally
from audiogen.make.plan import Engines, Plan, current_outputs, make_plan, quick_check
from audiogen.make.store import Store
from audiogen.publish.listing import Listings, listing_once
from audiogen.text.language import keeping_profiles
from audiogen.types import Manifest, Sentence

logger = logging.getLogger(__name__)

PLUGIN = "audiogen-voices"


class Voices(WorkerPlugin):
    """A worker's voices: each engine constructed and loaded once per worker
    (:class:`audiogen.make.plan.Engines`), kept for every task it runs, and freed when the
    worker closes."""

    name = PLUGIN

    def setup(self, worker: Any) -> None:
        _heap_for_audio()
        self.pool = Engines()
        self.profiles = contextlib.ExitStack()  # langdetect's, kept for the worker's articles
        self.profiles.enter_context(keeping_profiles())
        self._run: str | None = None
        self._listings = Listings()

    def listings(self, run: str) -> Listings:
        """The output listings of the run ``run`` on this worker (listed once a run, as a local
        batch lists them once; an earlier run's are dropped)."""
        if self._run != run:
            self._run, self._listings = run, Listings()
        return self._listings

    def teardown(self, worker: Any) -> None:
        self.pool.close()
        self.profiles.close()

    @property
    def loads(self) -> int:
        """Engines constructed on this worker (one per engine and its options)."""
        return self.pool.loads

    def engine(self, options: Options, lang: str, store: Store) -> Any:
        """The engine ``options`` choose for ``lang`` (a context manager; see
        :meth:`audiogen.make.plan.Engines.engine`)."""
        return self.pool.engine(options, lang, store.models)


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters


def _heap_for_audio() -> None:
    """Undo, in this worker, what a Dask nanny's default ``MALLOC_TRIM_THRESHOLD_`` does to
    audio work: with it set, glibc stops adapting its mmap threshold, so every array of a few
    hundred kilobytes is mapped and unmapped again, page faults and all (measured: a batch took
    40% longer). Arrays up to 32 MB then come from the heap, which keeps 64 MB when freed."""
    import ctypes
    import os
    import sys

    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return
    mallopt(_M_MMAP_THRESHOLD, 32 * 1024 * 1024)
    mallopt(_M_TRIM_THRESHOLD, 64 * 1024 * 1024)


def _voices() -> Voices:
    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, Voices)
    return plugin


def _contained(task: Callable[..., Any], *args: Any) -> Any:
    """``task(*args)``, or the :class:`AudiogenError` it raised, returned as its result: an
    article's expected failure is reported once, by this process, and not logged by the worker
    as a crash. Any other exception is raised (Dask logs it, and this process reports it)."""
    try:
        return task(*args)
    except AudiogenError as exc:
        return exc


@dataclass(frozen=True)
class Planned:
    """What planning an article on a worker found: its manifest when the outputs are current,
    else its plan, each sentence's store key, the entries the store holds (sentence index ->
    checksum and sample rate), and the sentences it lacks (store key -> the text the engine is
    given)."""

    manifest: Manifest | None = None
    """The manifest, when the outputs are current (nothing to build)."""

    plan: Plan | None = None
    """The article's plan, otherwise."""

    keys: tuple[str, ...] = ()
    """Each sentence's store key, in script order."""

    stored: dict[int, tuple[str, int]] = field(default_factory=dict)
    """Sentences the store holds: index -> the entry's checksum and sample rate."""

    missing: dict[str, str] = field(default_factory=dict)
    """Sentences it lacks: store key -> the text the engine is given."""


def _plan_task(source: str, options: Options, run: str = "") -> Planned:
    with listing_once(_voices().listings(run) if run else None):
        return _plan(source, options)


def _plan(source: str, options: Options) -> Planned:
    from audiogen.pipeline import prepare
    from audiogen.speech.synth import engine_text

    _visible(source, options)
    store = Store(options.cache_dir)
    if not options.force and (quick := quick_check(source, options, store)) is not None:
        return Planned(manifest=quick)
    prepared = prepare(source, options, store)
    with _voices().engine(options, prepared.script.lang, store) as engine:
        plan = make_plan(prepared, options, engine, store)
    if not options.force and (current := current_outputs(plan)) is not None:
        return Planned(manifest=current)
    spoken = store.sentences.spoken_by(plan.identity)
    texts = [engine_text(s.text, plan.prepared.phonemes) for s in plan.prepared.script.sentences]
    keys = tuple(spoken.key(text) for text in texts)
    stored: dict[int, tuple[str, int]] = {}
    missing: dict[str, str] = {}
    for i, (key, text) in enumerate(zip(keys, texts, strict=True)):
        found = store.sentences.entry_id(key) if key not in missing else None
        if found is not None:
            stored[i] = (found.checksum, found.sample_rate)
        else:
            missing[key] = text
    return Planned(plan=plan, keys=keys, stored=stored, missing=missing)


def _visible(source: str, options: Options) -> None:
    """Raise an :class:`InputError` naming the fix when this worker cannot see the article, its
    intro or its outro at the paths the build process gave (a remote cluster without the same
    checkout or a shared volume): else its own "no such file" would name a file that exists."""
    import socket

    for what, path in (("article", source), ("intro", options.intro), ("outro", options.outro)):
        if path is not None and not Path(path).is_file():
            raise InputError(
                f"{path}: the Dask worker on {socket.gethostname()} cannot see this {what}: give "
                "the workers the same checkout or a shared volume at the same path"
            )


@dataclass(frozen=True)
class Speaker:
    """What a say task needs of an article's plan: small, since every sentence's task carries
    it (the plan itself goes to the article's planning and assembling tasks only)."""

    options: Options
    """The article's options (engine options, the store, the sound options)."""

    lang: str
    """The script's language."""

    voice: str
    """The voice's id."""

    identity: dict[str, Any]
    """The engine's identity, which the sentences' store keys start from."""


def _speaker(plan: Plan) -> Speaker:
    return Speaker(plan.options, plan.prepared.script.lang, plan.voice.id, dict(plan.identity))


def _say_task(voice: Speaker, text: str, pauses: tuple[int, ...]) -> tuple[int, str, int]:
    """Speak ``text`` in ``voice`` and put it in the store, then master its run with each of
    ``pauses`` (the article that asked for it knows them; another article's pause gets a
    :func:`_run_task`): how many sentences the engine spoke (0 when the store already held it),
    and the stored entry's checksum and sample rate."""
    from audiogen.audio.segment import segment
    from audiogen.make.store import entry_checksum
    from audiogen.speech.synth import synthesize_script

    store = Store(voice.options.cache_dir)
    spoken = store.sentences.spoken_by(voice.identity)
    audio, spoke = spoken.get(text), 0
    if audio is None:
        with _voices().engine(voice.options, voice.lang, store) as engine:
            (audio,) = synthesize_script(
                engine,
                [Sentence(text=text, kind="body", paragraph=0, section=0)],
                voice=voice.voice,
                lang=voice.lang,
                cache=spoken,
            )
        spoke = 1
    checksum, options = entry_checksum(spoken.key(text), audio), voice.options
    for pause in pauses:  # with the sound at hand: a run task would read it back
        part = segment(audio, pause, options.pauses.edge_ms, audio.sample_rate)
        stored_master(store, options, [part], [paused_run_key(checksum, pause, options)])
    return spoke, checksum, audio.sample_rate


def _run_task(options: Options, key: str, pause_ms: int, rate: int, run: str) -> None:
    """Trim, pause, level and encode the stored sentence ``key`` into the run ``run`` in the
    store (as :func:`audiogen.make.assemble.speak` does), unless it is there."""
    from audiogen.audio.segment import segment

    store = Store(options.cache_dir)
    audio = store.sentences.get(key)
    if audio is not None:  # else the article's assembly speaks and masters it
        part = segment(audio, pause_ms, options.pauses.edge_ms, rate)
        stored_master(store, options, [part], [run])


def _assemble_task(plan: Plan, *runs: Any) -> tuple[Track, int]:
    """The article's track, assembled on this worker from the runs in the store, and how many
    sentences its engine had to speak because the store lacked them (0 when every say task
    stored its sentence)."""
    lang = plan.prepared.script.lang
    found: list[int] = []
    with _voices().engine(plan.options, lang, plan.store) as engine:
        spoken = speak(plan, engine, lambda _slug, _done, _total, cached=0: found.append(cached))
    fallback = len(plan.prepared.script.sentences) - found[0] if found else 0
    return assemble(plan, spoken), fallback


@contextlib.contextmanager
def connect(spec: ClusterSpec) -> Iterator[Client]:
    """A client of the cluster ``spec`` names (a LocalCluster started for the block, with
    :data:`QUIET`, or the running scheduler), with the :class:`Voices` plugin registered on every
    worker."""
    import dask

    with contextlib.ExitStack() as stack:
        stack.enter_context(dask.config.set(QUIET))
        if spec.scheduler:
            try:
                client = stack.enter_context(Client(spec.scheduler, timeout="10s"))
            except (OSError, TimeoutError) as exc:
                raise ConfigError(
                    f"{spec.scheduler}: no Dask scheduler answers there ({exc}): start one "
                    "(dask scheduler) or give its address"
                ) from None
        else:
            # workers keep glibc's adaptive heap (see _heap_for_audio)
            environ = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"
            stack.enter_context(dask.config.set({environ: None}))
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=spec.workers or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    # its health and metrics server on a free port: on Dask's 8787, a second
                    # build at the same time (or a notebook's cluster) printed a warning
                    scheduler_kwargs={"dashboard_address": ":0"},
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
    cache = options.cache_dir if options.cache_dir is not None else cache_location()
    out = options.out_dir
    return path, replace(
        options,
        cache_dir=cache if is_url(cache) else Path(cache).absolute(),
        out_dir=out if is_url(out) else Path(out).absolute(),
    )


@dataclass
class _Article:
    """An article in flight: its plan, and the runs its assembly waits for."""

    path: Path
    planned: Planned
    pauses: list[int]
    runs: list[Any] = field(default_factory=list)
    unsaid: set[str] = field(default_factory=set)


def _run(
    client: Client,
    articles: Sequence[tuple[Path, Options]],
    done: Done,
    tally: Tally,
    progress: ClusterProgress,
) -> None:
    run = uuid.uuid4().hex[:8]
    pending = as_completed()
    role: dict[Any, tuple[str, Any]] = {}  # future key -> what it is, and its article or text
    futures: dict[str, Any] = {}  # task name -> future: a sentence or run is made once a run
    waiting: dict[str, list[_Article]] = {}  # sentence store key -> articles waiting for it
    fused: dict[str, tuple[int, ...]] = {}  # sentence store key -> pauses its say task masters
    ended: set[Path] = set()

    def finish(path: Path, manifest: Manifest | None, skipped: bool, error: Any) -> None:
        if path in ended:  # a failed sentence fails its article's assembly too
            return
        ended.add(path)
        tally.articles_done += 1
        done(path, manifest, skipped, error)
        progress(tally)

    def once(name: str, task: Callable[..., Any], *args: Any) -> Any:
        if name not in futures:
            futures[name] = client.submit(_contained, task, *args, key=name)
            tally.bytes_moved += _size(args)
        return futures[name]

    def make_run(art: _Article, i: int, checksum: str, rate: int) -> None:
        plan, key = art.planned.plan, art.planned.keys[i]
        assert plan is not None
        if art.pauses[i] in fused.get(key, ()):  # its say task made this run
            art.runs.append(futures[f"say-{key}"])
            return
        run_key = paused_run_key(checksum, art.pauses[i], plan.options)
        args = (plan.options, key, art.pauses[i], rate, run_key)
        art.runs.append(once(f"run-{run_key}", _run_task, *args))

    def assemble_when_ready(art: _Article) -> None:
        if not art.unsaid:
            future = once(f"assemble-{run}-{art.path}", _assemble_task, art.planned.plan, *art.runs)
            role[future.key] = ("assemble", art)
            pending.add(future)

    for i, (path, options) in enumerate(articles):
        # one thread a worker: the sentences of an article spread over workers instead
        future = once(f"plan-{run}-{i}", _plan_task, str(path), replace(options, jobs=1), run)
        role[future.key] = ("plan", path)
        pending.add(future)
    progress(tally)
    for future in pending:
        what, which = role[future.key]
        try:
            result = future.result()
            tally.bytes_moved += _size(result)
            if isinstance(result, AudiogenError):
                raise result
        except Exception as exc:
            for art in waiting.pop(which, []) if what == "say" else [which]:
                path = art if isinstance(art, Path) else art.path
                finish(path, None, False, _error(path, exc))
            continue
        if what == "plan":
            if result.manifest is not None:
                finish(which, result.manifest, True, None)
                continue
            plan = result.plan
            art = _Article(which, result, pauses_ms(plan), unsaid=set(result.missing))
            for i, (checksum, rate) in result.stored.items():
                make_run(art, i, checksum, rate)
            for key, text in result.missing.items():
                if f"say-{key}" not in futures:
                    tally.sentences += 1
                    same = zip(art.pauses, result.keys, strict=True)
                    fused[key] = tuple(sorted({p for p, k in same if k == key}))
                    said = once(f"say-{key}", _say_task, _speaker(plan), text, fused[key])
                    role[said.key] = ("say", key)
                    pending.add(said)
                waiting.setdefault(key, []).append(art)
            assemble_when_ready(art)
        elif what == "say":
            spoke, checksum, rate = result
            tally.sentences_done += 1
            tally.synthesized += spoke
            for art in waiting.pop(which, []):
                for i, key in enumerate(art.planned.keys):
                    if key == which:
                        make_run(art, i, checksum, rate)
                art.unsaid.discard(which)
                assemble_when_ready(art)
        else:
            _publish(which, result, tally, finish)
            continue
        progress(tally)


def _publish(art: _Article, result: tuple[Track, int], tally: Tally, finish: Done) -> None:
    """Publish an assembled article here, under its lock, as a local build does."""
    plan = art.planned.plan
    assert plan is not None
    track, fallback = result
    tally.synthesized += fallback
    try:
        with plan.store.locks.lock(plan.options.out_dir, str(art.path)):
            manifest = publish(plan, track)
    except Exception as exc:  # contained, as a local batch contains it
        finish(art.path, None, False, _error(art.path, exc))
    else:
        finish(art.path, manifest, False, None)


def _size(obj: Any) -> int:
    """Bytes ``obj`` takes between this process and a worker (pickled, as Dask sends it)."""
    return len(pickle.dumps(obj, protocol=5))


def _error(path: Path, exc: BaseException) -> AudiogenError:
    if isinstance(exc, AudiogenError):
        return exc
    logger.info("%s failed unexpectedly", path, exc_info=exc)
    return UnexpectedError.of(path, exc)


__all__ = ["PLUGIN", "Planned", "Voices", "build_on_cluster", "connect"]
