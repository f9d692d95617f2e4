"""Text repair: the site's substitution table, ftfy, UTF-8 read as Big5, mangled and invisible
spaces (:func:`repair_text`)."""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from .rules import _NO_RULES, Change, CleanRules

if TYPE_CHECKING:
    import ftfy

# The stage's logger, whichever of its modules logs.
logger = logging.getLogger(__package__)

# Characters that stand for U+00A0 after mis-decoding, beyond what ftfy already knows: on pages
# that read UTF-8 as Big5, the no-break space's bytes C2 A0 are not a valid Big5 pair, and the
# decoders seen in the wild emit this ideograph instead (it does not round-trip, so it cannot be
# decoded back like the letters can).
_NBSP_MOJIBAKE = frozenset("泭")

# Han ideographs, kana and bopomofo: what UTF-8 bytes turn into when read as Big5.
_CJK = "\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_WORD = re.compile(f"\\S*[{_CJK}]\\S*")
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
# Basic Latin, Latin-1, Extended-A/B and Extended Additional letters (not × and ÷).
_LATIN_LETTERS = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")

# Invisible characters that only break words for a voice: zero-width space, word joiner, BOM
# (removed before ftfy, which would report the BOM as a repair) and the soft hyphen (removed after
# it: "Â\xad" is the mojibake of a soft hyphen, which ftfy needs whole). ZWJ/ZWNJ are kept: they
# carry meaning in some scripts and in emoji.
_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff]")
_SOFT_HYPHEN = "\u00ad"
_SPACES = re.compile(r"\s+")  # \s covers U+00A0, U+202F, U+3000 and the other Unicode spaces


@lru_cache(maxsize=1)
def _ftfy_config() -> ftfy.TextFixerConfig:
    """ftfy's settings. Its defaults would also turn full-width CJK punctuation into ASCII and
    straighten quotes, which damages real Chinese text and loses typography that the normalize
    stage may want. ftfy is imported here, when first needed: it takes a tenth of a second."""
    import ftfy

    return ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)


# Printable ASCII, tab and newline: text made only of these, with no "&" (an HTML entity),
# is left as it is by every ftfy fix we use (they act on other characters); a test checks it.
_ASCII_FTFY_KEEPS = re.compile(r"[\t\n\x20-\x25\x27-\x7e]*")


def _fix_text(text: str) -> str:
    """``ftfy.fix_text`` with our settings, without importing ftfy for text it would keep."""
    if _ASCII_FTFY_KEEPS.fullmatch(text):
        return text
    import ftfy

    return ftfy.fix_text(text, _ftfy_config())


def repair_text(
    text: str,
    rules: CleanRules = _NO_RULES,
    *,
    line: int | None = None,
    cjk_text: bool | None = None,
) -> tuple[str, list[Change]]:
    """Repair one string: site substitutions, mojibake, no-break and invisible spaces.

    Order matters: the substitution table goes first so a spam token injected by the site is
    replaced rather than "repaired"; then ftfy; then CJK runs that are UTF-8 read as Big5, but only
    in text that is not mostly CJK (real Chinese or Japanese is left alone). A CJK run in Latin text
    that does not decode to Latin letters is replaced by a space (or removed next to punctuation)
    and reported as a ``warning``. Whitespace is collapsed and the result stripped.

    ``line`` is stored in every returned :class:`Change`. ``cjk_text`` says whether the text is CJK
    text (its CJK characters are real); ``None`` decides from ``text`` itself, which
    :func:`clean_article` overrides with ``True`` for a mostly CJK article so that a short block
    such as ``使用iPhone`` is not taken for damaged Latin text. Returns the repaired text and the
    changes.
    """
    changes: list[Change] = []

    for key in sorted(rules.replace, key=len, reverse=True):
        if key in text:
            text = text.replace(key, rules.replace[key])
            changes.append(Change("replace", "repaired", key, rules.replace[key], line))

    text = _ZERO_WIDTH.sub("", text)
    fixed = _fix_text(text)
    if fixed != text:
        changes.extend(_word_changes("mojibake", text, fixed, line))
        text = fixed

    if cjk_text is None:
        cjk_text = _mostly_cjk(text)
    if not cjk_text and _CJK_RUN.search(text):
        text = _CJK_WORD.sub(lambda m: _repair_cjk_word(m.group(), line, changes), text)

    text = _SPACES.sub(" ", text.replace(_SOFT_HYPHEN, "")).strip()
    return text, changes


def _mostly_cjk(text: str) -> bool:
    """True when CJK characters are at least as many as Latin letters: real CJK text."""
    cjk = sum(len(run) for run in _CJK_RUN.findall(text))
    return cjk > 0 and cjk >= len(_LATIN_LETTERS.findall(text))


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


def _big5_to_utf8(run: str) -> str | None:
    """The Latin letters ``run`` was before UTF-8 was read as Big5, or None."""
    for codec in _BIG5_CODECS:
        try:
            decoded = run.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if decoded and all(_is_latin_letter(ch) for ch in decoded):
            return decoded
    return None


# Stands for an unrepairable character until its neighbours are known (ftfy removed real NULs).
_LOST = "\x00"
_LOST_RUN = re.compile("\x00+")


def _repair_cjk_word(word: str, line: int | None, changes: list[Change]) -> str:
    """Repair the CJK runs in one whitespace-delimited word of Latin text; record what was done."""
    rules: list[str] = []
    out: list[str] = []
    pos = 0
    for m in _CJK_RUN.finditer(word):
        out.append(word[pos : m.start()])
        pos = m.end()
        whole = _big5_to_utf8(m.group())
        if whole is not None:
            out.append(whole)
            rules.append("mojibake-big5")
            continue
        # Decode one character at a time: a run can mix letters with a no-break space or with a
        # character whose bytes were lost.
        for ch in m.group():
            letter = _big5_to_utf8(ch)
            if letter is not None:
                out.append(letter)
                rules.append("mojibake-big5")
            elif ch in _NBSP_MOJIBAKE:
                out.append(" ")
                rules.append("nbsp")
            else:
                out.append(_LOST)
                rules.append("unrepaired-cjk")
    out.append(word[pos:])
    fixed = _LOST_RUN.sub(_fill_lost, "".join(out))
    shown = fixed.strip() or "(removed)"
    if "unrepaired-cjk" in rules:
        logger.warning(
            "CJK characters in Latin text could not be repaired and were taken out: %r"
            " (if the site injects this token, map it in [replace])",
            word,
        )
        changes.append(Change("unrepaired-cjk", "warning", word, shown, line))
    else:
        for rule in dict.fromkeys(rules):  # one change a rule, in order
            changes.append(Change(rule, "repaired", word, shown, line))
    return fixed


def _fill_lost(m: re.Match[str]) -> str:
    """A space between two word characters keeps them apart; next to punctuation or an edge it
    would only leave a stray space (``51 ,``), so there the characters are just removed."""
    text, start, end = m.string, m.start(), m.end()
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    return " " if left.isalnum() and right.isalnum() else ""


def _word_changes(rule: str, before: str, after: str, line: int | None) -> list[Change]:
    """One change per differing run of words, so the report shows ``JosÃ© -> José``."""
    a, b = before.split(), after.split()
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    if any(tag in ("insert", "delete") for tag, *_ in ops):
        return [Change(rule, "repaired", before, after, line)]
    return [
        Change(rule, "repaired", " ".join(a[i1:i2]), " ".join(b[j1:j2]), line)
        for tag, i1, i2, j1, j2 in ops
        if tag == "replace"
    ]
