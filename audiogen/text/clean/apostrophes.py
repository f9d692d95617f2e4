"""Possessives whose apostrophe a site dropped: "the General Assemblys adoption" is "the General
Assembly's adoption", and a voice reading the damaged word says it wrong.

Only where the evidence is strong, judged on the whole article, so that a word that is right is
never touched. A word ``Stems`` followed by a word that can be a noun becomes ``Stem's`` when:

* ``Stem`` is a name the article uses as a noun: capitalized, after "the" ("the General
  Assembly met", "the Office said"); a common noun ("robotic landers next year") is left alone;
* ``Stems`` is never used as a plural in the article: at the end of a clause, or before a verb,
  a preposition or another word that cannot follow a possessive ("the Offices were closed");
* and either ``Stems`` is no English word ("Assemblys", "Secretary-Generals"), or it is one only as
  a plural that does not fit: it too is used as a name after "the" ("the Offices mandate").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .rules import Change

# Words that cannot come right after a possessive: "the Offices are", "the Generals of".
_NOT_AFTER_POSSESSIVE = frozenset(
    """a an the and or but nor so yet of in on at to for from by with as into onto over under
    after before about than then when while where whereas because if though although since until
    is are was were be been being has have had do does did will would can could shall should may
    might must not no that which who whom whose this these those it its they them their he him his
    she her we us our you your i me my also said says say told tell reported agreed warned called
    met meet meets took take takes made make makes gave give gives were per via up down out off
    too very all both each every some any more most such only just even still again""".split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]")
# "Stems" then a space and the next word; not already possessive ("Stem's", "Stems'").
_CANDIDATE = re.compile(
    r"(?<![\w'’-])(?P<stem>[A-Za-z][A-Za-z-]*[a-z])s(?![\w'’-])(?=\s+(?P<next>[A-Za-z][\w-]*))"
)
# A use of "Stems" that shows it is a real plural: at a clause's end, or before such a word.
_PLURAL_USE = r"(?<![\w'’-]){word}(?:\s*(?:[.,;:!?)\]]|$)|\s+(?P<next>[A-Za-z]+))"


def is_english_word(word: str) -> bool:
    """``word`` is in pyspellchecker's English word list."""
    from audiogen.text.words import is_word

    return is_word(word, "en")


def _used_as_plural(word: str, text: str) -> bool:
    for m in re.finditer(_PLURAL_USE.format(word=re.escape(word)), text, re.MULTILINE):
        following = m.group("next")
        if following is None or following.lower() in _NOT_AFTER_POSSESSIVE:
            return True
    return False


def _a_named_noun(stem: str, text: str) -> bool:
    """``stem`` is capitalized and used as a noun after "the": "the Office said"."""
    if not stem[0].isupper():
        return False
    return (
        re.search(rf"\b[Tt]he\s+(?:[A-Z][\w-]*\s+)*{re.escape(stem)}(?![\w'’-])", text) is not None
    )


def restore_possessives(
    texts: Iterable[tuple[int, str]], is_word: Callable[[str], bool] | None = None
) -> tuple[dict[int, str], list[Change]]:
    """Restore dropped possessive apostrophes in an article's texts (``(block number, text)``,
    the title first): the texts that changed by block number, and one change per repair.
    ``is_word`` answers whether a word is common English (default :func:`is_english_word`; a
    rebuild passes one that remembers its answers, so an edit need not load the word list)."""
    is_word = is_word or is_english_word
    texts = list(texts)
    whole = "\n".join(text for _, text in texts)
    words = set(_WORD.findall(whole))
    apostrophe = "’" if whole.count("’") > whole.count("'") else "'"
    decided: dict[str, bool] = {}

    def possessive(stem: str, following: str) -> bool:
        word = stem + "s"
        if following.lower() in _NOT_AFTER_POSSESSIVE or stem not in words:
            return False
        if word not in decided:
            decided[word] = (
                _a_named_noun(stem, whole)
                and not _used_as_plural(word, whole)
                and (not is_word(word) or _a_named_noun(word, whole))
            )
        return decided[word]

    changed: dict[int, str] = {}
    changes: list[Change] = []
    for index, text in texts:
        repairs: list[Change] = []

        def fix(m: re.Match[str], index: int = index, repairs: list[Change] = repairs) -> str:
            stem = m.group("stem")
            if not possessive(stem, m.group("next")):
                return m.group(0)
            after = f"{stem}{apostrophe}s"
            repairs.append(Change("lost-apostrophe", "repaired", stem + "s", after, index))
            return after

        fixed = _CANDIDATE.sub(fix, text)
        if repairs:
            changed[index] = fixed
            changes.extend(repairs)
    return changed, changes


__all__ = ["is_english_word", "restore_possessives"]
