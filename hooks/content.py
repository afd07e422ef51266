"""Content checks in the build: glue between MkDocs and the content_checks package.

Fails the build, naming the page, line and fix, when a page's front matter is missing or malformed,
cites a source that data/references.yml lacks, makes a claim listed in data/forbidden-claims.yml,
or reads above Flesch-Kincaid grade 8 (or the pages' median above grade 7). A page last reviewed
more than 12 months ago is a warning, which a --strict build turns into a failure.

Adds to every page its sources, last-reviewed date and reviewer; to condition pages their evidence
label; and fills in the build markers (see content_checks/render.py). The evidence label is an
admonition, so the site needs the `admonition` Markdown extension.

`python -m content_checks` runs the same checks from the terminal and prints each page's grade.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from content_checks import render
from content_checks.pages import check_site, load_data
from content_checks.problems import report

ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger("mkdocs.hooks.content")
DATA_DIR = ROOT / "data"

_build: dict = {}  # what one build has learnt, for the later hooks of the same build


# on_config: the data files are read once per build, and a broken one stops the build before any page.
def on_config(config):
    references, claims, problems = load_data(DATA_DIR)
    if problems:
        raise PluginError(report(problems, "Content data is not valid"))
    _build.clear()
    _build.update(references=references, claims=claims, order=[])
    return config


# on_files: every page is checked before any is rendered, so one build reports every problem at once.
def on_files(files, config):
    texts = {file.src_uri: file.content_string for file in files.documentation_pages()}
    site = check_site(texts, _build["references"], _build["claims"], dt.date.today())
    for warning in site.warnings:
        log.warning(str(warning))
    if site.errors:
        raise PluginError(report(site.errors, "Content checks failed"))
    _build["meta"] = {page: result.meta for page, result in site.pages.items()}
    _build["scale_page"] = next((page for page, text in texts.items() if render.EVIDENCE_SCALE_MARKER in text), None)
    _build["references_page"] = next(
        (page for page, text in texts.items() if render.ALL_REFERENCES_MARKER in text), None)
    return files


# on_nav: the order of the navigation, so the conditions overview lists pages in the same order.
def on_nav(nav, config, files):
    _build["order"] = [page.file.src_uri for page in nav.pages]
    return nav


# on_page_markdown: additions are made to the Markdown, so the theme's templates need no change.
def on_page_markdown(markdown, page, config, files):
    meta = _build["meta"]
    order = _build["order"]
    with_evidence = sorted((uri for uri in meta if "evidence" in meta[uri]),
                           key=lambda uri: (order.index(uri) if uri in order else len(order), uri))
    rows = [(uri, meta[uri]["title"], meta[uri]["evidence"]) for uri in with_evidence]
    return render.decorate(markdown, page.file.src_uri, meta[page.file.src_uri], _build["references"],
                           set(meta), _build["scale_page"], _build["references_page"], rows)
