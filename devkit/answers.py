"""Complete answer sets: the given answers, and the first no-effect option for every other question
the page would ask, in the order the page asks them. The engine's tests keep the same walk in
tests/engine/answers.py, which must stay importable inside Pyodide without this package."""

from __future__ import annotations

import functools

from quiz.engine import shown_questions


@functools.cache
def default_bank() -> dict:
    """The default question bank, compiled once, when first asked for."""
    from quiz.bank import load_bank

    return load_bank()


def complete_answers(bank: dict | None = None, **chosen) -> dict:
    bank = default_bank() if bank is None else bank
    answers = dict(chosen)
    while True:
        missing = [q for q in shown_questions(bank, answers) if q["id"] not in answers]
        if not missing:
            return answers
        question = missing[0]
        quiet = [o for o in question["options"] if not o.get("outcome")] or question["options"]
        answers[question["id"]] = [quiet[0]["id"]] if question["multiple"] else quiet[0]["id"]


def in_page_order(answers: dict, bank: dict | None = None) -> list[tuple[dict, list[str]]]:
    """The questions the page shows for `answers`, each with the options chosen (always a list)."""
    bank = default_bank() if bank is None else bank
    order = []
    for question in shown_questions(bank, answers):
        given = answers[question["id"]]
        order.append((question, given if isinstance(given, list) else [given]))
    return order
