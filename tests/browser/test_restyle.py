"""What a page load on a phone makes the browser restyle, in Chromium. The theme styles tables by
`table:not([class])`, so a change to any element's class attribute restyles everything inside that
element: on the root or the body, the whole page. So no class on either changes once the page has
been drawn (overrides/main.html sets the root's classes before), and the page script marks the
body with an attribute. The phone's closed navigation drawer is not drawn (kit.css): its links take
no focus while it is off screen, and do once it is open."""

from .helpers import FIRST, open_self_check

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Every value the root's and the body's class attribute had, from before the page's own first
# script, in order (the theme's script sets the same value again, which is no change).
WATCH_CLASSES = """
window.__classes = { HTML: [], BODY: [] };
new MutationObserver((records) => {
  for (const record of records) {
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
        assert values["html"] == ["no-js", "js js-focus-visible"], (
            f"the root's class changed after the page was drawn: {values['html']}; if the theme's script"
            " now sets another class as it starts, set it in overrides/main.html too"
        )
        assert values["body"] == [None], f"the body's class changed: {values['body']}"
        assert page.evaluate("() => 'scStepping' in document.body.dataset")
    finally:
        context.close()


FOCUS_FIRST_NAV_LINK = """() => {
  const link = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
  link.focus();
  return { focused: document.activeElement === link, drawn: link.checkVisibility() };
}"""


def test_the_closed_drawer_on_a_phone_is_not_drawn_and_its_links_take_focus_once_open(browser, site_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(site_server.origin + "/risks-and-side-effects/")
        assert page.evaluate(FOCUS_FIRST_NAV_LINK) == {"focused": False, "drawn": False}
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_function("() => document.getElementById('__drawer').checked")
        assert page.evaluate(FOCUS_FIRST_NAV_LINK) == {"focused": True, "drawn": True}
        # Closed again, it stays drawn while it slides shut, then is not.
        page.mouse.click(370, 420)  # the overlay beside the open drawer
        page.wait_for_function(
            "() => !document.querySelector('.md-sidebar--primary .md-nav__link[href]').checkVisibility()"
        )
        assert page.evaluate(FOCUS_FIRST_NAV_LINK) == {"focused": False, "drawn": False}
    finally:
        context.close()
