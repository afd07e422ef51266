"""The front-matter checks (content_checks/frontmatter.py): a bad page fails the build with the page,
the line and the problem; a stale review date warns, and fails a strict build."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from mkdocs.exceptions import Abort

from tests.content_site import PLAIN, TODAY, build_site, failure, page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("# No front matter\n\n" + PLAIN, ["index.md:1: front matter is missing", "fix:"], id="missing"),
        pytest.param("---\ntitle: A\n" + PLAIN, ["index.md:1: front matter is not closed"], id="not-closed"),
        pytest.param(
            "---\ntitle: [unclosed\ndescription: x\n---\n" + PLAIN,
            ["index.md:", "front matter is not valid YAML"],
            id="bad-yaml",
        ),
        pytest.param(page(description=None), ["index.md:1: front matter lacks 'description'"], id="no-description"),
        pytest.param(
            page(reviewer="Awaiting review by the hosting clinic's clinician"),
            ["index.md:6: 'reviewer' names no one", "leave 'reviewer' out until a person has reviewed"],
            id="placeholder-reviewer",
        ),
        pytest.param(
            page(last_reviewed="22/11/2026"),
            ["index.md:4: 'last_reviewed' is not a date", "expected: an ISO date", "'22/11/2026'"],
            id="bad-date",
        ),
        pytest.param(
            page(sources=["spravato-label", "no-such-source"]),
            ["index.md:5: a source id is not in data/references.yml", "found:    no-such-source"],
            id="unknown-source",
        ),
        pytest.param(page(sources=[]), ["'sources' is empty"], id="no-sources"),
        pytest.param(
            page(last_reviewed=(TODAY + dt.timedelta(days=30)).isoformat()),
            ["'last_reviewed' is in the future"],
            id="future-date",
        ),
    ],
)
def test_bad_front_matter_fails_the_build_naming_the_page_and_problem(tmp_path, caplog, text, expected):
    log = failure(tmp_path, caplog, {"index.md": text})
    for part in expected:
        assert part in log


def test_a_condition_page_needs_an_evidence_level_from_the_scale(tmp_path, caplog):
    log = failure(
        tmp_path,
        caplog,
        {
            "index.md": page(),
            "conditions/ptsd.md": page(),
            "conditions/ocd.md": page(evidence="very strong"),
        },
    )
    assert "conditions/ptsd.md:1: a condition page lacks 'evidence'" in log
    assert "conditions/ocd.md:6: 'evidence' is not on the scale" in log
    assert "'very strong' is not a level" in log


# --- review dates -------------------------------------------------------------------------------


def stale_page() -> str:
    return page(last_reviewed=(TODAY - dt.timedelta(days=400)).isoformat())


def test_a_stale_review_date_is_a_visible_warning_and_fails_a_strict_build(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    with pytest.raises(Abort, match="strict mode"):
        build_site(tmp_path / "strict", {"index.md": stale_page()})
    assert "index.md:4: the page is due for review" in caplog.text
    assert "more than 12 months ago" in caplog.text


def test_a_stale_review_date_warns_in_a_lenient_build_too(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    build_site(tmp_path, {"index.md": stale_page()}, strict=False)
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert any("index.md:4: the page is due for review" in record.getMessage() for record in warnings)
