"""Sizes and bodies "as a host would send them": gzip -9 and brotli (quality 11) for the content
types static hosts compress, the raw bytes for the rest (zip, wheel, images are already compressed).

Brotli at quality 11 takes about half a minute for the 9.6 MB wasm file, so compressed bodies are
kept on disk under .cache/benchmarks/, keyed by the file's SHA-256 and the quality. A site built with
its precompressed copies (sitekit/precompress.py: brotli at quality 11 beside each file) lends its
own copy instead, once it is seen to decode to the file.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from pathlib import Path

try:  # optional: without it, brotli figures are reported as not measured and the host sends gzip
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

from sitekit.precompress import BROTLI_QUALITY as PRECOMPRESSED_BROTLI_QUALITY

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "benchmarks" / "compressed"
BROTLI_QUALITY = 11
# What Netlify, Cloudflare and nginx's usual settings compress: text, scripts, JSON, SVG and wasm.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/wasm",
    "application/xml",
    "image/svg+xml",
)


def compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE)


class Compressor:
    """Compressed bodies of files, computed once (in memory and on disk) and shared by the servers."""

    def __init__(self, brotli_quality: int = BROTLI_QUALITY, cache: Path = CACHE):
        self.brotli_quality = brotli_quality
        self.cache = cache
        self.memory: dict[tuple[str, str], bytes] = {}
        self.lock = threading.Lock()

    @property
    def encodings(self) -> tuple[str, ...]:
        return ("br", "gzip") if brotli else ("gzip",)

    def body(self, path: Path, encoding: str) -> bytes:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        level = self.brotli_quality if encoding == "br" else 9
        key = (digest, f"{encoding}{level}")
        with self.lock:
            if key in self.memory:
                return self.memory[key]
            stored = self.cache / f"{digest}.{encoding}{level}"
            if stored.is_file():
                body = stored.read_bytes()
            elif (built := self._built_copy(path, data, encoding, level)) is not None:
                body = built
            else:
                body = brotli.compress(data, quality=level) if encoding == "br" else gzip.compress(data, level, mtime=0)
                self.cache.mkdir(parents=True, exist_ok=True)
                stored.with_suffix(".tmp").write_bytes(body)
                stored.with_suffix(".tmp").replace(stored)
            self.memory[key] = body
            return body

    @staticmethod
    def _built_copy(path: Path, data: bytes, encoding: str, level: int) -> bytes | None:
        """The build's brotli copy beside the file (quality 11, the hosts' own), if it is one of this
        file's bytes."""
        copy = path.with_name(path.name + ".br")
        if encoding != "br" or level != PRECOMPRESSED_BROTLI_QUALITY or not brotli or not copy.is_file():
            return None
        body = copy.read_bytes()
        try:
            return body if brotli.decompress(body) == data else None
        except brotli.error:
            return None

    def sizes(self, path: Path, content_type: str) -> dict[str, int | None]:
        """raw, gzip and br sizes of one file as a host sends it (raw where hosts do not compress)."""
        raw = path.stat().st_size
        if not compressible(content_type):
            return {"raw": raw, "gzip": raw, "br": raw if brotli else None}
        return {
            "raw": raw,
            "gzip": len(self.body(path, "gzip")),
            "br": len(self.body(path, "br")) if brotli else None,
        }

    def prepare(self, folder: Path, guess_type) -> None:
        """Compress every compressible file up front, so that no timed request waits for it."""
        for path in sorted(folder.rglob("*")):
            if path.is_file() and compressible(guess_type(str(path))):
                for encoding in self.encodings:
                    self.body(path, encoding)
