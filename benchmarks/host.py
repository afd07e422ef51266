"""Serve a built site on 127.0.0.1 as a static host would, for the benchmark.

It is sitekit.serve.SiteServer (MIME types, and the site's `_headers` for "/*") with three
additions a real host has and the benchmark needs:
- the other patterns of `_headers` too, so `/pyodide/*` is cached for a year and a warm load
  really reuses the runtime from the browser's cache;
- compression (brotli, or gzip when the browser does not accept it) of the content types hosts
  compress, so the simulated mobile network carries what a host would really send;
- a log of every request that reaches the server, with the bytes sent: what went over the
  network, including the worker's requests, and proof of what came from the browser's cache.
"""

from __future__ import annotations

import email.utils
import io
import time
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from sitekit.headers import read_headers_file
from sitekit.serve import SiteHandler, SiteServer

from .compression import Compressor, compressible


def pattern_matches(pattern: str, path: str) -> bool:
    # `_headers` patterns as Netlify and Cloudflare read them: a trailing `*` matches any rest.
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class HostHandler(SiteHandler):
    path_headers: ClassVar[dict[str, dict[str, str]]] = {}
    compressor: Compressor | None = None
    log: ClassVar[list[dict]] = []

    def _matching(self) -> dict[str, str]:
        path = unquote(urlsplit(self.path).path)
        found: dict[str, str] = {}
        for pattern, headers in self.path_headers.items():
            if pattern_matches(pattern, path):
                found.update(headers)
        return found

    def send_response(self, code, message=None):
        self._status = code
        self._applied: set[str] = set()
        super().send_response(code, message)

    def send_header(self, keyword, value):
        # A header named for this path in `_headers` replaces the server's own (e.g. Content-Type),
        # as a host applies it: never sent twice.
        for name, override in self._matching().items():
            if name.lower() == keyword.lower():
                value = override
                self._applied.add(name.lower())
        super().send_header(keyword, value)

    def end_headers(self):
        for name, value in self._matching().items():
            if name.lower() not in self._applied:
                super().send_header(name, value)
        super().end_headers()

    def do_GET(self):
        self._status, self._sent, self._encoding = None, 0, None
        try:
            super().do_GET()
        finally:
            self.log.append(
                {
                    "path": unquote(urlsplit(self.path).path),
                    "status": self._status,
                    "bytes": self._sent,
                    "encoding": self._encoding,
                    "time": time.monotonic(),
                }
            )

    def copyfile(self, source, outputfile):
        while chunk := source.read(256 * 1024):
            outputfile.write(chunk)
            self._sent += len(chunk)

    def send_head(self):
        file = self._file()
        encoding = self._accepted_encoding()
        if file is None or encoding is None or not compressible(self.guess_type(str(file))):
            return super().send_head()
        stat = file.stat()
        if self._not_modified(stat.st_mtime):
            self.send_response(304)
            self.end_headers()
            return None
        body = self.compressor.body(file, encoding)
        self._encoding = encoding
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return io.BytesIO(body)

    def _file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None  # the standard handler redirects to the folder's URL
            path = path / "index.html"
        return path if path.is_file() else None

    def _accepted_encoding(self) -> str | None:
        if self.compressor is None:
            return None
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        return next((encoding for encoding in self.compressor.encodings if encoding in accepted), None)

    def _not_modified(self, mtime: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False


class HostServer(SiteServer):
    """SiteServer for one built folder with its `_headers` (every pattern), compression and a request log."""

    def __init__(self, directory: Path, compressor: Compressor | None, also_immutable: tuple[str, ...] = ()):
        patterns = read_headers_file(directory)
        path_headers = {pattern: headers for pattern, headers in patterns.items() if pattern != "/*"}
        immutable = path_headers.get("/pyodide/*", {})
        for pattern in also_immutable:  # the baseline's stock runtime is versioned too: same caching
            path_headers[pattern] = immutable
        self.log: list[dict] = []
        handler = type(
            "BenchHandler",
            (HostHandler,),
            {
                "path_headers": path_headers,
                "compressor": compressor,
                "log": self.log,
            },
        )
        super().__init__(directory, headers=patterns["/*"], handler=handler)
        self.directory = Path(directory)

    def file_for(self, path: str) -> Path | None:
        """The file a URL path is served from (as the handler resolves it), or None."""
        return served_file(self.directory, path)


def served_file(directory: Path, path: str) -> Path | None:
    """The file of `directory` that a URL path is served from (a folder's index.html), or None."""
    root = Path(directory).resolve()
    target = (root / unquote(path).lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and target.is_relative_to(root) else None
