"""A bad question bank stops the build with one line naming the file, the line, the question and the fix."""

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from quiz.bank import DEFAULT_BANK, BankError, load_bank, page_url
from tests.conftest import build_site, write_site_config

DEFAULT_TEXT = DEFAULT_BANK.read_text(encoding="utf-8")


def bad_bank(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    assert DEFAULT_TEXT.count(old) >= count, f"the default bank no longer contains {old!r}"
    path = tmp_path / "questions.yml"
    path.write_text(DEFAULT_TEXT.replace(old, new, count), encoding="utf-8")
    return path


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(path.read_text().splitlines(), start=1) if text in line]
    return lines[occurrence - 1]


def problem(path: Path) -> str:
    with pytest.raises(BankError) as caught:
        load_bank(path, references={"spravato-label", "lifeline-988"} | REFERENCE_IDS)
    message = str(caught.value)
    assert "\n" not in message, "a bank problem is reported on one line"
    assert message.startswith(f"{path}:")
    return message


REFERENCES_FILE = Path(__file__).parent.parent / "data" / "references.yml"
REFERENCE_IDS = set(re.findall(r"^([a-z0-9-]+):", REFERENCES_FILE.read_text(), re.M))


def test_the_default_bank_is_valid_with_the_sites_references():
    bank = load_bank(references=REFERENCE_IDS)
    assert len(bank["questions"]) >= 20


def test_a_duplicate_question_id(tmp_path):
    path = bad_bank(tmp_path, "- id: liver", "- id: bladder")
    message = problem(path)
    first, second = line_of(path, "- id: bladder", 1), line_of(path, "- id: bladder", 2)
    expected = f"{path}:{second}: question 'bladder': the question id 'bladder' is used twice (first at {path}:{first})"
    assert expected in message
    assert message.endswith("give each question a unique id")


def test_a_rule_naming_an_unknown_option(tmp_path):
    path = bad_bank(tmp_path, 'any_of: ["yes", not_sure]', 'any_of: ["yes", perhaps]')
    message = problem(path)
    assert f":{line_of(path, 'perhaps')}: question 'self_harm_plan':" in message
    expected = "option 'perhaps' of question 'self_harm', which has no such option; its options are: yes, not_sure, no"
    assert expected in message


def test_a_rule_naming_a_later_question(tmp_path):
    path = bad_bank(tmp_path, "{question: self_harm, any_of", "{question: logistics, any_of")
    assert "show_if names question 'logistics', which is not asked before this one" in problem(path)


def test_a_missing_required_field(tmp_path):
    why = "    why: The esketamine label says it is not recommended for people with severe liver problems.\n"
    path = bad_bank(tmp_path, why, "")
    message = problem(path)
    assert "question 'liver':" in message
    assert "the required field 'why' is missing; add it" in message


def test_a_misspelt_field_gets_a_did_you_mean(tmp_path):
    path = bad_bank(tmp_path, "    hint: Choose the one that fits best.", "    hnt: Choose the one that fits best.")
    message = problem(path)
    assert "question 'main_concern':" in message and "unknown field 'hnt' (did you mean 'hint'?)" in message


def test_an_unknown_tier(tmp_path):
    path = bad_bank(tmp_path, "tier: review-first", "tier: careful")
    assert "tier is 'careful'; it must be one of: urgent-help, review-first" in problem(path)


def test_an_unknown_source(tmp_path):
    path = bad_bank(tmp_path, "sources: [spravato-label, cohen-2018]", "sources: [spravato-label, cohen-2019]")
    assert "source 'cohen-2019' is not in data/references.yml (did you mean 'cohen-2018'?)" in problem(path)


def test_an_option_id_used_twice(tmp_path):
    path = bad_bank(tmp_path, "      - id: never_had", "      - id: not_sure")
    assert "the option id 'not_sure' is used twice" in problem(path)


def test_broken_yaml_names_the_line(tmp_path):
    path = bad_bank(tmp_path, "  - id: liver\n", "  - id: liver\n   text: [broken\n")
    assert "this is not valid YAML" in problem(path)


def test_a_key_written_twice(tmp_path):
    path = bad_bank(tmp_path, "  - id: liver\n", "  - id: liver\n    id: kidney\n")
    assert "the key 'id' appears twice" in problem(path)


def test_page_urls_follow_mkdocs_directory_urls():
    assert page_url("index.md") == ""
    assert page_url("risks.md#blood-pressure") == "risks/#blood-pressure"
    assert page_url("conditions/index.md") == "conditions/"


def test_the_site_build_stops_on_a_bad_bank(tmp_path, caplog):
    path = bad_bank(tmp_path, "- id: liver", "- id: bladder")
    config = write_site_config(tmp_path, extra={"self_check": {"bank": str(path)}})
    with pytest.raises(Abort):
        build_site(config)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    expected = (rf"{re.escape(str(path))}:\d+: question 'bladder': the question id 'bladder' is used "
                r"twice \(first at .*questions\.yml:\d+\); give each question a unique id")
    assert any(re.fullmatch(expected, e) for e in errors), errors
    assert not (tmp_path / "site" / "index.html").exists(), "nothing is written when the bank is bad"


def extension(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic-bank.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bank_can_extend_the_default_replace_add_and_remove(tmp_path):
    path = extension(tmp_path, """\
extends: default
remove: [logistics]
questions:
  - id: liver
    text: Do you have liver disease?
    why: The label says severe liver problems need care.
    sources: [spravato-label]
    options:
      - {id: "yes", label: "Yes", outcome: {tier: review-first, reason: Liver disease needs review.}}
      - {id: "no", label: "No"}
  - id: clinic_travel
    text: Can you get to our clinic in Springfield?
    why: Visits are twice a week at first.
    sources: [spravato-rems]
    options:
      - {id: "yes", label: "Yes"}
      - {id: "no", label: "No", outcome: {tier: worth-discussing, reason: Ask about clinics nearer to you.}}
""")
    bank = load_bank(path, references=REFERENCE_IDS)
    ids = [q["id"] for q in bank["questions"]]
    assert "logistics" not in ids and ids[-1] == "clinic_travel"
    assert ids.index("liver") == [q["id"] for q in load_bank()["questions"]].index("liver"), "replaced in place"
    assert next(q for q in bank["questions"] if q["id"] == "liver")["text"] == "Do you have liver disease?"


def test_an_extension_problem_names_the_extension_file_and_line(tmp_path):
    path = extension(tmp_path, """\
extends: default
questions:
  - id: clinic_travel
    text: Can you get to our clinic?
    why: Visits are twice a week at first.
    sources: [spravato-rems]
    show_if: {question: main_concern, any_of: [migraine]}
    options:
      - {id: "yes", label: "Yes"}
      - {id: "no", label: "No"}
""")
    message = problem(path)
    assert message.startswith(f"{path}:7: question 'clinic_travel': show_if names option 'migraine'")


def test_an_extension_cannot_remove_an_unknown_question(tmp_path):
    path = extension(tmp_path, "extends: default\nremove: [logistic]\n")
    assert "remove names question 'logistic', which is not in questions.yml" in problem(path)


def test_an_extension_with_a_misspelt_key(tmp_path):
    path = extension(tmp_path, "extends: default\nquestion: []\n")
    assert "unknown field 'question' (did you mean 'questions'?)" in problem(path)
