"""The forbidden-claims check: no sentence on the site may make a claim the evidence contradicts.

The claims live in data/forbidden-claims.yml (see its header for the format). Each has an id,
`phrases` (plain words, matched case-insensitively as whole words, with any spacing and with or
without a hyphen) and/or `patterns` (Python regular expressions, case-insensitive), a reason and
the id of the source that contradicts it. Every sentence a reader sees is checked: the title and
description in the front matter, headings, paragraphs, list items, admonition titles, table cells,
link text.

A claim's Spanish phrasings are in its `es:` block (`phrases` and `patterns` as above). A Spanish
page (language "es") is checked against them and against the English ones (an English claim quoted
in a Spanish page is still the claim); an English page against the English ones only. Spanish is
matched without regard to accents as well as case: the sentence and the phrases and patterns are all
read without accents (languages.fold: "adicción" and "adiccion" alike; "ñ" is kept), so a pattern
is best written without them.

To mention a claim in order to refute it, quote that one sentence in the page's front matter:

    allow_claims:
      - claim: cures-depression
        sentence: No study shows that ketamine cures depression.

The allowance covers only that claim in that sentence (compared as the reader sees it, ignoring
case, spacing and Markdown marks), so it cannot excuse a whole page. An allowance whose sentence
is not on the page, or does not make that claim, is an error too, so stale ones do not pile up.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sitekit.problems import ProblemsError, read_yaml

from .languages import ENGLISH, LANGUAGES, fold
from .problems import Problem
from .prose import Sentence, inline_text

TRANSLATED = tuple(language for language in LANGUAGES if language != ENGLISH)  # the blocks an entry may have


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    reason: str
    source: str
    regexes: tuple[re.Pattern, ...]  # the English phrasings
    translated: tuple[tuple[str, tuple[re.Pattern, ...]], ...] = ()  # (language, its phrasings, accents folded)

    def matches(self, text: str, language: str = ENGLISH) -> str | None:
        """The words of `text` that make the claim, in its language's phrasings or in English."""
        for code, regexes in self.translated:
            if code == language:
                composed = unicodedata.normalize("NFC", text)
                folded = fold(composed)
                for regex in regexes:
                    if match := regex.search(folded):
                        return composed[match.start() : match.end()]
        return first_match(self.regexes, text)


def first_match(regexes, text: str) -> str | None:
    """The text the first of these patterns finds, if any."""
    for regex in regexes:
        if match := regex.search(text):
            return match.group(0)
    return None


def phrase_regex(phrase: str) -> str:
    """A plain phrase as a regular expression: whole words, any spacing, hyphen or space alike."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", phrase.strip()) if word]
    return r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?![\w-])"


def load(path: Path, references: dict) -> tuple[list[Claim], list[Problem]]:
    """The claims in `path`, and the problems with the file itself (each naming the line, entry and key)."""
    where = f"data/{path.name}"
    try:
        doc = read_yaml(path, where, what="the forbidden-claims list")
    except ProblemsError as error:
        return [], error.problems
    data = doc.data
    entries = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        return [], [
            Problem(
                where,
                doc.line(("claims",)),
                "the forbidden-claims list is empty or malformed",
                "a top-level 'claims:' list",
                repr(type(data).__name__),
                "see the header of the file",
            )
        ]
    claims, problems, seen = [], [], set()

    def bad(index, label, key, expected, found, fix, at=()):
        line = doc.line(("claims", index, *at))
        problems.append(Problem(where, line, f"'{key}' is not valid", expected, found, fix, key=label))

    for index, entry in enumerate(entries):
        label = f"entry {index + 1}"
        if not isinstance(entry, dict):
            bad(
                index,
                label,
                "entry",
                "a mapping with id, claim, phrases or patterns, reason, source",
                repr(entry),
                "write the entry as keys",
            )
            continue
        claim_id = entry.get("id")
        if not isinstance(claim_id, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", claim_id):
            bad(
                index,
                label,
                "id",
                "a lower-case id with hyphens",
                repr(claim_id),
                "give the entry an id such as 'no-side-effects'",
                at=("id",),
            )
            continue
        label = f"claim {claim_id!r}"
        if claim_id in seen:
            bad(index, label, "id", "a unique id", f"{claim_id!r} twice", "rename one of them", at=("id",))
        seen.add(claim_id)
        for key in ("claim", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                bad(index, label, key, "a line of text", repr(entry.get(key)), f"say what the {key} is", at=(key,))
        source = entry.get("source")
        if not isinstance(source, str) or source not in references:
            bad(
                index,
                label,
                "source",
                "an id from data/references.yml",
                repr(source),
                "name the source that contradicts the claim",
                at=("source",),
            )

        def compiled(block, at, folded=False, index=index, label=label):
            """The regular expressions of a block's phrases and patterns (`at`: the block's key path)."""
            regexes = []
            for key in ("phrases", "patterns"):
                if not isinstance(block.get(key) or [], list):
                    bad(
                        index,
                        label,
                        ".".join((*at, key)),
                        "a list of text",
                        repr(block[key]),
                        f"write '{key}:' as a list, one item a line",
                        at=(*at, key),
                    )
            phrases = block["phrases"] if isinstance(block.get("phrases"), list) else []
            patterns = block["patterns"] if isinstance(block.get("patterns"), list) else []
            prepare = fold if folded else str
            for phrase in phrases:
                regexes.append(re.compile(phrase_regex(prepare(str(phrase))), re.IGNORECASE))
            for number, pattern in enumerate(patterns):
                try:
                    regexes.append(re.compile(prepare(str(pattern)), re.IGNORECASE))
                except re.error as error:
                    bad(
                        index,
                        label,
                        ".".join((*at, "patterns")),
                        "a valid regular expression",
                        f"{pattern!r}: {error}",
                        "fix the pattern",
                        at=(*at, "patterns", number),
                    )
            return regexes

        regexes = compiled(entry, ())
        if not regexes:
            bad(index, label, "phrases", "at least one phrase or pattern", "none", "add 'phrases:' or 'patterns:'")
        translated = []
        for language in TRANSLATED:
            if language not in entry:
                continue
            block = entry[language]
            if not isinstance(block, dict) or set(block) - {"phrases", "patterns"}:
                bad(
                    index,
                    label,
                    language,
                    "a mapping with 'phrases:' and/or 'patterns:', in that language",
                    repr(block),
                    f"write the claim's phrasings in that language under '{language}:'",
                    at=(language,),
                )
                continue
            found = compiled(block, (language,), folded=True)
            if not found:
                bad(
                    index,
                    label,
                    language,
                    "at least one phrase or pattern",
                    "none",
                    "add 'phrases:' or 'patterns:'",
                    at=(language,),
                )
            translated.append((language, tuple(found)))
        claims.append(
            Claim(
                claim_id,
                str(entry.get("claim", "")),
                str(entry.get("reason", "")),
                str(entry.get("source", "")),
                tuple(regexes),
                tuple(translated),
            )
        )
    return claims, problems


def normalise(sentence: str) -> str:
    """A sentence as compared with an allowance: as the reader sees it, any case, any spacing."""
    text = inline_text(sentence).replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def check(
    page: str,
    found: list[Sentence],
    claims: list[Claim],
    allowances: object,
    allowances_line: int | None,
    language: str = ENGLISH,
) -> list[Problem]:
    """Problems: sentences that make a forbidden claim without an allowance, and bad or unused
    allowances. The page is in `language`, whose phrasings are forbidden as well as the English ones."""
    problems = []
    by_id = {claim.id: claim for claim in claims}
    allowed: dict[tuple[str, str], str] = {}  # (claim id, sentence as compared) -> sentence as quoted
    used: set[tuple[str, str]] = set()
    entries = allowances if allowances is not None else []
    if not isinstance(entries, list):
        entries = [entries]
    for entry in entries:
        if not (
            isinstance(entry, dict)
            and set(entry) == {"claim", "sentence"}
            and isinstance(entry["sentence"], str)
            and entry["claim"] in by_id
        ):
            problems.append(
                Problem(
                    page,
                    allowances_line,
                    "an 'allow_claims' entry is not valid",
                    "entries with 'claim:' (an id from data/forbidden-claims.yml) and 'sentence:' (the whole sentence)",
                    repr(entry),
                    "write each entry as '- claim: <id>' and '  sentence: <the sentence, as on the page>'",
                )
            )
            continue
        allowed[(entry["claim"], normalise(entry["sentence"]))] = entry["sentence"]

    for sentence in found:
        key_text = normalise(sentence.text)
        for claim in claims:
            phrase = claim.matches(sentence.text, language)
            if phrase is None:
                continue
            if (claim.id, key_text) in allowed:
                used.add((claim.id, key_text))
                continue
            problems.append(
                Problem(
                    page,
                    sentence.line,
                    f"forbidden claim '{claim.id}' ({claim.claim})",
                    f"no sentence that makes this claim: {claim.reason} (source: {claim.source})",
                    f'"{phrase}" in the sentence "{sentence.text}"',
                    "reword the sentence. If it refutes the claim, allow this one sentence in the front matter:\n"
                    f"        allow_claims:\n          - claim: {claim.id}\n"
                    f"            sentence: {json.dumps(sentence.text, ensure_ascii=False)}",
                )
            )
    for (claim_id, text), quoted in allowed.items():
        if (claim_id, text) not in used:
            problems.append(
                Problem(
                    page,
                    allowances_line,
                    f"an 'allow_claims' entry for '{claim_id}' is not used",
                    "the quoted sentence to be on the page and to make that claim",
                    f'"{quoted}"',
                    "copy the whole sentence as it reads on the page, or remove the entry",
                )
            )
    return problems
