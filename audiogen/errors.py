"""Errors audiogen raises on purpose: each message names what failed, for which file, and the fix.

The CLI prints an ``AudiogenError`` as one line and exits with its ``exit_code``; anything else is a
bug and keeps its traceback.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

DISTRIBUTION = "audiogen-tts"
"""The distribution's name (``audiogen`` on the package registry is another project's)."""


def install_command(extra: str) -> str:
    """The command that adds the optional dependencies ``extra`` (``verify``, ``piper``, ``s3``)
    to the environment running audiogen: from the source folder when audiogen runs from one, as
    ``make audio`` installs it (the registry holds no audiogen-tts to install by name), else by
    the distribution's name."""
    root = Path(__file__).resolve().parent.parent
    pip = f"{shlex.quote(sys.executable)} -m pip install"
    if (root / "pyproject.toml").is_file():
        return f"{pip} -e {shlex.quote(f'{root}[{extra}]')}"
    return f"{pip} {shlex.quote(f'{DISTRIBUTION}[{extra}]')}"


class AudiogenError(Exception):
    """Base class of every error audiogen raises on purpose."""

    exit_code = 1


class InputError(AudiogenError, ValueError):
    """An article that cannot be read or has nothing to say (exit code 2)."""

    exit_code = 2


class ConfigError(AudiogenError, ValueError):
    """An invalid option or configuration file (exit code 2)."""

    exit_code = 2


class UnknownEngineError(AudiogenError, KeyError):
    """No engine of that name is installed."""

    exit_code = 2

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnknownVoiceError(AudiogenError, KeyError):
    """The engine has no such voice, or no installed voice speaks the language."""

    exit_code = 2

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class EngineError(AudiogenError, RuntimeError):
    """An engine failed to synthesize speech."""


class EngineUnavailableError(EngineError):
    """An engine's dependency is missing; the message says how to install it."""


class NetworkError(EngineError, ConnectionError):
    """An online engine could not reach its service."""


class OutputError(AudiogenError, OSError):
    """An output could not be written."""


class ChecksFailedError(AudiogenError):
    """A built article failed its audio checks and the build is strict (exit code 3)."""

    exit_code = 3


class UnexpectedError(AudiogenError):
    """One article of a batch failed with an error audiogen did not anticipate (a library's, the
    operating system's, or a bug): the others still build. The original is the ``__cause__``,
    and ``audiogen -v`` logs its traceback."""

    @classmethod
    def of(cls, source: object, exc: BaseException) -> UnexpectedError:
        """The one-line error for ``exc``, raised while building ``source``."""
        why = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        error = cls(
            f"{source}: failed unexpectedly ({why}): run audiogen -v build for the details, and "
            "report it if the article looks right"
        )
        error.__cause__ = exc
        return error
