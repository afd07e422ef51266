"""Region text: the placeholders of a page filled for the site's region, and the check that a page
says nothing that is right only elsewhere (data/region-only.yml).

A site for the UK must not tell its readers to call 911 or to report side effects to MedWatch. The
build fills the region placeholders (`[[ region: emergency ]]`, see sitekit/regions.py) into the
Markdown as plain text, with the same lines, and then reads every sentence the reader sees (title,
description, headings, paragraphs, list items, tables, link text) and every link address. A
sentence that says something listed in data/region-only.yml for other regions only fails the build,
with the page, line, sentence and fix.

To keep one sentence that is explicitly about another region, quote it in the front matter:

    allow_region_text:
      - id: us-emergency-number
        sentence: In the US, the emergency number is 911.

The allowance covers that entry in that sentence (compared as the reader sees it) and the link
addresses written with it, on every site. An allowance whose sentence is not on the page, or does not
say that text, is an error too, so stale ones do not pile up.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sitekit import regions
from sitekit.problems import ProblemsError, read_yaml

from .claims import first_match, normalise
from .languages import fold
from .problems import Problem
from .prose import FENCE, Sentence

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
ADDRESS = re.compile(
    r"\]\(\s*<?([^)\s>]+)|<((?:https?|tel|sms|mailto):[^>\s]+)>|\bhref=[\"']([^\"']+)[\"']"
    r"|(?<![(<\"'=])\b((?:https?://|www\.)[^\s)<>\]]+)"
)


@dataclass(frozen=True)
class RegionText:
    id: str
    regions: tuple[str, ...]
    what: str
    fix: str
    regexes: tuple[re.Pattern, ...]

    def matches(self, text: str) -> str | None:
        return first_match(self.regexes, text)


def phrase_regex(phrase: str) -> re.Pattern:
    """A phrase as whole words, any case and spacing. A number is whole too: "911" is not part of
    "1911", "20,911", "1-911-…" or "10.1016/j.x.911", but is found in "911.", "(911)" and "tel:911".
    A letter written with an accent also matches the letter without it ("Línea" and "Linea")."""
    body = r"\s+".join(_word(word) for word in phrase.split())
    before = r"(?<![\w])(?<![\w][.,-])" if phrase[:1].isdigit() else r"(?<![\w])"
    after = r"(?![\w])(?![.,-]\w)" if phrase[-1:].isdigit() else r"(?![\w])"
    return re.compile(before + body + after, re.IGNORECASE)


def _word(word: str) -> str:
    if word.isascii():
        return re.escape(word)
    return "".join(
        f"[{char}{fold(char)}]" if fold(char) != char else re.escape(char)
        for char in unicodedata.normalize("NFC", word)
    )


def load(path: Path, region_codes: set[str]) -> tuple[list[RegionText], list[Problem]]:
    """The entries of data/region-only.yml, and the problems with the file (each naming entry and key)."""
    where = f"data/{path.name}"
    # The shared reader (sitekit/problems.py): a YAML error or a repeated key names its line, and
    # every entry's problems name the line the entry starts on.
    try:
        doc = read_yaml(path, where, what="the list of region-only text")
    except ProblemsError as error:
        return [], list(error.problems)
    data = doc.data
    entries = data.get("texts") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        return [], [
            Problem(
                where,
                None,
                "the list of region-only text is empty or malformed",
                "a top-level 'texts:' list",
                repr(type(data).__name__),
                "see the header of the file",
            )
        ]
    texts, problems, seen = [], [], set()
    for index, entry in enumerate(entries, start=1):
        line = doc.line(("texts", index - 1))
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not ID.fullmatch(entry["id"]):
            problems.append(
                Problem(
                    where,
                    line,
                    f"entry {index}: 'id' is not valid",
                    "a lower-case id with hyphens",
                    repr(entry.get("id") if isinstance(entry, dict) else entry),
                    "give the entry an id such as 'us-emergency-number'",
                )
            )
            continue
        name = entry["id"]

        def bad(key, expected, found, fix, name=name, line=line):
            problems.append(Problem(where, line, f"text {name!r}: '{key}' is not valid", expected, found, fix))

        if entry["id"] in seen:
            bad("id", "a unique id", f"{entry['id']!r} twice", "rename one of them")
        seen.add(entry["id"])
        if unknown := sorted(set(entry) - {"id", "phrases", "regions", "what", "fix"}):
            bad(", ".join(unknown), "only id, phrases, regions, what, fix", ", ".join(unknown), "remove or rename it")
        phrases = entry.get("phrases")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            bad("phrases", 'a list of phrases, such as ["911"]', repr(phrases), "list what to look for, in quotes")
            phrases = []
        codes = entry.get("regions")
        if not isinstance(codes, list) or not codes or not set(codes) <= region_codes:
            bad(
                "regions",
                f"a list of region codes from data/crisis-help.yml ({', '.join(sorted(region_codes))})",
                repr(codes),
                "list the regions where the text is right",
            )
            codes = []
        for key, say in (("what", "say what it is"), ("fix", "say what to write instead")):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                bad(key, "a line of text", repr(entry.get(key)), say)
        texts.append(
            RegionText(
                entry["id"],
                tuple(codes),
                str(entry.get("what", "")),
                str(entry.get("fix", "")),
                tuple(phrase_regex(p) for p in phrases),
            )
        )
    return texts, problems


def fill(page: str, body: str, first_line: int, entry: dict | None) -> tuple[str, list[Problem]]:
    """The body with every region placeholder replaced by its plain text for `entry` (a region of
    data/crisis-help.yml), outside code and HTML comments, as the Markdown extension fills them;
    line numbers stay the same. Without an entry, a placeholder becomes what it gives on a UK site
    (the example in sitekit/regions.py). An unknown placeholder is a problem naming the page, line
    and every known placeholder."""
    problems, out, fence, in_comment = [], [], None, False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if not in_comment and (match := FENCE.match(line.strip())):
            marker = match.group(1)[0]
            fence = None if fence == marker else (fence or marker)
            out.append(line)
            continue
        if fence:
            out.append(line)
            continue

        def replace(match, number=number):
            try:
                found = regions.placeholder(match.group(1))
            except regions.UnknownPlaceholder as error:
                problems.append(
                    Problem(
                        page,
                        number,
                        "unknown region placeholder",
                        f"one of: {regions.known()}",
                        match.group(0),
                        error.fix,
                    )
                )
                return match.group(0)
            return regions.as_text(found.parts(entry)) if entry else found.example

        # Comments and inline code are left as written, as the Markdown extension leaves them.
        pieces, rest = [], line
        while rest:
            if in_comment:
                end = rest.find("-->")
                pieces.append(rest if end < 0 else rest[: end + 3])
                rest, in_comment = ("", True) if end < 0 else (rest[end + 3 :], False)
                continue
            start = rest.find("<!--")
            text, rest = (rest, "") if start < 0 else (rest[:start], rest[start:])
            in_comment = start >= 0
            for index, piece in enumerate(re.split(r"(`+[^`]*`+)", text)):
                pieces.append(piece if index % 2 else regions.PLACEHOLDER.sub(replace, piece))
        out.append("".join(pieces))
    return "\n".join(out), problems


def addresses(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, address) for every link address in the body, outside code and comments."""
    body = COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), body)
    found, fence = [], None
    for number, line in enumerate(body.split("\n"), start=first_line):
        if match := FENCE.match(line.strip()):
            marker = match.group(1)[0]
            fence = None if fence == marker else (fence or marker)
            continue
        if fence:
            continue
        prose = re.sub(r"`[^`]*`", "", line)
        found += [(number, next(group for group in match.groups() if group)) for match in ADDRESS.finditer(prose)]
    return found


def check(
    page: str,
    said: list[Sentence],
    links: list[tuple[int, str]],
    texts: list[RegionText],
    region: str | None,
    allowances: object,
    allowances_line: int | None,
) -> list[Problem]:
    """Problems: sentences and link addresses with text that is wrong for `region` and not allowed, and
    bad or unused allowances. Without a region only the allowances are checked."""
    problems = []
    by_id = {text.id: text for text in texts}
    allowed: dict[tuple[str, str], str] = {}
    entries = allowances if allowances is not None else []
    for entry in entries if isinstance(entries, list) else [entries]:
        if not (
            isinstance(entry, dict)
            and set(entry) == {"id", "sentence"}
            and isinstance(entry["sentence"], str)
            and entry["id"] in by_id
        ):
            problems.append(
                Problem(
                    page,
                    allowances_line,
                    "an 'allow_region_text' entry is not valid",
                    f"entries with 'id:' (one of: {', '.join(by_id)}) and 'sentence:' (the whole sentence)",
                    repr(entry),
                    "write each entry as '- id: <id>' and '  sentence: <the sentence, as on the page>'",
                )
            )
            continue
        allowed[(entry["id"], normalise(entry["sentence"]))] = entry["sentence"]

    used: set[tuple[str, str]] = set()
    allowed_lines: set[tuple[str, int]] = set()  # (id, line) where an allowed sentence is written
    ordered = sorted(said, key=lambda sentence: sentence.line)
    for position, sentence in enumerate(ordered):
        text = normalise(sentence.text)
        for entry in texts:
            phrase = entry.matches(sentence.text)
            if phrase is None:
                continue
            if (entry.id, text) in allowed:
                used.add((entry.id, text))
                after = next(
                    (later.line for later in ordered[position + 1 :] if later.line > sentence.line), sentence.line + 1
                )
                allowed_lines.update((entry.id, line) for line in range(sentence.line, after))
                continue
            if region and region not in entry.regions:
                problems.append(
                    _wrong(page, sentence.line, entry, region, phrase, f'the sentence "{sentence.text}"', sentence.text)
                )
    for line, address in links:
        for entry in texts:
            phrase = entry.matches(address)
            if phrase is None or (entry.id, line) in allowed_lines or not region or region in entry.regions:
                continue
            problems.append(_wrong(page, line, entry, region, phrase, f"the link to {address}", None))
    for (entry_id, text), quoted in allowed.items():
        if (entry_id, text) not in used:
            problems.append(
                Problem(
                    page,
                    allowances_line,
                    f"an 'allow_region_text' entry for '{entry_id}' is not used",
                    "the quoted sentence to be on the page and to say that text",
                    f'"{quoted}"',
                    "copy the whole sentence as it reads on the page, or remove the entry",
                )
            )
    return problems


def _wrong(
    page: str, line: int, entry: RegionText, region: str, phrase: str, where: str, sentence: str | None
) -> Problem:
    allow = ""
    if sentence is not None:
        allow = (
            " If the sentence is about that region on purpose, allow it in the front matter:\n"
            f"        allow_region_text:\n          - id: {entry.id}\n"
            f"            sentence: {json.dumps(sentence, ensure_ascii=False)}"
        )
    return Problem(
        page,
        line,
        f"text for {', '.join(entry.regions)} only, on a site for {region} ({entry.what})",
        f"what is right for the site's region ({region}), from data/crisis-help.yml or data/regulatory.yml",
        f'"{phrase}" in {where}',
        f"{entry.fix}.{allow}",
    )
