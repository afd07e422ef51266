"""Browser tests: Debian's Chromium driven by Playwright (pytest-playwright), never a downloaded browser."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from devkit.browser import CHROMIUM, CHROMIUM_ARGS
from sitekit.headers import read_headers_file
from sitekit.serve import SiteServer

from .helpers import site_pages
from .palette import covering_pages


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_url():
    """axe-core's script, served from its own 127.0.0.1 origin for the accessibility tests to add to a
    page: the browser then caches and compiles it once per context, instead of being sent 500 kB of
    script for every page. The pages under test are unchanged (their contexts bypass the CSP for it)."""
    with SiteServer(AXE.parent) as server:
        yield f"{server.origin}/{AXE.name}"


def _served_with_headers(site):
    return SiteServer(site, headers=read_headers_file(site)["/*"])


@pytest.fixture(scope="session")
def csp_server(built_site):
    """The built site served with the headers it ships for hosts (`_headers`), CSP included."""
    with _served_with_headers(built_site) as server:
        yield server


@dataclass(frozen=True)
class Audited:
    site: Path
    server: SiteServer
    paths: list[str]  # the pages the gates open


@pytest.fixture(scope="session", params=["default site", "example clinic"])
def audited(request):
    """Each built site served with its headers, and the pages the gates open on it: every page of the
    default site, in both its languages; of the example clinic, which has the same pages in its own
    colours, logo, clinic box and region, the few that between them hold every kind of element of
    the site (tests/browser/palette.py, covering_pages) and its self-check and embed pages."""
    site = request.getfixturevalue("built_site" if request.param == "default site" else "example_site")
    if request.param == "default site":
        paths = site_pages(site)
    else:
        paths = [*covering_pages(site), *(p for p in ("/self-check/", "/embed/self-check/", "/404.html"))]
        paths = list(dict.fromkeys(paths))
    with _served_with_headers(site) as server:
        yield Audited(site, server, paths)
