"""The readability check (content_checks/readability.py, prose.py): Flesch-Kincaid grade 8 or lower
per page and a median of 7 or lower, measured offline on the prose alone."""

from __future__ import annotations

import re

from content_checks import evidence, prose, readability
from content_checks.pages import check_page, check_site
from sitekit.strings import site_strings
from tests.content_site import CLAIMS, REFERENCES, TODAY, failure, page

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
    assert "Longest sentences:" in log and "line 8: Esketamine, an N-methyl" in log


def test_a_page_too_short_to_grade_is_not_held_to_the_limit():
    result = check_page("short.md", page("Overview.\n"), REFERENCES, CLAIMS, TODAY)
    assert result.readability.grade > readability.MAX_GRADE and not result.readability.graded
    assert not result.errors


def test_pages_whose_median_is_above_grade_7_fail_together():
    middling = (
        "Most people who try this treatment need several visits every week at first. The clinic staff "
        "will carefully measure your blood pressure and breathing during each appointment. Remember to "
        "bring somebody who can take you home.\n"
    )
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
    english = site_strings("en")
    for level in evidence.SCALE:
        grade = readability.measure(prose.blocks(level.meaning(english))).grade
        assert grade is not None and grade <= readability.MAX_GRADE, level
