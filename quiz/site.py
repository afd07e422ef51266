"""What the site build adds for the self-check (build side; hooks/selfcheck.py is the glue).

- prepare(): the checked bank and the files the worker downloads (the pinned runtime, the trimmed
  standard library, the engine's wheel and lock file), in one SelfCheckBuild;
- SelfCheckBuild.files(): every file to add to the site, the page script's own files included;
- the page that holds the self-check: its script tag, the engine's size for its status
  line, and the hold on its first paint until the first question is parsed.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitekit import languages
from sitekit.problems import Problem

from . import bank as bank_module
from . import runtime
from .engine import Bank

WEB = Path(__file__).resolve().parent / "web"
ASSETS = "assets/selfcheck"
ENGINE_DIR = f"{ASSETS}/engine"
ENGINE_LOCK = f"{ENGINE_DIR}/pyodide-lock.json"
SCRIPT = f"{ASSETS}/selfcheck.js"
ENTRY = "selfcheck.js"  # the page script's entry module in quiz/web/
STYLESHEET = f"{ASSETS}/selfcheck.css"
WORKER_MODULE = "worker.mjs"
# The self-check's root element, as the form template writes it (the attribute inside a start tag).
ROOT_MARKER = "data-sc-root"
ROOT_ELEMENT = re.compile(r"(<[a-z]+\s[^>]*\bdata-sc-root)(?=[\s>])")


def web_assets() -> list[Path]:
    """The files of quiz/web/, in its subfolders too, in a stable order."""
    return sorted(path for path in WEB.rglob("*") if path.is_file())


def entry_points() -> list[Path]:
    """The scripts the site ships, each bundled with the modules it imports: the page script's entry
    and the worker's (a worker loads its own module)."""
    return [WEB / ENTRY, WEB / WORKER_MODULE]


@dataclass(frozen=True)
class SelfCheckBuild:
    bank: Bank
    bank_path: Path
    runtime_dir: str  # site-root-relative folder of the runtime, such as pyodide/0.27.0
    runtime_files: dict[str, Path]  # name -> the pinned file in node_modules
    stdlib_name: str
    stdlib_bytes: bytes
    wheel_name: str
    wheel_bytes: bytes
    lock_bytes: bytes
    scripts: dict[Path, bytes]  # the page script and the worker, bundled and minified (see bundled_scripts)

    @property
    def engine_bytes(self) -> int:
        """What the worker downloads before the engine is ready, in bytes as the files are (the worker
        counts the bodies as they arrive, decoded, whatever compression the host sends them with): the
        runtime's files, the trimmed standard library, the engine's lock file and wheel."""
        return (
            sum(path.stat().st_size for path in self.runtime_files.values())
            + len(self.stdlib_bytes)
            + len(self.lock_bytes)
            + len(self.wheel_bytes)
        )

    def files(self, with_runtime: bool = True) -> list[tuple[str, Path | bytes]]:
        """(path in the site, the file to copy or the bytes to write) for everything the self-check
        ships. Another language's edition (site/es/) ships its page script and stylesheet but uses
        the root edition's runtime and engine (`with_runtime=False`): a phone downloads them once."""
        shipped: list[tuple[str, Path | bytes]] = [
            (f"{ASSETS}/{path.relative_to(WEB).as_posix()}", self.scripts[path]) for path in entry_points()
        ]
        # The rest of quiz/web/ (the stylesheet) as it is; its modules are inside the two bundles.
        shipped += [
            (f"{ASSETS}/{path.relative_to(WEB).as_posix()}", path)
            for path in web_assets()
            if path.suffix not in (".js", ".mjs")
        ]
        if not with_runtime:
            return shipped
        shipped += [(f"{self.runtime_dir}/{name}", path) for name, path in self.runtime_files.items()]
        shipped += [
            (f"{self.runtime_dir}/{self.stdlib_name}", self.stdlib_bytes),
            (f"{ENGINE_DIR}/{self.wheel_name}", self.wheel_bytes),
            (ENGINE_LOCK, self.lock_bytes),
        ]
        return shipped

    def markdown_options(
        self,
        *,
        references: dict[str, dict[str, Any]],
        crisis: dict[str, Any],
        clinic: dict[str, Any],
        offers: list[dict[str, Any]],
        site_name: str = "",
        to_site_root: str = "",
        language: str = "en",
        strings: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """The options of the Markdown extension (quiz/markdown.py) for this site. The runtime's and
        engine's addresses are relative to the edition's root; `to_site_root` ("../" in site/es/)
        leads from there to the site's root, where they are. `strings` is the site's wording in its
        `language` (sitekit/strings.site_strings); the page script's wording follows `language`."""
        return {
            "bank": self.bank,
            "references": references,
            "crisis": crisis,
            "clinic": clinic,
            "offers": offers,
            "site_name": site_name,
            "language": language,
            "strings": strings or {},
            "runtime": f"{to_site_root}{self.runtime_dir}/",
            "stdlib": f"{to_site_root}{self.runtime_dir}/{self.stdlib_name}",
            "engine_lock": f"{to_site_root}{ENGINE_LOCK}",
            "engine_package": runtime.ENGINE_DISTRIBUTION,
        }

    def missing_page(self, has_page: Callable[[str], bool], docs_dir: str) -> str | None:
        """The problem if the bank links to a page the site lacks (`has_page` takes a path under docs/)."""
        for page in bank_module.linked_pages(self.bank):
            if not has_page(page):
                return (
                    f"{self.bank_path}: the question bank links to {page!r}, which is not a page in "
                    f"{docs_dir}; add the page or fix the link"
                )
        return None

    def with_script(self, html: str, url: Callable[[str], str]) -> str:
        """The self-check's page content with its page script (one file, async, so it runs in a task of
        its own) and the engine's size on the root element for the status line; see ARCHITECTURE.md,
        "Loading the page script". `url` makes a site-root-relative path relative to the page. Other
        pages are left as they are."""
        if ROOT_MARKER not in html:
            return html
        html = ROOT_ELEMENT.sub(rf'\1 data-sc-bytes="{self.engine_bytes}"', html, count=1)
        return html + f'\n<script type="module" async src="{url(SCRIPT)}"></script>\n'

    def with_first_paint_hold(self, output: str) -> str:
        """On a page with the self-check, hold the first paint until the first question's answers
        are parsed: `<link rel="expect" blocking="render">` aimed at its "Why we ask this", which
        follows them (ARCHITECTURE.md, "The first paint")."""
        if ROOT_MARKER not in output:
            return output
        target = f"sc-q-{self.bank['questions'][0]['id']}-why"
        if f'id="{target}"' not in output:
            return output
        return output.replace("</head>", f'<link rel="expect" href="#{target}" blocking="render">\n</head>', 1)


def prepare(
    bank_path: Path, references: dict[str, Any], node_modules: Path, version: str, language: str = "en"
) -> SelfCheckBuild:
    """The checked bank, in the edition's language, and the engine's files for one build. Raises
    bank.BankError for a bad bank or translation and runtime.RuntimeFilesError for a missing or
    altered runtime, each with the fix."""
    bank = bank_module.load_bank(bank_path, references=set(references))
    if language != languages.SOURCE:
        bank = bank_module.translate(bank, bank_path, language)
    runtime_files = runtime.runtime_files(node_modules)
    wheel_name, wheel_bytes = runtime.engine_wheel(version)
    stdlib_name, stdlib_bytes = runtime.trimmed_stdlib(runtime_files.pop("python_stdlib.zip"))
    return SelfCheckBuild(
        bank=bank,
        bank_path=bank_path,
        runtime_dir=f"pyodide/{runtime.manifest()['version']}",
        runtime_files=runtime_files,
        stdlib_name=stdlib_name,
        stdlib_bytes=stdlib_bytes,
        wheel_name=wheel_name,
        wheel_bytes=wheel_bytes,
        lock_bytes=runtime.engine_lock(node_modules, wheel_name, wheel_bytes),
        scripts=bundled_scripts(node_modules),
    )


def bundled_scripts(node_modules: Path) -> dict[Path, bytes]:
    """The page script and the worker as the site ships them: each bundled by esbuild (a pinned npm
    package) with the modules it imports into one file, and minified. One request each: on a phone's
    connection, a dozen small modules would queue for the browser's few connections beside the
    page's stylesheets and delay its first paint. The comments that explain the source stay in the
    repository; the phone downloads the code alone. Addresses built at run time (the worker's
    module, the runtime's) are left as written."""
    esbuild = node_modules / ".bin" / "esbuild"
    result: dict[Path, bytes] = {}
    with tempfile.TemporaryDirectory() as out:
        for entry in entry_points():
            target = Path(out) / entry.name
            try:
                run = subprocess.run(
                    [
                        str(esbuild),
                        str(entry),
                        "--bundle",
                        f"--outfile={target}",
                        "--minify",
                        "--format=esm",
                        "--log-level=error",
                    ],
                    capture_output=True,
                    text=True,
                    timeout=120,
                    check=False,
                )
            except OSError as error:
                run = subprocess.CompletedProcess([], 1, "", str(error))
            if run.returncode != 0:
                raise runtime.RuntimeFilesError(
                    Problem(
                        str(esbuild),
                        None,
                        f"the page script ({entry.name}) could not be bundled",
                        fix=f"run 'npm ci' (make setup does), then build again: {run.stderr.strip()[:400]}",
                    )
                )
            result[entry] = target.read_bytes()
    return result
