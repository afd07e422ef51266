"""The example clinic's bank and one answer set per result it gives, shared by the engine's tests in
CPython (tests/test_clinic.py) and the browser tests (tests/browser/)."""

from __future__ import annotations

from pathlib import Path

from quiz.bank import load_bank

ROOT = Path(__file__).resolve().parent.parent

EXAMPLE_BANK = load_bank(ROOT / "examples" / "example-clinic" / "questions.yml")
# One answer set per result of the example clinic's bank: the answers chosen (the others the quiet
# first option), the tier, and whether the result is a conversation about this treatment (the clinic's
# box and booking link show beside it, and only beside it).
EXAMPLE_SCENARIOS = {
    "worth-discussing": (
        {"main_concern": "depression", "diagnosed": "yes", "antidepressants_tried": "two_or_more"},
        "worth-discussing",
        True,
    ),
    "urgent-help": ({"suicide_intent": "not_sure"}, "urgent-help", False),
    "review-first": (
        {
            "lungs_breathing": "yes",
            "main_concern": "depression",
            "diagnosed": "yes",
            "antidepressants_tried": "two_or_more",
        },
        "review-first",
        True,
    ),
    "under-18": ({"age": "under_18"}, "under-18", False),
    "not-advised": (
        {
            "ketamine_reaction": "allergy",
            "main_concern": "depression",
            "diagnosed": "yes",
            "antidepressants_tried": "two_or_more",
        },
        "not-advised",
        False,
    ),
    # Anxiety with a bladder problem: the precaution outranks "other steps first" in the title, and
    # still no conversation, as the usual first treatments come first.
    "other-steps-first": ({"main_concern": "anxiety", "bladder": "yes"}, "review-first", False),
}
