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

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from . import spoken

__all__ = ["apply_phonemes", "is_phonemes", "normalize", "phonemes_used"]

# --------------------------------------------------------------------------------------------
# Placeholders: text that later passes must not touch.

# Plane 15 private use: never in news text, and not a word character, so the placeholders
# behave like punctuation for the word boundaries of the later passes.
_PLACEHOLDER_BASE = 0xF0000
_PLACEHOLDER_RE = re.compile("[\U000f0000-\U000ffffd]")


class _Vault:
    """Holds verbatim replacements behind placeholder characters until ``restore``."""

    def __init__(self) -> None:
        self._items: list[str] = []

    def protect(self, text: str) -> str:
        self._items.append(text)
        return chr(_PLACEHOLDER_BASE + len(self._items) - 1)

    def restore(self, text: str) -> str:
        if not self._items:
            return text
        return _PLACEHOLDER_RE.sub(lambda m: self._items[ord(m.group()) - _PLACEHOLDER_BASE], text)


# --------------------------------------------------------------------------------------------
# Numbers as words.

_DIGITS = spoken.DIGIT_NAMES


def num2words(n: int, **kwargs: str) -> str:
    """num2words, imported on first use: most sentences have no number, and importing it (with
    its dozens of language modules) costs a tenth of a second."""
    from num2words import num2words as convert

    return str(convert(n, **kwargs))


@lru_cache(maxsize=4096)
def _cardinal(n: int) -> str:
    # num2words writes "one thousand, two hundred": the comma would make the voice pause.
    return num2words(n, lang="en").replace(",", "")


@lru_cache(maxsize=1024)
def _ordinal(n: int) -> str:
    return num2words(n, lang="en", to="ordinal").replace(",", "")


def _digits(text: str) -> str:
    return " ".join(_DIGITS[int(c)] for c in text if c.isdigit())


def _number(text: str) -> str:
    """'1,234.5' -> 'one thousand two hundred and thirty-four point five'."""
    whole, _, frac = text.replace(",", "").partition(".")
    if len(whole) > 15 or (len(whole) > 1 and whole.startswith("0")):
        # A code or an identifier ("007"), not a quantity: say each digit.
        words = _digits(whole)
    else:
        words = _cardinal(int(whole)) if whole else ""
    if frac:
        words = f"{words} point {_digits(frac)}".strip()
    return words


def _year(n: int) -> str:
    """Read a year: 1905 -> nineteen oh five, 2008 -> two thousand eight, 1800 -> eighteen
    hundred, 2021 -> twenty twenty-one."""
    if n < 1000 or n % 1000 == 0 or 1000 < n < 1010:
        return _cardinal(n)
    if 2000 < n < 2010:
        # Said without "and", as broadcasters do: "two thousand eight".
        return f"two thousand {_cardinal(n - 2000)}"
    high, low = divmod(n, 100)
    if low == 0:
        return f"{_cardinal(high)} hundred"
    if low < 10:
        return f"{_cardinal(high)} oh {_cardinal(low)}"
    return f"{_cardinal(high)} {_cardinal(low)}"


def _pairs(text: str) -> str:
    """Read an identifier the way flight and model numbers are said: 737 -> seven thirty-seven,
    101 -> one oh one, 1549 -> fifteen forty-nine."""
    if text.startswith("0") or len(text) > 4:
        return _digits(text)
    if len(text) == 4:
        return _year(int(text))
    if len(text) == 3:
        head, tail = text[0], int(text[1:])
        if tail == 0:
            return _cardinal(int(text))
        return f"{_cardinal(int(head))} {'oh ' if tail < 10 else ''}{_cardinal(tail)}"
    return _cardinal(int(text))


def _plural_words(words: str) -> str:
    """'nineteen eighty' -> 'nineteen eighties', 'six' -> 'sixes'."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("x"):
        return words + "es"
    return words + "s"


def _match_case(source: str, words: str) -> str:
    """Give an expansion the capital of what it replaces ("E.g." -> "For example")."""
    if source[:1].isupper() and words[:1].islower():
        return words[:1].upper() + words[1:]
    return words


def _spell(letters: str) -> str:
    """'UNOCT' -> 'U N O C T'; an 'A' before another letter is hyphen-joined (module doc)."""
    out: list[str] = []
    last = len(letters) - 1
    for i, ch in enumerate(letters):
        out.append(ch)
        if i < last:
            out.append("-" if ch in "Aa" else " ")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Context around a match.

_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[^A-Za-z0-9\n]{0,2}\Z")
_WORD_AFTER_RE = re.compile(r"[ \t]?([A-Za-z]+)")
_SENTENCE_END_BEFORE_RE = re.compile(r"(?:\A|[.!?:]\s+|\n)[\"'“‘(]?\Z")
_NEXT_SENTENCE_RE = re.compile(r"[ \t]*(?:\n|\Z)|\s+[\"'“‘(\[]?([A-Z][A-Za-z']*)")
_NAME_AFTER_RE = re.compile("[ \t]+(?:[A-Z]|[\U000f0000-\U000ffffd])")


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether the word ending just before ``pos`` is the first word of its sentence."""
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
    start = m.start() if m else pos
    return _SENTENCE_END_BEFORE_RE.search(text, max(0, start - 4), start) is not None


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER_RE.match(text, pos)
    return m.group(1) if m else ""


_ARTICLE_BEFORE_RE = re.compile(r"(?:^|\s)an?\s+$", re.I)


def _attributive(text: str, pos: int) -> bool:
    """Whether a quantity starting at ``pos`` follows "a"/"an", as in "a $4.2 billion budget" or
    "a 350 km pipeline": a compound adjective, whose unit stays singular ("dollar budget")."""
    return bool(_ARTICLE_BEFORE_RE.search(text[max(0, pos - 4) : pos]))


def _ends_sentence(text: str, pos: int) -> bool:
    """Whether an abbreviation's full stop ending at ``pos`` also ends the sentence: the text
    ends there, or the next word is one that usually starts a sentence ("... the U.S. The",
    but not "the U.S. Senate")."""
    m = _NEXT_SENTENCE_RE.match(text, pos)
    return m is not None and (m.group(1) is None or m.group(1) in spoken.SENTENCE_STARTERS)


def _stop(text: str, pos: int) -> str:
    return "." if _ends_sentence(text, pos) else ""


def _is_plural_word(word: str) -> bool:
    low = word.lower()
    if low in spoken.IRREGULAR_PLURALS:
        return True
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and low not in spoken.NOT_PLURAL
    )


def _is_year(n: int, before: str, after: str) -> bool:
    """Guess whether a four-digit number is a year from the words around it."""
    if not 1000 <= n <= 2099:
        return False
    cue = before.lower()
    if cue in spoken.QUANTITY_CUES_BEFORE:
        return False
    if cue in spoken.YEAR_CUES_BEFORE:
        return True
    if _is_plural_word(after) or after in spoken.UNITS:
        # "2021 participants" is a count, "the 2021 elections" a year.
        return cue in spoken.YEAR_DETERMINERS and n >= 1900
    return True


# --------------------------------------------------------------------------------------------
# Shared pieces of patterns.

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_DASH = r"(?:\s*[-–]\s*|\s+to\s+)"
_MONTH_NAMES = "|".join(spoken.MONTHS)
_MONTH_ABBR = "|".join(sorted(spoken.MONTH_ABBREVIATIONS, key=len, reverse=True))


def _month_group(name: str) -> str:
    # Full names first so that "June" is not taken as "Jun"; "(?![A-Za-z])" keeps "Mayor" out.
    return rf"(?P<{name}>(?:{_MONTH_NAMES}|{_MONTH_ABBR})(?![A-Za-z])\.?)"


def _month(text: str) -> str:
    name = text.rstrip(".")
    return spoken.MONTH_ABBREVIATIONS.get(name, name)


def _alternation(keys: Iterable[str]) -> str:
    # Longest first: a regex alternation takes the first branch that matches ("km/h", "km").
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


# --------------------------------------------------------------------------------------------
# Web addresses, e-mail, handles and hashtags.

_EMAIL_RE = re.compile(r"(?<![\w.+-])([\w.+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_URL_RE = re.compile(
    r"(?<![\w@.])(?:https?://[^\s<>\"'()]+|www\.[^\s<>\"'()]+"
    rf"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:{'|'.join(spoken.BARE_DOMAIN_ENDINGS)})\b"
    r"(?:/[^\s<>\"'()]*)?)"
)
_SCHEME_RE = re.compile(r"^https?://")
_QUERY_RE = re.compile(r"[?#]")
_VOWELS = frozenset("aeiouy")
_PART_RE = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]")
_PATH_SYMBOLS = {"-": "dash", "_": "underscore", ".": "dot", "~": "tilde", "+": "plus"}


def _say_address_word(word: str, host: bool = False) -> str:
    """One piece of a web or e-mail address: letters, digits and separators. A short label of
    a host name is spelled ("who", "bbc"); elsewhere only what cannot be said as a word."""
    out: list[str] = []
    for part in _PART_RE.findall(word):
        if part.isdigit():
            out.append(_pairs(part) if len(part) <= 4 else _digits(part))
        elif part.isalpha():
            low = part.lower()
            if low == "www":
                out.append("w w w")
            elif low in spoken.DOMAIN_WORDS or low in _WORD_ACRONYMS_LOWER:
                out.append(low)
            elif (host and len(low) <= 3) or not _pronounceable(low):
                out.append(_spell(low.upper()))
            else:
                out.append(part)
        elif part in _PATH_SYMBOLS:
            out.append(_PATH_SYMBOLS[part])
    return " ".join(out)


def _say_host(host: str) -> str:
    return " dot ".join(_say_address_word(label, host=True) for label in host.split(".") if label)


def _say_url(match: re.Match[str], vault: _Vault) -> str:
    url = match.group(0)
    stripped = url.rstrip(".,;:!?'\"")
    tail = url[len(stripped) :]
    body = _SCHEME_RE.sub("", stripped)
    # A newsreader does not read out a query string or a fragment.
    body = _QUERY_RE.split(body, maxsplit=1)[0].rstrip("/")
    host, _, path = body.partition("/")
    words = _say_host(host)
    if path:
        words += " slash " + " slash ".join(_say_address_word(s) for s in path.split("/") if s)
    return vault.protect(words) + tail


def _say_email(match: re.Match[str], vault: _Vault) -> str:
    local = " dot ".join(_say_address_word(p) for p in match.group(1).split(".") if p)
    return vault.protect(f"{local} at {_say_host(match.group(2))}")


_HASHTAG_RE = re.compile(r"(?<![\w&])#([A-Za-z][A-Za-z0-9_]*)")
_HANDLE_RE = re.compile(r"(?<![\w.])@([A-Za-z0-9_]{1,30})\b")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|_+")


def _hashtags_and_handles(text: str) -> str:
    # Split "#BlackLivesMatter" into its words; acronyms and digits inside are read later.
    text = _HASHTAG_RE.sub(lambda m: "hashtag " + _CAMEL_RE.sub(" ", m.group(1)).strip(), text)
    return _HANDLE_RE.sub(lambda m: "at " + _CAMEL_RE.sub(" ", m.group(1)).strip(), text)


# --------------------------------------------------------------------------------------------
# Lexicon.


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


def _lexicon_sub(text: str, lexicon: Mapping[str, str], replace: Callable[[str, str], str]) -> str:
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


def _apply_lexicon(text: str, lexicon: Mapping[str, str], vault: _Vault) -> str:
    # A phoneme entry keeps its word as written (no later rule may spell or change it), so the
    # script shows the word and apply_phonemes() finds it again when the sentence is spoken.
    return _lexicon_sub(
        text, lexicon, lambda word, value: vault.protect(word if is_phonemes(value) else value)
    )


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
    return _lexicon_sub(text, phonemes, lambda _word, value: value)


def phonemes_used(text: str, entries: Mapping[str, str] | None) -> dict[str, str]:
    """The phoneme ``entries`` that :func:`apply_phonemes` would apply to ``text``."""
    phonemes = {k: v for k, v in (entries or {}).items() if is_phonemes(v)}
    used: dict[str, str] = {}
    if phonemes:

        def note(word: str, value: str) -> str:
            key = word if word in phonemes else word.lower()
            used[key] = value
            return value

        _lexicon_sub(text, phonemes, note)
    return dict(sorted(used.items()))


# --------------------------------------------------------------------------------------------
# Clock times.

_AMPM = r"(?P<ap>[AaPp])(?:\.?[Mm])(?P<apdot>\.)?(?![A-Za-z])"
_TIME_AMPM_RE = re.compile(
    r"(?<![\w.:])(?P<h>1[0-2]|0?\d)(?:[:.](?P<m>[0-5]\d))?"
    r"(?:\s*[-–]\s*(?P<h2>1[0-2]|0?\d)(?:[:.](?P<m2>[0-5]\d))?)?\s?" + _AMPM
)
_TIME_ZONE_ALT = _alternation(spoken.TIME_ZONES)
_TIME_24_RE = re.compile(
    r"(?<![\w.:])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?![\d:])"
    r"(?:\s*[-–]\s*(?P<h2>[01]?\d|2[0-4]):(?P<m2>[0-5]\d)(?![\d:]))?"
    rf"(?P<tz>\s?(?:{_TIME_ZONE_ALT}|hrs|hours|h)(?![A-Za-z]))?"
)
_DURATION_RE = re.compile(r"(?<![\w.:])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])")


def _minutes(mm: str | None) -> str:
    if not mm or int(mm) == 0:
        return ""
    value = int(mm)
    return f" oh {_cardinal(value)}" if value < 10 else f" {_cardinal(value)}"


def _clock12(h: str, mm: str | None) -> str:
    return _cardinal(int(h)) + _minutes(mm)


def _time_ampm(m: re.Match[str]) -> str:
    spoken_time = _clock12(m.group("h"), m.group("m"))
    if m.group("h2"):
        spoken_time += " to " + _clock12(m.group("h2"), m.group("m2"))
    suffix = _spell("am" if m.group("ap") in "Aa" else "pm")
    # The full stop of "a.m." is the sentence's own only when a sentence follows.
    stop = _stop(m.string, m.end()) if m.group("apdot") else ""
    return f"{spoken_time} {suffix}{stop}"


def _clock24(h: str, mm: str, twenty_four: bool) -> str:
    hour, minute = int(h), int(mm)
    if hour == 0 and minute == 0:
        return "midnight"
    if not twenty_four:
        return f"{_cardinal(hour)} o'clock" if minute == 0 else _clock12(h, mm)
    # The broadcast reading of the 24-hour clock: "eighteen hundred", "oh nine thirty".
    words = ("oh " if h.startswith("0") and hour else "") + _cardinal(hour)
    return f"{words} hundred" if minute == 0 else words + _minutes(mm)


def _time_24(m: re.Match[str]) -> str:
    tz = (m.group("tz") or "").strip()
    h = m.group("h")
    twenty_four = bool(tz) or int(h) > 12 or (len(h) == 2 and h.startswith("0"))
    words = _clock24(h, m.group("m"), twenty_four)
    if m.group("h2"):
        words += " to " + _clock24(m.group("h2"), m.group("m2"), twenty_four)
    if tz:
        words += " hours" if tz in {"hrs", "hours", "h"} else " " + _spell(tz)
    return words


def _duration(m: re.Match[str]) -> str:
    parts: list[str] = []
    for value, unit in zip(map(int, m.groups()), ("hour", "minute", "second"), strict=True):
        if value or (unit == "second" and not parts):
            parts.append(f"{_cardinal(value)} {unit}{'' if value == 1 else 's'}")
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0]


def _times(text: str) -> str:
    text = _DURATION_RE.sub(_duration, text)
    text = _TIME_AMPM_RE.sub(_time_ampm, text)
    return _TIME_24_RE.sub(_time_24, text)


# --------------------------------------------------------------------------------------------
# Dates.

_DAY1 = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_DAY2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<y>\d{4})(?![\w])"
_SEP = r"(?P<sep>\s*[-–]\s*|\s+(?:to|and|until)\s+)"
_DMY_RE = re.compile(
    rf"(?<![\w.,]){_DAY1}(?:(?:\s+{_month_group('m1')})?{_SEP}{_DAY2})?"
    rf"\s+{_month_group('m2')}(?:,?\s+{_YEAR})?"
)
_MDY_RE = re.compile(
    rf"(?<![\w.]){_month_group('m1')}\s+{_DAY1}"
    rf"(?:{_SEP}(?:{_month_group('m2')}\s+)?{_DAY2})?(?:,?\s+{_YEAR})?(?![\w])"
)
_MY_RE = re.compile(rf"(?<![\w.]){_month_group('m1')}\s+(?:of\s+)?{_YEAR}")
_ISO_DATE_RE = re.compile(r"(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w]|-\d)")


def _sep_word(sep: str | None) -> str:
    word = (sep or "").strip()
    return "to" if word in {"", "-", "–"} else word


def _valid_days(*days: str | None) -> bool:
    return all(d is None or 1 <= int(d) <= 31 for d in days)


def _year_tail(m: re.Match[str], month: str) -> str:
    """', twenty twenty-one' when there is a year; keeps the sentence's stop that an
    abbreviated month ("5 Dec.") swallowed."""
    if m.group("y"):
        return f", {_year(int(m.group('y')))}"
    return _stop(m.string, m.end()) if month.endswith(".") else ""


_THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+\Z")


def _date_dmy(m: re.Match[str]) -> str:
    d1, d2 = m.group("d1"), m.group("d2")
    if not _valid_days(d1, d2):
        return m.group(0)
    m2 = _month(m.group("m2"))
    if m.group("m1"):
        words = f"the {_ordinal(int(d1))} of {_month(m.group('m1'))} {_sep_word(m.group('sep'))}"
        words += f" the {_ordinal(int(d2))} of {m2}"
    elif d2:
        words = f"the {_ordinal(int(d1))} {_sep_word(m.group('sep'))} the {_ordinal(int(d2))}"
        words += f" of {m2}"
    else:
        words = f"the {_ordinal(int(d1))} of {m2}"
    if _THE_BEFORE_RE.search(m.string, max(0, m.start() - 5), m.start()):
        words = words[4:]  # "the 28 June meeting" has its "the" already
    return words + _year_tail(m, m.group("m2"))


def _date_mdy(m: re.Match[str]) -> str:
    d1, d2 = m.group("d1"), m.group("d2")
    if not _valid_days(d1, d2):
        return m.group(0)
    words = f"{_month(m.group('m1'))} {_ordinal(int(d1))}"
    if d2:
        words += f" {_sep_word(m.group('sep'))} "
        if m.group("m2"):
            words += _month(m.group("m2")) + " "
        words += _ordinal(int(d2))
    return words + (f", {_year(int(m.group('y')))}" if m.group("y") else "")


def _date_my(m: re.Match[str]) -> str:
    return f"{_month(m.group('m1'))} {_year(int(m.group('y')))}"


def _date_iso(m: re.Match[str]) -> str:
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group(0)
    return f"the {_ordinal(day)} of {spoken.MONTHS[month - 1]}, {_year(year)}"


def _dates(text: str) -> str:
    text = _ISO_DATE_RE.sub(_date_iso, text)
    text = _DMY_RE.sub(_date_dmy, text)
    text = _MDY_RE.sub(_date_mdy, text)
    return _MY_RE.sub(_date_my, text)


# --------------------------------------------------------------------------------------------
# Abbreviations.

_TITLE_RE = re.compile(r"(?<![\w.])(" + _alternation(spoken.TITLES) + r")(\.)?(?![\w])")
_ABBREVIATION_RE = re.compile(
    r"(?<![\w.])(" + _alternation(spoken.ABBREVIATIONS) + r")\.", re.IGNORECASE
)
_ABBREVIATIONS_LOWER = {k.lower(): v for k, v in spoken.ABBREVIATIONS.items()}
_VERSUS_RE = re.compile(r"(?<=[\w)] )(?:vs|v\.)(?= )")
_DOTTED_RE = re.compile(
    r"(?<![\w.])(" + _alternation(spoken.DOTTED_ABBREVIATIONS) + r")(?![\w])", re.IGNORECASE
)
_DOTTED_LOWER = {k.lower(): v for k, v in spoken.DOTTED_ABBREVIATIONS.items()}
_INITIALISM_RE = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?![\w])")
_INITIAL_RE = re.compile(r"(?<![\w.])([A-Z])\.(?=\s+[A-Z])")
_NEXT_INITIAL_RE = re.compile(r"\s+[A-Z]\.")
_NUMBER_ABBR_RE = re.compile(
    r"(?<![\w.])(" + _alternation(spoken.NUMBER_ABBREVIATIONS) + r")\.\s*(?=\d)", re.IGNORECASE
)
_NUMBER_SIGN_RE = re.compile(r"(?:#|№|\bNo\b)\s*(?=\d)")


def _title(m: re.Match[str]) -> str:
    abbr, dot = m.group(1), m.group(2)
    text, start, end = m.string, m.start(), m.end()
    name_follows = _NAME_AFTER_RE.match(text, end) is not None
    before = _word_before(text, start)
    name_before = before[:1].isupper() and not _starts_sentence(text, start)
    if abbr == "St":
        # "Wall St. Journal", "Downing St": a street after a name; "St. Petersburg": a saint.
        if name_before or not name_follows:
            return "Street" + (_stop(text, end) if dot else "")
        return "Saint"
    if abbr == "Dr" and not name_follows and name_before:
        return "Drive" + (_stop(text, end) if dot else "")
    if abbr in spoken.NAME_SUFFIXES:
        return spoken.TITLES[abbr] + _stop(text, end) if dot and before[:1].isupper() else m[0]
    if dot and (abbr in spoken.TITLES_ALWAYS or name_follows):
        return spoken.TITLES[abbr]
    if not dot and abbr in spoken.TITLES_NO_DOT and name_follows:
        return spoken.TITLES[abbr]
    return m.group(0)


def _abbreviation(m: re.Match[str]) -> str:
    word = m.group(1)
    return _match_case(word, _ABBREVIATIONS_LOWER[word.lower()]) + _stop(m.string, m.end())


def _dotted(m: re.Match[str]) -> str:
    key = m.group(1)
    words = _match_case(key, _DOTTED_LOWER[key.lower()])
    return words + (_stop(m.string, m.end()) if key.endswith(".") else "")


def _initialism(m: re.Match[str]) -> str:
    return _spell(m.group(1).replace(".", "").upper()) + _stop(m.string, m.end())


def _initial(m: re.Match[str]) -> str:
    # "J. K. Rowling", "George W. Bush": the stops would make the voice pause as at the end of
    # a sentence. "... vitamin D. Researchers" keeps its stop: no name stands before the D.
    text, end = m.string, m.end()
    in_name = _NEXT_INITIAL_RE.match(text, end) or _word_before(text, m.start())[:1].isupper()
    if in_name and not _ends_sentence(text, end):
        return m.group(1)
    return m.group(0)


def _number_abbr(m: re.Match[str]) -> str:
    word = m.group(1)
    return _match_case(word, spoken.NUMBER_ABBREVIATIONS[word.lower()]) + " "


def _abbreviations(text: str) -> str:
    text = _NUMBER_ABBR_RE.sub(_number_abbr, text)
    text = _NUMBER_SIGN_RE.sub("number ", text)
    text = _DOTTED_RE.sub(_dotted, text)
    text = _TITLE_RE.sub(_title, text)
    text = _VERSUS_RE.sub("versus", text)
    text = _ABBREVIATION_RE.sub(_abbreviation, text)
    text = _INITIALISM_RE.sub(_initialism, text)
    return _INITIAL_RE.sub(_initial, text)


# --------------------------------------------------------------------------------------------
# Money.

_CURRENCY_ALT = _alternation(spoken.CURRENCIES)
_MULTIPLIER_ALT = _alternation(spoken.MULTIPLIERS)
_MONEY_RE = re.compile(
    rf"(?<![\w.])(?P<cur>{_CURRENCY_ALT})\s?(?P<a>{_NUM})(?:\s?(?P<m1>{_MULTIPLIER_ALT}))?"
    rf"(?![A-Za-z\d])(?:\s*(?:[-–]|to)\s*(?:{_CURRENCY_ALT})?\s?(?P<b>{_NUM})"
    rf"(?:\s?(?P<m2>{_MULTIPLIER_ALT}))?(?![A-Za-z\d]))?"
)
_MONEY_AFTER_RE = re.compile(
    rf"(?<![\w.])(?P<a>{_NUM})(?:\s?(?P<m1>{_MULTIPLIER_ALT}))?\s?"
    rf"(?P<cur>{_alternation(spoken.CURRENCY_CODES)})(?![A-Za-z])"
)
_CENTS_RE = re.compile(r"(?<![\w.])(\d+)\s?(¢|p)(?![\w])")


def _money_exact(amount: str, names: tuple[str, str, str, str]) -> str:
    unit, units, sub, subs = names
    whole, _, frac = amount.replace(",", "").partition(".")
    n = int(whole)
    main = f"{_number(whole)} {unit if n == 1 else units}"
    if not frac:
        return main
    if len(frac) != 2 or not sub:
        return f"{_number(amount)} {units}"
    cents = int(frac)
    if cents == 0:
        return main
    if n == 0:
        return f"{_cardinal(cents)} {sub if cents == 1 else subs}"
    # "one dollar fifty", as said; "and five cents" where "five" alone would be unclear.
    if cents < 10:
        return f"{main} and {_cardinal(cents)} {sub if cents == 1 else subs}"
    return f"{main} {_cardinal(cents)}"


def _amount(amount: str, multiplier: str | None) -> str:
    words = _number(amount)
    return f"{words} {spoken.MULTIPLIERS[multiplier]}" if multiplier else words


def _money(m: re.Match[str]) -> str:
    names = spoken.CURRENCIES[m.group("cur")]
    a, m1 = m.group("a"), m.group("m1")
    b = m.groupdict().get("b")
    unit = names[0] if _attributive(m.string, m.start()) else names[1]
    if b:
        return f"{_amount(a, m1)} to {_amount(b, m.group('m2'))} {unit}"
    if m1:
        return f"{_amount(a, m1)} {unit}"
    if unit == names[0] and "." not in a:
        return f"{_number(a)} {unit}"
    return _money_exact(a, names)


def _cents(m: re.Match[str]) -> str:
    n = int(m.group(1))
    if m.group(2) == "p":
        return f"{_cardinal(n)} {'penny' if n == 1 else 'pence'}"
    return f"{_cardinal(n)} {'cent' if n == 1 else 'cents'}"


def _currencies(text: str) -> str:
    text = _MONEY_RE.sub(_money, text)
    text = _MONEY_AFTER_RE.sub(_money, text)
    return _CENTS_RE.sub(_cents, text)


# --------------------------------------------------------------------------------------------
# Percentages, units, degrees, bare scale words.

_SIGNED = rf"(?P<neg>(?<![\w.,])-)?(?P<a>{_NUM})"
_RANGE_B = rf"(?:{_DASH}(?P<b>{_NUM}))?"
# "5%-10%" as well as "5-10%".
_PERCENT_RE = re.compile(rf"{_SIGNED}(?:(?:\s?%)?{_DASH}(?P<b>{_NUM}))?\s?%")
_UNIT_RE = re.compile(
    rf"{_SIGNED}{_RANGE_B}(?P<sp>\s?)(?P<unit>{_alternation(spoken.UNITS)})(?![\w/²³])"
)
_DEGREE_RE = re.compile(rf"{_SIGNED}{_RANGE_B}\s?[°º]\s?(?P<scale>[CFNSEW])?(?![A-Za-z])")
_SCALE_RE = re.compile(rf"(?<![\w.])(?P<a>{_NUM})\s?(?P<m>bn|mn|mln|tn|trn|k)(?![\w])")


def _quantity(m: re.Match[str]) -> str:
    words = ("minus " if m.group("neg") else "") + _number(m.group("a"))
    if m.group("b"):
        words += " to " + _number(m.group("b"))
    return words


def _is_one(m: re.Match[str]) -> bool:
    return m.group("a") == "1" and not m.group("b")


def _percent(m: re.Match[str]) -> str:
    return _quantity(m) + " per cent"


def _unit(m: re.Match[str]) -> str:
    unit, text = m.group("unit"), m.string
    if unit in spoken.ATTACHED_ONLY_UNITS and m.group("sp"):
        return m.group(0)
    if unit == "m":
        # "5m people" is five million, "a 100m sprint" a hundred metres.
        after = _word_after(text, m.end())
        if _is_plural_word(after) or after in {"of", "in"}:
            return _quantity(m) + " million"
    singular, plural = spoken.UNITS[unit]
    one = _is_one(m) or _attributive(text, m.start())
    return f"{_quantity(m)} {singular if one else plural}"


def _degrees(m: re.Match[str]) -> str:
    words = f"{_quantity(m)} {'degree' if _is_one(m) else 'degrees'}"
    scale = m.group("scale")
    if scale in spoken.TEMPERATURE_SCALES:
        return f"{words} {spoken.TEMPERATURE_SCALES[scale]}"
    if scale:
        return f"{words} {spoken.COMPASS_POINTS[scale]}"
    return words


def _scale(m: re.Match[str]) -> str:
    return f"{_number(m.group('a'))} {spoken.MULTIPLIERS[m.group('m')]}"


def _measures(text: str) -> str:
    text = _PERCENT_RE.sub(_percent, text)
    text = _DEGREE_RE.sub(_degrees, text)
    text = _UNIT_RE.sub(_unit, text)
    return _SCALE_RE.sub(_scale, text)


# --------------------------------------------------------------------------------------------
# Ordinals, decades, short years.

_ORDINAL_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th|ST|ND|RD|TH)(?![\w])")
# "1990's" is a decade, but "COVID-19's" a possessive: the apostrophe only after a 0.
_DECADE_RE = re.compile(r"(?<![\w.])(\d+s|\d*0['’]s)(?![\w])")
_SHORT_DECADE_RE = re.compile(r"(?<![\w])['’](\d0)['’]?s(?![\w])")
_SHORT_YEAR_RE = re.compile(r"(?<![\w])['’](\d\d)(?![\w'’])")


def _decade(m: re.Match[str]) -> str:
    digits = m.group(1).rstrip("s").rstrip("'’")
    n = int(digits)
    if len(digits) == 4 and 1000 <= n <= 2099 and n % 10 == 0:
        return _plural_words(_year(n))
    return _plural_words(_number(digits))


def _short_year(m: re.Match[str]) -> str:
    n = int(m.group(1))
    return f"oh {_cardinal(n)}" if n < 10 else _cardinal(n)


def _ordinals_and_decades(text: str) -> str:
    text = _ORDINAL_RE.sub(lambda m: _ordinal(int(m.group(1).replace(",", ""))), text)
    text = _SHORT_DECADE_RE.sub(lambda m: _plural_words(_cardinal(int(m.group(1)))), text)
    text = _DECADE_RE.sub(_decade, text)
    return _SHORT_YEAR_RE.sub(_short_year, text)


# --------------------------------------------------------------------------------------------
# Roman numerals.

_ROMAN_RE = re.compile(r"\b([A-Za-z][a-z]+)(\s+)([IVXLCDM]+)(?=['’]s\b|[^\w'’]|\Z)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_STRICT_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\Z")


def _roman_value(numeral: str) -> int | None:
    if not numeral or not _ROMAN_STRICT_RE.match(numeral):
        return None
    total = 0
    for ch, nxt in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt != " " and _ROMAN_VALUES[nxt] > value else value
    return total


def _title_case(words: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in words.split("-"))


def _roman(m: re.Match[str]) -> str:
    before, space, numeral = m.groups()
    value = _roman_value(numeral)
    if value is None:
        return m.group(0)
    context = before.lower()
    if context in spoken.ROMAN_CARDINAL_CONTEXT:
        # "part I think" is not Part One: a single I needs a capitalized "Part".
        if numeral == "I" and not before[:1].isupper():
            return m.group(0)
        return f"{before}{space}{_title_case(_cardinal(value))}"
    if (
        before[:1].isupper()
        and before not in spoken.ROMAN_NOT_A_NAME
        and set(numeral) <= set("IVX")
        and (len(numeral) > 1 or before in spoken.REGNAL_NAMES)
    ):
        return f"{before}{space}the {_title_case(_ordinal(value))}"
    return m.group(0)


# --------------------------------------------------------------------------------------------
# Symbols, letter-digit tokens, ranges, scores, fractions, negatives, bare numbers.

_BY_RE = re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)")
_SYMBOLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\s*±\s*"), " plus or minus "),
    (re.compile(r"(?<![\w])~\s*(?=\d)"), "about "),
    (re.compile(r"\s*\+\s*"), " plus "),
    (re.compile(r"\s*=\s*"), " equals "),
    (re.compile(r"\s*×\s*"), " times "),
    (re.compile(r"\s*%"), " per cent"),
    (re.compile(r"\s*[°º]"), " degrees"),
    (re.compile(r"§\s*"), "section "),
    (re.compile(r"\s+@\s+"), " at "),
    (re.compile(r"(?<=\b[a-z]{2})/(?=[a-z]{2,}\b)"), " or "),
)
_ALNUM_RE = re.compile(r"(?<![\w'’])([A-Za-z0-9]*(?:[A-Za-z]\d|\d[A-Za-z])[A-Za-z0-9]*)(?![\w])")
_RUN_RE = re.compile(r"[A-Za-z]+|\d+")


def _symbols(text: str) -> str:
    text = _BY_RE.sub(" by ", text)
    for pattern, words in _SYMBOLS:
        text = pattern.sub(words, text)
    return text


def _alnum(m: re.Match[str]) -> str:
    """'G7' -> 'G seven', 'MH370' -> 'MH three seventy', 'H1N1' -> 'H one N one'."""
    out: list[str] = []
    for run in _RUN_RE.findall(m.group(1)):
        if run.isdigit():
            out.append(_pairs(run) if len(run) <= 4 else _digits(run))
        elif run.islower() and len(run) <= 2 and not _VOWELS.intersection(run):
            out.append(run.upper())  # "mp3": the letters are an abbreviation, spell them
        else:
            out.append(run)
    # A lone "A" before another piece is hyphen-joined to it (see the module docstring).
    return "".join(p + ("-" if p == "A" else " ") for p in out[:-1]) + out[-1]


_CODE_RE = re.compile(r"(?<![\w.])\d+(?:-\d+){2,}(?![\w])")
_RANGE_RE = re.compile(rf"(?<![\w.,:-])(?P<a>{_NUM})\s*[-–]\s*(?P<b>{_NUM})(?![\w]|[.,]\d)")
_RATIO_RE = re.compile(r"(?<![\w.:])(\d+):(\d+)(?![\d:])")
_MIXED_FRACTION_RE = re.compile(r"(?<![\w./])(\d+)\s+(\d{1,2})/(\d{1,2})(?![\w/]|\.\d)")
_SLASHED_RE = re.compile(r"(?<![\w./])(\d+)/(\d+)(?:/(\d+))?(?![\w/]|\.\d)")
_NEGATIVE_RE = re.compile(r"(?<![^\s(\[{\"'“])-(?=\d)")
_VERSION_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w]|\.\d)")
_BARE_NUMBER_RE = re.compile(r"(?<!\d)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)|(?<![\w.])\.\d+")


def _score_number(n: int) -> str:
    return "nil" if n == 0 else _cardinal(n)


def _range(m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    text = m.string
    before, after = _word_before(text, m.start()), _word_after(text, m.end())
    is_score = (
        before.lower() in spoken.SCORE_CUES_BEFORE or after.lower() in spoken.SCORE_CUES_AFTER
    )
    if is_score and a.isdigit() and b.isdigit() and int(a) < 100 and int(b) < 100:
        # British broadcast style: "three one", "two nil", "one all".
        x, y = int(a), int(b)
        if x == y:
            return "nil nil" if x == 0 else f"{_cardinal(x)} all"
        return f"{_score_number(x)} {_score_number(y)}"
    if a.isdigit() and b.isdigit() and len(a) == 4 and _is_year(int(a), before, after):
        start = int(a)
        if len(b) == 4 and int(b) > start:
            return f"{_year(start)} to {_year(int(b))}"
        if len(b) == 2 and int(b) > start % 100:
            return f"{_year(start)} to {_cardinal(int(b))}"  # "2020-21"
    return f"{_number(a)} to {_number(b)}"


def _fraction(numerator: int, denominator: int) -> str | None:
    names = spoken.FRACTION_DENOMINATORS.get(denominator)
    if names is None or numerator == 0 or numerator >= 100:
        return None
    return f"{_cardinal(numerator)} {names[0] if numerator == 1 else names[1]}"


def _mixed_fraction(m: re.Match[str]) -> str:
    whole, num, den = (int(g) for g in m.groups())
    names = spoken.FRACTION_DENOMINATORS.get(den)
    if names is None or not 0 < num < den:
        return m.group(0)
    part = f"a {names[0]}" if num == 1 else f"{_cardinal(num)} {names[1]}"
    return f"{_cardinal(whole)} and {part}"


def _slashed(m: re.Match[str]) -> str:
    a, b, c = m.groups()
    if c is None:
        if m.group(0) in spoken.SLASH_NUMBERS:
            return spoken.SLASH_NUMBERS[m.group(0)]
        words = _fraction(int(a), int(b)) if not (a.startswith("0") or b.startswith("0")) else None
        if words:
            return words
        return f"{_number(a)} slash {_number(b)}"
    # A numeric date is ambiguous (day or month first?), so read what is written.
    last = _year(int(c)) if len(c) == 4 else _number(c)
    return f"{_number(a)} slash {_number(b)} slash {last}"


def _code(m: re.Match[str]) -> str:
    return ", ".join(_digits(group) for group in m.group(0).split("-"))


def _bare_number(m: re.Match[str]) -> str:
    raw = m.group(0)
    if not raw.isdigit():
        return _number(raw)
    text = m.string
    before = _word_before(text, m.start())
    if before.lower() in spoken.PAIR_READ_CUES and 3 <= len(raw) <= 4:
        return _pairs(raw)
    if len(raw) == 4 and _is_year(int(raw), before, _word_after(text, m.end())):
        return _year(int(raw))
    return _number(raw)


def _numbers(text: str) -> str:
    text = _ALNUM_RE.sub(_alnum, text)
    text = _CODE_RE.sub(_code, text)
    text = _MIXED_FRACTION_RE.sub(_mixed_fraction, text)
    text = _SLASHED_RE.sub(_slashed, text)
    text = _RANGE_RE.sub(_range, text)
    text = _RATIO_RE.sub(lambda m: f"{_number(m.group(1))} to {_number(m.group(2))}", text)
    text = _NEGATIVE_RE.sub("minus ", text)
    text = _VERSION_RE.sub(lambda m: " point ".join(map(_number, m.group(0).split("."))), text)
    return _BARE_NUMBER_RE.sub(_bare_number, text)


# --------------------------------------------------------------------------------------------
# Acronyms and words in capitals.

_CAPS_RE = re.compile(r"(?<![\w'’])([A-Z]{2,})(['’]s|s)?(?![\w])(?P<gap> (?=\w))?")
_CAPS_WORD_RE = re.compile(r"\b[A-Za-z]{2,}\b")
_WORD_ACRONYMS_LOWER = frozenset(w.lower() for w in spoken.WORD_ACRONYMS)
_CONSONANT_RUN_RE = re.compile(r"[^aeiouy]+")
_TRIPLE_LETTER_RE = re.compile(r"(.)\1\1")


def _pronounceable(word: str) -> bool:
    """A rough test of whether letters read as an English word ("BREAKING", "UNCTAD", "news")
    rather than as letters ("UNFCCC", "ohchr"). There is no dictionary to ask, so it checks
    the share of vowels, the consonant clusters and the start of the word."""
    low = word.lower()
    vowels = sum(1 for i, c in enumerate(low) if c in "aeiou" or (c == "y" and i > 0))
    if vowels / len(low) < 0.2 or _TRIPLE_LETTER_RE.search(low):
        return False
    runs = _CONSONANT_RUN_RE.findall(low)
    if any(len(r) > 3 for r in runs):
        return False
    onset = _CONSONANT_RUN_RE.match(low)
    return onset is None or len(onset.group()) == 1 or onset.group() in spoken.ONSETS


def _is_shouting(text: str) -> bool:
    """Whether the text is written in capitals throughout, like some headlines."""
    words = _CAPS_WORD_RE.findall(text)
    caps = sum(1 for w in words if w.isupper())
    return caps >= 4 and caps >= 0.6 * len(words)


def _caps_reader(shouting: bool) -> Callable[[re.Match[str]], str]:
    def read(m: re.Match[str]) -> str:
        word, suffix, gap = m.group(1), m.group(2) or "", m.group("gap") or ""
        if word in spoken.SAID_AS:
            return spoken.SAID_AS[word] + suffix + gap
        if word in spoken.WORD_ACRONYMS:
            return word.capitalize() + suffix + gap
        is_word = word in spoken.HEADLINE_WORDS or (len(word) >= 6 and _pronounceable(word))
        if shouting:
            # In a headline in capitals, a long word is a word ("STRENGTHENS"), not letters.
            is_word = is_word or word in spoken.COMMON_CAPS_WORDS
            is_word = is_word or (len(word) >= 4 and _pronounceable(word))
            is_word = is_word or (len(word) >= 7 and bool(_VOWELS.intersection(word.lower())))
        if is_word:
            return word.capitalize() + suffix + gap
        if suffix == "s":
            # "N G O's": espeak reads a plural "Os" as the letters O S.
            suffix = "'s"
        if word.endswith("A") and not suffix and gap:
            # "the U S A-is": a final A before a word would be read as the article.
            gap = "-"
        return _spell(word) + suffix + gap

    return read


# --------------------------------------------------------------------------------------------
# Tidying.

_PREPARE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("[\u00a0\u2007\u2009\u200a\u202f]"), " "),
    (re.compile("[\u2010\u2011\u2212]"), "-"),
    (_PLACEHOLDER_RE, ""),
)
_TIDY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[ \t]{2,}"), " "),
    (re.compile(r"[ \t]+(?=[,.;:!?)\]])"), ""),
    (re.compile(r"(?<=[(\[])[ \t]+"), ""),
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "."),
)


def _english(text: str, vault: _Vault, lexicon: Mapping[str, str] | None) -> str:
    shouting = _is_shouting(text)
    text = _EMAIL_RE.sub(lambda m: _say_email(m, vault), text)
    text = _URL_RE.sub(lambda m: _say_url(m, vault), text)
    if lexicon:
        text = _apply_lexicon(text, lexicon, vault)
    text = _hashtags_and_handles(text)
    text = _times(text)
    text = _dates(text)
    text = _abbreviations(text)
    text = _currencies(text)
    text = _measures(text)
    text = _ordinals_and_decades(text)
    text = _ROMAN_RE.sub(_roman, text)
    text = _symbols(text)
    text = _numbers(text)
    return _CAPS_RE.sub(_caps_reader(shouting), text)


_INTEGER_RE = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d|\d)")


def _num2words_lang(lang: str) -> str | None:
    from num2words import CONVERTER_CLASSES

    code = lang.replace("-", "_")
    if code in CONVERTER_CLASSES:
        return code
    base = code.split("_")[0].lower()
    return base if base in CONVERTER_CLASSES else None


def _other_language(text: str, lang: str, vault: _Vault, lexicon: Mapping[str, str] | None) -> str:
    # Addresses are kept verbatim: their spoken words ("dot", "at") are English.
    text = _EMAIL_RE.sub(lambda m: vault.protect(m.group(0)), text)
    text = _URL_RE.sub(lambda m: vault.protect(m.group(0)), text)
    if lexicon:
        text = _apply_lexicon(text, lexicon, vault)
    code = _num2words_lang(lang)
    if code is None:
        return text

    # Only plain integers: "1.000" and "4,8" mean different things in different languages.
    def say(m: re.Match[str]) -> str:
        try:
            return str(num2words(int(m.group(0)), lang=code))
        except (NotImplementedError, OverflowError, ValueError, KeyError):
            return m.group(0)

    return _INTEGER_RE.sub(say, text)


def normalize(text: str, lang: str = "en", lexicon: Mapping[str, str] | None = None) -> str:
    """Return ``text`` as a newsreader would say it, ready for a speech engine.

    ``text`` is one sentence or paragraph of clean written text. The result keeps its
    punctuation (so the voice phrases well) and the capitals of ordinary words; numbers,
    dates, times, money, units, abbreviations, symbols and web addresses become words, and
    acronyms are spelled as spaced capitals ("U N") unless they are said as words ("Nato").

    ``lang`` is a language code such as ``"en"`` or ``"en-GB"``. Only English gets the full
    treatment; for another language only plain integers are said (through num2words, when it
    knows the language) and everything else is left as written.

    ``lexicon`` maps a written word to how to say it: a respelling, or Piper phonemes in
    ``[[ ... ]]``. A lowercase key matches the word in any case; a key with capitals matches
    only that exact spelling. Entries are applied to whole words of the written text, after web
    and e-mail addresses are read and before every other rule, so an entry overrides the
    built-in reading (an acronym's spelling, an abbreviation) and its replacement is never
    changed by them. A respelling replaces the word; for a phoneme entry the word is kept
    exactly as written, and :func:`apply_phonemes` puts the phonemes in when it is spoken.

    >>> normalize("The UN marks the 15th anniversary on 2 July 2021.")
    'The U N marks the fifteenth anniversary on the second of July, twenty twenty-one.'
    """
    for pattern, replacement in _PREPARE:
        text = pattern.sub(replacement, text)
    vault = _Vault()
    if lang.replace("_", "-").split("-")[0].lower() == "en":
        out = _english(text, vault, lexicon)
    else:
        out = _other_language(text, lang, vault, lexicon)
    for pattern, replacement in _TIDY:
        out = pattern.sub(replacement, out)
    out = out.strip()
    # A sentence that began with a figure ("2 July ...") begins with a lowercase word now.
    if out[:1].islower() and text.lstrip()[:1] and not text.lstrip()[:1].islower():
        out = out[:1].upper() + out[1:]
    return vault.restore(out)
