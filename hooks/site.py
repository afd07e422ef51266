"""Site-wide glue: puts the region's crisis help into the theme's context.

Runs on every build. The data lives in data/crisis-help.yml so that the banner on every page and
the self-check's crisis panel show the same numbers.
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.site")

CRISIS_FILE = Path(__file__).resolve().parent.parent / "data" / "crisis-help.yml"
REQUIRED = ("name", "emergency", "lines", "verified_on", "verified_against", "directory")


def load_crisis(region: str) -> dict:
    try:
        regions = yaml.safe_load(CRISIS_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{CRISIS_FILE}: cannot read the crisis help data: {error}") from None
    if region not in regions:
        raise PluginError(
            f"mkdocs.yml: extra.region is {region!r}, which has no crisis help in {CRISIS_FILE.name}; "
            f"use one of: {', '.join(regions)}"
        )
    entry = regions[region]
    missing = [key for key in REQUIRED if key not in entry]
    if missing:
        raise PluginError(f"{CRISIS_FILE}: region {region!r} lacks {', '.join(missing)}; add them")
    return {"region": region, **entry}


# on_config runs before anything is rendered, and before the other hooks' on_config (higher
# priority), so every template and the self-check see the data.
@event_priority(100)
def on_config(config):
    config.extra["crisis"] = load_crisis(config.extra.get("region", "US"))
    return config
