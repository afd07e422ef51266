"""The content checks: each check fails a build with its message when fed a bad page, and the real
articles pass them (front matter, forbidden claims, readability, review dates)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import statistics
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from content_checks import claims, evidence, prose, readability, render
from content_checks.pages import check_page, check_site, load_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HOOK = ROOT / "hooks" / "content.py"
TODAY = dt.date.today()
REFERENCES, CLAIMS, DATA_PROBLEMS = load_data(ROOT / "data")

PLAIN = "This page is short. It uses plain words. You can read it with ease.\n"


def page(body: str = PLAIN, **meta) -> str:
    """A page with valid front matter; keyword arguments replace keys (None removes one)."""
    front = {
        "title": "A test page",
        "description": "A page for a test.",
        "last_reviewed": TODAY.isoformat(),
        "reviewer": "Awaiting review by the hosting clinic's clinician",
        "sources": ["spravato-label"],
    }
    front.update(meta)
    front = {key: value for key, value in front.items() if value is not None}
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    return "---\n" + dumped + "---\n\n" + body


def build_site(tmp_path: Path, pages: dict[str, str], strict: bool = True) -> Path:
    """Build a throw-away site with only the content hook, as `mkdocs build` would."""
    docs = tmp_path / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = {
        "site_name": "Test",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "mkdocs"},
        "hooks": [str(HOOK)],
        "markdown_extensions": ["admonition", "attr_list", "def_list", "tables", "toc"],
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    build(load_config(str(path), strict=strict))
    return tmp_path / "site"


def failure(tmp_path: Path, caplog, pages: dict[str, str]) -> str:
    """Build, expect the build to fail, and return what it logged."""
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        build_site(tmp_path, pages)
    return caplog.text


# --- front matter -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("# No front matter\n\n" + PLAIN, ["index.md:1: front matter is missing", "fix:"], id="missing"),
    pytest.param("---\ntitle: A\n" + PLAIN, ["index.md:1: front matter is not closed"], id="not-closed"),
    pytest.param("---\ntitle: [unclosed\ndescription: x\n---\n" + PLAIN,
                 ["index.md:", "front matter is not valid YAML"], id="bad-yaml"),
    pytest.param(page(description=None), ["index.md:1: front matter lacks 'description'"], id="no-description"),
    pytest.param(page(reviewer=None), ["front matter lacks 'reviewer'"], id="no-reviewer"),
    pytest.param(page(last_reviewed="22/11/2026"),
                 ["index.md:4: 'last_reviewed' is not a date", "expected: an ISO date", "'22/11/2026'"], id="bad-date"),
    pytest.param(page(sources=["spravato-label", "no-such-source"]),
                 ["index.md:6: a source id is not in data/references.yml", "found:    no-such-source"],
                 id="unknown-source"),
    pytest.param(page(sources=[]), ["'sources' is empty"], id="no-sources"),
    pytest.param(page(last_reviewed=(TODAY + dt.timedelta(days=30)).isoformat()),
                 ["'last_reviewed' is in the future"], id="future-date"),
])
def test_bad_front_matter_fails_the_build_naming_the_page_and_problem(tmp_path, caplog, text, expected):
    log = failure(tmp_path, caplog, {"index.md": text})
    for part in expected:
        assert part in log


def test_a_condition_page_needs_an_evidence_level_from_the_scale(tmp_path, caplog):
    log = failure(tmp_path, caplog, {
        "index.md": page(),
        "conditions/ptsd.md": page(),
        "conditions/ocd.md": page(evidence="very strong"),
    })
    assert "conditions/ptsd.md:1: a condition page lacks 'evidence'" in log
    assert "conditions/ocd.md:7: 'evidence' is not on the scale" in log
    assert "'very strong' is not a level" in log


# --- forbidden claims ---------------------------------------------------------------------------

def test_a_forbidden_claim_fails_the_build_naming_the_line_and_the_claim(tmp_path, caplog):
    body = PLAIN + "\nKetamine is a safe choice.\nIt has no side effects at all.\n"
    log = failure(tmp_path, caplog, {"index.md": page(body)})
    assert "index.md:12: forbidden claim 'no-side-effects'" in log
    assert '"no side effects" in the sentence "It has no side effects at all."' in log
    assert "(source: spravato-label)" in log
    assert "allow_claims:" in log  # the fix says how to allow a refuting sentence


def test_a_claim_in_the_title_description_heading_or_table_is_caught(tmp_path, caplog):
    body = PLAIN + "\n## Proven for PTSD\n\n| What | Claim |\n| --- | --- |\n| Ads | You qualify |\n"
    log = failure(tmp_path, caplog, {"index.md": page(body, description="Ketamine cures depression.")})
    assert "index.md:3: forbidden claim 'cures-depression'" in log
    assert "forbidden claim 'proven-for-ptsd'" in log
    assert "index.md:15: forbidden claim 'you-qualify'" in log


def test_an_allowed_refutation_passes_but_only_for_its_own_sentence(tmp_path, caplog):
    refuting = "No study shows that ketamine cures depression."
    allowed = page(PLAIN + "\n" + refuting + "\n",
                   allow_claims=[{"claim": "cures-depression", "sentence": refuting}])
    site = build_site(tmp_path / "good", {"index.md": allowed})
    assert refuting in (site / "index.html").read_text(encoding="utf-8")

    also = page(PLAIN + "\n" + refuting + " Ketamine cures depression.\n",
                allow_claims=[{"claim": "cures-depression", "sentence": refuting}])
    log = failure(tmp_path / "bad", caplog, {"index.md": also})
    assert 'the sentence "Ketamine cures depression."' in log
    assert f'the sentence "{refuting}"' not in log


def test_an_unused_or_malformed_allowance_fails(tmp_path, caplog):
    unused = page(allow_claims=[{"claim": "cures-depression", "sentence": "A sentence not on the page."}])
    wrong = page(allow_claims=["cures-depression"])
    log = failure(tmp_path, caplog, {"index.md": unused, "other.md": wrong})
    assert "index.md:7: an 'allow_claims' entry for 'cures-depression' is not used" in log
    assert "other.md:7: an 'allow_claims' entry is not valid" in log


BRIEF_CLAIMS = [  # the evidence brief's section 5, and the list
    "FDA-approved ketamine for depression.", "Ketamine is FDA approved for depression.",
    "Ketamine treatment is FDA-approved.", "Ketamine is non-addictive.", "It has no abuse potential.",
    "There are no side effects.", "It has minimal side effects.", "Ketamine is completely safe.",
    "Ketamine cures depression.", "The results are permanent.", "Get permanent results.",
    "Ketamine works for everyone.", "We see 70-90% success.", "It stops suicidal thoughts.",
    "Esketamine prevents suicide.", "At-home oral ketamine is as safe as in-clinic care.",
    "Ketamine is proven for PTSD.", "It is proven to treat OCD.", "It is proven for anxiety.",
    "It is a proven treatment for bipolar depression.", "It is proven for addiction.",
    "Ketamine is proven for fibromyalgia.", "Ketamine rewires your brain.", "It regrows the brain.",
    "Ketamine heals your brain.", "Esketamine is approved for teens.", "You can drive yourself home.",
    "You qualify for treatment.", "You are a good candidate.", "This site is HIPAA-compliant.",
    "We never share data.",
]
HONEST = [
    "Ketamine is FDA-approved only as an anesthetic.",
    "Ketamine is not approved for any mental health condition.",
    "Esketamine nasal spray is approved for adults with treatment-resistant depression.",
    "It is not approved for children.", "Do not drive yourself home.", "You cannot drive home.",
    "Do not drive until the next day, after a good night's sleep.",
    "This self-check cannot tell you whether you qualify.", "A few side effects are common.",
    "About 55 in 100 people responded to ketamine.", "This happened to 61 to 75 in 100 people.",
    "A large rise happened in 8-19% of people.", "Ketamine can be misused.",
    "Ask your provider which treatments have the best evidence for PTSD.",
    "Some ideas are about how brain cells connect and change.",
]


@pytest.mark.parametrize("sentence", BRIEF_CLAIMS)
def test_every_claim_in_the_brief_is_caught(sentence):
    assert [claim.id for claim in CLAIMS if claim.matches(sentence)], sentence


@pytest.mark.parametrize("sentence", HONEST)
def test_honest_statements_are_not_caught(sentence):
    assert not [claim.id for claim in CLAIMS if claim.matches(sentence)], sentence


def test_the_claims_list_is_valid_and_cites_known_sources():
    assert DATA_PROBLEMS == []
    assert len({claim.id for claim in CLAIMS}) == len(CLAIMS)
    assert all(claim.source in REFERENCES for claim in CLAIMS)


def test_a_broken_claims_list_is_reported_with_its_entry(tmp_path):
    bad = tmp_path / "forbidden-claims.yml"
    bad.write_text("claims:\n  - id: broken\n    claim: x\n    reason: y\n    source: nowhere\n"
                   "    patterns: ['(unclosed']\n", encoding="utf-8")
    _, problems = claims.load(bad, REFERENCES)
    text = "\n".join(map(str, problems))
    assert "claim 'broken': 'source' is not valid" in text
    assert "claim 'broken': 'patterns' is not valid" in text


# --- readability --------------------------------------------------------------------------------

HARD = (
    "Esketamine, an N-methyl-D-aspartate receptor antagonist administered intranasally, demonstrated "
    "statistically significant improvements in Montgomery-Asberg Depression Rating Scale scores "
    "relative to placebo, notwithstanding considerable heterogeneity across randomized controlled "
    "investigations and substantial uncertainty regarding longitudinal maintenance of therapeutic benefit.\n"
)


def test_a_page_above_grade_8_fails_the_build_with_its_grade(tmp_path, caplog):
    log = failure(tmp_path, caplog, {"index.md": page(), "hard.md": page(HARD)})
    assert "hard.md: the page is too hard to read" in log
    assert "expected: Flesch-Kincaid grade 8 or lower" in log
    assert re.search(r"found:    grade \d+\.\d", log)
    assert "Longest sentences:" in log and "line 9: Esketamine, an N-methyl" in log


def test_a_page_too_short_to_grade_is_not_held_to_the_limit():
    result = check_page("short.md", page("Overview.\n"), REFERENCES, CLAIMS, TODAY)
    assert result.readability.grade > readability.MAX_GRADE and not result.readability.graded
    assert not result.errors


def test_pages_whose_median_is_above_grade_7_fail_together():
    middling = ("Most people who try this treatment need several visits every week at first. The clinic staff "
                "will carefully measure your blood pressure and breathing during each appointment. Remember to "
                "bring somebody who can take you home.\n")
    assert 7 < check_page("x.md", page(middling), REFERENCES, CLAIMS, TODAY).readability.grade <= 8
    site = check_site({f"page-{n}.md": page(middling) for n in range(3)}, REFERENCES, CLAIMS, TODAY)
    assert any("too hard to read on the whole" in str(problem) for problem in site.errors)


def test_the_flesch_kincaid_formula_and_syllables():
    assert readability.syllables_in("depression") == 3
    assert readability.syllables_in("esketamine") == 4  # not in the dictionary: counted by vowel groups
    assert readability.syllables_in("OCD") == 3  # an abbreviation is read letter by letter
    assert readability.syllables_in("treatment-resistant") == 5
    found = prose.blocks("The cat sat on the mat.\n")
    measured = readability.measure(found)
    assert (measured.words, measured.sentences, measured.syllables) == (6, 1, 6)
    assert measured.grade == round(0.39 * 6 + 11.8 * 1 - 15.59, 1)


def test_readability_leaves_out_code_tables_comments_and_addresses():
    text = (
        "A short line here.\n\n```\nsupercalifragilistic expialidocious antidisestablishmentarianism\n```\n\n"
        "| Counterintuitively | Incomprehensibility |\n| --- | --- |\n| a | b |\n\n"
        "<!-- uncharacteristically -->\nSee [this](https://example.com/extraordinarily/long).\n"
    )
    measured = readability.measure(prose.blocks(text))
    assert measured.words == 6 and measured.sentences == 2  # "A short line here." and "See this."


def test_the_evidence_labels_the_build_adds_are_plain():
    for level in evidence.SCALE:
        grade = readability.measure(prose.blocks(level.meaning)).grade
        assert grade is not None and grade <= readability.MAX_GRADE, level


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


# --- what the build adds to pages ---------------------------------------------------------------

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


# --- the real articles --------------------------------------------------------------------------

def real_pages() -> dict[str, str]:
    return {path.relative_to(DOCS).as_posix(): path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md"))}


ARTICLES = [
    "what-is-ketamine-treatment.md", "how-it-works.md", "conditions/index.md",
    "conditions/treatment-resistant-depression.md", "conditions/suicidal-thoughts.md",
    "conditions/bipolar-depression.md", "conditions/ptsd.md", "conditions/ocd.md", "conditions/anxiety.md",
    "conditions/substance-use.md", "conditions/chronic-pain.md", "who-may-be-a-candidate.md",
    "treatment-process.md", "risks-and-side-effects.md", "getting-a-referral.md", "alternatives.md",
    "glossary.md", "references.md", "editorial-policy.md", "privacy.md", "crisis-help.md",
]


@pytest.mark.parametrize("name", ARTICLES)
def test_each_article_passes_every_check_at_grade_8_or_lower(name):
    result = check_page(name, (DOCS / name).read_text(encoding="utf-8"), REFERENCES, CLAIMS, TODAY)
    assert not result.errors, "\n\n".join(map(str, result.errors))
    assert not result.warnings, "\n\n".join(map(str, result.warnings))
    assert result.readability.grade is not None and result.readability.grade <= readability.MAX_GRADE


def test_the_articles_median_grade_is_7_or_lower():
    grades = [check_page(name, (DOCS / name).read_text(encoding="utf-8"), REFERENCES, CLAIMS, TODAY)
              .readability.grade for name in ARTICLES]
    assert statistics.median(grades) <= readability.MAX_MEDIAN_GRADE


def test_every_page_in_docs_passes_the_site_checks():
    site = check_site(real_pages(), REFERENCES, CLAIMS, TODAY)
    assert not site.errors, "\n\n".join(map(str, site.errors))


def test_every_condition_page_has_an_evidence_label():
    for name in ARTICLES:
        if name.startswith("conditions/") and name != "conditions/index.md":
            result = check_page(name, (DOCS / name).read_text(encoding="utf-8"), REFERENCES, CLAIMS, TODAY)
            assert "evidence" in result.meta, name


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml even if it uses !!python/name tags."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_pages() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]

    return list(walk(config["nav"]))


def test_every_article_is_in_the_navigation_and_every_link_there_exists():
    pages = nav_pages()
    assert set(ARTICLES) <= set(pages)
    assert pages.index("crisis-help.md") <= 2, "crisis help stays near the top"
    assert "hooks/content.py" in yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)["hooks"]


def test_every_page_the_self_check_links_to_exists():
    bank = (ROOT / "quiz" / "data" / "questions.yml").read_text(encoding="utf-8")
    linked = set(re.findall(r"\bpage:\s*([\w/.-]+\.md)", bank))
    assert linked
    for name in linked:
        assert (DOCS / name).is_file(), name


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
