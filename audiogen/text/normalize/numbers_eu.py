"""Figures in French, Spanish, German and Italian: how a number is written there and its words.

A number is written with a decimal comma and thousands grouped by a full stop or a space
("1.250.000", "1 250 000", "12,5"), or by an apostrophe in Switzerland ("1'250'000"). The words
come from num2words (``lang=``), with a regional code where it has one. Shared by the passes of
``european``, ``money_eu``, ``fractions_eu``, ``units_eu`` and ``titles_eu``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import spoken
from .words import num2words

# A number as written: thousands grouped by "." or a space (or, in Switzerland, an apostrophe:
# "1'500"), then an optional decimal comma.
_NUM = r"(?:\d{1,3}(?:[. ]\d{3})+|\d{1,3}(?:['’]\d{3})+|\d+)(?:,\d+)?"
_ALONE = r"(?<![\w.,])"  # not the tail of a longer figure or a word
_END = r"(?![\w]|[.,]\d)"


def _base(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def _converter(lang: str) -> str:
    """num2words' code: a regional one where it has one ("fr_CH" says septante)."""
    from .languages import _num2words_lang

    return _num2words_lang(lang) or _base(lang)


@lru_cache(maxsize=4096)
def _cardinal(n: int, code: str) -> str:
    return num2words(n, lang=code).replace(",", "")


def _whole(text: str) -> int:
    return int(re.sub(r"[. '’]", "", text))


def _say_number(text: str, lang: str) -> str:
    """'1.250,5' -> 'mille deux cent cinquante virgule cinq' (in ``lang``)."""
    code, base = _converter(lang), _base(lang)
    whole, _, frac = text.partition(",")
    words = _cardinal(_whole(whole), code)
    if not frac:
        return words
    # German reads decimals digit by digit; the others read a short decimal as a number
    # ("douze virgule vingt-cinq") unless it starts with a zero ("zéro virgule zéro cinq").
    if base == "de" or frac.startswith("0") or len(frac) > 3:
        tail = " ".join(_cardinal(int(d), code) for d in frac)
    else:
        tail = _cardinal(int(frac), code)
    return f"{words} {spoken.NUMBER_WORDS[base]['comma']} {tail}"


def _before_noun(words: str, base: str, feminine: bool) -> str:
    """'uno' before a noun is 'un' ('una' for a feminine one); German 'eins' is 'ein'; Spanish
    hundreds agree with a feminine noun ('doscientas toneladas', but 'doscientos millones').
    A decimal's last figure agrees with nothing: 'null Komma eins Prozent', 'eins Komma eins
    Millionen'."""
    if spoken.NUMBER_WORDS[base]["comma"] in words.split():
        return words
    if base == "de":
        return re.sub(r"eins$", "eine" if feminine else "ein", words)
    if base == "fr":
        return re.sub(r"\bun$", "une", words) if feminine else words
    if base == "es":
        if feminine:
            head, million, tail = words.rpartition(" mill")
            words = head + million + re.sub(r"ientos\b", "ientas", tail)
        # "veintiún euros", but "un euro" and "treinta y un dólares" (no accent alone).
        words = re.sub(r"uno$", "una" if feminine else "ún", words)
        return re.sub(r"\bún$", "un", words)
    if base == "it":
        return re.sub(r"\buno$", "una" if feminine else "un", words)
    return words
