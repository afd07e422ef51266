"""Accessibility in Chromium with axe-core (WCAG 2.2 A and AA, and axe's best practices: names for
dialogs and landmarks, headings in order), in the light and the dark palette:
every page of the default site and the example clinic, and every step of the self-check. The other
palette is checked by switching the open page, which a test shows gives the same colours as opening
the page in it. Each gate has a negative case."""

import pytest

from devkit.answers import complete_answers, in_page_order
from devkit.browser import wait_for_engine

from .helpers import RUNTIME_FILES, hold_the_runtime, in_page_js, site_pages
from .palette import (
    COLOUR_PROPERTIES,
    COLOURS,
    SCHEMES,
    at_rest,
    colour_differences,
    covering_pages,
    palette_of,
    system_palette,
    use_palette,
)

# The WCAG rules, and axe's best practices (which Lighthouse's accessibility audit runs too).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
AXE_RUN = in_page_js("axe-run")


def axe_violations(page, axe_url, selector="html"):
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(url=axe_url)
    at_rest(page)
    return page.evaluate(AXE_RUN, [selector, WCAG_TAGS])


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
    """Each self-check page as it first shows, while its engine starts (the steps and the result, with
    the engine ready, are the next test's)."""
    server = audited.server
    page = light_page
    hold_the_runtime(page)
    problems = []
    for path in audited.paths:
        page.goto(server.origin + path)
        # The palette follows the system (use_palette emulates the system preference it switches to, and
        # the theme keeps the choice: the pages open in light and in dark in turn).
        assert palette_of(page) == system_palette(page), path
        for scheme, violation in axe_in_both_palettes(page, axe_url):
            problems.append(f"{scheme} {path}: {violation['id']}: {violation['help']} at {violation['nodes']}")
    assert not problems, "\n".join(problems)


def test_switching_the_palette_in_the_page_gives_the_same_colours_as_opening_it_in_that_palette(browser, audited):
    """What lets the axe tests check a page's other palette by switching the open page to it, instead of
    loading the page again: on pages that between them have every kind of element of the site, each
    element's computed colours are the same either way, from light to dark and from dark to light. (Only
    CSS keyed on the body's palette attributes, which the switch sets, decides the colours: the
    self-check's script has no palette logic, so its later states follow the same rules.)"""
    site, server = audited.site, audited.server
    contexts = [browser.new_context(color_scheme=name) for name in SCHEMES]
    for context in contexts:
        # No CSS depends on the engine's state and these pages only compare colours: without the Python
        # runtime, the self-check pages do not start two engines at once.
        context.route(RUNTIME_FILES, lambda route: route.abort())
    pages = [context.new_page() for context in contexts]
    paths = covering_pages(site)
    assert "/self-check/" in paths and len(paths) < len(site_pages(site))
    differences = []
    for path in paths:
        for page in pages:
            page.goto(server.origin + path)
            at_rest(page)
            assert palette_of(page) == system_palette(page), f"{path}: the palette follows the system"
        assert {palette_of(page) for page in pages} == set(SCHEMES)
        # Each page is switched to the palette the other one opened in, and compared with it. (The theme
        # keeps the choice, so in each context the next page opens in the palette it was switched to.)
        opened = {palette_of(page): page.evaluate(COLOURS, COLOUR_PROPERTIES) for page in pages}
        for page in pages:
            start = palette_of(page)
            end = "dark" if start == "light" else "light"
            use_palette(page, end)
            differences += colour_differences(
                opened[end], page.evaluate(COLOURS, COLOUR_PROPERTIES), f"{path} from {start} to {end}"
            )
    for context in contexts:
        context.close()
    assert not differences, "\n".join(differences[:40])


def test_the_palette_comparison_notices_a_colour_that_differs(browser, site_server):
    """Negative case: one element's colour changed on the switched page is reported, and only it."""
    opened = browser.new_context(color_scheme="dark").new_page()
    switched = browser.new_context(color_scheme="light").new_page()
    for page in (opened, switched):
        page.goto(site_server.origin + "/risks-and-side-effects/")
        at_rest(page)
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
    page.wait_for_function(
        """() => {
        const focused = document.activeElement;
        return focused && focused.matches("h2[tabindex='-1']") && focused.checkVisibility();
    }""",
        timeout=5000,
    )


def test_every_self_check_step_and_result_has_no_wcag_violations_in_light_and_dark(light_page, site_server, axe_url):
    page = light_page
    # The steps are checked while the engine starts, as the page lets people answer meanwhile (so the
    # first ones usually see the status line saying so); the review is checked again once it is ready.
    page.goto(site_server.origin + "/self-check/")
    problems = []
    answers = complete_answers(self_harm="yes", suicide_plan="no", sedatives=["opioids"])

    def check(step, selector="[data-sc-root]"):
        problems.extend(
            f"{scheme} {step}: {v['id']} {v['nodes']}" for scheme, v in axe_in_both_palettes(page, axe_url, selector)
        )

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
    wait_for_engine(page)
    # With the result laid out in advance, unseen, in the page (aria-hidden, nothing in it focusable).
    page.wait_for_selector("[data-sc-result].sc-result--staged .sc-result__answers", state="attached")
    check("review with the engine ready and the result laid out in advance")
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    settled(page)
    check("result", "html")
    assert not problems, "\n".join(problems)


def test_axe_catches_a_broken_page(scheme_page, site_server, axe_url):
    """Negative case: the gate fails when an image has no text alternative and a button no name (WCAG),
    and when a dialog has no name or a heading skips a level (best practices)."""
    page = scheme_page
    page.goto(site_server.origin + "/")
    page.evaluate("""() => {
        const img = document.createElement("img"); img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        const button = document.createElement("button");
        const dialog = document.createElement("div"); dialog.setAttribute("role", "dialog");
        dialog.textContent = "A dialog without a name";
        const heading = document.createElement("h5"); heading.textContent = "Three levels below the title";
        const article = document.querySelector("article");
        article.querySelector("h1").after(heading);
        article.append(img, button, dialog);
    }""")
    ids = {v["id"] for v in axe_violations(page, axe_url)}
    assert {"image-alt", "button-name", "aria-dialog-name", "heading-order"} <= ids, ids


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
