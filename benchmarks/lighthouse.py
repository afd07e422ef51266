"""`python -m benchmarks.lighthouse` (`make audit`): Lighthouse's four categories on the home page, the
self-check and an article, on a simulated phone, through the kit's own nginx configuration.

It builds the default site (with its brotli and gzip copies, as `make build` does), serves it with
Debian's nginx and the server block `python -m sitekit nginx` makes (brotli_static on), and runs the
pinned Lighthouse (npm) on Debian's Chromium: mobile form factor, simulated throttling (a mid-range
phone on slow 4G, CPU 4x slower), Lighthouse's defaults. Each page is audited five times and the run
with the median performance score is kept: Lighthouse's own guide to score variability
(docs/variability.md in its repository) asks for several runs and their median, as a shared machine
moves the measured task times between runs, and five halves the spread of one. A run that Lighthouse
itself says to run again (a trace it could not record) is run once more. The reports of the kept
runs and a summary go to benchmarks/results/lighthouse/: the JSON reports (without their
screenshots) and the summary are committed, and their git history is the run history; the HTML
reports stay local.

Not a test: its figures depend on the machine's load. The targets are in TARGETS below.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from devkit import nginx
from devkit.browser import CHROMIUM, CHROMIUM_ARGS
from devkit.sites import ROOT, build_site, write_site_config

RESULTS = Path(__file__).resolve().parent / "results" / "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# The home page, the self-check and the longest article (most headings, the longest contents list).
PAGES = {"home": "/", "self-check": "/self-check/", "article": "/risks-and-side-effects/"}
SCREENSHOTS = ("screenshot-thumbnails", "final-screenshot")
# The figures behind the performance score, for the summary.
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


# What Lighthouse says when a run failed for reasons of its own (a trace it could not record, such as
# NO_NAVSTART), and another run of the same page will do.
RUN_AGAIN = "Please run Lighthouse again"


@dataclass
class Audit:
    page: str
    path: str
    scores: dict[str, float]
    metrics: dict[str, float]  # numeric values: ms, or unitless for CLS
    failed: list[str]  # the audits that cost a category points: "category: audit id (score)"
    report: dict


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run; the JSON and HTML reports go to out.report.json and out.report.html."""
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={out}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        "--quiet",
    ]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    for _attempt in range(2):
        done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300, check=False)
        if done.returncode == 0 or RUN_AGAIN not in done.stderr:
            break
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    return json.loads(out.with_name(out.name + ".report.json").read_text(encoding="utf-8"))


def audit_of(page: str, path: str, report: dict) -> Audit:
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    metrics = {name: report["audits"][name]["numericValue"] for name in METRICS}
    failed = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                failed.append(f"{name}: {ref['id']} ({result['score']:.2f})")
    return Audit(page, path, scores, metrics, failed, report)


def run(pages: dict[str, str], runs: int, out: Path, progress=print) -> list[Audit]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        work_dir = Path(work)
        progress("Building the default site, with its brotli and gzip copies ...")
        (work_dir / "build").mkdir()
        site = build_site(write_site_config(work_dir / "build", precompress=True))
        with nginx.serving(site, work_dir / "nginx") as server:
            if not server.brotli.on:
                raise SystemExit(f"brotli_static is off: {server.brotli.reason} (make system-deps installs it)")
            kept = []
            for page, path in pages.items():
                audits = []
                for number in range(runs):
                    target = work_dir / f"{page}-{number}"
                    audits.append((audit_of(page, path, lighthouse(server.origin + path, target)), target))
                    progress(f"  {page} run {number + 1}: {scores_line(audits[-1][0])}")
                # The run with the median performance score.
                audits.sort(key=lambda item: item[0].scores["performance"])
                audit, target = audits[len(audits) // 2]
                (out / f"{page}.report.html").write_bytes(target.with_name(target.name + ".report.html").read_bytes())
                (out / f"{page}.report.json").write_text(json.dumps(without_screenshots(audit.report), indent=2) + "\n")
                kept.append(audit)
    return kept


def without_screenshots(report: dict) -> dict:
    """The JSON report without its pictures of the page (most of its size), for the repository: every
    finding stays, and the HTML report beside it (not committed) keeps the pictures."""
    kept = {key: value for key, value in report.items() if key != "fullPageScreenshot"}
    kept["audits"] = {
        name: ({key: value for key, value in result.items() if key != "details"} if name in SCREENSHOTS else result)
        for name, result in report["audits"].items()
    }
    return kept


def scores_line(audit: Audit) -> str:
    parts = [f"{name} {audit.scores[name]:.2f}" for name in CATEGORIES]
    return ", ".join(parts) + f"; TBT {audit.metrics['total-blocking-time']:.0f} ms"


def below_target(audit: Audit) -> list[str]:
    return [
        f"{name} {audit.scores[name]:.2f} < {TARGETS[name]:g}"
        for name in CATEGORIES
        if audit.scores[name] < TARGETS[name]
    ]


def summary(audits: list[Audit], runs: int, load: tuple[tuple[float, ...], tuple[float, ...]]) -> str:
    any_report = audits[0].report
    lines = [
        "# Lighthouse, through the kit's nginx configuration",
        "",
        f"Lighthouse {any_report['lighthouseVersion']} on {any_report['environment']['hostUserAgent'].split(') ')[-1]},"
        f" {any_report['configSettings']['formFactor']}, {any_report['configSettings']['throttlingMethod']} throttling;"
        f" the median of {runs} runs by performance score. Written by `make audit`"
        " ([benchmarks/lighthouse.py](../../lighthouse.py)); the JSON reports of the kept runs are beside this file.",
        "",
        f"The machine's load average (1, 5, 15 minutes) was {', '.join(f'{x:.1f}' for x in load[0])} before the"
        f" run and {', '.join(f'{x:.1f}' for x in load[1])} after, on {os.cpu_count()} cores: Lighthouse times the"
        " page's tasks as they ran and multiplies them, so a busy machine lowers the performance score.",
        "",
        "| page | " + " | ".join(CATEGORIES) + " | " + " | ".join(METRICS.values()) + " |",
        "|---|" + "---|" * (len(CATEGORIES) + len(METRICS)),
    ]
    for audit in audits:
        cells = [f"{audit.scores[name]:.2f}" for name in CATEGORIES]
        for name, short in METRICS.items():
            value = audit.metrics[name]
            cells.append(f"{value:.3f}" if short == "CLS" else f"{value:.0f} ms")
        lines.append(f"| {audit.page} (`{audit.path}`) | " + " | ".join(cells) + " |")
    lines += ["", "Targets: " + ", ".join(f"{name} {value:g}" for name, value in TARGETS.items()) + "."]
    missed = [f"{audit.page}: {problem}" for audit in audits for problem in below_target(audit)]
    lines.append("All met." if not missed else "Not met: " + "; ".join(missed) + ".")
    costs = [f"- {audit.page}: {item}" for audit in audits for item in audit.failed]
    if costs:
        lines += ["", "Audits that cost points:", "", *costs]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per page; the median is kept (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the reports go (default: %(default)s)")
    parser.add_argument("--page", choices=PAGES, action="append", help="audit only this page (repeatable)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run npm ci (make setup does)", file=sys.stderr)
        return 2
    pages = {name: PAGES[name] for name in args.page} if args.page else PAGES
    before = os.getloadavg()
    audits = run(pages, args.runs, args.out)
    load = (before, os.getloadavg())
    (args.out / "latest.md").write_text(summary(audits, args.runs, load), encoding="utf-8")
    print()
    for audit in audits:
        print(f"{audit.page:>10} {audit.path:<26} {scores_line(audit)}")
    missed = [f"{audit.page}: {problem}" for audit in audits for problem in below_target(audit)]
    print("\nEvery target met." if not missed else "\nBelow target: " + "; ".join(missed))
    print(f"Reports: {args.out}/")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
