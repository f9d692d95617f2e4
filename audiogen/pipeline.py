"""The pipeline: an article's stages in order.

    read -> clean -> script (language, split, normalize, lexicon)         text/
    plan (voice, what the outputs would be made from, are they current)  make/plan
    speak, and master each sentence as it is spoken (or find it stored)  speech/, make/assemble
    assemble the track -> check it                                       audio/, qa/checks
    publish (tagged MP3, manifest, captions, chapters, snippet, index)   publish/

``prepare`` is the text half, ``build`` the whole, ``check`` says whether the outputs are
current, and ``verify`` hears what was built and repairs what was heard badly.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from audiogen.config import Options, options_for
from audiogen.errors import InputError
from audiogen.make.assemble import Progress, assemble, publish, speak
from audiogen.make.freshness import stale_reasons
from audiogen.make.plan import (
    TextMemo,
    current_outputs,
    make_engine,
    make_plan,
    plan_for,
    quick_check,
    voice_for,
)
from audiogen.make.store import Store
from audiogen.publish.tag import credit
from audiogen.types import Manifest, Script

if TYPE_CHECKING:
    from audiogen.qa.recognizer import Recognizer
    from audiogen.qa.verify import Log, Report
    from audiogen.text.script import Prepared

logger = logging.getLogger(__name__)


def prepare(
    source: str | Path, options: Options | None = None, store: Store | None = None
) -> Prepared:
    """Read, clean and script ``source`` (each paragraph's answers remembered in the store)."""
    from audiogen.text.clean import CleanRules, clean_article, source_lines
    from audiogen.text.language import choose_language
    from audiogen.text.read import load_article
    from audiogen.text.script import Prepared, make_script, split_lexicon

    options = options or options_for(Path(str(source)).parent)
    memo = TextMemo(store or Store(options.cache_dir))
    raw = load_article(source, max_bytes=options.max_bytes)
    rules = CleanRules(dict(options.replace), options.drop, options.config_file)
    article, changes = clean_article(raw, rules, memo.repair, memo.is_word)
    article = credit(article, options.feed)  # an artist for players, a publisher for the feed
    if not article.title and not article.blocks:
        raise InputError(
            f"{source}: no text is left after cleaning: check that it is an article "
            f"(audiogen script --explain {source} shows what was dropped)"
        )
    language = choose_language(options.lang, article, memo)
    engine = make_engine(options, language.lang)
    lexicon, phonemes = split_lexicon(options.lexicon, engine.reads_phonemes)
    script = make_script(article, language.lang, lexicon, memo.speak)
    if not script.sentences:
        raise InputError(f"{source}: nothing to speak after normalization: check the article text")
    return Prepared(article, script, tuple(changes), tuple(source_lines(raw)), phonemes, language)


def speech_script(source: str | Path, options: Options | None = None) -> Script:
    """The exact script that ``build`` would speak for ``source``."""
    return prepare(source, options).script


def build(
    source: str | Path, options: Options | None = None, progress: Progress | None = None
) -> Manifest:
    """Build the audio version of one article into ``options.out_dir``, unless its outputs are
    current (``options.force`` rebuilds them); returns the manifest either way."""
    return build_or_skip(source, options, progress)[0]


def build_or_skip(
    source: str | Path, options: Options | None = None, progress: Progress | None = None
) -> tuple[Manifest, bool]:
    """:func:`build`, and whether the outputs were already current (nothing was built)."""
    options = options or options_for(Path(str(source)).parent)
    store = Store(options.cache_dir)
    # No lock: this only reads, and a build records its outputs once they are all written.
    if not options.force and (quick := quick_check(source, options, store)) is not None:
        logger.info("%s: up to date", quick.slug)
        return quick, True
    # Two builds of one article queue here; the second then finds the first's outputs current.
    with store.locks.lock(options.out_dir, source):
        # the engine may depend on the article's language: then the text comes first
        prepared = None if options.engine or options.lang else prepare(source, options, store)
        lang = prepared.script.lang if prepared else options.lang
        with voice_for(options, lang, store, source) as e:
            plan = make_plan(prepared or prepare(source, options, store), options, e, store)
            if not options.force and (current := current_outputs(plan)) is not None:
                logger.info("%s: up to date", plan.article.slug)
                return current, True
            runs = speak(plan, e, progress)
        # the voice is unloaded (unless a batch keeps it) before the track is joined and measured
        return publish(plan, assemble(plan, runs)), False


def check(source: str | Path, options: Options) -> tuple[str, list[str]]:
    """The slug of ``source``'s outputs and why they are stale or missing (empty: current),
    synthesizing nothing."""
    store = Store(options.cache_dir)
    if (quick := quick_check(source, options, store)) is not None:
        return quick.slug, []
    plan = plan_for(prepare(source, options, store), options, store)
    return plan.article.slug, stale_reasons(plan.out_dir, plan.expected)


def verify(
    source: str | Path,
    options: Options,
    *,
    threshold: float | None = None,
    repair: bool = True,
    recognizer: Recognizer | None = None,
    log: Log | None = None,
) -> Report:
    """Hear the MP3 built from ``source``, score every sentence, and (``repair``) have the ones
    heard badly spoken again and the article rebuilt (see :mod:`audiogen.qa.verify`)."""
    from audiogen.qa.verify import DEFAULT_THRESHOLD, verify_built

    plan = plan_for(prepare(source, options, store := Store(options.cache_dir)), options, store)
    return verify_built(
        plan,
        rebuild=lambda: build(source, dataclasses.replace(options, force=True)),
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        repair=repair,
        recognizer=recognizer,
        log=log,
    )


__all__ = ["build", "build_or_skip", "check", "prepare", "speech_script", "verify"]
