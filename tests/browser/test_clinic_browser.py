"""The example clinic in a real browser, and served by a real nginx with the shipped configuration."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from devkit.answers import complete_answers
from devkit.browser import answer_self_check, wait_for_engine
from sitekit.nginx import server_block
from sitekit.serve import SiteServer

from .helpers import EXAMPLE_BANK, RequestLog, storage_snapshot


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


# One answer set per result (the example clinic's bank): the clinic's box and its booking link show
# only where talking about this treatment is the next step.
# Each result after one that showed the box, so that a box left over from an earlier result is caught.
CLINIC_SCENARIOS = {
    "worth-discussing": {"main_concern": "depression", "diagnosed": "yes", "antidepressants_tried": "two_or_more"},
    "urgent-help": {"suicide_intent": "not_sure"},
    "review-first": {
        "lungs_breathing": "yes",
        "main_concern": "depression",
        "diagnosed": "yes",
        "antidepressants_tried": "two_or_more",
    },
    "under-18": {"age": "under_18"},
    "not-advised": {
        "ketamine_reaction": "allergy",
        "main_concern": "depression",
        "diagnosed": "yes",
        "antidepressants_tried": "two_or_more",
    },
    "other-steps-first": {"main_concern": "anxiety", "bladder": "yes"},
}
SHOWS_THE_BOX = {
    "worth-discussing": True,
    "urgent-help": False,
    "review-first": True,
    "under-18": False,
    "not-advised": False,
    "other-steps-first": False,
}


def test_the_clinics_booking_link_shows_only_where_a_conversation_is_the_next_step(page, example_server):
    page.goto(example_server.origin + "/self-check/")
    wait_for_engine(page)
    booking = "[data-sc-result] a[href='https://riverside-clinic.example/book']"
    assert page.locator(booking).count() == 1
    seen = {}
    for tier, chosen in CLINIC_SCENARIOS.items():
        answers = complete_answers(EXAMPLE_BANK, **chosen)
        answer_self_check(page, answers, EXAMPLE_BANK)
        page.click("[data-sc-submit]")
        page.wait_for_selector("[data-sc-result]:not([hidden])")
        seen[tier] = page.get_attribute("[data-sc-result]", "data-tier")
        shown = page.is_visible("[data-sc-clinic]")
        assert shown == SHOWS_THE_BOX[tier], (tier, shown)
        assert page.is_visible(booking) == shown
        page.click("[data-sc-restart]")
        page.wait_for_selector("#sc-q-danger_now-title", state="visible")
    # Anxiety with a bladder problem: the precaution outranks "other steps first" in the title, and
    # still no booking link, as the usual first treatments come first.
    assert seen == {**{tier: tier for tier in CLINIC_SCENARIOS}, "other-steps-first": "review-first"}


def test_the_embed_page_has_no_site_chrome_but_keeps_crisis_help(page, example_server):
    page.goto(example_server.origin + "/embed/self-check/")
    wait_for_engine(page)
    assert page.is_hidden(".md-header") and page.locator(".md-sidebar").count() == 0
    assert page.locator(".md-footer").count() == 0
    assert page.is_visible(".kit-crisis-banner") and page.is_visible("#sc-q-danger_now-title")
    assert "General information, not medical advice" in page.text_content("body")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(example_site, tmp_path_factory):
    """Debian's nginx serving the example site with the generated configuration, on 127.0.0.1."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is needed: make setup installs Debian's nginx-light"
    port = free_port()
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "site.conf").write_text(server_block(example_site, listen=f"127.0.0.1:{port}"))
    (prefix / "nginx.conf").write_text(f"""
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
{"user root;" if __import__("os").geteuid() == 0 else ""}
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
""")
    process = subprocess.Popen(
        [binary, "-c", str(prefix / "nginx.conf"), "-p", str(prefix), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx stopped: {process.stdout.read().decode()}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


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
