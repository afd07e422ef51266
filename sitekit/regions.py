"""Help by region (data/crisis-help.yml): the file's checks, and the region placeholders of pages.

`load()` reads the file and checks every region against SCHEMA below; each problem names the file,
the region and the key, says what was expected and what was found, and all of them are reported at
once (CrisisDataError).

A page writes `[[ region: NAME ]]` where a number or a route depends on where the reader is; the
build fills it from the site's region (extra.clinic.region). PLACEHOLDERS lists the names. A
placeholder gives a phrase that fits inside a sentence, such as "999" or "call 116 123
(Samaritans)"; `parts()` gives it as pieces of text, some with a tel:, sms: or web address, which
`as_text()` and `as_html()` join. The words around the numbers and names ("call", "or text") are
the site's wording (data/site-strings.yml, region_*), in the site's language: `parts()` takes the
table, English by default. sitekit/regiontext.py puts them into pages; content_checks reads the
plain text, so the readability and region checks see what the reader sees.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .problems import Problem, ProblemsError, describe, read_yaml
from .strings import PLACEHOLDER as WORDING_PLACEHOLDER
from .strings import site_strings

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "crisis-help.yml"
SHOWN_NAME = "data/crisis-help.yml"


class CrisisDataError(ProblemsError):
    """data/crisis-help.yml is not usable; the message has one line per problem."""


class UnknownPlaceholder(ValueError):
    """A page names a region placeholder that does not exist; `fix` says which ones do."""

    def __init__(self, name: str, fix: str):
        super().__init__(f"[[ region: {name} ]] is not a region placeholder; {fix}")
        self.fix = fix


# ---- the file's schema -------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    kind: str  # text, digits, url, date, line-list, item, directory
    required: bool = False
    help: str = ""


LINE = {
    "name": Field("text", True, "the service's name"),
    "how": Field("text", True, "one or two plain sentences on how to reach it"),
    "call": Field("digits", help="the digits to call"),
    "call_label": Field("text", help="the number as people write it, such as 116 123"),
    "text": Field("digits", help="the digits to text"),
    "text_body": Field("text", help="the word to text, such as HOME"),
    "url": Field("url", help="the service's web address"),
    "source": Field("url", help="the page this line was checked against"),
    "verified_on": Field("date", help="when it was seen on the service's own page"),
    "to_verify": Field("text", help="what is not yet confirmed on the service's own page"),
}
DEPARTMENT = {
    "name": Field("text", True, "what people call a hospital's emergency department here, such as A&E"),
    "source": LINE["source"],
    "verified_on": LINE["verified_on"],
    "to_verify": LINE["to_verify"],
}
SIDE_EFFECTS = {
    "name": Field("text", True, "who takes the reports, as a phrase, such as the MHRA's Yellow Card scheme"),
    "url": Field("url", True, "where to report online"),
    "url_label": Field("text", True, "the address as shown, such as yellowcard.mhra.gov.uk"),
    "call": LINE["call"],
    "call_label": LINE["call_label"],
    "source": LINE["source"],
    "verified_on": LINE["verified_on"],
    "to_verify": LINE["to_verify"],
}
DIRECTORY = {
    "name": Field("text", True, "the directory's name"),
    "url": Field("url", True, "its web address"),
}
SCHEMA = {
    "name": Field("text", True, "the region's name as in 'Somewhere other than ...?', such as the United Kingdom"),
    "emergency": Field("digits", True, "the emergency number"),
    "emergency_also": Field("digits", help="a second emergency number, if there is one"),
    "emergency_department": Field("item", True, "the local name for a hospital's emergency department"),
    "lines": Field("line-list", True, "the crisis lines, the first one first"),
    "youth": Field("line-list", help="support lines for young people"),
    "side_effects": Field("item", True, "where anyone can report a side effect of a medicine"),
    "verified_on": Field("date", True, "when the emergency number and lines were last checked"),
    "verified_against": Field("text", True, "what they were checked against"),
    "directory": Field("directory", True, "a directory of lines for anyone elsewhere"),
}
CHECKED = ("emergency_department", "side_effects", "youth")  # each item says what it was checked against


def _check_value(value, field: Field, key: str, today: dt.date) -> str | None:
    """A problem with one value (a sentence that starts with the key), or None."""
    if field.kind == "text":
        if not isinstance(value, str) or not value.strip():
            return f"{key}: expected text ({field.help}), found {describe(value)}"
    elif field.kind == "digits":
        if not isinstance(value, str) or not re.fullmatch(r"\d{3,15}", value):
            fix = "; write it in quotes so that a leading 0 is kept" if isinstance(value, int) else ""
            return (
                f'{key}: expected the digits to dial, in quotes, such as "116123" ({field.help}), '
                f"found {describe(value)}{fix}"
            )
    elif field.kind == "url":
        parts = urlsplit(value) if isinstance(value, str) else None
        if not parts or parts.scheme not in ("https", "http") or not parts.netloc:
            return (
                f"{key}: expected a web address such as https://www.samaritans.org/ ({field.help}), "
                f"found {describe(value)}"
            )
    elif field.kind == "date":
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            return f"{key}: expected a date such as 2026-12-01 ({field.help}), found {describe(value)}"
        if value > today:
            return f"{key}: {value.isoformat()} is in the future; use the date the check was made"
    return None


def _unknown_keys(value: dict, fields: dict, key: str, known: str, problems: list[str]) -> None:
    for name in value:
        if name not in fields:
            close = difflib.get_close_matches(str(name), list(fields), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(f"{key}.{name}: unknown key; {hint}{known}: {', '.join(fields)}")


def _check_mapping(value, fields: dict, key: str, today: dt.date, problems: list[str]) -> None:
    if not isinstance(value, dict):
        problems.append(f"{key}: expected a block of keys ({', '.join(fields)}), found {describe(value)}")
        return
    _unknown_keys(value, fields, key, "the keys here are", problems)
    for name, field in fields.items():
        if name not in value or value[name] is None:
            if field.required:
                problems.append(f"{key}.{name}: missing; add it ({field.help})")
            continue
        if problem := _check_value(value[name], field, f"{key}.{name}", today):
            problems.append(problem)


def _check_line(line, key: str, today: dt.date, problems: list[str], checked: bool) -> None:
    _check_mapping(line, LINE, key, today, problems)
    if not isinstance(line, dict):
        return
    if not line.get("call") and not line.get("text"):
        problems.append(f"{key}: has neither 'call' nor 'text'; give the digits to call or to text")
    if line.get("text_body") and not line.get("text"):
        problems.append(f"{key}.text_body: needs 'text', the number to send it to")
    _check_verification(line, key, problems, required=checked)


def _check_verification(item: dict, key: str, problems: list[str], required: bool) -> None:
    """A checked item says what it was checked against: verified_on needs a source; one of the two is needed."""
    if item.get("verified_on") and not item.get("source"):
        problems.append(f"{key}.source: missing; give the address of the page it was verified against")
    if required and not item.get("verified_on") and not item.get("to_verify"):
        problems.append(
            f"{key}: says neither 'verified_on' (with 'source') nor 'to_verify'; record what "
            "it was checked against, or what is still to check"
        )


def check(data, today: dt.date | None = None) -> list[str]:
    """Every problem with the file's data, each starting with region.key."""
    today = today or dt.date.today()
    if not isinstance(data, dict) or not data:
        return [f"expected one block per region (US:, UK: ...), found {describe(data)}"]
    problems: list[str] = []
    for code, entry in data.items():
        if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code)):
            problems.append(f"{code!r}: a region is named by two capital letters, such as UK")
            continue
        if not isinstance(entry, dict):
            problems.append(f"{code}: expected a block of keys ({', '.join(SCHEMA)}), found {describe(entry)}")
            continue
        _unknown_keys(entry, SCHEMA, code, "the keys of a region are", problems)
        for name, field in SCHEMA.items():
            key, value = f"{code}.{name}", entry.get(name)
            if value is None:
                if field.required:
                    problems.append(f"{key}: missing; add it ({field.help})")
                continue
            if field.kind == "line-list":
                if not isinstance(value, list) or not value:
                    problems.append(f"{key}: expected a list of lines ({field.help}), found {describe(value)}")
                    continue
                for index, line in enumerate(value):
                    _check_line(line, f"{key}[{index}]", today, problems, checked=name in CHECKED)
            elif field.kind == "item":
                fields = DEPARTMENT if name == "emergency_department" else SIDE_EFFECTS
                _check_mapping(value, fields, key, today, problems)
                if isinstance(value, dict):
                    _check_verification(value, key, problems, required=True)
            elif field.kind == "directory":
                _check_mapping(value, DIRECTORY, key, today, problems)
            elif problem := _check_value(value, field, key, today):
                problems.append(problem)
    return problems


def load(path: Path | None = None, today: dt.date | None = None) -> dict[str, dict]:
    """Every region's entry, checked (data/crisis-help.yml unless `path` is given); CrisisDataError
    lists every problem with the file, each naming the region and key."""
    path = path or DATA_FILE
    shown = SHOWN_NAME if path == DATA_FILE else str(path)
    data = read_yaml(path, shown, what="the help-by-region data", error=CrisisDataError).data
    if found := check(data, today):
        raise CrisisDataError([_as_problem(shown, problem) for problem in found])
    return data


def _as_problem(shown: str, problem: str) -> Problem:
    """A message of check() ('UK.emergency: expected ...') as a Problem naming the file and key."""
    key, sep, rest = problem.partition(": ")
    if not sep or " " in key:
        return Problem(shown, None, problem)
    return Problem(shown, None, rest, key=key)


@functools.lru_cache(maxsize=1)
def _cached(path: Path, mtime: float) -> dict[str, dict]:
    return load(path)


def regions() -> dict[str, dict]:
    """The checked data of the project's file, read again only when the file changes (mkdocs serve)."""
    return _cached(DATA_FILE, DATA_FILE.stat().st_mtime)


# ---- placeholders ------------------------------------------------------------------------------

Part = tuple[str, str | None]  # (text, address or None)

PLACEHOLDER = re.compile(r"\[\[\s*region\s*:\s*([^\]]*?)\s*\]\]", re.IGNORECASE)


def call_label(line: dict) -> str:
    """The number as people write it (call_label), or the digits to dial."""
    return line.get("call_label") or line.get("call")


def _sms(line: dict) -> str:
    return f"sms:{line['text']}" + (f"?&body={line['text_body']}" if line.get("text_body") else "")


Wording = dict[str, str]  # the site's wording (sitekit/strings.site_strings)


def phrase(wording: str, /, **values: list[Part]) -> list[Part]:
    """A wording as pieces: its words as they are, each `{name}` replaced by the pieces values[name]."""
    parts: list[Part] = []
    at = 0
    for match in WORDING_PLACEHOLDER.finditer(wording):
        if match.start() > at:
            parts.append((wording[at : match.start()], None))
        parts += values[match[1]]
        at = match.end()
    if at < len(wording):
        parts.append((wording[at:], None))
    return parts


def contact(line: dict, strings: Wording | None = None) -> list[Part]:
    """How to reach a line, as a phrase: "call 116 123", "text HOME to 741741", "call 988 or text 988"."""
    strings = strings or site_strings("en")
    call = text = None
    if line.get("call"):
        call = phrase(strings["region_call"], number=[(call_label(line), f"tel:{line['call']}")])
    if line.get("text"):
        number = [(line["text"], _sms(line))]
        if line.get("text_body"):
            text = phrase(strings["region_text_word"], word=[(line["text_body"], None)], number=number)
        else:
            text = phrase(strings["region_text"], number=number)
    if call and text:
        return phrase(strings["region_call_or_text"], call=call, text=text)
    return call or text or []


def _line_phrase(line: dict, strings: Wording) -> list[Part]:
    return phrase(strings["region_line"], contact=contact(line, strings), name=[(line["name"], line.get("url"))])


def _emergency(entry: dict, strings: Wording) -> list[Part]:
    parts: list[Part] = [(entry["emergency"], f"tel:{entry['emergency']}")]
    if entry.get("emergency_also"):
        parts += [(strings["or_separator"], None), (entry["emergency_also"], f"tel:{entry['emergency_also']}")]
    return parts


def _report(entry: dict, strings: Wording) -> list[Part]:
    route = entry["side_effects"]
    values = {"name": [(route["name"], None)], "address": [(route["url_label"], route["url"])]}
    if route.get("call"):
        number = [(call_label(route), f"tel:{route['call']}")]
        return phrase(strings["region_report_phone"], **values, number=number)
    return phrase(strings["region_report"], **values)


@dataclass(frozen=True)
class Placeholder:
    name: str
    gives: str  # what it stands for, for EDITING.md and error messages
    example: str  # what it gives on a UK site, in English
    fills: Callable[[dict, Wording], list[Part]]

    def parts(self, entry: dict, strings: Wording | None = None) -> list[Part]:
        """What it gives for a region's entry, in the wording `strings` (English by default)."""
        return self.fills(entry, strings or site_strings("en"))


PLACEHOLDERS = {
    p.name: p
    for p in (
        Placeholder("emergency", "the emergency number (or numbers)", "999", _emergency),
        Placeholder(
            "emergency-department",
            "what people call a hospital's emergency department",
            "A&E",
            lambda entry, strings: [(entry["emergency_department"]["name"], None)],
        ),
        Placeholder(
            "crisis-line",
            "how to reach the first crisis line, and its name",
            "call 116 123 (Samaritans)",
            lambda entry, strings: _line_phrase(entry["lines"][0], strings),
        ),
        Placeholder(
            "youth-line",
            "how to reach the first youth support line (or the crisis line), and its name",
            "call 0800 1111 (Childline)",
            lambda entry, strings: _line_phrase((entry.get("youth") or entry["lines"])[0], strings),
        ),
        Placeholder(
            "report-side-effect",
            "who takes reports of side effects, and how to reach them",
            "the MHRA's Yellow Card scheme, online at yellowcard.mhra.gov.uk",
            _report,
        ),
        Placeholder(
            "region-name", "the region's name", "the United Kingdom", lambda entry, strings: [(entry["name"], None)]
        ),
        # The regulatory ones come from data/regulatory.yml (sitekit/regulatory.py), through entry().
        Placeholder(
            "regulator",
            "the medicines regulator whose approval counts in the region",
            "the MHRA",
            lambda entry, strings: _rule(entry, "regulator", "name"),
        ),
        Placeholder(
            "esketamine-status",
            "what esketamine nasal spray is approved for in the region, in sentences",
            "In the UK, it is licensed for adults with treatment-resistant depression, together with an SSRI "
            "or SNRI antidepressant pill. In England, NICE does not recommend it for this use on the NHS "
            "(NICE, 2022).",
            lambda entry, strings: _rule(entry, "esketamine"),
        ),
        Placeholder(
            "ketamine-status",
            "what ketamine is approved for in the region, in sentences",
            "In the UK, ketamine is licensed as an anaesthetic, for surgery, not for depression. Using it for "
            "depression is off-label.",
            lambda entry, strings: _rule(entry, "ketamine"),
        ),
        Placeholder(
            "compounded-status",
            "the status of ketamine made to order in the region, in sentences",
            "Ketamine by mouth is made to order (compounded). This site has not checked its status in the UK: "
            "ask the clinic what it is licensed for.",
            lambda entry, strings: _rule(entry, "compounded"),
        ),
        Placeholder(
            "funding",
            "who pays for esketamine in the region, where known, in sentences",
            "In England, NICE does not recommend esketamine for treatment-resistant depression on the NHS. "
            "Ask the clinic what you would pay.",
            lambda entry, strings: _rule(entry, "funding"),
        ),
    )
}


def _rule(entry: dict, item: str, key: str = "text") -> list[Part]:
    return [(" ".join(entry["rules"][item][key].split()), None)]


def entry(code: str, language: str = "en") -> dict:
    """A region's help (data/crisis-help.yml) with its code (`region`) and its regulatory status
    (`rules`, from data/regulatory.yml): what every placeholder needs. In another language, their
    words are the translation's (sitekit/translations.py), with the region's services in it."""
    from . import regulatory, translations  # here, not at the top: both are checked against these regions

    data = regions()
    rules = regulatory.regulatory(set(data))
    if language != "en":
        data = translations.translated_data("crisis-help.yml", data, language)
        rules = translations.translated_data("regulatory.yml", rules, language)
    return {**data[code], "region": code, "rules": rules[code]}


def known() -> str:
    return ", ".join(f"[[ region: {name} ]]" for name in PLACEHOLDERS)


def placeholder(name: str) -> Placeholder:
    """The placeholder of that name; UnknownPlaceholder names the known ones."""
    found = PLACEHOLDERS.get(name.strip())
    if found is None:
        close = difflib.get_close_matches(name.strip().lower(), list(PLACEHOLDERS), n=1)
        hint = f"did you mean [[ region: {close[0]} ]]? " if close else ""
        raise UnknownPlaceholder(name, f"{hint}the placeholders are: {known()}")
    return found


def parts(name: str, entry: dict, strings: Wording | None = None) -> list[Part]:
    """The pieces of one placeholder for a region's entry (of data/crisis-help.yml), in the wording
    `strings` (sitekit/strings.site_strings; English by default)."""
    return placeholder(name).parts(entry, strings)


def as_text(pieces: list[Part]) -> str:
    return "".join(text for text, _ in pieces)


def as_html(pieces: list[Part], capitalise: bool = False) -> str:
    out = []
    for index, (words, address) in enumerate(pieces):
        text = words[:1].upper() + words[1:] if index == 0 and capitalise else words
        text = html.escape(text, quote=False)
        out.append(f'<a href="{html.escape(address)}">{text}</a>' if address else text)
    return "".join(out)
