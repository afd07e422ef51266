"""Fixtures for the engine's tests, which run in CPython and, unchanged, inside Pyodide.

Inside Pyodide there is no YAML parser, so the runner passes the compiled bank as JSON in the
QUIZ_BANK_JSON environment variable; in CPython the bank is compiled from its YAML file.
"""

import json
import os

import pytest


@pytest.fixture(scope="session")
def bank():
    path = os.environ.get("QUIZ_BANK_JSON")
    if path:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    from quiz.bank import load_bank

    return load_bank()


def first_answers(bank, **chosen):
    """A complete answer set: the given answers, and 'no'-like answers for every other shown question."""
    from quiz.engine import shown_questions

    answers = dict(chosen)
    while True:
        missing = [q for q in shown_questions(bank, answers) if q["id"] not in answers]
        if not missing:
            return answers
        question = missing[0]
        quiet = [o for o in question["options"] if not o.get("outcome")]
        option = (quiet or question["options"])[0]["id"]
        answers[question["id"]] = [option] if question["multiple"] else option


@pytest.fixture
def complete():
    return first_answers
