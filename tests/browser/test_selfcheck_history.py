"""The self-check and the browser's history: each step is an entry, so Back and Forward move between
steps (the page's own Back button too, adding no entry), Back from the first step leaves the page,
and "Read more" then Back shows the result again while the page is still live (in the back/forward
cache). An entry holds no answer, nothing is stored, and a page that was unloaded starts afresh: the
browser never puts earlier answers back into the form."""

import json
import re

import pytest

from devkit.answers import complete_answers, in_page_order
from devkit.browser import answer_self_check, wait_for_engine

from .helpers import storage_snapshot

ANSWERS = complete_answers(main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more")
ORDER = in_page_order(ANSWERS)
CHECKED = "() => document.querySelectorAll('[data-sc-root] input:checked').length"
READ_MORE = "[data-sc-result-body] a:has-text('Read more')"


def shows(page, title_id):
    page.wait_for_selector(f"#{title_id}", state="visible")
    page.wait_for_function("(id) => document.activeElement && document.activeElement.id === id", arg=title_id)


def title(question):
    return f"sc-q-{question['id']}-title"


def assert_nothing_kept(page, context):
    """No cookie, nothing in sessionStorage or IndexedDB, only the theme's own keys in localStorage, and
    the history entry holds a step number and the page's token only, never an answer or a question."""
    assert context.cookies() == []
    stored = storage_snapshot(page)
    assert stored["session"] == {} and stored["indexedDB"] == []
    assert all(key.endswith(("__palette", "__consent", "__tabs", "__search", "__expand")) for key in stored["local"])
    state = page.evaluate("() => history.state")
    if state is not None:
        assert set(state) == {"selfCheck"} and set(state["selfCheck"]) == {"page", "step", "entry"}, state
        assert isinstance(state["selfCheck"]["step"], int) and isinstance(state["selfCheck"]["entry"], int)
    text = json.dumps([stored, state])
    for question, _ in ORDER:
        assert not re.search(rf"\b{re.escape(question['id'])}\b", text), question["id"]


def to_the_third_question(page):
    """From the first question, answered and Continue twice."""
    (first, first_options), (second, second_options), (third, _) = ORDER[:3]
    page.check(f"#sc-{first['id']}-{first_options[0]}")
    page.click("[data-sc-continue]")
    shows(page, title(second))
    page.check(f"#sc-{second['id']}-{second_options[0]}")
    page.click("[data-sc-continue]")
    shows(page, title(third))


def finish(page):
    answer_self_check(page, ANSWERS)
    wait_for_engine(page)
    page.click("[data-sc-submit]")
    shows(page, "sc-result-title")


def test_back_and_forward_move_between_steps_and_an_unloaded_page_starts_afresh(page, context, site_server):
    # Playwright's Chromium keeps no page in the back/forward cache: a page left is unloaded.
    page.goto(f"{site_server.origin}/")
    page.goto(f"{site_server.origin}/self-check/")
    (first, _), (second, second_options), (third, _) = ORDER[:3]
    to_the_third_question(page)
    assert_nothing_kept(page, context)
    # The page's own Back is the browser's: no entry is added, and Forward leads on again.
    entries = page.evaluate("() => history.length")
    page.click("[data-sc-back]")
    shows(page, title(second))
    assert page.evaluate("() => history.length") == entries, "in-page Back adds no history entry"
    page.go_forward()
    shows(page, title(third))
    page.go_back()
    shows(page, title(second))
    assert page.is_hidden(f"#{title(third)}")
    assert page.is_checked(f"#sc-{second['id']}-{second_options[0]}"), "the answer is kept"
    page.go_back()
    shows(page, title(first))
    assert page.is_hidden("[data-sc-back]")
    page.go_forward()
    shows(page, title(second))
    page.go_back()
    shows(page, title(first))
    page.go_back()
    assert page.url == f"{site_server.origin}/", "Back from the first step leaves the page"
    page.go_forward()
    page.wait_for_selector(".sc--enhanced", state="attached")
    shows_first = page.is_visible(f"#{title(first)}") and page.is_hidden(f"#{title(second)}")
    assert shows_first and page.evaluate(CHECKED) == 0, "no earlier answer is put back"
    # A step of the page before it was unloaded starts afresh too.
    page.go_forward()
    page.wait_for_selector(f"#{title(first)}", state="visible")
    assert page.is_hidden(f"#{title(second)}") and page.evaluate(CHECKED) == 0
    # "Read more" from the result, then Back: the page was unloaded, so it starts afresh.
    finish(page)
    page.click(f"{READ_MORE} >> nth=0")
    page.wait_for_url("**/conditions/**")
    page.go_back()
    page.wait_for_selector(".sc--enhanced", state="attached")
    assert page.evaluate(CHECKED) == 0 and page.is_hidden("[data-sc-result]") and page.is_visible(f"#{title(first)}")
    assert_nothing_kept(page, context)


def test_in_page_back_when_tapped_twice_after_change_and_after_a_link(page, site_server):
    """The page's own Back: two presses before the browser has moved go back one step, not off the
    page; after Change from the review it adds one entry (the browser's Back then returns to the
    changed question); after a link to a part of the page it still goes back one question at a press."""
    first, second, third = (question for question, _ in ORDER[:3])
    page.goto(f"{site_server.origin}/self-check/")
    to_the_third_question(page)
    page.evaluate("() => { const back = document.querySelector('[data-sc-back]'); back.click(); back.click(); }")
    shows(page, title(second))
    page.wait_for_timeout(300)  # a second history.back() would have landed by now
    assert page.is_visible(f"#{title(second)}") and page.url.startswith(f"{site_server.origin}/self-check/")

    page.goto(f"{site_server.origin}/self-check/")
    answer_self_check(page, ANSWERS)
    page.locator("[data-sc-review-list] .sc-review__row").nth(2).locator("button").click()
    shows(page, title(third))
    entries = page.evaluate("() => history.length")
    page.click("[data-sc-back]")
    shows(page, title(second))
    assert page.evaluate("() => history.length") == entries + 1, "one entry for the question shown"
    page.go_back()
    shows(page, title(third))
    # A link to a part of the page adds an entry of the browser's own; Back still takes one press.
    page.click("[data-sc-back]")
    shows(page, title(second))
    page.evaluate("() => { location.hash = 'sc-questions'; }")
    page.click("[data-sc-back]")
    shows(page, title(first))


def test_a_reload_puts_no_answer_back(page, context, site_server):
    page.goto(f"{site_server.origin}/self-check/")
    answer_self_check(page, ANSWERS)
    assert page.evaluate(CHECKED) > 5
    page.reload()
    page.wait_for_selector(".sc--enhanced", state="attached")
    assert page.evaluate(CHECKED) == 0
    assert page.is_visible(f"#{title(ORDER[0][0])}") and page.is_hidden("[data-sc-review]")
    assert_nothing_kept(page, context)


@pytest.fixture
def cached_page(browser_type, browser_type_launch_args):
    """A page in a Chromium that keeps pages in the back/forward cache, as browsers do by default."""
    browser = browser_type.launch(**browser_type_launch_args, ignore_default_args=["--disable-back-forward-cache"])
    context = browser.new_context()
    yield context.new_page(), context
    browser.close()


def test_read_more_then_back_shows_the_result_again_while_the_page_is_live(cached_page, site_server):
    page, context = cached_page
    page.goto(f"{site_server.origin}/self-check/")
    finish(page)
    tier = page.get_attribute("[data-sc-result]", "data-tier")
    page.evaluate("() => { window.stillLive = true; }")
    page.click(f"{READ_MORE} >> nth=0")
    page.wait_for_url("**/conditions/**")
    page.go_back(wait_until="commit")
    page.wait_for_function("() => window.stillLive === true", timeout=10_000)  # the same live document
    page.wait_for_selector("[data-sc-result-title]", state="visible")
    assert page.get_attribute("[data-sc-result]", "data-tier") == tier
    page.go_back(wait_until="commit")
    shows(page, "sc-review-title")
    page.go_forward(wait_until="commit")
    shows(page, "sc-result-title")
    assert_nothing_kept(page, context)
