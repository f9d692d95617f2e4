"""Spoken forms: turn written news text into the words a careful newsreader would say.

``normalize()`` takes one sentence or paragraph and returns it as it should be spoken: numbers,
dates, times, money, units, abbreviations, acronyms, web addresses and symbols become words;
punctuation stays so that the voice phrases well. English gets the full treatment; other
languages get only what is safe without knowing the language (see ``normalize``).

The work is a fixed sequence of regular-expression passes, most specific first (a web address
before its dots are read as sentence ends, a date before its day is read as a number, a unit
before a bare number). Every pass writes words without digits, so a later pass cannot read
the same figure twice. Text that must come out verbatim (a lexicon entry, a spoken web address)
is swapped for a private-use placeholder character until the end.

Spelled acronyms come out as capital letters separated by spaces ("U N O C T"), which Piper's
espeak phonemizer reads as letter names, with one exception: espeak reads a lone "A" followed by
another word as the article "uh", so a spelled "A" is joined by a hyphen to whatever follows it,
the next letter or the next word ("A-I", "I A-E A-said", "a-m"), and espeak then says "ay".
Hyphens read as spaces in the canonical form the tests compare, so the words are unchanged.
Plurals keep an apostrophe ("N G O's") because espeak reads "Os" as the letters O S.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .abbreviations import _abbreviations
from .acronyms import _CAPS_RE, _MIXED_CAPS_RE, _caps_reader, _is_shouting, _mixed_caps
from .addresses import _EMAIL_RE, _URL_RE, _hashtags_and_handles, _say_email, _say_url
from .dates import _dates, _times
from .european import LANGUAGES as _EUROPEAN
from .european import _european
from .languages import _other_language, spoken_forms_note
from .numbers import _ROMAN_RE, _numbers, _ordinals_and_decades, _roman, _symbols
from .phones import _phones
from .quantities import _currencies, _measures
from .spoken import COMPARISONS
from .vault import _PLACEHOLDER_RE, Note, _apply_lexicon, _Vault, run_passes

__all__ = ["Conversion", "conversions", "normalize", "spoken_forms_note"]


_PREPARE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("[\u00a0\u2007\u2009\u200a\u202f]"), " "),
    (re.compile("[\u2010\u2011\u2212]"), "-"),
    (_PLACEHOLDER_RE, ""),
    # emoji and pictographs are not read aloud (a voice says nothing, or noise, for them)
    (re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]+"), ""),
)
_TIDY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[ \t]{2,}"), " "),
    (re.compile(r"[ \t]+(?=[,.;:!?)\]])"), ""),
    (re.compile(r"(?<=[(\[])[ \t]+"), ""),
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "."),
)


def _english(
    text: str,
    vault: _Vault,
    lexicon: Mapping[str, str] | None,
    note: Note | None = None,
    month_first: bool = False,
) -> str:
    shouting = _is_shouting(text)
    passes: list[tuple[str, Callable[[str], str]]] = [
        ("e-mail address", lambda t: _EMAIL_RE.sub(lambda m: _say_email(m, vault), t)),
        ("web address", lambda t: _URL_RE.sub(lambda m: _say_url(m, vault), t)),
    ]
    if lexicon:
        passes.append(("lexicon", lambda t: _apply_lexicon(t, lexicon, vault)))
    passes += [
        ("hashtag or handle", _hashtags_and_handles),
        ("phone number", _phones),
        ("time", _times),
        ("date", lambda t: _dates(t, month_first)),
        ("abbreviation", _abbreviations),
        ("money", _currencies),
        ("unit", _measures),
        ("ordinal or decade", _ordinals_and_decades),
        ("roman numeral", lambda t: _ROMAN_RE.sub(_roman, t)),
        ("symbol", _symbols),
        ("number", _numbers),
        (
            "acronym",
            lambda t: _CAPS_RE.sub(_caps_reader(shouting), _MIXED_CAPS_RE.sub(_mixed_caps, t)),
        ),
    ]
    return run_passes(text, passes, vault, note)


@dataclass(frozen=True)
class Conversion:
    """One change :func:`normalize` made to a text, for ``audiogen script --explain``."""

    rule: str
    """The pass that made it (``number``, ``date``, ``money``, ``acronym``, ...)."""

    before: str
    """The words as written (as that pass found them)."""

    after: str
    """The words as they will be said."""


def conversions(
    text: str, lang: str = "en", lexicon: Mapping[str, str] | None = None
) -> list[Conversion]:
    """Every change :func:`normalize` makes to ``text``, pass by pass, in order (its output is
    the same: this runs it and watches each pass). English, French, Spanish, German and Italian
    have passes to tell apart; for another language the whole change is one ``other language``
    conversion (:func:`spoken_forms_note` says what is left as written)."""
    found: list[Conversion] = []

    def note(rule: str, before: str, after: str) -> None:
        found.extend(Conversion(rule, b, a) for b, a in _changed_words(before, after))

    out = _normalize(text, lang, lexicon, note)
    if not found and out != text.strip() and not _is_english(lang):
        found.extend(Conversion("other language", b, a) for b, a in _changed_words(text, out))
    return found


def _changed_words(before: str, after: str) -> list[tuple[str, str]]:
    """The runs of words that differ between ``before`` and ``after``; runs one kept word apart
    are one change ("$4.2 billion" -> "four point two billion dollars", not two)."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    spans: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if spans and i1 - spans[-1][1] <= 1 and j1 - spans[-1][3] <= 1:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [(" ".join(old[a:b]), " ".join(new[c:d])) for a, b, c, d in spans]


def _is_english(lang: str) -> bool:
    return lang.replace("_", "-").split("-")[0].lower() == "en"


_COMPARISON_RE = re.compile(r"(?<![\w<>=-])([<>≤≥]) ?(?=[-+]?\d)")


def _comparisons(text: str, lang: str) -> str:
    """A comparison sign before a figure in words ("<5%" is "less than 5%"), in the languages
    :data:`.spoken.COMPARISONS` has; the figure is said by the passes after."""
    words = COMPARISONS.get(lang.replace("_", "-").split("-")[0].lower())
    if not words:
        return text
    return _COMPARISON_RE.sub(lambda m: words[m.group(1)] + " ", text)


def normalize(text: str, lang: str = "en", lexicon: Mapping[str, str] | None = None) -> str:
    """Return ``text`` as a newsreader would say it, ready for a speech engine.

    ``text`` is one sentence or paragraph of clean written text. The result keeps its
    punctuation (so the voice phrases well) and the capitals of ordinary words; numbers,
    dates, times, money, units, abbreviations, symbols and web addresses become words, and
    acronyms are spelled as spaced capitals ("U N") unless they are said as words ("Nato").

    ``lang`` is a language code such as ``"en"`` or ``"en-GB"``. English gets the full
    treatment; French, Spanish, German and Italian get their numbers, ordinals, dates, money,
    percentages, units, signs, ranges and titles said the language's way; for another language
    only plain integers are said (through num2words, when it knows the language) and everything
    else is left as written.

    ``lexicon`` maps a written word to how to say it: a respelling, or Piper phonemes in
    ``[[ ... ]]``. A lowercase key matches the word in any case; a key with capitals matches
    only that exact spelling. Entries are applied to whole words of the written text, after web
    and e-mail addresses are read and before every other rule, so an entry overrides the
    built-in reading (an acronym's spelling, an abbreviation) and its replacement is never
    changed by them. A respelling replaces the word; for a phoneme entry the word is kept
    exactly as written, and :func:`.lexicon.apply_phonemes` puts the phonemes in when it is spoken.

    >>> normalize("The UN marks the 15th anniversary on 2 July 2021.")
    'The U N marks the fifteenth anniversary on the second of July, twenty twenty-one.'
    """
    return _normalize(text, lang, lexicon)


def _normalize(
    text: str, lang: str, lexicon: Mapping[str, str] | None, note: Note | None = None
) -> str:
    for pattern, replacement in _PREPARE:
        text = pattern.sub(replacement, text)
    text = _comparisons(text, lang)
    vault = _Vault()
    if _is_english(lang):
        # A numeric date is month first in US English ("en-US"), day first elsewhere.
        month_first = lang.replace("_", "-").lower().split("-")[1:2] == ["us"]
        out = _english(text, vault, lexicon, note, month_first=month_first)
    elif lang.replace("_", "-").split("-")[0].lower() in _EUROPEAN:
        out = _european(text, lang, vault, lexicon, note)
    else:
        out = _other_language(text, lang, vault, lexicon)
    for pattern, replacement in _TIDY:
        out = pattern.sub(replacement, out)
    out = out.strip()
    # A sentence that began with a figure ("2 July ...") begins with a lowercase word now.
    if out[:1].islower() and text.lstrip()[:1] and not text.lstrip()[:1].islower():
        out = out[:1].upper() + out[1:]
    return vault.restore(out)
