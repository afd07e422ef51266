"""The shared corpus of answer sets: the engine's results on it are compared between CPython and
Pyodide (tests/test_pyodide.py), and its shown questions between the engine and the page script
(tests/test_js_units.py). Standard library only."""

import json
import random

from quiz.engine import shown_questions

from .answers import complete_answers


def corpus(bank: dict, size: int = 300) -> list[str]:
    """Answer sets as JSON text: one for every answer that has an effect (so every tier and every
    reason turns up), ones the page can produce (random choices for every shown question), tampered
    ones, and text that is not JSON at all."""
    each = [
        json.dumps(complete_answers(bank, **{q["id"]: [o["id"]] if q["multiple"] else o["id"]}))
        for q in bank["questions"]
        for o in q["options"]
        if o["outcome"]
    ]

    rng = random.Random(20261122)
    cases = []
    for _ in range(size):
        answers = {}
        while missing := [q for q in shown_questions(bank, answers) if q["id"] not in answers]:
            question = missing[0]
            ids = [o["id"] for o in question["options"]]
            if question["multiple"]:
                exclusive = [o["id"] for o in question["options"] if o["exclusive"]]
                plain = [i for i in ids if i not in exclusive]
                answers[question["id"]] = (
                    [rng.choice(exclusive)]
                    if exclusive and rng.random() < 0.7
                    else rng.sample(plain, rng.randint(1, len(plain)))
                )
            else:
                # Mostly no-effect answers, so that every tier turns up, not only the urgent ones.
                quiet = [o["id"] for o in question["options"] if not o["outcome"]]
                answers[question["id"]] = rng.choice(quiet if quiet and rng.random() < 0.85 else ids)
        cases.append(json.dumps(answers))
        if rng.random() < 0.2:
            broken = dict(answers)
            broken[rng.choice(list(broken))] = rng.choice(["nope", ["x"], 7, None, "<b>"])
            cases.append(json.dumps(broken))
    return [*each, *cases, "{not json", "42", "[]", json.dumps({"danger_now": "no"}), ""]


def shown_cases(bank: dict) -> list[dict]:
    """Every answer set of the corpus that is an object, with the ids of the questions the engine
    shows for it: what the page's own rule must give too."""
    cases = []
    for text in corpus(bank):
        try:
            answers = json.loads(text)
        except ValueError:
            continue
        if isinstance(answers, dict):
            cases.append({"answers": answers, "shown": [q["id"] for q in shown_questions(bank, answers)]})
    return cases
