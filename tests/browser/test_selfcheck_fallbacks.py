"""The self-check when something is missing or wrong: crisis help with Python blocked, the engine
unable to start, no WebAssembly, no JavaScript, the page script missing or failing, and tampered
answers sent to the worker."""

import pytest

from devkit.answers import complete_answers
from devkit.browser import answer_self_check

from .helpers import (
    BANK,
    PAGE_SCRIPT,
    RUNTIME_FILES,
    open_self_check,
    visible_parts,
)


def test_a_red_flag_shows_crisis_help_at_once_even_with_python_blocked(page, site_server):
    page.route(RUNTIME_FILES, lambda route: route.abort())
    open_self_check(page, site_server, wait_ready=False)
    assert page.is_hidden("[data-sc-crisis]")
    page.check("#sc-danger_now-yes")
    page.wait_for_selector("[data-sc-crisis]:not([hidden])", timeout=1000)
    assert page.is_visible("#sc-crisis-title")
    assert "988" in page.text_content("[data-sc-crisis]")
    assert "Crisis help is shown" in page.text_content("[data-sc-alert]")
    assert page.get_attribute("[data-sc-alert]", "aria-live") == "assertive"
    page.click("[data-sc-continue]")
    # The next step is applied in the task after the click's.
    page.wait_for_selector("#sc-q-self_harm-title", state="visible", timeout=2000)  # the person may carry on


@pytest.mark.parametrize("blocked", ["**/pyodide/314.0.7/python_stdlib-*.zip", "**/assets/selfcheck/engine/*.whl"])
def test_when_the_engine_cannot_start_the_page_says_so_and_keeps_the_questions(page, site_server, blocked):
    page.route(blocked, lambda route: route.fulfill(status=404, body="not here"))
    open_self_check(page, site_server, wait_ready=False)
    # Without the engine's wheel the runtime loads first, which takes more than 10 s on a busy machine;
    # a refused file fails the start at once, and the reason is checked.
    page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=30000)
    assert "could not start (it could not load)" in page.text_content("[data-sc-status]")
    answer_self_check(page, complete_answers())
    page.click("[data-sc-submit]")
    page.wait_for_selector("[data-sc-result]:not([hidden])")
    assert "could not work out a result" in page.text_content("[data-sc-result-title]")
    assert "Your answers" in page.text_content("[data-sc-result]")


def test_without_webassembly_the_page_says_so_within_seconds(page, site_server):
    page.add_init_script("delete globalThis.WebAssembly")
    open_self_check(page, site_server, wait_ready=False)
    page.wait_for_selector("[data-sc-root][data-engine=failed]", state="attached", timeout=5000)
    assert "does not run WebAssembly" in page.text_content("[data-sc-status]")
    assert page.is_visible("#sc-q-danger_now-title")


def test_without_javascript_every_question_is_a_checklist_with_crisis_help(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_server.origin}/self-check/")
    for question in BANK["questions"]:
        assert page.is_visible(f"#sc-q-{question['id']}-title"), question["id"]
        assert question["why"].split()[0] in page.text_content(f"#sc-q-{question['id']} .sc-why")
    assert page.is_visible("#sc-crisis-title")
    assert page.is_visible(".kit-crisis-banner")
    context.close()


def test_if_the_page_script_never_arrives_the_checklist_with_crisis_help_comes_back(page, site_server):
    page.route(PAGE_SCRIPT, lambda route: route.abort())
    page.goto(f"{site_server.origin}/self-check/")
    assert visible_parts(page) == {
        "first question": True,
        "second question": True,
        "checklist note": True,
        "crisis panel": True,
        "crisis banner": True,
    }
    for question in BANK["questions"]:
        assert page.is_visible(f"#sc-q-{question['id']}-title"), question["id"]
    assert page.is_hidden("[data-sc-nav]"), "no Continue button that could do nothing"


def test_if_the_set_up_fails_the_checklist_with_crisis_help_comes_back(page, site_server):
    # The page's set-up reads the bank; a bank element that is not JSON makes it throw.
    def unparsable_bank(route):
        response = route.fetch()
        html, tag = response.text(), '<script type="application/json" id="sc-bank">'
        start = html.index(tag) + len(tag)
        route.fulfill(response=response, body=html[:start] + "not json" + html[html.index("</script>", start) :])

    page.route("**/self-check/", unparsable_bank)
    errors = []
    # Playwright marks each handler with an attribute, which a built-in method cannot take.
    page.on("pageerror", lambda error: errors.append(error))  # noqa: PLW0108
    page.goto(f"{site_server.origin}/self-check/")
    page.wait_for_function("() => !document.querySelector('[data-sc-root]').classList.contains('sc--starting')")
    assert errors, "the set-up failed as intended"
    assert visible_parts(page) == {
        "first question": True,
        "second question": True,
        "checklist note": True,
        "crisis panel": True,
        "crisis banner": True,
    }


TAMPERED = [
    ({"danger_now": "<img src=x onerror=alert(1)>"}, "has no option"),
    ({"not_a_question": "yes"}, "unknown question"),
    ({"sedatives": "none"}, "takes a list"),
    ([1, 2, 3], "answers must be an object"),
    ("not json at all", "not valid JSON"),
    ({"danger_now": "no"}, "these questions have no answer"),
]


def test_tampered_answers_posted_to_the_worker_get_a_clear_error_never_a_crash(page, site_server):
    """Answers sent straight to the worker, bypassing the page, are checked by the engine."""
    open_self_check(page, site_server, wait_ready=False)
    replies = page.evaluate(
        """async (cases) => {
        const root = document.querySelector("[data-sc-root]");
        const base = new URL("../", location.href);
        const worker = new Worker(new URL("assets/selfcheck/worker.mjs", base), {type: "module"});
        const next = () => new Promise((resolve) => worker.addEventListener("message", function on(e) {
            if (e.data.type === "ready" || e.data.type === "failed" || e.data.type === "result") {
                worker.removeEventListener("message", on); resolve(e.data);
            }
        }));
        worker.postMessage({type: "start", runtimeURL: new URL(root.dataset.runtime, base).href,
            stdlibURL: new URL(root.dataset.stdlib, base).href,
            lockURL: new URL(root.dataset.engineLock, base).href, packageName: root.dataset.enginePackage,
            bank: document.getElementById("sc-bank").textContent});
        const started = await next();
        const out = [started];
        for (const [i, answers] of cases.entries()) {
            worker.postMessage({type: "evaluate", id: i,
                answers: typeof answers === "string" ? answers : JSON.stringify(answers)});
            out.push(await next());
        }
        worker.postMessage({type: "evaluate", id: 99, answers: 42});
        out.push(await next());
        worker.terminate();
        return out;
    }""",
        [answers for answers, _ in TAMPERED],
    )
    assert replies[0]["type"] == "ready"
    for reply, (_, expected) in zip(replies[1:], TAMPERED, strict=False):
        assert reply["type"] == "result" and reply["ok"] is False
        assert expected in reply["error"], reply
    assert replies[-1]["ok"] is False and "answers must be an object" in replies[-1]["error"]
