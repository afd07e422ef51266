"""Shared fixtures: the sites built once per test session and served on 127.0.0.1, and the hypothesis
profiles. The building itself is devkit.sites, which the benchmark uses too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from devkit.sites import ROOT, build_site, write_clinic_config, write_site_config
from sitekit.serve import SiteServer

# A quick run while editing (`make test-fast`) and the fuller one in CI (CI=true); HYPOTHESIS_PROFILE
# picks one by name. No deadline: on a shared 2-core machine one example may take far longer than usual.
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


# Where the tests that drive a browser are: tests/browser/, and the benchmark's tests (its smoke test,
# tests/test_benchmark.py, and the few checks of its parts beside it, which take a moment).
BROWSER_TESTS = ("tests/browser/", "tests/test_benchmark.py::")


def pytest_collection_modifyitems(items):
    """A test marked `browser` elsewhere would run beside the others in the second process (below)."""
    stray = [
        item.nodeid
        for item in items
        if item.get_closest_marker("browser") and not item.nodeid.startswith(BROWSER_TESTS)
    ]
    if stray:
        raise pytest.UsageError(
            f"browser tests outside {', '.join(BROWSER_TESTS)}: {', '.join(stray[:5])}. Move them there, "
            "or add their file to BROWSER_TESTS in tests/conftest.py"
        )


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` runs the suite in two processes (pytest-xdist, `-n 2`): the browser tests all in one
    of them, one after another, and the other tests beside them in the second (and in the first, if
    any are left when it is done). The browser tests use both cores between them, and two at once
    slow each other past their timeouts; most other tests use one core, which the browser tests leave
    idle about a quarter of the time. (xdist's own `--dist loadgroup` would do this from a marker,
    but it cannot rename tests under pytest 9.)"""
    if config.getvalue("dist") != "load":  # another --dist, asked for by name, is xdist's own
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "browser tests" if nodeid.startswith(BROWSER_TESTS) else nodeid

    return BrowserTestsTogether(config, log)


# Figures a test reports (`record_property("figure", text)`), printed after the run. A test's own
# output would not reach the terminal from a second process.
_FIGURES: list[str] = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _FIGURES.extend(value for name, value in report.user_properties if name == "figure")


def pytest_terminal_summary(terminalreporter):
    if _FIGURES:
        terminalreporter.section("figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The default site, built once for the whole session, with its brotli and gzip copies, in
    both its languages (the Spanish edition in es/)."""
    folder = tmp_path_factory.mktemp("default-site")
    return build_site(write_site_config(folder, precompress=True, languages=("en", "es")))


@pytest.fixture(scope="session")
def site_server(built_site):
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example clinic's site (example-clinic.yml), built once for the whole session, with its
    brotli and gzip copies (the nginx test serves them)."""
    folder = tmp_path_factory.mktemp("example-clinic")
    return build_site(write_clinic_config(folder, ROOT / "example-clinic.yml", precompress=True))


@pytest.fixture(scope="session")
def region_site(tmp_path_factory, request):
    """A function that gives the site of a region, built once for the whole session: the default
    site for the US, the example clinic for the UK, and for the others a clinic that offers every
    treatment. One build per region, shared by every test that asks for it."""
    built: dict[str, Path] = {}

    def site(code: str) -> Path:
        if code not in built:
            if code == "US":
                built[code] = request.getfixturevalue("built_site")
            elif code == "UK":
                built[code] = request.getfixturevalue("example_site")
            else:
                treatments = yaml.safe_load((ROOT / "data" / "treatments.yml").read_text(encoding="utf-8"))
                clinic = {
                    "name": f"A clinic in {code}",
                    "region": code,
                    "offers": list(treatments),
                    "booking_url": "https://clinic.example/book",
                }
                folder = tmp_path_factory.mktemp(f"region-{code}")
                built[code] = build_site(write_site_config(folder, extra={"clinic": clinic}))
        return built[code]

    return site
