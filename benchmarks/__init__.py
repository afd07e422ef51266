"""The benchmark of the self-check against its performance targets: a benchmark, not a timed test.

    .venv/bin/python -m benchmarks [--runs N] [--mobile-runs N] [--slow-runs N] [--quick]

It builds the default site into a temporary folder, serves it on 127.0.0.1 as a host would
(host.py), and drives Debian's Chromium with Playwright through cold and warm loads of the
self-check, a naive main-thread baseline and the physical floor (pages.py, baseline/), on desktop
settings, a simulated mobile network and CPU, and Lighthouse's slow 4G (throttling.py). It prints the figures as it goes
and writes benchmarks/results/latest.json and latest.md.
"""
