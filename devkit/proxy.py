"""A recording HTTP proxy on 127.0.0.1, for proving that a page and its workers ask nothing of another
origin in any browser engine: the browser is pointed at it for every address, 127.0.0.1 included, so
it sees every request the browser makes, whichever engine and whichever thread made it. It forwards
only the requests for the origins it is told to serve (the site under test), and answers every other
one itself, so nothing ever leaves the machine."""

from __future__ import annotations

import http.client
import http.server
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from sitekit.serve import BackgroundServer

# Headers that belong to one connection, not to the message: a proxy does not pass them on.
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}
NOT_FORWARDED = 502


@dataclass(frozen=True)
class ProxiedRequest:
    method: str
    url: str  # absolute: scheme, host, port and path ("https://host:443" for a tunnel asked for)

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a browser sends many requests on few connections
    proxy: RecordingProxy

    def log_message(self, *args):
        pass

    def do_CONNECT(self):
        # A tunnel (for https) is never opened: its address is recorded, and it is refused.
        self.proxy.record(ProxiedRequest("CONNECT", f"https://{self.path}"))
        self._answer(NOT_FORWARDED, b"")
        self.close_connection = True

    def _handle(self):
        url = self.path if "://" in self.path else f"http://{self.headers.get('Host', '')}{self.path}"
        request = ProxiedRequest(self.command, url)
        self.proxy.record(request)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if request.origin not in self.proxy.forwarded:
            self._answer(NOT_FORWARDED, b"not forwarded by the test proxy\n")
            return
        parts = urlsplit(url)
        upstream = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=60)
        try:
            headers = {name: value for name, value in self.headers.items() if name.lower() not in HOP_BY_HOP}
            upstream.request(self.command, parts.path + (f"?{parts.query}" if parts.query else ""), body, headers)
            response = upstream.getresponse()
            content = response.read()
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if self.command != "HEAD" and response.status not in (204, 304):
                self.wfile.write(content)
        finally:
            upstream.close()

    def _answer(self, status: int, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _handle


class RecordingProxy(BackgroundServer):
    """Use with `with`. `address` is what a browser's proxy setting takes ("127.0.0.1:PORT");
    `requests` lists every request received, in order; `forward(origin)` has the requests for that
    origin passed on to it (an `http://127.0.0.1:PORT` server of the tests)."""

    def __init__(self):
        self.requests: list[ProxiedRequest] = []
        self.forwarded: set[str] = set()
        self._lock = threading.Lock()
        handler = type("Handler", (_ProxyHandler,), {"proxy": self})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.address = f"127.0.0.1:{self.httpd.server_address[1]}"
        self._serve_in_background()

    def forward(self, origin: str) -> None:
        self.forwarded.add(origin)

    def record(self, request: ProxiedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def since(self, start: int) -> list[ProxiedRequest]:
        with self._lock:
            return list(self.requests[start:])
