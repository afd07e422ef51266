"""The HTTP headers a host should send, written for the hosts that read a `_headers` file
(Netlify, Cloudflare Pages). See HOSTING.md, "Building and deploying", for nginx and GitHub Pages."""

from __future__ import annotations

from pathlib import Path

SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# The runtime lives under a versioned path, so its files never change and may be cached for a year.
IMMUTABLE = "public, max-age=31536000, immutable"


def header_lines(content_security_policy: str, wasm_path: str | None = None) -> dict[str, dict[str, str]]:
    """Path pattern -> headers, in the order a host applies them."""
    lines = {
        "/*": {"Content-Security-Policy": content_security_policy, **SECURITY_HEADERS},
        "/pyodide/*": {"Cache-Control": IMMUTABLE},
    }
    if wasm_path:
        # WebAssembly compiles while it downloads only when sent as application/wasm.
        lines["/" + wasm_path] = {"Content-Type": "application/wasm"}
    return lines


def write_headers_file(site_dir: str, content_security_policy: str, wasm_path: str | None = None) -> Path:
    lines = []
    for pattern, values in header_lines(content_security_policy, wasm_path).items():
        lines.append(pattern)
        lines.extend(f"  {name}: {value}" for name, value in values.items())
    path = Path(site_dir) / "_headers"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_headers_file(site_dir: str | Path) -> dict[str, dict[str, str]]:
    """The `_headers` file as pattern -> headers (for tests and for serving the site locally)."""
    result: dict[str, dict[str, str]] = {}
    current = None
    for line in (Path(site_dir) / "_headers").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(" "):
            current = result.setdefault(line.strip(), {})
        elif line.strip() and current is not None:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return result
