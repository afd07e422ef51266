"""ProperDocs, a maintained fork of MkDocs 1.6, builds the default site page for page as MkDocs does.

A clinic whose host stops shipping MkDocs can switch the command (`properdocs build`) and keep its
files: the hooks, the Markdown extensions and the theme run unchanged under the fork.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
PROPERDOCS = Path(sys.executable).with_name("properdocs")
# The one line the two builds are allowed to differ in: the generator's name in every page's head.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
DECODERS = {".br": brotli.decompress, ".gz": gzip.decompress}


def test_properdocs_builds_the_default_site_exactly_as_mkdocs_does(built_site, tmp_path):
    out = tmp_path / "site"
    result = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    mkdocs_files = sorted(path.relative_to(built_site) for path in built_site.rglob("*") if path.is_file())
    properdocs_files = sorted(path.relative_to(out) for path in out.rglob("*") if path.is_file())
    assert properdocs_files == mkdocs_files

    differing = []
    for name in mkdocs_files:
        ours, theirs = (built_site / name).read_bytes(), (out / name).read_bytes()
        # The brotli and gzip copies are compared as what they decode to.
        decode = DECODERS.get(name.suffix)
        if decode:
            ours, theirs = decode(ours), decode(theirs)
        if name.suffix == ".html" or name.suffixes[-2:-1] == [".html"]:
            ours, theirs = GENERATOR.sub(b"", ours), GENERATOR.sub(b"", theirs)
        if ours != theirs:
            differing.append(str(name))
    assert not differing, f"ProperDocs built these files differently: {differing[:10]}"
    assert b"ProperDocs" in (out / "index.html").read_bytes()
