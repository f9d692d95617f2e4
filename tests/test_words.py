"""The word lists read straight from pyspellchecker's files answer as its SpellChecker does."""

from __future__ import annotations

import pytest
from spellchecker import SpellChecker

from audiogen.text import words

SAMPLES = {
    "en": "Assemblys offices Office a's the Guterres counter-terrorism 1990 3.5 nan x\"y colour"
    " color Generals zzzqx".split()
    + [""],
    "fr": "élève Élève eleve mairie arrondissement week-end Lyon 42".split(),
    "de": "Stadtrat straße Haushalt zweiundfünfzig xqzv".split(),
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_answers_as_spellchecker_does(lang: str) -> None:
    checker = SpellChecker(language=lang)
    listed = words.words(lang)
    assert listed is not None
    for word in SAMPLES[lang]:
        expected = bool(checker.known([word]))
        assert words.is_word(word, lang) is expected, word
        assert (word.lower() in listed) is expected, word


def test_the_lists_are_whole() -> None:
    """Not a few words found by luck: the list is the checker's, word for word."""
    checker = SpellChecker(language="en")
    listed = words.words("en")
    assert listed is not None
    assert listed == {w for w in checker.word_frequency.dictionary if checker.known([w])}


def test_a_language_with_no_list() -> None:
    assert words.words("xx") is None
    assert words.is_word("hello", "xx") is False
