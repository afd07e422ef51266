"""A cached file that several builds at once make only once: the precompressed copies
(sitekit/precompress.py) and the trimmed standard library (quiz/runtime.py) take minutes on a
first build, and the test suite's two processes, or `mkdocs serve` beside a build, reach them at
the same moment."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no file locks, so two builds at once may both make the same file
    fcntl = None  # type: ignore[assignment]


def made_once(target: Path, make: Callable[[], bytes]) -> tuple[bytes, bool]:
    """The bytes of `target`, made by `make()` if it is not there yet, and whether this call made them.
    The first of several builds takes a lock on it (an empty TARGET.lock beside it, left in place) and
    the others wait for its file. It is written under a name of its own first, so a build stopped
    half-way never leaves a cut file."""
    if target.is_file():
        return target.read_bytes(), False
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(f"{target.name}.lock"), "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if target.is_file():  # another build made it while this one waited
            return target.read_bytes(), False
        body = make()
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(body)
        partial.replace(target)
    return body, True
