"""Shared by the benchmarks: measure audiogen as it runs once installed."""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "audiogen"


def compile_package() -> None:
    """Compile audiogen's bytecode, as ``pip install`` does for an installed package.

    An editable checkout run with ``PYTHONDONTWRITEBYTECODE`` set (as on some development
    machines) would otherwise compile every audiogen module from source in every process it
    starts: about 0.1 s a process, which is no part of what a user waits for."""
    compileall.compile_dir(str(PACKAGE), quiet=1)
