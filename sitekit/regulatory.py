"""Regulatory status by region (data/regulatory.yml) and the treatments a clinic can offer
(data/treatments.yml), both checked with the file, line, region and key of every problem.

A region's entry says, in plain words, what its regulator has approved esketamine and ketamine for
and who pays, each item with its sources (ids in data/references.yml) and what it was checked
against (`verified_on`, `to_verify`), as data/crisis-help.yml does. The clinic boxes show an
offered treatment's status for the site's region (`status()`), and the region placeholders
(sitekit/regions.py) give the same text to pages.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from pathlib import Path
from typing import Any

from .problems import Problem, ProblemsError, Yaml, describe, read_yaml
from .project import DATA

REGULATORY_FILE = "regulatory.yml"
TREATMENTS_FILE = "treatments.yml"
ITEMS = {
    "regulator": "name",
    "esketamine": "text",
    "ketamine": "text",
    "compounded": "text",
    "funding": "text",
}
HELP = {
    "regulator": "the medicines regulator whose approval counts here, as a phrase such as 'the MHRA'",
    "esketamine": "what esketamine nasal spray is approved for here, in plain words",
    "ketamine": "what ketamine by vein or injection is approved for here",
    "compounded": "the status of ketamine made to order (by mouth)",
    "funding": "who pays for esketamine here, where known",
}
CHECK_KEYS = ("sources", "verified_on", "to_verify")
PRODUCTS = ("esketamine", "ketamine", "compounded")  # the items a treatment's `product` can name


class RegulatoryDataError(ProblemsError):
    """data/regulatory.yml or data/treatments.yml needs fixing; one line per problem."""


def _unknown(found: dict, known: tuple[str, ...], doc: Yaml, path: tuple, problems: list[Problem]) -> None:
    for name in found:
        if name not in known:
            close = difflib.get_close_matches(str(name), list(known), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                Problem(
                    doc.file,
                    doc.line((*path, name)),
                    "unknown key",
                    fix=f"{hint}the keys here are: {', '.join(known)}",
                    key=".".join(map(str, (*path, name))),
                )
            )


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def check_regulatory(doc: Yaml, regions: set[str], references: set[str], today: dt.date) -> list[Problem]:
    """Every problem with data/regulatory.yml's data: a region of data/crisis-help.yml missing or
    unknown, an item missing, a source that is not in data/references.yml, an unchecked item."""
    data, problems = doc.data, []

    def bad(path: tuple, problem: str, fix: str) -> None:
        problems.append(Problem(doc.file, doc.line(path), problem, fix=fix, key=".".join(map(str, path))))

    if not isinstance(data, dict) or not data:
        return [
            Problem(
                doc.file,
                doc.line(),
                f"expected one block per region (US:, UK: ...), found {describe(data)}",
                fix="see the header of the file",
            )
        ]
    for code in sorted(regions - set(data)):
        problems.append(
            Problem(
                doc.file,
                None,
                f"the region {code} of data/crisis-help.yml has no entry",
                fix=f"add '{code}:' with {', '.join(ITEMS)}",
                key=code,
            )
        )
    for code, entry in data.items():
        if code not in regions:
            bad((code,), "not a region of data/crisis-help.yml", f"use one of: {', '.join(sorted(regions))}")
            continue
        if not isinstance(entry, dict):
            bad((code,), f"expected a block of keys ({', '.join(ITEMS)}), found {describe(entry)}", "see the header")
            continue
        _unknown(entry, tuple(ITEMS), doc, (code,), problems)
        for item, field in ITEMS.items():
            path = (code, item)
            value = entry.get(item)
            if not isinstance(value, dict):
                bad(
                    path,
                    f"missing or not a block of keys (found {describe(value)})",
                    f"add it with '{field}:' ({HELP[item]}), 'sources:' and 'verified_on:' or 'to_verify:'",
                )
                continue
            _unknown(value, (field, *CHECK_KEYS), doc, path, problems)
            if not _text(value.get(field)):
                bad(
                    (*path, field),
                    f"expected text ({HELP[item]}), found {describe(value.get(field))}",
                    "write it in plain words, naming the region",
                )
            sources = value.get("sources")
            if not isinstance(sources, list) or not sources:
                bad(
                    (*path, "sources"),
                    f"expected a list of source ids, found {describe(sources)}",
                    "name what it was checked against, ids from data/references.yml",
                )
            else:
                for index, source in enumerate(sources):
                    if source not in references:
                        close = difflib.get_close_matches(str(source), sorted(references), n=1)
                        hint = f"did you mean {close[0]!r}? " if close else ""
                        bad(
                            (*path, "sources", index),
                            f"{source!r} is not in data/references.yml",
                            f"{hint}add the source there first, once you have read it",
                        )
            checked = value.get("verified_on")
            if checked is not None:
                if isinstance(checked, dt.datetime) or not isinstance(checked, dt.date):
                    bad(
                        (*path, "verified_on"),
                        f"expected a date such as 2026-12-01, found {describe(checked)}",
                        "give the day the text was read on the official page",
                    )
                elif checked > today:
                    bad(
                        (*path, "verified_on"),
                        f"{checked.isoformat()} is in the future",
                        "use the date the check was made",
                    )
            if "to_verify" in value and not _text(value["to_verify"]):
                bad(
                    (*path, "to_verify"),
                    f"expected text, found {describe(value['to_verify'])}",
                    "say what is still to confirm, and where it was seen instead",
                )
            if checked is None and not _text(value.get("to_verify")):
                bad(
                    path,
                    "says neither 'verified_on' nor 'to_verify'",
                    "record the day it was read on an official page, or what is still to check",
                )
    return problems


def check_treatments(doc: Yaml) -> list[Problem]:
    """Every problem with data/treatments.yml: each entry needs a name and a product."""
    data, problems = doc.data, []
    if not isinstance(data, dict) or not data:
        return [
            Problem(
                doc.file,
                doc.line(),
                f"expected one block per treatment, found {describe(data)}",
                fix="see the header of the file",
            )
        ]
    for key, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    doc.file,
                    doc.line((key,)),
                    f"expected a block of keys, found {describe(entry)}",
                    fix="give it 'name:' and 'product:'",
                    key=str(key),
                )
            )
            continue
        _unknown(entry, ("name", "product", "note"), doc, (key,), problems)
        if not _text(entry.get("name")):
            problems.append(
                Problem(
                    doc.file,
                    doc.line((key, "name")),
                    "missing or empty",
                    fix="give the treatment's name as a patient would read it",
                    key=f"{key}.name",
                )
            )
        if entry.get("product") not in PRODUCTS:
            problems.append(
                Problem(
                    doc.file,
                    doc.line((key, "product")),
                    f"expected one of {', '.join(PRODUCTS)}, found {describe(entry.get('product'))}",
                    fix="name the item of data/regulatory.yml that gives its status",
                    key=f"{key}.product",
                )
            )
        if "note" in entry and not _text(entry["note"]):
            problems.append(
                Problem(
                    doc.file, doc.line((key, "note")), "empty", fix="write the note or remove it", key=f"{key}.note"
                )
            )
    return problems


def load(
    data_dir: Path, regions: set[str], references: set[str], today: dt.date | None = None
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(regulatory status by region, treatments), both checked; RegulatoryDataError lists every problem."""
    today = today or dt.date.today()
    docs, problems = [], []
    for name in (REGULATORY_FILE, TREATMENTS_FILE):
        try:
            docs.append(read_yaml(data_dir / name, f"data/{name}", what=f"data/{name}", error=RegulatoryDataError))
        except RegulatoryDataError as error:
            problems += error.problems
    if problems:
        raise RegulatoryDataError(problems)
    regulatory, treatments = docs
    problems = check_regulatory(regulatory, regions, references, today) + check_treatments(treatments)
    if problems:
        raise RegulatoryDataError(problems)
    return regulatory.data, treatments.data  # type: ignore[return-value]


@functools.lru_cache(maxsize=1)
def _cached(stamp: tuple[float, ...], regions: frozenset[str]) -> dict[str, dict[str, Any]]:
    references = read_yaml(DATA / "references.yml", "data/references.yml", error=RegulatoryDataError).data
    return load(DATA, set(regions), set(references) if isinstance(references, dict) else set())[0]


def regulatory(regions: set[str]) -> dict[str, dict[str, Any]]:
    """The project's checked data/regulatory.yml, read again only when a file changes (mkdocs serve)."""
    stamp = tuple((DATA / name).stat().st_mtime for name in (REGULATORY_FILE, TREATMENTS_FILE, "references.yml"))
    return _cached(stamp, frozenset(regions))


def status(treatment: dict[str, Any], rules: dict[str, Any]) -> str:
    """What the clinic boxes say of one treatment (an entry of data/treatments.yml) for a region's
    rules (an entry of data/regulatory.yml): the status of its product, then its note."""
    text = " ".join(rules[treatment["product"]]["text"].split())
    note = treatment.get("note")
    return f"{text} {' '.join(note.split())}" if note else text
