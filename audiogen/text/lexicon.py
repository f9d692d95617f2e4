"""Pronunciation lexicons, and the words of an article a voice will likely get wrong.

A lexicon is a TOML file of ``word = "respelling"`` pairs; a respelling in double square brackets
(``"[[ ɡuˈtɛʁɪʃ ]]"``) is phonemes, passed to Piper as they are. The user's lexicon
(``lexicon.toml`` in the user config folder) applies everywhere; a site's ``lexicon.toml`` next to
its articles overrides it, and ``[lexicon]`` in ``audiogen.toml`` overrides both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from audiogen.errors import ConfigError

LEXICON_NAME = "lexicon.toml"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def user_lexicon_path() -> Path:
    """Where the user's own lexicon lives (``~/.config/audiogen/lexicon.toml`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("audiogen")) / LEXICON_NAME


def load_lexicon_file(path: Path) -> dict[str, str]:
    """The pairs of one lexicon file; an invalid file is a :class:`ConfigError` naming it."""
    # Imported here: the configuration module brings the audio stage's imports with it.
    from audiogen.config import load_toml

    data = load_toml(path, fix="fix the lexicon")
    bad = [k for k, v in data.items() if not isinstance(v, str) or not v.strip()]
    if bad:
        raise ConfigError(
            f'{path}: {", ".join(bad)}: each entry must be word = "respelling" (or "[[phonemes]]")'
        )
    return {str(k): str(v) for k, v in data.items()}


def lexicon_for(folder: Path) -> dict[str, str]:
    """The user's lexicon updated with the site lexicon in ``folder`` (either may be missing)."""
    merged: dict[str, str] = {}
    for path in (user_lexicon_path(), folder / LEXICON_NAME):
        if path.is_file():
            merged.update(load_lexicon_file(path))
    return merged


# --- Applying entries ----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _lexicon_matcher(
    items: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    exact = {k: v for k, v in items if k != k.lower()}
    folded = {k: v for k, v in items if k == k.lower()}
    keys = sorted((k for k, _ in items if k), key=len, reverse=True)
    # A lowercase key matches any case; a key with capitals only itself.
    alts = [re.escape(k) if k in exact else f"(?i:{re.escape(k)})" for k in keys]
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])")
    return pattern, exact, folded


def is_phonemes(value: str) -> bool:
    """Whether a lexicon value is Piper phonemes (``"[[ ... ]]"``) rather than a respelling."""
    return value.strip().startswith("[[")


def lexicon_sub(text: str, lexicon: Mapping[str, str], replace: Callable[[str, str], str]) -> str:
    """``text`` with each whole word ``lexicon`` matches replaced by ``replace(word, value)``."""
    items = tuple(sorted((k.strip(), v) for k, v in lexicon.items() if k.strip()))
    if not items:
        return text
    pattern, exact, folded = _lexicon_matcher(items)

    def sub(m: re.Match[str]) -> str:
        word = m.group(0)
        value = exact.get(word)
        if value is None:
            value = folded.get(word.lower(), word)
        return replace(word, value)

    return pattern.sub(sub, text)


def apply_phonemes(text: str, entries: Mapping[str, str] | None) -> str:
    """``text`` with the lexicon's phoneme ``entries`` put in for their words: what Piper is
    given to speak. Whole words only, with the lexicon's case rules (a lowercase key matches
    any case, a key with capitals only that spelling); entries that are not phonemes are
    ignored (respellings are already in the script).

    >>> apply_phonemes("Mister Guterres spoke.", {"Guterres": "[[ ɡuːtˈɛɹɛʃ ]]"})
    'Mister [[ ɡuːtˈɛɹɛʃ ]] spoke.'
    """
    phonemes = {k: v for k, v in (entries or {}).items() if is_phonemes(v)}
    if not phonemes:
        return text
    return lexicon_sub(text, phonemes, lambda _word, value: value)


def phonemes_used(text: str, entries: Mapping[str, str] | None) -> dict[str, str]:
    """The phoneme ``entries`` that :func:`apply_phonemes` would apply to ``text``."""
    phonemes = {k: v for k, v in (entries or {}).items() if is_phonemes(v)}
    used: dict[str, str] = {}
    if phonemes:

        def note(word: str, value: str) -> str:
            key = word if word in phonemes else word.lower()
            used[key] = value
            return value

        lexicon_sub(text, phonemes, note)
    return dict(sorted(used.items()))


# --- Words the voice will likely get wrong -------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A word the voice will likely say wrong."""

    word: str
    """The word as it reaches the voice."""

    reason: str
    """Why it is suspect."""

    count: int
    """How often it occurs in the script."""

    example: str
    """The first sentence it occurs in."""

    sounds: str = ""
    """How the voice that will speak it says it, in its engine's phonemes (espeak-ng's IPA for
    Piper, misaki's alphabet for hibari); empty when the engine cannot tell."""


def _known_words(lang: str) -> frozenset[str] | None:
    """The words of the language's frequency dictionary, or ``None`` when none ships for it."""
    from audiogen.text.words import words

    return words(lang.split("-")[0].lower())


# British spellings the frequency dictionary (American) lacks, as (pattern, American) pairs:
# "harbour", "centre", "organise", "defence" are ordinary words, not names.
_SPELLING_VARIANTS = (
    (re.compile(r"our(?=s?$|ed$|ing$|hood|ite|able)"), "or"),
    (re.compile(r"(?<=[^aeiou])re(?=s?$|d$)"), "er"),
    (re.compile(r"is(?=e[sd]?$|ing$|ation)"), "iz"),
    (re.compile(r"ys(?=e[sd]?$|ing$)"), "yz"),
    (re.compile(r"ence(?=s?$)"), "ense"),
    (re.compile(r"ogue(?=s?$)"), "og"),
    (re.compile(r"ll(?=ed$|ing$|er$)"), "l"),
    (re.compile(r"mme(?=s?$)"), "m"),
)


def _is_known(known: frozenset[str], word: str) -> bool:
    """Whether the dictionary knows ``word`` (lower case) in its own or in American spelling."""
    word = word.replace("’", "'")
    if word in known:
        return True
    variant = word
    for pattern, american in _SPELLING_VARIANTS:
        variant = pattern.sub(american, variant)
    return variant != word and variant in known


def check(
    sentences: list[tuple[str, str]],
    lang: str,
    lexicon: Mapping[str, str] | None = None,
    sounds: Callable[[str], str | None] | None = None,
) -> list[Finding]:
    """Words of a script the voice will likely get wrong, in order of first appearance.

    ``sentences`` are ``(spoken, written)`` pairs. A word is suspect when the language's frequency
    dictionary does not know it (names, rare loanwords: the phonemizer guesses them from spelling
    rules), or when it was written in capitals and is read as a word (an acronym the normalizer
    took for a word). Words from lexicon respellings are left out: they are already decided.
    ``sounds`` tells how the voice that will speak says a word (its engine's
    :meth:`~audiogen.speech.engines.base.Engine.phonemize`).
    """
    known = _known_words(lang)
    settled = {w.lower() for value in (lexicon or {}).values() for w in _WORD.findall(value)}
    settled |= {k.lower() for k in (lexicon or {})}
    capitals = {
        w.lower() for _, written in sentences for w in re.findall(r"\b[A-Z]{2,}\b", written)
    }
    found: dict[str, list[Any]] = {}
    for spoken, _written in sentences:
        for word in _WORD.findall(spoken):
            key = word.lower()
            if len(word) < 2 or key in settled:
                continue
            if key in found:
                found[key][2] += 1
                continue
            if key in capitals:
                reason = "acronym read as a word"
            elif known is not None and not _is_known(known, key):
                reason = "not in the dictionary (a name?)"
            else:
                continue
            found[key] = [word, reason, 1, spoken]
    said = sounds or (lambda word: None)
    findings = [Finding(w, r, n, ex, said(w) or "") for w, r, n, ex in found.values()]
    return findings + _entries_applied(sentences, lang, lexicon or {}, sounds)


def _entries_applied(
    sentences: list[tuple[str, str]],
    lang: str,
    lexicon: Mapping[str, str],
    sounds: Callable[[str], str | None] | None,
) -> list[Finding]:
    """The lexicon entries that apply to the script's written sentences, each with how the voice
    will now say its word: a respelling's own reading, or the phonemes as given."""
    used: dict[str, list[Any]] = {}

    def note(word: str, value: str) -> str:
        if word in used:
            used[word][1] += 1
        else:
            used[word] = [value, 1, written]
        return word

    for _spoken, written in sentences:
        lexicon_sub(written, lexicon, note)
    return [
        Finding(
            word,
            f'lexicon entry: {word} = "{value}"',
            n,
            example,
            say(word, lang, lexicon, sounds)[1],
        )
        for word, (value, n, example) in used.items()
    ]


def entry_for(word: str, lexicon: Mapping[str, str] | None) -> tuple[str, str] | None:
    """The ``(key, value)`` of the lexicon entry that applies to ``word``, by the lexicon's case
    rules, or ``None``."""
    found: list[tuple[str, str]] = []

    def note(matched: str, value: str) -> str:
        found.append((matched if matched in (lexicon or {}) else matched.lower(), value))
        return matched

    lexicon_sub(word.strip(), lexicon or {}, note)
    return found[0] if found else None


def say(
    word: str,
    lang: str,
    lexicon: Mapping[str, str] | None = None,
    sounds: Callable[[str], str | None] | None = None,
) -> tuple[str, str]:
    """How the voice will say ``word`` with ``lexicon``: the text it is given (the respelling, or
    the word normalized for speech) and its reading (phoneme entries as written, else what
    ``sounds``, the speaking engine's phonemizer, makes of the text)."""
    from audiogen.text.normalize import normalize

    entries = dict(lexicon or {})
    phonemes = {k: v for k, v in entries.items() if is_phonemes(v)}
    spellings = {k: v for k, v in entries.items() if k not in phonemes}
    text = normalize(word, lang, spellings).strip() or word
    given = apply_phonemes(text, phonemes)
    if given != text:
        return given, " ".join(re.findall(r"\[\[\s*(.*?)\s*\]\]", given))
    return text, (sounds(text) if sounds else None) or ""
