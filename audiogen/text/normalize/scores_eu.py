"""Scores, and figures with a slash that are names, in French, Spanish, German and Italian.

A score is two figures joined by a colon or a hyphen where a word before it makes it one: "Das
Spiel endete 2:1" is "zwei zu eins", "s'est imposé 2-1" "deux à un", "ganó 2-1" "dos a uno",
"ha vinto 2-1" "due a uno", and a French draw "1-1" "un partout". German writes a score with a
colon only and joins it to the noun after it ("ein 2:1-Sieg" is "ein Zwei-zu-eins-Sieg").
Without such a word "um 18:30" stays a time and "10-15" a range.

"24/7" and "50/50" are said as the language says them ("rund um die Uhr", "cinquante-cinquante"),
and a season or fiscal year that runs into the next year ("2022/23", "2022/2023") as its two
years, as the English rule in ``dates`` reads it: only when the second year follows the first.
"""

from __future__ import annotations

import re

from .dates import SEASON_RE, season_years
from .numbers_eu import _ALONE, _base, _cardinal, _converter
from .words import num2words

# fmt: off
# The word that joins a score's figures.
SCORE_TO: dict[str, str] = {"fr": "à", "es": "a", "de": "zu", "it": "a"}
# Words that make the figures after them a score, up to four words before it in its clause
# ("Bayern gewann gegen Mainz 3:0", "une victoire 3-0", "ha vinto in casa 2-1").
SCORE_CUES: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "score victoire victoires défaite défaites imposé imposée imposés imposées gagné "
        "battu battue battus perdu emporté nul terminé terminée achevé achevée".split()
    ),
    "es": frozenset(
        "ganó ganaron gana ganan venció vencieron vence victoria victorias derrota derrotas "
        "perdió perdieron empate empató marcador goleó resultado terminó acabó finalizó".split()
    ),
    "de": frozenset(
        "endete endeten endet gewann gewannen gewinnt siegte siegten siegt verlor verloren "
        "verliert Sieg Niederlage Unentschieden Endstand Halbzeitstand Spielstand Ergebnis "
        "Verhältnis steht stand mit".split()
    ),
    "it": frozenset(
        "vinto vince vincono vittoria vittorie sconfitta sconfitte pareggio perso battuto "
        "battuta risultato finita finito terminata terminato".split()
    ),
}
# A word right before the figures that makes them a time, whatever came earlier ("gewann das
# Rennen um 18:30").
TIME_WORDS: frozenset[str] = frozenset(
    "um gegen ab bis à vers dès las a desde hasta alle ore dalle fino".split()
)
# German nouns a score is joined to by a hyphen: "2:1-Sieg", "0:3-Niederlage".
GERMAN_SCORE_NOUNS = "Sieg|Heimsieg|Auswärtssieg|Erfolg|Niederlage|Heimniederlage|Führung|Remis"

# "24/7" and "50/50".
ROUND_THE_CLOCK: dict[str, str] = {
    "fr": "vingt-quatre heures sur vingt-quatre, sept jours sur sept",
    "es": "las veinticuatro horas del día, los siete días de la semana",
    "de": "rund um die Uhr",
    "it": "ventiquattro ore su ventiquattro",
}
# French "24h/24" and "7j/7", as "24/7" is said.
FRENCH_ROUND_THE_CLOCK: dict[str, str] = {
    r"24\s?h\s?/\s?24": "vingt-quatre heures sur vingt-quatre",
    r"7\s?j\s?/\s?7": "sept jours sur sept",
}
# German says the English word ("Die Chancen stehen fifty-fifty", in Duden); Spanish says
# "al cincuenta por ciento", its "al" written or not.
FIFTY_FIFTY: dict[str, str] = {
    "fr": "cinquante-cinquante", "es": "al cincuenta por ciento", "de": "fifty-fifty",
    "it": "cinquanta e cinquanta",
}
# What joins a season's two years: a pause, as a newsreader says "deux mille vingt-deux, deux
# mille vingt-trois".
SEASON_JOIN = " - "
# fmt: on

_SCORE_RE = re.compile(
    rf"{_ALONE}(?P<a>\d{{1,3}})\s?(?P<sep>[:\-–])\s?(?P<b>\d{{1,3}})"
    rf"(?P<noun>-(?:{GERMAN_SCORE_NOUNS})\b)?(?![\w:/]|[.,]\d|-\d)"
)
# What ends the clause before a score.
_CLAUSE_END = re.compile(r"[.;:!?()«»\"“”\n]")


def _is_score(before: str, base: str, noun: str) -> bool:
    if noun:
        return True
    words = re.findall(r"[^\W\d_]+", _CLAUSE_END.split(before)[-1])
    if not words or words[-1].lower() in TIME_WORDS:
        return False
    cues = SCORE_CUES[base]
    return any(w in cues or w.lower() in cues for w in words[-4:])


def _scores(text: str, lang: str) -> str:
    """'endete 2:1' -> 'endete zwei zu eins', 'ganó 2-1' -> 'ganó dos a uno'."""
    base, code = _base(lang), _converter(lang)

    def say(m: re.Match[str]) -> str:
        noun = m.group("noun") or ""
        if base == "de" and m.group("sep") != ":":
            return m.group(0)  # German writes a score with a colon; "5-10" is a range
        # German "1:1" is a score or a ratio whatever the words before it: one figure after the
        # colon is no time.
        ratio = base == "de" and m.group("sep") == ":" and len(m.group("b")) == 1
        if not (ratio or _is_score(text[: m.start()], base, noun)):
            return m.group(0)
        a, b = (_cardinal(int(m.group(g)), code) for g in ("a", "b"))
        if base == "fr" and a == b and a != "zéro":
            return f"{a} partout"  # "un partout", "deux partout"
        said = f"{a} {SCORE_TO[base]} {b}"
        if noun:  # ein Zwei-zu-eins-Sieg
            return said.replace(" ", "-").capitalize() + noun
        return said

    return _SCORE_RE.sub(say, text)


def _year(n: int, base: str, code: str) -> str:
    if base == "de" and 1100 <= n <= 1999:
        return num2words(n, lang="de", to="year")  # neunzehnhundertneunundneunzig
    return _cardinal(n, code)


def _slash_names(text: str, lang: str) -> str:
    """'24/7', '50/50' and a season '2022/23' in words (run after the dates: 'le 24/7' is the
    twenty-fourth of July)."""
    base, code = _base(lang), _converter(lang)

    def fifty(m: re.Match[str]) -> str:
        said = FIFTY_FIFTY[base]
        if base == "es" and re.search(r"\bal\s+$", text[: m.start()]):
            return said.removeprefix("al ")  # "al 50/50"
        return said

    text = re.sub(r"(?<![\w./])24/7(?![\w/]|[.,]\d)", ROUND_THE_CLOCK[base], text)
    if base == "fr":  # "ouvert 24h/24 et 7j/7"
        for written, said in FRENCH_ROUND_THE_CLOCK.items():
            text = re.sub(rf"(?<![\w./]){written}(?![\w/]|[.,]\d)", said, text)
    text = re.sub(r"(?<![\w./])50/50(?![\w/]|[.,]\d)", fifty, text)

    def season(m: re.Match[str]) -> str:
        years = season_years(m)
        if years is None:
            return m.group(0)
        return f"{_year(years[0], base, code)}{SEASON_JOIN}{_year(years[1], base, code)}"

    return SEASON_RE.sub(season, text)
