"""Glue: reads and checks the site's settings (sitekit/settings.py) and applies them.

- on_config (first of all hooks): check the data files (sitekit/data.py) and `extra:`, and stop the
  build with every problem listed; put the checked clinic, self-check and build settings back under
  extra.clinic, extra.self_check and extra.build for the other hooks and the theme; give the region to the
  region placeholders' Markdown extension; use the clinic's colours and logo.
- on_files: add the clinic's logo and colour stylesheet to the site; give the site's wording in its
  language (sitekit/strings.py) to the Markdown extensions that write page text. The language is
  settled only once every on_config has run (hooks/languages.py sets it), and pages are converted
  after on_files.
- on_env: the region's crisis help, the clinic's offers and review, and the site's wording
  (`kit.t`), for the templates (`kit`).
- on_post_build: take out of the theme's built stylesheet the rule that restyled every page twice
  at load (sitekit/theme.py).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sitekit import data, languages, site, strings, theme, translations
from sitekit import settings as site_settings

COLOURS_CSS = "assets/stylesheets/clinic-colours.css"
# A reminder a clinic sees on every build until it records its clinician's review. It is a warning
# in words but not one that fails `mkdocs build --strict` (MkDocs counts only its own loggers'), so
# a clinic can build and check its site before the review.
REMINDERS = logging.getLogger("kit.reminders")


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is when the reminder is given (a test may have replaced it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


if not REMINDERS.handlers:
    _handler = _Stderr()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    REMINDERS.addHandler(_handler)
    REMINDERS.propagate = False
REGION_TEXT = "sitekit.regiontext"
FIGURES = "sitekit.figures"
# The kit's own Markdown extensions. mkdocs.yml lists them; a clinic's file that gives its own
# markdown_extensions replaces that list (INHERIT does not merge lists), so they are added back here,
# or its pages would show "[[ region: emergency ]]", "[[ timeline: ... ]]" and "[[ self-check form ]]"
# as written.
# attr_list too: the build writes attributes into pages (the Sources heading's search exclusion).
KIT_EXTENSIONS = ("quiz.markdown", REGION_TEXT, FIGURES, "attr_list")


@dataclass(frozen=True)
class SiteBuild:
    crisis: dict  # the region's help (sitekit/site.crisis_help)
    offers: list[dict]  # the treatments the clinic offers, from data/treatments.yml
    css: str | None  # the clinic's colours, if it sets any
    logo: Path | None
    logo_target: str | None  # where the logo goes in the site
    short_name: str | None  # the header's name on a phone, from the file that names the site


_build: SiteBuild | None = None


# Before the other hooks' on_config (higher priority): they read the checked settings.
@event_priority(100)
def on_config(config):
    global _build
    try:
        kit = data.load()
        settings = site_settings.validate(dict(config.extra), config.config_file_path)
    except data.DataError as error:
        raise PluginError(str(error)) from None
    except site_settings.SettingsError as error:
        raise PluginError(f"The site settings need fixing:\n{error}") from None
    # The edition's language (hooks/languages.py set it, first of all): the clinic's own words in it.
    language = config.theme["language"]
    settings.clinic = languages.clinic_in(settings.clinic, language)
    config.extra["clinic"] = settings.clinic
    config.extra["self_check"] = settings.self_check
    config.extra["build"] = settings.build
    # The region placeholders of pages ([[ region: emergency ]]) are filled for this site's region.
    config.mdx_configs[REGION_TEXT] = {"region": settings.clinic["region"], "language": language}
    config.mdx_configs[FIGURES] = {"language": language}
    for extension in KIT_EXTENSIONS:
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)
    try:
        kit = data.in_language(kit, language)
        crisis = site.crisis_help(settings.clinic["region"], language)
    except translations.TranslationError as error:
        raise PluginError(str(error)) from None
    _build = SiteBuild(
        crisis=crisis,
        offers=site.offered_treatments(
            settings.clinic["offers"], kit.treatments, kit.regulatory[settings.clinic["region"]]
        ),
        css=site.colour_css(settings),
        logo=settings.clinic["logo"],
        logo_target=site.logo_target(settings),
        short_name=(
            settings.clinic["short_name"] if site_settings.short_name_applies(config.config_file_path) else None
        ),
    )
    reminder = site.review_reminder(settings.clinic)
    if reminder:
        REMINDERS.warning(reminder)
    if _build.css:
        for palette in config.theme["palette"]:
            palette["primary"] = "custom"
            palette["accent"] = "custom"
        config.extra_css.append(COLOURS_CSS)
    if _build.logo_target:
        config.theme["logo"] = _build.logo_target
    return config


def _wording(config) -> dict[str, str]:
    try:
        return strings.site_strings(strings.language_of(config))
    except strings.StringsError as error:
        raise PluginError(str(error)) from None


def on_files(files, config):
    wording = _wording(config)
    for extension in (REGION_TEXT, FIGURES):
        config.mdx_configs[extension] = {**config.mdx_configs.get(extension, {}), "strings": wording}
    # The title of each heading's permalink (Python-Markdown's toc, which MkDocs always loads).
    config.mdx_configs["toc"] = {
        "permalink_title": wording["heading_permalink_title"],
        **config.mdx_configs.get("toc", {}),
    }
    if _build.css:
        files.append(File.generated(config, COLOURS_CSS, content=_build.css))
    if _build.logo_target:
        files.append(File.generated(config, _build.logo_target, abs_src_path=str(_build.logo)))
    return files


def on_env(env, config, files):
    wording = _wording(config)
    # `{{ kit.t.key | fill(name=value) }}`: a wording with its values.
    env.filters["fill"] = strings.fill
    env.globals["kit"] = {
        "crisis": _build.crisis,
        "offers": _build.offers,
        "review": site.review(config.extra["clinic"], wording),
        "short_name": _build.short_name,
        "t": wording,
    }
    return env


# After MkDocs has copied the theme's files, before their compressed copies are made (hooks/precompress.py).
def on_post_build(config):
    try:
        theme.drop_palette_switching_rule(config.site_dir, palette=bool(config.theme.get("palette")))
    except theme.ThemeError as error:
        raise PluginError(str(error)) from None
