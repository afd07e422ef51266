"""The page script's unit tests, run with Node's own test runner (`node --test tests/js/`): the pure
parts of quiz/web/ (answers, page strings, the status line's wording) and the engine client against
a fake Worker. Python writes the data they share: the compiled bank, the page strings, and the shared
answer corpus with the questions the engine shows for each answer set (the page's rule must agree)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from quiz.bank import load_bank
from quiz.render import page_strings
from tests.engine.corpus import shown_cases

ROOT = Path(__file__).resolve().parent.parent


def write_data(folder: str | os.PathLike) -> None:
    """The files tests/js/data.mjs reads."""
    folder = Path(folder)
    bank = load_bank()
    for name, value in (
        ("bank.json", bank),
        ("page-strings.json", page_strings("en")),
        ("shown-cases.json", shown_cases(bank)),
    ):
        (folder / name).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def test_the_page_scripts_unit_tests_pass_under_node(tmp_path):
    assert shutil.which("node"), "Node 20 or newer is needed to run the page script's unit tests"
    write_data(tmp_path)
    run = subprocess.run(
        ["node", "--test", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SC_TEST_DATA": str(tmp_path)},
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-6000:]
    # Node's summary lines: "# tests 40", "# pass 40", "# fail 0", "# skipped 0", ...
    counts = dict(
        line[2:].split(" ", 1)
        for line in run.stdout.splitlines()
        if line.startswith(("# tests ", "# pass ", "# fail ", "# skipped ", "# todo ", "# cancelled "))
    )
    assert int(counts["pass"]) == int(counts["tests"]) > 0, output[-3000:]
