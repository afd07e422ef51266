"""The Markdown the build adds to pages: the evidence label, the sources and review date, and the
lists that build markers stand for (content_checks/markers.py). Their words are the site's wording
in its language (`strings`: sitekit/strings.site_strings, which hooks/content.py passes in)."""

from __future__ import annotations

import datetime as dt
import posixpath
from typing import NamedTuple

from markdown.extensions.toc import slugify

from sitekit import strings as strings_module

from . import evidence, sources
from .frontmatter import next_review_due
from .markers import ALL_REFERENCES_MARKER, CLINIC_REVIEW_MARKER, EVIDENCE_OVERVIEW_MARKER, EVIDENCE_SCALE_MARKER

# The English headings' anchors, kept in every language so that links to them hold.
SCALE_ANCHOR = "what-the-evidence-labels-mean"
SOURCES_ANCHOR = "sources"
EDITORIAL_PAGE = "editorial-policy.md"
Wording = dict[str, str]


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


def long_date(day: dt.date, strings: Wording) -> str:
    return strings_module.long_date(day, strings)


def heading(text: str, anchor: str, attributes: str = "") -> str:
    """A heading's text with its attributes: the English heading's `anchor` as its id where the
    text (a translation) would give another, so that links to it hold in every language."""
    given = [f"#{anchor}"] if slugify(text, "-") != anchor else []
    given += [attributes] if attributes else []
    return f"{text} {{ {' '.join(given)} }}" if given else text


def evidence_label(value: object, page: str, scale_page: str | None, strings: Wording) -> str:
    """The label at the top of a condition page; the same words on every page."""
    pairs = evidence.uses(value)
    if len(pairs) == 1 and pairs[0][0] is None:
        level = evidence.LEVELS[pairs[0][1]]
        title = strings_module.fill(strings["evidence_title_level"], level=level.label(strings))
        body = [level.meaning(strings)]
    else:
        title = strings["evidence_title"]
        body = []
        for use, name in pairs:
            level = evidence.LEVELS[name]
            body.append(f"- {use}: **{level.label(strings)}.** {level.meaning(strings)}")
    if scale_page:
        body += ["", f"[{strings['evidence_scale_heading']}]({link(page, scale_page, SCALE_ANCHOR)})"]
    return f'!!! info "{title}"\n\n' + "\n".join(f"    {line}" if line else "" for line in body) + "\n"


def evidence_scale(strings: Wording) -> str:
    lines = [f"## {heading(strings['evidence_scale_heading'], SCALE_ANCHOR)}", "", strings["evidence_scale_intro"], ""]
    lines += [f"- **{level.label(strings)}.** {level.meaning(strings)}" for level in evidence.SCALE]
    return "\n".join(lines) + "\n"


def evidence_overview(page: str, rows: list[tuple[str, str, object]], strings: Wording) -> str:
    """rows: (page, title, evidence value) for every page that has `evidence:`, in navigation order."""
    lines = [f"| {strings['evidence_overview_condition']} | {strings['evidence_overview_strength']} |", "| --- | --- |"]
    for target, title, value in rows:
        for use, name in evidence.uses(value):
            what = f"[{title}]({link(page, target)})" + (f": {use}" if use else "")
            lines.append(f"| {what} | {evidence.LEVELS[name].label(strings)} |")
    return "\n".join(lines) + "\n"


def all_references(references: dict) -> str:
    return "\n".join(f"1. {sources.citation(entry, with_note=True)}" for entry in references.values()) + "\n"


def review_and_sources(
    page: str, meta: dict, references: dict, site_pages: set[str], references_page: str | None, strings: Wording
) -> str:
    """The block at the end of every page: its sources, when it was last reviewed and is next due, and
    by whom if a person is named."""
    # The section is left out of the site search (Material's data-search-exclude): citation titles
    # would match almost any search, and the index every page loads would carry them all again.
    lines = ["", "---", "", f"## {heading(strings['sources_heading'], SOURCES_ANCHOR, 'data-search-exclude')}", ""]
    if references_page == page:
        lines.append(strings["sources_every"])
    else:
        lines += [f"1. {sources.citation(references[source_id])}" for source_id in meta["sources"]]
    reviewed = meta["last_reviewed"]
    reviewed = reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(str(reviewed))
    review = (
        f"**{strings['sources_last_reviewed']}** {long_date(reviewed, strings)}. "
        f"**{strings['sources_next_review']}** {long_date(next_review_due(reviewed), strings)}."
    )
    if meta.get("reviewer"):
        review += f" **{strings['sources_reviewed_by']}** {meta['reviewer']}."
    lines += ["", review]
    more = []
    if EDITORIAL_PAGE in site_pages and page != EDITORIAL_PAGE:
        more.append(f"[{strings['sources_policy_link']}]({link(page, EDITORIAL_PAGE)})")
    if references_page and references_page != page:
        more.append(f"[{strings['sources_all_link']}]({link(page, references_page)})")
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
    *,
    strings: Wording,
) -> str:
    """A page's Markdown with the label at the top, markers filled in and the sources at the end.
    `clinic_review` is what the clinic-review marker says (sitekit/site.review_status); `strings`
    is the site's wording (sitekit/strings.site_strings)."""
    if CLINIC_REVIEW_MARKER in markdown:
        markdown = markdown.replace(CLINIC_REVIEW_MARKER, clinic_review)
    if EVIDENCE_OVERVIEW_MARKER in markdown:
        markdown = markdown.replace(EVIDENCE_OVERVIEW_MARKER, evidence_overview(page, overview_rows, strings))
    if EVIDENCE_SCALE_MARKER in markdown:
        markdown = markdown.replace(EVIDENCE_SCALE_MARKER, evidence_scale(strings))
    if ALL_REFERENCES_MARKER in markdown:
        markdown = markdown.replace(ALL_REFERENCES_MARKER, all_references(references))
    if "evidence" in meta:
        markdown = _after_title(markdown, evidence_label(meta["evidence"], page, scale_page, strings))
    return (
        markdown.rstrip("\n") + "\n" + review_and_sources(page, meta, references, site_pages, references_page, strings)
    )


def _after_title(markdown: str, block: str) -> str:
    """Insert `block` after the page's '# ' heading if it has one, else at the top."""
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        if line.strip():
            if line.startswith("# "):
                return "\n".join([*lines[: index + 1], "", block, *lines[index + 1 :]]) + "\n"
            break
    return block + "\n" + markdown
