"""Web addresses, e-mail, handles and hashtags."""

from __future__ import annotations

import re

from . import spoken
from .acronyms import _WORD_ACRONYMS_LOWER, _pronounceable
from .vault import _Vault
from .words import _digits, _pairs, _spell

_EMAIL_RE = re.compile(r"(?<![\w.+-])([\w.+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_URL_RE = re.compile(
    r"(?<![\w@.])(?:https?://[^\s<>\"'()]+|www\.[^\s<>\"'()]+"
    rf"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:{'|'.join(spoken.BARE_DOMAIN_ENDINGS)})\b"
    r"(?:/[^\s<>\"'()]*)?)"
)
_SCHEME_RE = re.compile(r"^https?://")
_QUERY_RE = re.compile(r"[?#]")
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
