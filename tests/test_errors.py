"""What an error tells a user to run to add an optional part of audiogen."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

import audiogen
import audiogen.errors
from audiogen.errors import install_command


def test_from_a_source_folder_the_extra_comes_from_it() -> None:
    """``make audio`` installs this folder (editable): the registry has no audiogen-tts, so the
    command names the folder, and the Python that runs audiogen, not whichever pip is first."""
    root = Path(audiogen.__file__).resolve().parent.parent
    command = install_command("verify")
    assert shlex.split(command) == [sys.executable, "-m", "pip", "install", "-e", f"{root}[verify]"]


def test_an_installed_package_names_its_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "audiogen"
    package.mkdir(parents=True)
    monkeypatch.setattr(audiogen.errors, "__file__", str(package / "errors.py"))
    assert shlex.split(install_command("s3"))[-1] == "audiogen-tts[s3]"


def test_a_folder_with_spaces_is_quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "my projects" / "audiogen repo"
    (root / "audiogen").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'audiogen-tts'\n")
    monkeypatch.setattr(audiogen.errors, "__file__", str(root / "audiogen" / "errors.py"))
    assert shlex.split(install_command("piper"))[-1] == f"{root}[piper]"
