"""Fractions in French, Spanish, German and Italian: "2/3" and "⅔" said as a newsreader does.

"les 2/3 des voix" is "les deux tiers des voix", "3/4" "tres cuartos", "1/5" "ein Fünftel",
"2½" "zweieinhalb". A half is the language's own word before "of" ("la moitié des voix", "la mitad
de", "die Hälfte der", "la metà dei") and before a noun ("un demi-litre", "media hora", "eine
halbe Stunde", "mezzo litro"); a whole number and a fraction put the noun between them ("deux
heures et demie", "dos kilómetros y medio"). A tournament's stages are said by their names ("le
1/4 de finale" is "le quart de finale", "la 1/2 finale" "la demi-finale").

A slash between figures is a date after a word that makes it one: that pass runs first, so "le
3/4" is the third of April whatever follows ("les 3/4 de la salle" is the fraction). A mark is
said as one ("16/20" is "seize sur vingt"), and French says tenths of a group of people as
so many out of ten ("7/10 des Français" is "sept Français sur dix"). A whole number before a
fraction joins it with a slash too ("2 1/2 heures" is "deux heures et demie"); a fraction of a per
cent is said with its sign ("1/2 %" is "un demi pour cent"), and Spanish parts agree with
"partes" ("¾ partes" is "tres cuartas partes"). Only a fraction below one, with a denominator the
tables name, is said; another slash is left as written.
"""

from __future__ import annotations

import re

from . import spoken
from .cases_de import gender as german_gender
from .numbers_eu import _ALONE, _base, _before_noun, _cardinal, _converter
from .units_eu import UNITS, _of

# The tables are laid out by hand, to be read as tables.
# fmt: off

# Denominator -> (one part, several parts), as said after the numerator: "un tiers", "deux tiers".
PARTS: dict[str, dict[int, tuple[str, str]]] = {
    "fr": {2: ("demi", "demis"), 3: ("tiers", "tiers"), 4: ("quart", "quarts"),
           5: ("cinquième", "cinquièmes"), 6: ("sixième", "sixièmes"),
           7: ("septième", "septièmes"), 8: ("huitième", "huitièmes"),
           9: ("neuvième", "neuvièmes"), 10: ("dixième", "dixièmes"),
           100: ("centième", "centièmes"), 1000: ("millième", "millièmes")},
    "es": {2: ("medio", "medios"), 3: ("tercio", "tercios"), 4: ("cuarto", "cuartos"),
           5: ("quinto", "quintos"), 6: ("sexto", "sextos"), 7: ("séptimo", "séptimos"),
           8: ("octavo", "octavos"), 9: ("noveno", "novenos"), 10: ("décimo", "décimos"),
           100: ("centésimo", "centésimos"), 1000: ("milésimo", "milésimos")},
    "de": {2: ("halb", "halb"), 3: ("Drittel", "Drittel"), 4: ("Viertel", "Viertel"),
           5: ("Fünftel", "Fünftel"), 6: ("Sechstel", "Sechstel"), 7: ("Siebtel", "Siebtel"),
           8: ("Achtel", "Achtel"), 9: ("Neuntel", "Neuntel"), 10: ("Zehntel", "Zehntel"),
           100: ("Hundertstel", "Hundertstel"), 1000: ("Tausendstel", "Tausendstel")},
    "it": {2: ("mezzo", "mezzi"), 3: ("terzo", "terzi"), 4: ("quarto", "quarti"),
           5: ("quinto", "quinti"), 6: ("sesto", "sesti"), 7: ("settimo", "settimi"),
           8: ("ottavo", "ottavi"), 9: ("nono", "noni"), 10: ("decimo", "decimi"),
           100: ("centesimo", "centesimi"), 1000: ("millesimo", "millesimi")},
}
# A half before "of": (the article, the noun) - "la moitié des voix"; after an article already
# written ("plus de la 1/2") only the noun.
HALF_OF: dict[str, tuple[str, str]] = {
    "fr": ("la", "moitié"), "es": ("la", "mitad"), "de": ("die", "Hälfte"), "it": ("la", "metà"),
}
# Words that make a fraction "of" something.
OF: dict[str, frozenset[str]] = {
    "fr": frozenset("de des du d".split()), "es": frozenset("de del".split()),
    "de": frozenset("der des von vom aller".split()),
    "it": frozenset("di del della dei degli delle dello dell".split()),
}
ARTICLES: dict[str, frozenset[str]] = {
    "fr": frozenset("la le les une un".split()), "es": frozenset("la el los las una un".split()),
    "de": frozenset("die der das eine ein".split()), "it": frozenset("la il i le una un".split()),
}
# An article written before the fraction, which then says none of its own: "un 1/3 de" is
# "un tercio de", "une 1/2 heure" "une demi-heure".
INDEFINITE: dict[str, frozenset[str]] = {
    "fr": frozenset({"un", "une"}), "es": frozenset({"un", "una"}),
    "de": frozenset({"ein", "eine"}), "it": frozenset({"un", "una", "uno"}),
}
# A half before a noun, (masculine, feminine): "un demi-litre", "une demi-heure", "medio litro",
# "mezza giornata" (French joins it to the noun); German by gender below.
HALF_BEFORE: dict[str, tuple[str, str]] = {
    "fr": ("un demi-", "une demi-"), "es": ("medio ", "media "), "it": ("mezzo ", "mezza "),
}
GERMAN_HALF_BEFORE: dict[str, str] = {"m": "ein halber ", "f": "eine halbe ", "n": "ein halbes "}
# A whole number and a fraction: what joins them ("deux et demi", "dos y medio", "due e mezzo";
# German writes one word, "zweieinhalb"), and a half after a noun, (masculine, feminine).
AND: dict[str, str] = {"fr": "et", "es": "y", "de": "", "it": "e"}
HALF_AFTER: dict[str, tuple[str, str]] = {
    "fr": ("demi", "demie"), "es": ("medio", "media"), "it": ("mezzo", "mezza"),
}
# A tournament's stages: denominator -> (one, several), and the words after ("de finale").
STAGES: dict[str, dict[int, tuple[str, str]]] = {
    "fr": {4: ("quart", "quarts"), 8: ("huitième", "huitièmes"),
           16: ("seizième", "seizièmes")},
    "es": {4: ("cuarto", "cuartos"), 8: ("octavo", "octavos"),
           16: ("dieciseisavo", "dieciseisavos")},
    "it": {4: ("quarto", "quarti"), 8: ("ottavo", "ottavi"), 16: ("sedicesimo", "sedicesimi")},
}
FINAL: dict[str, str] = {"fr": "de finale", "es": "de final", "it": "di finale"}
# Words before a stage that make it one match ("le quart de finale", "el cuarto de final");
# after others it is the round ("en quarts de finale", "los octavos de final").
ONE_MATCH: dict[str, frozenset[str]] = {
    "fr": frozenset("le un au du en ce son".split()), "es": frozenset("el un al del".split()),
    "it": frozenset("il un al del".split()),
}
# A mark out of ten, twenty or a hundred, when nothing makes it a part of something: "16/20" and
# "7/10 en maths" are "seize sur vingt" and "sept sur dix"; "1/10 des votes" is "un dixième".
MARKS: frozenset[int] = frozenset({10, 20, 100})
OUT_OF: dict[str, str] = {"fr": "sur", "es": "sobre", "de": "von", "it": "su"}
# French says "sept Français sur dix" for "7/10 des Français" when the tenths are of a group of
# people; "7/10 des votes" stays "sept dixièmes des votes".
GROUPS: frozenset[str] = frozenset(
    "Français Françaises Européens Européennes Américains Allemands Italiens Espagnols Belges "
    "Suisses habitants électeurs électrices salariés jeunes personnes citoyens sondés "
    "répondants parents enfants adultes femmes hommes étudiants élèves patients médecins "
    "consommateurs retraités ménages agriculteurs seniors lecteurs internautes".split()
)
# fmt: on

_VULGAR = "".join(spoken.VULGAR_FRACTIONS)
# A French fraction may carry the ordinal's "e": "1/10e des voix".
_SUFFIX = {"fr": "(?P<suffix>e|es|ème|èmes)?"}


def _word_before(text: str, at: int) -> str:
    m = re.search(r"([^\W\d_]+)['’]?\s*$", text[:at])
    return m.group(1).lower() if m else ""


def _stages(text: str, lang: str) -> str:
    """'le 1/4 de finale' -> 'le quart de finale', 'la 1/2 finale' -> 'la demi-finale' (run
    before the dates, which would read 'le 1/4' as the first of April)."""
    base = _base(lang)
    if base not in STAGES:
        return text
    stages = STAGES[base]
    final = FINAL[base].replace(" ", r"\s+")
    half = r"|(?P<half>2)\s+(?=finales?\b)" if base == "fr" else ""
    pattern = re.compile(
        rf"{_ALONE}1/(?:(?P<d>{'|'.join(map(str, stages))}){_SUFFIX.get(base, '')}"
        rf"(?=\s+{final}\b){half})",
        re.IGNORECASE,
    )

    def say(m: re.Match[str]) -> str:
        if m.groupdict().get("half"):
            return "demi-"  # la demi-finale
        one, several = stages[int(m.group("d"))]
        return one if _word_before(text, m.start()) in ONE_MATCH[base] else several

    return pattern.sub(say, text)


def _noun_gender(noun: str, base: str) -> str:
    """'m', 'f' or 'n' (or '' where unsure, in German) for a noun or a unit symbol."""
    if noun in UNITS[base]:
        unit_gender = UNITS[base][noun][2]
        return unit_gender or ("" if base == "de" else "m")
    if base == "de":
        return german_gender(noun)
    return "f" if noun.lower() in spoken.FEMININE_NOUNS.get(base, ()) else "m"


def _fraction(n: int, d: int, base: str, code: str) -> str:
    one, several = PARTS[base][d]
    return f"{_before_noun(_cardinal(n, code), base, False)} {one if n == 1 else several}"


def _say(m: re.Match[str], lang: str) -> str:
    base, code = _base(lang), _converter(lang)
    if m.group("v"):
        n, d = spoken.VULGAR_FRACTIONS[m.group("v")]
    else:
        n, d = int(m.group("n")), int(m.group("d"))
    noun = m.group("noun") or ""
    word = noun.strip()
    head = re.split("['’]", word)[0].lower()  # "d'électeurs": "d"
    if (
        m.group("n")
        and not m.group("whole")
        and d in MARKS
        and 0 < n <= d
        and not m.groupdict().get("suffix")
        and head not in OF[base]
        and word not in UNITS[base]
    ):
        return f"{_cardinal(n, code)} {OUT_OF[base]} {_cardinal(d, code)}{noun}"
    if not 0 < n < d or d not in PARTS[base]:
        return m.group(0)
    if m.group("percent"):
        return _percent(m, n, d, base, code)
    if base == "es" and head in ("parte", "partes") and not m.group("whole"):  # tres cuartas partes
        return f"{_feminine_part(n, d, code)} {word}"
    counted = bool(word) and head not in spoken.NOT_COUNTED | OF[base]
    if base == "de":
        counted = counted and (word[:1].isupper() or word in UNITS[base])
    if m.group("whole"):
        said = _mixed(int(m.group("whole")), n, d, word if counted else "", base, code)
        return said if counted else said + noun
    said = _fraction(n, d, base, code)
    after_article = _word_before(m.string, m.start()) in INDEFINITE[base]
    if n == 1 and after_article:
        said = PARTS[base][d][0]  # "un tercio de", not "un un tercio"
    if (n, d) != (1, 2):
        if counted and word in UNITS[base]:  # trois quarts de litre, drei Viertel Liter
            return f"{said} {_of(UNITS[base][word][0], base)}"
        return said + noun
    if head in OF[base]:  # la moitié des voix
        article, half = HALF_OF[base]
        return (
            half if _word_before(m.string, m.start()) in ARTICLES[base] else f"{article} {half}"
        ) + noun
    if not counted:
        return said + noun
    # un demi-litre, media hora, eine halbe Stunde
    name = UNITS[base][word][0] if word in UNITS[base] else word
    kind = _noun_gender(word, base)
    if base == "de":
        german = GERMAN_HALF_BEFORE.get(kind)
        if german and after_article:
            german = german.partition(" ")[2]  # "eine 1/2 Stunde": eine halbe Stunde
        return f"{german}{name}" if german else said + noun
    half = HALF_BEFORE[base][kind == "f"]
    if base == "fr" and after_article:
        half = "demi-"  # une demi-heure
    if base == "it" and kind == "f" and name[:1] in "aeiou":
        half = "mezz'"  # mezz'ora
    return f"{half}{name}"


def _percent(m: re.Match[str], n: int, d: int, base: str, code: str) -> str:
    """'1/2 %' -> 'un demi pour cent', 'ein halbes Prozent'; '2 1/2 %' -> 'deux et demi pour
    cent', 'zweieinhalb Prozent'."""
    percent = spoken.NUMBER_WORDS[base]["percent"]
    if m.group("whole"):
        return f"{_mixed(int(m.group('whole')), n, d, '', base, code)} {percent}"
    if (n, d) == (1, 2):
        half = HALF_BEFORE[base][0].strip() if base != "de" else GERMAN_HALF_BEFORE["n"].strip()
        if base == "fr":
            half = "un demi"
        if _word_before(m.string, m.start()) in INDEFINITE[base]:
            half = half.split()[-1]  # "un 1/2 %": un demi pour cent
        return f"{half} {percent}"
    return f"{_fraction(n, d, base, code)} {percent}"


def _feminine_part(n: int, d: int, code: str) -> str:
    """Spanish parts before "partes" are feminine ordinals: 'tres cuartas', 'dos terceras'."""
    one, several = ("tercera", "terceras") if d == 3 else PARTS["es"][d]
    if d != 3:
        one, several = one[:-1] + "a", several[:-2] + "as"
    return f"{_before_noun(_cardinal(n, code), 'es', True)} {one if n == 1 else several}"


def _mixed(whole: int, n: int, d: int, noun: str, base: str, code: str) -> str:
    """'2½' -> 'deux et demi', 'zweieinhalb'; before a noun 'deux heures et demie'."""
    part = _fraction(n, d, base, code)
    if base == "de":
        # One word: zweieinhalb, zweidreiviertel; the noun after it ("zweieinhalb Kilometer").
        said = re.sub("eins$", "ein", _cardinal(whole, code)) + part.replace(" ", "").lower()
        if noun:
            name = UNITS[base][noun][1] if noun in UNITS[base] else noun
            said += f" {name}"
        return said
    if not noun:  # deux et demi, dos y medio, due e mezzo
        part = HALF_AFTER[base][0] if d == 2 else part
        return f"{_cardinal(whole, code)} {AND[base]} {part}"
    feminine = _noun_gender(noun, base) == "f"
    if noun in UNITS[base]:
        one, several, _ = UNITS[base][noun]
        # French is singular below two: "un kilomètre et demi".
        noun = one if whole == 1 else several
    if d == 2:
        part = HALF_AFTER[base][feminine]
    elif (n, d) == (1, 4) and base in ("fr", "es"):
        part = PARTS[base][4][0]  # deux heures et quart, dos horas y cuarto
    return f"{_before_noun(_cardinal(whole, code), base, feminine)} {noun} {AND[base]} {part}"


def _out_of_ten(text: str, code: str) -> str:
    """'7/10 des Français' -> 'sept Français sur dix', 'sept jeunes Français sur dix'. An
    adjective after the group is kept before 'sur dix' ('personnes interrogées'); a complement
    ('des salariés du privé') leaves the fraction as written, as does one tenth."""
    groups = "|".join(sorted(GROUPS, key=len, reverse=True))
    adjective = r"[a-zàâçéèêëîïôûù]+(?:ée?s|ais|aises|ains|aines|iens|iennes)"
    pattern = re.compile(
        rf"{_ALONE}(?P<n>[2-9])/10\s+(?:des|de|d['’])\s*"
        rf"(?P<who>(?:jeunes\s+)?(?:{groups})(?:\s+{adjective})?)\b(?!\s+(?:du|de|des|d['’])\b)"
    )
    return pattern.sub(lambda m: f"{_cardinal(int(m['n']), code)} {m['who']} sur dix", text)


def _fractions(text: str, lang: str) -> str:
    """'2/3', '⅔' and '2½' in words, where a fraction reads them."""
    base = _base(lang)
    if base == "fr":
        text = _out_of_ten(text, _converter(lang))
    pattern = re.compile(
        rf"{_ALONE}(?:(?P<whole>\d+)(?:\s?(?=[{_VULGAR}])|\s(?=[1-9]\d?/[1-9]\d?(?!\d))))?"
        rf"(?:(?P<v>[{_VULGAR}])"
        rf"|(?<![\d/])(?P<n>[1-9]\d?)/(?P<d>[1-9]\d{{0,3}}){_SUFFIX.get(base, '')})"
        r"(?![\w/]|[.,]\d)"
        r"(?:(?P<percent>\s?%)|(?P<noun>\s+[^\W\d_][^\s,.;:!?()«»\"“”]*))?"
    )
    return pattern.sub(lambda m: _say(m, lang), text)
