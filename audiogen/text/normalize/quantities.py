"""Money, percentages, units, degrees and bare scale words."""

from __future__ import annotations

import re

from . import spoken
from .context import (
    _DASH,
    _NUM,
    _alternation,
    _attributive,
    _is_plural_word,
    _word_after,
    _word_before,
)
from .words import _cardinal, _number

# Money.

_CURRENCY_ALT = _alternation(spoken.CURRENCIES)
_MULTIPLIER_ALT = _alternation(spoken.MULTIPLIERS)
_MONEY_RE = re.compile(
    rf"(?<![\w.])(?P<cur>{_CURRENCY_ALT})\s?(?P<a>{_NUM})(?:\s?(?P<m1>{_MULTIPLIER_ALT}))?"
    rf"(?![A-Za-z\d])(?:\s*(?P<sep>[-–]|to)\s*(?P<cur2>{_CURRENCY_ALT})?\s?(?P<b>{_NUM})"
    rf"(?:\s?(?P<m2>{_MULTIPLIER_ALT}))?(?![A-Za-z\d]))?"
)
_MONEY_AFTER_RE = re.compile(
    rf"(?<![\w.])(?P<a>{_NUM})(?:\s?(?P<m1>{_MULTIPLIER_ALT}))?\s?"
    rf"(?P<cur>{_alternation(spoken.CURRENCY_CODES)})(?![A-Za-z])"
)
_CENTS_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(¢|p)(?![\w])")


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
    one = _attributive(m.string, m.start(), m.end())
    unit = names[0] if one else names[1]
    if b and m.group("sep") == "to" and m.group("cur2"):
        # "rose $2 to $85" may be no range: each amount is said with its unit.
        second = _one_amount(b, m.group("m2"), spoken.CURRENCIES[m.group("cur2")], one)
        return f"{_one_amount(a, m1, names, one)} to {second}"
    if b:
        return f"{_amount(a, m1)} to {_amount(b, m.group('m2'))} {unit}"
    return _one_amount(a, m1, names, one)


def _one_amount(
    amount: str, multiplier: str | None, names: tuple[str, str, str, str], one: bool
) -> str:
    unit = names[0] if one else names[1]
    if multiplier:
        return f"{_amount(amount, multiplier)} {unit}"
    if one and "." not in amount:
        return f"{_number(amount)} {unit}"
    return _money_exact(amount, names)


def _cents(m: re.Match[str]) -> str:
    amount = m.group(1)
    one = amount == "1"
    if m.group(2) == "p":  # "7.5p a litre": "seven point five pence"
        return f"{_number(amount)} {'penny' if one else 'pence'}"
    return f"{_number(amount)} {'cent' if one else 'cents'}"


def _currencies(text: str) -> str:
    text = _MONEY_RE.sub(_money, text)
    text = _MONEY_AFTER_RE.sub(_money, text)
    return _CENTS_RE.sub(_cents, text)


# Percentages, units, degrees, bare scale words.

_SIGNED = rf"(?P<neg>(?<![\w.,])-)?(?P<a>{_NUM})"
_RANGE_B = rf"(?:{_DASH}(?P<b>{_NUM}))?"
# "5%-10%" as well as "5-10%".
_PERCENT_RE = re.compile(rf"{_SIGNED}(?:(?:\s?%)?{_DASH}(?P<b>{_NUM}))?\s?%")
# The British press's "5.2pc" (per cent) and "0.5pp" (percentage points), against the figure.
_PC_RE = re.compile(rf"(?<![\w.,])(?P<neg>-)?(?P<a>{_NUM})(?:-(?P<b>{_NUM}))?(?P<u>pc|pp)(?![\w])")
# "9.5m bpd", "3k km": an abbreviated scale before a unit (not before "in" or the like).
_ATTACHED_ONLY_ALT = _alternation(spoken.ATTACHED_ONLY_UNITS)
_UNIT_RE = re.compile(
    rf"{_SIGNED}{_RANGE_B}(?:\s(?P<scale>thousand|million|billion|trillion)"
    rf"|(?P<abbr>k|m|bn)(?=\s(?!(?:{_ATTACHED_ONLY_ALT})(?![\w/²³]))))?"
    rf"(?P<sp>\s?)(?P<unit>{_alternation(spoken.UNITS)})(?![\w/²³])"
)
_DEGREE_RE = re.compile(rf"{_SIGNED}{_RANGE_B}\s?[°º]\s?(?P<scale>[CFNSEW])?(?![A-Za-z])")
# "35C", "-10C", "20-25C", "1.5C": a temperature written without its degree sign, but not
# after a word that makes it a seat, a room or a grade ("seat 14C", "Room 12F", "type 2C").
_NOT_TEMPERATURE_CUES = frozenset(
    """
    seat seats row rows room rooms gate gates flat apartment apt suite unit floor level
    platform bus route terminal stand block box bay pier berth lane exit junction grade class
    type model form size category section clause article vitamin
    """.split()
)
_BARE_DEGREE_RE = re.compile(
    r"(?<![\w.,/-])(?P<neg>-)?(?P<a>\d{1,3}(?:\.\d+)?)(?:-(?P<b>\d{1,3}(?:\.\d+)?))?"
    r"(?P<scale>[CF])(?![\w'’-])"
)
_SCALE_RE = re.compile(rf"(?<![\w.])(?P<a>{_NUM})\s?(?P<m>bn|mn|mln|tn|trn|k)(?![\w])")


_RACES = frozenset("60 100 110 200 400 800 1500 1,500 3000 3,000 5000 5,000 10,000 10000".split())


def _quantity(m: re.Match[str]) -> str:
    words = ("minus " if m.group("neg") else "") + _number(m.group("a"))
    if m.group("b"):
        words += " to " + _number(m.group("b"))
    return words


def _is_one(m: re.Match[str]) -> bool:
    return m.group("a") == "1" and not m.group("b")


def _percent(m: re.Match[str]) -> str:
    return _quantity(m) + " per cent"


def _pc(m: re.Match[str]) -> str:
    if m.group("u") == "pc":
        return _percent(m)
    if float(m.group("b") or m.group("a").replace(",", "")) >= 100:
        return m.group(0)  # "a 320pp book": pages
    return _quantity(m) + (" percentage point" if _is_one(m) else " percentage points")


def _unit(m: re.Match[str]) -> str:
    unit, text, scale = m.group("unit"), m.string, m.group("scale")
    scale = spoken.MULTIPLIERS[m.group("abbr")] if m.group("abbr") else scale
    if unit in spoken.ATTACHED_ONLY_UNITS and (m.group("sp") or scale):
        return m.group(0)
    if scale:  # "6.4 billion km": the scale word is said, and the unit in the plural
        if not m.group("sp"):
            return m.group(0)
        return f"{_quantity(m)} {scale} {spoken.UNITS[unit][1]}"
    if unit == "m":
        # "5m people" is five million, "a 100m sprint" a hundred metres, and so is "won the
        # 800m in 1:56" (a race's distance after "the").
        after = _word_after(text, m.end())
        race = m.group("a") in _RACES and _word_before(text, m.start()).lower() == "the"
        if _is_plural_word(after) or after == "of" or (after == "in" and not race):
            return _quantity(m) + " million"
    singular, plural = spoken.UNITS[unit]
    one = _is_one(m) or _attributive(text, m.start(), m.end())
    return f"{_quantity(m)} {singular if one else plural}"


def _degrees(m: re.Match[str]) -> str:
    words = f"{_quantity(m)} {'degree' if _is_one(m) else 'degrees'}"
    scale = m.group("scale")
    if scale in spoken.TEMPERATURE_SCALES:
        return f"{words} {spoken.TEMPERATURE_SCALES[scale]}"
    if scale:
        return f"{words} {spoken.COMPASS_POINTS[scale]}"
    return words


def _bare_degrees(m: re.Match[str]) -> str:
    if _word_before(m.string, m.start()).lower() in _NOT_TEMPERATURE_CUES:
        return m.group(0)
    return _degrees(m)


def _scale(m: re.Match[str]) -> str:
    return f"{_number(m.group('a'))} {spoken.MULTIPLIERS[m.group('m')]}"


def _measures(text: str) -> str:
    text = _PERCENT_RE.sub(_percent, text)
    text = _PC_RE.sub(_pc, text)
    text = _DEGREE_RE.sub(_degrees, text)
    text = _BARE_DEGREE_RE.sub(_bare_degrees, text)
    text = _UNIT_RE.sub(_unit, text)
    return _SCALE_RE.sub(_scale, text)
