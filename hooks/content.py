"""Content checks in the build: glue between MkDocs and the content_checks package.

Fails the build, naming the page, line and fix, when a page's front matter is missing or malformed,
cites a source that data/references.yml lacks, makes a claim listed in data/forbidden-claims.yml,
says something that is right only in other regions than the site's (data/region-only.yml, with the
region placeholders filled for the site's region), names an unknown region placeholder, or reads
above Flesch-Kincaid grade 8 (or the pages' median above grade 7). A page last reviewed
more than 12 months ago is a warning, which a --strict build turns into a failure. The rules for
the words follow the site's language (theme.language, content_checks/languages.py): a Spanish
build's pages are held to Szigriszt-Pazos 55 or higher (the median 65 or higher) and to the Spanish
phrasings of the forbidden claims.

Adds to every page its sources, its last-reviewed and next-review dates and any reviewer; to
condition pages their evidence label; and fills in the build markers (see content_checks/render.py).
The evidence label is an admonition, so the site needs the `admonition` Markdown extension. What
the build adds is in the site's wording, in its language (sitekit/strings.py).

`python -m content_checks` runs the same checks from the terminal and prints each page's grade
(`--lang es`: the Spanish pages' Szigriszt-Pazos index).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from content_checks import languages, render
from content_checks.pages import check_site, translation_keys
from content_checks.problems import report
from sitekit import data, site, strings, translations
from sitekit import languages as editions

log = logging.getLogger("mkdocs.hooks.content")


@dataclass
class ContentBuild:
    """What one build has learnt, for the later hooks of the same build."""

    data: data.SiteData
    region: dict  # the site's region's help (sitekit/site.crisis_help)
    wording: dict = field(default_factory=dict)  # the site's, in its language (sitekit/strings.site_strings)
    meta: dict = field(default_factory=dict)  # page -> its front matter
    markers: render.MarkerPages = field(default_factory=render.MarkerPages)
    overview: list[tuple[str, str, object]] = field(default_factory=list)  # the evidence overview's rows
    # For a translated edition, its translations' folder (hooks/languages.py gives each page its
    # translation's text), whose files the messages then name.
    translation: str | None = None


_build: ContentBuild | None = None


# on_config: a broken data file stops the build before any page is read.
def on_config(config):
    global _build
    try:
        kit = data.load()
    except data.DataError as error:
        raise PluginError(str(error)) from None
    # The site hook (hooks/site.py) has checked extra.clinic.region; a site without that hook (the
    # content tests' sites) names its region the same way, US by default.
    code = (config.extra.get("clinic") or {}).get("region") or "US"
    if code not in kit.regions:
        raise PluginError(
            f"{config.config_file_path}: extra.clinic.region: {code!r} is not one of "
            f"{', '.join(kit.regions)} (the regions of data/crisis-help.yml)"
        )
    try:
        wording = strings.site_strings(strings.language_of(config))
    except strings.StringsError as error:
        raise PluginError(str(error)) from None
    try:
        region = site.crisis_help(code, strings.language_of(config))
    except translations.TranslationError as error:
        raise PluginError(str(error)) from None
    _build = ContentBuild(kit, region, wording)
    edition = editions.Edition.of_clinic(config.extra.get("clinic"))
    if edition.translated:
        _build.translation = translations.pages_folder(edition.language)
    return config


# on_files: every page is checked before any is rendered, so one build reports every problem at once.
def on_files(files, config):
    texts = {file.src_uri: file.content_string for file in files.documentation_pages()}
    try:
        language = languages.code(config.theme.get("language"))
    except languages.UnknownLanguage as error:
        raise PluginError(f"{config.config_file_path}: theme.language: {error}") from None
    own_keys = None
    if _build.translation:  # the keys whose value is the translation's own: their problems name its file
        own_keys = {
            uri: translation_keys(english.read_text(encoding="utf-8"), path.read_text(encoding="utf-8"))
            for uri in texts
            if (english := Path(config.docs_dir, uri)).is_file()
            and (path := translations.page_path(language, uri)).is_file()
        }
    checked = check_site(
        texts,
        _build.data.references,
        _build.data.claims,
        dt.date.today(),
        region=_build.region,
        region_texts=_build.data.region_texts,
        language=language,
        translation=_build.translation,
        own_keys=own_keys,
    )
    for warning in checked.warnings:
        log.warning(str(warning))
    if checked.errors:
        raise PluginError(report(checked.errors, "Content checks failed"))
    _build.meta = {page: result.meta for page, result in checked.pages.items()}
    _build.markers = render.marker_pages(texts)
    return files


# on_nav: the conditions overview lists pages in the navigation's order.
def on_nav(nav, config, files):
    _build.overview = render.overview_rows(_build.meta, [page.file.src_uri for page in nav.pages])
    return nav


# on_page_markdown: additions are made to the Markdown, so the theme's templates need no change.
def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    return render.decorate(
        markdown,
        uri,
        _build.meta[uri],
        _build.data.references,
        set(_build.meta),
        _build.markers.scale,
        _build.markers.references,
        _build.overview,
        site.review_status(config.extra.get("clinic") or {}, _build.wording),
        strings=_build.wording,
    )
