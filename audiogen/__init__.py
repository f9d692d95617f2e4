"""audiogen: turn news and web articles into clean, well-tagged MP3 audio versions.

Public API::

    from audiogen import build, speech_script, load_article, get_engine
    manifest = build("articles/story.md")
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Imported on first use, so that `import audiogen` (and the CLI's --help) stays fast.
_API = {
    "Options": "audiogen.config",
    "options_for": "audiogen.config",
    "get_engine": "audiogen.speech.engines.base",
    "build": "audiogen.pipeline",
    "build_many": "audiogen.make.batch",
    "check": "audiogen.pipeline",
    "prepare": "audiogen.pipeline",
    "speech_script": "audiogen.pipeline",
    "verify": "audiogen.pipeline",
    "load_article": "audiogen.text.read",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'audiogen' has no attribute {name!r}")
