"""Safety properties of the engine for every answer set the page can produce (hypothesis; CPython).

The page asks the shown questions in bank order; each single-choice question gets one option and
each multiple-choice question a non-empty set that respects 'exclusive' options. These strategies
produce exactly those answer sets, from the bank itself.
"""

import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.bank import load_bank
from quiz.engine import TIERS, AnswerError, evaluate, evaluate_json, shown_questions, tier_rank

BANK = load_bank()
# How many examples, and no deadline, come from the profile in tests/conftest.py (dev, or ci under CI=true).
SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow])
CONTROLLING = {q["show_if"]["question"] for q in BANK["questions"] if q["show_if"]}


def option_choice(question):
    ids = [o["id"] for o in question["options"]]
    if not question["multiple"]:
        return st.sampled_from(ids)
    exclusive = [o["id"] for o in question["options"] if o["exclusive"]]
    combinable = [i for i in ids if i not in exclusive]
    return st.one_of(
        st.sampled_from(exclusive).map(lambda i: [i]) if exclusive else st.nothing(),
        st.lists(st.sampled_from(combinable), min_size=1, unique=True).map(
            lambda picked: [i for i in combinable if i in picked]
        ),
    )


@st.composite
def page_answers(draw, bank=BANK):
    answers = {}
    while True:
        missing = [q for q in shown_questions(bank, answers) if q["id"] not in answers]
        if not missing:
            return answers
        answers[missing[0]["id"]] = draw(option_choice(missing[0]))


def chosen_outcomes(bank, answers):
    for question in shown_questions(bank, answers):
        given_ = answers[question["id"]]
        picked = given_ if isinstance(given_, list) else [given_]
        for option in question["options"]:
            if option["id"] in picked and option["outcome"]:
                yield option["outcome"]


@SETTINGS
@given(page_answers())
def test_any_answer_set_gives_a_result_with_a_reason_and_the_notice(answers):
    result = evaluate(BANK, answers)
    assert result["tier"] in TIERS
    assert result["reasons"], "every result names at least one reason"
    assert result["notice"] == BANK["notice"] and result["cannot_know"]
    # The tier is the most urgent among the reasons given.
    assert result["tier"] == min((r["tier"] for r in result["reasons"]), key=tier_rank)
    # It may say it cannot tell whether you qualify; it never says that you do.
    text = json.dumps(result).lower().replace("whether you qualify", "")
    assert "qualif" not in text and "good candidate" not in text


@SETTINGS
@given(page_answers())
def test_any_red_flag_gives_urgent_help(answers):
    red_flag = any(o["tier"] == "urgent-help" for o in chosen_outcomes(BANK, answers))
    result = evaluate(BANK, answers)
    assert (result["tier"] == "urgent-help") == red_flag
    assert result["crisis"] == red_flag


RED_FLAG_ANSWERS = [
    (question, option["id"])
    for question in BANK["questions"]
    if question["red_flag"]
    for option in question["options"]
    if option["id"] != "no"
]


@SETTINGS
@given(page_answers(), st.sampled_from(RED_FLAG_ANSWERS))
def test_every_red_flag_is_asked_of_everyone_and_gives_crisis_help(answers, red_flag):
    # Whatever else was answered, each red-flag question is asked, and a "yes" or "not sure" to it
    # gives the crisis result, led by crisis help, with no clinic box and no treatment questions.
    question, option = red_flag
    assert question["id"] in answers, "a red-flag question is asked whatever the other answers are"
    result = evaluate(BANK, {**answers, question["id"]: option})
    assert result["tier"] == "urgent-help" and result["crisis"] and result["help"] == "crisis"
    assert result["reasons"][0]["tier"] == "urgent-help"
    assert not result["conversation"] and not set(BANK["ask"]) & set(result["questions_to_ask"])


CONTRAINDICATIONS = [
    (question, option)
    for question in BANK["questions"]
    for option in question["options"]
    if option["outcome"] and option["outcome"]["tier"] == "not-advised"
]


@SETTINGS
@given(page_answers(), st.sampled_from(CONTRAINDICATIONS))
def test_a_contraindication_never_gives_a_less_cautious_result_than_its_own(answers, contraindication):
    question, option = contraindication
    if question["id"] not in answers:
        return  # not asked for these answers (after "Under 18", say)
    result = evaluate(BANK, {**answers, question["id"]: option["id"]})
    assert tier_rank(result["tier"]) <= tier_rank("not-advised")
    assert not result["conversation"], "no clinic box beside a label contraindication"


ELSEWHERE = ("urgent-help", "under-18", "not-advised", "other-steps-first")
NOT_A_CONVERSATION = [
    (question, option)
    for question in BANK["questions"]
    if not question["multiple"] and question["id"] not in CONTROLLING  # a changed main concern asks more
    for option in question["options"]
    if option["outcome"] and option["outcome"]["tier"] in ELSEWHERE
]


@SETTINGS
@given(page_answers(), st.sampled_from(NOT_A_CONVERSATION))
def test_an_answer_that_is_not_about_starting_treatment_always_hides_the_clinic_box(answers, chosen):
    # Whatever else was answered, a red flag, being under 18, a label contraindication or "other steps
    # first" means no clinic box, no booking link and no questions about starting the treatment.
    question, option = chosen
    if question["id"] not in answers:
        return  # a follow-up that these answers do not ask
    result = evaluate(BANK, {**answers, question["id"]: option["id"]})
    assert result["conversation"] is False
    assert not set(BANK["ask"]) & set(result["questions_to_ask"])
    assert result["help"] == {"urgent-help": "crisis", "under-18": "youth"}.get(result["tier"])


def test_the_safety_lists_are_not_empty():
    # Guards the properties above against a bank change that would make them vacuous.
    assert len(RED_FLAG_ANSWERS) == 10
    assert len(CONTRAINDICATIONS) == 2
    assert len(NOT_A_CONVERSATION) > 15


PRECAUTIONS = [
    (question, option)
    for question in BANK["questions"]
    if question["id"] not in CONTROLLING
    for option in question["options"]
    if option["outcome"] and option["outcome"]["tier"] in ("urgent-help", "under-18", "not-advised", "review-first")
]


@SETTINGS
@given(page_answers(), st.sampled_from(PRECAUTIONS))
def test_adding_a_precaution_never_makes_the_result_less_cautious(answers, precaution):
    question, option = precaution
    before = evaluate(BANK, answers)
    if question["id"] not in answers:
        return  # a follow-up that is not asked for these answers cannot be added
    changed = dict(answers)
    if question["multiple"]:
        current = (
            []
            if option["exclusive"]
            else [
                i for i in answers[question["id"]] if i not in {o["id"] for o in question["options"] if o["exclusive"]}
            ]
        )
        changed[question["id"]] = sorted(
            set(current) | {option["id"]}, key=[o["id"] for o in question["options"]].index
        )
    else:
        changed[question["id"]] = option["id"]
    after = evaluate(BANK, changed)
    assert tier_rank(after["tier"]) <= tier_rank(before["tier"])
    assert tier_rank(after["tier"]) <= tier_rank(option["outcome"]["tier"])


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=3),
    max_leaves=8,
)


@SETTINGS
@given(page_answers(), st.dictionaries(st.sampled_from([q["id"] for q in BANK["questions"]] + ["x"]), JSONISH))
def test_tampered_answers_are_rejected_with_a_clear_error_never_a_crash(answers, tampering):
    tampered = {**answers, **tampering}
    try:
        result = evaluate(BANK, tampered)
    except AnswerError as error:
        assert str(error)
    else:
        assert result["tier"] in TIERS
    reply = json.loads(evaluate_json(json.dumps(BANK), json.dumps(tampered)))
    assert reply["ok"] in (True, False)


@SETTINGS
@given(JSONISH)
def test_anything_at_all_is_an_answer_error_or_a_result(anything):
    with contextlib.suppress(AnswerError):
        evaluate(BANK, anything)


def test_the_precaution_list_is_not_empty():
    # Guards the property above against a bank change that would make it vacuous.
    assert len(PRECAUTIONS) > 20
    with pytest.raises(AnswerError):
        evaluate(BANK, {})
