"""Languages other than English: only what is safe without knowing the language."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .addresses import _EMAIL_RE, _URL_RE
from .vault import _apply_lexicon, _Vault
from .words import num2words

_INTEGER_RE = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d|\d)")


def _num2words_lang(lang: str) -> str | None:
    from num2words import CONVERTER_CLASSES

    code = lang.replace("-", "_")
    if code in CONVERTER_CLASSES:
        return code
    base = code.split("_")[0].lower()
    return base if base in CONVERTER_CLASSES else None


def spoken_forms_note(lang: str) -> str | None:
    """What ``audiogen script --explain`` tells about a language the normalizer has no
    spoken-form rules for (``None`` when it has them), so nobody expects English readings."""
    from .european import LANGUAGES

    base = lang.replace("_", "-").split("-")[0].lower()
    if base == "en" or base in LANGUAGES:
        return None
    if _num2words_lang(lang) is None:
        return (
            f"normalize: no spoken-form rules for {lang} yet: "
            "numbers are read by the voice as written"
        )
    return (
        f"normalize: no spoken-form rules for {lang} yet: whole numbers are said in {lang} words, "
        "other figures (decimals, dates, money) are read by the voice as written"
    )


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
