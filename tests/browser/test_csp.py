"""The Content-Security-Policy header the site ships, in Chromium: the self-check works under it, it
blocks an injected script, and without 'wasm-unsafe-eval' the engine fails visibly. (Every page is
checked for violations by the privacy audit, tests/browser/test_privacy.py.)"""

from devkit.answers import complete_answers
from devkit.browser import answer_self_check, wait_for_engine
from sitekit.headers import read_headers_file
from sitekit.serve import SiteServer

from .helpers import in_page_js

RECORD_VIOLATIONS = in_page_js("record-csp-violations")


def test_the_self_check_works_under_the_policy_header(page, csp_server):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(csp_server.origin + "/self-check/")
    answer_self_check(page, complete_answers(liver="yes"))  # while the engine starts, as the page allows
    wait_for_engine(page)
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
    page.wait_for_function("() => window.__cspViolations.length >= 2")
    violations = page.evaluate("window.__cspViolations")
    assert any("tracker.invalid" in v for v in violations)
    assert any(v.startswith("script-src") and "inline" in v for v in violations)
    assert page.evaluate("window.__injected === undefined")
    assert failures.get("https://tracker.invalid/pixel.js") in ("csp", "net::ERR_BLOCKED_BY_CSP"), failures


def test_without_wasm_unsafe_eval_in_the_header_the_engine_fails_visibly(page, built_site):
    """Negative case for the worker's policy: a header without 'wasm-unsafe-eval' stops Pyodide, and
    the page says so quickly (the worker probes WebAssembly before loading the runtime)."""
    headers = read_headers_file(built_site)["/*"]
    headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(" 'wasm-unsafe-eval'", "")
    with SiteServer(built_site, headers=headers) as server:
        page.goto(server.origin + "/self-check/")
        page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=10000)
        assert "block WebAssembly" in page.text_content("[data-sc-status]")
