"""The benchmark's schedule: build the site, serve it and the comparison pages, measure every load,
and summarise. Ours, the baseline and the floor are measured in turn within each run, each in its
own new profile, so that a change in the machine's load hits all three alike."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from devkit.browser import CHROMIUM, CHROMIUM_ARGS

from . import diagnosis, engines, pages
from .compression import BROTLI_QUALITY, Compressor
from .figures import content_type, load_figures, ratio, summary
from .host import HostServer
from .measure import fresh_profile, load
from .throttling import DESKTOP, MOBILE, SLOW_4G

# Figures summarised as median, min and max over the runs of a scenario.
FIGURES = (
    "fcp_ms",
    "answerable_ms",
    "interactive_ms",
    "ready_ms",
    "engine_failed",
    "result_ms",
    "result_dom_ms",
    "long_tasks",
    "long_task_ms",
    "tbt_ms",
    "longest_task_ms",
    "self_check_long_tasks",
    "self_check_tasks",
    "self_check_script_ms",
    "wasm_memory_bytes",
    "js_heap_bytes",
    "bytes_raw",
    "bytes_gzip",
    "bytes_brotli",
    "bytes_sent",
    "responses",
    "server_requests",
    "from_cache",
    "runtime_requests",
    "runtime_requests_to_server",
    "engine_min_first_byte_ms",
    "wasm_download_mbit_s",
)
RATIO_FIGURES = ("ready_ms", "long_task_ms", "tbt_ms", "bytes_brotli", "bytes_sent")
COMPARED = ("baseline", "floor")


@dataclass
class Plan:
    runs: int = 5  # desktop: cold and warm loads of ours, the baseline and the floor; an article
    mobile_runs: int = 3  # simulated mobile: cold loads of ours, the baseline and the floor
    slow_runs: int = 3  # the same on Lighthouse's slow 4G, where the runtime takes about 20 s to arrive
    warm: bool = True
    article: bool = True
    diagnose: bool = True  # one traced load of our page and of the article, to find where long tasks come from
    engine_runs: int = 3  # cold loads of our page in each engine (Chromium, Firefox ESR, WebKitGTK), measured alike


def benchmark(plan: Plan, brotli_quality: int = BROTLI_QUALITY, progress=print, site: Path | None = None) -> dict:
    """Measure everything in `plan`; `site` is an already built default site (else it is built here)."""
    started = time.time()
    load_before = os.getloadavg()
    pressure_before = cpu_pressure()
    compressor = Compressor(brotli_quality)
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        if site is None:
            progress("Building the default site ...")
            site = pages.build_default_site(Path(tmp) / "default")
        comparison = pages.make_comparison_folder(site, Path(tmp) / "comparison")
        progress(f"Compressing the served files (gzip -9, brotli {brotli_quality}; cached in {compressor.cache}) ...")
        for folder in (site, comparison):
            compressor.prepare(folder, content_type)
        with (
            HostServer(site, compressor) as ours,
            HostServer(comparison, compressor, also_immutable=(pages.BASELINE_RUNTIME,)) as other,
            sync_playwright() as playwright,
        ):
            targets = {
                "ours": (ours, pages.SELF_CHECK),
                "baseline": (other, pages.BASELINE),
                "floor": (other, pages.FLOOR),
            }
            runs = measure_runs(playwright, plan, targets, (ours, pages.ARTICLE), compressor, progress)
            in_engines = {}
            if plan.engine_runs:
                progress("Engine ready and result in Chromium, Firefox ESR and WebKitGTK, measured alike ...")
                launch = {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
                in_engines = engines.measure(playwright, launch, ours, pages.SELF_CHECK, plan.engine_runs, progress)
            found = {}
            if plan.diagnose:
                progress("Tracing one cold load of the self-check and of the article, to attribute long tasks ...")
                for name, (server, path, engine) in {
                    "ours": (ours, pages.SELF_CHECK, True),
                    "article": (ours, pages.ARTICLE, False),
                }.items():
                    with fresh_profile(playwright, DESKTOP) as context:
                        found[name] = diagnosis.traced_long_tasks(context, server, path, engine)
    results = {
        "started": started,
        "seconds": round(time.time() - started, 1),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "cpu_pressure_before": pressure_before,
        "cpu_pressure_after": cpu_pressure(),
        "load_average_during": summary(
            [
                figures["load_average_1min"]
                for variants in runs.values()
                for loads in variants.values()
                for figures in loads
            ]
        ),
        "plan": plan.__dict__,
        "brotli_quality": brotli_quality,
        "brotli_available": "br" in compressor.encodings,
        "settings": {"desktop": DESKTOP.describe(), "mobile": MOBILE.describe(), "slow 4G": SLOW_4G.describe()},
        "runs": runs,
        "summary": summarise(runs),
        "long_task_trace": found,
        "engines": in_engines,
    }
    results["ratios"] = ratios(results["summary"])
    return results


def cpu_pressure() -> dict | None:
    """Linux's CPU pressure (PSI): the share of the last 10 s and 60 s in which some task was ready to
    run but waited for a CPU. On a virtual machine this also shows a busy host, which the load
    average does not. None where the kernel does not report it."""
    try:
        some = Path("/proc/pressure/cpu").read_text(encoding="utf-8").splitlines()[0].split()
    except (OSError, IndexError):
        return None
    values = dict(field.split("=") for field in some[1:])
    return {"avg10": float(values["avg10"]), "avg60": float(values["avg60"])}


def measure_runs(playwright, plan: Plan, targets: dict, article: tuple, compressor, progress) -> dict:
    runs: dict[str, dict[str, list]] = {}

    def keep(scenario, variant, figures):
        # Other work on the machine skews timings: the 1-minute load average after each load says how much.
        figures["load_average_1min"] = os.getloadavg()[0]
        loads = runs.setdefault(scenario, {}).setdefault(variant, [])
        if loads:  # the list of files is the same in every run: keep the first one's
            figures.pop("files")
        loads.append(figures)
        progress(line(scenario, variant, len(runs[scenario][variant]), figures))

    for _ in range(plan.runs):
        for variant, (server, path) in targets.items():
            with fresh_profile(playwright, DESKTOP) as context:
                cold = load(context, server, path, DESKTOP, **options(variant))
                keep("desktop cold", variant, load_figures(cold, server, compressor))
                if plan.warm:
                    warm = load(context, server, path, DESKTOP, **options(variant))
                    keep("desktop warm", variant, load_figures(warm, server, compressor))
        if plan.article:
            server, path = article
            with fresh_profile(playwright, DESKTOP) as context:
                keep(
                    "desktop cold",
                    "article",
                    load_figures(load(context, server, path, DESKTOP, engine=False, answer=False), server, compressor),
                )
    for settings, count in ((MOBILE, plan.mobile_runs), (SLOW_4G, plan.slow_runs)):
        for _ in range(count):
            for variant, (server, path) in targets.items():
                with fresh_profile(playwright, settings) as context:
                    cold = load(context, server, path, settings, **options(variant))
                    keep(f"{settings.name} cold", variant, load_figures(cold, server, compressor))
    return runs


def options(variant: str) -> dict:
    return {"engine": True, "answer": variant != "floor", "patient": variant == "baseline"}


def summarise(runs: dict) -> dict:
    return {
        scenario: {
            variant: {name: summary([figures.get(name) for figures in loads]) for name in FIGURES}
            for variant, loads in variants.items()
        }
        for scenario, variants in runs.items()
    }


def ratios(summaries: dict) -> dict:
    """Ours against the baseline and the floor, from the medians of the same run."""
    found = {}
    for scenario, variants in summaries.items():
        if "ours" not in variants:
            continue
        found[scenario] = {
            name: {other: ratio(variants["ours"][name], variants.get(other, {}).get(name)) for other in COMPARED}
            for name in RATIO_FIGURES
        }
    return found


def line(scenario: str, variant: str, number: int, figures: dict) -> str:
    def ms(name):
        value = figures.get(name)
        return "-" if value is None else f"{value:.0f} ms"

    mb = (figures.get("bytes_brotli") or 0) / 1e6
    return (
        f"{scenario:<14} {variant:<9} #{number}: paint {ms('fcp_ms')}, answerable {ms('answerable_ms')}, "
        f"ready {ms('ready_ms')}, result {ms('result_ms')}, long tasks {figures['long_tasks']} "
        f"(TBT {figures['tbt_ms']:.0f} ms), {mb:.2f} MB brotli, {figures['server_requests']} server requests"
    )
