"""What the benchmark serves: the default site, built into a temporary folder as the tests build it,
and a second folder for the comparison pages (never part of the site): the naive baseline and the
physical floor."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from devkit.sites import build_site, write_site_config

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
STOCK_RUNTIME = ROOT / "node_modules" / "pyodide"
# The stock runtime as peers load it: the four core files and the stock lock file of every package.
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
SELF_CHECK = "/self-check/"
ARTICLE = "/risks-and-side-effects/"
BASELINE = "/self-check/"  # the same page, in the comparison folder
FLOOR = "/floor/"
BASELINE_RUNTIME = "/baseline-runtime/*"
PAGE_SCRIPT = re.compile(r'<script type="module" async src="\.\./assets/selfcheck/selfcheck\.js"></script>')
RUNTIME_DIR = re.compile(r'data-runtime="([^"]+)"')


def build_default_site(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return build_site(write_site_config(folder))


def runtime_path(site: Path) -> str:
    """The URL path of the runtime folder the self-check loads (`/pyodide/<version>/`)."""
    html = (site / "self-check" / "index.html").read_text(encoding="utf-8")
    return "/" + RUNTIME_DIR.search(html).group(1).lstrip("/")


def make_comparison_folder(site: Path, folder: Path) -> Path:
    """A copy of the site where /self-check/ runs Python on the main thread from the stock runtime
    (the baseline), plus /floor/ (fetch and compile the shipped wasm file alone)."""
    shutil.copytree(site, folder)
    runtime = folder / BASELINE_RUNTIME.strip("/*")
    runtime.mkdir()
    for name in STOCK_FILES:
        shutil.copy2(STOCK_RUNTIME / name, runtime / name)
    (folder / "bench").mkdir()
    shutil.copy2(HERE / "baseline" / "main-thread-python.js", folder / "bench" / "main-thread-python.js")

    page = folder / "self-check" / "index.html"
    html = page.read_text(encoding="utf-8")
    if not PAGE_SCRIPT.search(html):
        raise RuntimeError(f"{page}: the self-check's page script tag was not found; update benchmarks/pages.py")
    # A classic script runs before the async module (the parser reaches the module after it), so the
    # page script finds the stand-in Worker.
    html = PAGE_SCRIPT.sub(
        lambda match: '<script src="../bench/main-thread-python.js"></script>\n' + match.group(0), html
    )
    page.write_text(html, encoding="utf-8")

    floor = folder / FLOOR.strip("/")
    floor.mkdir()
    template = (HERE / "baseline" / "floor.html").read_text(encoding="utf-8")
    wasm = runtime_path(site) + "pyodide.asm.wasm"
    (floor / "index.html").write_text(template.replace("{wasm}", wasm), encoding="utf-8")
    shutil.copy2(HERE / "baseline" / "floor.mjs", floor / "floor.mjs")
    return folder
