"""A bad question bank stops the build with one line naming the file, the line, the question and the fix."""

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from devkit.sites import build_site, write_site_config
from quiz.bank import DEFAULT_BANK, BankError, load_bank, page_url

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
    lines = message.splitlines()
    assert len(lines) == len(caught.value.problems), "each bank problem is reported on one line"
    assert all(line.startswith(f"{path}:") for line in lines), lines
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
    path = bad_bank(
        tmp_path,
        "show_if: {question: main_concern, any_of: [depression]}",
        "show_if: {question: main_concern, any_of: [depresion]}",
    )
    message = problem(path)
    assert f":{line_of(path, 'depresion')}: question 'antidepressants_tried':" in message
    assert "show_if names option 'depresion' of question 'main_concern', which has no such option" in message


def test_a_rule_naming_a_later_question(tmp_path):
    path = bad_bank(
        tmp_path, "{question: main_concern, any_of: [depression]}", '{question: logistics, any_of: ["yes"]}'
    )
    assert "show_if names question 'logistics', which is not asked before this one" in problem(path)


def test_a_missing_required_field(tmp_path):
    why = (
        "    why: >-\n      Esketamine may harm an unborn baby, and its label says not to breastfeed while using it.\n"
    )
    path = bad_bank(tmp_path, why, "")
    message = problem(path)
    assert "question 'pregnancy':" in message
    assert "the required field 'why' is missing; add it" in message


def test_a_misspelt_field_gets_a_did_you_mean(tmp_path):
    path = bad_bank(tmp_path, "    hint: Choose the one that fits best.", "    hnt: Choose the one that fits best.")
    message = problem(path)
    assert "question 'main_concern':" in message and "unknown field 'hnt' (did you mean 'hint'?)" in message


def test_an_unknown_tier(tmp_path):
    path = bad_bank(tmp_path, "tier: review-first", "tier: careful")
    expected = (
        "tier is 'careful'; it must be one of: urgent-help, under-18, not-advised, review-first, "
        "other-steps-first, worth-discussing"
    )
    assert expected in problem(path)


def test_an_unknown_source(tmp_path):
    path = bad_bank(tmp_path, "sources: [spravato-label, cohen-2018]", "sources: [spravato-label, cohen-2019]")
    assert "source 'cohen-2019' is not in data/references.yml (did you mean 'cohen-2018'?)" in problem(path)


def test_an_option_id_used_twice(tmp_path):
    path = bad_bank(tmp_path, "      - id: other_reaction", "      - id: not_sure")
    assert "the option id 'not_sure' is used twice" in problem(path)


def test_every_problem_in_the_bank_is_reported_at_once(tmp_path):
    path = bad_bank(tmp_path, "sources: [spravato-label, cohen-2018]", "sources: [spravato-label, cohen-2019]")
    text = path.read_text(encoding="utf-8").replace("      - id: other_reaction", "      - id: not_sure", 1)
    text = text.replace("- id: liver", "- id: bladder", 1)
    path.write_text(text, encoding="utf-8")
    message = problem(path)
    assert len(message.splitlines()) == 3, message
    assert "the question id 'bladder' is used twice" in message
    assert "the option id 'not_sure' is used twice" in message
    assert "source 'cohen-2019' is not in data/references.yml" in message


def test_every_schema_problem_is_reported_at_once(tmp_path):
    path = bad_bank(tmp_path, "tier: review-first", "tier: careful")
    text = path.read_text(encoding="utf-8").replace(
        "    hint: Choose the one that fits best.", "    hnt: Choose the one that fits best.", 1
    )
    path.write_text(text, encoding="utf-8")
    message = problem(path)
    assert "tier is 'careful'" in message and "unknown field 'hnt' (did you mean 'hint'?)" in message
    lines = [int(line.split(":")[1]) for line in message.splitlines()]
    assert lines == sorted(lines), "in file order"


def test_broken_yaml_names_the_line(tmp_path):
    path = bad_bank(tmp_path, "  - id: liver\n", "  - id: liver\n   text: [broken\n")
    message = problem(path)
    assert "this is not valid YAML" in message
    assert message.startswith(f"{path}:{line_of(path, 'text: [broken')}:")


def test_a_key_written_twice(tmp_path):
    path = bad_bank(tmp_path, "  - id: liver\n", "  - id: liver\n    id: kidney\n")
    message = problem(path)
    assert message == (
        f"{path}:{line_of(path, 'id: kidney')}: the key 'id' appears twice in the same block "
        f"(first on line {line_of(path, 'id: liver')}); keep one"
    )


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
    expected = (
        rf"{re.escape(str(path))}:\d+: question 'bladder': the question id 'bladder' is used "
        r"twice \(first at .*questions\.yml:\d+\); give each question a unique id"
    )
    assert any(re.fullmatch(expected, e) for e in errors), errors
    assert not (tmp_path / "site" / "index.html").exists(), "nothing is written when the bank is bad"


def extension(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clinic-bank.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bank_can_extend_the_default_replace_add_and_remove(tmp_path):
    path = extension(
        tmp_path,
        """\
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
""",
    )
    bank = load_bank(path, references=REFERENCE_IDS)
    ids = [q["id"] for q in bank["questions"]]
    assert "logistics" not in ids and ids[-1] == "clinic_travel"
    assert ids.index("liver") == [q["id"] for q in load_bank()["questions"]].index("liver"), "replaced in place"
    assert next(q for q in bank["questions"] if q["id"] == "liver")["text"] == "Do you have liver disease?"


def test_an_extension_problem_names_the_extension_file_and_line(tmp_path):
    path = extension(
        tmp_path,
        """\
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
""",
    )
    message = problem(path)
    assert message.startswith(f"{path}:7: question 'clinic_travel': show_if names option 'migraine'")


TRAVEL = """\
  - id: clinic_travel
    replaces: {target}
    text: Can you get to our clinic in Springfield?
    why: Visits are twice a week at first.
    sources: [spravato-rems]
    options:
      - {{id: "yes", label: "Yes"}}
      - {{id: "no", label: "No", outcome: {{tier: worth-discussing, reason: Ask about clinics nearer to you.}}}}
"""


def test_a_new_question_can_replace_a_default_one_in_its_place(tmp_path):
    path = extension(tmp_path, "extends: default\nquestions:\n" + TRAVEL.format(target="logistics"))
    default_ids = [q["id"] for q in load_bank()["questions"]]
    ids = [q["id"] for q in load_bank(path, references=REFERENCE_IDS)["questions"]]
    assert "logistics" not in ids and ids.count("clinic_travel") == 1
    assert ids.index("clinic_travel") == default_ids.index("logistics"), "in the replaced question's place"
    assert len(ids) == len(default_ids)


@pytest.mark.parametrize(
    "target, expected",
    [
        ("danger_now", "question 'clinic_travel' replaces the red-flag question 'danger_now'"),
        ("recent_attempt", "question 'clinic_travel' replaces the red-flag question 'recent_attempt'"),
        ("vascular", "question 'clinic_travel' replaces 'vascular', which a bank that extends another keeps as it is"),
        ("age", "question 'clinic_travel' replaces 'age', which a bank that extends another keeps as it is"),
        ("logistic", "replaces names question 'logistic', which is not in questions.yml"),
    ],
)
def test_a_replacement_of_a_protected_or_unknown_question_is_refused(tmp_path, target, expected):
    path = extension(tmp_path, "extends: default\nquestions:\n" + TRAVEL.format(target=target))
    message = problem(path)
    assert message.startswith(f"{path}:4: "), message
    assert expected in message


def test_a_question_cannot_be_replaced_twice_or_removed_and_replaced(tmp_path):
    twice = TRAVEL.format(target="logistics") + TRAVEL.format(target="logistics").replace("clinic_travel", "clinic_bus")
    message = problem(extension(tmp_path, "extends: default\nquestions:\n" + twice))
    assert "question 'logistics' is replaced twice" in message
    both = extension(
        tmp_path, "extends: default\nremove: [logistics]\nquestions:\n" + TRAVEL.format(target="logistics")
    )
    assert "question 'logistics' is both removed and replaced; take it out of 'remove:'" in problem(both)


def test_a_full_bank_cannot_say_replaces(tmp_path):
    path = bad_bank(tmp_path, "  - id: logistics\n", "  - id: logistics\n    replaces: bladder\n")
    message = problem(path)
    assert f"{path}:{line_of(path, 'replaces: bladder')}: question 'logistics': " in message
    assert "which only a bank that extends another can do" in message


def test_the_example_clinic_asks_one_travel_question():
    example = Path(__file__).parent.parent / "examples" / "example-clinic" / "questions.yml"
    ids = [q["id"] for q in load_bank(example, references=REFERENCE_IDS)["questions"]]
    assert "clinic_travel" in ids and "logistics" not in ids


def test_an_extension_cannot_remove_an_unknown_question(tmp_path):
    path = extension(tmp_path, "extends: default\nremove: [logistic]\n")
    assert "remove names question 'logistic', which is not in questions.yml" in problem(path)


def test_an_extension_with_a_misspelt_key(tmp_path):
    path = extension(tmp_path, "extends: default\nquestion: []\n")
    assert "unknown field 'question' (did you mean 'questions'?)" in problem(path)


# ---- the safety net: no bank can drop, hide or weaken the red-flag questions ----

RED_FLAGS = ["danger_now", "self_harm", "suicide_intent", "suicide_plan", "recent_attempt"]


def test_the_default_bank_asks_every_red_flag_of_everyone_first():
    bank = load_bank(references=REFERENCE_IDS)
    flagged = [q for q in bank["questions"] if q["red_flag"]]
    assert [q["id"] for q in flagged] == RED_FLAGS
    assert [q["id"] for q in bank["questions"][: len(RED_FLAGS)]] == RED_FLAGS
    for question in flagged:
        assert question["show_if"] is None
        tiers = {o["id"]: (o["outcome"] or {}).get("tier") for o in question["options"]}
        assert tiers == {"yes": "urgent-help", "not_sure": "urgent-help", "no": None}


@pytest.mark.parametrize("removed", [["danger_now"], ["danger_now", "self_harm", "suicide_plan"], ["recent_attempt"]])
def test_an_extension_cannot_remove_a_red_flag_question(tmp_path, removed):
    path = extension(tmp_path, f"extends: default\nremove: [logistics, {', '.join(removed)}]\n")
    message = problem(path)
    assert message.startswith(f"{path}:2: remove names the red-flag question {removed[0]!r}")
    assert "no bank may remove them" in message


@pytest.mark.parametrize("question_id", ["danger_now", "suicide_plan", "vascular", "ketamine_reaction", "age"])
def test_an_extension_cannot_replace_a_protected_question(tmp_path, question_id):
    # Replaced, a red flag could be reworded into something else entirely, or a contraindication
    # made to have no effect; an extension keeps these exactly as the base has them.
    path = extension(
        tmp_path,
        f"""\
extends: default
questions:
  - id: {question_id}
    text: Do you enjoy sunny days?
    why: Just asking.
    sources: [spravato-label]
    options:
      - {{id: "yes", label: "Yes"}}
      - {{id: "no", label: "No"}}
""",
    )
    message = problem(path)
    assert message.startswith(f"{path}:3: question {question_id!r} is a ")
    assert "keeps exactly as the base has it; give your question a new id, or write a full bank" in message


@pytest.mark.parametrize("question_id", ["vascular", "age"])
def test_an_extension_cannot_remove_a_contraindication_or_the_age_question(tmp_path, question_id):
    path = extension(tmp_path, f"extends: default\nremove: [{question_id}]\n")
    assert f"{path}:2: remove names {question_id!r}, which a bank that extends another keeps" in problem(path)


def test_a_full_bank_cannot_turn_a_red_flag_into_a_follow_up(tmp_path):
    follow_up = '  - id: suicide_plan\n    show_if: {question: self_harm, any_of: ["yes"]}\n'
    path = bad_bank(tmp_path, "  - id: suicide_plan\n", follow_up)
    message = problem(path)
    assert (
        f"{path}:{line_of(path, 'show_if: {question: self_harm')}: question 'suicide_plan': a red-flag question "
        "must be asked of everyone" in message
    )


def test_a_full_bank_cannot_unmark_or_weaken_a_red_flag(tmp_path):
    # The default bank too: the safety net is named in the kit, not only marked in a bank.
    start = DEFAULT_TEXT.index("  - id: recent_attempt\n")
    unmarked = DEFAULT_TEXT[:start] + DEFAULT_TEXT[start:].replace("    red_flag: true\n", "", 1)
    path = tmp_path / "questions.yml"
    path.write_text(unmarked, encoding="utf-8")
    assert "question 'recent_attempt': this question is part of the safety net; keep 'red_flag: true'" in problem(path)
    dropped = DEFAULT_TEXT[:start] + DEFAULT_TEXT[DEFAULT_TEXT.index("  - id: age\n") :]
    path.write_text(dropped, encoding="utf-8")
    assert "the red-flag question(s) 'recent_attempt' are missing" in problem(path)
    path = bad_bank(
        tmp_path,
        """          tier: urgent-help
          reason: >-
            You were not sure about thoughts of being dead""",
        """          tier: review-first
          reason: >-
            You were not sure about thoughts of being dead""",
    )
    message = problem(path)
    assert "question 'self_harm': option 'not_sure' of a red-flag question gives review-first" in message
    assert message.endswith("must give urgent-help, so that crisis help is shown")
    start = DEFAULT_TEXT.index("  - id: danger_now\n")
    end = DEFAULT_TEXT.index("  - id: self_harm\n")
    danger = DEFAULT_TEXT[start:end].replace("      - id: not_sure\n", "      - id: unsure\n")
    no_doubt = DEFAULT_TEXT[:start] + danger + DEFAULT_TEXT[end:]
    path.write_text(no_doubt, encoding="utf-8")
    assert "a red-flag question has exactly the options 'yes', 'not_sure' and 'no'" in problem(path)


def test_a_red_flag_after_an_answer_that_ends_the_check_is_refused(tmp_path):
    # Moving the age question (whose "Under 18" ends the check) before a red flag would leave a
    # young person unasked.
    text = DEFAULT_TEXT
    start, end = text.index("  - id: age\n"), text.index("  - id: main_concern\n")
    age = text[start:end]
    moved = text[:start] + text[end:]
    at = moved.index("  - id: recent_attempt\n")
    path = tmp_path / "questions.yml"
    path.write_text(moved[:at] + age + moved[at:], encoding="utf-8")
    message = problem(path)
    assert "question 'recent_attempt': a red-flag question must come before any answer that ends the check" in message


def test_a_bank_that_is_not_utf8_gets_a_clear_message(tmp_path):
    path = tmp_path / "questions.yml"
    path.write_bytes(DEFAULT_TEXT.encode("utf-8").replace(b"Yes", "S\u00ed".encode("latin-1"), 1))
    line = DEFAULT_TEXT[: DEFAULT_TEXT.index("Yes")].count("\n") + 1
    message = problem(path)
    assert message == (
        f"{path}:{line}: the file is not UTF-8 text (byte 0xed cannot be read); save it as UTF-8 in your editor"
    )


def test_a_question_no_answer_set_reaches_is_refused(tmp_path):
    # The follow-up would need "Under 18", which ends the check before it.
    path = bad_bank(
        tmp_path,
        "show_if: {question: main_concern, any_of: [depression]}",
        "show_if: {question: age, any_of: [under_18]}",
    )
    message = problem(path)
    assert "question 'antidepressants_tried': no set of answers asks this question" in message


def test_a_fallback_that_can_never_be_given_is_refused(tmp_path):
    path = tmp_path / "questions.yml"
    path.write_text(
        DEFAULT_TEXT.replace("tiers:\n", "fallback:\n  reason: Nothing stood out.\n\ntiers:\n", 1), encoding="utf-8"
    )
    message = problem(path)
    assert f"{path}:{line_of(path, 'fallback:')}: the fallback can never be given" in message


def test_answers_with_no_effect_need_a_fallback(tmp_path):
    # "Two or more" antidepressants without an outcome: a calm path through the bank has no effect.
    start = DEFAULT_TEXT.index("      - id: two_or_more\n")
    end = DEFAULT_TEXT.index("      - id: not_sure", start)
    text = DEFAULT_TEXT[:start] + "      - id: two_or_more\n        label: Two or more\n" + DEFAULT_TEXT[end:]
    path = tmp_path / "questions.yml"
    path.write_text(text, encoding="utf-8")
    message = problem(path)
    assert "have no effect, so the result needs a reason to give; add a 'fallback'" in message
    with_fallback = text.replace("tiers:\n", "fallback:\n  reason: Nothing stood out.\n\ntiers:\n", 1)
    path.write_text(with_fallback, encoding="utf-8")
    assert load_bank(path, references=REFERENCE_IDS)["fallback"]["reason"] == "Nothing stood out."
