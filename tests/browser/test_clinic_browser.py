"""The example clinic in a real browser, and served by a real nginx with the shipped configuration; the
bytes a cold load of the self-check sends through that configuration."""

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from benchmarks.targets import BYTES_LIMIT
from devkit.answers import complete_answers
from devkit.browser import answer_self_check, wait_for_engine
from devkit.nginx import serving
from quiz.engine import evaluate
from sitekit.serve import SiteServer
from tests.example_clinic import EXAMPLE_BANK, EXAMPLE_SCENARIOS

from .helpers import RequestLog, storage_snapshot, wait_for_requests_to_end


@pytest.fixture(scope="module")
def example_server(example_site):
    with SiteServer(example_site) as server:
        yield server


def test_the_example_clinics_branding_contact_and_region_show(page, example_server):
    page.goto(example_server.origin + "/")
    header = page.locator(".md-header")
    assert header.evaluate("(el) => getComputedStyle(el).backgroundColor") == "rgb(31, 95, 91)"
    assert page.get_attribute(".md-header__button.md-logo img", "src").endswith("assets/clinic/logo.svg")
    banner = page.text_content(".kit-crisis-banner")
    assert "116 123" in banner and "999" in banner and "Samaritans" in banner
    clinic = page.text_content(".kit-clinic")
    # The UK's regulatory status (data/regulatory.yml), not the US label's.
    for text in (
        "Riverside Clinic (an invented example)",
        "+44 20 7946 0000",
        "hello@riverside-clinic.example",
        "Esketamine nasal spray (Spravato)",
        "NICE does not recommend it",
        "SSRI or SNRI",
        "off-label",
        "Monday to Friday",
    ):
        assert text in clinic, text
    assert "FDA" not in clinic and "January 2025" not in clinic
    assert page.get_attribute(".kit-clinic a[href^='https://riverside-clinic.example/book']", "href")


def test_the_example_clinics_self_check_uses_its_bank_and_shows_the_clinic(page, context, example_server):
    log = RequestLog().attach(context)
    page.goto(example_server.origin + "/self-check/")
    wait_for_engine(page)
    before_answers = len(log.entries)
    answers = complete_answers(
        EXAMPLE_BANK,
        main_concern="depression",
        diagnosed="yes",
        antidepressants_tried="two_or_more",
        clinic_travel="no",
    )
    answer_self_check(page, answers, EXAMPLE_BANK)
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert page.get_attribute("[data-sc-result]", "data-tier") == "worth-discussing"
    assert "Ask us about clinics nearer to you" in page.text_content("[data-sc-result]")
    assert page.is_visible("[data-sc-clinic]")
    assert all(url.startswith(example_server.origin) for url in log.urls())
    assert log.urls(before_answers) == [], "no request at all after the first answer"
    assert context.cookies() == []
    stored = storage_snapshot(page)
    assert stored["session"] == {} and stored["indexedDB"] == [] and "clinic_travel" not in str(stored)


# Results of the example clinic's bank with and without the clinic's box, each result without it after
# one that showed it, so that a box left over is caught. "other-steps-first" has the tier of a result
# with the box (review-first) but no conversation: the box follows the engine's conversation, not the
# tier. (tests/test_clinic.py checks each scenario's tier and conversation in CPython.)
IN_THE_PAGE = ("worth-discussing", "other-steps-first", "review-first", "urgent-help")


def test_the_clinics_booking_link_shows_only_where_a_conversation_is_the_next_step(page, example_server):
    page.goto(example_server.origin + "/self-check/")
    wait_for_engine(page)
    booking = "[data-sc-result] a[href='https://riverside-clinic.example/book']"
    assert page.locator(booking).count() == 1
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    shown_for = {}
    for name in IN_THE_PAGE:
        chosen, _tier, _conversation = EXAMPLE_SCENARIOS[name]
        answers = complete_answers(EXAMPLE_BANK, **chosen)
        expected = evaluate(EXAMPLE_BANK, answers)
        answer_self_check(page, answers, EXAMPLE_BANK)
        page.click("[data-sc-submit]")
        page.wait_for_selector("[data-sc-result]:not([hidden])")
        assert page.get_attribute("[data-sc-result]", "data-tier") == expected["tier"], name
        shown_for[name] = page.is_visible("[data-sc-clinic]")
        assert shown_for[name] == expected["conversation"], name
        assert page.is_visible(booking) == shown_for[name], name
        page.click("[data-sc-restart]")
        try:
            page.wait_for_selector("#sc-q-danger_now-title", state="visible")
        except PlaywrightTimeoutError:
            view = page.evaluate("document.body.dataset.scView")
            raise AssertionError(
                f"after {name}, Start again left the page on {view!r}; page errors: {errors}"
            ) from None
    assert list(shown_for.values()) == [True, False, True, False], shown_for
    assert not errors, errors


def test_the_embed_page_has_no_site_chrome_but_keeps_crisis_help(page, example_server):
    page.goto(example_server.origin + "/embed/self-check/")
    wait_for_engine(page)
    assert page.is_hidden(".md-header") and page.locator(".md-sidebar").count() == 0
    assert page.locator(".md-footer").count() == 0
    assert page.is_visible(".kit-crisis-banner") and page.is_visible("#sc-q-danger_now-title")
    assert "General information, not medical advice" in page.text_content("body")


@pytest.fixture(scope="module")
def nginx(example_site, tmp_path_factory):
    """Debian's nginx serving the example site with the generated configuration, on 127.0.0.1."""
    with serving(example_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server.origin


def test_nginx_serves_the_site_with_the_security_headers_and_the_self_check_works(page, context, nginx):
    log = RequestLog().attach(context)
    responses = {}
    page.on("response", lambda response: responses.setdefault(response.url, response))
    first = page.goto(nginx + "/self-check/")
    headers = first.headers
    assert "'wasm-unsafe-eval'" in headers["content-security-policy"]
    assert "frame-ancestors 'self' https://www.riverside-clinic.example" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert "camera=()" in headers["permissions-policy"]
    wait_for_engine(page)
    wasm = next(r for url, r in responses.items() if url.endswith("pyodide.asm.wasm"))
    assert wasm.headers["content-type"] == "application/wasm"
    assert "immutable" in wasm.headers["cache-control"]
    worker = next(r for url, r in responses.items() if url.endswith("worker.mjs"))
    assert worker.headers["content-type"].startswith("text/javascript")
    answer_self_check(page, complete_answers(EXAMPLE_BANK, clinic_travel="yes", vascular="yes"), EXAMPLE_BANK)
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert page.get_attribute("[data-sc-result]", "data-tier") == "not-advised"
    assert all(url.startswith(nginx) for url in log.urls())
    assert page.request.get(nginx + "/_headers").status == 404


def cold_self_check_load(browser, server) -> list:
    """What nginx sent for one load of the self-check page in a new profile (nothing cached), until the
    engine is ready and every request of the page and its worker has ended."""
    context = browser.new_context()
    page = context.new_page()
    log = RequestLog().attach(context)
    page.goto(server.origin + "/self-check/")
    wait_for_engine(page)
    wait_for_requests_to_end(page, log, 0)
    context.close()
    return server.sent()


def over_budget(sent: list) -> str | None:
    """Why a cold load's bodies as sent are over the self-check page's byte budget, or None."""
    total = sum(entry.body_bytes for entry in sent)
    if total < BYTES_LIMIT:
        return None
    largest = ", ".join(
        f"{e.path} {e.body_bytes / 1e6:.3f} MB ({e.encoding or 'as it is'})"
        for e in sorted(sent, key=lambda e: -e.body_bytes)[:4]
    )
    return f"{total / 1e6:.3f} MB sent, over the {BYTES_LIMIT / 1e6:g} MB budget. Largest: {largest}"


def test_a_cold_self_check_load_through_nginx_sends_the_brotli_copies_under_the_byte_budget(
    browser, built_site, tmp_path, record_property
):
    """The bytes on the wire, counted by nginx itself, for a cold load of the default site's self-check
    through the generated configuration: with Debian's brotli_static module the build's .br copies go
    out, under the 3.5 MB budget. The same load with brotli off (the .gz copies, made with Zopfli) is
    the negative case: the budget check refuses it, and its figure is reported beside brotli's."""
    figures = {}
    for brotli in ("auto", "off"):
        with serving(built_site, tmp_path / brotli, brotli=brotli) as server:
            if brotli == "auto":
                assert server.brotli.on, f"brotli_static is off: {server.brotli.reason} (make system-deps installs it)"
                assert "    brotli_static on;\n" in server.config
            else:
                assert "brotli_static" not in server.config.replace("# brotli_static off", "")
            sent = cold_self_check_load(browser, server)
            # A missing page is answered in the language of the edition it was asked of.
            for path, language in (("/no-such-page/", "en"), ("/es/no-such-page/", "es")):
                with pytest.raises(urllib.error.HTTPError) as missing:
                    urllib.request.urlopen(server.origin + path, timeout=10)
                assert missing.value.code == 404, path
                assert f'<html lang="{language}"' in missing.value.read().decode(), path
        expected = "br" if brotli == "auto" else "gzip"
        wasm = next(entry for entry in sent if entry.path.endswith(".wasm"))
        assert wasm.status == 200 and wasm.encoding == expected, wasm
        # The build's own copy went out, byte for byte (not one nginx compressed as it sent it).
        copy = built_site / (wasm.path.lstrip("/") + (".br" if expected == "br" else ".gz"))
        assert wasm.body_bytes == copy.stat().st_size
        texts = [entry for entry in sent if entry.path.endswith((".html", ".js", ".mjs", ".css", ".json"))]
        assert texts and all(entry.encoding == expected for entry in texts), [(e.path, e.encoding) for e in texts]
        figures[expected] = sent
    for encoding, sent in figures.items():
        record_property(
            "figure",
            f"nginx, cold self-check load, {encoding}: {sum(e.body_bytes for e in sent) / 1e6:.3f} MB of "
            f"bodies ({sum(e.bytes for e in sent) / 1e6:.3f} MB with headers) in {len(sent)} responses",
        )
    assert over_budget(figures["br"]) is None, over_budget(figures["br"])
    assert over_budget(figures["gzip"]) is not None, "the budget check let the gzip-only load through"
