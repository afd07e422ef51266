"""Where the project's own files are: the checkout this code runs from (the kit is an application,
run from its folder, not an installed library)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NODE_MODULES = ROOT / "node_modules"


def shown(path: Path | str) -> str:
    """A file or folder as messages name it: relative to the project when it is inside it."""
    path = Path(path).resolve()
    return (path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).as_posix()


def version() -> str:
    """The project's version, from pyproject.toml (the engine's wheel carries it)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])
