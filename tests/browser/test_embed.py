"""The embed page inside a clinic's page, with the lines HOSTING.md gives the clinic (the site served
with its headers, the clinic's page on the same 127.0.0.1 origin, which frame-ancestors 'self' allows):
the frame fits its content at load and at every change of size, a message from anywhere else is
ignored, and links to other pages open in the whole window, outside the frame."""

import re

from devkit.answers import complete_answers
from devkit.browser import answer_self_check, wait_for_engine

from .helpers import BANK, ROOT

EXAMPLE_SITE = "https://learn.example-clinic.org"
ANSWERS = complete_answers(main_concern="depression", diagnosed="yes", antidepressants_tried="two_or_more")


def clinic_page(origin: str) -> str:
    """The clinic's page: HOSTING.md's lines, with the test site's address for the example's."""
    guide = (ROOT / "HOSTING.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Embedding the self-check") :]
    lines = re.search(r"```html\n(.*?)```", section, re.S)[1]
    assert EXAMPLE_SITE in lines and 'addEventListener("message"' in lines
    lines = lines.replace(EXAMPLE_SITE, origin)
    return f"<!doctype html><html><head><title>Clinic</title></head><body><h1>Our clinic</h1>\n{lines}</body></html>"


# The frame fits when its height is its content's, as the embed page measures it (its article's bottom
# and margin); the clinic's page is on the same origin here, so it can read the frame's document.
FITS = """() => {
  const frame = document.getElementById('ketamine-self-check');
  const article = frame.contentDocument && frame.contentDocument.querySelector('.md-content__inner');
  if (!article) return false;
  const margin = parseFloat(frame.contentWindow.getComputedStyle(article).marginBottom);
  const want = Math.ceil(article.getBoundingClientRect().bottom + frame.contentWindow.scrollY + margin);
  return Math.abs(frame.getBoundingClientRect().height - want) <= 1;
}"""


def fits(page, frame):
    """Wait until the frame's height is its content's, then check its document does not scroll."""
    page.wait_for_function(FITS, timeout=10_000)
    assert frame.evaluate("() => document.documentElement.scrollHeight <= innerHeight + 1")
    return page.evaluate("() => document.getElementById('ketamine-self-check').getBoundingClientRect().height")


def test_the_embedded_self_check_fits_its_frame_and_opens_links_outside_it(browser, csp_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    host = f"{csp_server.origin}/__clinic-page.html"
    page.route(host, lambda route: route.fulfill(body=clinic_page(csp_server.origin), content_type="text/html"))
    page.goto(host)
    frame = page.wait_for_selector("#ketamine-self-check").content_frame()
    frame.wait_for_selector(".sc--enhanced", state="attached")
    first = fits(page, frame)
    assert first > 960, "the frame grew from its 60rem to the whole self-check"
    # Only the frame's own messages count: one from the clinic's page itself is ignored.
    page.evaluate("() => postMessage({type: 'ketamine-self-check:height', height: 50}, '*')")
    page.wait_for_timeout(100)
    assert fits(page, frame) > 960
    # Links to other pages lead out of the frame; a link to a part of the page stays in it.
    links = frame.evaluate("""() => [...document.querySelectorAll('a[href]')].map((a) => ({
        href: a.getAttribute('href'), target: a.target, rel: a.rel}))""")
    elsewhere = [link for link in links if not link["href"].startswith("#")]
    assert elsewhere, links
    for link in elsewhere:
        assert link["target"] == "_top" or (link["target"] == "_blank" and "noopener" in link["rel"]), link
    wait_for_engine(frame)
    answer_self_check(frame, ANSWERS)
    review = fits(page, frame)
    frame.click("[data-sc-submit]")
    frame.wait_for_selector("[data-sc-result]:not([hidden])")
    fits(page, frame)
    frame.click("[data-sc-restart]")
    frame.wait_for_selector(f"#sc-q-{BANK['questions'][0]['id']}-title", state="visible")
    assert fits(page, frame) < review, "the frame shrinks with its content"
    wait_for_engine(frame)
    answer_self_check(frame, ANSWERS)
    frame.click("[data-sc-submit]")
    frame.wait_for_selector("[data-sc-result]:not([hidden])")
    read_more = frame.locator("[data-sc-result-body] a", has_text="Read more").first
    target = read_more.evaluate("(a) => a.href")
    read_more.click()
    page.wait_for_url(target)
    assert page.main_frame.url != host and page.locator("#ketamine-self-check").count() == 0, (
        "it opened outside the frame"
    )
    context.close()
