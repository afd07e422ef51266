"""A built site served as a clinic serves it (sitekit.serve with the headers of its `_headers` file),
and watched, the same way in every browser engine:

- every Content-Security-Policy violation, of the page or of its workers, is reported back to this
  server: each response also carries the policies it is under as report-only policies with a
  `report-uri` (the header's policy on every response, and on a page its own `<meta>` policy too),
  which change nothing the browser allows or blocks;
- a file can be refused (404), for the engine-cannot-start path;
- every request that reaches it is logged.
"""

from __future__ import annotations

import fnmatch
import html
import json
import re
import threading
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from sitekit.headers import read_headers_file
from sitekit.serve import SiteHandler, SiteServer

REPORT_PATH = "/__csp-report"
_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', re.IGNORECASE)


class WatchedHandler(SiteHandler):
    report_only: ClassVar[str | None] = None
    refused: ClassVar[tuple[str, ...]] = ()
    watch: WatchedSite

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        self.watch.log_request("GET", path)
        if any(fnmatch.fnmatch(path, pattern) for pattern in self.refused):
            self.send_error(404, "refused by the test")
            return
        super().do_GET()

    def do_HEAD(self):
        self.watch.log_request("HEAD", unquote(urlsplit(self.path).path))
        super().do_HEAD()

    def do_POST(self):
        path = unquote(urlsplit(self.path).path)
        self.watch.log_request("POST", path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if path != REPORT_PATH:
            self.send_error(405)
            return
        try:
            report = json.loads(body or b"null")
        except ValueError:
            report = {"unreadable report": body.decode("utf-8", "replace")}
        self.watch.add_report(report)
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def end_headers(self):
        if self.report_only and getattr(self, "command", "") in ("GET", "HEAD"):
            self.send_header("Content-Security-Policy-Report-Only", self.report_only)
            page_policy = self._page_policy()
            if page_policy:
                self.send_header("Content-Security-Policy-Report-Only", page_policy)
        super().end_headers()

    def _page_policy(self) -> str | None:
        """A page's own <meta> policy, as a report-only header: the header's policy allows the inline
        scripts of every page, so a script allowed elsewhere but not on this page is reported too."""
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix != ".html" or not file.is_file():
            return None
        match = _META_POLICY.search(file.read_text(encoding="utf-8", errors="replace"))
        return f"{html.unescape(match.group(1))}; report-uri {REPORT_PATH}" if match else None


class WatchedSite(SiteServer):
    """Use with `with`. `headers`: the headers every response carries (default: the `_headers` file's
    "/*" ones, as tests/browser/conftest.py serves the site); `refused`: URL path patterns (fnmatch)
    answered with 404. `reports` holds every violation report received, `requests` every request."""

    def __init__(self, directory: Path, headers: dict[str, str] | None = None, refused: tuple[str, ...] = ()):
        headers = read_headers_file(directory)["/*"] if headers is None else headers
        policy = headers.get("Content-Security-Policy")
        self.reports: list = []
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        handler = type(
            "Handler",
            (WatchedHandler,),
            {
                "report_only": f"{policy}; report-uri {REPORT_PATH}" if policy else None,
                "refused": tuple(refused),
                "watch": self,
            },
        )
        super().__init__(directory, headers=headers, handler=handler)
        self.httpd.handle_error = _quiet_when_the_browser_hangs_up(self.httpd.handle_error)

    def log_request(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))

    def add_report(self, report) -> None:
        with self._lock:
            self.reports.append(report)

    def reports_since(self, start: int) -> list:
        with self._lock:
            return list(self.reports[start:])


def _quiet_when_the_browser_hangs_up(handle_error):
    """A browser that leaves a page breaks off its downloads: not an error of the server's."""

    def handle(request, client_address):
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            handle_error(request, client_address)

    return handle


def describe_report(report) -> str:
    """One line for a violation report: the directive, what was blocked, and where."""
    body = report.get("csp-report", report) if isinstance(report, dict) else {}
    if not isinstance(body, dict):
        return json.dumps(report)
    directive = body.get("effective-directive") or body.get("violated-directive") or "?"
    return f"{directive} blocked {body.get('blocked-uri') or '?'} in {body.get('document-uri') or '?'}"
