"""Precompressed copies of a built site's text files, for servers that send such copies as they are
(nginx's `gzip_static` and `brotli_static`, see sitekit/nginx.py): beside each compressible file,
`NAME.br` (brotli at quality 11) and `NAME.gz` (gzip made with Zopfli). A server that compresses
on the fly does so at a low level, because it does it for every request; these copies are made once,
at the highest levels. Hosts that compress themselves (Netlify, Cloudflare Pages, GitHub Pages)
ignore them.

Compressing the runtime's 9.6 MB WebAssembly file this hard takes about a minute, so every copy is
kept in .cache/precompressed/, keyed by the SHA-256 of the file and the encoder's settings: a
rebuild compresses only the files that changed. Builds running at once (the test suite's two
processes, or two clinics' sites built side by side) compress each file once (sitekit/cachefile.py).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .cachefile import made_once
from .project import ROOT

CACHE = ROOT / ".cache" / "precompressed"
# What servers compress: text, scripts, styles, JSON (the search index, the lock file, source maps),
# SVG, XML (the sitemap) and WebAssembly. Zip files, wheels and images are compressed already.
SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".map", ".svg", ".xml", ".txt", ".wasm"})
# The copies' own suffixes, which are never compressed again.
ENCODINGS = {"br": ".br", "gzip": ".gz"}
BROTLI_QUALITY = 11
# Zopfli's iterations: 5 rather than its default 15, which make the pages, the search index and the
# runtime no more than a few bytes smaller (measured) in three times the time.
ZOPFLI_ITERATIONS = 5


def brotli_body(data: bytes) -> bytes:
    import brotli

    return brotli.compress(data, quality=BROTLI_QUALITY)


def gzip_body(data: bytes) -> bytes:
    import zopfli

    compressor = zopfli.ZopfliCompressor(zopfli.ZOPFLI_FORMAT_GZIP, iterations=ZOPFLI_ITERATIONS)
    return compressor.compress(data) + compressor.flush()


CACHE_TAGS = {"br": f"br{BROTLI_QUALITY}", "gzip": f"gz-zopfli{ZOPFLI_ITERATIONS}"}


ENCODERS: dict[str, Callable[[bytes], bytes]] = {"br": brotli_body, "gzip": gzip_body}


def _decode(encoding: str) -> Callable[[bytes], bytes]:
    def decode(body: bytes) -> bytes:
        try:
            if encoding == "br":
                import brotli

                return brotli.decompress(body)
            return gzip.decompress(body)
        except Exception:  # not a copy this encoding can read: treated as a stale one
            return b""

    return decode


DECODERS = {encoding: _decode(encoding) for encoding in ENCODINGS}


def compressible(path: Path) -> bool:
    return path.suffix in SUFFIXES


@dataclass
class Report:
    """What one run did: files looked at, copies written, copies compressed afresh (not from the cache)."""

    files: int = 0
    written: int = 0
    compressed: int = 0
    raw_bytes: int = 0
    sizes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ENCODINGS, 0))


def _compressed(data: bytes, encoding: str, cache: Path | None) -> tuple[bytes, bool]:
    """The compressed body, and whether it had to be compressed (not found in the cache)."""
    if cache is None:
        return ENCODERS[encoding](data), True
    stored = cache / f"{hashlib.sha256(data).hexdigest()}.{CACHE_TAGS[encoding]}"
    return made_once(stored, lambda: ENCODERS[encoding](data))


def _copy(path: Path, encoding: str, data: bytes, cache: Path | None) -> tuple[int, bool]:
    """Write (or remove) one copy of `path`; return its size (0 if none) and whether it was compressed."""
    target = path.with_name(path.name + ENCODINGS[encoding])
    body, fresh = _compressed(data, encoding, cache)
    if len(body) >= len(data):
        # No smaller: the server sends the file itself. A copy of an earlier version goes; one that
        # decodes to this file stays (MkDocs writes sitemap.xml.gz itself, whatever its size).
        if target.exists() and DECODERS[encoding](target.read_bytes()) != data:
            target.unlink()
        return 0, fresh
    target.write_bytes(body)
    return len(body), fresh


def site_files(site_dir: Path) -> list[Path]:
    """The site's compressible files (the copies, NAME.br and NAME.gz, are not)."""
    return sorted(path for path in Path(site_dir).rglob("*") if path.is_file() and compressible(path))


def precompress(site_dir: str | Path, cache: Path | None = CACHE, workers: int | None = None) -> Report:
    """Write NAME.br and NAME.gz beside every compressible file of `site_dir` where they are smaller,
    and remove copies whose file is gone. Brotli and Zopfli let go of Python's lock while they
    compress, so the files are compressed on every core."""
    site = Path(site_dir)
    report = Report()
    for suffix in ENCODINGS.values():
        for copy in site.rglob("*" + suffix):
            original = copy.with_name(copy.name[: -len(suffix)])
            if compressible(original) and not original.exists():
                copy.unlink()
    files = site_files(site)
    # The largest first, so the long ones do not end up alone at the end.
    jobs = sorted(((path, path.read_bytes()) for path in files), key=lambda job: -len(job[1]))
    report.files = len(jobs)
    report.raw_bytes = sum(len(data) for _, data in jobs)
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        results = [
            (encoding, pool.submit(_copy, path, encoding, data, cache)) for path, data in jobs for encoding in ENCODINGS
        ]
        for encoding, future in results:
            size, fresh = future.result()
            report.written += size > 0
            report.compressed += fresh
            report.sizes[encoding] += size
    return report
