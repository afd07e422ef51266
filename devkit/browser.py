"""Driving Debian's Chromium through the self-check, for the browser tests and the benchmark:
which browser and flags, waiting for the engine, and answering every question with a driver."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Protocol

from .answers import in_page_order

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, and no background traffic of the browser's own, so that what we observe is the page's.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Chromium asks a Google host about every form field (the site's search box included): its own
    # request, which a proxy recording every request (the engine tests) would count as the page's.
    "--disable-features=AutofillServerCommunication",
]
ENGINE_READY = "[data-sc-root][data-engine=ready]"
REVIEW_SHOWN = "[data-sc-review]:not([hidden])"
CONTINUE = "[data-sc-continue]"


def page_function(path: Path) -> str:
    """A JavaScript function kept in a .js file, for page.evaluate: the file's leading comment
    lines (what it does) are left out, so that only the function expression is sent."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    while lines and lines[0].lstrip().startswith("//"):
        lines.pop(0)
    return "\n".join(lines).strip()


def wait_for_engine(page, timeout_ms: int = 60_000) -> None:
    """Wait until the page says the engine in its worker is ready."""
    page.wait_for_selector(ENGINE_READY, state="attached", timeout=timeout_ms)


class Driver(Protocol):
    """How answers are given: `choose` picks an option, `press` a button; `wait_for_step` waits for a
    question's step to be shown, and `wait_for_review` for "Check your answers"."""

    def wait_for_step(self, page, question_id: str) -> None: ...
    def choose(self, page, selector: str) -> None: ...
    def press(self, page, selector: str) -> None: ...
    def wait_for_review(self, page) -> None: ...


class PlaywrightDriver:
    """Playwright's own page.check and page.click, which wait for their target themselves."""

    def wait_for_step(self, page, question_id: str) -> None:
        pass

    def choose(self, page, selector: str) -> None:
        page.check(selector)

    def press(self, page, selector: str) -> None:
        page.click(selector)

    def wait_for_review(self, page) -> None:
        page.wait_for_selector(REVIEW_SHOWN)


def answer_self_check(page, answers: dict, bank: dict | None = None, driver: Driver | None = None) -> None:
    """Answer every question shown for `answers`, then wait for "Check your answers"."""
    driver = driver or PlaywrightDriver()
    for number, (question, options) in enumerate(in_page_order(answers, bank)):
        if number:
            driver.wait_for_step(page, question["id"])
        for option in options:
            driver.choose(page, f"#sc-{question['id']}-{option}")
        driver.press(page, CONTINUE)
    driver.wait_for_review(page)
