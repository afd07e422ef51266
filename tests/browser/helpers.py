"""What the browser tests share: recording requests, answering the self-check, reading the result."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from devkit.answers import default_bank, in_page_order
from devkit.browser import REVIEW_SHOWN, page_function, wait_for_engine
from sitekit.languages import LANGUAGES, SOURCE

ROOT = Path(__file__).resolve().parents[2]
# The Python runtime's files, which the self-check's worker fetches as the page loads.
RUNTIME_FILES = "**/pyodide/**"
BANK = default_bank()


def in_page_js(name: str) -> str:
    """A function for page.evaluate from tests/browser/js/<name>.js."""
    return page_function(Path(__file__).resolve().parent / "js" / f"{name}.js")


@dataclass
class RequestLog:
    """Every request of the page and its workers (Playwright's context-level events see both), and which
    of them have ended (finished or failed)."""

    entries: list = field(default_factory=list)
    ended: set = field(default_factory=set)

    def attach(self, context):
        # Playwright marks each handler with an attribute, which a built-in bound method (list.append,
        # set.add) cannot take, so the handlers are functions of this class.
        context.on("request", self._request)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)
        return self

    def _request(self, request) -> None:
        self.entries.append(request)

    def _ended(self, request) -> None:
        self.ended.add(request)

    def urls(self, since: int = 0) -> list[str]:
        return [request.url for request in self.entries[since:]]

    def in_flight(self, since: int = 0) -> list[str]:
        return [request.url for request in self.entries[since:] if request not in self.ended]


def site_pages(site) -> list[str]:
    """Every page of a built site as a URL path ('/', '/risks-and-side-effects/', ..., '/404.html'):
    the root edition's first, then each other language's (its folder, such as /es/), each in order.
    (The theme keeps a palette chosen in the page for each edition on its own; a 404 page, whose
    links start at the host's root, shares the root edition's, and comes with its pages.)"""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append("/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    return sorted(paths, key=lambda path: ("" if path.endswith("/404.html") else edition_of(path), path))


def edition_of(path: str) -> str:
    """The edition a page's path is in: "" for the root's, "es" for /es/..."""
    first = path.strip("/").split("/", 1)[0]
    return first if first in LANGUAGES and first != SOURCE else ""


def tab_until(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def answer_with_keyboard(page, answers: dict) -> None:
    for question, options in in_page_order(answers):
        ids = [o["id"] for o in question["options"]]
        first = f"#sc-{question['id']}-{ids[0]}"
        tab_until(page, first if question["multiple"] else f"input[name='sc-{question['id']}']")
        if question["multiple"]:
            for option in ids:
                if option in options:
                    page.keyboard.press("Space")
                if option != ids[-1]:
                    page.keyboard.press("Tab")
        else:
            index = ids.index(options[0])
            if index == 0:
                page.keyboard.press("Space")
            for _ in range(index):
                page.keyboard.press("ArrowDown")
        for option in options:
            assert page.is_checked(f"#sc-{question['id']}-{option}"), (question["id"], option)
        tab_until(page, "[data-sc-continue]")
        page.keyboard.press("Enter")
        page.wait_for_function("(id) => document.activeElement && document.activeElement.id !== ''", arg=question["id"])
    page.wait_for_selector(REVIEW_SHOWN)


def cli_tier(answers: dict, tmp_path: Path) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "quiz", "evaluate", str(path)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)["tier"]


def storage_snapshot(page) -> dict:
    return page.evaluate("""async () => ({
        local: Object.fromEntries(Object.entries(localStorage)),
        session: Object.fromEntries(Object.entries(sessionStorage)),
        indexedDB: (await indexedDB.databases()).map((db) => db.name),
    })""")


def wait_until(page, condition, describe, timeout: float = 30.0) -> None:
    """Wait until `condition()` holds, where it reads what Playwright's events recorded. Events are only
    delivered while Playwright waits, so this waits in short steps, and returns as soon as it holds.
    `describe()` says what was awaited, if it never holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {describe()}")
        page.wait_for_timeout(5)


def wait_for_requests_to_end(page, log: RequestLog, since: int) -> None:
    """Once a page has loaded: wait until Chromium has fetched the page's icon, which it asks for just
    after the load event (so the icon's address is audited too), every request that the page and its
    workers started since `since` has ended, and the page's main thread has gone idle without starting
    another (so what the page starts from its load handlers and the tasks they queue is waited for)."""
    icon = page.evaluate(
        "() => { const link = document.querySelector('link[rel~=icon]'); return link ? link.href : null; }"
    )

    def ended():
        started = log.entries[since:]
        return all(r in log.ended for r in started) and (icon is None or any(r.url == icon for r in started))

    while True:
        wait_until(
            page,
            ended,
            lambda: (
                f"the requests of {page.url} to end (in flight: {log.in_flight(since)}, "
                f"icon {icon} requested: {icon in log.urls(since)})"
            ),
        )
        count = len(log.entries)
        page.evaluate("() => new Promise((resolve) => requestIdleCallback(resolve, {timeout: 2000}))")
        if len(log.entries) == count and ended():
            return


def open_self_check(page, site_server, wait_ready=True):
    """Open the self-check page and, unless told not to, wait for its engine."""
    page.goto(f"{site_server.origin}/self-check/")
    if wait_ready:
        wait_for_engine(page)


# The first two questions, and the page script's address (to hold it back or refuse it).
FIRST = BANK["questions"][0]["id"]
SECOND = BANK["questions"][1]["id"]
PAGE_SCRIPT = "**/assets/selfcheck/selfcheck.js"
# A phone's screen, for a browser context: 390 x 844, touch.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def visible_parts(page) -> dict:
    """Which parts of the self-check page show: what tells the set-up's look from the checklist's."""
    return {
        "first question": page.is_visible(f"#sc-q-{FIRST}-title"),
        "second question": page.is_visible(f"#sc-q-{SECOND}-title"),
        "checklist note": page.is_visible("[data-sc-nojs]"),
        "crisis panel": page.is_visible("#sc-crisis-title"),
        "crisis banner": page.is_visible(".kit-crisis-banner"),
    }


def hold_the_runtime(page_or_context) -> list:
    """Leave the Python runtime's requests unanswered, where a test needs the self-check page as it is
    while its engine starts and not the engine itself: starting Python costs seconds of processor
    time on each load, which the suite's other tests then wait for. The page stays in that state
    until its stall period (30 s) ends. Returns the held requests."""
    held: list = []
    page_or_context.route(RUNTIME_FILES, lambda route: held.append(route))  # noqa: PLW0108
    return held
