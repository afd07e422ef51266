"""Every check on one page, and on the site as a whole."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitekit import figures as figure_module

from . import claims as claims_check
from . import expiry, frontmatter, prose, readability, region_text, sources
from .problems import Problem

DATA = ("references.yml", "forbidden-claims.yml", "region-only.yml")


@dataclass
class PageResult:
    page: str
    meta: dict
    readability: readability.Readability
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class SiteResult:
    pages: dict[str, PageResult]
    errors: list[Problem]
    warnings: list[Problem]
    median_grade: float | None


def load_data(data_dir: Path) -> tuple[dict, list[claims_check.Claim], list[Problem]]:
    """The references and the forbidden claims, and any problems with those files."""
    references, problems = sources.load(data_dir / "references.yml")
    claims, claim_problems = claims_check.load(data_dir / "forbidden-claims.yml", references)
    return references, claims, problems + claim_problems


def load_region_texts(data_dir: Path, region_codes: set[str]) -> tuple[list[region_text.RegionText], list[Problem]]:
    """The text that is right only in some regions (data/region-only.yml), and the file's problems."""
    return region_text.load(data_dir / "region-only.yml", region_codes)


def check_page(
    page: str,
    source: str,
    references: dict,
    claims: list[claims_check.Claim],
    today: dt.date,
    *,
    region: dict | None = None,
    region_texts: list[region_text.RegionText] = (),
    figures: dict | None = None,
) -> PageResult:
    """`page` is the path under docs/ (it names the page in every message); `source` is the file's text.

    `region` is the site's region (an entry of data/crisis-help.yml, with its code under "region"):
    the region placeholders are read as they will be filled for it, and nothing in `region_texts`
    that is wrong for it may be said. Without a region the placeholders read as on a UK site and
    only the allowances of region text are checked. `figures` are those of data/figures.yml (read
    from there when not given)."""
    fm = frontmatter.split(page, source)
    errors, warnings = list(fm.problems), []
    if not fm.problems:
        errors, warnings = frontmatter.check(page, fm, references, today)
    expiry_errors, expiry_warnings = expiry.check(page, source, today)
    errors, warnings = errors + expiry_errors, warnings + expiry_warnings
    body, placeholder_problems = region_text.fill(page, fm.body, fm.body_start, region)
    errors += placeholder_problems
    # A figure's words are read where the figure stands (sitekit/figures.py draws it from data/figures.yml).
    if figures is None:
        figures = figure_module.load()
    body, figure_lines = figure_module.fill_text(body, fm.body_start, figures)
    errors += [
        Problem(
            page, bad.line, bad.problem, bad.expected, bad.text, "add the figure to data/figures.yml or fix the line"
        )
        for bad in figure_lines
    ]
    found = prose.blocks(body, fm.body_start)

    said = []  # the title and description are read too: in the browser tab, search results and link previews
    for key in ("title", "description"):
        if isinstance(fm.meta.get(key), str):
            said += [prose.Sentence("meta", fm.key_lines.get(key, 1), text) for text in _split_sentences(fm.meta[key])]
    read = said + prose.sentences(found)
    errors += claims_check.check(page, read, claims, fm.meta.get("allow_claims"), fm.key_lines.get("allow_claims"))
    errors += region_text.check(
        page,
        read,
        region_text.addresses(body, fm.body_start),
        list(region_texts),
        region.get("region") if region else None,
        fm.meta.get("allow_region_text"),
        fm.key_lines.get("allow_region_text"),
    )

    measured = readability.measure(found)
    grade = measured.grade
    if measured.graded and grade > readability.MAX_GRADE:
        errors.append(
            Problem(
                page,
                None,
                "the page is too hard to read",
                f"Flesch-Kincaid grade {readability.MAX_GRADE:g} or lower",
                f"grade {grade} ({measured.words} words in {measured.sentences} sentences, "
                f"{measured.words / measured.sentences:.1f} words a sentence, "
                f"{measured.syllables / measured.words:.2f} syllables a word)",
                "use shorter sentences and everyday words; define a medical word once and then use it. "
                f"Longest sentences:\n{_longest(found)}",
            )
        )
    return PageResult(page, fm.meta, measured, errors, warnings)


def check_site(
    pages: dict[str, str],
    references: dict,
    claims: list[claims_check.Claim],
    today: dt.date,
    *,
    region: dict | None = None,
    region_texts: list[region_text.RegionText] = (),
    figures: dict | None = None,
) -> SiteResult:
    """`pages` maps each page's path under docs/ to its text; the rest as for check_page."""
    figure_problems = []
    if figures is None:
        try:
            figures = figure_module.load(references=set(references))
        except figure_module.FigureError as error:
            figures = {"icon_arrays": {}, "timelines": {}}
            figure_problems.append(
                Problem(
                    "data/figures.yml",
                    None,
                    "the figures' data needs fixing",
                    "figures as the file's header describes",
                    str(error),
                    "fix each key named above",
                )
            )
    results = {
        page: check_page(
            page, text, references, claims, today, region=region, region_texts=region_texts, figures=figures
        )
        for page, text in sorted(pages.items())
    }
    errors = figure_problems + [problem for result in results.values() for problem in result.errors]
    warnings = [problem for result in results.values() for problem in result.warnings]
    graded = {page: result.readability.grade for page, result in results.items() if result.readability.graded}
    median = readability.median(list(graded.values()))
    if median is not None and median > readability.MAX_MEDIAN_GRADE:
        hardest = sorted(graded.items(), key=lambda item: -item[1])[:5]
        errors.append(
            Problem(
                "docs/",
                None,
                "the pages are too hard to read on the whole",
                f"a median Flesch-Kincaid grade of {readability.MAX_MEDIAN_GRADE:g} or lower over {len(graded)} pages",
                f"median grade {median}",
                "simplify the hardest pages: " + ", ".join(f"{page} ({grade})" for page, grade in hardest),
            )
        )
    return SiteResult(results, errors, warnings, median)


def _split_sentences(text: str) -> list[str]:
    return [sentence.text for sentence in prose.sentences([prose.Block("meta", 1, text, ((0, 1),))])]


def _longest(found: list[prose.Block], count: int = 3) -> str:
    measured = [sentence for sentence in prose.sentences(found) if sentence.kind not in readability.NOT_MEASURED]
    longest = sorted(measured, key=lambda sentence: -len(re.findall(r"\S+", sentence.text)))[:count]
    return "\n".join(f"          line {sentence.line}: {sentence.text}" for sentence in longest)
