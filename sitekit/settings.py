"""The site's own settings, under `extra:` in mkdocs.yml, declared in one place (SCHEMA below).

A clinic sets these in its own mkdocs.yml (which inherits the project's with INHERIT:). They are
validated when the build starts; every problem is reported with the file, the key, what was
expected, what was found and the fix, and the build stops before writing anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import languages, regions
from .problems import Problem, ProblemsError, describe, key_lines, parse_key

DATA = Path(__file__).resolve().parent.parent / "data"


class SettingsError(ProblemsError):
    """One or more settings are wrong; the message has one line per problem."""


def _describe(value) -> str:
    return describe(value, block="a block of settings")


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    light, dark = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrast_with_white(hex_colour: str) -> float:
    return contrast(hex_colour, "#ffffff")


# ---- options: one class per kind of setting, in the manner of mkdocs' config_options -----------

Checked = tuple[object, list[Problem]]  # the value, normalised, and the problems found with it


class Option:
    """One setting: what it is for (shown in messages) and its default.

    `check(value, key, base_dir)` returns the value, normalised, and its problems; each Problem
    names the key, and validate() adds the file and line. A value of None is never checked: the
    setting takes its default."""

    def __init__(self, help: str = "", default: object = None):
        self.help, self.default = help, default

    def check(self, value, key: str, base_dir: Path) -> Checked:
        return value, []

    @staticmethod
    def problem(key: str, text: str, fix: str | None = None) -> Problem:
        return Problem("", None, text, fix=fix, key=key)


class Text(Option):
    """A line of text; subclasses check what the text says in `check_text`."""

    def check(self, value, key: str, base_dir: Path) -> Checked:
        if not isinstance(value, str) or not value.strip():
            return value, [
                self.problem(key, f"expected text ({self.help}), found {_describe(value)}", "write it in quotes")
            ]
        return self.check_text(value.strip(), key, base_dir)

    def check_text(self, value: str, key: str, base_dir: Path) -> Checked:
        return value, []


class Url(Text):
    def check_text(self, value: str, key: str, base_dir: Path) -> Checked:
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            return value, [
                self.problem(
                    key,
                    f"{value!r} is not a web address",
                    "write the full address, such as https://www.example-clinic.org/book",
                )
            ]
        return value, []


class Origin(Text):
    """A site's origin (scheme and host), given back without a trailing slash."""

    def check_text(self, value: str, key: str, base_dir: Path) -> Checked:
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.netloc or parts.path not in ("", "/"):
            return value, [
                self.problem(
                    key,
                    f"{value!r} is not a site's origin",
                    "write only the scheme and host, such as https://www.example-clinic.org",
                )
            ]
        return f"{parts.scheme}://{parts.netloc}", []


class Email(Text):
    def check_text(self, value: str, key: str, base_dir: Path) -> Checked:
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            return value, [self.problem(key, f"{value!r} is not an email address", "write it as name@example.org")]
        return value, []


class Phone(Text):
    def check_text(self, value: str, key: str, base_dir: Path) -> Checked:
        if not re.fullmatch(r"\+?[0-9][0-9 ()./-]{4,}", value):
            return value, [
                self.problem(
                    key,
                    f"{value!r} is not a phone number",
                    "use digits, spaces and + ( ) - only, such as +1 555 010 0199",
                )
            ]
        return value, []


class Colour(Text):
    """A #rrggbb colour that white text can sit on with at least `min_contrast`."""

    def __init__(self, help: str = "", default: object = None, *, min_contrast: float = 0.0):
        super().__init__(help, default)
        self.min_contrast = min_contrast

    def check_text(self, value: str, key: str, base_dir: Path) -> Checked:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            return value, [
                self.problem(key, f"{value!r} is not a colour", "write it as # and six hex digits, such as #1f5f8b")
            ]
        ratio = contrast_with_white(value)
        if ratio < self.min_contrast:
            return value, [
                self.problem(
                    key,
                    f"{value} is too light behind white text (contrast {ratio:.1f}:1, "
                    f"needs {self.min_contrast}:1 for WCAG AA)",
                    "choose a darker colour",
                )
            ]
        return value, []


class File(Text):
    """A file relative to the mkdocs.yml, given back as an absolute path."""

    def check_text(self, value: str, key: str, base_dir: Path) -> Checked:
        path = (base_dir / value).resolve()
        if not path.is_file():
            return value, [
                self.problem(
                    key,
                    f"the file {value!r} does not exist (looked for {path})",
                    "put the file there or fix the path, which is relative to this mkdocs.yml",
                )
            ]
        return path, []


class Date(Option):
    """A day, written YYYY-MM-DD (YAML reads it as a date), not in the future."""

    def check(self, value, key: str, base_dir: Path) -> Checked:
        if isinstance(value, str):
            with contextlib.suppress(ValueError):  # not a date: reported below, with what was found
                value = dt.date.fromisoformat(value.strip())
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            return value, [
                self.problem(
                    key,
                    f"expected a date ({self.help}), found {_describe(value)}",
                    "write it as YYYY-MM-DD, such as 2026-11-30",
                )
            ]
        if value > dt.date.today():
            return value, [self.problem(key, f"{value.isoformat()} is in the future", "give the day it happened")]
        return value, []


class Choice(Text):
    """One of a fixed list of words."""

    def __init__(self, choices: Iterable[str], help: str = "", default: object = None):
        super().__init__(help, default)
        self.choices = tuple(choices)

    def check_text(self, value: str, key: str, base_dir: Path) -> Checked:
        if value not in self.choices:
            close = difflib.get_close_matches(value, self.choices, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            return value, [
                self.problem(key, f"{value!r} is not one of {', '.join(self.choices)}", f"{hint}({self.help})")
            ]
        return value, []


class Flag(Option):
    """Yes or no: true or false in YAML."""

    def check(self, value, key: str, base_dir: Path) -> Checked:
        if not isinstance(value, bool):
            return value, [
                self.problem(
                    key, f"expected true or false ({self.help}), found {_describe(value)}", "write true or false"
                )
            ]
        return value, []


class ListOf(Option):
    """A list whose every item is checked by `item`; an item's key is `key[index]`."""

    def __init__(self, item: Option, help: str | None = None, default: object = None):
        super().__init__(item.help if help is None else help, [] if default is None else default)
        self.item = item

    def check(self, value, key: str, base_dir: Path) -> Checked:
        if not isinstance(value, list):
            return value, [
                self.problem(
                    key,
                    f"expected a list ({self.help}), found {_describe(value)}",
                    "write it as [one, two] or one '- item' per line",
                )
            ]
        results, problems = [], []
        for index, element in enumerate(value):
            checked, found = self.item.check(element, f"{key}[{index}]", base_dir)
            results.append(checked)
            problems += found
        return results, problems


class Languages(ListOf):
    """The site's languages, by code: each once, the first at the site's root."""

    def __init__(self, help: str, default: list[str]):
        super().__init__(Choice(tuple(languages.LANGUAGES), help), help, default)

    def check(self, value, key: str, base_dir: Path) -> Checked:
        checked, problems = super().check(value, key, base_dir)
        if problems:
            return checked, problems
        if not checked:
            return checked, [
                self.problem(key, "no language given", f"write at least one of {', '.join(languages.LANGUAGES)}")
            ]
        twice = sorted({code for code in checked if checked.count(code) > 1})
        if twice:
            return checked, [self.problem(key, f"{', '.join(twice)} given more than once", "give each language once")]
        return checked, []


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class AllOrNone(Option):
    """A block whose settings are given together or not at all: a clinician's review names who, in
    what role and when, or is left out."""

    def __init__(self, group: Group):
        super().__init__(group.help, None)
        self.group = group

    def check(self, value, key: str, base_dir: Path) -> Checked:
        if value is None:
            return None, []
        checked, problems = self.group.check(value, key, base_dir)
        if isinstance(value, dict) and not problems:
            missing = [name for name in self.group.options if value.get(name) in (None, "")]
            if missing:
                problems.append(
                    self.problem(
                        key,
                        f"{', '.join(missing)} missing",
                        f"give {_and(list(self.group.options))} together, or leave {key} out",
                    )
                )
        return (checked if not problems else None), problems


class Group(Option):
    """A block of settings: every key is checked, and an unknown key is named with a did-you-mean."""

    def __init__(self, options: dict[str, Option], help: str = ""):
        super().__init__(help, None)
        self.options = options

    def check(self, value, key: str, base_dir: Path) -> Checked:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            return {}, [self.problem(key, f"expected a block of settings, found {_describe(value)}")]
        problems = []
        for name in value:
            if name not in self.options:
                close = difflib.get_close_matches(str(name), list(self.options), n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                problems.append(
                    self.problem(
                        f"{key}.{name}", "unknown setting", f"{hint}the settings here are: {', '.join(self.options)}"
                    )
                )
        result = {}
        for name, option in self.options.items():
            given = value.get(name)
            if given is None and not isinstance(option, Group):
                result[name] = option.default
                continue
            result[name], found = option.check(given, f"{key}.{name}", base_dir)
            problems += found
        return result, problems


def _regions() -> tuple:
    # The checked file (sitekit/regions.py): a broken one is reported as such, not as a bad region.
    return tuple(regions.regions())


def _treatments() -> tuple:
    return tuple(yaml.safe_load((DATA / "treatments.yml").read_text(encoding="utf-8")))


def schema() -> dict[str, Group]:
    """Every setting under `extra:` that this site reads, by block."""
    return {
        "clinic": Group(
            {
                "name": Text("the clinic's name, shown in the contact box and the self-check result"),
                "short_name": Text("a short name for the header on a phone, where the site name is cut off"),
                "logo": File("an image file for the header, relative to mkdocs.yml"),
                "colors": Group(
                    {
                        "primary": Colour("the header and button colour", min_contrast=4.5),
                        "accent": Colour("the colour of links on hover and focus", min_contrast=3.0),
                    }
                ),
                "phone": Phone("the clinic's phone number"),
                "email": Email("the clinic's email address"),
                "address": Text("the clinic's postal address"),
                "booking_url": Url("where a person books a consultation"),
                "hours": ListOf(Text("opening hours, one line each")),
                "offers": ListOf(Choice(_treatments(), "the treatments the clinic offers, from data/treatments.yml")),
                "region": Choice(_regions(), "which crisis lines to show, from data/crisis-help.yml", default="US"),
                "languages": Languages(
                    "the site's languages: en (English), es (Spanish); the first is at the site's root, "
                    "each other in a folder named by its code (es/)",
                    default=languages.DEFAULT,
                ),
                "embed_origins": ListOf(Origin("sites allowed to show the self-check in an iframe")),
                # Shown on every page once given; until then the editorial policy says that no clinician
                # at the clinic has reviewed the pages. Never an invented name.
                "review": AllOrNone(
                    Group(
                        {
                            "name": Text("the name of the clinician who reviewed the pages"),
                            "role": Text("their role, such as consultant psychiatrist"),
                            "date": Date("the day they finished the review"),
                        },
                        "the clinic's own clinician's review of the pages",
                    )
                ),
                # The clinic's own words in another language (its name, address, hours); each one
                # not given is shown as written above.
                **{
                    code: Group(
                        {
                            "site_name": Text(f"the site's name in {name}"),
                            "site_description": Text(f"the site's description in {name}"),
                            "name": Text(f"the clinic's name in {name}"),
                            "short_name": Text(f"the short name for the header in {name}"),
                            "address": Text(f"the clinic's postal address in {name}"),
                            "hours": ListOf(Text(f"opening hours in {name}, one line each")),
                        },
                        f"the clinic's own text in {name}",
                    )
                    for code, name in languages.LANGUAGES.items()
                    if code != languages.SOURCE
                },
            }
        ),
        "self_check": Group(
            {
                "bank": File("a question bank file that replaces or extends the default"),
            }
        ),
        "build": Group(
            {
                # For servers that send them (nginx); hosts that compress themselves ignore them.
                "precompress": Flag(
                    "write brotli and gzip copies of the site's text files beside them (NAME.br, NAME.gz)",
                    default=True,
                ),
            }
        ),
    }


# Keys that Material itself reads under extra: allowed, and passed through untouched.
THEME_KEYS = {"social", "generator", "homepage", "version", "alternate", "tags", "status"}
# Keys that would break the privacy promise.
REFUSED = {
    "analytics": "this site promises no tracking, so analytics cannot be configured; remove extra.analytics",
    "consent": "the site sets no cookies and tracks no one, so it needs no consent banner; remove extra.consent",
}


@dataclass
class Settings:
    clinic: dict = field(default_factory=dict)
    self_check: dict = field(default_factory=dict)
    build: dict = field(default_factory=dict)


def short_name_applies(config_file: str) -> bool:
    """Whether extra.clinic.short_name comes from the same file as site_name. A clinic's file that
    names its own site but inherits the kit's short name would show the kit's name on a phone."""
    for _, lines in _config_files(config_file):
        if ("site_name",) in lines:
            return ("extra", "clinic", "short_name") in lines
    return True


def _config_files(config_file: str) -> list[tuple[str, dict]]:
    """The mkdocs.yml and the files it inherits (INHERIT:), each with the lines of its keys: a
    setting is named at the line of the file that gives it (the first of these that has it)."""
    files: list[tuple[str, dict]] = []
    path = Path(config_file)
    while path.is_file() and len(files) < 10 and str(path) not in [name for name, _ in files]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            break
        lines = key_lines(text)
        files.append((str(path), lines))
        inherit = re.search(r"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(#.*)?$", text, re.MULTILINE)
        if not inherit:
            break
        path = path.parent / inherit.group(1)
    return files


def _placed(problem: Problem, config_file: str, files: list[tuple[str, dict]]) -> Problem:
    path = parse_key(problem.key or "")
    for name, lines in files:
        if path in lines:
            return replace(problem, file=name, line=lines[path])
    return replace(problem, file=config_file)


def validate(extra: dict, config_file: str) -> Settings:
    """Check `extra:`; return the clinic and self-check settings with defaults filled in.

    Raises SettingsError with every problem, each naming the file, the line where the setting is
    written (when it can be found), the key and the fix."""
    base_dir = Path(config_file).parent
    problems: list[Problem] = []
    groups = schema()
    for key in extra:
        if key in REFUSED:
            problems.append(Option.problem(f"extra.{key}", REFUSED[key]))
        elif key not in groups and key not in THEME_KEYS:
            close = difflib.get_close_matches(str(key), [*groups, *THEME_KEYS], n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                Option.problem(
                    f"extra.{key}",
                    "unknown setting",
                    f"{hint}this site reads extra.clinic, extra.self_check and extra.build",
                )
            )
    checked: dict[str, dict] = {}
    for name, group in groups.items():
        values, found = group.check(extra.get(name), f"extra.{name}", base_dir)
        checked[name] = values if isinstance(values, dict) else {}
        problems += found
    if problems:
        files = _config_files(config_file)
        raise SettingsError([_placed(problem, config_file, files) for problem in problems])
    return Settings(**checked)
