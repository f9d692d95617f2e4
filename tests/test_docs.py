"""Every command and option is documented: help text, and a mention in README.md."""

from __future__ import annotations

import click
import pytest

from audiogen.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix}{name} "))
    return out


@pytest.mark.parametrize(("name", "command"), _commands(cli))
def test_command_has_help_and_is_in_readme(name: str, command: click.Command) -> None:
    assert command.help and len(command.help) > 20
    assert f"audiogen {name}" in README
    for param in command.params:
        if isinstance(param, click.Option) and param.help is None:
            pytest.fail(f"{name} {param.opts} has no help text")
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), f"{param.opts} of {name} not in README"


def test_readme_quickstart() -> None:
    assert "make audio" in README and "make test" in README
