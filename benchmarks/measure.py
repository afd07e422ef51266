"""One page load in Debian's Chromium, driven by Playwright: what the page, its worker and the
server recorded, before any arithmetic (figures.py turns it into figures).

Cold = a new persistent profile in a new temporary folder: its HTTP cache is empty because the
folder is new, and figures.py checks that every response of a cold load came from the server.
Warm = another page in the same profile afterwards; figures.py checks from the server's log that
no runtime file was requested again (they came from the browser's cache).
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.helpers import answer_with_mouse, complete_answers

from .throttling import Settings, apply

CHROMIUM = "/usr/bin/chromium"
PROBE = (Path(__file__).with_name("probe.js")).read_text(encoding="utf-8")
TIMEOUT_MS = 180_000
SETTLED = "() => window.__bench.ready !== null || window.__bench.failed !== null"
READY = "() => window.__bench.ready !== null"


def press(page, selector: str) -> None:
    """Click `selector` as a person's mouse does: a move, a press and a release at its middle, sent as
    input events. (Playwright's page.click and page.check also add listeners to the page that check
    the target of every pointer event; they run in the page's own input task, and their work is the
    harness's, not the page's, so it must not enter the figures.)"""
    target = page.locator(selector)
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@contextmanager
def fresh_profile(playwright, settings: Settings):
    """A Chromium with a new, empty profile (and so an empty HTTP cache), the probe installed."""
    with tempfile.TemporaryDirectory(prefix="kit-bench-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=settings.viewport)
        try:
            context.add_init_script(PROBE)
            yield context
        finally:
            context.close()


def load(context, server, path: str, settings: Settings, *, engine: bool, answer: bool, patient: bool = False) -> dict:
    """Open `path` in a new page of `context`; wait for the engine (if any), answer, see the result.

    patient: wait for the engine past the page script's 20 s watchdog (the baseline: peers' pages
    have no watchdog, and their Python may take longer than that on the mobile settings)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    throttling = apply(cdp, settings) if settings.throttled else None
    responses = []

    def record(response):
        responses.append(response)

    context.on("response", record)
    first_request = len(server.log)
    memory = None
    try:
        page.goto(server.origin + path, wait_until="load", timeout=TIMEOUT_MS)
        if engine:
            page.wait_for_function(READY if patient else SETTLED, polling=100, timeout=TIMEOUT_MS)
            memory = page.get_attribute("[data-sc-root]", "data-engine-memory")
        # The page's JS heap once the engine is ready (on a page without one, once loaded); no forced GC.
        heap = cdp.send("Runtime.getHeapUsage")
        if answer and page.evaluate("() => window.__bench.ready !== null"):
            answer_with_mouse(page, complete_answers(), click=press)
            press(page, "[data-sc-submit]")
            # Playwright polls by running script in the page's main thread: the result's first second
            # goes by without it, so the polls cannot land in the figure they measure.
            page.wait_for_timeout(1000)
            page.wait_for_function("() => window.__bench.resultShown !== null", polling=100, timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        probe = page.evaluate("() => window.__bench")
    finally:
        context.remove_listener("response", record)
    served = list(server.log[first_request:])
    loaded = [_response(response) for response in responses]
    page.close()
    return {"probe": probe, "responses": loaded, "served": served, "heap": heap,
            "wasm_memory": int(memory) if memory else None, "throttling": throttling}


def _response(response) -> dict:
    timing = response.request.timing
    return {"url": response.url, "status": response.status, "type": response.request.resource_type,
            "request_start": timing.get("requestStart"), "response_start": timing.get("responseStart"),
            "response_end": timing.get("responseEnd")}
