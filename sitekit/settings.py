"""The site's own settings, under `extra:` in mkdocs.yml, declared in one place (SCHEMA below).

A clinic sets these in its own mkdocs.yml (which inherits the project's with INHERIT:). They are
validated when the build starts; every problem is reported with the file, the key, what was
expected, what was found and the fix, and the build stops before writing anything.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import regions

DATA = Path(__file__).resolve().parent.parent / "data"


class SettingsError(ValueError):
    """One or more settings are wrong; the message has one line per problem."""


def _describe(value) -> str:
    return regions.describe(value, block="a block of settings")


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    light, dark = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrast_with_white(hex_colour: str) -> float:
    return contrast(hex_colour, "#ffffff")


@dataclass
class Setting:
    """One setting: what it holds, its default, and what it is for (shown in error messages)."""

    kind: str  # text, url, email, phone, colour, file, choice, list-of-text, list-of-choice, list-of-origin
    help: str
    default: object = None
    choices: tuple = ()
    min_contrast: float = 0.0

    def check(self, value, key: str, base_dir: Path) -> tuple[object, list[str]]:
        """The value, normalised, and the problems found (each a sentence without the file name)."""
        kind = self.kind
        if kind.startswith("list-of-"):
            if not isinstance(value, list):
                return value, [f"{key}: expected a list ({self.help}), found {_describe(value)}; "
                               f"write it as [one, two] or one '- item' per line"]
            item = Setting(kind[len("list-of-"):], self.help, choices=self.choices)
            results, problems = [], []
            for index, element in enumerate(value):
                checked, found = item.check(element, f"{key}[{index}]", base_dir)
                results.append(checked)
                problems += found
            return results, problems
        if not isinstance(value, str) or not value.strip():
            return value, [f"{key}: expected text ({self.help}), found {_describe(value)}; "
                           "write it in quotes"]
        value = value.strip()
        if kind == "url":
            parts = urlsplit(value)
            if parts.scheme not in ("https", "http") or not parts.netloc:
                return value, [f"{key}: {value!r} is not a web address; write the full address, "
                               "such as https://www.example-clinic.org/book"]
        elif kind == "origin":
            parts = urlsplit(value)
            if parts.scheme not in ("https", "http") or not parts.netloc or parts.path not in ("", "/"):
                return value, [f"{key}: {value!r} is not a site's origin; write only the scheme and host, "
                               "such as https://www.example-clinic.org"]
            value = f"{parts.scheme}://{parts.netloc}"
        elif kind == "email":
            if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
                return value, [f"{key}: {value!r} is not an email address; write it as name@example.org"]
        elif kind == "phone":
            if not re.fullmatch(r"\+?[0-9][0-9 ()./-]{4,}", value):
                return value, [f"{key}: {value!r} is not a phone number; use digits, spaces and + ( ) - only, "
                               "such as +1 555 010 0199"]
        elif kind == "colour":
            if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
                return value, [f"{key}: {value!r} is not a colour; write it as # and six hex digits, "
                               "such as #1f5f8b"]
            ratio = contrast_with_white(value)
            if ratio < self.min_contrast:
                return value, [f"{key}: {value} is too light behind white text (contrast {ratio:.1f}:1, "
                               f"needs {self.min_contrast}:1 for WCAG AA); choose a darker colour"]
        elif kind == "file":
            path = (base_dir / value).resolve()
            if not path.is_file():
                return value, [f"{key}: the file {value!r} does not exist (looked for {path}); "
                               "put the file there or fix the path, which is relative to this mkdocs.yml"]
            return path, []
        elif kind == "choice":
            if value not in self.choices:
                close = difflib.get_close_matches(value, self.choices, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                return value, [f"{key}: {value!r} is not one of {', '.join(self.choices)}; {hint}"
                               f"({self.help})"]
        return value, []


def _regions() -> tuple:
    # The checked file (sitekit/regions.py): a broken one is reported as such, not as a bad region.
    return tuple(regions.regions())


def _treatments() -> tuple:
    return tuple(yaml.safe_load((DATA / "treatments.yml").read_text(encoding="utf-8")))


def schema() -> dict:
    """Every setting under `extra:`. Groups are dicts; leaves are Settings."""
    return {
        "clinic": {
            "name": Setting("text", "the clinic's name, shown in the contact box and the self-check result"),
            "logo": Setting("file", "an image file for the header, relative to mkdocs.yml"),
            "colors": {
                "primary": Setting("colour", "the header and button colour", min_contrast=4.5),
                "accent": Setting("colour", "the colour of links on hover and focus", min_contrast=3.0),
            },
            "phone": Setting("phone", "the clinic's phone number"),
            "email": Setting("email", "the clinic's email address"),
            "address": Setting("text", "the clinic's postal address"),
            "booking_url": Setting("url", "where a person books a consultation"),
            "hours": Setting("list-of-text", "opening hours, one line each", default=[]),
            "offers": Setting("list-of-choice", "the treatments the clinic offers, from data/treatments.yml",
                              default=[], choices=_treatments()),
            "region": Setting("choice", "which crisis lines to show, from data/crisis-help.yml",
                              default="US", choices=_regions()),
            "embed_origins": Setting("list-of-origin", "sites allowed to show the self-check in an iframe",
                                     default=[]),
        },
        "self_check": {
            "bank": Setting("file", "a question bank file that replaces or extends the default"),
        },
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


def _check_group(values, group: dict, prefix: str, base_dir: Path, problems: list) -> dict:
    if values is None:
        values = {}
    if not isinstance(values, dict):
        problems.append(f"{prefix}: expected a block of settings, found {_describe(values)}")
        return {}
    result = {}
    for key in values:
        if key not in group:
            close = difflib.get_close_matches(key, list(group), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(f"{prefix}.{key}: unknown setting; {hint}the settings here are: {', '.join(group)}")
    for key, spec in group.items():
        if isinstance(spec, dict):
            result[key] = _check_group(values.get(key), spec, f"{prefix}.{key}", base_dir, problems)
        elif values.get(key) is None:
            result[key] = spec.default
        else:
            result[key], found = spec.check(values[key], f"{prefix}.{key}", base_dir)
            problems += found
    return result


def validate(extra: dict, config_file: str) -> Settings:
    """Check `extra:`; return the clinic and self-check settings with defaults filled in."""
    base_dir = Path(config_file).parent
    problems: list[str] = []
    groups = schema()
    for key in extra:
        if key in REFUSED:
            problems.append(f"extra.{key}: {REFUSED[key]}")
        elif key not in groups and key not in THEME_KEYS and key != "crisis":
            close = difflib.get_close_matches(key, [*groups, *THEME_KEYS], n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(f"extra.{key}: unknown setting; {hint}this site reads extra.clinic and extra.self_check")
    checked = {name: _check_group(extra.get(name), group, f"extra.{name}", base_dir, problems)
               for name, group in groups.items()}
    if problems:
        raise SettingsError("\n".join(f"{config_file}: {problem}" for problem in problems))
    return Settings(**checked)
