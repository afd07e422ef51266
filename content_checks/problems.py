"""One problem found in a page or a data file: the kit's shared Problem and report (sitekit/problems.py).

A content problem says what was expected and what was found as well as the fix, so it prints as
`page:line: problem` followed by indented `expected:`, `found:` and `fix:` lines.
"""

from __future__ import annotations

from sitekit.problems import Problem, ProblemsError, report

__all__ = ["Problem", "ProblemsError", "report"]
