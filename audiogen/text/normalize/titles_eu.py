"""Titles before a name in French, Spanish, German and Italian, said in full.

"M. Dupont" is "monsieur Dupont", "la Sra. López" "la señora López", "Prof. Dr. Klein" "Professor
Doktor Klein", "la Dott.ssa Neri" "la dottoressa Neri": the voice reads "M." as the letter and
"Mme" as a word it does not know. A title is said only where a name follows (or, in French, "le
maire", "la ministre"), so that a sentence ending on "à M." and a Roman numeral are left as
written. The sentence splitter asks :func:`names_follow` too, so that "MM. Dupont" is one
sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .context import _alternation
from .numbers_eu import _base

# fmt: off
# Abbreviation -> the title as said before a name, lowercase as it is written in running text
# (German nouns keep their capital).
TITLES: dict[str, dict[str, str]] = {
    "fr": {"M.": "monsieur", "MM.": "messieurs", "Mme": "madame", "Mme.": "madame",
           "Mmes": "mesdames", "Mlle": "mademoiselle", "Mlles": "mesdemoiselles",
           "Dr": "docteur", "Dr.": "docteur", "Pr": "professeur", "Pr.": "professeur",
           "Me": "maître", "Mgr": "monseigneur"},
    "es": {"Sr.": "señor", "Sres.": "señores", "Sra.": "señora", "Sras.": "señoras",
           "Srta.": "señorita", "D.": "don", "Dña.": "doña", "Dª": "doña", "Dr.": "doctor",
           "Dra.": "doctora"},
    "de": {"Hr.": "Herr", "Hrn.": "Herrn", "Fr.": "Frau", "Dr.": "Doktor", "Prof.": "Professor"},
    "it": {"Sig.": "signor", "Sigg.": "signori", "Sig.ra": "signora", "Sig.na": "signorina",
           "Dott.": "dottor", "Dott.ssa": "dottoressa", "Dr.": "dottor", "Prof.": "professor",
           "Prof.ssa": "professoressa", "On.": "onorevole", "Avv.": "avvocato",
           "Ing.": "ingegner"},
}
# Capitalized words that begin a sentence rather than a name: after "à M." the word "Il" starts
# the next sentence. Before another capitalized word they are part of a name ("Le Pen").
NOT_NAMES: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "Il Elle Ils Elles On Le La Les Un Une Des Ce Cet Cette Ces Je Tu Nous Vous Mais Et Ou "
        "Donc Or Ni Car En Au Aux Du De Dans Pour Par Sur Sous Selon Avec Sans Après Avant "
        "Depuis Pendant Lors Si Son Sa Ses Leur Leurs Notre Nos Votre Qui Que Quand Comme Puis "
        "Alors Ainsi Enfin Cependant Toutefois Pourtant Mon Ma Mes Tout Tous Toute Toutes "
        "Aujourd Hier Demain Ici Là Oui Non".split()
    ),
    "es": frozenset(
        "El La Los Las Lo Un Una Unos Unas Y E O U Pero Sino En De Del Al A Con Por Para Según "
        "Sin Tras Desde Hasta Este Esta Estos Estas Ese Esa Esos Esas Eso Esto Él Ella Ellos "
        "Ellas Yo Nosotros Se Su Sus Le Les Que Qué Cuando Como Si No Ya Hoy Ayer Mañana "
        "También Además Así Luego Entonces Sí".split()
    ),
    "de": frozenset(
        "Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Er Sie Es Wir Ihr Ich Man "
        "Und Oder Aber Doch Denn Im In Am An Auf Aus Bei Mit Nach Von Vom Vor Zu Zum Zur Für "
        "Über Unter Um Seit Dies Diese Dieser Dieses Dabei Damit Dann Danach Da Als Wenn Wie "
        "Was Wer Auch Nun Heute Gestern Morgen So Laut Sein Seine Ihre Kein Keine Nicht "
        "Ja Nein".split()
    ),
    "it": frozenset(
        "Il Lo La I Gli Le Un Uno Una E Ed Ma O In Nel Nella Nei Nelle Del Della Dei Delle Al "
        "Alla Ai Alle Da Dal Dalla Di Per Con Su Sul Sulla Secondo Questo Questa Questi "
        "Queste Quello Quella Lui Lei Loro Io Noi Voi Si Non Che Come Quando Se Anche Oggi "
        "Ieri Domani Poi Inoltre Ci Ne Sono Così Già".split()
    ),
}
# Lowercase words after a title that still make it one: a French article before an office
# ("M. le maire") and the particles of a surname ("M. de Villepin", "Sr. de la Vega").
ARTICLES_OF_OFFICE: dict[str, frozenset[str]] = {
    "fr": frozenset({"le", "la", "les", "l"}), "es": frozenset(), "de": frozenset(),
    "it": frozenset(),
}
PARTICLES: frozenset[str] = frozenset(
    "de d du des von van zu del della di da dal dalla dei degli".split()
)
# Words that may follow the first particle of a surname: "von der Leyen", "de la Vega".
MORE_PARTICLES: frozenset[str] = PARTICLES | frozenset("der den la las los le".split())
# fmt: on

# The next word, with an elided article's apostrophe ("l'", "d'") as its end.
_WORD_RE = re.compile(r"\s+([^\W\d_]+(?:['’](?=\w))?|[A-Z]\.)")


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def names_follow(rest: str, lang: str) -> bool:
    """Whether ``rest``, the text after a title in ``lang``, begins with a name (or another
    title, or in French an office: "M. le maire")."""
    base = _base(lang)
    titles = TITLES.get(base)
    first = rest.split(maxsplit=1)[0] if rest[:1].isspace() and rest.strip() else ""
    if titles is None or not first:
        return False
    if first in titles:  # "Prof. Dr. Klein"
        return names_follow(rest.lstrip()[len(first) :], lang)
    m = _WORD_RE.match(rest)
    if m is None:
        return False
    word, after = m.group(1), rest[m.end() :]
    if re.fullmatch(r"[A-Z]\.", word):  # an initial: "M. J. Dupont"
        return True
    bare = word.rstrip("'’")
    if bare in ARTICLES_OF_OFFICE[base]:
        return True
    if bare in PARTICLES:
        return _name_after(after)
    if not _is_capitalized(word) or bare != word:
        return False
    if bare in NOT_NAMES[base]:
        return _name_after(after)  # "Le Pen", "La Fontaine", "De Gaulle"
    return True


def _name_after(rest: str) -> bool:
    """Whether ``rest`` begins with a capitalized word, past a surname's particles."""
    for word in re.findall(r"[^\W\d_]+", rest)[:4]:
        if word not in MORE_PARTICLES:
            return _is_capitalized(word)
    return False


@lru_cache(maxsize=8)
def _title_re(base: str) -> re.Pattern[str]:
    titles = _alternation(TITLES[base])
    return re.compile(rf"(?<![\w.])(?:{titles})(?=\s)")


def _titles(text: str, lang: str) -> str:
    """Each title before a name said in full."""
    base = _base(lang)
    titles = TITLES[base]

    def say(m: re.Match[str]) -> str:
        title = m.group(0)
        before = text[: m.start()]
        word = before.split()[-1] if before.strip() else ""
        # An initial, not a title: "J. M. Dupont", "Franklin D. Roosevelt" (French names
        # do not put an initial between first name and surname, so "Ensuite M. Dupont" is one).
        if re.fullmatch(r"[A-Z]\.", word) or (
            title == "D."
            and re.fullmatch(r"[^\W\d_]+", word)
            and word not in NOT_NAMES[base]
            and _is_capitalized(word)
        ):
            return title
        if not names_follow(text[m.end() :], lang):
            return title
        said = titles[title]
        # Capitalized where a sentence starts, as the title was.
        if not before.strip() or re.search(r"[.!?…«\"“]\s*$", before):
            said = said[:1].upper() + said[1:]
        return said

    return _title_re(base).sub(say, text)
