"""Every translated file of the kit, what English each translates, and the build's use of them
(hooks/languages.py): the site's name and navigation, the pages, and the staleness check.

The units of translation, each with the fingerprint of its English (sitekit/languages.py):
- "docs/PAGE.md": a page (its title, description and text);
- "FILE: KEY": a unit of a translated YAML file (a question, a tier, a page string, the navigation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils import meta as front_matter

from content_checks.pages import TRANSLATED_KEYS, merged_source

from . import languages
from .problems import Problem, ProblemsError, read_yaml
from .project import ROOT, shown

DOCS = ROOT / "docs"
SITE = "site.yml"
# The keys of a translated page's own front matter: its words. Every other key (the review date,
# the sources, the evidence label, what the theme hides) comes from the English page.
PAGE_TEXT_KEYS = TRANSLATED_KEYS


class TranslationError(ProblemsError):
    """A translation that cannot be used; each problem names the file, the key or line, and the fix."""


# ---- the site's name and navigation (translations/<language>/site.yml) ----------------------------


def _english_site() -> dict[str, Any]:
    """The English of site.yml's units, from the kit's mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return {
        "site_name": config["site_name"],
        "site_description": config["site_description"],
        "nav": {title: title for title in nav_titles(config["nav"])},
        "palette": [palette["toggle"]["name"] for palette in config["theme"]["palette"]],
    }


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative); their values are not needed here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_titles(nav: Any) -> list[str]:
    """Every title in a navigation (sections and pages), in order."""
    titles: list[str] = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, target in item.items():
                titles.append(str(title))
                if isinstance(target, list):
                    titles += nav_titles(target)
    return titles


def site_text(language: str) -> dict[str, Any]:
    """translations/<language>/site.yml, checked against the kit's mkdocs.yml."""
    path = languages.folder(language) / SITE
    doc = read_yaml(path, what="the site's text", error=TranslationError)
    found = languages.compare(_english_site(), doc)
    if found:
        raise TranslationError(found)
    return dict(doc.data)  # type: ignore[arg-type]


def site_name(config, clinic: dict, site: dict, language: str) -> str:
    """The edition's site name: the clinic's own in that language, or the kit's translation when
    the site's name is the kit's; a clinic's own name with no translation stops the build."""
    given = clinic.get(language)
    own = given.get("site_name") if isinstance(given, dict) else None  # the settings check reports the rest
    if own:
        return own
    if config.site_name == _english_site()["site_name"]:
        return site["site_name"]
    raise TranslationError(
        Problem(
            config.config_file_path,
            None,
            f"the site's name ({config.site_name!r}) has no {languages.LANGUAGES[language]} version",
            fix=f"give it as extra.clinic.{language}.site_name, or leave {language!r} out of extra.clinic.languages",
            key=f"extra.clinic.{language}.site_name",
        )
    )


def translated_nav(nav: Any, titles: dict[str, str], language: str) -> Any:
    """The navigation with each title in the edition's language (a clinic's own titles too)."""
    missing = [title for title in nav_titles(nav) if title not in titles]
    if missing:
        path = languages.folder(language) / SITE
        raise TranslationError(
            [
                Problem(
                    str(path),
                    None,
                    f"the navigation's title {title!r} has no translation",
                    fix="add it under nav:",
                    key="nav",
                )
                for title in missing
            ]
        )

    def walk(items: Any) -> Any:
        result = []
        for item in items or []:
            if isinstance(item, dict):
                result.append(
                    {
                        titles[str(title)]: walk(target) if isinstance(target, list) else target
                        for title, target in item.items()
                    }
                )
            else:
                result.append(item)
        return result

    return walk(nav)


# ---- pages ------------------------------------------------------------------------------------


def page_path(language: str, src_uri: str) -> Path:
    return languages.folder(language) / languages.PAGES / src_uri


def pages_folder(language: str) -> str:
    """Where a language's pages are, as a message names their files: translations/es/docs/."""
    return shown(languages.folder(language) / languages.PAGES) + "/"


def merged_page(english: str, translation: str, file: str) -> str:
    """A translated page's source as the build reads it: the English page's front matter with the
    translation's words (PAGE_TEXT_KEYS) in place of the English, then the translation's text,
    every line where the translation's file has it (content_checks.pages.merged_source, which the
    content checks' command uses too). Any other key in the translation stops the build."""
    _, meta = front_matter.get_data(translation)
    other = sorted(set(meta) - set(PAGE_TEXT_KEYS))
    if other:
        raise TranslationError(
            Problem(
                file,
                1,
                f"front matter gives {', '.join(other)}, which a translated page takes from the English page",
                fix=f"keep only {', '.join(PAGE_TEXT_KEYS)} (those it has) in the translation's front matter",
            )
        )
    problem = evidence_problem(front_matter.get_data(english)[1], meta, file)
    if problem:
        raise TranslationError(problem)
    return merged_source(english, translation)


def evidence_problem(english: dict, translation: dict, file: str) -> Problem | None:
    """A translated page may name the uses its `evidence:` rates in its own words; the levels are
    the English page's, in the same order, or this is the problem."""
    if "evidence" not in translation:
        return None
    theirs, ours = english.get("evidence"), translation["evidence"]
    if isinstance(theirs, dict) and isinstance(ours, dict) and list(theirs.values()) == list(ours.values()):
        return None
    levels = list(theirs.values()) if isinstance(theirs, dict) else theirs
    return Problem(
        file,
        None,
        "evidence: the levels differ from the English page's",
        fix=f"name each use in this language and keep the English levels, in order ({levels}); "
        "or leave evidence out, to show the English",
        key="evidence",
    )


def translate_pages(files, language: str) -> None:
    """Give every page of `files` its translation's text (in place); stop, naming every page
    without a translation."""
    missing: list[Problem] = []
    for file in files.documentation_pages():
        path = page_path(language, file.src_uri)
        if not path.is_file():
            missing.append(
                Problem(
                    shown(path),
                    None,
                    f"{file.src_uri} has no {languages.LANGUAGES[language]} translation",
                    fix=f'translate {file.src_uri} into this file (EDITING.md, "The Spanish edition"), '
                    f"or leave {language!r} out of extra.clinic.languages",
                )
            )
            continue
        file.content_string = merged_page(file.content_string, path.read_text(encoding="utf-8"), shown(path))
    if missing:
        raise TranslationError(missing)


# ---- kept in step with the English --------------------------------------------------------------


def _page_fingerprint(text: str) -> str:
    body, meta = front_matter.get_data(text)
    return languages.fingerprint({"title": meta.get("title"), "description": meta.get("description"), "body": body})


@dataclass(frozen=True)
class TextFile:
    """A translated YAML file: its name in translations/<language>/, its English and that English's
    text in the translation's shape."""

    name: str
    english: Path
    text: Callable[[], Any]  # the English text in the translation's shape


def _bank_text() -> Any:
    from quiz import bank  # the bank module reads this package; imported here to keep the order simple

    return bank.text_of(bank.load_bank(bank.DEFAULT_BANK))


def _flat(path: Path) -> Callable[[], Any]:
    return lambda: yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def text_files() -> list[TextFile]:
    from quiz import bank

    files = [
        TextFile(SITE, ROOT / "mkdocs.yml", _english_site),
        TextFile(bank.TRANSLATION, bank.DEFAULT_BANK, _bank_text),
        TextFile(
            "page-strings.yml",
            ROOT / "quiz" / "data" / "page-strings.yml",
            _flat(ROOT / "quiz" / "data" / "page-strings.yml"),
        ),
        TextFile("site-strings.yml", ROOT / "data" / "site-strings.yml", _flat(ROOT / "data" / "site-strings.yml")),
    ]
    for name, keys in DATA_TEXT.items():
        english = ROOT / "data" / name
        files.append(TextFile(name, english, _data_text(english, keys)))
    return [file for file in files if file.english.is_file()]


def _data_text(path: Path, keys: frozenset[str]) -> Callable[[], Any]:
    return lambda: languages.project(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, keys) or {}


def current_units(language: str, docs_dir: Path | str = DOCS) -> dict[str, tuple[str, str, str]]:
    """Every unit of the kit's translation into `language` that exists, with the fingerprint of its
    English now (the pages as `docs_dir`, the build's, has them), the English file and the
    translation's file."""
    units: dict[str, tuple[str, str, str]] = {}
    base = languages.folder(language)
    docs = Path(docs_dir)
    for english in sorted(docs.rglob("*.md")):
        rel = english.relative_to(docs).as_posix()
        translation = base / languages.PAGES / rel
        if translation.is_file():
            units[f"docs/{rel}"] = (
                _page_fingerprint(english.read_text(encoding="utf-8")),
                f"docs/{rel}",
                shown(translation),
            )
    for file in text_files():
        translation = base / file.name
        if not translation.is_file():
            continue
        for key, text in languages.text_units(file.text()).items():
            units[f"{file.name}: {key}"] = (
                languages.fingerprint(text),
                shown(file.english),
                shown(translation),
            )
    return units


def stale_units(language: str, docs_dir: Path | str = DOCS) -> list[languages.Stale]:
    return languages.stale(language, current_units(language, docs_dir))


def stamp(language: str, units: Iterable[str] | None = None) -> list[str]:
    """Record the English that `units` (every unit, if None) now translate. Returns those stamped."""
    current = current_units(language)
    chosen = list(current) if units is None else list(units)
    unknown = [unit for unit in chosen if unit not in current]
    if unknown:
        raise TranslationError(
            [
                Problem(
                    str(languages.folder(language) / languages.MANIFEST),
                    None,
                    f"{unit!r} is not a translated unit",
                    fix="run 'python -m sitekit translations' to list them",
                )
                for unit in unknown
            ]
        )
    recorded = languages.read_manifest(language)
    recorded = {unit: value for unit, value in recorded.items() if unit in current}
    for unit in chosen:
        recorded[unit] = current[unit][0]
    languages.write_manifest(language, recorded)
    return chosen


# ---- the data files' words ----------------------------------------------------------------------

# The words a reader sees in each data file; everything else (numbers, addresses, sources, checks)
# comes from the English file.
DATA_TEXT = {
    "crisis-help.yml": frozenset({"name", "how"}),
    "regulatory.yml": frozenset({"name", "text"}),
    "treatments.yml": frozenset({"name", "note"}),
    "figures.yml": frozenset({"title", "label", "people", "text", "when"}),
}
# What crisis-help.yml's translation adds for each region: the region's services in that language.
IN_LANGUAGE = "spanish"
_IN_LANGUAGE_KEYS = {"line", "how", "text_body", "call_note", "source", "verified_on", "to_verify"}

# Each translation file's words as last merged: (the file's modification time, the English they were
# merged into, the result). One entry per file, so that a long `mkdocs serve` keeps no old ones.
_read: dict[str, tuple[int, Any, Any]] = {}


def _once(path: Path, english: Any, make: Callable[[], Any]) -> Any:
    """`make()`, again only when the translation's file changes or the English differs (a rebuild
    reads the English data files afresh: equal content needs no new merge)."""
    mtime = path.stat().st_mtime_ns
    kept = _read.get(str(path))
    if kept is None or kept[0] != mtime or (kept[1] is not english and kept[1] != english):
        kept = (mtime, english, make())
        _read[str(path)] = kept
    return kept[2]


def translated_data(name: str, english: Any, language: str) -> Any:
    """A data file's content (`english`, as its loader checked it) with the words of its translation
    (translations/<language>/<name>). TranslationError names the file, line and key of a missing or
    extra entry."""
    path = languages.folder(language) / name
    if not path.is_file():
        raise TranslationError(
            Problem(
                str(path),
                None,
                f"data/{name} has no {languages.LANGUAGES[language]} text",
                fix=f'write its words in this file, in the shape of data/{name} (EDITING.md, "The Spanish edition")',
            )
        )
    return _once(path, english, lambda: _translate(name, english, language, path))


def _translate(name: str, english: Any, language: str, path: Path) -> Any:
    keys = DATA_TEXT[name]
    doc = read_yaml(path, error=TranslationError)
    data = doc.data if isinstance(doc.data, dict) else {}
    added: dict[str, Any] = {}
    if name == "crisis-help.yml":
        # The services in the edition's language, and the notes on them, are the translation's own.
        stripped = {}
        for region, entry in data.items():
            if isinstance(entry, dict):
                added[region] = entry.get(IN_LANGUAGE)
                stripped[region] = {key: value for key, value in entry.items() if key not in (IN_LANGUAGE, "to_verify")}
            else:
                stripped[region] = entry
        data = stripped
    found = languages.compare(languages.project(english, keys) or {}, type(doc)(data, doc.file, doc.lines))
    if name == "crisis-help.yml":
        found += _check_in_language(english, added, doc)
    if found:
        raise TranslationError(found)
    merged = languages.apply(english, data, keys)
    if name == "crisis-help.yml":
        for region, entries in added.items():
            merged[region] = _with_services_in_language(merged[region], english[region], entries or [])
    return merged


def _check_in_language(english: dict, added: dict[str, Any], doc) -> list[Problem]:
    problems: list[Problem] = []
    for region, entries in added.items():
        at = (region, IN_LANGUAGE)
        if region not in english:
            continue  # compare() has named it: a region the English lacks
        if entries is not None and not isinstance(entries, list):
            problems.append(
                Problem(
                    doc.file,
                    doc.line(at),
                    f"{region}.{IN_LANGUAGE}: expected a list of lines",
                    fix="write one '- line: ...' item per line that serves people in this language, or []",
                    key=f"{region}.{IN_LANGUAGE}",
                )
            )
            continue
        if entries is None:
            problems.append(
                Problem(
                    doc.file,
                    doc.line((region,)),
                    f"{region}.{IN_LANGUAGE} is missing",
                    fix="list the region's services in this language, or write [] and a to_verify note",
                    key=f"{region}.{IN_LANGUAGE}",
                )
            )
            continue
        names = {line["name"] for line in [*english[region].get("lines", []), *english[region].get("youth", [])]}
        for number, item in enumerate(entries):
            where = f"{region}.{IN_LANGUAGE}[{number + 1}]"
            line = doc.line((*at, number))
            if not isinstance(item, dict):
                problems.append(Problem(doc.file, line, "expected line, how and source", key=where))
                continue
            unknown = set(item) - _IN_LANGUAGE_KEYS
            if unknown:
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        f"unknown keys {', '.join(sorted(unknown))}",
                        fix=f"use {', '.join(sorted(_IN_LANGUAGE_KEYS))}",
                        key=where,
                    )
                )
            if item.get("line") not in names:
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        f"line {item.get('line')!r} is not a line of {region} in data/crisis-help.yml",
                        fix=f"write its English name: {', '.join(sorted(names))}",
                        key=f"{where}.line",
                    )
                )
            if not isinstance(item.get("how"), str) or not item["how"].strip():
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        "how is missing",
                        fix="say how to reach the service in this language",
                        key=f"{where}.how",
                    )
                )
            if not str(item.get("source", "")).startswith(("https://", "http://")):
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        "source is missing",
                        fix="give the address of the page it was read on",
                        key=f"{where}.source",
                    )
                )
            if not item.get("verified_on") and not item.get("to_verify"):
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        "neither verified_on nor to_verify",
                        fix="give the day it was read on the service's own page, or say what is still to check",
                        key=where,
                    )
                )
    return problems


def _with_services_in_language(entry: dict, english: dict, services: list[dict]) -> dict:
    """A region's help in the edition's language: a line that serves people in that language adds
    how to reach it in that language to what it says of itself (and sends the word to text in that
    language, if any); `in_language` says whether any line does. Lines are matched by their English
    name (the translation may give them another)."""
    by_line = {item["line"]: item for item in services}

    def lines(kind: str) -> list[dict]:
        result = []
        for item, original in zip(entry.get(kind, []), english.get(kind, []), strict=True):
            service = by_line.get(original["name"])
            if not service:
                result.append(item)
                continue
            line = {**item, "how": f"{item['how'].strip()} {' '.join(service['how'].split())}", "in_language": True}
            if service.get("text_body"):
                line["text_body"] = service["text_body"]
            if service.get("call_note"):
                line["call_note"] = service["call_note"]
            result.append(line)
        return result

    return {**entry, "lines": lines("lines"), "youth": lines("youth"), "in_language": bool(services)}
