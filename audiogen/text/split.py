"""Sentences and chunks: split written text into sentences (pysbd), then cut a spoken sentence into
chunks that fit an engine's limit without ever cutting a word, preferring clause boundaries."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# pysbd's supported languages (ISO 639-1); others fall back to English rules.
_PYSBD_LANGS = frozenset(
    "en hi mr zh es am ar el ru fa it pl ja de da fr ur my nl bg hy kk sk".split()
)


@lru_cache(maxsize=16)
def _segmenter(lang: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


def sentences(text: str, lang: str = "en") -> list[str]:
    """The sentences of one paragraph of written text (abbreviations, initials, decimals and
    quotes handled by pysbd), stripped, empty ones dropped."""
    code = lang.split("-")[0].lower()
    seg = _segmenter(code if code in _PYSBD_LANGS else "en")
    found = [s.strip() for s in seg.segment(text) if s.strip()]
    if code in _REJOINED and len(found) > 1:
        return _rejoin(text, found, code)
    return found


# Languages whose titles and abbreviations pysbd takes for a sentence's end ("MM. Dupont",
# "la Sra. López", "Hr. Müller", "l'On. Blu", "3 mill. de euros", "1,5 Mrd., sagt er",
# "Fr. 20.–", "Am Fr. 3. Mai", "ven. 3 mai").
_REJOINED = frozenset({"fr", "es", "de", "it"})
# A sentence never starts with a lowercase word or with these.
_CONTINUES = ",;:%‰€$£)]"


def _rejoin(text: str, found: list[str], lang: str) -> list[str]:
    """``found`` with each piece that only continues the one before put back onto it, as
    written in ``text``: after a title before a name, francs before their amount or a weekday
    before its date, or before a lowercase word or a comma."""
    from audiogen.text.normalize.money_eu import FRANC_ABBREVIATIONS
    from audiogen.text.normalize.titles_eu import TITLES, names_follow
    from audiogen.text.normalize.weekdays_eu import weekday

    titles = TITLES[lang]
    spans: list[list[int]] = []
    at = 0
    for piece in found:
        start = text.find(piece, at)
        if start < 0:  # pysbd changed the text: keep its pieces as they are
            return found
        at = start + len(piece)
        if spans:
            last = text[spans[-1][0] : spans[-1][1]]
            words = last.split()
            title = re.split(r"[(«\"'’]", words[-1])[-1] if words else ""  # "l'On." is "On."
            if (
                (title in titles and names_follow(" " + piece, lang))
                or (last.endswith(".") and (piece[0].islower() or piece[0] in _CONTINUES))
                # "Fr. 20.–", "Am Fr. 3. Mai", "ven. 3 mai"
                or (piece[0].isdigit() and (title in FRANC_ABBREVIATIONS or weekday(title, lang)))
            ):
                spans[-1][1] = at
                continue
        spans.append([start, at])
    return [text[a:b].strip() for a, b in spans]


# Where a chunk may end, best first: after a clause mark, then before a conjunction, then a space.
_CLAUSE = re.compile(r"[,;:\u2014\u2013)](?=\s)|\s[-\u2013\u2014]\s")
_CONJ = re.compile(r"\s(?=(?:and|but|or|which|who|that|while|because|as|with)\s)", re.I)


def chunks(text: str, max_chars: int | None) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_chars`` characters.

    Never cuts inside a word (one word longer than the limit becomes a chunk of its own); within
    the limit, prefers the last clause boundary, then the last conjunction, then the last space.
    ``None`` means no limit.
    """
    text = text.strip()
    if max_chars is None or len(text) <= max_chars:
        return [text] if text else []
    out: list[str] = []
    rest = text
    while len(rest) > max_chars:
        window = rest[: max_chars + 1]
        cut = -1
        for pattern in (_CLAUSE, _CONJ):
            ends = [m.end() for m in pattern.finditer(window) if m.end() <= max_chars]
            # A clause boundary in the first third would leave tiny chunks; go on to the next kind.
            ends = [e for e in ends if e >= max_chars // 3]
            if ends:
                cut = ends[-1]
                break
        if cut < 0:
            cut = window.rfind(" ")
        if cut <= 0:  # one long word: keep it whole
            space = rest.find(" ")
            cut = space if space > 0 else len(rest)
        piece, rest = rest[:cut].strip(), rest[cut:].strip()
        if piece:
            out.append(piece)
    if rest:
        out.append(rest)
    return out
