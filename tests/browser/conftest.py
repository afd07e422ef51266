"""Browser tests: Debian's Chromium driven by Playwright (pytest-playwright), never a downloaded browser."""

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags measured on these machines (shared/design/ARCHITECTURE.md): headless, and no background
# traffic of the browser's own, so that what we observe is the page's.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


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
    from tests.conftest import SiteServer

    with SiteServer(AXE.parent) as server:
        yield f"{server.origin}/{AXE.name}"


def site_pages(site) -> list[str]:
    """Every page of a built site as a URL path ('/', '/risks-and-side-effects/', ..., '/404.html')."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append("/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    return paths


def _served_with_headers(site):
    from sitekit.headers import read_headers_file
    from tests.conftest import SiteServer

    return SiteServer(site, headers=read_headers_file(site)["/*"])


@pytest.fixture(scope="session")
def csp_server(built_site):
    """The built site served with the headers it ships for hosts (`_headers`), CSP included."""
    with _served_with_headers(built_site) as server:
        yield server


@pytest.fixture(scope="session", params=["default site", "example clinic"])
def audited(request):
    """Each built site (default and example clinic), served with its headers: (site, server)."""
    site = request.getfixturevalue("built_site" if request.param == "default site" else "example_site")
    with _served_with_headers(site) as server:
        yield site, server
