"""What the build adds to each page (content_checks/render.py): sources, review date, reviewer, and a
condition page's evidence label with the conditions overview that lists it."""

from __future__ import annotations

import re

from content_checks import render
from tests.content_site import PLAIN, TODAY, build_site, page


def test_every_page_shows_its_sources_review_date_and_reviewer(tmp_path):
    site = build_site(tmp_path, {"index.md": page(sources=["spravato-label", "anand-2023"])})
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Sources" in html and "SPRAVATO (esketamine) nasal spray" in html and "ELEKT-D" in html
    assert render.long_date(TODAY) in html
    assert "Awaiting review by the hosting clinic&#x27;s clinician" in html or \
           "Awaiting review by the hosting clinic's clinician" in html


def test_a_condition_page_shows_its_evidence_label_and_the_overview_lists_it(tmp_path):
    markers = render.EVIDENCE_OVERVIEW_MARKER + "\n\n" + render.EVIDENCE_SCALE_MARKER + "\n"
    overview = page(PLAIN * 3 + "\n" + markers)
    condition = page("# PTSD\n\n" + PLAIN, title="PTSD", evidence="emerging")
    site = build_site(tmp_path, {"index.md": page(), "conditions/index.md": overview,
                                 "conditions/ptsd.md": condition})
    html = (site / "conditions" / "ptsd" / "index.html").read_text(encoding="utf-8")
    assert "Strength of evidence: Emerging" in html
    assert html.index("Strength of evidence") < html.index("This page is short")
    listing = (site / "conditions" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="ptsd/">PTSD</a></td>\s*<td>Emerging</td>', listing)
    assert "What the evidence labels mean" in listing
