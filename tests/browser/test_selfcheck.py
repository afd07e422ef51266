"""The self-check in a real browser, answered as people answer it: the result, with every request
same-origin; keyboard-only scenarios for each tier; crisis help after a red flag; Change, Back,
under 18, the error for a missing answer and the printable summary."""

import json
import re
from urllib.parse import urlsplit

from devkit.answers import complete_answers, in_page_order
from devkit.browser import answer_self_check, wait_for_engine

from .helpers import (
    BANK,
    RequestLog,
    answer_with_keyboard,
    cli_tier,
    open_self_check,
    storage_snapshot,
    tab_until,
)


def test_result_in_the_browser_with_every_request_same_origin_and_none_after_the_first_answer(
    page, context, site_server
):
    log = RequestLog().attach(context)
    open_self_check(page, site_server)
    title, url = page.title(), page.url
    before_answers = len(log.entries)
    assert any("/pyodide/314.0.7/pyodide.asm.wasm" in u for u in log.urls()), "the runtime came from this site"
    assert any(u.endswith(".whl") for u in log.urls()), "the engine wheel came from this site"

    answers = complete_answers(main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more")
    answer_self_check(page, answers)
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")

    assert page.get_attribute("[data-sc-result]", "data-tier") == "worth-discussing"
    assert page.text_content("[data-sc-result-title]") == BANK["tiers"]["worth-discussing"]["title"]
    assert BANK["notice"] in page.text_content("[data-sc-result]")

    origins = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in log.urls()}
    assert origins == {site_server.origin}, origins
    assert log.urls(before_answers) == [], "no request at all after the first answer"
    assert context.cookies() == []
    stored = storage_snapshot(page)
    assert stored["session"] == {} and stored["indexedDB"] == []
    stored_text = json.dumps(stored["local"])
    assert not any(re.search(rf"\b{re.escape(v)}\b", stored_text) for v in ("two_or_more", "antidepressants_tried"))
    assert page.url == url and page.title() == title, "answers are never in the URL or the title"


def test_answers_given_before_the_engine_is_ready_still_give_a_result(page, context, site_server):
    log = RequestLog().attach(context)
    open_self_check(page, site_server, wait_ready=False)
    answers = complete_answers(blood_pressure_heart="yes")
    answer_self_check(page, answers)
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])", timeout=60000)
    assert page.get_attribute("[data-sc-result]", "data-tier") == "review-first"
    for request in log.entries:
        carried = request.url + (request.post_data or "") + json.dumps(request.headers)
        assert "blood_pressure_heart" not in carried, f"an answer left the page in {request.url}"
        assert request.method == "GET"


# By keyboard alone, the two results that lead with help lines (crisis, youth). Every tier's result in
# the browser, against the command line's, is checked in each engine by tests/browser/test_engines.py.
SCENARIOS = {
    "urgent-help": {"recent_attempt": "yes"},
    "under-18": {"age": "under_18"},
}


def test_keyboard_only_scenarios_give_the_same_tiers_as_the_command_line(page, site_server, tmp_path):
    """Each scenario in turn in one page, by keyboard alone, Start again included."""
    # The page lets people answer while the engine starts (answers given before it is ready have their
    # own test): the first scenario's keys are pressed meanwhile, and its answers sent once it is ready.
    open_self_check(page, site_server, wait_ready=False)
    for number, (tier, chosen) in enumerate(SCENARIOS.items()):
        answers = complete_answers(**chosen)
        assert cli_tier(answers, tmp_path) == tier
        if number:
            tab_until(page, "[data-sc-restart]")
            page.keyboard.press("Enter")
            page.wait_for_selector(f"#sc-q-{BANK['questions'][0]['id']}-title", state="visible")
        answer_with_keyboard(page, answers)
        wait_for_engine(page)
        tab_until(page, "[data-sc-submit]")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-sc-result]:not([hidden])")
        assert page.get_attribute("[data-sc-result]", "data-tier") == tier
        # Focus moves to the result's heading right after the frame that shows it. (A function, not an
        # expression: Playwright evaluates an expression with eval at every poll, which the page's
        # Content-Security-Policy refuses, so the wait failed whenever the first check came too early.)
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.id === 'sc-result-title'", timeout=5000
        )
        if tier == "urgent-help":
            assert page.is_visible("[data-sc-crisis]")
        help_kind = {"urgent-help": "crisis", "under-18": "youth"}.get(tier)
        assert page.locator("[data-sc-result-body] .sc-help").count() == (1 if help_kind else 0), tier


def rect(page, selector):
    return page.evaluate(
        "(s) => { const r = document.querySelector(s).getBoundingClientRect(); "
        "return {top: r.top, bottom: r.bottom, height: r.height}; }",
        selector,
    )


def call_buttons(page, within):
    return page.evaluate(
        """(within) => [...document.querySelectorAll(`${within} a.sc-call`)].map((a) => {
        const r = a.getBoundingClientRect();
        return {href: a.getAttribute("href"), top: r.top, bottom: r.bottom, height: r.height, width: r.width};
    })""",
        within,
    )


def test_after_a_red_flag_crisis_help_stays_in_view_and_leads_the_result(browser, site_server):
    # On a phone: once a red flag is given, call buttons stay at the foot of the screen on every later
    # step, below the question's heading, and the crisis result leads with large call and text buttons
    # in its first screen, with nothing about booking or paying for treatment.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_self_check(page, site_server, wait_ready=False)
    assert page.is_hidden("[data-sc-crisis-bar]")
    answers = complete_answers(self_harm="yes", blood_pressure_heart="yes")
    order = in_page_order(answers)
    page.check("#sc-danger_now-no")
    page.click("[data-sc-continue]")
    page.wait_for_selector("#sc-q-self_harm-title", state="visible")
    assert page.is_hidden("[data-sc-crisis-bar]"), "no crisis bar before a red flag"
    page.check("#sc-self_harm-yes")
    for question, options in order[2:7]:
        page.click("[data-sc-continue]")
        title = f"#sc-q-{question['id']}-title"
        page.wait_for_function(
            "(id) => document.activeElement && document.activeElement.id === id", arg=title[1:], timeout=5000
        )
        bar, heading = rect(page, "[data-sc-crisis-bar]"), rect(page, title)
        assert bar["top"] > 0 and bar["bottom"] <= 844 + 0.5, f"the crisis bar is on screen at {question['id']}"
        assert heading["bottom"] <= bar["top"], f"the bar does not cover the heading of {question['id']}"
        buttons = call_buttons(page, "[data-sc-crisis-bar]")
        assert [b["href"] for b in buttons] == ["tel:988", "sms:988", "tel:911"]
        assert all(b["height"] >= 44 and b["bottom"] <= 844 + 0.5 for b in buttons), buttons
        page.check(f"#sc-{question['id']}-{options[0]}")
    page.click("[data-sc-continue]")
    for question, options in order[7:]:
        page.wait_for_selector(f"#sc-q-{question['id']}-title", state="visible")
        for option in options:
            page.check(f"#sc-{question['id']}-{option}")
        page.click("[data-sc-continue]")
    page.wait_for_selector("[data-sc-review]:not([hidden])")
    assert page.is_visible("[data-sc-crisis-bar]")
    wait_for_engine(page)
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'sc-result-title'")
    assert page.get_attribute("[data-sc-result]", "data-tier") == "urgent-help"
    buttons = call_buttons(page, "[data-sc-result-body] .sc-help")
    assert {b["href"] for b in buttons} >= {"tel:911", "tel:988", "sms:988"}
    assert all(b["height"] >= 44 and b["width"] >= 300 for b in buttons), buttons
    first_screen = [b for b in buttons if b["bottom"] <= 844]
    assert {b["href"] for b in first_screen} >= {"tel:911", "tel:988", "sms:988"}, "call buttons in the first screen"
    result = page.text_content("[data-sc-result]")
    assert "does not stop you getting care for depression" in result
    assert "Questions to ask a provider" not in result
    for shopping in ("insurance", "What will it cost", "Which form", "Book a consultation"):
        assert shopping not in result, shopping
    context.close()


def test_change_links_keep_the_answers_and_return_to_check_your_answers(page, site_server):
    open_self_check(page, site_server, wait_ready=False)
    answer_self_check(page, complete_answers())  # while the engine starts, as the page allows
    wait_for_engine(page)
    concern = [question["id"] for question, _ in in_page_order(complete_answers())].index("main_concern")
    page.click(f"#sc-review-title ~ dl button >> nth={concern}")  # Change the answer to the main concern
    page.wait_for_selector("#sc-q-main_concern-title", state="visible")  # steps change in the next frame
    assert page.is_checked("#sc-main_concern-depression"), "the answer is kept"
    page.check("#sc-main_concern-ptsd")
    page.click("[data-sc-continue]")
    page.wait_for_selector("[data-sc-review]", state="visible")  # back to check your answers
    assert page.is_hidden("#sc-q-main_concern-title")
    assert "PTSD" in page.text_content("[data-sc-review]")
    review = page.text_content("[data-sc-review]")
    assert "how many antidepressant" not in review, "a follow-up that no longer applies is dropped"


def test_under_18_ends_the_questions_at_once(page, site_server):
    open_self_check(page, site_server, wait_ready=False)
    answer_self_check(page, complete_answers(age="under_18"))
    rows = page.locator("[data-sc-review-list] dt").all_text_contents()
    assert rows[-1] == "How old are you?" and len(rows) == 6, rows


def test_a_question_without_an_answer_gets_an_error_that_says_how_to_fix_it(page, site_server):
    open_self_check(page, site_server, wait_ready=False)
    page.click("[data-sc-continue]")
    error = page.text_content("#sc-q-danger_now-error")
    assert error.startswith("Select an answer to continue") and "not sure" in error
    assert "sc-q-danger_now-error" in page.get_attribute("#sc-q-danger_now", "aria-describedby")
    assert page.is_visible("#sc-q-danger_now-title")


def test_back_returns_to_the_previous_question_with_its_answer_kept(page, site_server):
    open_self_check(page, site_server, wait_ready=False)
    (first, first_options), (second, _) = in_page_order(complete_answers())[:2]
    assert page.is_hidden("[data-sc-back]"), "the first question has no Back"
    for option in first_options:
        page.check(f"#sc-{first['id']}-{option}")
    page.click("[data-sc-continue]")
    page.wait_for_selector(f"#sc-q-{second['id']}-title", state="visible")
    page.click("[data-sc-back]")
    page.wait_for_selector(f"#sc-q-{first['id']}-title", state="visible")
    assert page.is_hidden(f"#sc-q-{second['id']}-title")
    assert all(page.is_checked(f"#sc-{first['id']}-{option}") for option in first_options), "the answer is kept"
    assert page.is_hidden("[data-sc-back]")
    page.wait_for_function(f"() => document.activeElement.id === 'sc-q-{first['id']}-title'")
