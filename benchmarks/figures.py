"""Figures from one measured load (measure.load), and summaries over runs: median, min, max."""

from __future__ import annotations

import mimetypes
import statistics
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitekit.serve import SiteHandler

LONG_TASK_MS = 50
AFTER_RESULT_MS = 500
# The folders the runtime and the engine load from (ours, and the baseline's stock runtime).
RUNTIME_PREFIXES = ("/pyodide/", "/baseline-runtime/")
ENGINE_PREFIXES = (*RUNTIME_PREFIXES, "/assets/selfcheck/engine/")
# Long-frame time that no script entry covers: style, layout, paint, parsing, and the continuations
# of async functions (which is where the baseline's Python start-up shows up).
UNATTRIBUTED = "(not attributed to a script)"
SELF_CHECK_SCRIPTS = ("/assets/selfcheck/", "/bench/", "/pyodide/", "/baseline-runtime/")


def content_type(path) -> str:
    """The Content-Type the server sends for a file (by its name, as SiteHandler decides)."""
    suffix = Path(path).suffix
    return SiteHandler.extensions_map.get(suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"


def url_path(url: str) -> str:
    return unquote(urlsplit(url).path)


def result_ms(probe: dict, click: float | None) -> float | None:
    """Click on "See my result" to the result shown: the moment the screen presented the first paint
    of the result's heading (Element Timing's renderTime), if it was then wholly on screen and below
    the sticky header. None if there was no click, or if that first paint was not on screen (the
    targets count such a load against us)."""
    painted = probe.get("resultPainted") or {}
    if click is None or not (painted.get("onScreen") and painted.get("time")):
        return None
    return painted["time"] - click


def load_figures(raw: dict, server, compressor) -> dict:
    """Every figure of one load; None where the load has no such thing (e.g. no engine on an article)."""
    probe = raw["probe"]
    fcp = probe["paint"].get("first-contentful-paint")
    ready, answerable = probe["ready"], probe["answerable"]
    click = probe["click"]["timeStamp"] if probe["click"] else None
    # Long tasks count up to the engine being ready or, after a click on "See my result", until half
    # a second after the result was shown (what the page does after it, such as moving focus to its
    # heading, counts too). The harness reads the page only after that.
    shown = (probe.get("resultPainted") or {}).get("time")
    end = max(value for value in (ready, probe["resultDom"], shown and shown + AFTER_RESULT_MS, 0) if value is not None)
    tasks = [task for task in probe["longTasks"] if task["start"] <= end] if end else probe["longTasks"]
    before_ready = [task["start"] + task["duration"] for task in tasks if ready is not None and task["start"] < ready]
    figures = {
        "fcp_ms": fcp,
        "answerable_ms": answerable,
        # Answerable AND the main thread free: no long task is still to come before the engine is ready.
        "interactive_ms": max([answerable, *before_ready]) if answerable is not None else None,
        "ready_ms": ready,
        "engine_failed": int(probe["failed"] is not None),
        "result_ms": result_ms(probe, click),
        "result_dom_ms": probe["resultDom"] - click if click is not None and probe["resultDom"] else None,
        "long_tasks": len(tasks),
        "long_task_ms": sum(task["duration"] for task in tasks),
        "tbt_ms": sum(max(0.0, task["duration"] - LONG_TASK_MS) for task in tasks),
        "longest_task_ms": max((task["duration"] for task in tasks), default=0.0),
        "wasm_memory_bytes": raw["wasm_memory"],
        "js_heap_bytes": raw["heap"]["usedSize"] if raw["heap"] else None,
    }
    figures.update(transfer(raw, server, compressor))
    figures["long_frame_sources"] = long_frame_sources(probe["frames"], end)
    figures.update(self_check_tasks(tasks, probe["frames"]))
    if raw["throttling"]:
        figures.update(throttling_evidence(raw))
    return figures


def transfer(raw: dict, server, compressor) -> dict:
    """Bytes of every response of the page and its workers: raw, gzip -9 and brotli as a host sends
    them (computed from the served files), and what the server really sent in this load."""
    totals = {"raw": 0, "gzip": 0, "br": 0}
    files = []
    unmatched = []
    for response in raw["responses"]:
        path = url_path(response["url"])
        file = server.file_for(path)
        if file is None:
            unmatched.append(path)
            continue
        sizes = compressor.sizes(file, content_type(file))
        files.append({"path": path, **sizes})
        for key, total in totals.items():
            totals[key] = None if total is None or sizes[key] is None else total + sizes[key]
    served_paths = {entry["path"] for entry in raw["served"]}
    loaded_paths = [url_path(response["url"]) for response in raw["responses"]]
    return {
        "bytes_raw": totals["raw"],
        "bytes_gzip": totals["gzip"],
        "bytes_brotli": totals["br"],
        "bytes_sent": sum(entry["bytes"] for entry in raw["served"]),
        "responses": len(raw["responses"]),
        "server_requests": len(raw["served"]),
        # Responses the browser got without asking the server: from its cache.
        "from_cache": sum(1 for path in loaded_paths if path not in served_paths),
        "runtime_requests": sum(1 for path in loaded_paths if path.startswith(RUNTIME_PREFIXES)),
        "runtime_requests_to_server": sum(1 for path in served_paths if path.startswith(RUNTIME_PREFIXES)),
        "unmatched_paths": unmatched,
        "files": sorted(files, key=lambda item: -item["raw"]),
    }


def long_frame_sources(frames: list, end: float) -> dict:
    """Long animation frames up to `end`, their time split by the script that ran (by URL path)."""
    sources: dict[str, float] = {}
    for frame in frames:
        if end and frame["start"] > end:
            continue
        scripted = 0.0
        for script in frame["scripts"]:
            name = url_path(script["url"]) or f"({script['invoker']})"
            sources[name] = sources.get(name, 0.0) + script["duration"]
            scripted += script["duration"]
        rest = frame["duration"] - scripted
        if rest > 0:
            sources[UNATTRIBUTED] = sources.get(UNATTRIBUTED, 0.0) + rest
    return {name: round(ms, 1) for name, ms in sorted(sources.items(), key=lambda item: -item[1])}


def self_check_tasks(tasks: list, frames: list) -> dict:
    """Long tasks and the self-check's own scripts in them (page script, worker glue, runtime, the
    baseline's stand-in), matched by time with the scripts that long animation frames name.

    A long task is one the self-check made long when its scripts ran in it and the rest of the task
    was under 50 ms: without them it would not have been long. (A task where the theme's handlers
    alone take 50 ms or more stays the theme's, even when the self-check's module runs in it too.)"""
    scripts = [
        script
        for frame in frames
        for script in frame["scripts"]
        if url_path(script["url"]).startswith(SELF_CHECK_SCRIPTS)
    ]
    made_long, with_scripts, most = [], 0, 0.0
    for task in tasks:
        start, end = task["start"], task["start"] + task["duration"]
        inside = [
            script for script in scripts if min(end, script["start"] + script["duration"]) > max(start, script["start"])
        ]
        own = sum(min(end, script["start"] + script["duration"]) - max(start, script["start"]) for script in inside)
        if own > 0:
            with_scripts += 1
            if task["duration"] - own < LONG_TASK_MS:
                made_long.append(
                    {
                        "start_ms": round(start),
                        "duration_ms": task["duration"],
                        "script_ms": round(own, 1),
                        "by": sorted({script["invoker"] for script in inside}),
                        "scripts": [
                            f"{script['type']} {url_path(script['url']).rsplit('/', 1)[-1]} "
                            f"{script['where']} {script['duration']:.1f} ms"
                            for script in inside
                        ],
                    }
                )
        most = max(most, own)
    return {
        "self_check_long_tasks": len(made_long),
        "self_check_tasks": with_scripts,
        "self_check_script_ms": most,
        "self_check_long_task_list": made_long,
    }


def throttling_evidence(raw: dict) -> dict:
    """Did the simulated network reach the engine's requests (the worker's, in our page)?"""
    sent = {entry["path"]: entry["bytes"] for entry in raw["served"]}
    rates, first_bytes = [], []
    for response in raw["responses"]:
        path = url_path(response["url"])
        if not path.startswith(ENGINE_PREFIXES) or response["response_start"] is None:
            continue
        if response["request_start"] is not None and response["request_start"] >= 0:
            first_bytes.append(response["response_start"] - response["request_start"])
        if path.endswith(".wasm") and path in sent and response["response_end"] > response["response_start"]:
            rates.append(sent[path] * 8 / 1000 / (response["response_end"] - response["response_start"]))
    throttling = raw["throttling"]
    return {
        "engine_min_first_byte_ms": min(first_bytes) if first_bytes else None,
        "wasm_download_mbit_s": max(rates) if rates else None,
        "worker_cpu_throttling": sorted({worker["cpu_throttling"] or "no answer" for worker in throttling["workers"]}),
    }


def summary(values: list) -> dict | None:
    numbers = [value for value in values if isinstance(value, (int, float)) and not isinstance(value, bool)]
    if not numbers:
        return None
    return {"median": statistics.median(numbers), "min": min(numbers), "max": max(numbers), "n": len(numbers)}


def ratio(ours: dict | None, other: dict | None) -> float | None:
    """Ratio of medians; None when either is missing or the denominator is zero."""
    if not ours or not other or not other["median"]:
        return None
    return ours["median"] / other["median"]
