"""Weekdays abbreviated before a date in French, Spanish, German and Italian, said in full.

"ven. 3 mai" is "vendredi trois mai", "el vie. 3 de mayo" "el viernes tres de mayo", "dom. 1°
giugno" "domenica primo giugno", and German "Am Fr. 3. Mai" "Am Freitag, dem dritten Mai": the
voice read "Fr." as the letters, and pysbd ended a sentence there. An abbreviation is a weekday
only before a day number and its month (or a second day, "du lun. 3 au ven. 7 mai", or a time,
"mar. 14 à 18 h"), so "mar." at the end of a word or a sentence is left alone, and German "Fr."
before a name is still "Frau" (``titles_eu``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import spoken
from .cases_de import WEEKDAY_DATE_ARTICLES
from .context import _alternation
from .numbers_eu import _base

# fmt: off
WEEKDAYS: dict[str, dict[str, str]] = {
    "fr": {"lun.": "lundi", "mar.": "mardi", "mer.": "mercredi", "jeu.": "jeudi",
           "ven.": "vendredi", "sam.": "samedi", "dim.": "dimanche"},
    "es": {"lun.": "lunes", "mar.": "martes", "mié.": "miércoles", "miér.": "miércoles",
           "jue.": "jueves", "vie.": "viernes", "sáb.": "sábado", "dom.": "domingo"},
    "de": {"Mo.": "Montag", "Di.": "Dienstag", "Mi.": "Mittwoch", "Do.": "Donnerstag",
           "Fr.": "Freitag", "Sa.": "Samstag", "So.": "Sonntag"},
    "it": {"lun.": "lunedì", "mar.": "martedì", "mer.": "mercoledì", "gio.": "giovedì",
           "ven.": "venerdì", "sab.": "sabato", "dom.": "domenica"},
}
# A second day after the first, in a span of days: "du lun. 3 au ven. 7 mai".
SPAN_WORDS: dict[str, str] = {"fr": "au|et", "es": "al|a|y", "de": "bis|und", "it": "al|a|e"}
# A time of day after the day: "mar. 14 à 18 h", "vie. 3 a las 20:00", "gio. 2 alle 21".
AT_WORDS: dict[str, str] = {"fr": "à", "es": "a las|a la", "de": "um", "it": "alle|ore"}
# fmt: on


def weekday(word: str, lang: str) -> str | None:
    """The weekday ``word`` abbreviates in ``lang`` ("ven.", "Fr."), or None."""
    days = WEEKDAYS.get(_base(lang), {})
    return days.get(word) or days.get(word.lower()) if _base(lang) != "de" else days.get(word)


@lru_cache(maxsize=8)
def _weekday_re(base: str) -> re.Pattern[str]:
    days = WEEKDAYS[base]
    abbreviations = _alternation(days)
    # German says the article a weekday's date takes (see ``WEEKDAY_DATE_ARTICLES``), after a
    # weekday written in full too: "am Freitag, 3. Mai".
    names = "|".join(days.values()) if base == "de" else ""
    months = "|".join(spoken.MONTH_NAMES[base])
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:er|°|º|\.)?"
    span = rf"\s*(?:[-–]|\s(?:{SPAN_WORDS[base]})\s)\s*(?:(?:{abbreviations})\s+)?\d"
    # A numeric date: German ends its month with a full stop ("3.5."), the others use a slash.
    numeric = r"\d{1,2}\.\d{1,2}\." if base == "de" else r"\d{1,2}/\d{1,2}(?![\d,]|\.\d)"
    at = rf"\s+(?:{AT_WORDS[base]})\s+\d"
    date = rf"(?:{day}(?:\s+(?:de\s+)?(?:{months})\b|{span}|{at})|{numeric})"
    return re.compile(
        rf"(?:\b(?P<before>[^\W\d_]+)\s+)?(?<![\w.])(?P<day>{abbreviations}"
        rf"{'|' + names if names else ''})(?P<comma>,)?\s+(?=(?P<article>(?:den|dem)\s+)?{date})",
        0 if base == "de" else re.IGNORECASE,
    )


def _weekdays(text: str, lang: str) -> str:
    """Each weekday abbreviated before a date, said in full."""
    base = _base(lang)

    def say(m: re.Match[str]) -> str:
        before, written = m.group("before"), m.group("day")
        lead = m.group(0)[: m.start("day") - m.start()]
        said = weekday(written, lang)
        if said is None:  # German, a weekday written in full
            said = written
        elif written[:1].isupper():
            said = said[:1].upper() + said[1:]
        if base != "de":
            return f"{lead}{said}{m.group('comma') or ''} "
        article = WEEKDAY_DATE_ARTICLES.get((before or "").lower())
        if article and not m.group("article"):
            return f"{lead}{said}, {article} "
        if said == written and not m.group("comma"):  # "am Freitag 3. Mai" as written
            return m.group(0)
        return f"{lead}{said}, "

    return _weekday_re(base).sub(say, text)
