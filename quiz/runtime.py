"""The Python runtime the page uses: the pinned Pyodide files and the engine's wheel (build side).

The runtime comes from the npm package `pyodide` (pinned in package.json and package-lock.json) and
is checked file by file against quiz/pyodide-runtime.json before it is put into the site, so a
missing or altered runtime stops the build. The engine is packed as a wheel and registered in a
Pyodide lock file with pyodide-lock, so Pyodide checks its hash when it loads it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

from flit_core.wheel import make_wheel_in
from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

from sitekit.cachefile import made_once
from sitekit.problems import Problem, ProblemsError

MANIFEST = Path(__file__).with_name("pyodide-runtime.json")
STDLIB_LIST = Path(__file__).with_name("pyodide-stdlib.txt")
ENGINE_MODULES = ("__init__.py", "engine.py")
ENGINE_DISTRIBUTION = "quiz-engine"
FIX = "run `npm ci` in the project folder (or `make setup`) to install the pinned runtime"


class RuntimeFilesError(ProblemsError):
    """The Pyodide runtime is missing or does not match the pinned files; every such file is named."""


def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def runtime_files(node_modules: Path) -> dict[str, Path]:
    """The runtime files to ship, after checking the version and every file's SHA-256 (every
    missing or altered file is reported at once)."""
    pinned = manifest()
    package_dir = node_modules / "pyodide"
    package_json = package_dir / "package.json"
    if not package_json.is_file():
        raise RuntimeFilesError(
            Problem(str(package_dir), None, "the Pyodide runtime is missing (the folder is not there)", fix=FIX)
        )
    found = json.loads(package_json.read_text(encoding="utf-8")).get("version")
    if found != pinned["version"]:
        raise RuntimeFilesError(
            Problem(
                str(package_json),
                None,
                f"this is Pyodide {found}, but {MANIFEST.name} pins {pinned['version']}",
                fix=f"{FIX}, or update package.json and quiz/pyodide-runtime.json together",
            )
        )
    files, problems = {}, []
    for name, expected in pinned["files"].items():
        path = package_dir / name
        if not path.is_file():
            problems.append(Problem(str(package_dir), None, f"the Pyodide runtime file {name} is missing", fix=FIX))
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != expected:
            problems.append(
                Problem(
                    str(package_dir),
                    None,
                    f"the Pyodide runtime file {name} has been altered (SHA-256 "
                    f"{digest[:12]}..., expected {expected[:12]}...)",
                    fix=f"delete node_modules and {FIX}",
                )
            )
            continue
        files[name] = path
    if problems:
        raise RuntimeFilesError(problems)
    return files


def engine_wheel(version: str) -> tuple[str, bytes]:
    """Pack quiz/__init__.py and quiz/engine.py, and nothing else, as a pure-Python wheel."""
    package = Path(__file__).parent
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "quiz").mkdir()
        for name in ENGINE_MODULES:
            (root / "quiz" / name).write_bytes((package / name).read_bytes())
        (root / "pyproject.toml").write_text(
            "[project]\n"
            f'name = "{ENGINE_DISTRIBUTION}"\n'
            f'version = "{version}"\n'
            'description = "The self-check engine, for Pyodide."\n'
            'requires-python = ">=3.12"\n'
            "[tool.flit.module]\n"
            'name = "quiz"\n',
            encoding="utf-8",
        )
        out = root / "dist"
        out.mkdir()
        # Fixed zip timestamps: the same engine code gives the same bytes and the same hash.
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = "315532800"
        try:
            wheel = make_wheel_in(root / "pyproject.toml", out).file
        finally:
            if previous is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous
        return wheel.name, wheel.read_bytes()


def engine_lock(node_modules: Path, wheel_name: str, wheel_bytes: bytes) -> bytes:
    """A Pyodide lock file that lists only the engine's wheel (the page loads no other package)."""
    stock = PyodideLockSpec.from_json(node_modules / "pyodide" / "pyodide-lock.json")
    empty = PyodideLockSpec(info=stock.info, packages={})
    with tempfile.TemporaryDirectory() as tmp:
        wheel = Path(tmp) / wheel_name
        wheel.write_bytes(wheel_bytes)
        spec = add_wheels_to_spec(empty, [wheel])
        out = io.StringIO()
        json.dump(spec.to_dict(), out, indent=1, sort_keys=True)
        return out.getvalue().encode("utf-8")


def stdlib_files() -> list[str]:
    """The standard-library files the page needs (quiz/pyodide-stdlib.txt)."""
    lines = STDLIB_LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


MINIFY_SCRIPT = Path(__file__).with_name("stdlib") / "minify.mjs"
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "stdlib"
# Minifying takes about 40 s on two cores; this allows for a much slower machine.
MINIFY_TIMEOUT_S = 600


def _minify_in_pyodide(full_zip: Path, names: list[str], work: Path) -> dict[str, str]:
    """The listed files without docstrings, comments or layout (see quiz/stdlib/minify.py).

    Minifying runs inside the pinned Pyodide under Node, so the code is parsed and written by the
    Python that will run it, whatever Python the build machine has. The files are shared out, by
    size, among one Node process per core (at most four): each file is minified on its own, so the
    result is the same however they are shared.
    """
    import python_minifier

    node = shutil.which("node")
    if not node:
        raise RuntimeFilesError(
            Problem(
                str(MINIFY_SCRIPT),
                None,
                "Node is needed to build the self-check's runtime (`node` not found)",
                fix="install Node.js and npm, then run `make setup`",
            )
        )
    with zipfile.ZipFile(full_zip) as stock:
        sizes = {info.filename: info.file_size for info in stock.infolist()}
    shares: list[list[str]] = [[] for _ in range(max(1, min(os.cpu_count() or 1, 4, len(names))))]
    loads = [0] * len(shares)
    for name in sorted(names, key=lambda name: -sizes.get(name, 0)):  # the largest first, each to the lightest share
        lightest = loads.index(min(loads))
        shares[lightest].append(name)
        loads[lightest] += sizes.get(name, 0)
    # Each process's messages go to a file of its own, so none waits on a full pipe while another is
    # waited for; every process still running is stopped if anything goes wrong (Ctrl-C included).
    command = [node, str(MINIFY_SCRIPT), str(full_zip.parent), str(Path(python_minifier.__file__).parent)]
    runs = []
    try:
        for number, share in enumerate(shares):
            names_json, out = work / f"names-{number}.json", work / f"minified-{number}.json"
            messages_file = work / f"messages-{number}.txt"
            names_json.write_text(json.dumps(share), encoding="utf-8")
            with open(messages_file, "w", encoding="utf-8") as messages:
                process = subprocess.Popen(
                    [*command, str(names_json), str(out)], stdout=subprocess.DEVNULL, stderr=messages
                )
            runs.append((process, out, messages_file))
        deadline = time.monotonic() + MINIFY_TIMEOUT_S
        sources: dict[str, str] = {}
        for process, out, messages_file in runs:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                raise RuntimeFilesError(
                    Problem(
                        str(MINIFY_SCRIPT),
                        None,
                        f"minifying the standard library in Pyodide took over {MINIFY_TIMEOUT_S} s",
                    )
                ) from None
            if process.returncode != 0 or not out.is_file():
                said = messages_file.read_text(encoding="utf-8", errors="replace").strip()[-1500:]
                raise RuntimeFilesError(
                    Problem(
                        str(MINIFY_SCRIPT),
                        None,
                        f"minifying the standard library in Pyodide failed (exited with {process.returncode}): {said}",
                    )
                )
            sources.update(json.loads(out.read_text(encoding="utf-8")))
    finally:
        for process, _, _ in runs:
            if process.poll() is None:
                process.kill()
                process.wait()
    if sorted(sources) != sorted(names):
        raise RuntimeFilesError(
            Problem(str(MINIFY_SCRIPT), None, f"it returned other files than {STDLIB_LIST.name} lists")
        )
    return sources


def _zip(sources: dict[str, str]) -> bytes:
    """A zip of the sources, deflated with Zopfli (a plain deflate stream any unzip reads, about 4%
    smaller than zlib's best), with fixed timestamps so the same sources give the same bytes."""
    import zopfli

    out = io.BytesIO()
    with zopfli.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name in sorted(sources):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zipped.writestr(info, sources[name].encode("utf-8"))
    return out.getvalue()


def trimmed_stdlib(full_zip: Path) -> tuple[str, bytes]:
    """A python_stdlib.zip with only the files the engine and Pyodide's start-up import, minified.

    The stock file is 2.5 MB of the whole standard library; the engine needs a small part of it,
    and without docstrings and comments that part is about 40% smaller again.
    The name carries a hash of the content, because the runtime folder is cached as immutable.
    Making it takes about 40 s on two cores, so it is cached in .cache/stdlib, keyed by everything that
    shapes it: the stock zip, the list, the minifier's and Zopfli's versions, and our scripts.
    """
    keep = stdlib_files()
    with zipfile.ZipFile(full_zip) as source:
        present = set(source.namelist())
    missing = [name for name in keep if name not in present]
    if missing:
        raise RuntimeFilesError(
            Problem(
                str(STDLIB_LIST),
                None,
                f"it lists files that {full_zip.name} lacks: {', '.join(missing[:5])}",
                fix="make the list again with tests/pyodide/list_stdlib.mjs (see that file)",
            )
        )
    key = hashlib.sha256()
    for part in (
        full_zip.read_bytes(),
        "\n".join(keep).encode(),
        importlib.metadata.version("python-minifier").encode(),
        importlib.metadata.version("zopflipy").encode(),
        Path(__file__).read_bytes(),
        MINIFY_SCRIPT.read_bytes(),
        MINIFY_SCRIPT.with_suffix(".py").read_bytes(),
    ):
        key.update(hashlib.sha256(part).digest())

    def minified() -> bytes:
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            return _zip(_minify_in_pyodide(full_zip, keep, Path(tmp)))

    # Two builds at once (the test suite's two processes, or `mkdocs serve` beside a build) minify once.
    data, _ = made_once(CACHE / f"{key.hexdigest()[:24]}.zip", minified)
    return f"python_stdlib-{hashlib.sha256(data).hexdigest()[:12]}.zip", data
