"""The self-check in every browser engine Debian has, for the engine tests and the benchmark: Chromium
(through Playwright), Firefox ESR (through puppeteer-core over WebDriver BiDi, devkit/firefox.mjs)
and WebKitGTK (through Selenium and WebKitWebDriver, with its MiniBrowser on an Xvfb display). No
browser is ever downloaded: each is Debian's own, and `make system-deps` installs them.

Each engine is driven through the same small interface, EnginePage: open a URL, run a JavaScript
function in the page, click an element as a person does, print to PDF, close. The tests and the
benchmark are written once against it (EngineDriver answers the self-check with it)."""

from __future__ import annotations

import base64
import glob
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from .answers import in_page_order
from .browser import CHROMIUM, CHROMIUM_ARGS, ENGINE_READY, REVIEW_SHOWN, page_function

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENGINES = ("chromium", "firefox", "webkitgtk")
ENGINE_NAMES = {"chromium": "Chromium", "firefox": "Firefox ESR", "webkitgtk": "WebKitGTK"}
FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
FIREFOX_BRIDGE = HERE / "firefox.mjs"
VIEWPORT = {"width": 1280, "height": 900}
WAIT_FOR = page_function(HERE / "js" / "wait-for.js")
MAKE_CLICKABLE = page_function(HERE / "js" / "make-clickable.js")
ANSWER_IN_PAGE = page_function(HERE / "js" / "answer-in-page.js")
INSTALL = "make system-deps (as root) installs chromium, firefox-esr, webkit2gtk-driver and xvfb"


def minibrowser() -> str:
    """WebKitGTK's MiniBrowser, which WebKitWebDriver drives. Debian keeps it out of PATH, in the
    library folder of the WebKitGTK API version (libwebkit2gtk-4.1-0 ships it for 4.1)."""
    found = sorted(
        glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser") + glob.glob("/usr/libexec/webkit2gtk-4.*/MiniBrowser")
    )
    if not found:
        raise RuntimeError(f"WebKitGTK's MiniBrowser was not found under /usr/lib/*/webkit2gtk-4.*/: {INSTALL}")
    return found[-1]


class EnginePage(Protocol):
    """One page of one browser engine."""

    engine: str  # one of ENGINES
    version: str

    def open(self, url: str) -> None:
        """Go to `url` and wait for its load event."""

    def run(self, function: str, *args: Any) -> Any:
        """Call a JavaScript function (its source) in the page with JSON arguments; a promise is
        awaited. The function's result comes back as JSON."""

    def click(self, selector: str) -> None:
        """Click the element's middle with the engine's own input events (after bringing it to where a
        person could click it)."""

    def pdf(self) -> bytes | None:
        """The page printed to PDF by the engine, or None if its driver cannot print."""

    def print_media(self, on: bool) -> bool:
        """Switch the page to print media (or back); False if the driver cannot."""

    def close(self) -> None: ...


def wait_for(page: EnginePage, selector: str, state: str = "visible", timeout_ms: int = 30_000) -> float:
    """Wait in the page until `selector` is attached, visible or hidden; the milliseconds it took."""
    return page.run(WAIT_FOR, selector, state, timeout_ms)


def wait_for_engine(page: EnginePage, timeout_ms: int = 90_000) -> float:
    return wait_for(page, ENGINE_READY, "attached", timeout_ms)


def _make_clickable(page: EnginePage, selector: str) -> dict:
    """The middle of the element, in the viewport, once a person could click it there."""
    for _ in range(10):
        point = page.run(MAKE_CLICKABLE, selector)
        if point:
            return point
        time.sleep(0.05)
    raise RuntimeError(f"{selector} stays off screen or under something else")


def answer_in_page(page: EnginePage, answers: dict, bank: dict | None = None, timeout_ms: int = 30_000) -> None:
    """Answer every question shown for `answers` with the controls' own clicks, in one call to the
    page (answer-in-page.js), then wait for "Check your answers": the quick way, where the engine's
    own input events are not what is tested (EngineDriver gives those, at a round trip per action)."""
    steps = [[question["id"], options] for question, options in in_page_order(answers, bank)]
    page.run(ANSWER_IN_PAGE, steps, timeout_ms)


class EngineDriver:
    """Answers the self-check (devkit.browser.answer_self_check) in any engine: waits for each step's
    heading to show, and clicks each answer and button as a person does."""

    def wait_for_step(self, page: EnginePage, question_id: str) -> None:
        wait_for(page, f"#sc-q-{question_id}-title")

    def choose(self, page: EnginePage, selector: str) -> None:
        page.click(selector)
        if not page.run("(s) => document.querySelector(s).checked", selector):
            raise RuntimeError(f"the click on {selector} did not choose that answer")

    def press(self, page: EnginePage, selector: str) -> None:
        page.click(selector)

    def wait_for_review(self, page: EnginePage) -> None:
        wait_for(page, REVIEW_SHOWN)


# ---- Chromium, through Playwright ----


class ChromiumPage:
    """A page in a new context (its own cache and storage) of a Playwright Chromium browser."""

    engine = "chromium"

    def __init__(self, browser, proxy: str | None = None):
        # Chromium sends 127.0.0.1 past any proxy unless told not to ("<-loopback>").
        settings = {"server": f"http://{proxy}", "bypass": "<-loopback>"} if proxy else None
        self.context = browser.new_context(viewport=VIEWPORT, proxy=settings)
        self.page = self.context.new_page()
        self.version = browser.version

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")

    def run(self, function: str, *args: Any) -> Any:
        return self.page.evaluate(f"(args) => ({function})(...args)", list(args))

    def click(self, selector: str) -> None:
        _make_clickable(self, selector)
        self.page.click(selector)

    def pdf(self) -> bytes | None:
        return self.page.pdf()

    def print_media(self, on: bool) -> bool:
        self.page.emulate_media(media="print" if on else "null")  # "null": no emulation (None keeps it)
        return True

    def close(self) -> None:
        self.context.close()


# ---- Firefox ESR, through puppeteer-core over WebDriver BiDi (devkit/firefox.mjs) ----


class FirefoxPage:
    """Debian's Firefox ESR with a new profile, driven by devkit/firefox.mjs: one JSON request a line
    on its standard input, one JSON reply a line on its standard output."""

    engine = "firefox"

    def __init__(self, proxy: str | None = None, timeout_s: float = 180):
        if not Path(FIREFOX).exists():
            raise RuntimeError(f"{FIREFOX} is missing: {INSTALL}")
        self._timeout = timeout_s
        self._next = 0
        self._buffer = b""
        # Its messages go to a file, read if it fails (a pipe that nobody reads could fill and stall it).
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in _stop)
        options = {"executablePath": FIREFOX, "proxy": proxy, "viewport": VIEWPORT}
        self._process = subprocess.Popen(
            ["node", str(FIREFOX_BRIDGE), json.dumps(options)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=ROOT,
            env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        )
        try:
            self.version = self._call("version").removeprefix("firefox/")
        except BaseException:
            self._stop()
            raise

    def _call(self, op: str, **args) -> Any:
        self._next += 1
        request = {"id": self._next, "op": op, **args}
        self._process.stdin.write((json.dumps(request) + "\n").encode())
        self._process.stdin.flush()
        deadline = time.monotonic() + self._timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._process.stdout], [], [], max(0, left))
            chunk = os.read(self._process.stdout.fileno(), 1 << 20) if ready else b""
            if not chunk:
                problem = "timed out" if left <= 0 or not ready else "ended"
                raise RuntimeError(f"Firefox's driver {problem} during {op}: {self._error_output()}")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        reply = json.loads(line)
        if not reply["ok"]:
            raise RuntimeError(f"Firefox, {op}: {reply['error']}")
        return reply["value"]

    def _error_output(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")[-4000:]

    def open(self, url: str) -> None:
        self._call("open", url=url)

    def run(self, function: str, *args: Any) -> Any:
        return self._call("run", source=function, args=list(args))

    def click(self, selector: str) -> None:
        point = _make_clickable(self, selector)
        self._call("click", x=point["x"], y=point["y"])

    def pdf(self) -> bytes | None:
        return base64.b64decode(self._call("pdf"))

    def print_media(self, on: bool) -> bool:
        return False  # puppeteer cannot emulate a media type in Firefox over WebDriver BiDi

    def close(self) -> None:
        try:
            if self._process.poll() is None:
                self._call("close")
        finally:
            self._stop()

    def _stop(self) -> None:
        self._process.stdin.close()  # the script ends when its input does
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for stream in (self._process.stdout, self._stderr):
            stream.close()


# ---- WebKitGTK, through Selenium and WebKitWebDriver, on an Xvfb display ----


class Xvfb:
    """An X display in memory for WebKitGTK's MiniBrowser, on a free display number; use with `with`."""

    def __enter__(self):
        if not shutil.which("Xvfb"):
            raise RuntimeError(f"Xvfb is missing: {INSTALL}")
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        number = b""
        ready, _, _ = select.select([read], [], [], 30)
        while ready and not number.endswith(b"\n"):
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
        os.close(read)
        if not number.strip():
            self.process.kill()
            self.process.wait()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number.decode().strip()}"
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# Selenium's execute_async_script runs this with the function's source put in place: the function
# is compiled by the driver, never by eval in the page (which the page's policy forbids).
_ASYNC_CALL = """const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, -1);
Promise.resolve().then(() => (%s)(...args)).then(
  (value) => done({ok: true, value: value === undefined ? null : value}),
  (error) => done({ok: false, error: String(error && error.stack || error)}));"""


class WebKitPage:
    """WebKitGTK's MiniBrowser in automation mode (a new, ephemeral session), on its own Xvfb display."""

    engine = "webkitgtk"

    def __init__(self, proxy: str | None = None):
        from selenium import webdriver
        from selenium.webdriver.common.proxy import Proxy, ProxyType
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        if not Path(WEBKIT_DRIVER).exists():
            raise RuntimeError(f"{WEBKIT_DRIVER} is missing: {INSTALL}")
        self._xvfb = Xvfb().__enter__()
        try:
            options = Options()
            options.binary_location = minibrowser()
            options.add_argument("--automation")
            if proxy:
                options.proxy = Proxy(
                    {"proxyType": ProxyType.MANUAL, "httpProxy": proxy, "sslProxy": proxy, "noProxy": []}
                )
            service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": self._xvfb.display})
            with warnings.catch_warnings():
                # Selenium's own WebKitGTK driver still sets its server address the deprecated way.
                warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
                self.driver = webdriver.WebKitGTK(options=options, service=service)
        except BaseException:
            self._xvfb.__exit__(None, None, None)
            raise
        self.driver.set_window_size(VIEWPORT["width"], VIEWPORT["height"])
        self.driver.set_script_timeout(180)
        self.driver.set_page_load_timeout(120)
        self.version = self.driver.capabilities.get("browserVersion", "")

    def open(self, url: str) -> None:
        self.driver.get(url)

    def run(self, function: str, *args: Any) -> Any:
        reply = self.driver.execute_async_script(_ASYNC_CALL % function, *args)
        if not reply["ok"]:
            raise RuntimeError(f"WebKitGTK: {reply['error']}")
        return reply["value"]

    def click(self, selector: str) -> None:
        from selenium.webdriver.common.by import By

        _make_clickable(self, selector)
        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def pdf(self) -> bytes | None:
        return None  # WebKitWebDriver has no Print Page command

    def print_media(self, on: bool) -> bool:
        return False  # nor a way to switch the page to print media

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self._xvfb.__exit__(None, None, None)


@contextmanager
def engine_page(engine: str, proxy: str | None = None, chromium=None):
    """A page of `engine` (one of ENGINES), closed afterwards. For Chromium, `chromium` is a
    Playwright browser to open a context in; without one, a Playwright Chromium is launched here."""
    if engine == "chromium":
        if chromium is not None:
            page = ChromiumPage(chromium, proxy)
            try:
                yield page
            finally:
                page.close()
            return
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = ChromiumPage(browser, proxy)
                try:
                    yield page
                finally:
                    page.close()
            finally:
                browser.close()
        return
    page = {"firefox": FirefoxPage, "webkitgtk": WebKitPage}[engine](proxy)
    try:
        yield page
    finally:
        page.close()
