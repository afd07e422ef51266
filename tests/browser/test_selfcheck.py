"""The self-check in a real browser: it works, it is private, it is safe when Python is not there."""

import json
import re
from urllib.parse import urlsplit

import pytest

from devkit.answers import complete_answers, in_page_order
from devkit.browser import answer_self_check, wait_for_engine

from .helpers import BANK, RequestLog, answer_with_keyboard, cli_tier, storage_snapshot, tab_until

ALL_OPTION_IDS = {o["id"] for q in BANK["questions"] for o in q["options"]} | {q["id"] for q in BANK["questions"]}


def open_self_check(page, site_server, wait_ready=True):
    page.goto(f"{site_server.origin}/self-check/")
    if wait_ready:
        wait_for_engine(page)


def test_result_in_the_browser_with_every_request_same_origin_and_none_after_the_first_answer(
        page, context, site_server):
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


def test_a_red_flag_shows_crisis_help_at_once_even_with_python_blocked(page, site_server):
    page.route("**/pyodide/**", lambda route: route.abort())
    open_self_check(page, site_server, wait_ready=False)
    assert page.is_hidden("[data-sc-crisis]")
    page.check("#sc-danger_now-yes")
    page.wait_for_selector("[data-sc-crisis]:not([hidden])", timeout=1000)
    assert page.is_visible("#sc-crisis-title")
    assert "988" in page.text_content("[data-sc-crisis]")
    assert "Crisis help is shown" in page.text_content("[data-sc-alert]")
    assert page.get_attribute("[data-sc-alert]", "aria-live") == "assertive"
    page.click("[data-sc-continue]")
    # The next step is applied in the task after the click's.
    page.wait_for_selector("#sc-q-self_harm-title", state="visible", timeout=2000)  # the person may carry on


@pytest.mark.parametrize("blocked", ["**/pyodide/314.0.7/python_stdlib-*.zip", "**/assets/selfcheck/engine/*.whl"])
def test_when_the_engine_cannot_start_the_page_says_so_and_keeps_the_questions(page, site_server, blocked):
    page.route(blocked, lambda route: route.fulfill(status=404, body="not here"))
    open_self_check(page, site_server, wait_ready=False)
    # Without the engine's wheel the runtime loads first, which takes more than 10 s on a busy machine;
    # a refused file fails the start at once, and the reason is checked.
    page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=30000)
    assert "could not start (it could not load)" in page.text_content("[data-sc-status]")
    answer_self_check(page, complete_answers())
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert "could not work out a result" in page.text_content("[data-sc-result-title]")
    assert "Your answers" in page.text_content("[data-sc-result]")


def test_without_webassembly_the_page_says_so_within_seconds(page, site_server):
    page.add_init_script("delete globalThis.WebAssembly")
    open_self_check(page, site_server, wait_ready=False)
    page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=5000)
    assert "does not run WebAssembly" in page.text_content("[data-sc-status]")
    assert page.is_visible("#sc-q-danger_now-title")


SCENARIOS = {
    "urgent-help": dict(recent_attempt="yes"),
    "under-18": dict(age="under_18"),
    "not-advised": dict(main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more",
                        vascular="yes", sedatives=["opioid_treatment"]),
    "review-first": dict(main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more",
                         sedatives=["benzodiazepines", "opioids"]),
    "other-steps-first": dict(main_concern="depression", diagnosed="yes", antidepressants_tried="none"),
    "worth-discussing": dict(main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more",
                             stimulants_maoi=["lamotrigine"]),
}


@pytest.mark.parametrize("tier", list(SCENARIOS))
def test_keyboard_only_scenario_gives_the_same_tier_as_the_command_line(page, site_server, tier, tmp_path):
    answers = complete_answers(**SCENARIOS[tier])
    assert cli_tier(answers, tmp_path) == tier
    # The page lets people answer while the engine starts (answers given before it is ready have their
    # own test): the keys are pressed meanwhile, and the answers are sent once it is ready.
    open_self_check(page, site_server, wait_ready=False)
    answer_with_keyboard(page, answers)
    wait_for_engine(page)
    tab_until(page, "[data-sc-submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert page.get_attribute("[data-sc-result]", "data-tier") == tier
    # Focus moves to the result's heading right after the frame that shows it. (A function, not an
    # expression: Playwright evaluates an expression with eval at every poll, which the page's
    # Content-Security-Policy refuses, so the wait failed whenever the first check came too early.)
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'sc-result-title'",
                           timeout=5000)
    if tier == "urgent-help":
        assert page.is_visible("[data-sc-crisis]")
    help_kind = {"urgent-help": "crisis", "under-18": "youth"}.get(tier)
    assert page.locator("[data-sc-result-body] .sc-help").count() == (1 if help_kind else 0)


def rect(page, selector):
    return page.evaluate("(s) => { const r = document.querySelector(s).getBoundingClientRect(); "
                         "return {top: r.top, bottom: r.bottom, height: r.height}; }", selector)


def call_buttons(page, within):
    return page.evaluate("""(within) => [...document.querySelectorAll(`${within} a.sc-call`)].map((a) => {
        const r = a.getBoundingClientRect();
        return {href: a.getAttribute("href"), top: r.top, bottom: r.bottom, height: r.height, width: r.width};
    })""", within)


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
        page.wait_for_function("(id) => document.activeElement && document.activeElement.id === id",
                               arg=title[1:], timeout=5000)
        bar, heading = rect(page, "[data-sc-crisis-bar]"), rect(page, title)
        assert 0 < bar["top"] and bar["bottom"] <= 844 + 0.5, f"the crisis bar is on screen at {question['id']}"
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
    assert "antidepressant" not in review, "a follow-up that no longer applies is dropped"


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


def test_the_printable_summary_holds_the_answers_and_the_result(page, site_server):
    open_self_check(page, site_server, wait_ready=False)
    answer_self_check(page, complete_answers(vascular="yes"))  # while the engine starts, as the page allows
    wait_for_engine(page)
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    page.emulate_media(media="print")
    assert page.is_visible("[data-sc-result-title]")
    assert page.is_visible(".sc-result__answers")
    for hidden in (".sc-result__actions", ".md-header", ".md-sidebar--primary", ".sc-status"):
        assert page.is_hidden(hidden), hidden
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_without_javascript_every_question_is_a_checklist_with_crisis_help(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_server.origin}/self-check/")
    for question in BANK["questions"]:
        assert page.is_visible(f"#sc-q-{question['id']}-title"), question["id"]
        assert question["why"].split()[0] in page.text_content(f"#sc-q-{question['id']} .sc-why")
    assert page.is_visible("#sc-crisis-title")
    assert page.is_visible(".kit-crisis-banner")
    context.close()


FIRST = BANK["questions"][0]["id"]
SECOND = BANK["questions"][1]["id"]
PAGE_SCRIPT = "**/assets/selfcheck/selfcheck.js"


def visible_parts(page) -> dict:
    return {
        "first question": page.is_visible(f"#sc-q-{FIRST}-title"),
        "second question": page.is_visible(f"#sc-q-{SECOND}-title"),
        "checklist note": page.is_visible("[data-sc-nojs]"),
        "crisis panel": page.is_visible("#sc-crisis-title"),
        "crisis banner": page.is_visible(".kit-crisis-banner"),
    }


def test_while_the_page_script_loads_the_page_already_looks_as_it_will(page, site_server):
    """No flash of the checklist: before the page script has run, the first question shows alone
    (crisis help stays in the banner), and the set-up then changes nothing on screen but the
    Continue button appearing in the room kept for it."""
    held = []
    page.route(PAGE_SCRIPT, lambda route: held.append(route))
    page.goto(f"{site_server.origin}/self-check/", wait_until="commit")
    page.wait_for_selector(f"#sc-q-{FIRST}-why", state="attached")
    assert held, "the page script is held back"
    assert page.evaluate("document.readyState") != "complete"
    assert visible_parts(page) == {"first question": True, "second question": False, "checklist note": False,
                                   "crisis panel": False, "crisis banner": True}
    assert page.is_hidden("[data-sc-continue]")
    nav_before = page.locator("[data-sc-nav]").bounding_box()
    first_before = page.locator(f"#sc-q-{FIRST}").bounding_box()
    held[0].continue_()
    page.wait_for_selector(".sc--enhanced", state="attached")
    page.wait_for_selector("[data-sc-continue]", state="visible")
    assert visible_parts(page) == {"first question": True, "second question": False, "checklist note": False,
                                   "crisis panel": False, "crisis banner": True}
    assert page.locator(f"#sc-q-{FIRST}").bounding_box() == first_before
    assert page.locator("[data-sc-nav]").bounding_box() == nav_before


def test_if_the_page_script_never_arrives_the_checklist_with_crisis_help_comes_back(page, site_server):
    page.route(PAGE_SCRIPT, lambda route: route.abort())
    page.goto(f"{site_server.origin}/self-check/")
    assert visible_parts(page) == {"first question": True, "second question": True, "checklist note": True,
                                   "crisis panel": True, "crisis banner": True}
    for question in BANK["questions"]:
        assert page.is_visible(f"#sc-q-{question['id']}-title"), question["id"]
    assert page.is_hidden("[data-sc-nav]"), "no Continue button that could do nothing"


def test_if_the_set_up_fails_the_checklist_with_crisis_help_comes_back(page, site_server):
    # The page's set-up reads the bank; a bank element that is not JSON makes it throw.
    def unparsable_bank(route):
        response = route.fetch()
        html, tag = response.text(), '<script type="application/json" id="sc-bank">'
        start = html.index(tag) + len(tag)
        route.fulfill(response=response, body=html[:start] + "not json" + html[html.index("</script>", start):])

    page.route("**/self-check/", unparsable_bank)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{site_server.origin}/self-check/")
    page.wait_for_function("() => !document.querySelector('[data-sc-root]').classList.contains('sc--starting')")
    assert errors, "the set-up failed as intended"
    assert visible_parts(page) == {"first question": True, "second question": True, "checklist note": True,
                                   "crisis panel": True, "crisis banner": True}


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}],
                         ids=["phone", "desktop"])
def test_nothing_on_the_page_moves_while_it_loads_and_sets_up(browser, site_server, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{site_server.origin}/self-check/")
    page.wait_for_selector("[data-sc-continue]", state="visible")
    page.wait_for_timeout(500)  # the status line changes once the engine starts
    shifts = page.evaluate("""() => new Promise((resolve) => {
        new PerformanceObserver((list, observer) => { observer.disconnect(); resolve(list.getEntries()); })
          .observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve([]), 500);
      }).then((entries) => entries.map((entry) => ({ value: entry.value,
        moved: entry.sources.map((source) => source.node ? source.node.id || source.node.className : "?") })))""")
    context.close()
    assert sum(shift["value"] for shift in shifts) < 0.001, shifts


TAMPERED = [
    ({"danger_now": "<img src=x onerror=alert(1)>"}, "has no option"),
    ({"not_a_question": "yes"}, "unknown question"),
    ({"sedatives": "none"}, "takes a list"),
    ([1, 2, 3], "answers must be an object"),
    ("not json at all", "not valid JSON"),
    ({"danger_now": "no"}, "these questions have no answer"),
]


def test_tampered_answers_posted_to_the_worker_get_a_clear_error_never_a_crash(page, site_server):
    """Answers sent straight to the worker, bypassing the page, are checked by the engine."""
    open_self_check(page, site_server, wait_ready=False)
    replies = page.evaluate("""async (cases) => {
        const root = document.querySelector("[data-sc-root]");
        const base = new URL("../", location.href);
        const worker = new Worker(new URL("assets/selfcheck/worker.mjs", base), {type: "module"});
        const next = () => new Promise((resolve) => worker.addEventListener("message", function on(e) {
            if (e.data.type === "ready" || e.data.type === "failed" || e.data.type === "result") {
                worker.removeEventListener("message", on); resolve(e.data);
            }
        }));
        worker.postMessage({type: "start", runtimeURL: new URL(root.dataset.runtime, base).href,
            stdlibURL: new URL(root.dataset.stdlib, base).href,
            lockURL: new URL(root.dataset.engineLock, base).href, packageName: root.dataset.enginePackage,
            bank: document.getElementById("sc-bank").textContent});
        const started = await next();
        const out = [started];
        for (const [i, answers] of cases.entries()) {
            worker.postMessage({type: "evaluate", id: i,
                answers: typeof answers === "string" ? answers : JSON.stringify(answers)});
            out.push(await next());
        }
        worker.postMessage({type: "evaluate", id: 99, answers: 42});
        out.push(await next());
        worker.terminate();
        return out;
    }""", [answers for answers, _ in TAMPERED])
    assert replies[0]["type"] == "ready"
    for reply, (_, expected) in zip(replies[1:], TAMPERED, strict=False):
        assert reply["type"] == "result" and reply["ok"] is False
        assert expected in reply["error"], reply
    assert replies[-1]["ok"] is False and "answers must be an object" in replies[-1]["error"]


def focus_stops_in(page, section: str = "[data-sc-result]", limit: int = 300) -> list[str]:
    """Press Tab through the whole page once; the elements inside `section` that got focus."""
    page.evaluate("window.__tabSeen = new WeakSet()")
    inside = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        again, within, html = page.evaluate("""(section) => {
            const active = document.activeElement;
            const again = window.__tabSeen.has(active);
            window.__tabSeen.add(active);
            return [again, !!active.closest(section), active.outerHTML.slice(0, 80)];
        }""", section)
        if again:
            return inside
        if within:
            inside.append(html)
    raise AssertionError(f"Tab did not come round the page in {limit} presses")


def test_the_result_laid_out_in_advance_is_unseen_and_out_of_reach_until_asked_for(page, site_server):
    """While "Check your answers" shows, the result is built and laid out in advance: it must take
    no space, show nothing, stay out of the accessibility tree and never take keyboard focus."""
    open_self_check(page, site_server)
    answer_self_check(page, complete_answers())
    page.wait_for_selector("[data-sc-result].sc-result--staged .sc-result__answers", state="attached")
    title = page.text_content("[data-sc-result-title]")
    assert title, "the result was built in advance"
    assert page.evaluate("document.querySelector('[data-sc-result]').getBoundingClientRect().height") == 0
    # Nothing of it is painted: where it is, and below (where it would spill over), the screen looks
    # the same with all of it made invisible.
    page.evaluate("document.querySelector('[data-sc-result]').scrollIntoView({ block: 'center' })")
    page.wait_for_timeout(300)  # the theme's own scroll handlers
    staged = page.screenshot(animations="disabled")
    page.evaluate("document.querySelector('[data-sc-result]').style.setProperty('visibility', 'hidden', 'important')")
    unchanged = page.screenshot(animations="disabled") == staged  # (not in the assert: no diff of two images)
    page.evaluate("document.querySelector('[data-sc-result]').style.removeProperty('visibility')")
    assert unchanged, "something of the result laid out in advance shows"
    tree = page.locator("body").aria_snapshot()
    assert "Check your answers" in tree and title not in tree
    assert focus_stops_in(page) == []

    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert page.is_visible("[data-sc-result-title]")
    assert title in page.locator("body").aria_snapshot(), "once shown, it is in the accessibility tree"
    assert focus_stops_in(page), "once shown, its links and buttons take focus"


def test_check_your_answers_laid_out_in_advance_is_unseen_and_out_of_reach_until_reached(page, site_server):
    """While the questions are answered, "Check your answers" is kept up to date and laid out in
    advance: it must take no space, show nothing, stay out of the accessibility tree and never take
    keyboard focus; once reached, it shows every answer given, including the last."""
    open_self_check(page, site_server)
    answers = complete_answers()
    order = in_page_order(answers)
    for question, options in order[:3]:
        for option in options:
            page.check(f"#sc-{question['id']}-{option}")
        page.click("[data-sc-continue]")
    # Rows are kept for the questions up to the one on screen (the 4th).
    page.wait_for_function("() => document.querySelectorAll('[data-sc-review].sc-review--staged dt').length === 4")
    section = "[data-sc-review]"
    assert page.evaluate(f"document.querySelector('{section}').getBoundingClientRect().height") == 0
    assert not page.is_visible("#sc-review-title")
    assert "Check your answers" not in page.locator("body").aria_snapshot()
    assert focus_stops_in(page, section) == []

    for question, options in order[3:]:
        for option in options:
            page.check(f"#sc-{question['id']}-{option}")
        page.click("[data-sc-continue]")
    page.wait_for_selector(f"{section}:not([hidden])")
    assert page.is_visible("#sc-review-title")
    rows = page.locator(f"{section} dt").all_text_contents()
    assert rows == [question["text"] for question, _ in order]
    last, last_options = order[-1]
    labels = {option["id"]: option["label"] for option in last["options"]}
    assert page.locator(f"{section} dd").last.text_content().startswith(", ".join(labels[o] for o in last_options))
    assert "Check your answers" in page.locator("body").aria_snapshot()
    assert len(focus_stops_in(page, section)) == len(order) + 1, "every Change button and See my result"


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
