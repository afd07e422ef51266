"""Every check on one page, and on the site as a whole, in the page's language; and the source of a
translated page, with the English page's front matter (merged_source)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitekit import figures as figure_module

from . import claims as claims_check
from . import expiry, frontmatter, prose, readability, region_text, sources
from .languages import ENGLISH
from .problems import Problem

DATA = ("references.yml", "forbidden-claims.yml", "region-only.yml")
# The keys of a translated page's front matter that are its own: its title and description, and the
# allowances, which quote the page's own sentences. Every other key comes from the English page.
# `evidence` too, for the names of the uses it rates (sitekit/translations.py checks that its levels
# are the English page's, use by use).
TRANSLATED_KEYS = ("title", "description", "allow_claims", "allow_region_text", "evidence")
SHARED_WORDS = ("evidence",)  # of those, the ones the English page gives when the translation does not


@dataclass
class PageResult:
    page: str
    meta: dict
    readability: readability.Readability
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class SiteResult:
    pages: dict[str, PageResult]
    errors: list[Problem]
    warnings: list[Problem]
    median_grade: float | None  # the median of the pages' scores: grades in English, INFLESZ in Spanish
    language: str = ENGLISH


def load_data(data_dir: Path) -> tuple[dict, list[claims_check.Claim], list[Problem]]:
    """The references and the forbidden claims, and any problems with those files."""
    references, problems = sources.load(data_dir / "references.yml")
    claims, claim_problems = claims_check.load(data_dir / "forbidden-claims.yml", references)
    return references, claims, problems + claim_problems


def load_region_texts(data_dir: Path, region_codes: set[str]) -> tuple[list[region_text.RegionText], list[Problem]]:
    """The text that is right only in some regions (data/region-only.yml), and the file's problems."""
    return region_text.load(data_dir / "region-only.yml", region_codes)


def check_page(
    page: str,
    source: str,
    references: dict,
    claims: list[claims_check.Claim],
    today: dt.date,
    *,
    region: dict | None = None,
    region_texts: list[region_text.RegionText] = (),
    figures: dict | None = None,
    language: str = ENGLISH,
) -> PageResult:
    """`page` is the path under docs/ (it names the page in every message); `source` is the file's text.

    `region` is the site's region (an entry of data/crisis-help.yml, with its code under "region"):
    the region placeholders are read as they will be filled for it, and nothing in `region_texts`
    that is wrong for it may be said. Without a region the placeholders read as on a UK site and
    only the allowances of region text are checked. `figures` are those of data/figures.yml (read
    from there when not given). `language` (content_checks/languages.py) chooses the rules for the
    page's words: how sentences are split, which phrasings of the claims are forbidden, and the
    readability measure and its limits."""
    fm = frontmatter.split(page, source)
    errors, warnings = list(fm.problems), []
    if not fm.problems:
        errors, warnings = frontmatter.check(page, fm, references, today)
    expiry_errors, expiry_warnings = expiry.check(page, source, today)
    errors, warnings = errors + expiry_errors, warnings + expiry_warnings
    body, placeholder_problems = region_text.fill(page, fm.body, fm.body_start, region)
    errors += placeholder_problems
    # A figure's words are read where the figure stands (sitekit/figures.py draws it from data/figures.yml).
    if figures is None:
        figures = figure_module.load()
    body, figure_lines = figure_module.fill_text(body, fm.body_start, figures)
    errors += [
        Problem(
            page, bad.line, bad.problem, bad.expected, bad.text, "add the figure to data/figures.yml or fix the line"
        )
        for bad in figure_lines
    ]
    found = prose.blocks(body, fm.body_start)

    said = []  # the title and description are read too: in the browser tab, search results and link previews
    for key in ("title", "description"):
        if isinstance(fm.meta.get(key), str):
            said += [
                prose.Sentence("meta", fm.key_lines.get(key, 1), text)
                for text in _split_sentences(fm.meta[key], language)
            ]
    read = said + prose.sentences(found, language)
    errors += claims_check.check(
        page, read, claims, fm.meta.get("allow_claims"), fm.key_lines.get("allow_claims"), language
    )
    errors += region_text.check(
        page,
        read,
        region_text.addresses(body, fm.body_start),
        list(region_texts),
        region.get("region") if region else None,
        fm.meta.get("allow_region_text"),
        fm.key_lines.get("allow_region_text"),
    )

    measured = readability.measure(found, language)
    rule = readability.rule(language)
    if not measured.passes:
        errors.append(
            Problem(
                page,
                None,
                "the page is too hard to read",
                f"{rule.name} {rule.bound(rule.page_limit)}",
                f"{rule.short} {measured.score} ({measured.words} words in {measured.sentences} sentences, "
                f"{measured.words / measured.sentences:.1f} words a sentence, "
                f"{measured.syllables / measured.words:.2f} syllables a word)",
                "use shorter sentences and everyday words; define a medical word once and then use it. "
                f"Longest sentences:\n{_longest(found, language)}",
            )
        )
    return PageResult(page, fm.meta, measured, errors, warnings)


def check_site(
    pages: dict[str, str],
    references: dict,
    claims: list[claims_check.Claim],
    today: dt.date,
    *,
    region: dict | None = None,
    region_texts: list[region_text.RegionText] = (),
    figures: dict | None = None,
    language: str = ENGLISH,
    translation: str | None = None,
    own_keys: Mapping[str, Collection[str]] | None = None,
) -> SiteResult:
    """`pages` maps each page's path under docs/ to its text (for a translated site, the translation
    with the English front matter: merged_source); the rest as for check_page. For a translated
    site, `translation` is the translations' folder as messages name it (translations/es/docs/),
    and `own_keys` each page's front-matter keys whose value is its translation's (translation_keys;
    by default its words: title, description, allowances): see _in_translation."""
    figure_problems = []
    if figures is None:
        try:
            figures = figure_module.load(references=set(references))
        except figure_module.FigureError as error:
            figures = {"icon_arrays": {}, "timelines": {}}
            figure_problems.append(
                Problem(
                    "data/figures.yml",
                    None,
                    "the figures' data needs fixing",
                    "figures as the file's header describes",
                    str(error),
                    "fix each key named above",
                )
            )
    results = {
        page: check_page(
            page,
            text,
            references,
            claims,
            today,
            region=region,
            region_texts=region_texts,
            figures=figures,
            language=language,
        )
        for page, text in sorted(pages.items())
    }
    if translation:
        for result in results.values():
            own = (own_keys or {}).get(result.page, OWN_WORDS)
            result.errors = [_in_translation(problem, result.page, translation, own) for problem in result.errors]
            result.warnings = [_in_translation(problem, result.page, translation, own) for problem in result.warnings]
    errors = figure_problems + [problem for result in results.values() for problem in result.errors]
    warnings = [problem for result in results.values() for problem in result.warnings]
    graded = {page: result.readability.score for page, result in results.items() if result.readability.graded}
    median = readability.median(list(graded.values()))
    rule = readability.rule(language)
    if median is not None and not rule.passes(median, rule.median_limit):
        hardest = sorted(graded.items(), key=lambda item: item[1] if rule.higher_is_easier else -item[1])[:5]
        errors.append(
            Problem(
                translation or "docs/",
                None,
                "the pages are too hard to read on the whole",
                f"a median {rule.name} of {rule.bound(rule.median_limit)} over {len(graded)} pages",
                f"median {rule.short} {median}",
                "simplify the hardest pages: "
                + ", ".join(f"{translation or ''}{page} ({score})" for page, score in hardest),
            )
        )
    return SiteResult(results, errors, warnings, median, language)


# The keys of a translated page's front matter that hold its own words, in its own file.
OWN_WORDS = tuple(key for key in TRANSLATED_KEYS if key not in SHARED_WORDS)


def _in_translation(problem: Problem, page: str, translation: str, own: Collection[str]) -> Problem:
    """A problem found in a translated page, named by the file that holds what it is about: the
    translation's (`translation` + page), at its own line, for its text and the keys whose value is
    its own (`own`, from translation_keys: its title, description and allowances, `evidence` if it
    names the uses in its own words, and any key the English page lacks); the English page's, as
    the English build names it and without a line (the merged front matter's lines are the
    translation's), for a key the English page gives (its sources, review date, evidence...)."""
    if problem.file != page:
        return problem
    if problem.about is not None and problem.about not in own:
        return replace(problem, line=None)
    return replace(problem, file=translation + page)


def translation_keys(english_text: str, translation_text: str) -> frozenset[str]:
    """The front-matter keys whose value in a translated page's merged source is the translation's
    own (merged_source): its words (title, description, allowances: OWN_WORDS, which the English
    page never gives it), and, of the keys its file gives, any in TRANSLATED_KEYS (`evidence`, when
    it names the uses) and any the English page lacks. A front matter that cannot be read gives no
    key."""
    spanish = frontmatter.split("translation", translation_text)
    english = frontmatter.split("english", english_text)
    given = {} if spanish.problems else spanish.meta
    return frozenset(OWN_WORDS) | frozenset(_own_keys({} if english.problems else english.meta, given))


def _own_keys(english_meta: dict, translation_meta: dict) -> list[str]:
    return [key for key in translation_meta if key in TRANSLATED_KEYS or key not in english_meta]


def merged_source(english_text: str, spanish_text: str) -> str:
    """A translated page's source as the build and the checks read it: the translation's text with
    the English page's front matter. The translation gives its `title`, `description` and
    allowances (TRANSLATED_KEYS: they are in its own words), and any key the English page lacks
    (such as a `translates:` stamp); the English page gives every other key (last_reviewed,
    sources, evidence, reviewer, hide, ...), so one review date and one list of sources serve both.

    Every line stays where it is in the translation's file: the merged front matter is written as
    one YAML flow mapping over the translation's own front matter lines, each translated key on its
    own line and the English keys after the last one, so a message about the body, the title or
    the description names the line of the translation's file. A translation whose front matter
    cannot be read is returned as it is (the checks then report that, at its lines); an English
    page whose front matter cannot be read gives no keys (its own checks report it)."""
    spanish = frontmatter.split("translation", spanish_text)
    if spanish.problems:
        return spanish_text
    english = frontmatter.split("english", english_text)
    english_meta = {} if english.problems else english.meta
    own = _own_keys(english_meta, spanish.meta)
    # The English page's keys, but not its words: its title, description and allowances are English
    # (its evidence, whose levels the translation keeps, is taken when the translation names no uses).
    taken = [key for key in english_meta if key not in own and (key not in TRANSLATED_KEYS or key in SHARED_WORDS)]
    lines = spanish_text.splitlines(keepends=True)
    closing = spanish.body_start - 2  # the index of the closing '---' line
    slots: list[list[str]] = [[] for _ in range(closing - 1)]
    for key in own:
        slots[spanish.key_lines[key] - 2].append(f"{_flow(key)}: {_flow(spanish.meta[key])}")
    last = max((index for index, slot in enumerate(slots) if slot), default=len(slots) - 1)
    slots[last] += [f"{_flow(key)}: {_flow(english_meta[key])}" for key in taken]
    entries = sum(len(slot) for slot in slots)
    written, out = 0, []
    for slot in slots:
        parts = []
        for entry in slot:
            written += 1
            parts.append(entry + ("," if written < entries else ""))
        out.append(" ".join(parts))
    out[0] = "{" + out[0]
    out[-1] += "}"
    return lines[0] + "".join(line + "\n" for line in out) + "".join(lines[closing:])


def _flow(value: object) -> str:
    """A value as YAML flow text on one line, read back as the same value (dates stay dates)."""
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        # YAML reads these as line breaks, which would move every line after them
        return text.replace("\x85", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    if isinstance(value, dt.date):  # and datetime: YAML reads an ISO date or time, unquoted, as one
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(key)}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return json.dumps(value)


def _split_sentences(text: str, language: str = ENGLISH) -> list[str]:
    return [sentence.text for sentence in prose.sentences([prose.Block("meta", 1, text, ((0, 1),))], language)]


def _longest(found: list[prose.Block], language: str = ENGLISH, count: int = 3) -> str:
    measured = [
        sentence for sentence in prose.sentences(found, language) if sentence.kind not in readability.NOT_MEASURED
    ]
    longest = sorted(measured, key=lambda sentence: -len(re.findall(r"\S+", sentence.text)))[:count]
    return "\n".join(f"          line {sentence.line}: {sentence.text}" for sentence in longest)
