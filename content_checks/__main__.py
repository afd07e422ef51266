"""Run the content checks on docs/ and print each page's reading grade: python -m content_checks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sitekit import regions, regulatory

from . import readability
from .pages import check_site, load_data, load_region_texts
from .problems import report

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m content_checks", description=__doc__)
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="the docs folder (default: docs/)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument(
        "--region",
        default="US",
        help="the site's region, whose placeholders and region-only text are checked (default: US)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail on warnings too (a stale review date, a fact past its expiry date)"
    )
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        print(f"--docs: {args.docs} is not a folder", file=sys.stderr)
        return 2

    references, claims, problems = load_data(args.data)
    try:
        region_data = regions.load(args.data / "crisis-help.yml")
    except regions.CrisisDataError as error:
        print(error, file=sys.stderr)
        return 1
    region_texts, region_problems = load_region_texts(args.data, set(region_data))
    if problems + region_problems:
        print(report(problems + region_problems, "data"), file=sys.stderr)
        return 1
    try:
        rules, _ = regulatory.load(args.data, set(region_data), set(references))
    except regulatory.RegulatoryDataError as error:
        print(error, file=sys.stderr)
        return 1
    if args.region not in region_data:
        print(f"--region: {args.region!r} is not one of {', '.join(region_data)}", file=sys.stderr)
        return 2
    pages = {
        path.relative_to(args.docs).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(args.docs.rglob("*.md"))
    }
    site = check_site(
        pages,
        references,
        claims,
        dt.date.today(),
        region={**region_data[args.region], "region": args.region, "rules": rules[args.region]},
        region_texts=region_texts,
    )
    print(f"{'grade':>5}  {'words':>5}  {'sentences':>9}  page")
    for page, result in site.pages.items():
        measured = result.readability
        grade = "-" if measured.grade is None else f"{measured.grade:.1f}"
        print(f"{grade:>5}  {measured.words:>5}  {measured.sentences:>9}  {page}")
    print(
        f"median grade {site.median_grade} (limit {readability.MAX_MEDIAN_GRADE:g}; "
        f"each page {readability.MAX_GRADE:g} or lower)"
    )
    if site.warnings:
        print("\n" + report(site.warnings, "warnings"), file=sys.stderr)
    if site.errors:
        print("\n" + report(site.errors, "content checks"), file=sys.stderr)
        return 1
    return 1 if args.strict and site.warnings else 0


if __name__ == "__main__":
    sys.exit(main())
