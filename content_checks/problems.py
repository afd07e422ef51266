"""One problem found in a page or a data file, worded so that a maintainer can fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Where (page and line), what is wrong, what was expected, what was found, and how to fix it."""

    page: str
    line: int | None
    problem: str
    expected: str
    found: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}" if self.line else self.page
        return (
            f"{where}: {self.problem}\n"
            f"    expected: {self.expected}\n"
            f"    found:    {self.found}\n"
            f"    fix:      {self.fix}"
        )


def report(problems: list[Problem], heading: str) -> str:
    """All problems as one message, so a build shows every problem at once rather than the first."""
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return f"{heading}: {count} {noun}\n\n" + "\n\n".join(str(problem) for problem in problems)
