"""Facts that expire (content_checks/expiry.py): a marker whose date has passed warns, naming the page,
the line and the fact, and fails a strict build; a malformed marker is an error with its fix."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from mkdocs.exceptions import Abort

from content_checks import expiry
from content_checks.__main__ import main
from tests.content_site import PLAIN, build_site, failure, page

TODAY = dt.date(2026, 12, 1)
FACT = "The rules run until 31 December 2026.\n"


def marked(date: str, fact: str = "telehealth prescribing rules") -> str:
    return f'Some text first.\n\n<!-- expires: {date} "{fact}" -->\n{FACT}'


def test_a_date_that_has_passed_warns_with_page_line_and_fact():
    errors, warnings = expiry.check("risks.md", marked("2026-11-30"), TODAY)
    assert errors == []
    [warning] = warnings
    assert (warning.page, warning.line) == ("risks.md", 3)
    assert "telehealth prescribing rules" in warning.problem
    assert "2026-11-30" in warning.found and "2026-12-01" in warning.expected


@pytest.mark.parametrize("date", ["2026-12-01", "2026-12-31", "2030-01-01"])
def test_a_date_today_or_later_does_not_warn(date):
    assert expiry.check("risks.md", marked(date), TODAY) == ([], [])


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        pytest.param('<!-- expires: 31/12/2026 "telehealth rules" -->', "date is not a date", id="bad-date"),
        pytest.param('<!-- expires: 2026-02-30 "telehealth rules" -->', "date is not a date", id="no-such-day"),
        pytest.param('<!-- expires: 2026-12-31 "" -->', "does not name its fact", id="empty-fact"),
        pytest.param("<!-- expires: 2026-12-31 -->", "is malformed", id="no-fact"),
        pytest.param("<!-- expires: 2026-12-31 telehealth rules -->", "is malformed", id="fact-not-quoted"),
    ],
)
def test_a_malformed_marker_is_an_error_naming_page_line_and_fix(marker, expected):
    errors, warnings = expiry.check("index.md", f"Line one.\n{marker}\n{FACT}", TODAY)
    assert warnings == []
    [error] = errors
    assert (error.page, error.line) == ("index.md", 2)
    assert expected in error.problem and error.fix


def test_a_marker_with_nothing_below_it_is_an_error():
    errors, _ = expiry.check("index.md", 'Text.\n<!-- expires: 2030-01-01 "a price" -->\n\nMore.\n', TODAY)
    assert [error.problem for error in errors] == ["an expiry marker has no fact below it"]


def test_a_marker_in_fenced_code_is_an_example_and_not_read():
    text = '```\n<!-- expires: 2000-01-01 "an example" -->\n```\n' + marked("bad-date")
    errors, warnings = expiry.check("editing.md", text, TODAY)
    assert [error.line for error in errors] == [6] and warnings == []


def test_a_passed_date_fails_the_strict_build_and_only_warns_otherwise(tmp_path, caplog):
    text = page(PLAIN + '\n<!-- expires: 2000-01-01 "the price of a visit" -->\n' + FACT)
    log = failure(tmp_path / "strict", caplog, {"index.md": text})
    assert "index.md:" in log and "a fact has passed its expiry date: the price of a visit" in log
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build_site(tmp_path / "lenient", {"index.md": text}, strict=False)
    assert "the price of a visit" in caplog.text


def test_a_malformed_marker_fails_even_a_lenient_build(tmp_path):
    with pytest.raises(Abort):
        build_site(tmp_path, {"index.md": page(PLAIN + "<!-- expires: soon -->\n" + FACT)}, strict=False)


def test_the_command_fails_on_a_passed_date_only_with_strict(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        page(PLAIN + '<!-- expires: 2000-01-01 "a label version" -->\n' + FACT), encoding="utf-8"
    )
    assert main(["--docs", str(docs)]) == 0
    assert "a label version" in capsys.readouterr().err
    assert main(["--docs", str(docs), "--strict"]) == 1
