"""What a page load on a phone makes the browser restyle, in Chromium. The theme styles tables by
`table:not([class])`, so a change to any element's class attribute restyles everything inside that
element: on the root or the body, the whole page. So no class on either changes once the page has
been drawn (overrides/main.html sets the root's classes before), and the page script marks the
body with an attribute. The phone's closed navigation drawer is not drawn (kit.css): its links take
no focus while it is off screen, and the menu button opens it from the keyboard."""

import pytest

from .helpers import FIRST, PHONE, in_page_js, open_self_check, tab_until
from .palette import at_rest
from .test_accessibility import axe_violations

FOCUS_STATE = in_page_js("focus-state")

# Every value the root's and the body's class attribute had, from before the page's own first
# script, in order (the theme's script sets the same value again, which is no change).
WATCH_CLASSES = """
window.__classes = { HTML: [], BODY: [] };
new MutationObserver((records) => {
  for (const record of records) {
    if (!("bodyAtFirst" in window.__classes)) window.__classes.bodyAtFirst = Boolean(document.body);
    const list = window.__classes[record.target.tagName];
    if (list && record.attributeName === "class") list.push(record.oldValue);
  }
}).observe(document, { attributes: true, attributeOldValue: true, subtree: true, attributeFilter: ["class"] });
"""

CLASS_VALUES = """() => {
  const values = (list, now) => [...list, now].filter((value, i, all) => i === 0 || value !== all[i - 1]);
  return {
    html: values(window.__classes.HTML, document.documentElement.getAttribute("class")),
    body: values(window.__classes.BODY, document.body.getAttribute("class")),
  };
}"""


def test_no_class_on_the_root_or_the_body_changes_after_the_page_is_drawn(browser, site_server):
    context = browser.new_context(**PHONE)
    context.add_init_script(WATCH_CLASSES)
    page = context.new_page()
    try:
        open_self_check(page, site_server)
        page.wait_for_selector(".sc--enhanced", state="attached")
        page.locator(f"[data-question='{FIRST}'] input").first.check()
        page.get_by_role("button", name="Continue").click()
        page.wait_for_function(f"() => !document.querySelector(\"[data-question='{FIRST}']\").checkVisibility()")
        values = page.evaluate(CLASS_VALUES)
        # The root's one change is the script in the page's head, before the body exists.
        assert page.evaluate("window.__classes.bodyAtFirst") is False
        assert values["html"] == ["no-js", "js js-focus-visible"], (
            f"the root's class changed after the page was drawn: {values['html']}; if the theme's script"
            " now sets another class as it starts, set it in overrides/main.html too"
        )
        assert values["body"] == [None], f"the body's class changed: {values['body']}"
        assert page.evaluate("() => 'scStepping' in document.body.dataset")
    finally:
        context.close()


DRAWER = """() => {
  const title = document.querySelector(".md-sidebar--primary .md-nav__title");
  const button = document.querySelector(".kit-menu-button");
  return {
    open: document.getElementById("__drawer").checked,
    expanded: button.getAttribute("aria-expanded"),
    drawn: title.checkVisibility(),
    focus: document.activeElement === button ? "button"
      : document.activeElement.closest(".md-sidebar--primary") ? "drawer" : "elsewhere",
  };
}"""

# Escape, and what shows in the same task: the drawer has only just started to slide shut.
ESCAPE_NOW = (
    "() => { document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));"
    f" return ({DRAWER})(); }}"
)


@pytest.mark.parametrize(("path", "name"), [("/risks-and-side-effects/", "Navigation"), ("/es/", "Navegación")])
def test_the_closed_drawer_on_a_phone_is_not_drawn_and_the_keyboard_opens_and_closes_it(
    browser, site_server, axe_url, path, name
):
    context = browser.new_context(**PHONE, bypass_csp=True)  # axe is added to the page
    page = context.new_page()
    try:
        page.goto(site_server.origin + path)
        assert page.evaluate(DRAWER) == {"open": False, "expanded": "false", "drawn": False, "focus": "elsewhere"}
        # Its links take no focus while it is off screen; Tab reaches the menu button, which names it.
        page.evaluate("() => document.querySelector('.md-sidebar--primary a[href]').focus()")
        assert page.evaluate(DRAWER)["focus"] == "elsewhere"
        tab_until(page, ".kit-menu-button", limit=30)
        assert page.evaluate(FOCUS_STATE)["visible"], "no focus to see on the menu button"
        assert page.get_by_role("button", name=name, exact=True).count() == 1
        page.keyboard.press("Enter")
        assert page.evaluate(DRAWER) == {"open": True, "expanded": "true", "drawn": True, "focus": "drawer"}
        # Once it has slid open, the link with focus is the one on top there, not one under a panel.
        at_rest(page)
        assert page.evaluate("""() => { const a = document.activeElement, box = a.getBoundingClientRect();
            return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.closest("a") === a; }""")
        assert axe_violations(page, axe_url) == []
        # Escape closes it and focus goes back to the button; it stays drawn while it slides shut.
        assert page.evaluate(ESCAPE_NOW) == {
            "open": False,
            "expanded": "false",
            "drawn": True,
            "focus": "button",
        }
        page.wait_for_function("() => !document.querySelector('.md-sidebar--primary .md-nav__title').checkVisibility()")
        # Enter and Space on the button each open and close it; a tap opens it without moving focus.
        for key in ["Enter", "Enter", "Space", "Space"]:
            before = page.evaluate(DRAWER)["open"]
            page.keyboard.press(key)
            assert page.evaluate(DRAWER)["open"] is not before, f"{key} did not toggle the drawer"
            page.evaluate("() => document.querySelector('.kit-menu-button').focus()")
        page.locator(".kit-menu-button").tap()
        tapped = page.evaluate(DRAWER)
        assert (tapped["open"], tapped["expanded"], tapped["focus"]) == (True, "true", "button")
    finally:
        context.close()
