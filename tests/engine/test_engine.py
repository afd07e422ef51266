"""The engine's behaviour on the default bank. Runs in CPython and inside Pyodide (tests/pyodide)."""

import json

import pytest

from quiz import engine
from quiz.engine import AnswerError, evaluate, evaluate_json


def test_calm_answers_give_worth_discussing_with_a_reason_and_the_notice(bank, complete):
    result = evaluate(bank, complete(bank, main_concern="depression", diagnosed="yes",
                                     antidepressants_tried="two_or_more"))
    assert result["tier"] == "worth-discussing"
    assert [r["question"] for r in result["reasons"]] == ["antidepressants_tried"]
    assert result["notice"] == bank["notice"]
    assert result["crisis"] is False


def test_with_no_effect_at_all_the_fallback_reason_is_given(bank, complete):
    answers = complete(bank, main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more")
    quiet = {q["id"]: q for q in bank["questions"]}["antidepressants_tried"]
    # A bank where this answer has no effect: the result still has a reason.
    changed = json.loads(json.dumps(bank))
    for question in changed["questions"]:
        if question["id"] == quiet["id"]:
            for option in question["options"]:
                option["outcome"] = None
    result = evaluate(changed, answers)
    assert result["tier"] == "worth-discussing"
    assert result["reasons"][0]["text"] == bank["fallback"]["reason"]


@pytest.mark.parametrize("question, option", [
    ("danger_now", "yes"), ("danger_now", "not_sure"), ("self_harm", "yes"), ("self_harm", "not_sure"),
])
def test_a_red_flag_gives_urgent_help_and_comes_first(bank, complete, question, option):
    result = evaluate(bank, complete(bank, **{question: option}, blood_pressure_heart="yes"))
    assert result["tier"] == "urgent-help"
    assert result["crisis"] is True
    assert result["reasons"][0]["question"] == question
    assert "review-first" in [r["tier"] for r in result["reasons"]]


def test_self_harm_asks_the_follow_up_and_needs_its_answer(bank, complete):
    answers = complete(bank, self_harm="yes", self_harm_plan="no")
    assert "self_harm_plan" in answers
    del answers["self_harm_plan"]
    with pytest.raises(AnswerError, match="self_harm_plan"):
        evaluate(bank, answers)


def test_a_follow_up_whose_condition_is_not_met_is_ignored(bank, complete):
    answers = complete(bank, main_concern="ptsd")
    assert "antidepressants_tried" not in answers
    answers["antidepressants_tried"] = "none"  # left over from an earlier choice
    result = evaluate(bank, answers)
    assert "antidepressants_tried" not in result["answers"]
    assert all(r["question"] != "antidepressants_tried" for r in result["reasons"])


@pytest.mark.parametrize("question, option, tier", [
    ("vascular", "yes", "review-first"),
    ("blood_pressure_heart", "yes", "review-first"),
    ("pregnancy", "not_sure", "review-first"),
    ("age_18_plus", "no", "other-steps-first"),
    ("main_concern", "other", "other-steps-first"),
])
def test_single_answers_set_the_expected_tier(bank, complete, question, option, tier):
    assert evaluate(bank, complete(bank, **{question: option}))["tier"] == tier


def test_fewer_than_two_antidepressants_means_other_steps_first(bank, complete):
    for tried in ("none", "one"):
        result = evaluate(bank, complete(bank, main_concern="depression", diagnosed="yes", antidepressants_tried=tried))
        assert result["tier"] == "other-steps-first"


def test_multiple_choice_collects_a_reason_per_option(bank, complete):
    result = evaluate(bank, complete(bank, sedatives=["benzodiazepines", "opioids"]))
    assert result["tier"] == "review-first"
    answers = [r["answer"] for r in result["reasons"] if r["question"] == "sedatives"]
    assert answers == ["benzodiazepines", "opioids"]
    assert "Do any of my medicines need to change before or during treatment?" in result["questions_to_ask"]
    assert len(result["questions_to_ask"]) == len(set(result["questions_to_ask"]))


@pytest.mark.parametrize("answers, message", [
    ([], "answers must be an object"),
    ({"nope": "yes"}, "unknown question 'nope'"),
    ({"danger_now": "maybe"}, "has no option 'maybe'"),
    ({"danger_now": ["no"]}, "takes one option id as a string"),
    ({"sedatives": "none"}, "takes a list"),
    ({"sedatives": []}, "takes a list"),
    ({"sedatives": ["none", "opioids"]}, "cannot be combined"),
    ({"sedatives": ["opioids", "opioids"]}, "given twice"),
    ({"danger_now": "no"}, "these questions have no answer"),
])
def test_answers_that_do_not_fit_the_bank_are_rejected_clearly(bank, answers, message):
    with pytest.raises(AnswerError, match=message):
        evaluate(bank, answers)


def test_evaluate_json_returns_errors_as_data(bank, complete):
    assert json.loads(evaluate_json(json.dumps(bank), "{not json"))["ok"] is False
    reply = json.loads(evaluate_json(json.dumps(bank), json.dumps({"danger_now": "maybe"})))
    assert reply == {"ok": False, "error": reply["error"]} and "maybe" in reply["error"]
    ok = json.loads(evaluate_json(json.dumps(bank), json.dumps(complete(bank))))
    assert ok["ok"] is True and ok["result"]["tier"] in engine.TIERS


def test_every_reason_links_to_a_page_url(bank, complete):
    result = evaluate(bank, complete(bank, vascular="yes", main_concern="ptsd"))
    for reason in result["reasons"]:
        assert reason["link"]["url"].endswith("/")
