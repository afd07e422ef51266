"""The self-check engine: answers in, a non-binding result out.

Pure functions over plain data (the compiled question bank and a dict of answers). Standard
library only, no I/O, no knowledge of the browser: the same file runs in CPython (tests, the
`python -m quiz` command) and in Pyodide inside the page's Web Worker.

A result never says that anyone qualifies. Its tier only says how to raise the subject with a
provider, and every result carries the non-binding notice.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, NotRequired, TypedDict

if TYPE_CHECKING:  # the type checker's only: Pyodide's trimmed standard library has no collections.abc
    from collections.abc import Mapping

# Most urgent first. The order is the engine's meaning of "more cautious": a result's tier is the
# most urgent tier among the outcomes of the answers given. Crisis help overrides everything; a
# person under 18 comes next (none of the approved uses is for them); a label contraindication
# ("not-advised") comes before a precaution a provider would review, because the labels do not
# leave it to a review.
TIERS = ("urgent-help", "under-18", "not-advised", "review-first", "other-steps-first", "worth-discussing")

# The reasons after which a conversation about this treatment can be the next step. A result shows
# the hosting clinic's box and booking link, and the bank's general questions about the treatment
# (its cost among them), only when every one of its reasons is of these tiers: never beside a
# crisis, someone under 18, a label contraindication, or "other steps usually come first" (where
# the person's own doctor is the next step), even when a precaution outranks that reason.
CONVERSATION_TIERS = ("review-first", "worth-discussing")

# The help lines that lead a result, from the site region's data: crisis lines and the emergency
# number for a red flag, youth support lines for someone under 18.
HELP = {"urgent-help": "crisis", "under-18": "youth"}


# ---- the compiled bank (quiz/bank.py compile_bank; the format is quiz/bank.schema.json) and the result


class Link(TypedDict):
    title: str
    page: str  # a page under docs/, maybe with an #anchor
    url: NotRequired[str]  # the page's site-root-relative URL, added by compile_bank


class Outcome(TypedDict):
    tier: str
    reason: str
    link: NotRequired[Link | None]
    ask: NotRequired[list[str]]


class Option(TypedDict):
    id: str
    label: str
    summary: NotRequired[str]  # the answer's wording away from the list ('None of these' says what)
    exclusive: bool
    ends_check: bool
    outcome: Outcome | None


class Condition(TypedDict):
    question: str  # an earlier question's id
    any_of: list[str]  # its option ids


class Question(TypedDict):
    id: str
    text: str
    hint: NotRequired[str]
    why: str
    sources: list[str]
    multiple: bool
    red_flag: bool
    show_if: Condition | None
    options: list[Option]


class TierWording(TypedDict):
    title: str
    summary: str
    about: NotRequired[str]
    next_steps: NotRequired[list[str]]
    ask: NotRequired[list[str]]


class Fallback(TypedDict):
    reason: str
    link: NotRequired[Link | None]


class Bank(TypedDict):
    """A compiled question bank: every optional field of a question and option is filled in."""

    notice: str
    cannot_know: list[str]
    ask: NotRequired[list[str]]
    fallback: Fallback | None
    tiers: dict[str, TierWording]
    questions: list[Question]


type Answers = Mapping[str, object]  # question id -> option id, or a list of them for a multiple choice


class Reason(TypedDict):
    question: str | None  # None for the fallback
    question_text: str | None
    answer: str | None
    answer_text: str | None
    tier: str
    text: str
    link: Link | None
    ask: list[str]


class Result(TypedDict):
    tier: str
    title: str
    summary: str
    next_steps: list[str]
    reasons: list[Reason]
    questions_to_ask: list[str]
    cannot_know: list[str]
    notice: str
    crisis: bool
    help: str | None
    conversation: bool
    answers: dict[str, list[str]]


class AnswerError(ValueError):
    """The answers do not fit the question bank (unknown question or option, missing answer...)."""


def tier_rank(tier: str) -> int:
    """0 for the most urgent tier; larger is less urgent."""
    return TIERS.index(tier)


def is_shown(question: Question, answers: Answers) -> bool:
    """Whether a follow-up question applies, given the answers to the questions shown before it.

    A question with `show_if` applies only when the named earlier question was answered with one
    of the listed options. The page uses the same rule (from the same bank) to decide what to ask.
    """
    condition = question.get("show_if")
    if not condition:
        return True
    given = answers.get(condition["question"])
    if given is None:
        return False
    chosen = given if isinstance(given, list) else [given]
    return any(option in condition["any_of"] for option in chosen)


def shown_questions(bank: Bank, answers: Answers) -> list[Question]:
    """The questions that apply to these answers, in bank order.

    A follow-up's condition names an earlier question, so one pass in order suffices; an answer to
    a question that is not shown never makes a later question apply. An answer whose option
    `ends_check` ends the questions there: nothing after it is asked.
    """
    shown: list[Question] = []
    counted: dict[str, object] = {}
    for question in bank["questions"]:
        if is_shown(question, counted):
            shown.append(question)
            if question["id"] in answers:
                given = answers[question["id"]]
                counted[question["id"]] = given
                chosen = given if isinstance(given, list) else [given]
                if any(option.get("ends_check") and option["id"] in chosen for option in question["options"]):
                    break
    return shown


def check_answers(bank: Bank, answers: object) -> dict[str, list[str]]:
    """Validate answers against the bank and return them normalised to lists of option ids.

    Answers to questions that do not apply (a follow-up whose condition is not met) are dropped:
    the page may still hold them after a person changes an earlier answer.
    Raises AnswerError naming the question and the problem.
    """
    if not isinstance(answers, dict):
        raise AnswerError(f"answers must be an object mapping question ids to option ids, not {type(answers).__name__}")
    by_id = {q["id"]: q for q in bank["questions"]}
    normalised: dict[str, list[str]] = {}
    for question_id, given in answers.items():
        question = by_id.get(question_id)
        if question is None:
            raise AnswerError(f"unknown question {question_id!r}; known questions: {', '.join(by_id)}")
        options = [o["id"] for o in question["options"]]
        if question.get("multiple"):
            if not isinstance(given, list) or not given:
                raise AnswerError(f"question {question_id!r} takes a list of one or more option ids, not {given!r}")
            chosen = given
        else:
            if not isinstance(given, str):
                raise AnswerError(f"question {question_id!r} takes one option id as a string, not {given!r}")
            chosen = [given]
        for option in chosen:
            if not isinstance(option, str) or option not in options:
                raise AnswerError(
                    f"question {question_id!r} has no option {option!r}; its options are: {', '.join(options)}"
                )
        if len(set(chosen)) != len(chosen):
            raise AnswerError(f"question {question_id!r}: an option is given twice in {chosen!r}")
        exclusive = [o["id"] for o in question["options"] if o.get("exclusive")]
        if len(chosen) > 1 and any(option in exclusive for option in chosen):
            raise AnswerError(
                f"question {question_id!r}: {', '.join(o for o in chosen if o in exclusive)} "
                "cannot be combined with other options"
            )
        normalised[question_id] = list(chosen)

    shown = shown_questions(bank, normalised)
    kept = {q["id"]: normalised[q["id"]] for q in shown if q["id"] in normalised}
    missing = [q["id"] for q in shown if q["id"] not in kept]
    if missing:
        raise AnswerError(f"these questions have no answer: {', '.join(missing)}")
    return kept


def evaluate(bank: Bank, answers: object) -> Result:
    """Turn a complete set of answers into a result.

    The result's tier is the most urgent tier among the outcomes of the chosen options, so a
    red-flag answer always gives `urgent-help` and adding a precaution can never make the result
    less cautious. Every result has at least one reason and the non-binding notice.

    `conversation` says whether a conversation about this treatment is the next step: every reason
    is of a conversation tier (only then does the page show the clinic's box). `help` names the
    help lines that lead the result, if any.
    Questions to ask come from the reasons, the tier and, after a conversation result only, the
    bank's general questions about the treatment; a result that is not about this treatment keeps
    only those of its own tier's reasons.
    """
    chosen = check_answers(bank, answers)
    reasons: list[Reason] = []
    for question in shown_questions(bank, chosen):
        picked = chosen[question["id"]]
        labels = [o["label"] for o in question["options"] if o["id"] in picked]
        for option in question["options"]:
            outcome = option.get("outcome")
            if option["id"] not in picked or not outcome:
                continue
            reasons.append(
                {
                    "question": question["id"],
                    "question_text": question["text"],
                    "answer": option["id"],
                    "answer_text": ", ".join(labels),
                    "tier": outcome["tier"],
                    "text": outcome["reason"],
                    "link": outcome.get("link"),
                    "ask": list(outcome.get("ask", [])),
                }
            )

    if not reasons:
        fallback = bank.get("fallback")
        if not fallback:
            # The build refuses a bank whose answers can give no reason without a fallback.
            raise AnswerError("these answers give no reason, and the bank has no fallback")
        reasons.append(
            {
                "question": None,
                "question_text": None,
                "answer": None,
                "answer_text": None,
                "tier": "worth-discussing",
                "text": fallback["reason"],
                "link": fallback.get("link"),
                "ask": [],
            }
        )

    # Stable sort: most urgent reasons first, bank order within a tier.
    reasons.sort(key=lambda reason: tier_rank(reason["tier"]))
    tier = reasons[0]["tier"]
    wording = bank["tiers"][tier]
    conversation = all(reason["tier"] in CONVERSATION_TIERS for reason in reasons)
    ask: list[str] = []
    for reason in reasons:
        if conversation or reason["tier"] == tier:
            ask.extend(reason["ask"])
    ask.extend(wording.get("ask", []))
    if conversation:
        ask.extend(bank.get("ask", []))
    return {
        "tier": tier,
        "title": wording["title"],
        "summary": wording["summary"],
        "next_steps": list(wording.get("next_steps", [])),
        "reasons": reasons,
        "questions_to_ask": list(dict.fromkeys(ask)),
        "cannot_know": list(bank["cannot_know"]),
        "notice": bank["notice"],
        "crisis": tier == "urgent-help",
        "help": HELP.get(tier),
        "conversation": conversation,
        "answers": chosen,
    }


@functools.lru_cache(maxsize=4)
def _bank_from_json(bank_text: str) -> Bank:
    """The worker sends the same bank text with every evaluation: it is parsed once (evaluate never
    changes the bank)."""
    bank: Bank = json.loads(bank_text)
    return bank


def evaluate_json(bank_text: str, answers_text: str) -> str:
    """JSON in, JSON out, for the page's Web Worker: {"ok": true, "result": {...}} or
    {"ok": false, "error": "..."} when the answers do not fit the bank. Never raises for bad answers.
    """
    try:
        answers = json.loads(answers_text)
    except ValueError as error:
        return json.dumps({"ok": False, "error": f"the answers are not valid JSON: {error}"})
    try:
        result = evaluate(_bank_from_json(bank_text), answers)
    except AnswerError as error:
        return json.dumps({"ok": False, "error": str(error)})
    return json.dumps({"ok": True, "result": result})
