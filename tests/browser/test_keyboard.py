"""Keyboard use in Chromium: Tab reaches every control, in document order, with visible focus (and a
control Tab cannot reach is caught)."""

import pytest

from devkit.browser import wait_for_engine

from .helpers import in_page_js

TAG_FOCUSABLES = in_page_js("tag-focusables")
FOCUS_STATE = in_page_js("focus-state")


def tab_through(page, limit):
    reached, unseen = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STATE)
        if focus["tag"] == "BODY" or focus["again"]:
            break
        reached.append(focus["label"])
        if not focus["visible"]:
            unseen.append(focus["label"])
    return reached, unseen


# The Spanish self-check too: its header has the language link, its result the Spanish lines.
@pytest.mark.parametrize("path", ["/", "/self-check/", "/risks-and-side-effects/", "/es/self-check/"])
def test_keyboard_reaches_every_control_in_order_with_visible_focus(page, site_server, path):
    page.goto(site_server.origin + path)
    if path.endswith("/self-check/"):
        wait_for_engine(page)
    expected = page.evaluate(TAG_FOCUSABLES)
    reached, unseen = tab_through(page, len(expected) + 20)
    missing = [label for label in expected if label not in reached]
    assert not missing, f"not reachable by Tab: {missing}"
    assert not unseen, f"focus not visible on: {unseen}"
    # In document order, so the order follows the page; the crisis lines come first after "Skip".
    assert [label for label in reached if label in expected] == [label for label in expected if label in reached]
    skip = "Saltar a contenido" if path.startswith("/es/") else "Skip to content"
    assert skip in reached[0] and "988" in reached[1]


def test_the_keyboard_gate_notices_an_unreachable_control(page, site_server):
    """Negative case: a control that Tab cannot reach is reported as missing."""
    page.goto(site_server.origin + "/")
    page.evaluate("""() => { const b = document.createElement("button"); b.textContent = "Hidden from Tab";
        document.querySelector("article").append(b); }""")
    expected = page.evaluate(TAG_FOCUSABLES)
    page.evaluate("() => { document.querySelector('article button:last-of-type').tabIndex = -1; }")
    reached, _ = tab_through(page, len(expected) + 20)
    missing = [label for label in expected if label not in reached]
    assert missing == [label for label in expected if "Hidden from Tab" in label]
