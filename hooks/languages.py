"""Glue: one site in several languages (sitekit/languages.py says how).

Each language is its own MkDocs build, so each edition has the theme, the search index and the
`lang` of its language. The first language of extra.clinic.languages is built at the site's root
by `mkdocs build` (or `mkdocs serve`); this hook then builds each other one into a folder of the
site named by its code (site/es/), from the same configuration.

- on_config (first of every hook and plugin): the
  edition's language for the theme and the search, its site name and description, its navigation's
  titles (translations/<language>/site.yml); a page or text whose English has changed since it was
  translated is a warning (so `--strict` fails), naming what to translate again.
- on_files: in a translated edition, every page's text is its translation (translations/<language>/docs/),
  with the English page's front matter; a page without one stops the build, naming them all.
- on_env, on_page_context: the same page in the other languages, for the language switch in the
  header and the sitemap's `hreflang` alternates (overrides/sitemap.xml).
- on_post_build (the root edition only, first of all): the other editions' builds.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from sitekit import languages, translations

log = logging.getLogger("mkdocs.hooks.languages")

_edition: languages.Edition | None = None


# First of all: every other hook reads the edition's language (config.theme["language"]). The
# settings are checked next, by hooks/site.py, which reports a wrong extra.clinic.languages; until
# then only the languages the kit has are taken from it.
@event_priority(110)
def on_config(config):
    global _edition
    clinic = config.extra.get("clinic") if isinstance(config.extra.get("clinic"), dict) else {}
    _edition = languages.Edition.of_clinic(clinic)
    language = _edition.language
    config.theme["language"] = language
    if config.site_url and not _edition.at_root:
        config.site_url = f"{config.site_url.rstrip('/')}/{_edition.folder()}"
    if _edition.translated:
        try:
            site = translations.site_text(language)
            config.site_name = translations.site_name(config, clinic, site, language)
            own = clinic.get(language) if isinstance(clinic.get(language), dict) else {}
            config.site_description = own.get("site_description") or site["site_description"]
            config.nav = translations.translated_nav(config.nav, site["nav"], language)
            palettes = config.theme["palette"] if isinstance(config.theme["palette"], list) else []
            for palette, name in zip(palettes, site["palette"], strict=False):
                if isinstance(palette.get("toggle"), dict):
                    palette["toggle"]["name"] = name
        except translations.TranslationError as error:
            raise PluginError(str(error)) from None
        for unit in translations.stale_units(language, config.docs_dir):
            log.warning(unit.message(language))
    return config


@event_priority(50)
def on_files(files, config):
    if not _edition.translated:
        return files
    try:
        translations.translate_pages(files, _edition.language)
    except translations.TranslationError as error:
        raise PluginError(str(error)) from None
    return files


def on_env(env, config, files):
    # Each edition's root, for the sitemap's hreflang alternates: the full address when the site's
    # is known (site_url), else the path from the host's root, as MkDocs writes the sitemap then.
    root = config.site_url or "/"
    if config.site_url and not _edition.at_root:
        root = config.site_url[: -len(_edition.folder())]
    env.globals["kit_editions"] = [{"code": code, "root": root + _edition.folder(code)} for code in _edition.languages]
    return env


def on_page_context(context, page, config, nav):
    # Every edition of this page, this one included, for the header's language link.
    context["kit_languages"] = [
        {"code": code, "name": languages.LANGUAGES[code], "href": _same_page(page.url, code)}
        for code in _edition.languages
    ]
    context["kit_language"] = _edition.language
    return context


def _same_page(url: str, language: str) -> str:
    """The address of this page in an edition, relative to this page."""
    return get_relative_url(_edition.folder(language) + url, _edition.folder() + url) or "./"


def edition_command(config, language: str) -> list[str]:
    """The command that builds the `language` edition into its folder of this build's site, with this
    build's own choices (strict or not, directory URLs or not), whether from the file or the command."""
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--config-file",
        config.config_file_path,
        "--site-dir",
        os.path.join(config.site_dir, language),
        "--strict" if config.strict else "--no-strict",
        "--use-directory-urls" if config.use_directory_urls else "--no-directory-urls",
    ]


@event_priority(100)
def on_post_build(config):
    """Each other edition is built by a process of its own: MkDocs keeps one instance of each hook
    and of the search plugin for every build in a process, so a second build in this one would
    overwrite what this build's hooks and search index hold."""
    if not _edition.at_root:
        return
    for language in _edition.others():
        environment = {**os.environ, languages.EDITION: language}
        with subprocess.Popen(
            edition_command(config, language),
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        ) as process:
            # Its warnings and errors are passed on as they come; its progress lines are left out.
            for line in process.stderr:
                if not line.startswith("INFO"):
                    sys.stderr.write(line)
        if process.returncode != 0:
            raise PluginError(
                f"The {languages.LANGUAGES[language]} edition ({language}/) could not be built; its messages are above"
            )


# Rebuild when a translation changes under `mkdocs serve`.
def on_serve(server, config, builder):
    server.watch(str(languages.TRANSLATIONS))
    return server
