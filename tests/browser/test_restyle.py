"""What a page load on a phone makes the browser restyle, in Chromium. The theme styles tables by
`table:not([class])`, so a change to any element's class attribute restyles everything inside that
element: on the root or the body, the whole page. So no class on either changes once the page has
been drawn (overrides/main.html sets the root's classes before), and the page script marks the
body with an attribute. The phone's closed navigation drawer is not drawn (kit.css): its links take
no focus while it is off screen, and the menu button opens it from the keyboard."""

from .helpers import FIRST, open_self_check

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

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
  const link = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
  const button = document.querySelector("label.md-header__button[for='__drawer']");
  return {
    open: document.getElementById("__drawer").checked,
    expanded: button.getAttribute("aria-expanded"),
    drawn: link.checkVisibility(),
    focus: document.activeElement === button ? "button"
      : document.activeElement.closest(".md-sidebar--primary") ? "drawer" : "elsewhere",
  };
}"""


def test_the_closed_drawer_on_a_phone_is_not_drawn_and_the_keyboard_opens_and_closes_it(browser, site_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(site_server.origin + "/risks-and-side-effects/")
        closed = page.evaluate(DRAWER)
        assert (closed["open"], closed["expanded"], closed["drawn"]) == (False, "false", False)
        # Its links take no focus while it is off screen; Tab reaches the menu button, which names it.
        page.evaluate("() => document.querySelector('.md-sidebar--primary .md-nav__link[href]').focus()")
        assert page.evaluate(DRAWER)["focus"] == "elsewhere"
        for _ in range(8):
            page.keyboard.press("Tab")
            if page.evaluate(DRAWER)["focus"] == "button":
                break
        button = page.locator("label.md-header__button[for='__drawer']")
        assert page.evaluate(DRAWER)["focus"] == "button", "Tab did not reach the menu button"
        assert (button.get_attribute("role"), button.get_attribute("aria-label")) == ("button", "Navigation")
        page.keyboard.press("Enter")
        assert page.evaluate(DRAWER) == {"open": True, "expanded": "true", "drawn": True, "focus": "drawer"}
        # Escape closes it, and focus goes back to the button; it stays drawn while it slides shut.
        page.keyboard.press("Escape")
        closing = page.evaluate(DRAWER)
        assert closing == {"open": False, "expanded": "false", "drawn": True, "focus": "button"}
        page.wait_for_function(
            "() => !document.querySelector('.md-sidebar--primary .md-nav__link[href]').checkVisibility()"
        )
        page.keyboard.press("Space")
        assert page.evaluate(DRAWER)["open"] is True
    finally:
        context.close()
