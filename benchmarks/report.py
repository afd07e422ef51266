"""The machine, and the results as a readable table (stdout and latest.md) and as JSON (latest.json)."""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path

from quiz.runtime import manifest

from . import engines
from .measure import CHROMIUM
from .run import RATIO_FIGURES

ROWS = (  # (figure, label, unit)
    ("fcp_ms", "First contentful paint", "ms"),
    ("answerable_ms", "First question answerable (visible, enabled)", "ms"),
    ("interactive_ms", "... and no long task still to come before ready", "ms"),
    ("ready_ms", "Engine ready (floor: wasm fetched and compiled)", "ms"),
    ("engine_failed", "Page said the engine could not start (nothing arrived for 30 s, or an error)", "count"),
    ("result_ms", "Last answer to result shown (heading's first paint on screen, presented)", "ms"),
    ("result_dom_ms", "Last answer to result in the DOM", "ms"),
    ("long_tasks", "Long tasks on the main thread (all sources)", "count"),
    ("long_task_ms", "Long tasks, total duration", "ms"),
    ("tbt_ms", "Total blocking time", "ms"),
    ("longest_task_ms", "Longest task", "ms"),
    ("self_check_long_tasks", "Long tasks the self-check's scripts made long", "count"),
    ("self_check_tasks", "Long tasks in which self-check scripts ran", "count"),
    ("self_check_script_ms", "Self-check script time in one long task, most", "ms"),
    ("wasm_memory_bytes", "Python's WebAssembly memory", "MB"),
    ("js_heap_bytes", "Page JS heap (used) at ready", "MB"),
    ("bytes_raw", "Bytes of every response, raw", "MB"),
    ("bytes_gzip", "... as a host sends them, gzip -9", "MB"),
    ("bytes_brotli", "... as a host sends them, brotli", "MB"),
    ("bytes_sent", "Bytes the server sent in this load", "MB"),
    ("server_requests", "Requests that reached the server", "count"),
    ("from_cache", "Responses from the browser's cache", "count"),
    ("runtime_requests_to_server", "Runtime files requested from the server", "count"),
    ("engine_min_first_byte_ms", "Engine files: shortest time to first byte", "ms"),
    ("wasm_download_mbit_s", "Wasm download speed", "Mbit/s"),
)
VARIANTS = ("ours", "baseline", "floor", "article")
RATIO_LABELS = {
    "ready_ms": "engine ready",
    "long_task_ms": "long tasks, total",
    "tbt_ms": "total blocking time",
    "bytes_brotli": "bytes (brotli)",
    "bytes_sent": "bytes sent in the load",
}


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
    memory_kb = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal")))
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "chromium": chromium,
        "os": platform.platform(),
        "python": platform.python_version(),
        "playwright": version("playwright"),
        "pyodide": manifest()["version"],
    }


def _value(number, unit: str) -> str:
    if number is None:
        return "-"
    if unit == "MB":
        return f"{number / 1e6:.2f}"
    if unit == "count":
        return f"{number:g}"
    if unit == "load":
        return f"{number:.2f}"
    return f"{number:.0f}" if abs(number) >= 10 else f"{number:.1f}"


def _cell(stats: dict | None, unit: str) -> str:
    if not stats:
        return "-"
    if stats["min"] == stats["max"]:
        return _value(stats["median"], unit)
    return f"{_value(stats['median'], unit)} ({_value(stats['min'], unit)}–{_value(stats['max'], unit)})"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _pressure(results: dict) -> list[str]:
    before, after = results.get("cpu_pressure_before"), results.get("cpu_pressure_after")
    if not before or not after:
        return []
    return [
        f"- CPU pressure (Linux PSI, share of time some task waited for a CPU; 10 s / 60 s averages): "
        f"{before['avg10']:.0f}% / {before['avg60']:.0f}% before, {after['avg10']:.0f}% / {after['avg60']:.0f}% "
        "after. Before the run, only other work on the machine or on its host can cause it."
    ]


def markdown(results: dict) -> str:
    meta, plan = results["machine"], results["plan"]
    load_before = ", ".join(f"{value:.2f}" for value in results["load_average_before"])
    load_after = ", ".join(f"{value:.2f}" for value in results["load_average_after"])
    mobile = results["settings"]["mobile"]
    slow = results["settings"].get("slow 4G")
    out = [
        "# Self-check benchmark",
        "",
        f"- Date: {results['date']}",
        f"- Machine: {meta['cpu']}, {meta['cores']} cores, {meta['memory_gb']} GB memory; {meta['os']}",
        f"- Browser: {meta['chromium']} (headless, Playwright {meta['playwright']}); Pyodide {meta['pyodide']}",
        f"- Load average (1, 5, 15 min): {load_before} before, {load_after} after; 1 min, after each load (this "
        f"benchmark's own Chromium included): "
        f"{_cell(results['load_average_during'], 'load')}; the run took {results['seconds']:.0f} s",
        *_pressure(results),
        f"- Runs: desktop {plan['runs']} cold"
        + (f" + {plan['runs']} warm" if plan["warm"] else "")
        + f"; mobile {plan['mobile_runs']} cold. Cells: median (min–max). MB = 1,000,000 bytes.",
        f"- Mobile: {mobile['download_bytes_per_s'] * 8 / 1e6:g} Mbit/s down, "
        f"{mobile['upload_bytes_per_s'] * 8 / 1e3:g} kbit/s up, {mobile['latency_ms']:g} ms latency "
        f"(CDP Network.emulateNetworkConditions), CPU {mobile['cpu_rate']:g}x slower "
        f"(CDP Emulation.setCPUThrottlingRate), viewport {mobile['viewport']['width']}x"
        f"{mobile['viewport']['height']}. {results['throttling_note']}",
        *(
            [
                f"- Slow 4G (Lighthouse's): {slow['download_bytes_per_s'] * 8 / 1e6:g} Mbit/s down, "
                f"{slow['upload_bytes_per_s'] * 8 / 1e3:g} kbit/s up, {slow['latency_ms']:g} ms latency, CPU "
                f"{slow['cpu_rate']:g}x slower, set as for mobile."
            ]
            if slow
            else []
        ),
        f"- Compression: the server sends brotli (quality {results['brotli_quality']}) for text, scripts, JSON "
        "and wasm, as static hosts do; zip, wheel and images as they are.",
        *checks(results),
        "- Ours: the built site's /self-check/ (Pyodide in a module Web Worker, trimmed lock file). Baseline: the "
        "same page with Python on the main thread from the stock runtime files and stock lock file (as peers "
        "do). Floor: fetch and WebAssembly.compileStreaming of pyodide.asm.wasm alone. Article: "
        "/risks-and-side-effects/.",
        "",
    ]
    for scenario, variants in results["summary"].items():
        shown = [variant for variant in VARIANTS if variant in variants]
        out += [
            f"## {scenario[0].upper()}{scenario[1:]}",
            "",
            "| figure | " + " | ".join(shown) + " |",
            "|---|" + "---|" * len(shown),
        ]
        for name, label, unit in ROWS:
            cells = [_cell(variants[variant].get(name), unit) for variant in shown]
            if any(cell != "-" for cell in cells):
                out.append(f"| {label} ({unit}) | " + " | ".join(cells) + " |")
        out.append("")
    out += [
        "## Ratios: ours / baseline and ours / floor (medians of this run)",
        "",
        'Below 1: ours is faster, blocks less or is smaller. "-": a median is zero or missing.',
        "",
        "| scenario | figure | ours / baseline | ours / floor |",
        "|---|---|---|---|",
    ]
    for scenario, figures in results["ratios"].items():
        for name in RATIO_FIGURES:
            pair = figures[name]
            out.append(f"| {scenario} | {RATIO_LABELS[name]} | {_ratio(pair['baseline'])} | {_ratio(pair['floor'])} |")
    out += ["", *engines.markdown(results.get("engines") or {})]
    out += ["## Targets", "", "| target | met | measured |", "|---|---|---|"]
    for target in results["targets"]:
        met = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        out.append(f"| {target['target']} | {met} | {target['measured']} |")
    out += ["", "## Where the bytes are (ours, cold)", "", "| file | raw | gzip -9 | brotli |", "|---|---|---|---|"]
    files = results["runs"].get("desktop cold", {}).get("ours", [{}])[0].get("files", [])
    for item in files[:8]:
        out.append(
            f"| {item['path']} | {_value(item['raw'], 'MB')} | {_value(item['gzip'], 'MB')} | "
            f"{_value(item['br'], 'MB')} |"
        )
    out += ["", "## Long tasks the self-check made long (every load)", ""]
    for scenario, variants in results["runs"].items():
        tasks = [task for figures in variants.get("ours", []) for task in figures["self_check_long_task_list"]]
        if not tasks:
            out.append(f"- {scenario}: none")
            continue
        by = sorted({invoker.rsplit("/", 1)[-1] for task in tasks for invoker in task["by"]})
        durations = [task["duration_ms"] for task in tasks]
        scripted = [task["script_ms"] for task in tasks]
        out.append(
            f"- {scenario}: {len(tasks)} in {len(variants['ours'])} loads, {min(durations):.0f}–"
            f"{max(durations):.0f} ms long, with {min(scripted):.0f}–{max(scripted):.0f} ms of self-check "
            f"script; run by: {', '.join(by)}"
        )
        out += [
            f"  - at {task['start_ms']} ms, {task['duration_ms']:.0f} ms: {'; '.join(task['scripts'])}"
            for task in tasks
        ]
    out += [
        "",
        "The attribution matches long tasks with the scripts that long animation frames name. Python "
        "that runs in async continuations on the baseline's main thread is not named there, so for the "
        "baseline these rows undercount: its long-task totals tell.",
        "",
    ]
    out += ["## Where the long tasks come from (one traced cold load, desktop)", ""]
    for page, tasks in results["long_task_trace"].items():
        if tasks is None:
            out.append(f"- **{page}**: the trace did not show the page; nothing to attribute")
            continue
        out.append(
            f"- **{page}**: "
            + (
                "no long task"
                if not tasks
                else "; ".join(
                    f"{task['duration_ms']:.0f} ms at {task['start_ms']:.0f} ms: "
                    + ", ".join(f"{label} {ms:.0f} ms" for label, ms in task["parts"].items() if ms >= 1)
                    for task in tasks
                )
            )
        )
    out.append("")
    return "\n".join(out)


def checks(results: dict) -> list[str]:
    """How this run knows its cold loads were cold, its warm loads warm, and the worker throttled."""
    runs = results["runs"]

    def most(scenario, name, pick=max):
        values = [
            figures[name]
            for loads in runs.get(scenario, {}).values()
            for figures in loads
            if figures.get(name) is not None
        ]
        return pick(values) if values else None

    cached = [
        value for value in (most("desktop cold", "from_cache"), most("mobile cold", "from_cache")) if value is not None
    ]
    lines = [
        f"- Cold: every cold load in a new Chromium profile in a new temporary folder (an empty HTTP "
        f"cache); responses taken from the cache in cold loads: at most {max(cached, default=0)}."
    ]
    if "desktop warm" in runs:
        lines.append(
            f"- Warm: a second page in the same profile; runtime files requested from the server in "
            f"warm loads: at most {most('desktop warm', 'runtime_requests_to_server')} (the rest came "
            "from the browser's cache, by the server's log)."
        )
    for scenario, label in (("mobile cold", "Mobile"), ("slow 4G cold", "Slow 4G")):
        ours = runs.get(scenario, {}).get("ours", [])
        first_bytes = [figures["engine_min_first_byte_ms"] for figures in ours if figures["engine_min_first_byte_ms"]]
        speeds = [figures["wasm_download_mbit_s"] for figures in ours if figures["wasm_download_mbit_s"]]
        if first_bytes and speeds:
            lines.append(
                f"- {label}, our worker's requests: first byte at the earliest {min(first_bytes):.0f} ms "
                f"after the request, wasm at {min(speeds):.1f}–{max(speeds):.1f} Mbit/s: the network "
                "conditions reached the worker."
            )
    return lines


def write(results: dict, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in (
        ("latest.json", json.dumps(results, indent=1, default=str) + "\n"),
        ("latest.md", markdown(results)),
    ):
        path = folder / name
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
        paths.append(path)
    return paths[0], paths[1]


def stamp(results: dict) -> None:
    started = datetime.datetime.fromtimestamp(results["started"]).astimezone()
    results["date"] = started.strftime("%Y-%m-%d %H:%M %Z")
    results["machine"] = machine()
