"""The real articles in docs/: each passes every content check, the site as a whole passes the
site-wide checks (the median grade among them), every page is in the navigation, and the crisis
page takes its numbers from the regional data."""

from __future__ import annotations

import re

import pytest
import yaml

from content_checks import readability
from content_checks.frontmatter import EVIDENCE_NOT_REQUIRED, EVIDENCE_REQUIRED_UNDER
from content_checks.pages import check_page, check_site, load_region_texts
from sitekit import regions
from tests.content_site import CLAIMS, DOCS, REFERENCES, ROOT, TODAY

# As the build reads them: a page's allow_region_text names entries of data/region-only.yml.
REGION_TEXTS, _ = load_region_texts(ROOT / "data", set(regions.regions()))


def real_pages() -> dict[str, str]:
    return {path.relative_to(DOCS).as_posix(): path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md"))}


ARTICLES = sorted(real_pages())


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml even if it uses !!python/name tags."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
MKDOCS = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)


@pytest.mark.parametrize("name", ARTICLES)
def test_each_article_passes_every_check_at_grade_8_or_lower(name):
    result = check_page(
        name, (DOCS / name).read_text(encoding="utf-8"), REFERENCES, CLAIMS, TODAY, region_texts=REGION_TEXTS
    )
    assert not result.errors, "\n\n".join(map(str, result.errors))
    assert not result.warnings, "\n\n".join(map(str, result.warnings))
    assert result.readability.grade is not None and result.readability.grade <= readability.MAX_GRADE
    if name.startswith(EVIDENCE_REQUIRED_UNDER) and name not in EVIDENCE_NOT_REQUIRED:
        assert "evidence" in result.meta, "every condition page has an evidence label"


def test_the_page_list_is_read_from_docs():
    assert len(ARTICLES) > 20 and "risks-and-side-effects.md" in ARTICLES
    assert sum(name.startswith(EVIDENCE_REQUIRED_UNDER) for name in ARTICLES) >= 9


def test_every_page_in_docs_passes_the_site_checks():
    """The site-wide checks include the median grade of 7 or lower."""
    site = check_site(real_pages(), REFERENCES, CLAIMS, TODAY, region_texts=REGION_TEXTS)
    assert not site.errors, "\n\n".join(map(str, site.errors))


def nav_pages() -> list[str]:
    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]

    return list(walk(MKDOCS["nav"]))


def test_every_article_is_in_the_navigation_and_every_link_there_exists():
    pages = nav_pages()
    left_out = tuple(line.strip().strip("/") + "/" for line in MKDOCS["not_in_nav"].splitlines() if line.strip())
    assert {name for name in ARTICLES if not name.startswith(left_out)} <= set(pages)
    assert set(pages) <= set(ARTICLES)
    assert pages.index("crisis-help.md") <= 2, "crisis help stays near the top"
    assert "hooks/content.py" in MKDOCS["hooks"]


def test_the_crisis_page_takes_its_numbers_from_the_site_wide_crisis_data():
    """The page lists the region's lines through the [[ crisis help ]] block (built from
    data/crisis-help.yml, checked per region in tests/test_clinic.py); no number is written in."""
    text = (DOCS / "crisis-help.md").read_text(encoding="utf-8")
    assert "\n[[ crisis help ]]\n" in text
    regions = yaml.safe_load((ROOT / "data" / "crisis-help.yml").read_text(encoding="utf-8"))
    body = text.split("-->", 1)[1]
    for entry in regions.values():
        for line in entry["lines"]:
            assert not (line.get("call") and re.search(rf"\b{line['call']}\b", body)), line["name"]
