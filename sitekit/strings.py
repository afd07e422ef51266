"""The site's own wording, one table per language.

Two English tables hold every sentence the kit writes that is not a page's Markdown or the question
bank: data/site-strings.yml (the templates, and what the build adds to pages) and
quiz/data/page-strings.yml (what the self-check's page script writes). A site in another language
(the theme's `language`, such as es) takes each value from translations/<language>/ instead, from a
file of the same name: `site_strings(language)` and `page_strings(language)` give the table.

A translation has exactly the English keys, and each of its values has the same `{placeholders}` as
the English one: anything else stops the build with a message naming the file, the key and the fix
(StringsError, every problem at once). The tables are read again only when a file changes, so a
rebuild under `mkdocs serve` sees an edit.

`fill(text, name=value)` puts the values into a table's text. `long_date()` writes a date with the
table's month names.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .problems import Problem, ProblemsError, describe, read_yaml
from .project import DATA, ROOT
from .project import shown as _shown

ENGLISH = "en"
SITE_STRINGS = DATA / "site-strings.yml"
PAGE_STRINGS = ROOT / "quiz" / "data" / "page-strings.yml"
TRANSLATIONS = ROOT / "translations"
KEY = re.compile(r"[a-z][a-z0-9_]*")
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# A language as the theme names it: es, pt-BR, zh-Hant. Nothing that could leave translations/.
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
# Values that are lists written as one line, separated by commas: a translation has as many items.
LISTS = ("month_names",)


class StringsError(ProblemsError):
    """A table of wording needs fixing; the message names the file, the key and the fix."""


def site_strings(language: str) -> dict[str, str]:
    """The templates' and the build's wording in `language` (data/site-strings.yml in English)."""
    return table(SITE_STRINGS, language)


def page_strings(language: str) -> dict[str, str]:
    """The self-check page script's wording in `language` (quiz/data/page-strings.yml in English)."""
    return table(PAGE_STRINGS, language)


def language_of(config: Any) -> str:
    """The site's language: the theme's `language` (Material's), English if the theme has none."""
    return str(config.theme.get("language") or ENGLISH)


def translation(english: Path, language: str, translations: Path | None = None) -> Path:
    """Where the translation of an English table into `language` is: translations/<language>/<name>."""
    return (translations or TRANSLATIONS) / language / english.name


# ---- reading and checking ------------------------------------------------------------------------

Stamp = tuple[tuple[int, int] | None, ...]
_cache: dict[tuple[Path, str, Path], tuple[Stamp, dict[str, str]]] = {}


def table(english: Path, language: str, translations: Path | None = None) -> dict[str, str]:
    """The table `english` in `language`: the English values, each replaced by the translation's
    (translations/<language>/<the same name>). Read again only when one of the files has changed."""
    translations = translations or TRANSLATIONS
    if language == ENGLISH:
        paths: tuple[Path, ...] = (english,)
    else:
        if not isinstance(language, str) or not LANGUAGE.fullmatch(language):
            raise StringsError(
                Problem(
                    "theme.language",
                    None,
                    f"{language!r} is not a language code",
                    fix="use a code such as en or es (the theme's `language`)",
                )
            )
        paths = (english, translation(english, language, translations))
    stamp = tuple(_stamp(path) for path in paths)
    key = (english, language, translations)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        english_table, lines = _read(english)
        found = english_table if len(paths) == 1 else _translated(english_table, lines, english, paths[1])
        cached = stamp, found
        _cache[key] = cached
    return dict(cached[1])


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _read(path: Path) -> tuple[dict[str, str], dict[str, int | None]]:
    """A table (key -> text) and the line of each key; StringsError lists every problem."""
    shown = _shown(path)
    doc = read_yaml(path, shown, what="the table of wording", error=StringsError)
    if not isinstance(doc.data, dict) or not doc.data:
        raise StringsError(
            Problem(
                shown,
                doc.line(),
                f"expected one line per wording (key: text), found {describe(doc.data)}",
                fix="see the header of data/site-strings.yml",
            )
        )
    problems, found, lines = [], {}, {}
    for key, value in doc.data.items():
        line = doc.line((key,))
        if not isinstance(key, str) or not KEY.fullmatch(key):
            problems.append(
                Problem(shown, line, f"{key!r} is not a key", fix="a key is in snake_case, such as crisis_banner_label")
            )
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(
                    shown,
                    line,
                    f"expected text, found {describe(value)}",
                    fix="write the text after the key, in quotes if it starts with { or holds ': '",
                    key=key,
                )
            )
        else:
            found[key], lines[key] = value, line
    if problems:
        raise StringsError(problems)
    return found, lines


def placeholders(text: str) -> set[str]:
    """The `{name}`s of a text."""
    return set(PLACEHOLDER.findall(text))


def _translated(
    english: dict[str, str], english_lines: dict[str, int | None], english_path: Path, path: Path
) -> dict[str, str]:
    shown, english_shown = _shown(path), _shown(english_path)
    if not path.exists():
        raise StringsError(
            Problem(
                shown,
                None,
                f"there is no translation of {english_shown} for this language",
                fix=f"copy {english_shown} to {shown} and translate every value, keeping each {{placeholder}}",
            )
        )
    translated, lines = _read(path)
    problems = []
    for key, value in english.items():
        if key not in translated:
            where = f"line {english_lines[key]} of " if english_lines.get(key) else ""
            problems.append(
                Problem(
                    shown,
                    None,
                    "missing",
                    fix=f"add it, translating the English ({where}{english_shown}): {value.strip()!r}",
                    key=key,
                )
            )
    for key, value in translated.items():
        if key not in english:
            close = difflib.get_close_matches(key, list(english), n=1)
            hint = f"rename it to {close[0]!r} if that is the one meant, or " if close else ""
            problems.append(
                Problem(
                    shown,
                    lines[key],
                    f"not a key of {english_shown}",
                    fix=f"{hint}remove it (a translation has exactly the English keys)",
                    key=key,
                )
            )
            continue
        expected, found = placeholders(english[key]), placeholders(value)
        if expected != found:
            problems.append(
                Problem(
                    shown,
                    lines[key],
                    f"the placeholders differ from the English: it has {_names(found)}, the English has "
                    f"{_names(expected)}",
                    fix="keep every {placeholder} of the English, untranslated, and add none",
                    key=key,
                )
            )
        elif key in LISTS and len(_items(value)) != len(_items(english[key])):
            problems.append(
                Problem(
                    shown,
                    lines[key],
                    f"has {len(_items(value))} items, the English has {len(_items(english[key]))}",
                    fix="give one item for each of the English, separated by commas",
                    key=key,
                )
            )
    if problems:
        raise StringsError(problems)
    return {key: translated[key] for key in english}


def _names(found: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(found)) or "none"


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",")]


# ---- using the tables ----------------------------------------------------------------------------


def fill(text: str, /, **values: Any) -> str:
    """`text` (a table's value) with each `{name}` replaced by values[name]. For Markup (the
    self-check's templates, which escape what they print) each value is escaped unless it is
    Markup itself, and the result is Markup."""
    markup = hasattr(text, "__html__")

    def value(match: re.Match) -> str:
        name = match[1]
        if name not in values:
            raise KeyError(f"the wording {str(text)!r} needs a value for {{{name}}}")
        return str(escape(values[name])) if markup else str(values[name])

    filled = PLACEHOLDER.sub(value, str(text))
    return Markup(filled) if markup else filled


def month_names(strings: dict[str, str]) -> list[str]:
    """The twelve month names of a table, January first."""
    return _items(strings["month_names"])


def long_date(day: dt.date, strings: dict[str, str]) -> str:
    """A date written out, as the table says: "1 December 2026" in English."""
    return fill(strings["long_date"], day=day.day, month=month_names(strings)[day.month - 1], year=day.year)
