"""Units, degrees and signed figures in French, Spanish, German and Italian.

"5 km" is "cinq kilomètres", "25 °C" "veinticinco grados", "-3 %" "minus drei Prozent",
"1,80 m" "un metro e ottanta": Pico spells a unit symbol out letter by letter, or not at all,
and reads a minus sign as a pause. The figure agrees with its unit as a newsreader of the
language makes it agree: "une tonne", "veintiuna hectáreas", "eine Tonne"; French keeps the unit
singular below two ("un virgule cinq litre", "moins un degré"). A unit after a slash is "per"
it: "1,85 €/l" is "un euro quatre-vingt-cinq par litre", "95 hab./km²" "quatre-vingt-quinze
habitants par kilomètre carré".
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import spoken
from .cases_de import one_in_case
from .context import _alternation
from .numbers_eu import _ALONE, _NUM, _base, _before_noun, _converter, _say_number, _whole
from .words import num2words

# The tables are laid out by hand, one unit a line, to be read as tables.
# fmt: off

# Unit symbols written after a figure: symbol -> (one, several, "f" if feminine, else ""; German
# says "m" or "n" too, where the gender is sure, since "einen" and "einem" depend on it).
# Case matters ("t" is a tonne, "T" is not). A symbol that is a word too ("s", "M") is left out:
# "3 M€" is money. "h" is hours where the times before have not read a clock time ("en 48 h").
UNITS: dict[str, dict[str, tuple[str, str, str]]] = {
    "fr": {
        "km/h": ("kilomètre heure", "kilomètres heure", ""),
        "km²": ("kilomètre carré", "kilomètres carrés", ""),
        "km2": ("kilomètre carré", "kilomètres carrés", ""),
        "m²": ("mètre carré", "mètres carrés", ""),
        "m2": ("mètre carré", "mètres carrés", ""),
        "m³": ("mètre cube", "mètres cubes", ""),
        "m3": ("mètre cube", "mètres cubes", ""),
        "km": ("kilomètre", "kilomètres", ""),
        "m": ("mètre", "mètres", ""),
        "cm": ("centimètre", "centimètres", ""),
        "mm": ("millimètre", "millimètres", ""),
        "kg": ("kilogramme", "kilogrammes", ""),
        "g": ("gramme", "grammes", ""),
        "mg": ("milligramme", "milligrammes", ""),
        "t": ("tonne", "tonnes", "f"),
        "l": ("litre", "litres", ""),
        "cl": ("centilitre", "centilitres", ""),
        "ml": ("millilitre", "millilitres", ""),
        "ha": ("hectare", "hectares", ""),
        "h": ("heure", "heures", "f"),
        "min": ("minute", "minutes", "f"),
        "mn": ("minute", "minutes", "f"),
        "kW": ("kilowatt", "kilowatts", ""),
        "MW": ("mégawatt", "mégawatts", ""),
        "GW": ("gigawatt", "gigawatts", ""),
        "kWh": ("kilowattheure", "kilowattheures", ""),
        "MWh": ("mégawattheure", "mégawattheures", ""),
        "GWh": ("gigawattheure", "gigawattheures", ""),
        "TWh": ("térawattheure", "térawattheures", ""),
        "‰": ("pour mille", "pour mille", ""),
    },
    "es": {
        "km/h": ("kilómetro por hora", "kilómetros por hora", ""),
        "km²": ("kilómetro cuadrado", "kilómetros cuadrados", ""),
        "km2": ("kilómetro cuadrado", "kilómetros cuadrados", ""),
        "m²": ("metro cuadrado", "metros cuadrados", ""),
        "m2": ("metro cuadrado", "metros cuadrados", ""),
        "m³": ("metro cúbico", "metros cúbicos", ""),
        "m3": ("metro cúbico", "metros cúbicos", ""),
        "km": ("kilómetro", "kilómetros", ""),
        "m": ("metro", "metros", ""),
        "cm": ("centímetro", "centímetros", ""),
        "mm": ("milímetro", "milímetros", ""),
        "kg": ("kilogramo", "kilogramos", ""),
        "g": ("gramo", "gramos", ""),
        "mg": ("miligramo", "miligramos", ""),
        "t": ("tonelada", "toneladas", "f"),
        "l": ("litro", "litros", ""),
        "cl": ("centilitro", "centilitros", ""),
        "ml": ("mililitro", "mililitros", ""),
        "ha": ("hectárea", "hectáreas", "f"),
        "h": ("hora", "horas", "f"),
        "min": ("minuto", "minutos", ""),
        "kW": ("kilovatio", "kilovatios", ""),
        "MW": ("megavatio", "megavatios", ""),
        "GW": ("gigavatio", "gigavatios", ""),
        "kWh": ("kilovatio hora", "kilovatios hora", ""),
        "MWh": ("megavatio hora", "megavatios hora", ""),
        "GWh": ("gigavatio hora", "gigavatios hora", ""),
        "TWh": ("teravatio hora", "teravatios hora", ""),
        "‰": ("por mil", "por mil", ""),
    },
    "de": {
        "km/h": ("Kilometer pro Stunde", "Kilometer pro Stunde", "m"),
        "km²": ("Quadratkilometer", "Quadratkilometer", "m"),
        "km2": ("Quadratkilometer", "Quadratkilometer", "m"),
        "m²": ("Quadratmeter", "Quadratmeter", "m"),
        "m2": ("Quadratmeter", "Quadratmeter", "m"),
        "m³": ("Kubikmeter", "Kubikmeter", "m"),
        "m3": ("Kubikmeter", "Kubikmeter", "m"),
        "km": ("Kilometer", "Kilometer", "m"),
        "m": ("Meter", "Meter", "m"),
        "cm": ("Zentimeter", "Zentimeter", "m"),
        "mm": ("Millimeter", "Millimeter", "m"),
        "kg": ("Kilogramm", "Kilogramm", "n"),
        "g": ("Gramm", "Gramm", "n"),
        "mg": ("Milligramm", "Milligramm", "n"),
        "t": ("Tonne", "Tonnen", "f"),
        "l": ("Liter", "Liter", "m"),
        "cl": ("Zentiliter", "Zentiliter", "m"),
        "ml": ("Milliliter", "Milliliter", "m"),
        "ha": ("Hektar", "Hektar", ""),
        "h": ("Stunde", "Stunden", "f"),
        "min": ("Minute", "Minuten", "f"),
        "kW": ("Kilowatt", "Kilowatt", "n"),
        "MW": ("Megawatt", "Megawatt", "n"),
        "GW": ("Gigawatt", "Gigawatt", "n"),
        "kWh": ("Kilowattstunde", "Kilowattstunden", "f"),
        "MWh": ("Megawattstunde", "Megawattstunden", "f"),
        "GWh": ("Gigawattstunde", "Gigawattstunden", "f"),
        "TWh": ("Terawattstunde", "Terawattstunden", "f"),
        "‰": ("Promille", "Promille", "n"),
        "ct": ("Cent", "Cent", "m"),
    },
    "it": {
        "km/h": ("chilometro orario", "chilometri orari", ""),
        "km²": ("chilometro quadrato", "chilometri quadrati", ""),
        "km2": ("chilometro quadrato", "chilometri quadrati", ""),
        "m²": ("metro quadrato", "metri quadrati", ""),
        "m2": ("metro quadrato", "metri quadrati", ""),
        "mq": ("metro quadrato", "metri quadrati", ""),
        "m³": ("metro cubo", "metri cubi", ""),
        "m3": ("metro cubo", "metri cubi", ""),
        "mc": ("metro cubo", "metri cubi", ""),
        "km": ("chilometro", "chilometri", ""),
        "m": ("metro", "metri", ""),
        "cm": ("centimetro", "centimetri", ""),
        "mm": ("millimetro", "millimetri", ""),
        "kg": ("chilogrammo", "chilogrammi", ""),
        "g": ("grammo", "grammi", ""),
        "mg": ("milligrammo", "milligrammi", ""),
        "t": ("tonnellata", "tonnellate", "f"),
        "l": ("litro", "litri", ""),
        "cl": ("centilitro", "centilitri", ""),
        "ml": ("millilitro", "millilitri", ""),
        "ha": ("ettaro", "ettari", ""),
        "h": ("ora", "ore", "f"),
        "min": ("minuto", "minuti", ""),
        "kW": ("chilowatt", "chilowatt", ""),
        "MW": ("megawatt", "megawatt", ""),
        "GW": ("gigawatt", "gigawatt", ""),
        "kWh": ("chilowattora", "chilowattora", ""),
        "MWh": ("megawattora", "megawattora", ""),
        "GWh": ("gigawattora", "gigawattora", ""),
        "TWh": ("terawattora", "terawattora", ""),
        "‰": ("per mille", "per mille", ""),
    },
}
# A degree: (one, several), and the name a Fahrenheit figure adds (Celsius goes unsaid).
DEGREES: dict[str, tuple[str, str]] = {
    "fr": ("degré", "degrés"), "es": ("grado", "grados"),
    "de": ("Grad", "Grad"), "it": ("grado", "gradi"),
}
# A height in metres and centimetres ("1,80 m") is said as a newsreader says a price: "un
# mètre quatre-vingts", "un metro ochenta", "ein Meter achtzig", "un metro e ottanta".
METRES_AND_CENTIMETRES_JOIN: dict[str, str] = {"fr": "", "es": "", "de": "", "it": "e"}
# "+2,5 %": the plus sign as said (num2words gives the minus sign's word).
PLUS: dict[str, str] = {"fr": "plus", "es": "más", "de": "plus", "it": "più"}
# "ha" is a verb in Spanish and Italian too ("la COVID-19 ha causado", "il sisma di 6,3 ha
# colpito"): hectares only before a pause or a word that may follow a measure ("20 ha di bosco").
AFTER_HECTARES: dict[str, frozenset[str]] = {
    "es": frozenset("de del en y o e u a al por para con sin entre cada".split()),
    "it": frozenset(
        "di del della dei degli delle dell in nel nella e ed o al per con su sul tra fra "
        "dal".split()
    ),
}
# A unit or a span of time after a slash is "per" it: "1,85 €/l" is "un euro quatre-vingt-cinq
# par litre", "95 hab./km²" "quatre-vingt-quinze habitants par kilomètre carré".
PER: dict[str, str] = {"fr": "par", "es": "por", "de": "pro", "it": "per"}
# Words before a unit's symbol that make it "per" the unit: "12,50 € pro m²", "3.000 euro al mq"
# (symbols of a letter alone, "l", "m", are too often something else there).
PER_WORDS: dict[str, str] = {"fr": "par", "es": "por", "de": "pro|je", "it": "al|per"}
# A span of time after a slash, as said: "€/mois" is "euros par mois", "€/mese" "euro al mese".
PER_TIME: dict[str, dict[str, str]] = {
    "fr": {"h": "par heure", "j": "par jour", "jour": "par jour", "mois": "par mois",
           "an": "par an"},
    "es": {"h": "por hora", "día": "por día", "mes": "al mes", "año": "al año"},
    "de": {"h": "pro Stunde", "Tag": "pro Tag", "Monat": "pro Monat", "Jahr": "pro Jahr"},
    "it": {"h": "all'ora", "giorno": "al giorno", "mese": "al mese", "anno": "all'anno"},
}
# Inhabitants, abbreviated after a figure: "20 000 hab./km²", "230 Einw./km²".
INHABITANTS: dict[str, tuple[str, str]] = {
    "fr": ("hab.", "habitants"), "es": ("hab.", "habitantes"), "de": ("Einw.", "Einwohner"),
    "it": ("ab.", "abitanti"),
}
# fmt: on

# A sign against a figure, not after a word or a figure ("-3 %", "(-5 °C)"; not "3-5", "COVID-19").
_SIGN_RE = re.compile(r"(?<![\w.,)\]%°-])([-+])(?=\d)")


@lru_cache(maxsize=16)
def _minus(code: str) -> str:
    """num2words' word for a minus sign: 'moins', 'menos', 'minus', 'meno'."""
    return num2words(-1, lang=code).removesuffix(num2words(1, lang=code)).strip()


def _signs(text: str, lang: str) -> str:
    """'-3 %' -> 'moins 3 %': the figure, and what it measures, are said by the passes after."""

    def say(m: re.Match[str]) -> str:
        return (_minus(_converter(lang)) if m.group(1) == "-" else PLUS[_base(lang)]) + " "

    return _SIGN_RE.sub(say, text)


def _quantity(amount: str, lang: str, one: str, several: str, feminine: bool = False) -> str:
    """A figure as written and its unit, agreeing: 'une tonne', 'doscientas toneladas'."""
    base = _base(lang)
    words = _say_number(amount, lang)
    whole, _, frac = amount.partition(",")
    if not frac:
        words = _before_noun(words, base, feminine)
    # French is singular below two ("1,5 kilomètre"); the others only for exactly one.
    singular = _whole(whole) < 2 if base == "fr" else amount == "1"
    unit = one if singular else several
    if not frac and words.split()[-1] in spoken.MILLIONS:
        unit = _of(unit, base)  # un million de kilomètres
    if base == "it" and words == "una" and unit[:1] in "aeiou":
        return f"un'{unit}"  # un'ora
    return f"{words} {unit}"


def _of(noun: str, base: str) -> str:
    """'de kilomètres', "d'euros", 'di euro'; German puts nothing between."""
    of = spoken.NUMBER_WORDS[base]["of"]
    if not of:
        return noun
    return f"d'{noun}" if base == "fr" and noun[:1] in "aeiouéh" else f"{of} {noun}"


def _metres(amount: str, lang: str) -> str | None:
    """'1,80 m' as 'un mètre quatre-vingts', or None where it is not a height in metres."""
    whole_text, _, cents_text = amount.partition(",")
    if len(cents_text) != 2 or not 1 <= _whole(whole_text) < 10 or cents_text == "00":
        return None
    base = _base(lang)
    one, several, _ = UNITS[base]["m"]
    said = _quantity(whole_text, lang, one, several)
    cents = _before_noun(_say_number(str(int(cents_text)), lang), base, False)
    return " ".join(w for w in (said, METRES_AND_CENTIMETRES_JOIN[base], cents) if w)


def _in_case(said: str, m: re.Match[str], base: str, gender: str) -> str:
    """German "ein" before a unit in the case the word before gives: "läuft einen Kilometer"."""
    if base != "de":
        return said
    return one_in_case(said, m.string[: m.start()], m.string[m.end() :], gender)


@lru_cache(maxsize=8)
def _unit_re(base: str) -> re.Pattern[str]:
    symbols = _alternation(UNITS[base])
    # A slash after the unit only before what ``_per`` says: "95 g/km", "40 ct/kWh".
    per = _alternation([*UNITS[base], *PER_TIME[base]])
    return re.compile(
        rf"{_ALONE}(?P<amount>{_NUM})\s?(?P<unit>{symbols})"
        rf"(?![\w'’²³]|/(?!(?:{per})(?![\w'’/²³])))"
    )


def _measures(text: str, lang: str) -> str:
    """Units and degrees after a figure, said in full."""
    base = _base(lang)
    units = UNITS[base]

    def unit(m: re.Match[str]) -> str:
        amount, symbol = m.group("amount"), m.group("unit")
        if symbol == "ha" and base in AFTER_HECTARES:
            word = re.match(r"\s+([^\W\d_]+)", m.string[m.end() :])
            if word and word.group(1) not in AFTER_HECTARES[base]:
                return m.group(0)  # the verb: said by the voice, its figure by a later pass
        if symbol == "m" and (said := _metres(amount, lang)):
            return said
        one, several, gender = units[symbol]
        said = _quantity(amount, lang, one, several, gender == "f")
        return _in_case(said, m, base, gender or "mn")

    def degrees(m: re.Match[str]) -> str:
        said = _in_case(_quantity(m.group("amount"), lang, *DEGREES[base]), m, base, "mn")
        return f"{said} Fahrenheit" if m.group("scale") == "F" else said

    # A degree sign alone is an ordinal in Spanish and Italian ("il 2° posto").
    scale = r"(?P<scale>[CF])" if base in ("es", "it") else r"(?P<scale>[CF])?"
    text = re.sub(rf"{_ALONE}(?P<amount>{_NUM})\s?[°º]\s?{scale}(?!\w)", degrees, text)
    return _unit_re(base).sub(unit, text)


def _per(text: str, lang: str) -> str:
    """'euros/l' -> 'euros par litre', '20 000 hab./km²' -> '20 000 habitants par kilomètre
    carré' (run after the money and the units, whose words come before the slash)."""
    base = _base(lang)
    short, inhabitants = INHABITANTS[base]
    # The abbreviation's full stop also ended the sentence: "... 95 hab."
    text = re.sub(
        rf"(?<=\d)(\s?){re.escape(short)}(\s*$)?",
        lambda m: f"{m.group(1)}{inhabitants}{'.' if m.group(2) is not None else ''}",
        text,
    )
    per = {symbol: f"{PER[base]} {names[0]}" for symbol, names in UNITS[base].items()}
    per |= PER_TIME[base]
    # After a word, not a unit's symbol ("km/h" alone is left as written).
    pattern = re.compile(rf"(?<=[^\W\d_]{{3}})\s?/\s?({_alternation(per)})(?![\w'’/²³])")
    text = pattern.sub(lambda m: f" {per[m.group(1)]}", text)
    symbols = _alternation(symbol for symbol in UNITS[base] if len(symbol) > 1)
    after_word = re.compile(rf"\b({PER_WORDS[base]})\s+({symbols})(?![\w'’/²³])")
    return after_word.sub(lambda m: f"{m.group(1)} {UNITS[base][m.group(2)][0]}", text)
