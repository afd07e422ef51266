"""The three command-line tools, run as a person runs them (a subprocess each): `python -m quiz`,
`python -m content_checks` and `python -m sitekit`. Exit status 0 when all is well, 1 when a check
fails, 2 for a bad input; the message names what is wrong."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from quiz.bank import DEFAULT_BANK, load_bank
from quiz.engine import evaluate
from tests.content_site import page

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_BANK = ROOT / "examples" / "example-clinic" / "questions.yml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


# --- python -m quiz -----------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["after", "before"])
def test_quiz_check_takes_the_bank_before_or_after_the_command(order):
    args = ["check", "--bank", str(EXAMPLE_BANK)] if order == "after" else ["--bank", str(EXAMPLE_BANK), "check"]
    done = run("quiz", *args)
    assert done.returncode == 0, done.stderr
    count = len(load_bank(EXAMPLE_BANK)["questions"])
    assert done.stdout == f"{EXAMPLE_BANK}: {count} questions, no problems found\n"


def test_quiz_check_without_a_bank_checks_the_default_one():
    done = run("quiz", "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{DEFAULT_BANK}: ") and "no problems found" in done.stdout


def test_quiz_check_reports_a_bad_bank_with_its_file_and_line_and_exit_status_2(tmp_path):
    bad = tmp_path / "my-bank.yml"
    bad.write_text("extends: default\nremove: [no_such_question]\n", encoding="utf-8")
    done = run("quiz", "check", "--bank", str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"error: {bad}:2")
    assert "no_such_question" in done.stderr


def test_quiz_check_reports_a_missing_bank_file(tmp_path):
    done = run("quiz", "check", "--bank", str(tmp_path / "nowhere.yml"))
    assert done.returncode == 2 and done.stderr.startswith("error: ") and "nowhere.yml" in done.stderr


def test_quiz_questions_lists_every_question_and_option_of_the_bank_given():
    bank = load_bank(EXAMPLE_BANK)
    done = run("quiz", "questions", "--bank", str(EXAMPLE_BANK))
    assert done.returncode == 0, done.stderr
    for number, question in enumerate(bank["questions"], start=1):
        assert f"{number:2}. {question['id']}: {question['text']}" in done.stdout
        for option in question["options"]:
            assert f"      {option['id']}: {option['label']}" in done.stdout


def test_quiz_questions_json_gives_ids_options_and_tiers():
    bank = load_bank()
    done = run("quiz", "questions", "--json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert [q["id"] for q in listed] == [q["id"] for q in bank["questions"]]
    first = bank["questions"][0]
    assert listed[0]["options"] == [
        {"id": o["id"], "label": o["label"], "tier": (o["outcome"] or {}).get("tier")} for o in first["options"]
    ]


def test_quiz_evaluate_prints_the_engines_result_as_json(tmp_path):
    from devkit.answers import complete_answers

    answers = complete_answers(main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    done = run("quiz", "evaluate", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(json.dumps(evaluate(load_bank(), answers)))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(None, "cannot read the answers", id="missing-file"),
        pytest.param("{not json", "not valid JSON", id="not-json"),
        pytest.param('{"danger_now": "perhaps"}', "danger_now", id="unknown-option"),
    ],
)
def test_quiz_evaluate_reports_bad_answers_on_one_line_with_exit_status_2(tmp_path, content, expected):
    path = tmp_path / "answers.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    done = run("quiz", "evaluate", str(path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"error: {path}: ") and expected in done.stderr
    assert done.stderr.count("\n") == 1


def test_quiz_without_a_command_shows_its_usage():
    done = run("quiz")
    assert done.returncode == 2 and "usage: python -m quiz" in done.stderr


# --- python -m content_checks -------------------------------------------------------------------

PLAIN = (
    "This page is short. It uses plain words. You can read it with ease. The words are small and the "
    "lines are short. Most people can read it on a phone. It says one thing at a time.\n"
)


def docs_folder(tmp_path: Path, **pages: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in pages.items():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    return docs


def test_content_checks_pass_a_good_folder_and_print_each_grade(tmp_path):
    """With --strict too, and for another region, whose placeholders are filled in."""
    emergency = "If you are in danger now, call [[ region: emergency ]].\n"
    docs = docs_folder(tmp_path, index=page(PLAIN + "\n" + emergency), about=page(PLAIN))
    for options in ([], ["--strict", "--region", "UK"]):
        done = run("content_checks", "--docs", str(docs), *options)
        assert done.returncode == 0, (options, done.stderr)
        assert done.stderr == ""
        lines = done.stdout.splitlines()
        assert lines[0].split() == ["grade", "words", "sentences", "page"]
        assert lines[1].endswith("  about.md") and lines[2].endswith("  index.md")
        assert lines[-1].startswith("median grade ") and "(limit 7; each page 8 or lower)" in lines[-1]


def test_content_checks_fail_a_bad_folder_naming_the_page_and_line(tmp_path):
    docs = docs_folder(tmp_path, index=page(PLAIN + "\nKetamine cures depression.\n"))
    done = run("content_checks", "--docs", str(docs))
    assert done.returncode == 1
    assert "index.md:" in done.stderr and "forbidden claim 'cures-depression'" in done.stderr


def test_content_checks_warn_of_a_stale_page_and_fail_on_it_only_with_strict(tmp_path):
    stale = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    docs = docs_folder(tmp_path, index=page(PLAIN, last_reviewed=stale))
    lenient = run("content_checks", "--docs", str(docs))
    assert lenient.returncode == 0, lenient.stderr
    assert "index.md:4: the page is due for review" in lenient.stderr
    strict = run("content_checks", "--docs", str(docs), "--strict")
    assert strict.returncode == 1
    assert "index.md:4: the page is due for review" in strict.stderr


def test_content_checks_refuse_an_unknown_region_or_a_missing_folder(tmp_path):
    docs = docs_folder(tmp_path, index=page(PLAIN))
    unknown = run("content_checks", "--docs", str(docs), "--region", "XX")
    assert unknown.returncode == 2 and "--region: 'XX' is not one of US" in unknown.stderr
    missing = run("content_checks", "--docs", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "is not a folder" in missing.stderr


# --- python -m sitekit --------------------------------------------------------------------------

HEADERS = """/*
  Content-Security-Policy: default-src 'self'
  X-Content-Type-Options: nosniff
/pyodide/*
  Cache-Control: public, max-age=31536000, immutable
"""


def site_folder(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Home</title><p>Home</p>\n", encoding="utf-8")
    (site / "_headers").write_text(HEADERS, encoding="utf-8")
    return site


def test_sitekit_nginx_prints_a_server_block_with_the_sites_headers(tmp_path):
    site = site_folder(tmp_path)
    done = run("sitekit", "nginx", str(site), "--listen", "8080", "--server-name", "kit.example.org")
    assert done.returncode == 0, done.stderr
    block = done.stdout
    assert "    listen 8080;\n" in block and "    server_name kit.example.org;\n" in block
    assert f"    root {site.resolve()};\n" in block
    assert "    add_header Content-Security-Policy \"default-src 'self'\" always;\n" in block
    assert "    location ^~ /pyodide/ {" in block
    assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in block


def test_sitekit_nginx_gives_each_edition_in_another_language_its_own_missing_page(tmp_path):
    site = site_folder(tmp_path)
    (site / "404.html").write_text("<!doctype html><title>Not found</title>\n", encoding="utf-8")
    assert "location /es/" not in run("sitekit", "nginx", str(site)).stdout
    (site / "es").mkdir()
    (site / "es" / "404.html").write_text("<!doctype html><title>No encontrada</title>\n", encoding="utf-8")
    (site / "assets").mkdir()  # a folder without a 404.html of its own is no edition
    block = run("sitekit", "nginx", str(site)).stdout
    assert "    location /es/ {\n        error_page 404 /es/404.html;\n" in block
    assert "location /assets/ {" not in block


def test_sitekit_nginx_brotli_on_and_off_force_the_choice_and_say_so(tmp_path):
    site = site_folder(tmp_path)
    on = run("sitekit", "nginx", str(site), "--brotli", "on")
    off = run("sitekit", "nginx", str(site), "--brotli", "off")
    assert on.returncode == off.returncode == 0, on.stderr + off.stderr
    assert "    brotli_static on;\n" in on.stdout and "    # brotli_static on: asked for with --brotli on" in on.stdout
    assert (
        "brotli_static on;" not in off.stdout and "    # brotli_static off: turned off with --brotli off" in off.stdout
    )
    assert "    gzip_static on;\n" in on.stdout and "    gzip_static on;\n" in off.stdout


def test_sitekit_nginx_without_a_built_site_says_to_build_it(tmp_path):
    done = run("sitekit", "nginx", str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"error: {tmp_path} has no _headers file; build the site first (make build)\n"


def test_sitekit_serve_serves_the_site_with_its_headers_until_interrupted(tmp_path):
    site = site_folder(tmp_path)
    (site / "404.html").write_text("<!doctype html><title>Not found</title>\n", encoding="utf-8")
    (site / "es").mkdir()
    (site / "es" / "404.html").write_text("<!doctype html><title>No encontrada</title>\n", encoding="utf-8")
    (tmp_path / "404.html").write_text("<!doctype html><title>Outside the site</title>\n", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "sitekit", "serve", str(site), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = server.stdout.readline()
        assert line.startswith(f"Serving {site} at http://127.0.0.1:"), line + server.stderr.read()
        origin = line.split(" at ", 1)[1].split("/ ", 1)[0]
        with urllib.request.urlopen(origin + "/", timeout=10) as response:
            assert response.headers["Content-Security-Policy"] == "default-src 'self'"
            assert b"<p>Home</p>" in response.read()
        # A missing page gets the site's own 404 page, in the language of the edition it was asked of.
        cases = (
            ("/no-such-page/", b"Not found"),
            ("/es/no-such-page/", b"No encontrada"),
            ("/%65s/no-such-page/?q=1", b"No encontrada"),  # decoded, as nginx does; the query set aside
            ("/../no-such-page/", b"Not found"),  # never a 404.html from outside the site
        )
        for path, expected in cases:
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(origin + path, timeout=10)
            assert missing.value.code == 404, path
            assert missing.value.headers["Content-Security-Policy"] == "default-src 'self'", path
            assert expected in missing.value.read(), path
        head = urllib.request.Request(origin + "/es/no-such-page/", method="HEAD")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(head, timeout=10)
        assert missing.value.code == 404 and missing.value.read() == b"", "HEAD: the headers alone"
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0


@pytest.mark.parametrize("command", ["nginx", "serve"])
def test_sitekit_commands_explain_themselves(command):
    done = run("sitekit", command, "--help")
    assert done.returncode == 0 and f"usage: python -m sitekit {command}" in done.stdout
    assert "site_dir" in done.stdout


def test_sitekit_without_a_command_shows_its_usage():
    done = run("sitekit")
    assert done.returncode == 2 and "usage: python -m sitekit" in done.stderr
