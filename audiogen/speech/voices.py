"""The one table that decides each language's default engine: used when neither ``--engine``
nor the configuration names one. ``audiogen engines`` prints it; README shows it with the
quality measured by ``bench/voices.py``.

Rows are matched on the language's primary subtag (``fr-CA`` takes the ``fr`` row); a language
with no row is spoken by espeak-ng, which speaks over 100 languages (Arabic, Chinese and Russian
among the UN's six), in its formant voice.
"""

from __future__ import annotations

DEFAULT_ENGINES: tuple[tuple[str, str, str], ...] = (
    # language, engine, why
    ("en", "hibari", "neural, Apache-2.0, in the wheel: clearest and fastest measured"),
    ("fr", "pico", "SVOX Pico, Apache-2.0, in the wheel: clearer than espeak"),
    ("es", "pico", "SVOX Pico, Apache-2.0, in the wheel: clearer than espeak"),
    ("de", "pico", "SVOX Pico, Apache-2.0, in the wheel: clearer than espeak"),
    ("it", "pico", "SVOX Pico, Apache-2.0, in the wheel: clearer than espeak"),
)
"""One row a language: ``(primary language subtag, engine, why)``."""

FALLBACK_ENGINE = "espeak"
"""The engine for every language without a row."""


def default_engine(lang: str | None) -> str:
    """The engine that speaks ``lang`` when none was chosen (English when ``lang`` is unknown)."""
    primary = (lang or "en").lower().replace("_", "-").split("-")[0]
    for row_lang, engine, _why in DEFAULT_ENGINES:
        if row_lang == primary:
            return engine
    return FALLBACK_ENGINE


__all__ = ["DEFAULT_ENGINES", "FALLBACK_ENGINE", "default_engine"]
