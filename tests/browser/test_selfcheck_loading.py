"""How the self-check page sets up: it looks as it will before its script runs, nothing moves while it
sets up, and the result and "Check your answers", laid out in advance, stay unseen and out of reach
until shown."""

import pytest

from devkit.answers import complete_answers, in_page_order

from .helpers import (
    FIRST,
    PAGE_SCRIPT,
    open_self_check,
    visible_parts,
)


def test_while_the_page_script_loads_the_page_already_looks_as_it_will(page, site_server):
    """No flash of the checklist: before the page script has run, the first question shows alone
    (crisis help stays in the banner), and the set-up then changes nothing on screen but the
    Continue button appearing in the room kept for it."""
    held = []
    # Playwright marks each handler with an attribute, which a built-in method cannot take.
    page.route(PAGE_SCRIPT, lambda route: held.append(route))  # noqa: PLW0108
    page.goto(f"{site_server.origin}/self-check/", wait_until="commit")
    page.wait_for_selector(f"#sc-q-{FIRST}-why", state="attached")
    assert held, "the page script is held back"
    assert page.evaluate("document.readyState") != "complete"
    assert visible_parts(page) == {
        "first question": True,
        "second question": False,
        "checklist note": False,
        "crisis panel": False,
        "crisis banner": True,
    }
    assert page.is_hidden("[data-sc-continue]")
    nav_before = page.locator("[data-sc-nav]").bounding_box()
    first_before = page.locator(f"#sc-q-{FIRST}").bounding_box()
    held[0].continue_()
    page.wait_for_selector(".sc--enhanced", state="attached")
    page.wait_for_selector("[data-sc-continue]", state="visible")
    assert visible_parts(page) == {
        "first question": True,
        "second question": False,
        "checklist note": False,
        "crisis panel": False,
        "crisis banner": True,
    }
    assert page.locator(f"#sc-q-{FIRST}").bounding_box() == first_before
    assert page.locator("[data-sc-nav]").bounding_box() == nav_before


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}], ids=["phone", "desktop"]
)
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


def focus_stops_in(page, section: str = "[data-sc-result]", limit: int = 300) -> list[str]:
    """Press Tab through the whole page once; the elements inside `section` that got focus."""
    page.evaluate("window.__tabSeen = new WeakSet()")
    inside = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        again, within, html = page.evaluate(
            """(section) => {
            const active = document.activeElement;
            const again = window.__tabSeen.has(active);
            window.__tabSeen.add(active);
            return [again, !!active.closest(section), active.outerHTML.slice(0, 80)];
        }""",
            section,
        )
        if again:
            return inside
        if within:
            inside.append(html)
    raise AssertionError(f"Tab did not come round the page in {limit} presses")


def paints_nothing(page, selector: str) -> bool:
    """Whether nothing of `selector` is painted: where it is, and below (where it would spill over),
    the screen looks the same with all of it made invisible. The page is left scrolled to it."""
    page.evaluate("(s) => document.querySelector(s).scrollIntoView({ block: 'center' })", selector)
    page.wait_for_timeout(300)  # the theme's own scroll handlers
    before = page.screenshot(animations="disabled")
    page.evaluate("(s) => document.querySelector(s).style.setProperty('visibility', 'hidden', 'important')", selector)
    unchanged = page.screenshot(animations="disabled") == before  # (not in an assert: no diff of two images)
    page.evaluate("(s) => document.querySelector(s).style.removeProperty('visibility')", selector)
    return unchanged


def check_your_answers_laid_out_in_advance_is_unseen_and_out_of_reach_until_reached(page, answers):
    """While the questions are answered, "Check your answers" is kept up to date and laid out in
    advance: it must take no space, show nothing, stay out of the accessibility tree and never take
    keyboard focus; once reached, it shows every answer given, including the last."""
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
    assert paints_nothing(page, section), "something of Check your answers laid out in advance shows"

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


def the_result_laid_out_in_advance_is_unseen_and_out_of_reach_until_asked_for(page):
    """While "Check your answers" shows, the result is built and laid out in advance: it must take
    no space, show nothing, stay out of the accessibility tree and never take keyboard focus."""
    page.wait_for_selector("[data-sc-result].sc-result--staged .sc-result__answers", state="attached")
    title = page.text_content("[data-sc-result-title]")
    assert title, "the result was built in advance"
    assert page.evaluate("document.querySelector('[data-sc-result]').getBoundingClientRect().height") == 0
    assert paints_nothing(page, "[data-sc-result]"), "something of the result laid out in advance shows"
    tree = page.locator("body").aria_snapshot()
    assert "Check your answers" in tree and title not in tree
    assert focus_stops_in(page) == []

    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert page.is_visible("[data-sc-result-title]")
    assert title in page.locator("body").aria_snapshot(), "once shown, it is in the accessibility tree"
    assert focus_stops_in(page), "once shown, its links and buttons take focus"


def test_check_your_answers_and_the_result_laid_out_in_advance_are_unseen_and_out_of_reach(page, site_server):
    """ "Check your answers" while the questions are answered, then the result while it shows, in one
    page: each is laid out in advance and kept out of sight and reach until it is reached."""
    open_self_check(page, site_server)
    check_your_answers_laid_out_in_advance_is_unseen_and_out_of_reach_until_reached(page, complete_answers())
    the_result_laid_out_in_advance_is_unseen_and_out_of_reach_until_asked_for(page)
