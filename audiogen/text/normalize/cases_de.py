"""German case and gender, as far as the figures before a noun need them.

"ein" before a noun is "ein halber Liter" but "eine halbe Stunde" and "ein halbes Jahr": the
word that agrees with the noun depends on its gender. Only nouns whose gender is sure are listed;
another noun is left as the plain form says it. "1" before a noun takes the case the word before
it gives: "kostet 1 €" is "kostet einen Euro", "mit 1 km" "mit einem Kilometer", "mit 1 t" "mit
einer Tonne". A day's ordinal does too: "bis 31. Dezember" is "bis einunddreißigsten Dezember",
"seit 1. Januar" "seit erstem Januar".
"""

from __future__ import annotations

import re

from . import spoken

# Nouns a figure often counts or measures in the news, by gender ("f" ones are in
# ``spoken.FEMININE_NOUNS``). "Grad" and "Hektar" are left out: both are masculine and neuter.
MASCULINE: frozenset[str] = frozenset(
    "Kilometer Meter Liter Zentimeter Millimeter Euro Dollar Franken Cent Rappen Tag Monat "
    "Punkt Prozentpunkt Platz Sitz Mann Preis Fall Schritt".split()
)
NEUTER: frozenset[str] = frozenset(
    "Jahr Kind Prozent Mal Kilogramm Kilo Gramm Pfund Tor Land Haus Mitglied Opfer Dutzend "
    "Glas Stück".split()
)


def gender(noun: str) -> str:
    """'m', 'f' or 'n' for a German noun whose gender is sure, else ''."""
    if noun in spoken.FEMININE_NOUNS["de"]:
        return "f"
    return "m" if noun in MASCULINE else "n" if noun in NEUTER else ""


# The ending of a day's ordinal after a preposition written without its article (the ones with
# an article, "am", "zum", "den", are in ``spoken.GERMAN_ORDINAL_ENDINGS``): "bis" takes the
# accusative, "ab" the accusative or dative, "seit" the dative.
DATE_ENDINGS: dict[str, str] = {"bis": "en", "ab": "en", "seit": "em"}
# The article a date takes after a weekday, from the word before the weekday: "am Fr. 3. Mai" is
# "am Freitag, dem dritten Mai", "bis Fr. 3. Mai" "bis Freitag, den dritten Mai"; a weekday
# alone ("Fr. 3. Mai") is a dateline, "Freitag, dritter Mai".
WEEKDAY_DATE_ARTICLES: dict[str, str] = {
    "am": "dem", "vom": "dem", "zum": "dem", "ab": "dem", "seit": "dem", "bis": "den", "für": "den",
}  # fmt: skip

# Words before "1" and its noun that give it a case. Prepositions always do. Verbs take an
# accusative object, but German puts the subject after the verb too ("Heute kostet 1 l Diesel
# 1,80 €"), so after a verb only a unit or a currency followed by no noun and no figure counts
# ("kostet 1 €", "läuft 1 km", "beträgt 1 m"). Two-way prepositions ("auf", "in", "über") are
# left out.
DATIVE_PREPOSITIONS: frozenset[str] = frozenset(
    "mit bei nach von aus seit zu ab gegenüber samt nebst".split()
)
ACCUSATIVE_PREPOSITIONS: frozenset[str] = frozenset("um für durch gegen ohne".split())
CONJUNCTIONS: frozenset[str] = frozenset("und oder sowie".split())
# The word before the first of two counted nouns: "mit" in "mit 1 Mann und", "mit einer Million
# Euro oder".
_FIRST_OF_TWO = r"([^\W\d_]+)\s+(?:\d+|ein\w*)(?:\s+[A-ZÄÖÜ][^\s,.;:!?]*){1,2}\s+\w+\s+$"
ACCUSATIVE_VERBS: frozenset[str] = frozenset(
    "kostet kosten kostete kosteten läuft laufen lief liefen fährt fahren fuhr fuhren "
    "schwimmt schwimmen schwamm schwammen zahlt zahlen zahlte zahlten bezahlt bezahlen "
    "bezahlte bezahlten erhält erhalten erhielt erhielten bekommt bekommen bekam bekamen "
    "beträgt betragen betrug betrugen spart sparen sparte sparten verdient verdienen "
    "verdiente verdienten spendet spenden spendete spendeten".split()
)
# Adjectives after a measure that put it in the accusative: "1 km lang" is "einen Kilometer lang".
MEASURE_ADJECTIVES: frozenset[str] = frozenset(
    "lang breit hoch tief dick weit entfernt schwer alt groß länger breiter höher tiefer weiter "
    "kürzer niedriger schwerer älter größer".split()
)
# "1" before a noun by case and gender; "mn" is a noun that is masculine or neuter ("Grad",
# "Hektar"): "einem" either way, and its accusative is left as "ein".
ONE: dict[tuple[str, str], str] = {
    ("accusative", "m"): "einen", ("dative", "m"): "einem", ("dative", "n"): "einem",
    ("dative", "mn"): "einem", ("dative", "f"): "einer",
}  # fmt: skip


def one_in_case(said: str, before: str, after: str, gender: str, unit: bool = True) -> str:
    """``said`` (words for a figure and what it counts) with its "ein"/"eine" in the case the
    word ending ``before`` gives, for a noun of ``gender``; ``after`` is the text after the
    noun, and ``unit`` tells a unit or currency from a counted noun."""
    first, _, rest = said.partition(" ")
    m = re.search(r"([^\W\d_]+)\s+$", before)
    if first not in ("ein", "eine") or not gender:
        return said
    word = m.group(1).lower() if m else ""
    if word in CONJUNCTIONS:
        # The second of two counted nouns takes the first one's preposition: "mit 1 Mann und 1
        # Kind" is "mit einem Mann und einem Kind".
        m = re.search(_FIRST_OF_TWO, before)
        word = m.group(1).lower() if m else ""
        if word not in DATIVE_PREPOSITIONS | ACCUSATIVE_PREPOSITIONS:
            return said
    if word in DATIVE_PREPOSITIONS:
        case = "dative"
    elif (
        word in ACCUSATIVE_PREPOSITIONS
        or (unit and word in ACCUSATIVE_VERBS and not re.match(r"\s*(?:[A-ZÄÖÜ\d])", after))
        or (unit and (m := re.match(r"\s+(\w+)\b", after)) and m.group(1) in MEASURE_ADJECTIVES)
    ):
        case = "accusative"
    else:
        return said
    one = ONE.get((case, gender), first)
    return f"{one} {rest}" if rest else one
