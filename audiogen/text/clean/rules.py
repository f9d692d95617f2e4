"""What the clean stage is told (:class:`CleanRules`) and what it reports (:class:`Change`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from audiogen.errors import ConfigError


@lru_cache(maxsize=32)
def _compile_drop(patterns: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append((pattern, re.compile(pattern, re.IGNORECASE)))
        except re.error as e:
            raise ConfigError(
                f"[boilerplate] drop pattern {pattern!r} is not a valid regular expression ({e});"
                " fix or remove it in the configuration"
            ) from e
    return tuple(compiled)


Action = Literal["repaired", "dropped", "warning"]


@dataclass(frozen=True)
class CleanRules:
    """Site-specific cleaning rules, from the configuration (``[replace]``, ``[boilerplate]``)."""

    replace: Mapping[str, str] = field(default_factory=dict)
    """Site substitution table: exact substring -> replacement, applied before any other repair
    (so an injected token such as ``51勛圖`` is not mistaken for mojibake)."""

    drop: tuple[str, ...] = ()
    """Extra boilerplate regular expressions: a block is dropped when one is found in it
    (``re.search``, case-insensitive)."""

    def __post_init__(self) -> None:
        for key in self.replace:
            if not key:
                raise ConfigError("[replace] has an empty key; remove it from the configuration")
        _compile_drop(tuple(self.drop))  # an invalid pattern fails here, not mid-build


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
