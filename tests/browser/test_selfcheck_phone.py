"""The self-check on a phone (390 x 844, touch), in the light and the dark palette: nothing floats over
a step's heading (Material's "Back to top" button appears when the page scrolls up, as it does after
Continue and on the result), every answer is a target at least 44 px tall, and the secondary text
(hints, "Why we ask this", sources) is at least 16 px, all measured in the page. A Start button in the
first screen leads to the first question, and each question says "Question n of about N"."""

import re

import yaml

from devkit.answers import complete_answers, in_page_order
from devkit.browser import wait_for_engine

from .helpers import BANK, PHONE, ROOT, open_self_check
from .palette import palette_of, use_palette

# What floats over the heading: every visible element with a fixed position that intersects it,
# Material's "Back to top" button among them (the sticky header sits above the heading's scroll margin).
COVERING = """(selector) => {
  const heading = document.querySelector(selector).getBoundingClientRect();
  const over = [];
  for (const element of document.querySelectorAll(".md-top, .md-dialog, [data-md-component=top]")) {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!box.width || !box.height || style.visibility === "hidden" || Number(style.opacity) === 0) continue;
    const x = Math.min(box.right, heading.right) - Math.max(box.left, heading.left);
    const y = Math.min(box.bottom, heading.bottom) - Math.max(box.top, heading.top);
    if (x > 0 && y > 0) over.push(element.className);
  }
  return {over, top: heading.top, bottom: heading.bottom};
}"""

# The visible question's answer rows and labels (their heights) and its secondary text (font sizes).
MEASURES = """(id) => {
  const fieldset = document.querySelector(`[data-question="${id}"]`);
  const height = (element) => element.getBoundingClientRect().height;
  const size = (element) => parseFloat(getComputedStyle(element).fontSize);
  const secondary = [...fieldset.querySelectorAll(".sc-hint, .sc-why summary, .sc-why p, .sc-sources")];
  return {
    rows: [...fieldset.querySelectorAll(".sc-option")].map(height),
    labels: [...fieldset.querySelectorAll(".sc-option label")].map(height),
    text: secondary.map((element) => [element.className || element.tagName, size(element)]),
  };
}"""


SCROLL_PAST = (
    "() => { const nav = document.querySelector('[data-sc-nav]');"
    " window.scrollBy(0, nav.getBoundingClientRect().top - 60); }"
)


def settled(page):
    """Two frames and the theme's scroll handling: what shows once the page has stopped moving."""
    page.evaluate(
        "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 250))))"
    )


def focused(page, element_id):
    page.wait_for_function("(id) => document.activeElement && document.activeElement.id === id", arg=element_id)


def walk_to_the_result(page, palette: str) -> None:
    """Answer every step on the phone, checking each heading, row and secondary text, then the result's
    heading, in the palette the page shows."""
    assert palette_of(page) == palette
    answers = complete_answers(
        main_concern="depression",
        diagnosed="yes",
        antidepressants_tried="two_or_more",
        sedatives=["benzodiazepines", "opioids"],
    )
    order = in_page_order(answers)
    hints = 0
    for number, (question, options) in enumerate(order):
        title = f"sc-q-{question['id']}-title"
        if number:
            focused(page, title)
            settled(page)
            cover = page.evaluate(COVERING, f"#{title}")
            assert cover["over"] == [], f"{palette}: {cover['over']} over the heading of {question['id']}"
            assert 0 <= cover["top"] < cover["bottom"] <= 844, f"the heading of {question['id']} is on screen"
        measured = page.evaluate(MEASURES, question["id"])
        assert len(measured["rows"]) == len(question["options"])
        assert min(measured["rows"]) >= 44 and min(measured["labels"]) >= 44, (palette, question["id"], measured)
        assert all(size >= 16 for _, size in measured["text"]), (palette, question["id"], measured["text"])
        hints += any(name == "sc-hint" for name, _ in measured["text"])
        for option in options:
            page.check(f"#sc-{question['id']}-{option}")
        # The person has scrolled on past the heading (to read why we ask), so the next step scrolls the
        # page back up to its heading, which is when the theme shows its button.
        page.evaluate(SCROLL_PAST)
        page.click("[data-sc-continue]")
    assert hints, "some question has a hint, and it was measured"
    page.wait_for_selector("[data-sc-review]:not([hidden])")
    wait_for_engine(page)
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    focused(page, "sc-result-title")
    settled(page)
    cover = page.evaluate(COVERING, "#sc-result-title")
    assert cover["over"] == [], f"{palette}: {cover['over']} over the result's heading"
    assert 0 <= cover["top"] < cover["bottom"] <= 844
    # Scrolling down the result and back up to its heading shows nothing over it either.
    page.evaluate("() => window.scrollBy(0, 900)")
    settled(page)
    page.evaluate("() => document.getElementById('sc-result-title').scrollIntoView({block: 'start'})")
    settled(page)
    assert page.evaluate(COVERING, "#sc-result-title")["over"] == [], f"{palette}: over the result's heading"


def test_on_a_phone_nothing_covers_a_heading_rows_are_44_px_and_secondary_text_16_px(browser, site_server):
    """In the light palette, then, after Start again, in the dark one: switching the open page gives the
    same colours as opening it in that palette (tests/browser/test_accessibility.py), and one page
    starts the engine once for both."""
    context = browser.new_context(**PHONE, color_scheme="light")
    page = context.new_page()
    open_self_check(page, site_server, wait_ready=False)
    walk_to_the_result(page, "light")
    page.click("[data-sc-restart]")
    page.wait_for_selector(f"#sc-q-{BANK['questions'][0]['id']}-title", state="visible")
    use_palette(page, "dark")
    walk_to_the_result(page, "dark")
    context.close()


def progress(page):
    return page.text_content("[data-sc-progress]")


def test_a_start_button_near_the_top_and_question_n_of_about_n_on_each_step(browser, site_server):
    wording = yaml.safe_load((ROOT / "quiz" / "data" / "page-strings.yml").read_text(encoding="utf-8"))["progress"]
    line = re.compile("^" + re.escape(wording).replace(r"\{number\}", r"(\d+)").replace(r"\{total\}", r"(\d+)") + "$")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_self_check(page, site_server, wait_ready=False)
    page.wait_for_selector(".sc--enhanced", state="attached")
    start = page.locator("a.sc-start").bounding_box()
    assert start["y"] + start["height"] <= 844 and start["height"] >= 44, (
        "Start is in the first screen, and a large target"
    )
    assert page.locator("#sc-q-danger_now-title").bounding_box()["y"] > 844, "the first question is further down"
    # The intro says how many questions there are, from the bank, and "not medical advice" once; the
    # page's sources, under every Continue button otherwise, are not on the question screens.
    follow_ups = sum(1 for question in BANK["questions"] if question["show_if"])
    intro = " ".join(page.text_content(".sc-length").split())
    asked = len(BANK["questions"]) - follow_ups
    assert intro.startswith(f"There are {asked} short questions, and up to {follow_ups} more"), intro
    assert said_not_medical_advice(page) == 1
    assert page.is_hidden("#sources")
    page.click("a.sc-start")
    focused(page, f"sc-q-{BANK['questions'][0]['id']}-title")
    header = page.locator(".md-header").bounding_box()
    shown = page.locator("[data-sc-progress]").bounding_box()
    assert shown["y"] >= header["y"] + header["height"] and shown["y"] + shown["height"] <= 844, (
        "the progress line shows"
    )
    assert page.evaluate("() => location.hash") == "", "Start adds no history entry of its own"
    # Answers that leave out follow-ups: the total can only go down, and is exact at the last question.
    answers = complete_answers(main_concern="ptsd")
    order = in_page_order(answers)
    totals = []
    for number, (question, options) in enumerate(order, start=1):
        focused(page, f"sc-q-{question['id']}-title")
        match = line.match(progress(page))
        assert match and int(match[1]) == number, (question["id"], progress(page))
        totals.append(int(match[2]))
        for option in options:
            page.check(f"#sc-{question['id']}-{option}")
        page.click("[data-sc-continue]")
    assert totals[0] == len(BANK["questions"]), "at first, every question may apply"
    assert totals == sorted(totals, reverse=True) and totals[-1] == len(order), totals
    assert len(set(totals)) > 1, "an answer that rules out follow-ups lowers the total"
    page.wait_for_selector("[data-sc-review]:not([hidden])")
    assert page.is_hidden("[data-sc-progress]")
    assert page.is_visible("#sources"), "with the questions done, the page's sources show again"
    wait_for_engine(page)
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert said_not_medical_advice(page) == 2, "once on the intro, once on the result"
    assert "not medical advice" in page.text_content(".sc-result__notice")
    context.close()


def said_not_medical_advice(page) -> int:
    """How often the text on screen (anywhere on the page, scrolled to or not) says it."""
    return page.evaluate("() => document.body.innerText.toLowerCase().split('not medical advice').length - 1")
