"""The Spanish edition in Chromium: every tier of its self-check gives the command line's tier with
the Spanish bank and shows the Spanish words, crisis help in Spanish comes at once, and every page
leads to the same page in the other language. (Privacy, the policy, axe and the links are checked on
every page of the built site, the Spanish ones included, by their own gates.)"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from devkit.answers import complete_answers, in_page_order
from devkit.browser import answer_self_check, wait_for_engine
from devkit.engines import ANSWER_IN_PAGE
from quiz.bank import DEFAULT_BANK, load_bank, translate

from .helpers import ROOT, hold_the_runtime
from .test_engines import ANSWER_SETS

SPANISH = translate(load_bank(), DEFAULT_BANK, "es")
RESULT_SHOWN = "[data-sc-result]:not([hidden])"


def cli_tier_in_spanish(answers: dict, folder) -> tuple[str, str]:
    """The tier and its title that `python -m quiz evaluate --lang es` gives."""
    path = folder / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "quiz", "evaluate", str(path), "--lang", "es"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(run.stdout)
    return result["tier"], result["title"]


def test_each_tier_of_the_spanish_self_check_is_the_command_lines(page, site_server, tmp_path):
    page.goto(f"{site_server.origin}/es/self-check/")
    assert page.get_attribute("html", "lang") == "es"
    # A red flag shows crisis help at once, in Spanish, before the engine has started: the text
    # buttons send the word that reaches the lines' Spanish-speaking counsellors.
    page.check("#sc-danger_now-yes")
    page.wait_for_selector("[data-sc-crisis]:not([hidden])", timeout=1000)
    assert page.locator("[data-sc-crisis] a[href='sms:988?&body=AYUDA']").count() == 1
    assert page.locator("[data-sc-crisis] a[href='sms:741741?&body=AYUDA']").count() == 1
    page.goto(f"{site_server.origin}/es/self-check/")
    wait_for_engine(page)
    given = {}
    for number, (tier, chosen) in enumerate(ANSWER_SETS.items()):
        answers = complete_answers(SPANISH, **chosen)
        expected = cli_tier_in_spanish(answers, tmp_path)
        # The first answer set with Playwright's own clicks, the others in the page in one call each
        # (devkit/js/answer-in-page.js), as the engines' test does.
        if number:
            page.click("[data-sc-restart]")
            steps = [[question["id"], options] for question, options in in_page_order(answers, SPANISH)]
            page.evaluate(f"(args) => ({ANSWER_IN_PAGE})(...args)", [steps, 30_000])
        else:
            answer_self_check(page, answers, SPANISH)
        page.click("[data-sc-submit]")
        page.wait_for_selector(RESULT_SHOWN)
        given[tier] = (page.get_attribute("[data-sc-result]", "data-tier"), page.text_content("[data-sc-result-title]"))
        assert given[tier] == expected, f"{tier}: the page gave {given[tier]}, the command line {expected}"
        assert expected[1] == SPANISH["tiers"][tier]["title"]
    assert [tier for tier, _ in given.values()] == list(ANSWER_SETS)


@pytest.mark.parametrize("path", ["/conditions/ocd/", "/self-check/"])
def test_each_page_leads_to_the_same_page_in_the_other_language_and_back(page, site_server, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    hold_the_runtime(page)  # the link, not the engine
    page.goto(f"{site_server.origin}{path}")
    assert page.get_attribute("html", "lang") == "en"
    page.click("a.kit-language")
    page.wait_for_url(f"{site_server.origin}/es{path}")
    assert page.get_attribute("html", "lang") == "es"
    assert page.text_content("a.kit-language").strip() == "English"
    page.click("a.kit-language")
    page.wait_for_url(f"{site_server.origin}{path}")
    # No request the pages do not need (the theme fetches a sitemap beside any <link rel=alternate>).
    assert not [url for url in requested if "sitemap" in url], requested


def test_the_spanish_crisis_page_says_how_to_reach_each_line_in_spanish(page, site_server):
    page.goto(f"{site_server.origin}/es/crisis-help/")
    text = page.inner_text("article")
    assert "llame al 988 y oprima 2" in text and "AYUDA" in text
    assert page.locator("article a[href='tel:988']").count() >= 1
