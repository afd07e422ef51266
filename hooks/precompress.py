"""Glue: brotli and gzip copies of the built site's text files (sitekit/precompress.py), for servers
that send them as they are (the kit's nginx configuration does).

- on_startup: `mkdocs serve` rebuilds on every save and serves the files itself, so it skips them.
- on_post_build (last of all): every other hook has written its files by then.

`extra.build.precompress: false` leaves them out of `mkdocs build` too.
"""

from __future__ import annotations

import logging
import time

from mkdocs.plugins import event_priority

from sitekit import languages, precompress

log = logging.getLogger("mkdocs.hooks.precompress")

_serving = False  # set once per process: the hook module lives as long as the `mkdocs serve` that loaded it


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


@event_priority(-100)
def on_post_build(config):
    # Another language's edition is inside the root edition's folder (site/es/), whose own pass,
    # after it, covers it.
    if _serving or not config.extra["build"]["precompress"] or languages.in_other_edition():
        return
    started = time.monotonic()
    report = precompress.precompress(config.site_dir, cache=precompress.CACHE)
    log.info(
        "Precompressed %d files (%d compressed afresh, the rest from .cache/precompressed/) in %.1f s",
        report.files,
        report.compressed,
        time.monotonic() - started,
    )
