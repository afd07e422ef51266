"""Front matter: the block of YAML at the top of every page, and its checks.

Every Markdown page under docs/ starts with front matter between two `---` lines:

    ---
    title: Post-traumatic stress disorder (PTSD)
    description: What research says about ketamine for PTSD, and what it does not show.
    last_reviewed: 2026-11-22
    sources: [feder-2021, abdallah-2022]
    evidence: emerging
    allow_claims:
      - claim: proven-for-condition
        sentence: Ketamine is not proven for PTSD.
    ---

Keys:

- `title` (required): the page title, as shown in the browser tab and the navigation.
- `description` (required): one or two plain sentences, up to 200 characters, for search results
  and link previews.
- `last_reviewed` (required): the date a person last checked the page against its sources, as an
  ISO date (YYYY-MM-DD). A date in the future is an error; a date more than 12 months old is a
  warning (and so fails a `--strict` build) until someone reviews the page again.
- `reviewer` (optional): the name and role of a person who checked the page against its sources,
  only once someone has. Leave it out until then: never a placeholder, an invented name or a
  credential. The editorial policy says that the hosting clinic's clinician has not reviewed the
  pages unless the clinic records its review in its own settings (`extra.clinic.review`), which
  every page then shows.
- `sources` (required): the ids (from data/references.yml) of the sources the page relies on.
  At least one, except on the page that lists every source (it holds the all-references marker).
- `evidence` (required on pages under conditions/, except conditions/index.md): the strength of
  evidence, one level from content_checks/evidence.py or a mapping of uses to levels.
- `allow_claims` (optional): sentences that mention a forbidden claim in order to refute it; see
  content_checks/claims.py. Each entry names the claim id and quotes the whole sentence.
- `allow_region_text` (optional): sentences that are about another region on purpose, such as
  "In the US, the emergency number is 911."; see content_checks/region_text.py. Each entry names
  an id from data/region-only.yml and quotes the whole sentence.

Other keys (for example Material's `hide:`, which the kit extends with `clinic` to leave out the
clinic box) are allowed and not checked.

A translated page (translations/<language>/docs/) writes only its own `title` and `description` (and
any `allow_claims` or `allow_region_text` for its own sentences); it takes every other key from its
English page (content_checks/pages.py, merged_source), and is checked with them as above.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sitekit.problems import ProblemsError, Yaml, parse_yaml

from . import evidence
from .markers import ALL_REFERENCES_MARKER
from .problems import Problem

REQUIRED = ("title", "description", "last_reviewed", "sources")
DESCRIPTION_MAX_CHARS = 200
EVIDENCE_REQUIRED_UNDER = "conditions/"
EVIDENCE_NOT_REQUIRED = ("conditions/index.md",)
# A `reviewer` that names no one: the page says nothing rather than "awaiting review".
NOT_A_REVIEWER = re.compile(r"\b(awaiting|pending|not yet|to be|tbd|tbc|none|nobody|unknown)\b", re.IGNORECASE)
DELIMITER = re.compile(r"^(---|\.\.\.)[ \t]*$")
YAML_FIX = "check quotes and indentation; quote a value that contains ': ' or starts with a special character"
EXAMPLE = "---\ntitle: ...\ndescription: ...\nlast_reviewed: YYYY-MM-DD\nsources: [source-id]\n---"


@dataclass
class FrontMatter:
    """A page split into its front matter and its body; `meta` is empty when the front matter is unusable."""

    meta: dict = field(default_factory=dict)
    body: str = ""
    body_start: int = 1  # line number (1-based) of the body's first line in the file
    key_lines: dict = field(default_factory=dict)  # top-level key -> its line in the file
    problems: list[Problem] = field(default_factory=list)
    lines: Yaml | None = None  # the line of every key and list item (sitekit/problems.py)


def split(page: str, source: str) -> FrontMatter:
    """Split `source` into front matter and body, checking only that the YAML block is there and readable."""
    lines = source.splitlines()
    if not lines or lines[0].rstrip() != "---":
        first = lines[0].strip() if lines else "an empty file"
        return FrontMatter(
            body=source,
            problems=[
                Problem(
                    page,
                    1,
                    "front matter is missing",
                    "the file to start with a '---' line, then YAML keys, then a closing '---' line",
                    f"first line {first!r}" if lines else first,
                    f"add front matter at the top of the page:\n{_indent(EXAMPLE)}",
                )
            ],
        )
    end = next((i for i in range(1, len(lines)) if DELIMITER.match(lines[i])), None)
    if end is None:
        return FrontMatter(
            body=source,
            problems=[
                Problem(
                    page,
                    1,
                    "front matter is not closed",
                    "a closing '---' line after the YAML keys",
                    "no closing line before the end of the file",
                    "add a line with '---' after the last front matter key",
                )
            ],
        )
    text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    try:
        doc = parse_yaml(text, page, first_line=2, what="front matter", fix=YAML_FIX)
    except ProblemsError as error:
        return FrontMatter(body=body, body_start=end + 2, problems=error.problems)
    meta = doc.data
    if not isinstance(meta, dict):
        return FrontMatter(
            body=body,
            body_start=end + 2,
            problems=[
                Problem(
                    page,
                    2,
                    "front matter is not a set of keys",
                    "YAML 'key: value' lines",
                    f"a {type(meta).__name__}",
                    f"write the front matter as keys:\n{_indent(EXAMPLE)}",
                )
            ],
        )
    key_lines = {path[0]: line for path, line in doc.lines.items() if len(path) == 1}
    return FrontMatter(meta=meta, body=body, body_start=end + 2, key_lines=key_lines, lines=doc)


def check(page: str, fm: FrontMatter, references: dict, today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """Check the keys of a page's front matter: returns (errors, warnings)."""
    meta, errors, warnings = fm.meta, [], []

    def problem(key, what, expected, found, fix, at=()):
        line = fm.lines.line((key, *at)) if fm.lines and (key, *at) in fm.lines.lines else None
        return Problem(page, line or fm.key_lines.get(key, 1), what, expected, found, fix, about=key)

    for key in REQUIRED:
        if key not in meta or meta[key] in (None, ""):
            errors.append(
                problem(
                    key,
                    f"front matter lacks '{key}'",
                    f"a '{key}:' key",
                    "none",
                    f"add '{key}:' to the front matter ({_what(key)})",
                )
            )
    for key in ("title", "description", "reviewer"):
        value = meta.get(key)
        if value not in (None, "") and (not isinstance(value, str) or not value.strip()):
            errors.append(
                problem(
                    key, f"'{key}' is not text", "a line of text", repr(value), f"write '{key}' as text ({_what(key)})"
                )
            )
    reviewer = meta.get("reviewer")
    if isinstance(reviewer, str) and NOT_A_REVIEWER.search(reviewer):
        errors.append(
            problem(
                "reviewer",
                "'reviewer' names no one",
                "the name and role of a person who reviewed the page",
                repr(reviewer),
                "leave 'reviewer' out until a person has reviewed the page; "
                "the editorial policy already says who has not",
            )
        )
    description = meta.get("description")
    if isinstance(description, str) and len(description) > DESCRIPTION_MAX_CHARS:
        errors.append(
            problem(
                "description",
                "'description' is too long",
                f"up to {DESCRIPTION_MAX_CHARS} characters",
                f"{len(description)} characters",
                "shorten it to one or two plain sentences",
            )
        )

    if meta.get("last_reviewed") not in (None, ""):
        reviewed = _date(meta["last_reviewed"])
        if reviewed is None:
            errors.append(
                problem(
                    "last_reviewed",
                    "'last_reviewed' is not a date",
                    "an ISO date such as 2026-11-22",
                    repr(meta["last_reviewed"]),
                    "write the date as YYYY-MM-DD",
                )
            )
        elif reviewed > today:
            errors.append(
                problem(
                    "last_reviewed",
                    "'last_reviewed' is in the future",
                    f"a date on or before today ({today.isoformat()})",
                    reviewed.isoformat(),
                    "use the date the page was actually reviewed",
                )
            )
        elif reviewed < _one_year_before(today):
            warnings.append(
                problem(
                    "last_reviewed",
                    "the page is due for review",
                    "a review in the last 12 months",
                    f"last reviewed {reviewed.isoformat()}, more than 12 months ago",
                    "check the page against its sources, then update 'last_reviewed'",
                )
            )

    if "sources" in meta and meta["sources"] is not None:
        sources = meta["sources"]
        if not isinstance(sources, list) or not all(isinstance(item, str) for item in sources):
            errors.append(
                problem(
                    "sources",
                    "'sources' is not a list of source ids",
                    "a list such as [spravato-label, anand-2023]",
                    repr(sources),
                    "list the ids from data/references.yml",
                )
            )
        else:
            if not sources and ALL_REFERENCES_MARKER not in fm.body:
                errors.append(
                    problem(
                        "sources",
                        "'sources' is empty",
                        "at least one source id",
                        "[]",
                        "list the ids (from data/references.yml) of the sources the page relies on",
                    )
                )
            unknown = [item for item in sources if item not in references]
            if unknown:
                errors.append(
                    problem(
                        "sources",
                        "a source id is not in data/references.yml",
                        "ids that data/references.yml defines",
                        ", ".join(unknown),
                        "correct the id, or add the source to data/references.yml",
                        at=(sources.index(unknown[0]),),
                    )
                )
            doubled = sorted({item for item in sources if sources.count(item) > 1})
            if doubled:
                errors.append(
                    problem(
                        "sources",
                        "a source is listed twice",
                        "each id once",
                        ", ".join(doubled),
                        "remove the repeated id",
                    )
                )

    if "evidence" in meta:
        if (found := evidence.check(meta["evidence"])) is not None:
            errors.append(
                problem(
                    "evidence",
                    "'evidence' is not on the scale",
                    "a level from content_checks/evidence.py, or a mapping of uses to levels",
                    found,
                    f"use one of: {', '.join(evidence.LEVELS)}",
                )
            )
    elif page.startswith(EVIDENCE_REQUIRED_UNDER) and page not in EVIDENCE_NOT_REQUIRED:
        errors.append(
            problem(
                "evidence",
                "a condition page lacks 'evidence'",
                f"an 'evidence:' key on pages under {EVIDENCE_REQUIRED_UNDER}",
                "none",
                f"add 'evidence:' with one of: {', '.join(evidence.LEVELS)}",
            )
        )
    return errors, warnings


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None  # a time of day is not a review date
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _one_year_before(today: dt.date) -> dt.date:
    return _years_after(today, -1)


def next_review_due(reviewed: dt.date) -> dt.date:
    """The day a page reviewed on `reviewed` is due its next review: a year later, when the checks
    start to warn."""
    return _years_after(reviewed, 1)


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _what(key: str) -> str:
    return {
        "title": "the page title",
        "description": "one or two plain sentences about the page",
        "last_reviewed": "the date of the last review, YYYY-MM-DD",
        "reviewer": "the name and role of the person who reviewed it",
        "sources": "a list of ids from data/references.yml",
    }.get(key, key)


def _indent(text: str) -> str:
    return "\n".join("        " + line for line in text.splitlines())
