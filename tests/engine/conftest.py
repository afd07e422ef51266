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


@pytest.fixture
def complete():
    from .answers import complete_answers

    return complete_answers
