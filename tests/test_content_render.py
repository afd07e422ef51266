"""What the build adds to each page (content_checks/render.py): sources, review date, reviewer, and a
condition page's evidence label with the conditions overview that lists it."""

from __future__ import annotations

import datetime as dt
import re

from content_checks import render
from content_checks.frontmatter import next_review_due
from sitekit.strings import site_strings
from tests.content_site import PLAIN, TODAY, build_site, page

ENGLISH = site_strings("en")


def test_every_page_shows_its_sources_and_when_it_was_and_is_next_reviewed(tmp_path):
    site = build_site(tmp_path, {"index.md": page(sources=["spravato-label", "anand-2023"])})
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Sources" in html and "SPRAVATO (esketamine) nasal spray" in html and "ELEKT-D" in html
    next_due = render.long_date(next_review_due(TODAY), ENGLISH)
    assert f"<strong>Last reviewed:</strong> {render.long_date(TODAY, ENGLISH)}." in html
    assert f"<strong>Next review due:</strong> {next_due}." in html
    # No one is named until someone has reviewed the page: no "awaiting review" line.
    assert "Reviewed by" not in html and "Reviewer" not in html and "waiting" not in html


def test_a_page_names_its_reviewer_once_someone_has_reviewed_it(tmp_path):
    site = build_site(tmp_path, {"index.md": page(reviewer="Dr A. Example, psychiatrist")})
    assert "<strong>Reviewed by:</strong> Dr A. Example, psychiatrist." in (site / "index.html").read_text("utf-8")


def test_the_next_review_is_due_a_year_later_even_from_29_february():
    assert next_review_due(dt.date(2026, 12, 1)) == dt.date(2027, 12, 1)
    assert next_review_due(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_a_condition_page_shows_its_evidence_label_and_the_overview_lists_it(tmp_path):
    markers = render.EVIDENCE_OVERVIEW_MARKER + "\n\n" + render.EVIDENCE_SCALE_MARKER + "\n"
    overview = page(PLAIN * 3 + "\n" + markers)
    condition = page("# PTSD\n\n" + PLAIN, title="PTSD", evidence="emerging")
    site = build_site(tmp_path, {"index.md": page(), "conditions/index.md": overview, "conditions/ptsd.md": condition})
    html = (site / "conditions" / "ptsd" / "index.html").read_text(encoding="utf-8")
    assert "Strength of evidence: Emerging" in html
    assert html.index("Strength of evidence") < html.index("This page is short")
    listing = (site / "conditions" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="ptsd/">PTSD</a></td>\s*<td>Emerging</td>', listing)
    assert "What the evidence labels mean" in listing
