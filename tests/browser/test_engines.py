"""The self-check in each browser engine Debian has: Chromium, Firefox ESR and WebKitGTK (the engine of
Safari), served as a clinic serves it (the built site with the headers of its `_headers` file).

In each engine, with one browser launch and four page loads: one answer set per tier gives the command
line's tier, and a red-flag answer shows crisis help at once; the printout shows the result without
the site's navigation; when the engine cannot start, the answers still give a printable summary. Every
request of those pages and their workers goes through a recording proxy, and every
Content-Security-Policy violation is reported back to the server (devkit/watched.py): none may go
to another origin, and none may be reported. The last test shows, in each engine, that a page which
does either is caught. How the engines are driven: devkit/engines.py."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from devkit.answers import complete_answers, in_page_order
from devkit.browser import answer_self_check, page_function
from devkit.engines import (
    ENGINES,
    EngineDriver,
    answer_in_page,
    engine_page,
    wait_for,
    wait_for_engine,
)
from devkit.proxy import RecordingProxy
from devkit.watched import WatchedSite, describe_report
from sitekit.headers import read_headers_file

from .helpers import BANK, cli_tier

pytestmark = pytest.mark.engines

JS = Path(__file__).resolve().parents[2] / "devkit" / "js"
PRINT_VIEW = page_function(JS / "print-view.js")
SHOWN = page_function(JS / "shown.js")
DRIVER = EngineDriver()
PDF_ENGINES = ("chromium", "firefox")  # WebKitWebDriver cannot print
# Adds a rule at the end of the page's last same-origin style sheet, or removes that last rule again.
SHEET_RULE = """(action, rule) => {
    const sheet = [...document.styleSheets].findLast((s) => s.href && s.href.startsWith(location.origin));
    if (action === "add") return sheet.insertRule(rule, sheet.cssRules.length);
    sheet.deleteRule(sheet.cssRules.length - 1);
    return null;
}"""
RESULT_SHOWN = "[data-sc-result]:not([hidden])"
# The stock standard library is never shipped; the trimmed one is named by its hash.
REFUSED_RUNTIME_FILE = "/pyodide/*/python_stdlib*.zip"

# One answer set per tier: the tier each gives is the command line's (checked below). The first, the
# shortest, is answered with the engine's own clicks, the others in the page (devkit/engines.py).
ANSWER_SETS = {
    "under-18": {"age": "under_18"},
    "urgent-help": {"danger_now": "yes"},
    "not-advised": {
        "main_concern": "depression",
        "diagnosed": "yes",
        "antidepressants_tried": "two_or_more",
        "vascular": "yes",
    },
    "review-first": {
        "main_concern": "depression",
        "diagnosed": "yes",
        "antidepressants_tried": "two_or_more",
        "sedatives": ["benzodiazepines", "opioids"],
    },
    "other-steps-first": {"main_concern": "depression", "diagnosed": "yes", "antidepressants_tried": "none"},
    "worth-discussing": {"main_concern": "depression", "diagnosed": "yes", "antidepressants_tried": "two_or_more"},
}
# What a printout of the result leaves out (the site's navigation, header and footer, and the
# self-check's introduction) and what it shows.
NOT_PRINTED = (".md-header", ".md-sidebar--primary", ".md-footer", ".sc-intro")
PRINTED = ("[data-sc-result-title]", "[data-sc-result-body]")

# The pages that show the gates can fail: one asks another origin for something from the page and
# from its worker; one, under the site's own policy, has an inline script and a worker that calls eval.
LEAK_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leak</title></head>
<body><img src="http://tracker.invalid/pixel.gif" alt=""><script src="leak.js"></script></body></html>"""
LEAK_SCRIPT = """fetch("{other}/from-page", {{mode: "no-cors"}}).catch(() => {{}});
new Worker("leak-worker.js");"""
LEAK_WORKER = """fetch("{other}/from-worker", {{mode: "no-cors"}}).catch(() => {{}});"""
VIOLATION_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Violation</title></head>
<body><script>window.inlineRan = true;</script><script src="violation.js"></script></body></html>"""
VIOLATION_SCRIPT = """new Worker("violation-worker.js").onmessage = (event) => { window.workerSaid = event.data; };"""
VIOLATION_WORKER = """let outcome = "eval ran";
try { eval("1"); } catch (error) { outcome = `eval blocked: ${error.name}`; }
postMessage(outcome);"""
# WebKitGTK (2.50) blocks what a worker's policy forbids, but neither reports it nor fires the event
# in the worker: there, the worker is shown to be under the policy by what it says, and the page's
# own violations are reported as in the other engines.
WORKER_REPORTS = ("chromium", "firefox")


class Watch:
    """The servers and the proxy of one module: the site as a clinic serves it, the same site with a
    runtime file refused, and the two pages of the negative cases, each on its own origin, all
    behind one recording proxy that the browsers are pointed at."""

    def __init__(self, site: Path, negative: Path, proxy: RecordingProxy):
        self.proxy = proxy
        self.site = WatchedSite(site)
        self.broken = WatchedSite(site, refused=(REFUSED_RUNTIME_FILE,))
        # The site's own policy, with the negative pages' inline script not in it.
        self.strict = WatchedSite(negative / "strict", headers=read_headers_file(site)["/*"])
        self.leaky = WatchedSite(negative / "leaky", headers={})
        self.servers = (self.site, self.broken, self.strict, self.leaky)


@pytest.fixture(scope="module")
def watch(built_site, tmp_path_factory):
    negative = tmp_path_factory.mktemp("engine-negative")
    (negative / "strict").mkdir()
    (negative / "leaky").mkdir()
    with RecordingProxy() as proxy:
        watched = Watch(built_site, negative, proxy)
        other = watched.strict.origin  # "another origin" for the leaking page: a second 127.0.0.1 port
        files = {
            "leaky/leak.html": LEAK_PAGE,
            "leaky/leak.js": LEAK_SCRIPT.format(other=other),
            "leaky/leak-worker.js": LEAK_WORKER.format(other=other),
            "strict/violation.html": VIOLATION_PAGE,
            "strict/violation.js": VIOLATION_SCRIPT,
            "strict/violation-worker.js": VIOLATION_WORKER,
        }
        for name, text in files.items():
            (negative / name).write_text(text, encoding="utf-8")
        for server in watched.servers:
            server.__enter__()
            proxy.forward(server.origin)
        try:
            yield watched
        finally:
            for server in watched.servers:
                server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def tiers(tmp_path_factory):
    """Each answer set, complete, with the tier `python -m quiz evaluate` gives it."""
    assert set(ANSWER_SETS) == set(BANK["tiers"]), "one answer set per tier of the bank"
    folder = tmp_path_factory.mktemp("engine-answers")
    found = {}
    for tier, chosen in ANSWER_SETS.items():
        answers = complete_answers(**chosen)
        found[tier] = (answers, cli_tier(answers, folder))
    wrong = {tier: given for tier, (_, given) in found.items() if given != tier}
    assert not wrong, f"these answer sets no longer give their tier on the command line: {wrong}"
    return found


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, watch):
    """One browser per engine for the module, pointed at the recording proxy."""
    chromium = request.getfixturevalue("browser") if request.param == "chromium" else None
    with engine_page(request.param, proxy=watch.proxy.address, chromium=chromium) as page:
        yield page


def audit(watch: Watch, origin: str, requests_from: int, reports_from: dict) -> list[str]:
    """What went wrong since the given marks: requests to any origin but `origin` (the page's and its
    workers', as the proxy saw them), and Content-Security-Policy violations reported to any server."""
    problems = [
        f"a request to another origin: {request.method} {request.url}"
        for request in watch.proxy.since(requests_from)
        if request.origin != origin
    ]
    for server in watch.servers:
        problems += [f"a CSP violation: {describe_report(r)}" for r in server.reports_since(reports_from[server])]
    return problems


def marks(watch: Watch) -> tuple[int, dict]:
    return len(watch.proxy.requests), {server: len(server.reports) for server in watch.servers}


def state(page, expression: str):
    return page.run(f"() => {expression}")


def test_each_tier_as_on_the_command_line_crisis_help_at_once_and_the_printout(engine, watch, tiers):
    requests_from, reports_from = marks(watch)
    engine.open(watch.site.origin + "/self-check/")

    # A red flag on the first question shows crisis help at once, whether or not Python has started.
    engine.click("#sc-danger_now-yes")
    wait_for(engine, "[data-sc-crisis]:not([hidden])", timeout_ms=1000)
    assert engine.run(SHOWN, ["#sc-crisis-title", "[data-sc-crisis] a[href^='tel:']"]) == {
        "#sc-crisis-title": True,
        "[data-sc-crisis] a[href^='tel:']": True,
    }

    given = {}
    for number, (tier, (answers, _)) in enumerate(tiers.items()):
        if number:
            engine.click("[data-sc-restart]")
            wait_for(engine, f"#sc-q-{in_page_order(answers)[0][0]['id']}-title")
        if number:
            answer_in_page(engine, answers)
        else:
            answer_self_check(engine, answers, driver=DRIVER)
        wait_for_engine(engine)
        engine.click("[data-sc-submit]")
        wait_for(engine, RESULT_SHOWN)
        given[tier] = state(engine, "document.querySelector('[data-sc-result]').dataset.tier")
        if tier == "urgent-help":
            assert state(engine, "document.querySelectorAll('[data-sc-result-body] .sc-help').length") == 1
            assert engine.run(SHOWN, ["[data-sc-crisis]"]) == {"[data-sc-crisis]": True}
    assert given == {tier: tier for tier in tiers}, f"{engine.engine}: tiers differ from the command line's"

    on_screen = engine.run(SHOWN, [*NOT_PRINTED, *PRINTED])
    assert on_screen == dict.fromkeys(on_screen, True), f"all of these are on screen: {on_screen}"
    check_the_printout(engine)

    seen = [request.url for request in watch.proxy.since(requests_from)]
    for worker_file in (".wasm", ".whl"):
        assert any(url.endswith(worker_file) for url in seen), f"the worker's {worker_file} request was recorded"
    assert audit(watch, watch.site.origin, requests_from, reports_from) == []


def check_the_printout(engine) -> None:
    """The result's printout leaves out the site's navigation, header, footer and the self-check's
    introduction, and shows the result: in every engine with the print style sheets applied by the
    page's own engine (print-view.js), where the driver can switch to print media also so (and the
    two must agree), and where it can print, as a PDF."""
    selectors = [*NOT_PRINTED, *PRINTED]
    expected = {**dict.fromkeys(NOT_PRINTED, False), **dict.fromkeys(PRINTED, True)}
    printed = engine.run(PRINT_VIEW, selectors)
    assert printed == expected, f"{engine.engine}, print style sheets applied: {printed}"
    if engine.print_media(True):
        try:
            assert engine.run(SHOWN, selectors) == expected, f"{engine.engine}, print media"
        finally:
            engine.print_media(False)
    # Negative case: with a print rule that shows the header, the printout shows it.
    rule = "@media print { .md-header { display: block !important; visibility: visible !important; } }"
    engine.run(SHEET_RULE, "add", rule)
    try:
        assert engine.run(PRINT_VIEW, [".md-header"]) == {".md-header": True}, engine.engine
    finally:
        engine.run(SHEET_RULE, "remove", rule)
    if engine.engine in PDF_ENGINES:
        pdf = engine.pdf()
        assert pdf.startswith(b"%PDF") and len(pdf) > 5000, engine.engine


def test_when_the_engine_cannot_start_the_answers_still_make_a_summary(engine, watch):
    requests_from, reports_from = marks(watch)
    engine.open(watch.broken.origin + "/self-check/")
    wait_for(engine, "[data-sc-root][data-engine=failed]", "attached", timeout_ms=30_000)
    assert state(engine, "document.querySelector('[data-sc-status]').textContent.trim()")
    answers = complete_answers()
    answer_in_page(engine, answers)
    engine.click("[data-sc-submit]")
    wait_for(engine, RESULT_SHOWN)
    result = engine.run("""() => {
        const result = document.querySelector("[data-sc-result]");
        return {tier: result.dataset.tier || null, retry: Boolean(result.querySelector("[data-sc-retry]")),
                answers: (result.querySelector(".sc-result__answers") || {textContent: ""}).textContent};
    }""")
    assert result["tier"] is None and result["retry"], result
    for question, _ in in_page_order(answers):
        assert question["text"] in result["answers"], question["id"]
    refused = [path for method, path in watch.broken.requests if path.endswith(".zip")]
    assert refused, "the runtime file was asked for, and refused"
    assert audit(watch, watch.broken.origin, requests_from, reports_from) == []


def wait_until(condition, describe, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {describe}")
        time.sleep(0.05)


def test_the_gates_catch_another_origin_and_a_policy_violation(engine, watch):
    """Negative case: in this engine, a page and its worker asking another origin for something are
    caught by the proxy, and an inline script and a worker's eval refused by the site's policy are
    reported."""
    requests_from, reports_from = marks(watch)
    engine.open(watch.leaky.origin + "/leak.html")
    for leak in ("/from-page", "/from-worker", "tracker.invalid/pixel.gif"):
        wait_until(
            lambda leak=leak: any(leak in r.url for r in watch.proxy.since(requests_from)),
            f"{engine.engine}'s request for {leak} at the proxy",
        )
    problems = audit(watch, watch.leaky.origin, requests_from, reports_from)
    for leak in ("/from-page", "/from-worker", "tracker.invalid"):
        assert any("another origin" in p and leak in p for p in problems), (leak, problems)

    requests_from, reports_from = marks(watch)
    engine.open(watch.strict.origin + "/violation.html")
    assert state(engine, "window.inlineRan === undefined"), "the inline script was blocked"
    reported = lambda: [describe_report(r) for r in watch.strict.reports_since(reports_from[watch.strict])]  # noqa: E731
    wait_until(lambda: any("inline" in r for r in reported()), f"{engine.engine}'s report of the inline script")
    said = engine.run(
        "() => new Promise((resolve) => { const check = () => window.workerSaid ? "
        "resolve(window.workerSaid) : setTimeout(check, 20); check(); })"
    )
    assert said == "eval blocked: EvalError", f"{engine.engine}: the worker is under the site's policy"
    if engine.engine in WORKER_REPORTS:
        wait_until(lambda: any("eval" in r for r in reported()), f"{engine.engine}'s report of the worker's eval")
    problems = audit(watch, watch.strict.origin, requests_from, reports_from)
    assert any("CSP violation" in p and "script-src" in p and "inline" in p for p in problems), problems
    if engine.engine in WORKER_REPORTS:
        assert any("CSP violation" in p and "eval" in p for p in problems), problems
