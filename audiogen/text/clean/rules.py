"""What the clean stage is told (:class:`CleanRules`) and what it reports (:class:`Change`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import regex

from audiogen.errors import ConfigError

DROP_TIMEOUT_S = 1.0
"""The longest one ``[boilerplate] drop`` pattern may search one block: a pattern that
backtracks catastrophically (``^(\\w+\\s?)+$``) would otherwise hang the build, and an
ordinary one takes microseconds."""


@lru_cache(maxsize=32)
def _compile_drop(
    patterns: tuple[str, ...], config: Path | None = None
) -> tuple[tuple[str, Any], ...]:
    # the regex package, unlike re, can stop a search after a time limit
    compiled = []
    for pattern in patterns:
        try:
            compiled.append((pattern, regex.compile(pattern, regex.IGNORECASE)))
        except regex.error as e:
            raise ConfigError(
                f"[boilerplate] drop pattern {pattern!r} is not a valid regular expression ({e});"
                f" fix or remove it in {config or 'the configuration'}"
            ) from e
    return tuple(compiled)


def search_drop(pattern: str, compiled: Any, text: str, config: Path | None = None) -> bool:
    """Whether the compiled ``[boilerplate] drop`` ``pattern`` is found in ``text``; a search
    past :data:`DROP_TIMEOUT_S` is a :class:`ConfigError` naming the pattern and ``config``."""
    try:
        return compiled.search(text, timeout=DROP_TIMEOUT_S) is not None
    except TimeoutError:
        raise ConfigError(
            f"[boilerplate] drop pattern {pattern!r} took over {DROP_TIMEOUT_S:g} s on one "
            f"paragraph (it backtracks without end): simplify it in "
            f"{config or 'the configuration'}, e.g. without a repeated group inside a repeat"
        ) from None


Action = Literal["repaired", "dropped", "warning"]


@dataclass(frozen=True)
class CleanRules:
    """Site-specific cleaning rules, from the configuration (``[replace]``, ``[boilerplate]``)."""

    replace: Mapping[str, str] = field(default_factory=dict)
    """Site substitution table: exact substring -> replacement, applied before any other repair
    (so an injected token such as ``51勛圖`` is not mistaken for mojibake)."""

    drop: tuple[str, ...] = ()
    """Extra boilerplate regular expressions: a block is dropped when one is found in it
    (``re.search``, case-insensitive, each search limited to :data:`DROP_TIMEOUT_S`)."""

    config: Path | None = None
    """The configuration file the rules came from, named in errors."""

    def __post_init__(self) -> None:
        for key in self.replace:
            if not key:
                where = self.config or "the configuration"
                raise ConfigError(f"[replace] has an empty key; remove it from {where}")
        _compile_drop(tuple(self.drop), self.config)  # an invalid pattern fails here


_NO_RULES = CleanRules()


@dataclass(frozen=True)
class Change:
    """One repair, drop or warning made by the clean stage."""

    rule: str
    """Name of the rule (``mojibake-big5``, ``nbsp``, ``replace``, ``newsletter-prompt``, ...)."""

    action: Action
    """``repaired``, ``dropped`` or ``warning``."""

    before: str
    """The text before: the damaged word, or the whole dropped block as it was read."""

    after: str
    """The text after; ``""`` when dropped."""

    line: int | None
    """Block number (0: the title, 1: the first body block, as ``Sentence.paragraph``), or
    ``None`` when the text is not part of an article (:func:`repair_text` on its own)."""
