"""Static HTML for the self-check, rendered from the compiled bank (build side).

The same bank gives the question page (which works as a printable checklist without script) and
the "How the self-check works" page.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jinja2 import Environment, PackageLoader, select_autoescape

from .engine import CONVERSATION_TIERS, HELP, TIERS

# The page script's own wording, in one table a translation can replace (the file says more).
PAGE_STRINGS = Path(__file__).parent / "data" / "page-strings.yml"

_env = Environment(
    loader=PackageLoader("quiz", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=False,
    keep_trailing_newline=True,
)


def _helpers(bank: dict) -> dict:
    by_id = {q["id"]: q for q in bank["questions"]}

    def question_text(question_id: str) -> str:
        return by_id[question_id]["text"]

    def condition_labels(question: dict) -> str:
        target = by_id[question["show_if"]["question"]]
        labels = [f'"{o["label"]}"' for o in target["options"] if o["id"] in question["show_if"]["any_of"]]
        return " or ".join(labels)

    red_flags = [str(number) for number, q in enumerate(bank["questions"], start=1) if q.get("red_flag")]
    return {
        "question_text": question_text,
        "condition_labels": condition_labels,
        "tiers": TIERS,
        "help": HELP,
        "conversation_tiers": CONVERSATION_TIERS,
        "red_flags": red_flags,
    }


def bank_json(bank: dict) -> str:
    """The bank (or any JSON value) as JSON that is safe inside a <script type="application/json">."""
    text = json.dumps(bank, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_form(
    bank: dict,
    *,
    references: dict,
    crisis: dict,
    runtime: str,
    engine_lock: str,
    engine_package: str,
    stdlib: str = "",
    clinic: dict | None = None,
    offers: list | None = None,
    site_name: str = "",
) -> str:
    """The self-check page's questions, crisis panel, review and result areas. `site_name` heads
    the printed summary."""
    from markupsafe import Markup

    return _env.get_template("form.html").render(
        bank=bank,
        bank_json=Markup(bank_json(bank)),
        page_strings_json=Markup(bank_json(page_strings())),
        references=references,
        crisis=crisis,
        runtime=runtime,
        stdlib=stdlib or runtime + "python_stdlib.zip",
        engine_lock=engine_lock,
        engine_package=engine_package,
        clinic=clinic or {},
        offers=offers or [],
        site_name=site_name,
        **_helpers(bank),
    )


def page_strings() -> dict:
    """The page script's wording: key -> text, with `{name}` where the script fills in a value."""
    return yaml.safe_load(PAGE_STRINGS.read_text(encoding="utf-8"))


def render_crisis(crisis: dict) -> str:
    """The region's crisis lines for the crisis help page."""
    return _env.get_template("crisis-page.html").render(crisis=crisis)


def render_rules(bank: dict, *, references: dict) -> str:
    """The "How the self-check works" page body: every question and what each answer does."""
    return _env.get_template("rules.html").render(bank=bank, references=references, **_helpers(bank))
