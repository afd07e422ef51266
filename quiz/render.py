"""Static HTML for the self-check, rendered from the compiled bank (build side).

The same bank gives the question page (which works as a printable checklist without script) and
the "How the self-check works" page.
"""

from __future__ import annotations

import json

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from sitekit import strings as strings_module

from .engine import CONVERSATION_TIERS, HELP, TIERS

# The page script's own wording, in one table a translation can replace (the file says more).
PAGE_STRINGS = strings_module.PAGE_STRINGS

_env = Environment(
    loader=PackageLoader("quiz", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=False,
    keep_trailing_newline=True,
)
# `{{ t.key | fill(name=value) }}`: a table's wording with its values, each escaped.
_env.filters["fill"] = strings_module.fill
# `{{ day | long_date(t) }}`: a date written out in the table's language ("1 December 2026").
_env.filters["long_date"] = strings_module.long_date


def _wording(strings: dict[str, str] | None) -> dict[str, Markup]:
    """The site's wording (sitekit/strings.site_strings) as the templates print it: the table is the
    kit's own text, like the templates' (not escaped); the values filled into it are."""
    return {key: Markup(text) for key, text in (strings or strings_module.site_strings("en")).items()}


def _helpers(bank: dict, t: dict[str, Markup]) -> dict:
    by_id = {q["id"]: q for q in bank["questions"]}

    def question_text(question_id: str) -> str:
        return by_id[question_id]["text"]

    def condition_labels(question: dict) -> str:
        target = by_id[question["show_if"]["question"]]
        labels = [
            strings_module.fill(str(t["answer_quoted"]), answer=o["label"])
            for o in target["options"]
            if o["id"] in question["show_if"]["any_of"]
        ]
        return str(t["or_separator"]).join(labels)

    red_flags = [str(number) for number, q in enumerate(bank["questions"], start=1) if q.get("red_flag")]
    return {
        "question_text": question_text,
        "condition_labels": condition_labels,
        "tiers": TIERS,
        "help": HELP,
        "conversation_tiers": CONVERSATION_TIERS,
        "red_flags": red_flags,
        "t": t,
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
    strings: dict[str, str] | None = None,
    language: str = "en",
) -> str:
    """The self-check page's questions, crisis panel, review and result areas. `site_name` heads
    the printed summary; `strings` is the site's wording (sitekit/strings.site_strings, English if
    not given) and `language` picks the page script's (page_strings)."""
    return _env.get_template("form.html").render(
        bank=bank,
        bank_json=Markup(bank_json(bank)),
        page_strings_json=Markup(bank_json(page_strings(language))),
        references=references,
        crisis=crisis,
        runtime=runtime,
        stdlib=stdlib or runtime + "python_stdlib.zip",
        engine_lock=engine_lock,
        engine_package=engine_package,
        clinic=clinic or {},
        offers=offers or [],
        site_name=site_name,
        **_helpers(bank, _wording(strings)),
    )


def page_strings(language: str) -> dict:
    """The page script's wording in `language`: key -> text, with `{name}` where the script fills in
    a value (quiz/data/page-strings.yml, or its translation; see sitekit/strings.py)."""
    return strings_module.page_strings(language)


def render_crisis(crisis: dict, strings: dict[str, str] | None = None) -> str:
    """The region's crisis lines for the crisis help page."""
    return _env.get_template("crisis-page.html").render(crisis=crisis, t=_wording(strings))


def render_rules(bank: dict, *, references: dict, strings: dict[str, str] | None = None) -> str:
    """The "How the self-check works" page body: every question and what each answer does."""
    return _env.get_template("rules.html").render(bank=bank, references=references, **_helpers(bank, _wording(strings)))
