"""Engine ready and last answer to result in each browser engine Debian has: Chromium, Firefox ESR
and WebKitGTK, side by side in the same run, measured alike in all three (devkit/engines.py drives
them): each load is a cold one in a new browser (or, for Chromium, a new context: an empty cache),
of our self-check page from the benchmark's own server, answered in the page while the engine starts,
with "See my result" clicked through each engine's own input events.

The probe (engine-probe.js) is installed once the page has loaded, because WebKitWebDriver cannot
add a script before the page's own; the engine starts seconds later. Chromium's figures here are
therefore not the main tables' (which come from an earlier probe and Element Timing): they are
measured the way the other engines can be, so the three compare."""

from __future__ import annotations

import time
from pathlib import Path

from devkit.answers import complete_answers
from devkit.browser import page_function
from devkit.engines import ENGINE_NAMES, ENGINES, answer_in_page, engine_page, wait_for

from .figures import summary

HERE = Path(__file__).resolve().parent
PROBE = page_function(HERE / "engine-probe.js")
FIGURES = ("load_ms", "ready_ms", "result_ms", "result_dom_ms")
ROWS = (  # (figure, label)
    ("load_ms", "Load event"),
    ("ready_ms", "Engine ready"),
    ("result_ms", "Last answer to result shown (the frame after it drawn)"),
    ("result_dom_ms", "Last answer to result in the DOM"),
)


def one_load(page, url: str) -> dict:
    page.open(url)
    if page.run(PROBE):
        raise RuntimeError(f"{page.engine}: the engine was ready before the load event; engine ready cannot be timed")
    answer_in_page(page, complete_answers())  # while the engine starts, as people may
    wait_for(page, "[data-sc-root][data-engine=ready], [data-sc-root][data-engine=failed]", "attached", 180_000)
    if page.run("() => window.__engineProbe.failed") is not None:
        raise RuntimeError(f"{page.engine}: the page said the engine could not start")
    page.click("[data-sc-submit]")
    deadline = time.monotonic() + 30
    while (probe := page.run("() => window.__engineProbe"))["resultShown"] is None:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{page.engine}: no result 30 s after the click: {probe}")
        time.sleep(0.05)
    click = probe["click"]
    return {
        "load_ms": probe["load"],
        "ready_ms": probe["ready"],
        "result_ms": probe["resultShown"] - click,
        "result_dom_ms": probe["resultDom"] - click,
    }


def measure(playwright, chromium_launch: dict, server, path: str, runs: int, progress=print) -> dict:
    """`runs` cold loads in each engine, the three in turn within each run (so a change in the
    machine's load hits all alike). Chromium is launched once; each of its loads has a new context."""
    found = {engine: {"name": ENGINE_NAMES[engine], "version": None, "loads": []} for engine in ENGINES}
    chromium = playwright.chromium.launch(**chromium_launch)
    try:
        for number in range(1, runs + 1):
            for engine in ENGINES:
                with engine_page(engine, chromium=chromium) as page:
                    found[engine]["version"] = page.version
                    figures = one_load(page, server.origin + path)
                found[engine]["loads"].append(figures)
                progress(
                    f"engines        {engine:<9} #{number}: ready {figures['ready_ms']:.0f} ms, "
                    f"result {figures['result_ms']:.0f} ms (DOM {figures['result_dom_ms']:.1f} ms)"
                )
    finally:
        chromium.close()
    for entry in found.values():
        entry["summary"] = {name: summary([load[name] for load in entry["loads"]]) for name in FIGURES}
    return found


def markdown(engines: dict) -> list[str]:
    """The engines' table for latest.md: a column per engine, median (min to max) over the loads."""
    from .report import _cell

    shown = [entry for entry in engines.values() if entry["loads"]]
    if not shown:
        return []
    out = [
        "## Engines: Chromium, Firefox ESR and WebKitGTK, measured alike (cold desktop loads)",
        "",
        "- Browsers: " + "; ".join(f"{entry['name']} {entry['version']}" for entry in shown) + ".",
        f"- Loads: {len(shown[0]['loads'])} cold per engine, the engines in turn within each run; each "
        "a new browser (Chromium: a new context), our self-check page from the same server, answered "
        'in the page while the engine starts, "See my result" clicked with the engine\'s own input '
        "events. Timed by a probe installed at the load event, from the "
        "navigation's start (WebKitWebDriver cannot add a script earlier), so Chromium's figures here "
        "are not the main tables': they are taken the way every engine allows.",
        "- WebKitGTK runs on an Xvfb display (software drawing); it is not iOS Safari, whose memory "
        "limits and speed differ.",
        "",
        "| figure | " + " | ".join(entry["name"] for entry in shown) + " |",
        "|---|" + "---|" * len(shown),
    ]
    for name, label in ROWS:
        out.append(f"| {label} (ms) | " + " | ".join(_cell(entry["summary"][name], "ms") for entry in shown) + " |")
    out.append("")
    return out
