"""Glue: reads and checks the site's settings (sitekit/settings.py) and applies them.

- on_config (first of all hooks): check data/crisis-help.yml and validate `extra:`; stop the build
  with every problem listed; put the region's crisis help, the clinic's details and offers into the
  theme's context; give the region to the region placeholders' Markdown extension; use the clinic's
  colours and logo.
- on_files: add the clinic's logo and colour stylesheet to the site.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sitekit import regions, site
from sitekit import settings as site_settings

_state: dict = {}
COLOURS_CSS = "assets/stylesheets/clinic-colours.css"
REGION_TEXT = "sitekit.regiontext"


# Before the other hooks' on_config (higher priority): they read what this one sets.
@event_priority(100)
def on_config(config):
    try:
        regions.regions()
    except regions.CrisisDataError as error:
        raise PluginError(f"The help-by-region data needs fixing:\n{error}") from None
    try:
        settings = site_settings.validate(dict(config.extra), config.config_file_path)
    except site_settings.SettingsError as error:
        raise PluginError(f"The site settings need fixing:\n{error}") from None
    config.extra["clinic"] = settings.clinic
    config.extra["self_check"] = settings.self_check
    config.extra["crisis"] = site.crisis_help(settings.clinic["region"])
    # The region placeholders of pages ([[ region: emergency ]]) are filled for this site's region.
    config.mdx_configs[REGION_TEXT] = {"region": settings.clinic["region"]}
    # Registered here too, so a site whose own markdown_extensions leave it out still fills the
    # placeholders: otherwise its pages would show "[[ region: emergency ]]" instead of a number.
    if REGION_TEXT not in config.markdown_extensions:
        config.markdown_extensions.append(REGION_TEXT)
    config.extra["offers"] = site.offered_treatments(settings)
    _state["css"] = site.colour_css(settings)
    if _state["css"]:
        for palette in config.theme["palette"]:
            palette["primary"] = "custom"
            palette["accent"] = "custom"
        config.extra_css.append(COLOURS_CSS)
    _state["logo"] = settings.clinic["logo"]
    _state["logo_target"] = site.logo_target(settings)
    if _state["logo_target"]:
        config.theme["logo"] = _state["logo_target"]
    return config


def on_files(files, config):
    if _state["css"]:
        files.append(File.generated(config, COLOURS_CSS, content=_state["css"]))
    if _state["logo_target"]:
        files.append(File.generated(config, _state["logo_target"], abs_src_path=str(_state["logo"])))
    return files
