"""The words a reader sees on a page, taken from its Markdown, as blocks and sentences with line numbers.

A line-based reading of the Markdown this site uses (Python-Markdown with admonition, attr_list,
def_list, footnotes, md_in_html, tables, pymdownx.details and superfences). It keeps headings,
paragraphs, list items, definition terms and definitions, block quotes, footnotes, admonition
titles and bodies, table cells, link text and image alt text. It drops front matter (the caller
passes the body only), fenced code, HTML comments (so build markers), HTML tags (their text stays),
link and image addresses, bare URLs, attribute lists, reference-link and abbreviation definitions
and Markdown's own punctuation (emphasis marks, escapes).

Every block is a unit of reading: a heading or a list item is its own sentence even without a full
stop, because that is how a reader meets it. Sentences end at a full stop, question mark or
exclamation mark, except the full stops of common abbreviations, which depend on the page's language:
"e.g.", "Dr." in English; "p. ej.", "EE. UU.", "Dra.", "aprox." in Spanish (where "¿" and "¡" open
a sentence and need no rule). A Spanish abbreviation that can end a sentence ("EE. UU.", "etc.")
ends one when a capital letter follows it. Table cells are kept as blocks of kind "cell" so that
the claims check reads them; the readability measure leaves them out (see readability.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
SETEXT = re.compile(r"^(=+|-+)\s*$")
RULE = re.compile(r"^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*(?:\s+\"(.*)\")?\s*$")
ATTR_LINE = re.compile(r"^\{\s*[:#.][^}]*\}$")
REFERENCE_DEF = re.compile(r"^\[[^\]^][^\]]*\]:\s*\S")
ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:")
FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:\s*(.*)$")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
DEFINITION = re.compile(r"^:\s+(.*)$")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
SKIP_ELEMENT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)

INLINE = (
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"!\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # image: alt text
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote reference
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # inline link: its text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link: its text
    (re.compile(r"<(?:https?|mailto|tel|sms):[^>\s]+>"), ""),  # autolink
    (re.compile(r"\b(?:https?://|www\.)\S+"), ""),  # bare URL
    (re.compile(r"\{\s*[:#.][^}]*\}"), ""),  # attribute list
    (HTML_TAG, ""),
    (re.compile(r"`+([^`]*?)`+"), r"\1"),  # inline code: its text
    (re.compile(r"(?<![\w\\])[*_]+|(?<![\\])[*_]+(?!\w)"), ""),  # emphasis marks
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),  # escapes
)

ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|vs|etc|et al|Dr|Mr|Mrs|Ms|St|No|approx)\.", re.IGNORECASE)
# Spanish: titles before a name and "EE." always go on; the others go on unless a capital follows.
ABBREVIATIONS_ES = re.compile(
    r"(?<!\w)(?:(Dra|Dr|Sra|Srta|Sr|Ud|Uds|Vd|Vds|EE|núm|nro|págs?|p\. ?ej|aprox)\."
    r"|(UU|etc|et al|vs|a\. ?m|p\. ?m|cf)\.(?!\s+[¿¡\"“«(]*[A-ZÁÉÍÓÚÑÜ]))"
)
HOLD = "\u2024"  # one-dot leader: stands in for an abbreviation's full stop while splitting
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")
SENTENCE_END_ES = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+")


@dataclass(frozen=True)
class Block:
    kind: str  # heading, paragraph, item, definition, footnote, title, cell
    line: int  # 1-based line of the file where the block starts
    text: str  # what the reader sees, on one line
    lines: tuple[tuple[int, int], ...]  # (offset in text, file line) where each source line begins


@dataclass(frozen=True)
class Sentence:
    kind: str
    line: int
    text: str


def inline_text(markdown: str) -> str:
    """One line of Markdown as the reader sees it."""
    text = markdown
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def blocks(body: str, first_line: int = 1) -> list[Block]:
    """The readable blocks of a page body whose first line is line `first_line` of the file."""
    found: list[Block] = []
    kind, parts = None, []  # the block being built: its kind and (line, text) parts
    fence = None
    in_comment = False
    in_table = False
    previous = ""  # the last line seen, as written: a table's header row is known only from the line after it

    def close():
        nonlocal kind, parts
        if kind and parts:
            text, offsets = "", []
            for number, part in parts:
                if not part:
                    continue
                if text:
                    text += " "
                offsets.append((len(text), number))
                text += part
            if text:
                found.append(Block(kind, offsets[0][1], text, tuple(offsets)))
        kind, parts = None, []

    def start(new_kind, number, text):
        close()
        nonlocal kind, parts
        kind, parts = new_kind, [(number, inline_text(text))]

    body = SKIP_ELEMENT.sub(lambda match: "\n" * match.group(0).count("\n"), body)
    for number, raw in enumerate(body.splitlines(), start=first_line):
        line = raw
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        line = re.sub(r"<!--.*?-->", "", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        stripped = line.strip()
        while stripped.startswith(">"):
            stripped = stripped[1:].strip()
        if match := FENCE.match(stripped):
            close()
            fence = match.group(1)[0] * len(match.group(1))
            continue
        if not stripped:
            close()
            in_table = False
            continue
        if match := HEADING.match(stripped):
            start("heading", number, match.group(2))
            close()
            continue
        if SETEXT.match(stripped) and kind == "paragraph" and len(parts) == 1:
            kind = "heading"
            close()
            continue
        if (
            RULE.match(stripped)
            or ATTR_LINE.match(stripped)
            or REFERENCE_DEF.match(stripped)
            or ABBR_DEF.match(stripped)
        ):
            close()
            continue
        if TABLE_SEPARATOR.match(stripped) and "|" in stripped:
            if kind == "paragraph" and len(parts) == 1:  # the line before was the table's header row
                header_line = parts[0][0]
                kind, parts = None, []
                found.extend(_cells(header_line, previous))
            close()
            in_table = True
            continue
        if stripped.startswith("|") or (in_table and "|" in stripped):
            close()
            in_table = True
            found.extend(_cells(number, stripped))
            continue
        previous = stripped
        if match := ADMONITION.match(stripped):
            close()
            if match.group(1):
                start("title", number, match.group(1))
                close()
            continue
        if match := FOOTNOTE_DEF.match(stripped):
            start("footnote", number, match.group(1))
        elif match := LIST_ITEM.match(stripped):
            start("item", number, match.group(1))
        elif match := DEFINITION.match(stripped):
            start("definition", number, match.group(1))
        elif kind:
            parts.append((number, inline_text(stripped)))
        else:
            start("paragraph", number, stripped)
    close()
    return found


def _cells(number: int, row: str) -> list[Block]:
    cells = re.split(r"(?<!\\)\|", row.strip().strip("|"))
    result = []
    for cell in cells:
        text = inline_text(cell)
        if text:
            result.append(Block("cell", number, text, ((0, number),)))
    return result


def sentences(found: list[Block], language: str = "en") -> list[Sentence]:
    """The sentences of each block; a block without a full stop is one sentence."""
    result = []
    end = SENTENCE_END_ES if language == "es" else SENTENCE_END
    for block in found:
        if language == "es":
            held = ABBREVIATIONS_ES.sub(lambda match: match.group(0).replace(".", HOLD), block.text)
        else:
            held = ABBREVIATIONS.sub(lambda match: match.group(1) + HOLD, block.text)
        offset = 0
        for piece in end.split(held):
            start = held.find(piece, offset)
            offset = start + len(piece)
            text = piece.replace(HOLD, ".").strip()
            if text:
                result.append(Sentence(block.kind, _line_at(block, start), text))
    return result


def _line_at(block: Block, offset: int) -> int:
    line = block.line
    for start, number in block.lines:
        if start <= offset:
            line = number
    return line
