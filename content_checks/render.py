"""The Markdown the build adds to pages: the evidence label, the sources and review date, and the
lists that build markers stand for (content_checks/markers.py)."""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import NamedTuple

from markdown.extensions.toc import slugify

from . import evidence, sources
from .frontmatter import next_review_due
from .markers import ALL_REFERENCES_MARKER, CLINIC_REVIEW_MARKER, EVIDENCE_OVERVIEW_MARKER, EVIDENCE_SCALE_MARKER

SCALE_HEADING = "What the evidence labels mean"
EDITORIAL_PAGE = "editorial-policy.md"


class MarkerPages(NamedTuple):
    """The pages that hold the evidence scale and the list of every source, which other pages link to."""

    scale: str | None = None
    references: str | None = None


def marker_pages(pages: dict[str, str]) -> MarkerPages:
    """`pages` maps each page's path under docs/ to its text."""

    def holding(marker: str) -> str | None:
        return next((page for page, text in pages.items() if marker in text), None)

    return MarkerPages(holding(EVIDENCE_SCALE_MARKER), holding(ALL_REFERENCES_MARKER))


def overview_rows(meta: dict[str, dict], order: list[str]) -> list[tuple[str, str, object]]:
    """(page, title, evidence value) for every page whose front matter (`meta`: page -> front matter)
    has `evidence:`, in navigation order (`order`: pages as listed there), then the others by name."""
    with_evidence = sorted(
        (page for page in meta if "evidence" in meta[page]),
        key=lambda page: (order.index(page) if page in order else len(order), page),
    )
    return [(page, meta[page]["title"], meta[page]["evidence"]) for page in with_evidence]


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one page to another, as MkDocs expects (paths relative to docs/)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def evidence_label(value: object, page: str, scale_page: str | None) -> str:
    """The label at the top of a condition page; the same words on every page."""
    pairs = evidence.uses(value)
    if len(pairs) == 1 and pairs[0][0] is None:
        level = evidence.LEVELS[pairs[0][1]]
        title, body = f"Strength of evidence: {level.label}", [level.meaning]
    else:
        title = "Strength of evidence"
        body = []
        for use, name in pairs:
            level = evidence.LEVELS[name]
            body.append(f"- {use}: **{level.label}.** {level.meaning}")
    if scale_page:
        body += ["", f"[What the evidence labels mean]({link(page, scale_page, slugify(SCALE_HEADING, '-'))})"]
    return f'!!! info "{title}"\n\n' + "\n".join(f"    {line}" if line else "" for line in body) + "\n"


def evidence_scale() -> str:
    lines = [f"## {SCALE_HEADING}", "", "This is our own summary of the research, not an official grading.", ""]
    lines += [f"- **{level.label}.** {level.meaning}" for level in evidence.SCALE]
    return "\n".join(lines) + "\n"


def evidence_overview(page: str, rows: list[tuple[str, str, object]]) -> str:
    """rows: (page, title, evidence value) for every page that has `evidence:`, in navigation order."""
    lines = ["| Condition | Strength of evidence |", "| --- | --- |"]
    for target, title, value in rows:
        for use, name in evidence.uses(value):
            what = f"[{title}]({link(page, target)})" + (f": {use}" if use else "")
            lines.append(f"| {what} | {evidence.LEVELS[name].label} |")
    return "\n".join(lines) + "\n"


def all_references(references: dict) -> str:
    return "\n".join(f"1. {sources.citation(entry, with_note=True)}" for entry in references.values()) + "\n"


def review_and_sources(
    page: str, meta: dict, references: dict, site_pages: set[str], references_page: str | None
) -> str:
    """The block at the end of every page: its sources, when it was last reviewed and is next due, and
    by whom if a person is named."""
    # The section is left out of the site search (Material's data-search-exclude): citation titles
    # would match almost any search, and the index every page loads would carry them all again.
    lines = ["", "---", "", "## Sources { data-search-exclude }", ""]
    if references_page == page:
        lines.append("This page lists every source the site cites.")
    else:
        lines += [f"1. {sources.citation(references[source_id])}" for source_id in meta["sources"]]
    reviewed = meta["last_reviewed"]
    reviewed = reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(str(reviewed))
    review = f"**Last reviewed:** {long_date(reviewed)}. **Next review due:** {long_date(next_review_due(reviewed))}."
    if meta.get("reviewer"):
        review += f" **Reviewed by:** {meta['reviewer']}."
    lines += ["", review]
    more = []
    if EDITORIAL_PAGE in site_pages and page != EDITORIAL_PAGE:
        more.append(f"[How we choose sources and review pages]({link(page, EDITORIAL_PAGE)})")
    if references_page and references_page != page:
        more.append(f"[All references]({link(page, references_page)})")
    if more:
        lines += ["", " · ".join(more)]
    return "\n".join(lines) + "\n"


def decorate(
    markdown: str,
    page: str,
    meta: dict,
    references: dict,
    site_pages: set[str],
    scale_page: str | None,
    references_page: str | None,
    overview_rows: list[tuple[str, str, object]],
    clinic_review: str = "",
) -> str:
    """A page's Markdown with the label at the top, markers filled in and the sources at the end.
    `clinic_review` is what the clinic-review marker says (sitekit/site.review_status)."""
    if CLINIC_REVIEW_MARKER in markdown:
        markdown = markdown.replace(CLINIC_REVIEW_MARKER, clinic_review)
    if EVIDENCE_OVERVIEW_MARKER in markdown:
        markdown = markdown.replace(EVIDENCE_OVERVIEW_MARKER, evidence_overview(page, overview_rows))
    if EVIDENCE_SCALE_MARKER in markdown:
        markdown = markdown.replace(EVIDENCE_SCALE_MARKER, evidence_scale())
    if ALL_REFERENCES_MARKER in markdown:
        markdown = markdown.replace(ALL_REFERENCES_MARKER, all_references(references))
    if "evidence" in meta:
        markdown = _after_title(markdown, evidence_label(meta["evidence"], page, scale_page))
    return markdown.rstrip("\n") + "\n" + review_and_sources(page, meta, references, site_pages, references_page)


def _after_title(markdown: str, block: str) -> str:
    """Insert `block` after the page's '# ' heading if it has one, else at the top."""
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        if line.strip():
            if line.startswith("# "):
                return "\n".join([*lines[: index + 1], "", block, *lines[index + 1 :]]) + "\n"
            break
    return block + "\n" + markdown
