"""Scoring what was heard: each heard word placed in the sentence whose span in the manifest holds
it, and every sentence's word error rate against the script. Both sides pass a normalizer
(whisper-normalizer's ``EnglishTextNormalizer`` for English, so "1,000" and "one thousand"
agree), spelled-out letters are joined ("U N O C T" = "UNOCT") and compounds written as one word
or two agree ("counterterrorism" = "counter-terrorism"). Other languages are first said in words
by the script's own normalizer, on both sides: the recognizer writes "3,5 %", "18 h 30", "1er"
or "28. März" for what the voice said as "trois virgule cinq pour cent", "dix-huit heures
trente", "premier" and "achtundzwanzigsten März". French words that sound alike count as one
("milliards" and "milliard", "prévu" and "prévue", "a" and "à"): the ear cannot tell them apart."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from audiogen.qa.recognizer import Word
from audiogen.types import TimedSentence

_normalizers: dict[str, Callable[[str], str]] = {}


def _normalizer(lang: str) -> Callable[[str], str]:
    base = lang.split("-")[0].lower()
    if base not in _normalizers:
        if base == "en":
            from whisper_normalizer.english import EnglishTextNormalizer

            _normalizers[base] = EnglishTextNormalizer()
        else:
            from whisper_normalizer.basic import BasicTextNormalizer

            _normalizers[base] = BasicTextNormalizer()
    return _normalizers[base]


def words_of(text: str, lang: str = "en") -> list[str]:
    """``text`` as the words compared: normalized, and spelled-out letters joined into one word
    ("U N O C T" and "UNOCT" both give ``unoct``)."""
    # Lexicon phonemes ([[ ... ]]) are for the voice; no recognizer writes them.
    text = re.sub(r"\[\[.*?\]\]", " ", text)
    # "General's" and "Generals" are one word to a listener (the script may have lost the mark,
    # and the normalizer would read "'s" as "is").
    text = re.sub(r"(?<=\w)['\u2019](?=\w)", "", _spoken(text, lang))
    tokens = _spell_numbers(_normalizer(lang)(text).split(), lang)
    if lang.replace("_", "-").split("-")[0].lower() == "fr":
        tokens = [_french_sound(t) for t in tokens]
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        # The number normalizer reads a lone "O" as zero; inside spelled letters it is the letter.
        letter = "o" if tok == "0" and run else tok
        if len(letter) == 1 and letter.isalpha() or (run and letter == "o"):
            run.append(letter)
            continue
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if tok:
            out.append(tok)
    return out


@lru_cache(maxsize=4096)
def _spoken(text: str, lang: str) -> str:
    """Other languages than English: ``text`` with its figures in words, as the script says them
    (English's normalizer reads figures its own way). German "ß" is "ss" (Swiss spelling)."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if base == "en":
        return text
    from audiogen.text.normalize import normalize

    text = normalize(text, lang) if any(c.isdigit() for c in text) else text
    return text.replace("ß", "ss") if base == "de" else text


# French words spelled apart that sound the same: the recognizer picks one by grammar, not by ear.
_FRENCH_SAME_SOUND = {"à": "a", "où": "ou", "là": "la", "dû": "du", "se": "ce", "ses": "ces",
                      "sest": "cest"}  # fmt: skip


def _french_sound(word: str) -> str:
    """A French word as it is heard: the grammatical homophones of :data:`_FRENCH_SAME_SOUND` as
    one, and a silent plural "-s"/"-x" and a feminine "-e" after a vowel dropped, so "milliards"
    is "milliard", "prévue" is "prévu" and "attendues" is "attendu". Which of them was written
    is the recognizer's guess at the grammar: the voice said them alike. Short words keep their
    end ("les" and "le", "des" and "de" are told apart by ear)."""
    if word in _FRENCH_SAME_SOUND:
        return _FRENCH_SAME_SOUND[word]
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if len(word) > 2 and word[-1] == "e" and word[-2] in "éiuy" and word[-3:-1] not in ("qu", "gu"):
        word = word[:-1]
    return word


def _spell_numbers(tokens: list[str], lang: str) -> list[str]:
    """Other languages than English: numbers left after :func:`_spoken` (a language without
    spoken-form rules) in words, as num2words says them in ``lang`` (the recognizer writes "400"
    for "quatre cents")."""
    base = lang.split("-")[0].lower()
    if base == "en" or not any(t.isdigit() for t in tokens):
        return tokens
    from num2words import num2words

    out: list[str] = []
    for tok in tokens:
        if tok.isdigit() and len(tok) < 16:
            try:
                spoken = num2words(int(tok), lang=base)
            except NotImplementedError:  # a language num2words does not know
                out.append(tok)
                continue
            out.extend(_normalizer(lang)(spoken).split())
        else:
            out.append(tok)
    return out


def _merge_compounds(a: list[str], b: list[str]) -> list[str]:
    """``a`` with each pair of neighbours joined when ``b`` has them as one word."""
    joined = set(b)
    out: list[str] = []
    i = 0
    while i < len(a):
        if i + 1 < len(a) and a[i] + a[i + 1] in joined and a[i] not in joined:
            out.append(a[i] + a[i + 1])
            i += 2
        else:
            out.append(a[i])
            i += 1
    return out


def edit_distance(ref: Sequence[str], hyp: Sequence[str]) -> int:
    """Word-level Levenshtein distance: substitutions, deletions and insertions."""
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i]
        for j, h in enumerate(hyp, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h)))
        prev = cur
    return prev[-1]


def word_errors(expected: Sequence[str], heard: str, lang: str = "en") -> tuple[int, int]:
    """``(errors, words)`` of ``heard`` against the closest of the ``expected`` forms (the spoken
    and the written sentence: a recognizer may write either "twenty twenty-one" or "2021")."""
    hyp = words_of(heard, lang)
    best: tuple[int, int] | None = None
    for form in expected:
        ref = words_of(form, lang)
        if not ref:
            continue
        r, h = _merge_compounds(ref, hyp), _merge_compounds(hyp, ref)
        errors = edit_distance(r, h)
        if best is None or errors / len(r) < best[0] / best[1]:
            best = (errors, len(r))
    return best if best is not None else (len(hyp), 0)


def _assign(words: Sequence[Word], sentences: Sequence[TimedSentence]) -> list[list[Word]]:
    """Each heard word into the sentence whose span holds its middle, else the nearest one."""
    groups: list[list[Word]] = [[] for _ in sentences]
    for w in words:
        best = min(
            range(len(sentences)),
            key=lambda i: max(sentences[i].start_ms - w.mid_ms, w.mid_ms - sentences[i].end_ms, 0),
        )
        groups[best].append(w)
    return groups


_SLACK_MS = 1000
"""Word times can be off by a few hundred milliseconds at a sentence's edge: words this close to a
boundary may move across it when that matches the script better."""


def _refine(
    groups: list[list[Word]],
    forms: Sequence[Sequence[str]],
    sentences: Sequence[TimedSentence],
    lang: str,
) -> None:
    """Move words across each boundary to where they fit the script best."""
    for i in range(len(groups) - 1):
        both = groups[i] + groups[i + 1]
        if not both:
            continue
        edge_a, edge_b = sentences[i].end_ms, sentences[i + 1].start_ms
        here = len(groups[i])
        candidates = [
            k
            for k in range(len(both) + 1)
            if all(w.mid_ms >= edge_a - _SLACK_MS for w in both[k:here])
            and all(w.mid_ms <= edge_b + _SLACK_MS for w in both[here:k])
        ]

        k = min(candidates, key=lambda k: _split_cost(both, k, here, forms[i : i + 2], lang))
        groups[i], groups[i + 1] = both[:k], both[k:]


def _split_cost(
    both: Sequence[Word], k: int, here: int, forms: Sequence[Sequence[str]], lang: str
) -> tuple[int, int]:
    a = word_errors(forms[0], _text(both[:k]), lang)[0]
    b = word_errors(forms[1], _text(both[k:]), lang)[0]
    return a + b, abs(k - here)  # ties: keep the times' answer


def _text(words: Sequence[Word]) -> str:
    return "".join(w.text for w in words).strip()


@dataclass(frozen=True)
class SentenceScore:
    """How one sentence was heard."""

    index: int
    """Position in the manifest's ``sentences``."""

    expected: str
    """The script: what should have been said."""

    heard: str
    """What the recognizer heard in the sentence's span."""

    errors: int
    """Word errors (substitutions, deletions, insertions) after normalization."""

    words: int
    """Words in the normalized script."""

    start_ms: int
    """Where the sentence starts in the MP3."""

    @property
    def wer(self) -> float:
        """Word error rate."""
        return self.errors / self.words if self.words else float(self.errors > 0)


def score(
    words: Sequence[Word], sentences: Sequence[TimedSentence], lang: str
) -> list[SentenceScore]:
    """Align the heard ``words`` to the manifest's ``sentences`` by time and score each one."""
    groups = _assign(words, sentences)
    forms = [tuple(f for f in (s.text, s.written) if f) for s in sentences]
    _refine(groups, forms, sentences, lang)
    out: list[SentenceScore] = []
    for i, (s, group) in enumerate(zip(sentences, groups, strict=True)):
        heard = _text(group)
        errors, n = word_errors(forms[i], heard, lang)
        out.append(SentenceScore(i, s.text, heard, errors, n, s.start_ms))
    return out


def heard_text(words: Sequence[Word]) -> str:
    """The words as one string, as the recognizer wrote them."""
    return _text(words)


__all__ = ["SentenceScore", "edit_distance", "heard_text", "score", "word_errors", "words_of"]
