"""Placeholders: text that later passes must not touch (a spoken web address, a lexicon entry)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from audiogen.text.lexicon import is_phonemes, lexicon_sub

# Plane 15 private use: never in news text, and not a word character, so the placeholders
# behave like punctuation for the word boundaries of the later passes.
_PLACEHOLDER_BASE = 0xF0000
_PLACEHOLDER_RE = re.compile("[\U000f0000-\U000ffffd]")


class _Vault:
    """Holds verbatim replacements behind placeholder characters until ``restore``."""

    def __init__(self) -> None:
        self._items: list[str] = []

    def protect(self, text: str) -> str:
        self._items.append(text)
        return chr(_PLACEHOLDER_BASE + len(self._items) - 1)

    def restore(self, text: str) -> str:
        if not self._items:
            return text
        return _PLACEHOLDER_RE.sub(lambda m: self._items[ord(m.group()) - _PLACEHOLDER_BASE], text)


def _apply_lexicon(text: str, lexicon: Mapping[str, str], vault: _Vault) -> str:
    # A phoneme entry keeps its word as written (no later rule may spell or change it), so the
    # script shows the word and apply_phonemes() finds it again when the sentence is spoken.
    return lexicon_sub(
        text, lexicon, lambda word, value: vault.protect(word if is_phonemes(value) else value)
    )


Note = Callable[[str, str, str], None]
"""Told ``(pass name, text before, text after)`` of each pass that changed something."""


def run_passes(
    text: str,
    passes: Sequence[tuple[str, Callable[[str], str]]],
    vault: _Vault,
    note: Note | None = None,
) -> str:
    """``text`` through each named pass in order, ``note`` told what each one changed (with the
    vault's placeholders put back, as the words will read)."""
    for name, apply in passes:
        out = apply(text)
        if note is not None and out != text:
            note(name, vault.restore(text), vault.restore(out))
        text = out
    return text
