"""Glue between MkDocs and the self-check in quiz/ (the logic lives there).

- on_config: read and validate the question bank and check the pinned Pyodide runtime, so that a
  bad bank or a missing or altered runtime stops the build before anything is written.
- on_files: add the page script, the worker, the runtime files and the engine's wheel and lock
  file to the site, and check that every page the bank links to exists.
- on_page_content: load the page script on the page that holds the self-check, and only there,
  with the engine's start-up module preloaded, and tell the page how many bytes the engine's
  files come to (its status line shows how far their download has got).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from content_checks import sources
from content_checks.problems import report
from quiz import bank as bank_module
from quiz import runtime

log = logging.getLogger("mkdocs.hooks.selfcheck")

KIT_ROOT = Path(__file__).resolve().parent.parent
WEB_ASSETS = KIT_ROOT / "quiz" / "web"
REFERENCES = KIT_ROOT / "data" / "references.yml"
ASSETS = "assets/selfcheck"
ENGINE_DIR = f"{ASSETS}/engine"
WORKER_MODULE = "worker.mjs"
EXTENSION = "quiz.markdown"
# The self-check's root element, as the form template writes it (the attribute inside a start tag).
ROOT_ELEMENT = re.compile(r"(<[a-z]+\s[^>]*\bdata-sc-root)(?=[\s>])")

_state: dict = {}


def load_references() -> dict:
    # The same loader and checks the content hook uses (content_checks/sources.py).
    references, problems = sources.load(REFERENCES)
    if problems:
        raise PluginError(report(problems, "The references need fixing"))
    return references


def _bank_path(config) -> Path:
    # hooks/site.py has checked the setting and made the path absolute.
    return Path(config.extra["self_check"]["bank"] or bank_module.DEFAULT_BANK)


def on_config(config):
    references = load_references()
    bank_path = _bank_path(config)
    try:
        bank = bank_module.load_bank(bank_path, references=set(references))
    except bank_module.BankError as error:
        raise PluginError(str(error)) from None
    try:
        runtime_files = runtime.runtime_files(KIT_ROOT / "node_modules")
    except runtime.RuntimeFilesError as error:
        raise PluginError(str(error)) from None
    version = runtime.manifest()["version"]
    wheel_name, wheel_bytes = runtime.engine_wheel(_project_version())
    try:
        stdlib_name, stdlib_bytes = runtime.trimmed_stdlib(runtime_files.pop("python_stdlib.zip"))
    except runtime.RuntimeFilesError as error:
        raise PluginError(str(error)) from None

    _state.update(
        bank=bank,
        bank_path=bank_path,
        runtime_files=runtime_files,
        runtime_dir=f"pyodide/{version}",
        stdlib_name=stdlib_name,
        stdlib_bytes=stdlib_bytes,
        wheel_name=wheel_name,
        wheel_bytes=wheel_bytes,
        lock_bytes=runtime.engine_lock(KIT_ROOT / "node_modules", wheel_name, wheel_bytes),
    )
    _state["engine_bytes"] = engine_bytes(_state)
    if EXTENSION not in config.markdown_extensions:
        config.markdown_extensions.append(EXTENSION)
    config.mdx_configs[EXTENSION] = {
        "bank": bank,
        "references": references,
        "crisis": config.extra["crisis"],
        "clinic": config.extra["clinic"],
        "offers": config.extra["offers"],
        "runtime": f"pyodide/{version}/",
        "stdlib": f"pyodide/{version}/{stdlib_name}",
        "engine_lock": f"{ENGINE_DIR}/pyodide-lock.json",
        "engine_package": runtime.ENGINE_DISTRIBUTION,
    }
    config.extra_css.append(f"{ASSETS}/selfcheck.css")
    return config


def engine_bytes(state: dict) -> int:
    """What the worker downloads before the engine is ready, in bytes as the files are (the worker
    counts the bodies as they arrive, decoded, whatever compression the host sends them with): the
    runtime's files, the trimmed standard library, the engine's lock file and wheel."""
    return (sum(path.stat().st_size for path in state["runtime_files"].values()) + len(state["stdlib_bytes"])
            + len(state["lock_bytes"]) + len(state["wheel_bytes"]))


def _project_version() -> str:
    import tomllib

    with (KIT_ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def on_files(files, config):
    for asset in web_assets():
        name = asset.relative_to(WEB_ASSETS).as_posix()
        files.append(File.generated(config, f"{ASSETS}/{name}", abs_src_path=str(asset)))
    for name, path in _state["runtime_files"].items():
        files.append(File.generated(config, f"{_state['runtime_dir']}/{name}", abs_src_path=str(path)))
    files.append(File.generated(config, f"{_state['runtime_dir']}/{_state['stdlib_name']}",
                                content=_state["stdlib_bytes"]))
    files.append(File.generated(config, f"{ENGINE_DIR}/{_state['wheel_name']}", content=_state["wheel_bytes"]))
    files.append(File.generated(config, f"{ENGINE_DIR}/pyodide-lock.json", content=_state["lock_bytes"]))

    for page in bank_module.linked_pages(_state["bank"]):
        if files.get_file_from_path(page) is None:
            raise PluginError(
                f"{_state['bank_path']}: the question bank links to {page!r}, which is not a page in "
                f"{config.docs_dir}; add the page or fix the link"
            )
    return files


def on_page_content(html, page, config, files):
    if "data-sc-root" not in html:
        return html
    # async: the page script runs in a task of its own as soon as it has arrived (the self-check above
    # it is parsed by then), not inside the task that ends the parse and runs the theme's start-up
    # handlers (DOMContentLoaded), which is long enough already on a slow phone.
    script = get_relative_url(f"{ASSETS}/selfcheck.js", page.url)
    # Every module the page script imports is preloaded beside it, so they all arrive together
    # instead of one after the other (the worker's module is fetched by the worker, not the page).
    preloads = "".join(
        f'\n<link rel="modulepreload" href="{get_relative_url(f"{ASSETS}/{name}", page.url)}">'
        for name in page_modules()
    )
    html = ROOT_ELEMENT.sub(rf'\1 data-sc-bytes="{_state["engine_bytes"]}"', html, count=1)
    return html + preloads + f'\n<script type="module" async src="{script}"></script>\n'


def web_assets() -> list[Path]:
    """The files of quiz/web/, in its subfolders too, in a stable order."""
    return sorted(path for path in WEB_ASSETS.rglob("*") if path.is_file())


def page_modules() -> list[str]:
    """The page script's modules, as paths under the assets folder: every .mjs file of quiz/web/
    except the worker's."""
    return [path.relative_to(WEB_ASSETS).as_posix() for path in web_assets()
            if path.suffix == ".mjs" and path.name != WORKER_MODULE]


def on_post_page(output, page, config):
    """On a page with the self-check, hold the first paint until the first question is parsed
    (`<link rel="expect" blocking="render">`): the reader's first view is a question they can
    answer, not the header and navigation alone. It never waits for a script or for Python; browsers
    without the feature paint as before.

    The target is the question's "Why we ask this", which follows its answers: Chromium lets the
    page paint as soon as the target element is in the document, so a target at the question's
    start could paint its title before its answers were parsed."""
    if "data-sc-root" not in output:
        return output
    target = f"sc-q-{_state['bank']['questions'][0]['id']}-why"
    if f'id="{target}"' not in output:
        return output
    return output.replace("</head>", f'<link rel="expect" href="#{target}" blocking="render">\n</head>', 1)


# Rebuild when the bank, the engine, the page script or the site data change under `mkdocs serve`.
def on_serve(server, config, builder):
    for folder in (KIT_ROOT / "quiz", KIT_ROOT / "data"):
        server.watch(str(folder))
    return server
