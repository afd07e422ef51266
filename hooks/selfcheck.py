"""Glue between MkDocs and the self-check in quiz/ (the logic lives in quiz/site.py).

- on_config: read and check the question bank and the pinned Pyodide runtime, so that a bad bank or
  a missing or altered runtime stops the build before anything is written; configure the Markdown
  extension that renders the questions.
- on_files: add the page script, the worker, the runtime and the engine's files to the site, and
  check that every page the bank links to exists.
- on_page_content, on_post_page: the page script and the first-paint hold, on the self-check's page only.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from quiz import bank as bank_module
from quiz import runtime, site
from sitekit import data, languages, project, translations
from sitekit.site import crisis_help, offered_treatments
from sitekit.strings import StringsError, language_of, site_strings

EXTENSION = "quiz.markdown"

_build: site.SelfCheckBuild | None = None  # this build's bank and engine files, from on_config


def on_config(config):
    global _build
    # hooks/site.py has checked extra.clinic and extra.self_check, and made the bank's path absolute.
    clinic = config.extra["clinic"]
    _languages[:] = clinic["languages"]
    bank_path = Path(config.extra["self_check"]["bank"] or bank_module.DEFAULT_BANK)
    try:
        language = _edition().language
        kit = data.in_language(data.load(), language)
        _build = site.prepare(bank_path, kit.references, project.NODE_MODULES, project.version(), language=language)
        strings = site_strings(language_of(config))
        crisis = crisis_help(clinic["region"], language)
    except (
        data.DataError,
        bank_module.BankError,
        runtime.RuntimeFilesError,
        StringsError,
        translations.TranslationError,
    ) as error:
        raise PluginError(str(error)) from None
    config.mdx_configs[EXTENSION] = _build.markdown_options(
        references=kit.references,
        crisis=crisis,
        clinic=clinic,
        offers=offered_treatments(clinic["offers"], kit.treatments, kit.regulatory[clinic["region"]]),
        site_name=config.site_name,
        to_site_root=_edition().to_site_root,
        language=language_of(config),
        strings=strings,
    )
    config.extra_css.append(site.STYLESHEET)
    return config


def _edition() -> languages.Edition:
    return languages.Edition.current(_languages)


_languages: list[str] = []  # the site's, from extra.clinic.languages


def on_files(files, config):
    for path, source in _build.files(with_runtime=_edition().at_root):
        if isinstance(source, bytes):
            files.append(File.generated(config, path, content=source))
        else:
            files.append(File.generated(config, path, abs_src_path=str(source)))
    problem = _build.missing_page(lambda page: files.get_file_from_path(page) is not None, config.docs_dir)
    if problem:
        raise PluginError(problem)
    return files


def on_page_content(html, page, config, files):
    return _build.with_script(html, lambda path: get_relative_url(path, page.url))


def on_post_page(output, page, config):
    return _build.with_first_paint_hold(output)


# Rebuild when the bank, the engine, the page script or the site data change under `mkdocs serve`.
def on_serve(server, config, builder):
    for folder in (project.ROOT / "quiz", project.DATA):
        server.watch(str(folder))
    return server
