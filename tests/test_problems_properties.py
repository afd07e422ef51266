"""Malformed input never gives a traceback: only the problem-carrying error, naming the file and line.

Hypothesis feeds the real entry points (quiz.bank.load_bank, sitekit.settings.validate, the page
checks that read front matter, `python -m quiz check`) broken banks, settings and front matter:
YAML syntax errors, wrong types and missing keys at random places, bad UTF-8, random bytes. Every
problem must name the file, and a line inside it where there is one.
"""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_checks.pages import check_page, load_data
from quiz.bank import DEFAULT_BANK, BankError, load_bank
from sitekit.problems import Problem, ProblemsError
from sitekit.settings import Settings, SettingsError, validate

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BYTES = DEFAULT_BANK.read_bytes()
DEFAULT_DATA = yaml.safe_load(DEFAULT_BYTES)
REFERENCES, CLAIMS, _ = load_data(ROOT / "data")
TODAY = dt.date(2026, 12, 1)

# The dumper only writes the test's input; libyaml's is ten times faster where it is installed.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Each example reads and checks a whole bank (about half a second), so those properties keep to a few.
FEW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def paths(data, prefix=()) -> list[tuple]:
    """Every key and list item in the data, as paths."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    for key, value in items:
        found.append((*prefix, key))
        found += paths(value, (*prefix, key))
    return found


BANK_PATHS = paths(DEFAULT_DATA)


def changed(data, path: tuple, value, delete: bool):
    """A deep copy of `data` with the value at `path` replaced, or removed."""
    result = copy.deepcopy(data)
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return result


def assert_named(error: ProblemsError, path: Path, lines: int | None = None) -> None:
    """Every problem names the file (and a line inside it, where it has one); the message has them all."""
    assert error.problems, "an error always carries its problems"
    assert str(error) == "\n".join(str(problem) for problem in error.problems)
    for problem in error.problems:
        assert isinstance(problem, Problem)
        assert problem.file == str(path), str(problem)
        assert str(problem).startswith(f"{path}"), str(problem)
        assert problem.problem.strip(), str(problem)
        if problem.line is not None:
            assert problem.line >= 1 and (lines is None or problem.line <= lines + 1), str(problem)


def load(text: bytes) -> None:
    """Write the bank and load it: it either loads or raises BankError naming this file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "questions.yml"
        path.write_bytes(text)
        try:
            load_bank(path, references=set(REFERENCES))
        except BankError as error:
            assert_named(error, path, text.count(b"\n"))
            return error
    return None


@FEW
@given(path=st.sampled_from(BANK_PATHS), value=values, delete=st.booleans())
def test_a_bank_with_a_wrong_type_or_a_missing_key_gets_problems_with_lines(path, value, delete):
    text = yaml.dump(changed(DEFAULT_DATA, path, value, delete), Dumper=DUMPER, sort_keys=False, allow_unicode=True)
    error = load(text.encode("utf-8"))
    if error is not None:
        assert all(problem.line is not None for problem in error.problems), str(error)


BROKEN_YAML = [
    "text: [unclosed",
    "key: : value",
    "\t- tab",
    "{a: 1",
    "'quote",
    "*undefined",
    "!!python/object/apply:os.system [ls]",
    "? [1]\n: 2",
    "id: 2026-02-30",
    "- - -",
    "%TAG",
    "@at",
]


@FEW
@given(line=st.integers(0, DEFAULT_BYTES.count(b"\n")), snippet=st.sampled_from(BROKEN_YAML), indent=st.integers(0, 8))
def test_a_bank_with_a_yaml_syntax_error_names_the_line(line, snippet, indent):
    lines = DEFAULT_BYTES.decode("utf-8").splitlines(keepends=True)
    lines.insert(line, " " * indent + snippet + "\n")
    load("".join(lines).encode("utf-8"))


@SOME
@given(st.binary(max_size=300))
def test_random_bytes_are_never_a_traceback(data):
    assert load(data) is not None, "random bytes are not a bank"


@SOME
@given(position=st.integers(0, len(DEFAULT_BYTES)), byte=st.integers(0x80, 0xFF))
def test_bad_utf8_names_the_line(position, byte):
    error = load(DEFAULT_BYTES[:position] + bytes([byte]) + DEFAULT_BYTES[position:])
    assert error is not None and len(error.problems) == 1
    assert "the file is not UTF-8 text" in str(error)
    assert error.problems[0].line == DEFAULT_BYTES[:position].count(b"\n") + 1


SETTING_KEYS = [
    "clinic",
    "self_check",
    "analytics",
    "social",
    "name",
    "logo",
    "colors",
    "primary",
    "accent",
    "phone",
    "email",
    "address",
    "booking_url",
    "hours",
    "offers",
    "region",
    "embed_origins",
    "bank",
]
setting_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(SETTING_KEYS) | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=10,
)


@SOME
@given(extra=st.dictionaries(st.sampled_from(SETTING_KEYS) | st.text(max_size=6), setting_values, max_size=4))
def test_any_settings_give_settings_or_problems_naming_the_file_and_key(extra):
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "mkdocs.yml"
        config.write_text(yaml.safe_dump({"site_name": "A", "extra": extra}, allow_unicode=True), encoding="utf-8")
        try:
            checked = validate(extra, str(config))
        except SettingsError as error:
            assert_named(error, config)
            for problem in error.problems:
                assert problem.key and problem.key.startswith("extra"), str(problem)
        else:
            assert isinstance(checked, Settings)


FRONT_MATTER_KEYS = [
    "title",
    "description",
    "last_reviewed",
    "reviewer",
    "sources",
    "evidence",
    "allow_claims",
    "allow_region_text",
    "hide",
]
front_matter = st.dictionaries(st.sampled_from(FRONT_MATTER_KEYS) | st.text(max_size=6), values, max_size=6)
BODY = "\n# A page\n\nA short line here.\n"


def check(text: str) -> None:
    result = check_page("conditions/a-page.md", text, REFERENCES, CLAIMS, TODAY)
    lines = text.count("\n") + 1
    for problem in result.errors + result.warnings:
        assert isinstance(problem, Problem)
        assert problem.file == "conditions/a-page.md" and str(problem).startswith("conditions/a-page.md")
        assert problem.line is None or 1 <= problem.line <= lines, str(problem)


@SOME
@given(meta=front_matter)
def test_front_matter_of_any_shape_gives_problems_naming_the_page_and_line(meta):
    check("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + BODY)


@SOME
@given(raw=st.text(max_size=200))
def test_any_text_as_front_matter_is_never_a_traceback(raw):
    check("---\n" + raw + "\n---\n" + BODY)


@SOME
@given(line=st.integers(1, 6), snippet=st.sampled_from(BROKEN_YAML))
def test_front_matter_with_a_yaml_error_names_the_page_and_line(line, snippet):
    meta = [
        "title: A page",
        "description: A page.",
        "last_reviewed: 2026-11-22",
        "sources: [spravato-label]",
        "evidence: limited",
    ]
    meta.insert(line - 1, snippet)
    check("---\n" + "\n".join(meta) + "\n---\n" + BODY)


def test_the_check_command_reports_the_problems_without_a_traceback(tmp_path):
    path = tmp_path / "questions.yml"
    text = DEFAULT_BYTES.decode("utf-8").replace("- id: liver", "- id: bladder", 1)
    path.write_text(text.replace("tier: review-first", "tier: careful", 1), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "quiz", "check", "--bank", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"error: {path}:")
    assert "tier is 'careful'" in run.stderr
