"""Starting the engine on a slow connection: the page waits while the runtime's files arrive and
says how far they have got, gives up only when they stop arriving, and can then try again.

The site is served as a host serves it (benchmarks/host.py: compressed, with its `_headers`), so the
throttled network carries what a phone would really receive."""

import itertools
import json
import re
from urllib.parse import urlsplit

import pytest

from benchmarks import throttling
from benchmarks.compression import Compressor
from benchmarks.host import HostServer
from devkit.answers import complete_answers
from devkit.browser import answer_self_check, wait_for_engine

from .helpers import RequestLog, cli_tier

RESULT = "[data-sc-result]:not([hidden])"
RETRY = "[data-sc-retry]"
WASM = "**/pyodide.asm.wasm"

# Runs in the page before its own scripts: records every text of the status line and every change of
# the engine's state, with when it happened (performance.now() and the clock, for the request log)
# and how tall the line was. With `stall_ms`, it also gives the self-check's root the shorter stall
# period (data-sc-stall-ms) before the page script can read it.
RECORDER = """(stallMs) => {
  const seen = (window.__status = []);
  const record = () => {
    const root = document.querySelector("[data-sc-root]");
    const status = root && root.querySelector("[data-sc-status]");
    if (!status) return;
    if (stallMs && !root.dataset.scStallMs) root.dataset.scStallMs = String(stallMs);
    const last = seen[seen.length - 1];
    const text = status.textContent, engine = root.dataset.engine || null;
    const view = document.body.dataset.scView || null;
    if (last && last.text === text && last.engine === engine && last.view === view) return;
    const spoken = status.cloneNode(true);
    for (const hidden of spoken.querySelectorAll("[aria-hidden=true]")) hidden.remove();
    seen.push({ t: performance.now(), clock: performance.timeOrigin + performance.now(), text, engine, view,
                heard: spoken.textContent,
                height: status.getBoundingClientRect().height,
                lineHeight: parseFloat(getComputedStyle(status).lineHeight) });
  };
  new MutationObserver(record).observe(document, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ["data-engine", "data-sc-view"] });
}"""


@pytest.fixture(scope="module")
def host(built_site):
    # Brotli at quality 5: a little larger than a host's quality 11, and quick to make.
    with HostServer(built_site, Compressor(brotli_quality=5)) as server:
        yield server


def open_page(context, stall_ms=None):
    context.add_init_script(f"({RECORDER})({json.dumps(stall_ms)})")
    return context.new_page()


def statuses(page) -> list[dict]:
    return page.evaluate("() => window.__status")


def first(records, predicate) -> dict | None:
    return next((record for record in records if predicate(record)), None)


def only_this_site(log: RequestLog, host) -> None:
    """Every request of the page and its workers went to this site, for one of its files, with no query
    and no body: none could carry an answer."""
    origins = {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in log.urls()}
    assert origins == {host.origin}, origins
    for request in log.entries:
        parts = urlsplit(request.url)
        assert request.method == "GET" and not request.post_data and not parts.query, request.url
        assert host.file_for(parts.path) is not None, f"{request.url} is not a file of the site"


def test_on_slow_4g_the_engine_waits_for_its_files_shows_progress_and_gives_the_result(browser, host, tmp_path):
    """On Lighthouse's slow 4G (the page's CPU 4x slower too), the runtime takes far longer to arrive
    than the stall period given here (5 s): the page does not give up while bytes keep coming, shows
    how far the download has got in one line on a 360 px phone once the person would wait (on "Check
    your answers", and after asking for the result; never while they answer), and gives the command
    line's tier."""
    stall_ms = 5000
    context = browser.new_context(viewport={"width": 360, "height": 800})
    log = RequestLog().attach(context)
    page = open_page(context, stall_ms)
    throttling.apply(context.new_cdp_session(page), throttling.SLOW_4G)
    answers = complete_answers()
    page.goto(f"{host.origin}/self-check/")
    answer_self_check(page, answers)
    page.wait_for_function(
        "() => /% loaded/.test(document.querySelector('[data-sc-status]').textContent)", timeout=60_000
    )
    page.click("[data-sc-submit]")
    page.wait_for_selector(RESULT, timeout=150_000)
    tier = page.get_attribute("[data-sc-result]", "data-tier")
    expected_bytes = int(page.get_attribute("[data-sc-root]", "data-sc-bytes"))
    records = statuses(page)
    context.close()

    assert tier == cli_tier(answers, tmp_path)
    started = first(records, lambda record: record["engine"] == "starting")
    ready = first(records, lambda record: record["engine"] == "ready")
    assert started and ready, records
    assert not any(record["engine"] == "failed" for record in records), records
    # The download outlasted the stall period several times over: a clock of that length would have
    # given up; the page waited because bytes kept arriving.
    assert ready["t"] - started["t"] > 3 * stall_ms, records
    answering = [record for record in records if record["view"] == "question" and record["engine"] == "starting"]
    assert answering and not any(record["text"] for record in answering), answering
    loading = [record for record in records if record["engine"] == "starting" and record["view"] != "question"]
    shares = [int(match.group(1)) for record in loading if (match := re.search(r"(\d+)% loaded", record["text"]))]
    assert shares, f"the status line never said how far the download had got: {[r['text'] for r in loading]}"
    assert shares == sorted(shares) and all(share % 10 == 0 for share in shares), shares
    # A polite live region, changed at most every few seconds while loading (never every percent),
    # except at once when the person asks for their result.
    asked = first(loading, lambda record: record["text"].startswith("Working out your result"))
    # On "Check your answers", a screen reader is not read each percentage: the progress is for the
    # eyes only, and what is spoken stays "Getting your result ready" until the result is asked for.
    before = loading[: loading.index(asked)] if asked in loading else loading
    assert any("% loaded" in record["text"] for record in before), before
    assert not any("% loaded" in record["heard"] for record in before), before
    for earlier, later in itertools.pairwise(loading):
        assert later is asked or later["t"] - earlier["t"] >= 3900, loading
    for record in records:
        assert record["height"] <= record["lineHeight"] * 1.2, f"more than one line at 360 px: {record}"
    # The total the page was given is what the worker loaded: the percentages were of the right whole.
    engine_files = {
        urlsplit(request.url).path
        for request in log.entries
        if urlsplit(request.url).path.startswith(("/pyodide/", "/assets/selfcheck/engine/"))
    }
    assert expected_bytes == sum(host.file_for(path).stat().st_size for path in engine_files), engine_files
    # The page script is one file (its modules bundled at build time), and the worker's the only other
    # script of the self-check's own: no chain of small modules queues for the phone's connections.
    own = sorted(urlsplit(r.url).path for r in log.entries if urlsplit(r.url).path.startswith("/assets/selfcheck/"))
    assert [path for path in own if path.endswith((".js", ".mjs"))] == [
        "/assets/selfcheck/selfcheck.js",
        "/assets/selfcheck/worker.mjs",
    ], own
    only_this_site(log, host)
    # Nothing is fetched once the engine is ready (50 ms for the two clocks' rounding).
    late = [request.url for request in log.entries if request.timing["startTime"] > ready["clock"] + 50]
    assert late == [], late


def stalled_wasm(page) -> dict:
    """Holds back every request for the WebAssembly module, unanswered, while `state["stalled"]`:
    the runtime's other files arrive and then nothing does."""
    state = {"stalled": True, "held": 0}

    def handle(route):
        if state["stalled"]:
            state["held"] += 1  # never answered: the download never starts
        else:
            route.continue_()

    page.route(WASM, handle)
    return state


def test_a_download_that_stops_fails_the_start_and_try_again_in_the_result_gives_it(browser, host, tmp_path):
    """The stall period (shortened here to 3 s) passes with nothing arriving: the page says the engine
    could not start and offers to try again, in the status line and where the result would be, with
    the answers still there; trying again once the files can arrive brings the result."""
    context = browser.new_context()
    log = RequestLog().attach(context)
    page = open_page(context, stall_ms=3000)
    wasm = stalled_wasm(page)
    answers = complete_answers()
    page.goto(f"{host.origin}/self-check/")
    answer_self_check(page, answers)
    page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=30_000)
    assert wasm["held"] == 1
    assert "could not start (its files stopped arriving)" in page.text_content("[data-sc-status]")
    assert page.is_visible(f"[data-sc-status] {RETRY}")
    records = statuses(page)
    started = first(records, lambda record: record["engine"] == "starting")
    failed = first(records, lambda record: record["engine"] == "failed")
    assert failed["t"] - started["t"] >= 3000, "it waited the whole stall period"

    page.click("[data-sc-submit]")
    page.wait_for_selector(RESULT)
    assert "could not work out a result" in page.text_content("[data-sc-result-title]")
    result = page.text_content("[data-sc-result]")
    assert "Your answers" in result and "Not answered" not in result, "every answer is there to print"

    wasm["stalled"] = False
    page.click(f"[data-sc-result] {RETRY}")
    page.wait_for_selector("[data-sc-result][data-tier]", state="attached", timeout=60_000)
    assert page.get_attribute("[data-sc-result]", "data-tier") == cli_tier(answers, tmp_path)
    assert page.is_visible("[data-sc-result-title]")
    assert not page.is_visible(RETRY)
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'sc-result-title'", timeout=5000
    )
    only_this_site(log, host)
    context.close()


def test_try_again_in_the_status_line_while_answering_fails_again_if_still_stalled_then_starts(browser, host, tmp_path):
    """Trying again from the status line, before the result is asked for: a second stall fails again
    and offers to try again again; once the files can arrive, the engine starts and the result comes
    as usual."""
    context = browser.new_context()
    page = open_page(context, stall_ms=3000)
    wasm = stalled_wasm(page)
    page.goto(f"{host.origin}/self-check/")
    page.wait_for_selector(f"[data-sc-status] {RETRY}", timeout=30_000)
    page.click(f"[data-sc-status] {RETRY}")
    assert page.text_content("[data-sc-status]").startswith("Trying again")
    assert page.evaluate("() => document.activeElement.matches('[data-sc-status]')"), "focus stays at the status line"
    page.wait_for_selector(f"[data-sc-status] {RETRY}", timeout=30_000)
    assert wasm["held"] == 2, "each try starts a new download"

    wasm["stalled"] = False
    page.click(f"[data-sc-status] {RETRY}")
    wait_for_engine(page)
    assert page.text_content("[data-sc-status]") == "The self-check is ready."
    answers = complete_answers()
    answer_self_check(page, answers)
    page.click("[data-sc-submit]")
    page.wait_for_selector(RESULT)
    assert page.get_attribute("[data-sc-result]", "data-tier") == cli_tier(answers, tmp_path)
    context.close()


def test_without_webassembly_there_is_nothing_to_try_again(browser, host):
    """Trying again is offered only where it could help: not when the browser cannot run WebAssembly."""
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly")
    page = open_page(context)
    page.goto(f"{host.origin}/self-check/")
    page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=5000)
    assert "does not run WebAssembly" in page.text_content("[data-sc-status]")
    answer_self_check(page, complete_answers())
    page.click("[data-sc-submit]")
    page.wait_for_selector(RESULT)
    assert "could not work out a result" in page.text_content("[data-sc-result-title]")
    assert page.locator(RETRY).count() == 0
    context.close()
