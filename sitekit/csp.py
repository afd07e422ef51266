"""The Content-Security-Policy: computed at build time from the pages themselves.

Every page gets a <meta> policy that allows its own inline scripts by hash (Material has a few, and
one differs with the page's depth). The HTTP header, which a host sends for every page, allows the
union of those hashes. Only a header governs a Web Worker loaded by URL, so the header is what
protects the self-check's worker; the <meta> policy protects a page wherever it is served.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

# Script types that are data, not code: browsers never run them, and CSP does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "importmap"}

BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    # 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly; 'unsafe-eval' is not needed.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    # Material's icons are data: SVGs.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            attrs = dict(attrs)
            self._inside = "src" not in attrs and (attrs.get("type") or "").lower() not in DATA_SCRIPT_TYPES
            if self._inside:
                self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1] += data


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-...' sources for each inline script of a page, in page order, without repeats."""
    parser = _InlineScripts()
    parser.feed(html)
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'" for s in parser.scripts
    ]
    return list(dict.fromkeys(hashes))


def policy(script_hashes: list[str], extra: dict[str, list[str]] | None = None) -> str:
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    directives["script-src"] += script_hashes
    for name, values in (extra or {}).items():
        directives[name] = list(values)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


_HEAD = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


def add_meta_policy(html: str) -> tuple[str, list[str]]:
    """The page with a <meta> policy as the first thing in <head>, and the hashes it allows."""
    hashes = inline_script_hashes(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    match = _HEAD.search(html)
    if not match:
        raise ValueError("the page has no <meta charset=utf-8> to put the Content-Security-Policy after")
    return html[: match.end()] + "\n    " + meta + html[match.end() :], hashes
