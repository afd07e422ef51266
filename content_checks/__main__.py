"""Run the content checks on docs/ and print each page's reading grade: python -m content_checks.

With --lang es, on the Spanish pages (translations/es/docs/), each with its English page's front
matter (content_checks.pages.merged_source, as the build reads them), and print each page's
Szigriszt-Pazos index (INFLESZ scale) instead of the grade."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from mkdocs.utils.meta import get_data

from sitekit import regions, regulatory, translations
from sitekit.project import shown

from . import readability
from .languages import ENGLISH, LANGUAGES
from .pages import check_site, load_data, load_region_texts, merged_source, translation_keys
from .problems import Problem, report

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m content_checks", description=__doc__)
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=ENGLISH,
        help="the pages' language, whose rules apply (default: en; es reads translations/es/docs/)",
    )
    parser.add_argument(
        "--docs",
        type=Path,
        default=None,
        help="the pages' folder (default: docs/, or translations/<lang>/docs/ for another language)",
    )
    parser.add_argument(
        "--english-docs",
        type=Path,
        default=ROOT / "docs",
        help="with --lang other than en: the English pages, whose front matter each page takes (default: docs/)",
    )
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
    translated = args.lang != ENGLISH
    if args.docs is None:
        args.docs = ROOT / "translations" / args.lang / "docs" if translated else ROOT / "docs"
    if not args.docs.is_dir():
        print(f"--docs: {args.docs} is not a folder", file=sys.stderr)
        return 2
    if translated and not args.english_docs.is_dir():
        print(f"--english-docs: {args.english_docs} is not a folder", file=sys.stderr)
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
    region = {**region_data[args.region], "region": args.region, "rules": rules[args.region]}
    if translated:
        # The region's words as the edition's build fills the placeholders with them.
        try:
            region = {
                **translations.translated_data("crisis-help.yml", region_data, args.lang)[args.region],
                "region": args.region,
                "rules": translations.translated_data("regulatory.yml", rules, args.lang)[args.region],
            }
        except translations.TranslationError as error:
            print(error, file=sys.stderr)
            return 1
    pages = {
        path.relative_to(args.docs).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(args.docs.rglob("*.md"))
    }
    untranslated = []  # pages with no English page, whose front matter they would take
    own_keys = {} if translated else None  # each translated page's keys whose value is its own
    if translated:
        for page, text in pages.items():
            english = args.english_docs / page
            if english.is_file():
                english_text = english.read_text(encoding="utf-8")
                own_keys[page] = translation_keys(english_text, text)
                pages[page] = merged_source(english_text, text)
                levels = translations.evidence_problem(
                    get_data(english_text)[1], get_data(text)[1], shown(args.docs / page)
                )
                if levels:
                    untranslated.append(levels)
            else:
                own_keys[page] = translation_keys("", text)  # every key it gives is its own
                untranslated.append(
                    Problem(
                        shown(args.docs / page),
                        None,
                        "a translated page has no English page",
                        f"{english} (the page it translates, whose front matter it takes)",
                        "no such file",
                        "name the file as the English page is named, or remove it",
                    )
                )
    site = check_site(
        pages,
        references,
        claims,
        dt.date.today(),
        region=region,
        region_texts=region_texts,
        language=args.lang,
        translation=shown(args.docs) + "/" if translated else None,
        own_keys=own_keys,
    )
    rule = readability.rule(args.lang)
    width = max(5, len(rule.short))
    print(f"{rule.short:>{width}}  {'words':>5}  {'sentences':>9}  page")
    for page, result in site.pages.items():
        measured = result.readability
        score = "-" if measured.score is None else f"{measured.score:.1f}"
        print(f"{score:>{width}}  {measured.words:>5}  {measured.sentences:>9}  {page}")
    print(
        f"median {rule.short} {site.median_grade} (limit {rule.median_limit:g}; "
        f"each page {rule.bound(rule.page_limit)})"
    )
    errors = untranslated + site.errors
    if site.warnings:
        print("\n" + report(site.warnings, "warnings"), file=sys.stderr)
    if errors:
        print("\n" + report(errors, "content checks"), file=sys.stderr)
        return 1
    return 1 if args.strict and site.warnings else 0


if __name__ == "__main__":
    sys.exit(main())
