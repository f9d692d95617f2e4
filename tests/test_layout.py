"""The house's shape, kept: data flows one way between the stage folders, modules stay small, the
conductor stays short, and nothing probes an engine for what it can do."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "audiogen"
MODULES = sorted(PACKAGE.rglob("*.py"))

ORDER = ["text", "speech", "audio", "publish", "qa"]
"""The stage folders in pipeline order: a stage may import an earlier one, never a later one."""

ABOVE = {"make", "pipeline", "cli"}
"""The conductor and what drives it: no stage imports them."""


def _imports(path: Path) -> set[str]:
    """Every audiogen module ``path`` imports, at any depth of the file (lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "audiogen"}


def _part(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_stage_imports_no_later_stage_and_not_the_conductor(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0]
    if own not in ORDER:
        return
    for module in _imports(path):
        if module == "audiogen.make.plan" and own == "qa":
            continue  # verify's signature names the Plan type (imported for type checking only)
        other = _part(module)
        assert other not in ABOVE, f"{path.name} imports {module}"
        if other in ORDER:
            assert ORDER.index(other) <= ORDER.index(own), f"{path.name} imports {module}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_500_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500


def test_the_pipeline_reads_at_once() -> None:
    assert len((PACKAGE / "pipeline.py").read_text(encoding="utf-8").splitlines()) < 150


def test_no_engine_is_probed_for_its_capabilities() -> None:
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        assert "getattr(engine" not in text and "hasattr(engine" not in text, path.name
