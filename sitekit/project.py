"""Where the project's own files are: the checkout this code runs from (the kit is an application,
run from its folder, not an installed library)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NODE_MODULES = ROOT / "node_modules"


def version() -> str:
    """The project's version, from pyproject.toml (the engine's wheel carries it)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])
