"""One page load in Debian's Chromium, driven by Playwright: what the page, its worker and the
server recorded, before any arithmetic (figures.py turns it into figures).

Cold = a new persistent profile in a new temporary folder: its HTTP cache is empty because the
folder is new, and figures.py checks that every response of a cold load came from the server.
Warm = another page in the same profile afterwards; figures.py checks from the server's log that
no runtime file was requested again (they came from the browser's cache).
"""

from __future__ import annotations

import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from devkit.answers import complete_answers
from devkit.browser import CHROMIUM, CHROMIUM_ARGS, answer_self_check, page_function

from .throttling import Settings, apply

HERE = Path(__file__).resolve().parent
PROBE = (HERE / "probe.js").read_text(encoding="utf-8")
CLICK_POINT = page_function(HERE / "click-point.js")
WAIT_FOR_FOCUS = page_function(HERE / "wait-for-focus.js")
TIMEOUT_MS = 180_000
SETTLED = "() => window.__bench.ready !== null || window.__bench.failed !== null"
READY = "() => window.__bench.ready !== null"
# The first paint of the result's heading was reported (a frame or two after it), or, 10 s after the
# result reached the DOM, it is not coming.
RESULT_RECORDED = """() => window.__bench.resultPainted !== null
  || (window.__bench.resultDom !== null && performance.now() - window.__bench.resultDom > 10000)"""


# A person's click, in input events: the pointer arrives over the target, and the button goes down a
# moment later and comes up about a tenth of a second after that. Sent at the same instant instead
# (as Playwright's mouse.click does), the release would wait behind the browser's work for the move
# (hover) and the press (focus): work that, with a person, is done before the button comes up.
POINTER_SETTLES_MS = 100
BUTTON_HELD_MS = 100


def press(page, selector: str) -> None:
    """Click `selector` as a person's mouse does: the pointer moves to its middle, and the button is
    pressed and released there (see BUTTON_HELD_MS), after scrolling it into view if need be (and a
    pause, as a person's eyes follow). The page's click event, and so "See my result"'s timing, starts
    at the release.

    The page is only read with page.evaluate. Playwright's page.click and page.check, its selector
    methods (locator, get_attribute, is_checked, wait_for_selector) and wait_for_function all load
    Playwright's own script into the page, which adds capture listeners for every pointer and mouse
    event to the window: they would run in the page's own input tasks, and their work is the
    harness's, not the page's, so it must not enter the figures."""
    for _ in range(3):
        point = page.evaluate(CLICK_POINT, selector)
        if point is not None:
            page.mouse.move(point["x"], point["y"])
            page.wait_for_timeout(POINTER_SETTLES_MS)
            page.mouse.down()
            page.wait_for_timeout(BUTTON_HELD_MS)
            page.mouse.up()
            return
        page.wait_for_timeout(300)
    raise RuntimeError(f"{selector} cannot be clicked: it stays off screen or under something else")


class PersonDriver:
    """Answers as a person does (devkit.browser.answer_self_check): plain mouse input through
    `press`, the page read with page.evaluate alone. Like a person, it waits for each step to settle
    (its heading takes focus) before it clicks, and checks that each answer was chosen."""

    def wait_for_step(self, page, question_id: str) -> None:
        page.evaluate(WAIT_FOR_FOCUS, f"sc-q-{question_id}-title")

    def choose(self, page, selector: str) -> None:
        press(page, selector)
        if not page.evaluate("(selector) => document.querySelector(selector).checked", selector):
            raise RuntimeError(f"the click on {selector} did not choose that answer")

    def press(self, page, selector: str) -> None:
        press(page, selector)

    def wait_for_review(self, page) -> None:
        page.evaluate(WAIT_FOR_FOCUS, "sc-review-title")


def wait_until(page, condition: str, timeout_ms: int = TIMEOUT_MS, every_ms: int = 100) -> None:
    """Wait until the JavaScript function `condition` returns true in the page, checked every
    `every_ms` with page.evaluate (not wait_for_function: see press)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(condition):
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true after {timeout_ms / 1000:.0f} s: {condition}")
        page.wait_for_timeout(every_ms)


def input_listeners_on_window(cdp) -> list[str]:
    """The pointer, mouse and click event types that have listeners on the page's window."""
    window = cdp.send("Runtime.evaluate", {"expression": "window"})["result"]["objectId"]
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": window})["listeners"]
    return sorted(
        {
            listener["type"]
            for listener in listeners
            if listener["type"].startswith(("pointer", "mouse")) or listener["type"] == "click"
        }
    )


@contextmanager
def fresh_profile(playwright, settings: Settings):
    """A Chromium with a new, empty profile (and so an empty HTTP cache), the probe installed."""
    with tempfile.TemporaryDirectory(prefix="kit-bench-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=settings.viewport
        )
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
            wait_until(page, READY if patient else SETTLED)
            memory = page.evaluate("() => document.querySelector('[data-sc-root]').dataset.engineMemory || null")
        # The page's JS heap once the engine is ready (on a page without one, once loaded); no forced GC.
        heap = cdp.send("Runtime.getHeapUsage")
        if answer and page.evaluate("() => window.__bench.ready !== null"):
            answer_self_check(page, complete_answers(), driver=PersonDriver())
            press(page, "[data-sc-submit]")
            # Playwright polls by running script in the page's main thread: the result's first second
            # goes by without it, so the polls cannot land in the figure they measure.
            page.wait_for_timeout(1000)
            wait_until(page, RESULT_RECORDED)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        probe = page.evaluate("() => window.__bench")
        added = input_listeners_on_window(cdp)
        if added:
            raise RuntimeError(
                f"{path}: the window has {', '.join(added)} listeners, which the site does not add: "
                "a Playwright method that loads its own page script was used (see press)"
            )
    finally:
        context.remove_listener("response", record)
    served = list(server.log[first_request:])
    loaded = [_response(response) for response in responses]
    page.close()
    return {
        "probe": probe,
        "responses": loaded,
        "served": served,
        "heap": heap,
        "wasm_memory": int(memory) if memory else None,
        "throttling": throttling,
    }


def _response(response) -> dict:
    timing = response.request.timing
    return {
        "url": response.url,
        "status": response.status,
        "type": response.request.resource_type,
        "request_start": timing.get("requestStart"),
        "response_start": timing.get("responseStart"),
        "response_end": timing.get("responseEnd"),
    }
