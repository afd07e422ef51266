"""Content checks in the build: glue between MkDocs and the content_checks package.

Fails the build, naming the page, line and fix, when a page's front matter is missing or malformed,
cites a source that data/references.yml lacks, makes a claim listed in data/forbidden-claims.yml,
says something that is right only in other regions than the site's (data/region-only.yml, with the
region placeholders filled for the site's region), names an unknown region placeholder, or reads
above Flesch-Kincaid grade 8 (or the pages' median above grade 7). A page last reviewed
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
from content_checks.pages import check_site, load_data, load_region_texts
from content_checks.problems import report
from sitekit import regions, site

ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger("mkdocs.hooks.content")
DATA_DIR = ROOT / "data"

_build: dict = {}  # what one build has learnt, for the later hooks of the same build


# on_config: the data files are read once per build, and a broken one stops the build before any page.
def on_config(config):
    references, claims, problems = load_data(DATA_DIR)
    try:
        region_data = regions.regions()
    except regions.CrisisDataError as error:
        raise PluginError(f"The help-by-region data needs fixing:\n{error}") from None
    region_texts, region_problems = load_region_texts(DATA_DIR, set(region_data))
    if problems + region_problems:
        raise PluginError(report(problems + region_problems, "Content data is not valid"))
    _build.clear()
    _build.update(references=references, claims=claims, order=[], region_texts=region_texts,
                  region=_region(config, region_data))
    return config


def _region(config, region_data: dict) -> dict:
    # The site hook (hooks/site.py) has checked extra.clinic.region and put the region's help in
    # extra.crisis; a site without that hook names its region the same way, US by default.
    if config.extra.get("crisis"):
        return config.extra["crisis"]
    code = (config.extra.get("clinic") or {}).get("region") or "US"
    if code not in region_data:
        raise PluginError(f"{config.config_file_path}: extra.clinic.region: {code!r} is not one of "
                          f"{', '.join(region_data)} (the regions of data/crisis-help.yml)")
    return site.crisis_help(code)


# on_files: every page is checked before any is rendered, so one build reports every problem at once.
def on_files(files, config):
    texts = {file.src_uri: file.content_string for file in files.documentation_pages()}
    checked = check_site(texts, _build["references"], _build["claims"], dt.date.today(),
                         region=_build["region"], region_texts=_build["region_texts"])
    for warning in checked.warnings:
        log.warning(str(warning))
    if checked.errors:
        raise PluginError(report(checked.errors, "Content checks failed"))
    _build["meta"] = {page: result.meta for page, result in checked.pages.items()}
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
