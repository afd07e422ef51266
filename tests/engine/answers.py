"""Complete answer sets for tests: the given answers, and the first no-effect option for every other
question the page would ask. Standard library only: it runs in Pyodide too (tests/pyodide)."""

from quiz.engine import shown_questions


def complete_answers(bank: dict, **chosen) -> dict:
    answers = dict(chosen)
    while True:
        missing = [q for q in shown_questions(bank, answers) if q["id"] not in answers]
        if not missing:
            return answers
        question = missing[0]
        quiet = [o for o in question["options"] if not o.get("outcome")] or question["options"]
        answers[question["id"]] = [quiet[0]["id"]] if question["multiple"] else quiet[0]["id"]
