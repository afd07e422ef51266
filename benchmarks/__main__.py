"""`python -m benchmarks`: run the benchmark, print the table and write benchmarks/results/."""

from __future__ import annotations

import argparse
from pathlib import Path

from .compression import BROTLI_QUALITY
from .report import markdown, stamp, write
from .run import Plan, benchmark
from .targets import judge

RESULTS = Path(__file__).resolve().parent / "results"
THROTTLING_NOTE = (
    "The network conditions, set on the page's session, also throttle the worker's requests (each mobile "
    "and slow 4G run checks the wasm download speed and time to first byte). The CPU slowdown reaches the "
    "page's main thread only: Chromium refuses it on worker targets (each such run tries and records the "
    "answer), so our worker and the floor's compile ran at this machine's speed, while the baseline's Python "
    "ran on the slowed main thread: the mobile and slow 4G ratios of engine ready favour us for that reason."
)


def run(plan: Plan, out: Path, brotli_quality: int = BROTLI_QUALITY, progress=print, site: Path | None = None) -> dict:
    results = benchmark(plan, brotli_quality=brotli_quality, progress=progress, site=site)
    stamp(results)
    refusals = sorted(
        {
            answer
            for scenario in ("mobile cold", "slow 4G cold")
            for figures in results["runs"].get(scenario, {}).get("ours", [])
            for answer in figures.get("worker_cpu_throttling", [])
        }
    )
    results["throttling_note"] = THROTTLING_NOTE + (f" Chromium's answers for workers: {refusals}." if refusals else "")
    results["targets"] = judge(results)
    json_path, md_path = write(results, out)
    progress("\n" + markdown(results))
    progress(f"Written: {json_path} and {md_path}")
    return results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="desktop runs: cold and warm loads (default 5)")
    parser.add_argument("--mobile-runs", type=int, default=3, help="cold loads on the mobile settings (default 3)")
    parser.add_argument("--slow-runs", type=int, default=3, help="cold loads on slow 4G (default 3)")
    parser.add_argument(
        "--engine-runs", type=int, default=3, help="cold loads in Chromium, Firefox ESR and WebKitGTK each (default 3)"
    )
    parser.add_argument("--quick", action="store_true", help="one run of each, for a smoke test")
    parser.add_argument("--no-trace", action="store_true", help="skip the traced loads that attribute long tasks")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write latest.json and latest.md")
    args = parser.parse_args(argv)
    runs, mobile_runs, slow_runs, engine_runs = (
        (1, 1, 1, 1) if args.quick else (args.runs, args.mobile_runs, args.slow_runs, args.engine_runs)
    )
    plan = Plan(
        runs=runs, mobile_runs=mobile_runs, slow_runs=slow_runs, diagnose=not args.no_trace, engine_runs=engine_runs
    )
    run(plan, args.out)


if __name__ == "__main__":
    main()
