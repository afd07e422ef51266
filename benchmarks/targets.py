"""The self-check's performance targets, judged from the figures of one run.

Each is reported as measured, met or not."""

from __future__ import annotations

import statistics

from devkit.answers import complete_answers, default_bank
from quiz.engine import shown_questions

# "Before a person could plausibly finish answering": the fastest plausible person reads the
# questions and options they are shown at 300 words a minute (quicker than the usual 238 for
# silent reading of non-fiction) and takes 1 s to choose an answer and go on, and 1 s to ask for
# the result. These are assumptions, stated with the figure; the words are counted from the bank.
READING_WORDS_PER_MINUTE = 300
SECONDS_PER_ANSWER = 1.0
BYTES_LIMIT = 3_500_000
RESULT_LIMIT_MS = 100


def fastest_answering_s() -> dict:
    """The quickest plausible time to answer the shortest path through the default bank."""
    questions = shown_questions(default_bank(), complete_answers())
    words = sum(
        len(text.split())
        for question in questions
        for text in (question["text"], *(option["label"] for option in question["options"]))
    )
    seconds = words / READING_WORDS_PER_MINUTE * 60 + (len(questions) + 1) * SECONDS_PER_ANSWER
    return {
        "questions": len(questions),
        "words": words,
        "seconds": round(seconds, 1),
        "assumption": f"{READING_WORDS_PER_MINUTE} words a minute and {SECONDS_PER_ANSWER:g} s per answer",
    }


def _ours(results: dict, scenario: str) -> list[dict]:
    return results["runs"].get(scenario, {}).get("ours", [])


# The targets are judged on the settings they were set for; slow 4G (its own table in the results)
# is a harder network than those, measured so that the engine's start on it is known, not judged.
JUDGED = ("desktop cold", "desktop warm", "mobile cold")


def _judged(results: dict) -> list[str]:
    return [scenario for scenario in results["runs"] if scenario in JUDGED]


def _all_ours(results: dict) -> list[dict]:
    return [figures for scenario in _judged(results) for figures in _ours(results, scenario)]


def judge(results: dict) -> list[dict]:
    found = []

    def target(name, met, measured):
        found.append({"target": name, "met": met, "measured": measured})

    loads = _all_ours(results)
    own = [figures["self_check_long_tasks"] for figures in loads]
    page = [figures["long_tasks"] for figures in loads]
    worst = max(loads, key=lambda figures: figures["self_check_script_ms"], default=None)
    target(
        "Zero long tasks from the self-check on the main thread",
        max(own) == 0 if own else None,
        f"long tasks the self-check's scripts made long: {sum(own)} over {len(own)} loads "
        f"(at most {max(own, default=0)} in one); most self-check script time in one long task: "
        f"{worst['self_check_script_ms'] if worst else 0:.0f} ms. Long tasks on the page from all sources "
        f"(theme script, first layout; see the trace): {min(page, default=0)} to {max(page, default=0)} per load",
    )

    def per_scenario(values_of) -> str:
        parts = []
        for scenario in _judged(results):
            values = [value for figures in _ours(results, scenario) if (value := values_of(figures)) is not None]
            if values:
                parts.append(f"{scenario} {statistics.median(values):.0f} ({min(values):.0f} to {max(values):.0f})")
        return "; ".join(parts)

    def gap(figures):
        if figures["answerable_ms"] is None or figures["fcp_ms"] is None:
            return None
        return figures["answerable_ms"] - figures["fcp_ms"]

    gaps = [value for figures in loads if (value := gap(figures)) is not None]
    target(
        "First question answerable at first paint",
        bool(gaps) and max(gaps) <= 0,
        "answerable minus first contentful paint, ms, median (min to max): "
        + per_scenario(gap)
        + ". At most 0: the first question was in the first painted frame",
    )

    results_ms = [figures["result_ms"] for figures in loads if figures["result_ms"] is not None]
    # A load whose result reached the page but whose heading never came on screen counts against us.
    unseen = sum(1 for figures in loads if figures["result_dom_ms"] is not None and figures["result_ms"] is None)
    target(
        f"Result within {RESULT_LIMIT_MS} ms of the last answer when the engine is ready",
        bool(results_ms) and not unseen and max(results_ms) < RESULT_LIMIT_MS,
        "click on 'See my result' to the first paint of the result's heading on screen, as presented "
        "(Element Timing), ms, median (min to max): "
        + per_scenario(lambda figures: figures["result_ms"])
        + (f"; {unseen} load(s) whose result's heading was not on screen when first painted" if unseen else ""),
    )

    mobile = [figures["ready_ms"] for figures in _ours(results, "mobile cold") if figures["ready_ms"] is not None]
    answering = fastest_answering_s()
    warm = results["summary"].get("desktop warm", {}).get("ours", {}).get("ready_ms")
    rate = results["settings"]["mobile"]["cpu_rate"]
    estimate = (
        f"; if the worker were {rate:g}x slower too (estimate, not measured: mobile ready + "
        f"{rate - 1:g} x desktop warm ready): {(max(mobile) + (rate - 1) * warm['median']) / 1000:.1f} s"
        if mobile and warm
        else ""
    )
    slow = [figures["ready_ms"] for figures in _ours(results, "slow 4G cold") if figures["ready_ms"] is not None]
    failed = sum(figures["engine_failed"] for figures in _ours(results, "slow 4G cold"))
    on_slow = (
        f"; on slow 4G (not judged) ready in "
        f"{statistics.median(slow) / 1000:.1f} s ({min(slow) / 1000:.1f} to {max(slow) / 1000:.1f}) over "
        f"{len(slow)} loads, {failed} start(s) given up"
        if slow
        else ""
    )
    target(
        "Engine ready before a person could plausibly finish answering (simulated mobile)",
        bool(mobile) and max(mobile) / 1000 < answering["seconds"] if mobile else None,
        f"ready at most {max(mobile, default=0) / 1000:.1f} s on the mobile settings (network on page and "
        f"worker, CPU on the main thread only); fastest plausible answering {answering['seconds']:.0f} s "
        f"({answering['questions']} questions, {answering['words']} words, {answering['assumption']}){estimate}"
        f"{on_slow}",
    )

    cold = list(_ours(results, "desktop cold"))
    brotli = [figures["bytes_brotli"] for figures in cold if figures["bytes_brotli"] is not None]
    gzip = [figures["bytes_gzip"] for figures in cold]
    target(
        f"Under {BYTES_LIMIT / 1e6:g} MB compressed for the whole self-check page (cold)",
        bool(brotli) and max(brotli) < BYTES_LIMIT if brotli else None,
        f"brotli {max(brotli, default=0) / 1e6:.2f} MB, gzip -9 {max(gzip, default=0) / 1e6:.2f} MB, "
        f"raw {max((f['bytes_raw'] for f in cold), default=0) / 1e6:.2f} MB",
    )

    articles = results["runs"].get("desktop cold", {}).get("article", [])
    runtime = [figures["runtime_requests"] for figures in articles]
    target(
        "Article pages load no Pyodide byte",
        max(runtime) == 0 if runtime else None,
        f"requests under the runtime folder from the article page: {max(runtime, default=0)} over {len(runtime)} loads",
    )
    return found
