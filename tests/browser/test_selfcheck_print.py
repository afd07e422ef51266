"""The printed summary: with a result on screen, "Print or save this summary" prints the summary alone
(what it is, the site's name and address, the date, the result, its reasons, what to ask, the clinic's
contact where shown, the notice and a compact table of the answers) on at most two pages of Letter or
A4, for the longest results the bank can give. Chromium prints each to a PDF, which is read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from devkit.answers import complete_answers, default_bank
from devkit.browser import answer_self_check, wait_for_engine
from sitekit.serve import SiteServer
from tests.example_clinic import EXAMPLE_BANK

RESULT = "[data-sc-result]:not([hidden])"
# Margins a little wider than browsers' defaults (Chromium about 10 mm, Firefox 12.7 mm), so a
# person's own print dialog does no worse.
MARGIN = {"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"}
# On the screen around the self-check, never in its printed summary.
NOT_PRINTED = (
    "Start the questions",
    "Sources",
    "Last reviewed",
    "General information, not medical advice",
    "Answer some short questions",
    "How we choose sources",
    "Check your answers",
    "Print or save this summary",
    "Change your answers",
    "Start again",
)


LONGEST = frozenset({"not-advised", "review-first", "other-steps-first", "worth-discussing"})
# The tiers after which talking with the clinic is the next step (its box is shown).
CONVERSATION = frozenset({"review-first", "worth-discussing"})


def most_reasons(bank: dict, tiers=LONGEST, **given) -> dict:
    """Answers that give the longest result this bank can, from reasons of these tiers: every such
    answer for a question with several answers, and for the others the one with the longest reason
    (none that ends the check, and no red flag unless given)."""
    answers = dict(given)
    for question in bank["questions"]:
        if question["id"] in answers or question["red_flag"]:
            continue
        options = [
            o for o in question["options"] if o["outcome"] and not o["ends_check"] and o["outcome"]["tier"] in tiers
        ]
        if question["multiple"]:
            picked = [o["id"] for o in options if not o["exclusive"]]
            if picked:
                answers[question["id"]] = picked
        elif options:
            answers[question["id"]] = max(options, key=lambda o: len(o["outcome"]["reason"]))["id"]
    return complete_answers(bank, **answers)


def printed(page, paper: str) -> tuple[int, str]:
    pdf = PdfReader(io.BytesIO(page.pdf(format=paper, margin=MARGIN)))
    return len(pdf.pages), "\n".join(sheet.extract_text() for sheet in pdf.pages)


def summary_of(page, origin: str, answers: dict, bank: dict | None = None) -> None:
    page.goto(f"{origin}/self-check/")
    answer_self_check(page, answers, bank)
    wait_for_engine(page)
    page.click("[data-sc-submit]")
    page.wait_for_selector(RESULT)


def today() -> str:
    day = dt.date.today()
    return f"{day:%B} {day.day}, {day.year}"  # as the page writes it in English


def one_line(text: str) -> str:
    return " ".join(text.split())


def check_summary(page, paper: str, site_name: str, no_engine: bool = False) -> str:
    title = page.text_content("[data-sc-result-title]").strip()
    pages, text = printed(page, paper)
    flat = one_line(text)
    assert pages <= 2, f"{pages} pages of {paper} for {title!r}"
    assert flat.startswith("Self-check summary."), flat[:200]
    for expected in (
        site_name,
        page.url.split("#")[0],
        today(),
        title,
        "Your answers",
        one_line(page.text_content(".sc-result__notice")),
    ):
        assert expected in flat, (expected, flat[:400])
    for unexpected in NOT_PRINTED:
        assert unexpected not in flat, (unexpected, flat)
    # What to do next and what to ask, where the result has them; what the check cannot know is for
    # the screen (the notice says what the summary is not).
    parts = page.locator(".sc-result__next h3, .sc-result__ask h3").all_text_contents()
    assert parts or no_engine, "a result says what to do next"
    assert all(part in flat for part in parts), parts
    assert not any(part in flat for part in page.locator(".sc-result__limits h3").all_text_contents())
    # Every reason, and every answer in the table, is on paper.
    for text in page.locator(
        ".sc-result__reasons > li > p:not(.sc-result__answer):not(.sc-result__link)"
    ).all_text_contents():
        assert one_line(text) in flat, text
    answers = page.locator(".sc-result .sc-review__list dd").all_text_contents()
    assert answers and all(one_line(text) in flat for text in answers), answers
    return flat


def test_the_longest_summaries_print_on_two_pages_of_letter_and_a4(page, site_server):
    """The longest result without a red flag, then (after Start again, in the same page) the longest
    with one, which crisis help leads."""
    bank = default_bank()
    page.goto(f"{site_server.origin}/self-check/")
    for red_flag in (False, True):
        answers = most_reasons(bank, **({"self_harm": "yes"} if red_flag else {}))
        answer_self_check(page, answers)
        wait_for_engine(page)
        page.click("[data-sc-submit]")
        page.wait_for_selector(RESULT)
        # One item per question and tier: a question with several answers gives its reasons under it once.
        items = page.eval_on_selector_all(
            ".sc-result__reasons > li",
            "items => items.map(i => [i.querySelector('strong')?.textContent, i.dataset.tier, i.children.length])",
        )
        groups = [(question, tier) for question, tier, _ in items if question]
        assert len(groups) == len(set(groups)), groups
        assert any(children > 3 for *_, children in items), f"no question gave two reasons: {items}"
        assert page.is_visible(".sc-result .sc-help") == red_flag, "crisis help leads the result after a red flag"
        for paper in ("Letter", "A4"):
            flat = check_summary(page, paper, "Ketamine treatment explained")
            assert ("Talk to someone now" in flat and "988" in flat) == red_flag, (red_flag, paper)
        page.click("[data-sc-restart]")
        page.wait_for_selector(f"#sc-q-{bank['questions'][0]['id']}-title", state="visible")


@pytest.fixture(scope="module")
def clinic_server(example_site):
    with SiteServer(example_site) as server:
        yield server


def test_a_clinic_summary_prints_its_contact_and_says_what_none_of_these_means(page, clinic_server):
    """The example clinic's longest result after which talking with it is the next step: its box
    prints, with the phone number; "None of these" says which medicines, on the screen and on paper."""
    answers = most_reasons(
        EXAMPLE_BANK,
        CONVERSATION,
        main_concern="depression",
        diagnosed="yes",
        antidepressants_tried="two_or_more",
        sedatives=["none"],
    )
    summary_of(page, clinic_server.origin, answers, EXAMPLE_BANK)
    assert page.is_visible("[data-sc-clinic]")
    rows = dict(
        zip(
            page.locator(".sc-result .sc-review__list dt").all_text_contents(),
            page.locator(".sc-result .sc-review__list dd").all_text_contents(),
            strict=True,
        )
    )
    sedatives = next(row for question, row in rows.items() if "make you sleepy" in question)
    assert sedatives.startswith("None of these (no benzodiazepine"), sedatives
    flat = check_summary(page, "A4", "Riverside Clinic (example)")
    phone = one_line(page.text_content("[data-sc-clinic] .sc-clinic__contact li"))
    assert phone in flat and "Talking with" in flat
    assert "None of these (no benzodiazepine" in flat


def test_without_the_engine_the_answers_print_with_crisis_help_after_a_red_flag(page, site_server):
    """The engine could not start: the answers print on their own, led by crisis help after a
    red-flag answer, with the notice and no result."""
    page.route("**/pyodide/**/python_stdlib-*.zip", lambda route: route.fulfill(status=404, body="not here"))
    page.goto(f"{site_server.origin}/self-check/")
    page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=30_000)
    answer_self_check(page, most_reasons(default_bank(), self_harm="yes"))
    page.click("[data-sc-submit]")
    page.wait_for_selector(RESULT)
    assert page.is_visible(".sc-result .sc-help"), "crisis help leads the answers"
    for paper in ("Letter", "A4"):
        flat = check_summary(page, paper, "Ketamine treatment explained", no_engine=True)
        assert "could not work out a result" in flat and "Talk to someone now" in flat and "988" in flat
