"""German case and gender, as far as the figures before a noun need them.

"ein" before a noun is "ein halber Liter" but "eine halbe Stunde" and "ein halbes Jahr": the
word that agrees with the noun depends on its gender. Only nouns whose gender is sure are listed;
another noun is left as the plain form says it. A day's ordinal takes its case from the word
before it: "bis 31. Dezember" is "bis einunddreißigsten Dezember", "seit 1. Januar" "seit erstem
Januar".
"""

from __future__ import annotations

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
