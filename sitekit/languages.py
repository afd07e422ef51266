"""The site's languages: which editions a build makes, where each edition's words come from, and
whether each translation is still in step with the English it was made from.

English is the source: its pages (docs/), question bank and data hold the logic and the facts. A
translation under translations/<language>/ holds words only:

- docs/<page>.md    the page in that language (front matter: title and description; every other
                    key comes from the English page, so sources and review dates cannot differ);
- questions.yml     the bank's text by question and option id (quiz/bank.py, text_of);
- site.yml          the site's name and description and the navigation's titles;
- other YAML files  the text of the data file or table of the same name, in the same shape.

Each edition is its own MkDocs build: the first language of `extra.clinic.languages` at the site's
root, each other one in a folder named by its code (site/es/), with the theme, search index and
`lang` of its language. hooks/languages.py starts the other builds after the first.

Kept in step: translated-from.yml beside the translation records, for every page and every unit of
text (a question, a tier, a page string), a fingerprint of the English it translates. When the English
changes, the build warns (so `--strict` fails), naming what to translate again; `python -m sitekit
translations` lists the same and `--stamp` records the English once the translation is updated.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, Yaml
from .project import ROOT

SOURCE = "en"  # the language the kit is written in
# Every language the kit has an edition in, by code, with its name in its own language (the
# language switch shows this name).
LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT = ["en", "es"]  # extra.clinic.languages when a site does not set it
TRANSLATIONS = ROOT / "translations"
MANIFEST = "translated-from.yml"
PAGES = "docs"


# Set in the environment of another edition's build (hooks/languages.py starts it as a process of
# its own): that edition's language code.
EDITION = "KIT_EDITION"
# What another edition's build leaves in its folder for the root edition's: the hashes of its pages'
# inline scripts, which the site's one Content-Security-Policy header must allow.
HANDED_OVER = ".kit-edition-scripts.json"


def in_other_edition() -> bool:
    """Whether this build is another edition's, started by the root edition's build."""
    return bool(os.environ.get(EDITION))


def hand_over(site_dir: str, hashes: list[str]) -> None:
    Path(site_dir, HANDED_OVER).write_text(json.dumps(hashes), encoding="utf-8")


def handed_over(site_dir: str, folders: list[str]) -> list[str]:
    """The script hashes the other editions (in `folders` of `site_dir`) left, each file removed
    once read: it is not part of the site."""
    hashes: list[str] = []
    for name in folders:
        path = Path(site_dir, name, HANDED_OVER)
        if path.is_file():
            hashes += [h for h in json.loads(path.read_text(encoding="utf-8")) if h not in hashes]
            path.unlink()
    return hashes


@dataclass(frozen=True)
class Edition:
    """One language's build of the site."""

    language: str
    languages: tuple[str, ...]  # every edition of the site, the one at the root first

    @classmethod
    def current(cls, languages: list[str] | tuple[str, ...]) -> Edition:
        languages = tuple(languages) or (SOURCE,)
        chosen = os.environ.get(EDITION) or languages[0]
        if chosen not in languages:
            raise ValueError(f"{EDITION}={chosen!r} is not one of this site's languages ({', '.join(languages)})")
        return cls(chosen, languages)

    @classmethod
    def of_clinic(cls, clinic: object) -> Edition:
        """This build's edition, from a site's extra.clinic as given: before the settings are
        checked (hooks/site.py reports a wrong `languages`), only the languages the kit has count."""
        given = clinic.get("languages") if isinstance(clinic, dict) else None
        chosen = [code for code in given if code in LANGUAGES] if isinstance(given, list) else []
        return cls.current(chosen or DEFAULT)

    @property
    def at_root(self) -> bool:
        return self.language == self.languages[0]

    def folder(self, language: str | None = None) -> str:
        """An edition's folder from the site's root ("" for the root edition, "es/" for another)."""
        language = language or self.language
        return "" if language == self.languages[0] else f"{language}/"

    @property
    def to_site_root(self) -> str:
        """From this edition's root to the site's root: "" or "../"."""
        return "" if self.at_root else "../"

    @property
    def translated(self) -> bool:
        return self.language != SOURCE

    def others(self) -> list[str]:
        return [language for language in self.languages if language != self.language]


def folder(language: str) -> Path:
    return TRANSLATIONS / language


# ---- fingerprints of the English --------------------------------------------------------------


def fingerprint(value: Any) -> str:
    """A short, stable fingerprint of English text (a string, or text in lists and mappings)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read_manifest(language: str) -> dict[str, str]:
    path = folder(language) / MANIFEST
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        return {}
    return {str(key): str(value) for key, value in data.items()}


def write_manifest(language: str, entries: Mapping[str, str]) -> Path:
    path = folder(language) / MANIFEST
    header = (
        "# What each translated page and text was translated from: a fingerprint of the English\n"
        "# (sitekit/languages.py). Written by `python -m sitekit translations --stamp`, after the\n"
        "# translation was brought in step with the English; not edited by hand.\n"
    )
    body = yaml.safe_dump(dict(sorted(entries.items())), allow_unicode=True, sort_keys=False, width=200)
    path.write_text(header + body, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Stale:
    unit: str  # "docs/risks-and-side-effects.md" or "questions.yml: questions.danger_now"
    english: str  # the English file it translates
    translation: str  # the file to update
    never_stamped: bool

    def message(self, language: str) -> str:
        subject = "the page" if self.unit.startswith(f"{PAGES}/") else self.unit.partition(": ")[2]
        if self.never_stamped:
            what = f"{subject} has no record of the English it translates ({self.english})"
        else:
            what = f"{subject} translates an older version of {self.english}, which has changed since"
        return (
            f"{self.translation}: {what}; translate it again from the English, then run "
            f"'python -m sitekit translations --lang {language} --stamp \"{self.unit}\"'"
        )


def stale(language: str, current: Mapping[str, tuple[str, str, str]]) -> list[Stale]:
    """The units whose English has changed since they were translated. `current` maps each unit to
    (fingerprint of its English now, the English file, the translation's file)."""
    recorded = read_manifest(language)
    found = []
    for unit, (now, english, translation) in current.items():
        if recorded.get(unit) != now:
            found.append(Stale(unit, english, translation, unit not in recorded))
    return found


# ---- text in the shape of an English file ------------------------------------------------------


def text_units(shape: Mapping[str, Any]) -> dict[str, Any]:
    """A file's units of translation: each top-level key, or, where its value is a mapping of
    mappings (questions by id, tiers, regions), each entry of it, as "key.entry"."""
    units: dict[str, Any] = {}
    for key, value in shape.items():
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            for entry, text in value.items():
                units[f"{key}.{entry}"] = text
        else:
            units[str(key)] = value
    return units


def project(value: Any, text_keys: frozenset[str]) -> Any:
    """The text of an English value, in the shape its translation is written in: the values of
    `text_keys` (a string, or a list of strings), and the mappings and lists that hold them; a list
    of mappings that each have an `id` becomes a mapping by id. Returns None where there is no text."""
    if isinstance(value, dict):
        shaped: dict[str, Any] = {}
        for key, item in value.items():
            if key in text_keys and (isinstance(item, str) or _strings(item)):
                shaped[str(key)] = item
            elif isinstance(item, (dict, list)):
                inner = project(item, text_keys)
                if inner:
                    shaped[str(key)] = inner
        return shaped or None
    if isinstance(value, list):
        if value and all(isinstance(item, dict) and "id" in item for item in value):
            by_id = {str(item["id"]): project(item, text_keys) for item in value}
            return {key: inner for key, inner in by_id.items() if inner} or None
        items = [project(item, text_keys) for item in value]
        return items if any(items) else None
    return None


def _strings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, str) for item in value)


def compare(expected: Any, doc: Yaml, path: tuple = ()) -> list[Problem]:
    """How a translation (`doc`, read with its lines) differs in shape from its English (`expected`,
    as project() gives it): a missing or extra key, an id the English lacks, a list of another
    length, a value that is not text. Each problem names the file, the line and the key."""
    given: Any = doc.data
    for step in path:
        given = given[step]
    problems: list[Problem] = []

    def problem(at: tuple, text: str, fix: str) -> Problem:
        key = ".".join(str(step) if isinstance(step, str) else f"[{step + 1}]" for step in at).replace(".[", "[")
        return Problem(doc.file, doc.line(at), text, fix=fix, key=key or None)

    if isinstance(expected, dict):
        if not isinstance(given, dict):
            return [problem(path, "expected a block of keys, as the English has", "write the keys the English has")]
        for key, value in expected.items():
            if key not in given:
                problems.append(problem((*path, key), "missing", "translate it from the English"))
            else:
                problems += compare(value, doc, (*path, key))
        for key in given:
            if key not in expected:
                problems.append(
                    problem(
                        (*path, key),
                        "not in the English",
                        "a translation holds only the text of the English ids and keys; remove it or correct its name",
                    )
                )
        return problems
    if isinstance(expected, list):
        if not isinstance(given, list) or len(given) != len(expected):
            found = f"{len(given)} items" if isinstance(given, list) else "no list"
            return [
                problem(
                    path,
                    f"the English has {len(expected)} items here, the translation {found}",
                    "translate each item, in the same order",
                )
            ]
        for number, item in enumerate(expected):
            if item is not None:
                problems += compare(item, doc, (*path, number))
        return problems
    if not isinstance(given, str) or not given.strip():
        return [problem(path, "expected the translated text", "write it as text, in quotes if it starts with a symbol")]
    return problems


def apply(english: Any, text: Any, text_keys: frozenset[str]) -> Any:
    """The English value with its text replaced by the translation's (`text` has the shape
    project() gives; compare() has found no difference)."""
    if text is None:
        return english
    if isinstance(english, dict):
        result = {}
        for key, value in english.items():
            if key in text_keys and key in text and (isinstance(value, str) or _strings(value)):
                result[key] = text[key]
            elif isinstance(value, (dict, list)) and key in text:
                result[key] = apply(value, text[key], text_keys)
            else:
                result[key] = value
        return result
    if isinstance(english, list):
        if english and all(isinstance(item, dict) and "id" in item for item in english):
            return [apply(item, text.get(str(item["id"])), text_keys) for item in english]
        return [apply(item, inner, text_keys) for item, inner in zip(english, text, strict=True)]
    return english


# The clinic's own words that it may give in each language (extra.clinic.es: ...).
CLINIC_TEXT = ("site_name", "site_description", "name", "short_name", "address", "hours")


def clinic_in(clinic: dict, language: str) -> dict:
    """The clinic's settings with its own words in `language` where it gives them (extra.clinic.es);
    each one it does not give stays as written for the site's first language."""
    own = clinic.get(language) if language != SOURCE else None
    if not isinstance(own, dict):
        return clinic
    return {**clinic, **{key: own[key] for key in CLINIC_TEXT if key in clinic and own.get(key)}}
