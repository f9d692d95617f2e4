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
