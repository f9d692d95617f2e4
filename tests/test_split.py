"""Sentence splitting and chunking within an engine's limit."""

from __future__ import annotations

import pytest

from audiogen.text.split import chunks, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Voronkov spoke. He left.", ["Mr. Voronkov spoke.", "He left."]),
        (
            "It rose 4.8 per cent in May. Then it fell.",
            ["It rose 4.8 per cent in May.", "Then it fell."],
        ),
        ("J. R. R. Tolkien wrote it. Fans agree.", ["J. R. R. Tolkien wrote it.", "Fans agree."]),
        ('"Go now," he said. "Why?" she asked.', ['"Go now," he said.', '"Why?" she asked.']),
        ("One sentence without a stop", ["One sentence without a stop"]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


LONG = (
    "Participants shared insights on using digital tools and other technologies for prevention, "
    "and highlighted the imperative of upholding human rights and promoting age and gender "
    "sensitive responses to counter-terrorism in the age of transformative technologies."
)


@pytest.mark.parametrize("limit", [40, 60, 100, 150])
def test_chunks_respect_limit_and_words(limit: int) -> None:
    pieces = chunks(LONG, limit)
    assert all(len(p) <= limit for p in pieces)
    assert " ".join(pieces).split() == LONG.split()  # nothing lost, no word cut


def test_chunks_prefer_clause_boundary() -> None:
    pieces = chunks(LONG, 100)
    assert pieces[0].endswith("prevention,")


def test_word_longer_than_limit_is_kept_whole() -> None:
    word = "Supercalifragilisticexpialidocious"
    assert chunks(f"{word} is long", 10) == [word, "is long"]


def test_no_limit() -> None:
    assert chunks(LONG, None) == [LONG]
    assert chunks("   ", 100) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A title before a name does not end a sentence, nor does an abbreviation before a
        # lowercase word or a comma.
        ("fr", "MM. Dupont et Martin. Ils partent.", ["MM. Dupont et Martin.", "Ils partent."]),
        ("es", "El Sr. García y la Dra. Gómez.", ["El Sr. García y la Dra. Gómez."]),
        ("es", "Cuesta 3 mill. de euros. Ya.", ["Cuesta 3 mill. de euros.", "Ya."]),
        ("de", "Hr. Müller und Fr. Schmidt kamen.", ["Hr. Müller und Fr. Schmidt kamen."]),
        ("de", "Es kostet €1,5 Mrd., sagt er.", ["Es kostet €1,5 Mrd., sagt er."]),
        ("it", "Con l'On. Blu. Poi via.", ["Con l'On. Blu.", "Poi via."]),
        ("de", "Es kostet Fr. 20.– pro Person.", ["Es kostet Fr. 20.– pro Person."]),
        # A weekday's abbreviation before its date.
        ("de", "Am Fr. 3. Mai kommt er.", ["Am Fr. 3. Mai kommt er."]),
        ("fr", "Le ven. 3 mai. Il part.", ["Le ven. 3 mai.", "Il part."]),
        # A sentence that ends with an abbreviated title is still a sentence.
        ("fr", "Il parle à M. Il part.", ["Il parle à M. Il part."]),
    ],
)
def test_titles_and_abbreviations_do_not_end_a_sentence(
    lang: str, text: str, expected: list[str]
) -> None:
    assert sentences(text, lang) == expected
