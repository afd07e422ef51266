"""The engine's tests, run again inside real Pyodide under Node with the pinned runtime and the
very wheel and lock file the site ships (see tests/pyodide/run_engine_tests.mjs)."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quiz import runtime
from quiz.bank import load_bank
from tests.engine.corpus import corpus

ROOT = Path(__file__).resolve().parent.parent
WHEELS = ROOT / ".cache" / "pyodide-wheels"

pytestmark = pytest.mark.pyodide


def count_engine_tests() -> int:
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/engine"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(re.search(r"(\d+) tests? collected", out).group(1))


def test_engine_tests_pass_inside_pyodide(tmp_path):
    assert shutil.which("node"), "Node is needed to run Pyodide outside the browser"
    assert any(WHEELS.glob("pytest-*.whl")), "run `make setup` to download the wheels pytest needs in Pyodide"
    name, data = runtime.engine_wheel("0.0.0")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "pyodide-lock.json").write_bytes(runtime.engine_lock(ROOT / "node_modules", name, data))
    (tmp_path / "bank.json").write_text(json.dumps(load_bank()), encoding="utf-8")

    run = subprocess.Popen(
        [
            "node",
            "tests/pyodide/run_engine_tests.mjs",
            str(tmp_path / "pyodide-lock.json"),
            str(WHEELS),
            "tests/engine",
            str(tmp_path / "bank.json"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        expected = count_engine_tests()  # CPython collects them while Node runs them
        output = run.communicate(timeout=300)[0]
    finally:
        run.kill()
    assert run.returncode == 0, output[-3000:]
    assert "on Python 3.14" in output and "emscripten" in output, "the tests ran inside Pyodide"
    assert "engine loaded from /lib/python3.14/site-packages/quiz/engine.py" in output, "from the shipped wheel"
    summary = re.search(r"(\d+) passed", output)
    assert summary and int(summary.group(1)) == expected, output[-2000:]
    assert "failed" not in output and "skipped" not in output


def test_the_trimmed_standard_library_runs_the_engine_exactly_as_cpython(tmp_path):
    from quiz import engine
    from quiz.engine import evaluate_json

    name, data = runtime.engine_wheel("0.0.0")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "pyodide-lock.json").write_bytes(runtime.engine_lock(ROOT / "node_modules", name, data))
    stdlib_name, stdlib = runtime.trimmed_stdlib(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip")
    (tmp_path / stdlib_name).write_bytes(stdlib)
    bank = load_bank()
    (tmp_path / "bank.json").write_text(json.dumps(bank), encoding="utf-8")
    cases = corpus(bank)
    (tmp_path / "corpus.json").write_text(json.dumps(cases), encoding="utf-8")

    run = subprocess.run(
        [
            "node",
            "tests/pyodide/run_engine_corpus.mjs",
            str(tmp_path / "pyodide-lock.json"),
            str(tmp_path / stdlib_name),
            str(tmp_path / "bank.json"),
            str(tmp_path / "corpus.json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout)
    assert out["stdlibFiles"] == len(runtime.stdlib_files()), "Pyodide ran with only the trimmed files"
    expected = [json.loads(evaluate_json(json.dumps(bank), case)) for case in cases]
    assert out["results"] == expected
    outcomes = [r["result"]["tier"] if r["ok"] else "error" for r in expected]
    assert {*engine.TIERS, "error"} <= set(outcomes)
