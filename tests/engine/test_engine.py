"""The engine's behaviour on the default bank. Runs in CPython and inside Pyodide (tests/pyodide)."""

import json

import pytest

from quiz import engine
from quiz.engine import AnswerError, evaluate, evaluate_json


def test_calm_answers_give_worth_discussing_with_a_reason_and_the_notice(bank, complete):
    result = evaluate(
        bank, complete(bank, main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more")
    )
    assert result["tier"] == "worth-discussing"
    assert [r["question"] for r in result["reasons"]] == ["antidepressants_tried"]
    assert result["notice"] == bank["notice"]
    assert result["crisis"] is False


def test_with_no_effect_at_all_the_fallback_reason_is_given(bank, complete):
    answers = complete(bank, main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more")
    # The default bank gives a reason for every answer set, so it has no fallback. A bank where this
    # answer has no effect needs one, and the result then gives it.
    assert bank["fallback"] is None
    changed = json.loads(json.dumps(bank))
    changed["fallback"] = {"reason": "Nothing in your answers stood out.", "link": None}
    for question in changed["questions"]:
        if question["id"] == "antidepressants_tried":
            for option in question["options"]:
                option["outcome"] = None
    result = evaluate(changed, answers)
    assert result["tier"] == "worth-discussing"
    assert result["reasons"][0]["text"] == "Nothing in your answers stood out."
    changed["fallback"] = None
    with pytest.raises(AnswerError, match="no fallback"):
        evaluate(changed, answers)


RED_FLAGS = ("danger_now", "self_harm", "suicide_intent", "suicide_plan", "recent_attempt")


@pytest.mark.parametrize("question", RED_FLAGS)
@pytest.mark.parametrize("option", ["yes", "not_sure"])
def test_a_red_flag_gives_urgent_help_and_comes_first(bank, complete, question, option):
    result = evaluate(bank, complete(bank, **{question: option}, blood_pressure_heart="yes"))
    assert result["tier"] == "urgent-help"
    assert result["crisis"] is True and result["help"] == "crisis"
    assert result["reasons"][0]["question"] == question
    assert "review-first" in [r["tier"] for r in result["reasons"]]
    # A crisis result is about getting help now: no clinic box, and no questions about the treatment
    # (its cost among them), though the blood-pressure answer adds one to other results.
    assert result["conversation"] is False
    assert result["questions_to_ask"] == []


def test_every_red_flag_is_asked_of_everyone(bank, complete):
    # Someone who answers "No" to current thoughts is still asked about a plan, intent and a recent
    # attempt: each is asked whatever the other answers are.
    calm = complete(bank)
    assert all(calm[question] == "no" for question in RED_FLAGS)
    for question in RED_FLAGS:
        answers = dict(calm)
        del answers[question]
        with pytest.raises(AnswerError, match=question):
            evaluate(bank, answers)


def test_under_18_ends_the_questions_and_leads_with_youth_help(bank, complete):
    answers = complete(bank, age="under_18")
    assert sorted(answers) == sorted([*RED_FLAGS, "age"]), "nothing after the age question is asked"
    result = evaluate(bank, answers)
    assert result["tier"] == "under-18" and result["help"] == "youth"
    assert result["conversation"] is False
    assert result["questions_to_ask"] == ["What treatments are there for someone my age?"]
    # Answers left over from questions that no longer apply are dropped, not counted.
    leftover = evaluate(bank, {**answers, "vascular": "yes"})
    assert [r["question"] for r in leftover["reasons"]] == ["age"]


def test_a_red_flag_still_overrides_under_18(bank, complete):
    result = evaluate(bank, complete(bank, self_harm="yes", age="under_18"))
    assert result["tier"] == "urgent-help"
    assert [r["tier"] for r in result["reasons"]] == ["urgent-help", "under-18"]


@pytest.mark.parametrize("question, option", [("vascular", "yes"), ("ketamine_reaction", "allergy")])
def test_a_label_contraindication_has_its_own_result_before_any_precaution(bank, complete, question, option):
    result = evaluate(
        bank,
        complete(
            bank,
            **{question: option},
            blood_pressure_heart="yes",
            main_concern="depression",
            diagnosed="yes",
            antidepressants_tried="two_or_more",
        ),
    )
    assert result["tier"] == "not-advised"
    assert result["title"] == bank["tiers"]["not-advised"]["title"]
    assert result["conversation"] is False and result["help"] is None
    # Only the questions of its own kind: nothing about which form to choose or what it costs.
    assert result["questions_to_ask"] == bank["tiers"]["not-advised"]["ask"]


@pytest.mark.parametrize(
    "tier, answers",
    [
        ("review-first", {"blood_pressure_heart": "yes"}),
        ("worth-discussing", {}),
    ],
)
def test_a_conversation_result_adds_the_general_questions(bank, complete, tier, answers):
    depression = {"main_concern": "depression", "diagnosed": "yes", "antidepressants_tried": "two_or_more"}
    result = evaluate(bank, complete(bank, **depression, **answers))
    assert result["tier"] == tier and result["conversation"] is True
    assert set(bank["ask"]) <= set(result["questions_to_ask"])


@pytest.mark.parametrize(
    "other_steps",
    [{"main_concern": "ptsd"}, {"main_concern": "depression", "diagnosed": "yes", "antidepressants_tried": "none"}],
)
def test_a_precaution_does_not_bring_back_the_clinic_box_when_other_steps_come_first(bank, complete, other_steps):
    # A precaution outranks "other steps usually come first" in the title, but the usual first
    # treatments still come first: no booking link, no questions about starting this treatment.
    result = evaluate(bank, complete(bank, **other_steps, bladder="yes"))
    assert result["tier"] == "review-first"
    assert "other-steps-first" in [r["tier"] for r in result["reasons"]]
    assert result["conversation"] is False
    assert not set(bank["ask"]) & set(result["questions_to_ask"])


def test_other_steps_first_points_to_the_persons_own_doctor_not_a_clinic(bank, complete):
    result = evaluate(bank, complete(bank, main_concern="ptsd"))
    assert result["tier"] == "other-steps-first" and result["conversation"] is False
    assert not set(bank["ask"]) & set(result["questions_to_ask"])
    assert any("your own doctor" in step for step in result["next_steps"])


@pytest.mark.parametrize("question, option", [("mania", "mania_now"), ("pregnancy", "yes")])
def test_care_that_comes_first_is_not_a_conversation_with_the_clinic(bank, complete, question, option):
    # A possible high time now, or pregnancy: no booking box beside the result.
    result = evaluate(bank, complete(bank, **{question: option}))
    assert result["conversation"] is False
    assert any("your own doctor" in step for step in result["next_steps"])


def test_a_follow_up_whose_condition_is_not_met_is_ignored(bank, complete):
    answers = complete(bank, main_concern="ptsd")
    assert "antidepressants_tried" not in answers
    answers["antidepressants_tried"] = "none"  # left over from an earlier choice
    result = evaluate(bank, answers)
    assert "antidepressants_tried" not in result["answers"]
    assert all(r["question"] != "antidepressants_tried" for r in result["reasons"])


@pytest.mark.parametrize(
    "question, option, tier",
    [
        ("vascular", "yes", "not-advised"),
        ("vascular", "not_sure", "review-first"),
        ("ketamine_reaction", "other_reaction", "review-first"),
        ("blood_pressure_heart", "yes", "review-first"),
        ("lungs_breathing", "yes", "review-first"),
        ("ketamine_use", "using_now", "review-first"),
        ("mania", "bipolar", "review-first"),
        ("mania", "not_sure", "review-first"),
        ("mania", "mania_now", "other-steps-first"),
        ("pregnancy", "yes", "other-steps-first"),
        ("pregnancy", "not_sure", "review-first"),
        ("age", "under_18", "under-18"),
        ("main_concern", "other", "other-steps-first"),
        ("main_concern", "bipolar_depression", "other-steps-first"),
    ],
)
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


@pytest.mark.parametrize(
    "answers, message",
    [
        ([], "answers must be an object"),
        ({"nope": "yes"}, "unknown question 'nope'"),
        ({"danger_now": "maybe"}, "has no option 'maybe'"),
        ({"danger_now": ["no"]}, "takes one option id as a string"),
        ({"sedatives": "none"}, "takes a list"),
        ({"sedatives": []}, "takes a list"),
        ({"sedatives": ["none", "opioids"]}, "cannot be combined"),
        ({"sedatives": ["opioids", "opioids"]}, "given twice"),
        ({"danger_now": "no"}, "these questions have no answer"),
    ],
)
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
