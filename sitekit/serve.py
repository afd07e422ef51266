"""Serve a built site on 127.0.0.1 as a host would: the right MIME types, the site's own page for a
missing one (the edition's 404.html: es/404.html under es/, else the root's) and, optionally, the
headers from its `_headers` file. For the tests, the benchmark and `make preview`; not for production.

    .venv/bin/python -m sitekit serve site/ [--port 8000]
"""

from __future__ import annotations

import functools
import http.server
import threading
from http import HTTPStatus
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the MIME types a host must send, and optional extra headers."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
    }
    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def _not_found_page(self) -> Path | None:
        """The 404.html of the edition the missing path is in (a top folder with a 404.html of its own,
        as the nginx configuration has it), else the site's own; None if the site has neither."""
        site = Path(self.directory).resolve()
        first = unquote(urlsplit(self.path).path).lstrip("/").split("/", 1)[0]
        edition = first and first not in (".", "..") and "\\" not in first
        for page in ((site / first / "404.html") if edition else None, site / "404.html"):
            if page is not None and page.is_file() and page.resolve().is_relative_to(site):
                return page
        return None

    def send_error(self, code, message=None, explain=None):
        page = self._not_found_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class BackgroundServer:
    """An http.server run in a thread of its own while in a `with` block, then stopped and closed.
    A subclass sets `self.httpd` (a ThreadingHTTPServer) and calls `_serve_in_background()`."""

    httpd: http.server.ThreadingHTTPServer

    def _serve_in_background(self) -> None:
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class SiteServer(BackgroundServer):
    """A threaded server for one folder on 127.0.0.1 (port 0 picks a free one); use with `with`."""

    def __init__(
        self,
        directory: Path,
        headers: dict[str, str] | None = None,
        port: int = 0,
        handler: type[SiteHandler] = SiteHandler,
    ):
        """`handler` is the request handler class (a SiteHandler); `headers` are sent with every response."""
        handler = type("Handler", (handler,), {"extra_headers": dict(headers or {})})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(directory))
        )
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._serve_in_background()
