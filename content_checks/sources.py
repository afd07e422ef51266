"""The sources the site cites (data/references.yml): loading them and writing one as a citation."""

from __future__ import annotations

import re
from pathlib import Path

from sitekit.problems import ProblemsError, read_yaml

from .problems import Problem

FIELDS = ("title", "authors", "published", "url", "note")


def load(path: Path) -> tuple[dict, list[Problem]]:
    """id -> entry, and the problems with the file (each names the line, the id and the field)."""
    where = f"data/{path.name}"
    try:
        doc = read_yaml(path, where, what="the references")
    except ProblemsError as error:
        return {}, error.problems
    data = doc.data
    if not isinstance(data, dict):
        return {}, [
            Problem(
                where,
                doc.line(),
                "the references are not a mapping",
                "'id: {title: ...}' entries",
                type(data).__name__,
                "see the header of the file",
            )
        ]
    problems = []
    for source_id, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or not entry["title"].strip():
            problems.append(
                Problem(
                    where,
                    doc.line((source_id,)),
                    "a source lacks a title",
                    "a 'title:' text",
                    repr(entry),
                    "add the source's title",
                    key=str(source_id),
                )
            )
        elif unknown := sorted(set(map(str, entry)) - set(FIELDS)):
            problems.append(
                Problem(
                    where,
                    doc.line((source_id, unknown[0])),
                    "a source has an unknown field",
                    f"only: {', '.join(FIELDS)}",
                    ", ".join(unknown),
                    "rename or remove the field",
                    key=str(source_id),
                )
            )
    return data, problems


def citation(entry: dict, with_note: bool = False) -> str:
    """One source as a line of Markdown: authors, title, where published, and a link if there is one."""
    parts = [_escape(entry[key]) for key in ("authors",) if entry.get(key)]
    parts.append(f"*{_escape(entry['title'])}*")
    if entry.get("published"):
        parts.append(_escape(str(entry["published"])))
    text = ". ".join(part.rstrip(".") for part in parts) + "."
    if entry.get("url"):
        text += f" [{_escape(_shown(entry['url']))}]({entry['url']})"
    if with_note and entry.get("note"):
        text += f" ({_escape(entry['note'])})"
    return text


def _shown(url: str) -> str:
    """A short link text that still says where the link goes: a DOI, or the site's name."""
    if match := re.match(r"^https?://(?:dx\.)?doi\.org/(.+)$", url):
        return f"doi:{match.group(1)}"
    return re.sub(r"^https?://(?:www\.)?", "", url).split("/")[0]


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", str(text))
