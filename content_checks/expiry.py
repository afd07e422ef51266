"""Facts that expire: a rule with an end date, a price, a label version.

Such a fact carries its date in the sentence itself ("until 31 December 2026"), and a marker on the
line above it says when it must be checked again:

    <!-- expires: 2026-12-31 "telehealth prescribing rules" -->
    The rules that let a doctor prescribe ketamine online run until 31 December 2026.

The date is an ISO date (YYYY-MM-DD): the last day the fact is known to hold. The words in quotes
name the fact, so a maintainer knows what to look up. Once the date has passed, the page gets a
warning (and so a `--strict` build fails) naming the page, the line and the fact. A marker that is
malformed (a bad date, no fact, or nothing below it) is an error. Markers in fenced code are
examples and are not read.
"""

from __future__ import annotations

import datetime as dt
import re

from .problems import Problem

MARKER = re.compile(r"<!--\s*expires\s*:(?P<rest>.*?)-->", re.IGNORECASE)
FORMAT = re.compile(r'^\s*(?P<date>\S+)\s+"(?P<fact>[^"]*)"\s*$')
FENCE = re.compile(r"^\s*(```|~~~)")
EXAMPLE = '<!-- expires: 2026-12-31 "telehealth prescribing rules" -->'


def check(page: str, source: str, today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for the expiry markers of one page; `source` is the whole file."""
    errors, warnings = [], []
    lines = source.splitlines()
    fence = None
    for number, line in enumerate(lines, start=1):
        if match := FENCE.match(line):
            fence = None if fence == match.group(1) else (fence or match.group(1))
            continue
        if fence:
            continue
        for marker in MARKER.finditer(line):
            problem, expires, fact = _parse(page, number, marker.group(0), marker.group("rest"))
            if problem is None and not _has_fact_below(lines, number):
                problem = Problem(
                    page,
                    number,
                    "an expiry marker has no fact below it",
                    "the marker on the line just above the sentence it dates",
                    marker.group(0),
                    "put the marker on the line above the dated sentence",
                )
            if problem:
                errors.append(problem)
            elif expires < today:
                warnings.append(
                    Problem(
                        page,
                        number,
                        f"a fact has passed its expiry date: {fact}",
                        f"a date on or after today ({today.isoformat()})",
                        marker.group(0),
                        "check the fact against its source, correct the sentence below and its date, "
                        "then set the marker to the new date until which the fact holds",
                    )
                )
    return errors, warnings


def _parse(page: str, number: int, marker: str, rest: str) -> tuple[Problem | None, dt.date | None, str]:
    found = FORMAT.match(rest)
    if not found:
        return (
            Problem(
                page,
                number,
                "an expiry marker is malformed",
                "a date and the fact in double quotes: " + EXAMPLE,
                marker,
                "write the marker as in the example: an ISO date, then what the fact is, in quotes",
            ),
            None,
            "",
        )
    fact = found.group("fact").strip()
    try:
        expires = dt.date.fromisoformat(found.group("date"))
    except ValueError:
        return (
            Problem(
                page,
                number,
                "an expiry marker's date is not a date",
                "an ISO date (YYYY-MM-DD), such as 2026-12-31",
                marker,
                "write the last day the fact is known to hold as YYYY-MM-DD",
            ),
            None,
            fact,
        )
    if not fact:
        return (
            Problem(
                page,
                number,
                "an expiry marker does not name its fact",
                "the fact in double quotes after the date: " + EXAMPLE,
                marker,
                "say in a few words what expires, so a maintainer knows what to check",
            ),
            None,
            fact,
        )
    return None, expires, fact


def _has_fact_below(lines: list[str], number: int) -> bool:
    following = lines[number] if number < len(lines) else ""
    return bool(MARKER.sub("", following).strip())
