"""The site's data files (data/*.yml), read and checked once per build.

Every hook calls load(): the first call of a build reads the files with their own loaders, and the
later calls get the same SiteData. A file is read again only once it has changed, so a rebuild
under `mkdocs serve` sees an edit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from content_checks.claims import Claim
from content_checks.pages import load_data, load_region_texts
from content_checks.problems import report
from content_checks.region_text import RegionText

from . import regions, regulatory
from .languages import SOURCE
from .project import DATA

# crisis-help.yml is not here: sitekit/regions.py caches it on its own.
FILES = ("references.yml", "forbidden-claims.yml", "region-only.yml", "treatments.yml", "regulatory.yml")


class DataError(ValueError):
    """A data file needs fixing; the message names the file, the entry and the fix."""


@dataclass(frozen=True)
class SiteData:
    references: dict[str, dict[str, Any]]  # source id -> entry (data/references.yml)
    claims: list[Claim]  # data/forbidden-claims.yml
    regions: dict[str, dict[str, Any]]  # region code -> help (data/crisis-help.yml)
    region_texts: list[RegionText]  # data/region-only.yml
    treatments: dict[str, dict[str, str]]  # treatment id -> {name, product, note} (data/treatments.yml)
    regulatory: dict[str, dict[str, Any]]  # region code -> status by product, funding (data/regulatory.yml)


Stamp = tuple[tuple[int, int] | None, ...]  # each file's time and size
_last: tuple[Stamp, SiteData] | None = None


def load() -> SiteData:
    """The checked data, read again only if a file has changed since the last call."""
    global _last
    try:
        region_data = regions.regions()  # cached by sitekit/regions.py itself, on the file's time
    except regions.CrisisDataError as error:
        raise DataError(f"The help-by-region data needs fixing:\n{error}") from None
    stamp = _stamp()
    if _last is None or _last[0] != stamp or _last[1].regions is not region_data:
        _last = stamp, _read(region_data)
    return _last[1]


def _stamp() -> Stamp:
    stamps: list[tuple[int, int] | None] = []
    for name in FILES:
        try:
            stat = (DATA / name).stat()
        except OSError:
            stamps.append(None)
        else:
            stamps.append((stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


def _read(region_data: dict[str, dict[str, Any]]) -> SiteData:
    references, claims, problems = load_data(DATA)
    region_texts, region_problems = load_region_texts(DATA, set(region_data))
    if problems + region_problems:
        raise DataError(report(problems + region_problems, "Content data is not valid"))
    try:
        rules, treatments = regulatory.load(DATA, set(region_data), set(references))
    except regulatory.RegulatoryDataError as error:
        raise DataError(f"The regulatory data needs fixing:\n{error}") from None
    return SiteData(references, claims, region_data, region_texts, treatments, rules)


def in_language(kit: SiteData, language: str) -> SiteData:
    """The data with its words in `language` (sitekit/translations.py): the treatments' names and
    notes and the regulatory texts; English is returned as it is."""
    if language == SOURCE:
        return kit
    from . import translations  # here: translations reads the bank, which reads this package

    return replace(
        kit,
        treatments=translations.translated_data("treatments.yml", kit.treatments, language),
        regulatory=translations.translated_data("regulatory.yml", kit.regulatory, language),
    )
