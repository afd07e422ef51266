"""Figures drawn at build time from data/figures.yml: icon arrays of 100 people and timelines.

A page asks for one with a line of its own:

    [[ icon-array: dissociation ]]
    [[ timeline: esketamine-day ]]

An icon array shows, for each group of a study (the medicine and the placebo, side by side), 100
people with the ones who had the effect filled in. A timeline is an ordered list of the steps of a
treatment day. Both are plain HTML and inline SVG coloured by the theme's own custom properties, so
they follow the light and dark palettes and the clinic's colours, and nothing is fetched. The words
carry everything the drawing shows: the caption of an icon array gives each group's figure and its
source, and the drawing itself is hidden from screen readers so they hear it once.

The words around the data ("Out of 100 ...", "Source:") are the site's wording
(data/site-strings.yml, figure_*), in the site's language: the extension's option `strings`
(sitekit/strings.site_strings), English without it.

The data are checked when they are read: every problem at once, each with the file, the key and
the fix. The content checks read the same file (content_checks) so a figure's words are held to
the site's rules like any other text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown import Extension
from markdown.blockprocessors import BlockProcessor

from .strings import fill, site_strings

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "data" / "figures.yml"
# A figure's line: `[[ icon-array: NAME ]]` or `[[ timeline: NAME ]]`, alone in its paragraph.
FIGURE_LINE = re.compile(r"^\[\[\s*(icon-array|timeline)\s*:\s*([a-z0-9-]+)\s*\]\]$")
# What looks like a figure line, however it is written: one that is not drawn is an error.
LOOSE_FIGURE = re.compile(r"\[\[\s*(?:icon-array|timeline)\b", re.IGNORECASE)
KINDS = {"icon-array": "icon_arrays", "timeline": "timelines"}
ICONS_PER_ROW = 10
CELL = 12  # the side of one person's square in the drawing's own units


class FigureError(ValueError):
    """data/figures.yml, or a page's figure line, needs fixing; the message lists every problem."""


@dataclass(frozen=True)
class Group:
    label: str  # what the group took, as its column heading: "Esketamine"
    people: str  # who they were, after "out of 100": "people who used esketamine"
    per_100: float


@dataclass(frozen=True)
class IconArray:
    title: str
    groups: tuple[Group, ...]
    source: str


@dataclass(frozen=True)
class Step:
    when: str
    text: str


@dataclass(frozen=True)
class Timeline:
    title: str
    steps: tuple[Step, ...]
    source: str


def _text(value, key: str, problems: list[str], path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{path.name}: {key}: expected some text, found {value!r}; write it in quotes")
        return ""
    return value.strip()


def load(path: Path = FIGURES, references: set[str] | None = None, language: str = "en") -> dict[str, dict]:
    """The figures of `path`, as {"icon_arrays": {name: IconArray}, "timelines": {name: Timeline}}.
    `references` are the ids of data/references.yml; a figure's `source` must be one of them. In
    another `language`, the figures' words are its translation's (sitekit/translations.py)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise FigureError(f"{path}: cannot be read as YAML ({error}); fix the file") from None
    if language != "en" and isinstance(data, dict):
        from . import translations  # here: translations reads the bank, which reads this package

        try:
            data = translations.translated_data("figures.yml", data, language)
        except translations.TranslationError as error:
            raise FigureError(str(error)) from None
    problems: list[str] = []
    if not isinstance(data, dict):
        raise FigureError(f"{path}: expected the keys icon_arrays and timelines; found {type(data).__name__}")
    for key in data:
        if key not in KINDS.values():
            problems.append(f"{path.name}: {key}: unknown key; use icon_arrays or timelines")
    figures: dict[str, dict] = {"icon_arrays": {}, "timelines": {}}
    for name, entry in (data.get("icon_arrays") or {}).items():
        figures["icon_arrays"][name] = _icon_array(name, entry, path, problems, references)
    for name, entry in (data.get("timelines") or {}).items():
        figures["timelines"][name] = _timeline(name, entry, path, problems, references)
    if problems:
        raise FigureError("\n".join(problems))
    return figures


def _entry(kind: str, name: str, entry, path: Path, problems: list[str], references, fields: set[str]) -> dict:
    key = f"{kind}.{name}"
    if not re.fullmatch(r"[a-z0-9-]+", str(name)):
        problems.append(f"{path.name}: {key}: a name is lower-case letters, digits and hyphens")
    if not isinstance(entry, dict):
        problems.append(f"{path.name}: {key}: expected the keys {', '.join(sorted(fields))}")
        return {}
    for field in entry:
        if field not in fields:
            problems.append(f"{path.name}: {key}.{field}: unknown key; use {', '.join(sorted(fields))}")
    source = _text(entry.get("source"), f"{key}.source", problems, path)
    if source and references is not None and source not in references:
        problems.append(
            f"{path.name}: {key}.source: {source!r} is not in data/references.yml; add it there or use an id that is"
        )
    return entry


def _icon_array(name, entry, path, problems, references) -> IconArray:
    entry = _entry("icon_arrays", name, entry, path, problems, references, {"title", "groups", "source"})
    key = f"icon_arrays.{name}"
    groups = []
    raw = entry.get("groups")
    if not isinstance(raw, list) or not 1 <= len(raw) <= 3:
        problems.append(f"{path.name}: {key}.groups: expected a list of 1 to 3 groups (the medicine, the placebo)")
        raw = []
    for index, group in enumerate(raw):
        where = f"{key}.groups[{index}]"
        if not isinstance(group, dict):
            problems.append(f"{path.name}: {where}: expected the keys label, people and per_100")
            continue
        for field in group:
            if field not in {"label", "people", "per_100"}:
                problems.append(f"{path.name}: {where}.{field}: unknown key; use label, people and per_100")
        per_100 = group.get("per_100")
        if isinstance(per_100, bool) or not isinstance(per_100, int | float) or not 0 <= per_100 <= 100:
            problems.append(f"{path.name}: {where}.per_100: expected a number from 0 to 100, found {per_100!r}")
            per_100 = 0
        groups.append(
            Group(
                _text(group.get("label"), f"{where}.label", problems, path),
                _text(group.get("people"), f"{where}.people", problems, path),
                per_100,
            )
        )
    return IconArray(
        _text(entry.get("title"), f"{key}.title", problems, path), tuple(groups), str(entry.get("source") or "")
    )


def _timeline(name, entry, path, problems, references) -> Timeline:
    entry = _entry("timelines", name, entry, path, problems, references, {"title", "steps", "source"})
    key = f"timelines.{name}"
    steps = []
    raw = entry.get("steps")
    if not isinstance(raw, list) or len(raw) < 2:
        problems.append(f"{path.name}: {key}.steps: expected a list of at least 2 steps, each with when and text")
        raw = []
    for index, step in enumerate(raw):
        where = f"{key}.steps[{index}]"
        if not isinstance(step, dict) or set(step) != {"when", "text"}:
            problems.append(f"{path.name}: {where}: expected exactly the keys when and text")
            continue
        steps.append(
            Step(
                _text(step["when"], f"{where}.when", problems, path),
                _text(step["text"], f"{where}.text", problems, path),
            )
        )
    return Timeline(
        _text(entry.get("title"), f"{key}.title", problems, path), tuple(steps), str(entry.get("source") or "")
    )


Wording = dict[str, str]  # the site's wording (sitekit/strings.site_strings)


def _english(strings: Wording | None) -> Wording:
    return strings or site_strings("en")


def count(per_100: float, strings: Wording | None = None) -> str:
    """A figure as a reader says it: 41, 0.5 -> "fewer than 1"."""
    if 0 < per_100 < 1:
        return _english(strings)["figure_fewer_than_one"]
    return f"{per_100:g}"


def caption(figure: IconArray, strings: Wording | None = None) -> str:
    """What the drawing shows, in words: the title, then each group's figure."""
    strings = _english(strings)
    parts = [
        fill(
            strings["figure_out_of_100_few" if 0 < group.per_100 < 1 else "figure_out_of_100"],
            people=group.people,
            count=count(group.per_100, strings),
        )
        for group in figure.groups
    ]
    return f"{figure.title}. " + " ".join(parts)


PERSON = '<circle cx="6" cy="3.2" r="2.4"/><path d="M2 11.5v-3.2a4 4 0 0 1 8 0v3.2z"/>'


def _people_svg(per_100: float, ident: str) -> str:
    """100 people in rows of ten, the first `per_100` of them filled in. Each state is one pattern
    of a person tiled over rectangles (whole rows, then the part of a row), so the drawing stays a
    few hundred bytes whatever the figure."""
    # Fewer than 1 in 100 draws no one filled in, as the words say; otherwise the nearest whole person.
    filled = 0 if per_100 < 1 else round(per_100)
    rows, rest = divmod(filled, ICONS_PER_ROW)
    size = ICONS_PER_ROW * CELL
    hit, miss = f"{ident}-hit", f"{ident}-miss"
    areas = [  # (pattern, x, y, width, height), in the drawing's units
        (hit, 0, 0, size, rows * CELL),
        (hit, 0, rows * CELL, rest * CELL, CELL),
        (miss, rest * CELL, rows * CELL, size - rest * CELL, CELL),
        (miss, 0, (rows + 1) * CELL, size, size - (rows + 1) * CELL),
    ]
    patterns = "".join(
        f'<pattern id="{ident}-{state}" width="{CELL}" height="{CELL}" patternUnits="userSpaceOnUse">'
        f'<g class="kit-icon-array__person--{state}">{PERSON}</g></pattern>'
        for state in ("hit", "miss")
    )
    rects = "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="url(#{pattern})"/>'
        for pattern, x, y, w, h in areas
        if w > 0 and h > 0
    )
    return (
        f'<svg class="kit-icon-array__people" viewBox="0 0 {size} {size}" focusable="false">'
        f"<defs>{patterns}</defs>{rects}</svg>"
    )


def icon_array_html(name: str, figure: IconArray, source_title: str, strings: Wording | None = None) -> str:
    strings = _english(strings)
    groups = "".join(
        '<div class="kit-icon-array__group">'
        f'<p class="kit-icon-array__label">{html.escape(group.label)}</p>'
        f"{_people_svg(group.per_100, f'figure-{name}-{index}')}"
        f'<p class="kit-icon-array__count">'
        f"{html.escape(fill(strings['figure_in_100'], count=count(group.per_100, strings)))}</p></div>"
        for index, group in enumerate(figure.groups)
    )
    return (
        f'<figure class="kit-icon-array" id="figure-{name}">'
        f'<div class="kit-icon-array__groups" aria-hidden="true">{groups}</div>'
        f"<figcaption>{html.escape(caption(figure, strings))} "
        f"{_source(source_title, strings)}</figcaption></figure>"
    )


def _source(title: str, strings: Wording) -> str:
    # Left out of the site search, like every page's list of sources.
    text = html.escape(fill(strings["figure_source"], title=title))
    return f'<span class="kit-figure__source" data-search-exclude>{text}</span>'


def timeline_html(name: str, figure: Timeline, source_title: str, strings: Wording | None = None) -> str:
    strings = _english(strings)
    steps = "".join(
        f'<li class="kit-timeline__step"><span class="kit-timeline__when">{html.escape(step.when)}</span> '
        f'<span class="kit-timeline__text">{html.escape(step.text)}</span></li>'
        for step in figure.steps
    )
    return (
        f'<figure class="kit-timeline" id="figure-{name}">'
        f'<figcaption class="kit-timeline__title">{html.escape(figure.title)} '
        f"{_source(source_title, strings)}</figcaption>"
        f'<ol class="kit-timeline__steps">{steps}</ol></figure>'
    )


def words(figure: IconArray | Timeline, strings: Wording | None = None) -> str:
    """Everything a figure says, as the reader meets it: what the content checks read in its place."""
    if isinstance(figure, IconArray):
        return caption(figure, strings)
    return f"{figure.title}. " + " ".join(f"{step.when}: {step.text}" for step in figure.steps)


def fill_text(body: str, first_line: int, figures: dict) -> tuple[str, list[FigureLineProblem]]:
    """`body` with each figure line replaced by the figure's words on that one line (so every other
    line keeps its number), and the figure lines the build would not draw."""
    lines, problems = body.split("\n"), []
    for index, line in enumerate(lines):
        if not LOOSE_FIGURE.search(line):
            continue
        found = FIGURE_LINE.match(line.strip())
        alone = all(not lines[near].strip() for near in (index - 1, index + 1) if 0 <= near < len(lines))
        if not found or not alone:
            # The page would show the brackets as written.
            problems.append(
                FigureLineProblem(
                    first_line + index,
                    line.strip(),
                    "a figure line that is not drawn",
                    "a line of its own, with a blank line above and below, such as "
                    "[[ timeline: esketamine-day ]] (a lower-case name)",
                )
            )
            continue
        kind, name = found.groups()
        figure = figures[KINDS[kind]].get(name)
        if figure is None:
            known = ", ".join(sorted(figures[KINDS[kind]])) or "none yet"
            problems.append(
                FigureLineProblem(
                    first_line + index,
                    line.strip(),
                    "the page asks for a figure that does not exist",
                    f"a figure of data/figures.yml (there are: {known})",
                )
            )
            lines[index] = ""
        else:
            lines[index] = words(figure)
    return "\n".join(lines), problems


@dataclass(frozen=True)
class FigureLineProblem:
    line: int  # in the page's file
    text: str  # the line as written
    problem: str
    expected: str


# MkDocs makes a new Markdown converter, so a new extension, for every page: the files are read once
# and kept until they change (so `mkdocs serve` picks up an edit).
_CACHE: dict[tuple, object] = {}


def _read_once(path: Path, read, *depends_on: Path, tag: str = ""):
    key = (tag, *((str(each), each.stat().st_mtime_ns) for each in (path, *depends_on)))
    if key not in _CACHE:
        _CACHE[key] = read(path)
    return _CACHE[key]


def _read_references(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


class FigureProcessor(BlockProcessor):
    def __init__(self, parser, extension: FiguresExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block):
        return bool(FIGURE_LINE.match(block.strip()))

    def run(self, parent, blocks):
        kind, name = FIGURE_LINE.match(blocks.pop(0).strip()).groups()
        figures = self.extension.figures()
        figure = figures[KINDS[kind]].get(name)
        if figure is None:
            known = ", ".join(sorted(figures[KINDS[kind]])) or "none yet"
            raise FigureError(
                f"[[ {kind}: {name} ]]: no {kind} named {name!r} in data/figures.yml "
                f"(there are: {known}); add it there or fix the name"
            )
        title = self.extension.source_title(figure.source)
        markup = (icon_array_html if kind == "icon-array" else timeline_html)(
            name, figure, title, self.extension.getConfig("strings") or None
        )
        placeholder = self.parser.md.htmlStash.store(markup)
        element = parent.makeelement("p", {})
        element.text = placeholder
        parent.append(element)


class FiguresExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "figures": [str(FIGURES), "The figures' data file"],
            "references": [str(ROOT / "data" / "references.yml"), "The sources the figures cite"],
            "strings": [{}, "The site's wording (sitekit/strings.site_strings); default: English"],
            "language": ["en", "The edition's language: the figures' words in it (sitekit/translations.py)"],
        }
        super().__init__(**kwargs)
        self._figures: dict | None = None
        self._references: dict | None = None

    def references(self) -> dict:
        if self._references is None:
            self._references = _read_once(Path(self.getConfig("references")), _read_references)
        return self._references

    def figures(self) -> dict:
        if self._figures is None:
            references = set(self.references())
            language = self.getConfig("language")
            depends_on = [Path(self.getConfig("references"))]
            if language != "en":
                from . import languages

                # Read again when the translation changes too (mkdocs serve watches translations/).
                translation = languages.folder(language) / "figures.yml"
                depends_on += [translation] if translation.is_file() else []
            self._figures = _read_once(
                Path(self.getConfig("figures")),
                lambda path: load(path, references, language),
                *depends_on,
                tag=language,
            )
        return self._figures

    def source_title(self, source: str) -> str:
        entry = self.references().get(source) or {}
        return entry.get("short") or entry.get("title") or source

    def extendMarkdown(self, md):
        # Before paragraphs (10) so the figure's line is not read as text.
        md.parser.blockprocessors.register(FigureProcessor(md.parser, self), "kit_figure", 75)


def makeExtension(**kwargs):
    return FiguresExtension(**kwargs)
