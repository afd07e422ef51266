"""Figures drawn at build time from data (sitekit/figures.py): checked data, drawings that match
their numbers, words that say everything the drawing shows, and content checks that read them."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import markdown
import pytest
import yaml

from content_checks.pages import check_page, load_data
from sitekit import figures

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 1)

ICON_ARRAY = {
    "title": "Feeling sick (nausea)",
    "source": "spravato-label",
    "groups": [
        {"label": "Esketamine", "people": "people who used esketamine", "per_100": 28},
        {"label": "Placebo", "people": "people who used a placebo spray", "per_100": 0.5},
    ],
}
TIMELINE = {
    "title": "A day",
    "source": "spravato-label",
    "steps": [{"when": "Before", "text": "Staff check your blood pressure."}, {"when": "After", "text": "You rest."}],
}


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "figures.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def extension(tmp_path: Path, data) -> markdown.Markdown:
    return markdown.Markdown(extensions=[figures.FiguresExtension(figures=str(write(tmp_path, data)))])


def filled_cells(svg: str, state: str) -> int:
    """How many people's squares the rectangles of one pattern cover."""
    cells = 0
    for _x, y, width, height, pattern in re.findall(
        r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" fill="url\(#([^)]+)\)"/>', svg
    ):
        if pattern.endswith(f"-{state}") and int(y) < figures.ICONS_PER_ROW * figures.CELL:
            cells += (int(width) // figures.CELL) * (int(height) // figures.CELL)
    return cells


def test_the_project_figures_load_and_cite_known_sources():
    references = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    loaded = figures.load(references=set(references))
    assert loaded["timelines"], "data/figures.yml has no timeline"


@pytest.mark.parametrize("per_100", [0, 1, 9, 10, 28, 41, 99, 100])
def test_an_icon_array_fills_exactly_its_number_of_people(tmp_path, per_100):
    data = {"icon_arrays": {"x": {**ICON_ARRAY, "groups": [{**ICON_ARRAY["groups"][0], "per_100": per_100}]}}}
    html = extension(tmp_path, data).convert("[[ icon-array: x ]]")
    assert filled_cells(html, "hit") == per_100
    assert filled_cells(html, "miss") == 100 - per_100


def test_an_icon_array_says_in_words_what_it_draws_and_hides_the_drawing(tmp_path):
    html = extension(tmp_path, {"icon_arrays": {"nausea": ICON_ARRAY}}).convert("Text.\n\n[[ icon-array: nausea ]]\n")
    assert html.startswith("<p>Text.</p>\n<figure")  # a figure of its own, not inside a paragraph
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html).group(1)
    assert "Feeling sick (nausea). Out of 100 people who used esketamine, about 28 had it." in caption
    assert "Out of 100 people who used a placebo spray, fewer than 1 had it." in caption
    assert "Source: SPRAVATO" in caption
    assert 'class="kit-icon-array__groups" aria-hidden="true"' in html
    # Each drawing's patterns have ids of their own, so two figures on a page never share one.
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_a_timeline_is_an_ordered_list_of_its_steps(tmp_path):
    html = extension(tmp_path, {"timelines": {"day": TIMELINE}}).convert("[[ timeline: day ]]")
    assert re.findall(r'kit-timeline__when">([^<]+)<', html) == ["Before", "After"]
    assert "<ol" in html and "Staff check your blood pressure." in html


def test_a_figure_line_inside_code_is_left_as_written(tmp_path):
    html = extension(tmp_path, {"timelines": {"day": TIMELINE}}).convert("    [[ timeline: day ]]\n")
    assert "<code>[[ timeline: day ]]" in html


def test_an_unknown_figure_stops_the_page_with_the_names_there_are(tmp_path):
    with pytest.raises(figures.FigureError, match=r"no timeline named 'dya'.*there are: day"):
        extension(tmp_path, {"timelines": {"day": TIMELINE}}).convert("[[ timeline: dya ]]")


def test_bad_figure_data_lists_every_problem_with_its_key(tmp_path):
    data = {
        "icon_arrays": {
            "Bad Name": {**ICON_ARRAY, "groups": [{"label": "", "people": "p", "per_100": 140}]},
            "other": {**ICON_ARRAY, "source": "no-such-source", "colour": "red"},
        },
        "timelines": {"short": {**TIMELINE, "steps": [{"when": "Now"}]}},
        "charts": {},
    }
    with pytest.raises(figures.FigureError) as raised:
        figures.load(write(tmp_path, data), references={"spravato-label"})
    message = str(raised.value)
    for expected in (
        "figures.yml: charts: unknown key; use icon_arrays or timelines",
        "figures.yml: icon_arrays.Bad Name: a name is lower-case letters, digits and hyphens",
        "figures.yml: icon_arrays.Bad Name.groups[0].per_100: expected a number from 0 to 100, found 140",
        "figures.yml: icon_arrays.Bad Name.groups[0].label: expected some text",
        "figures.yml: icon_arrays.other.colour: unknown key",
        "figures.yml: icon_arrays.other.source: 'no-such-source' is not in data/references.yml",
        "figures.yml: timelines.short.steps: expected a list of at least 2 steps",
    ):
        assert expected in message


def test_figure_data_that_is_not_yaml_names_the_file(tmp_path):
    path = tmp_path / "figures.yml"
    path.write_text("timelines: [unclosed\n", encoding="utf-8")
    with pytest.raises(figures.FigureError, match=r"figures.yml: cannot be read as YAML"):
        figures.load(path)


PAGE = """---
title: A page
description: A page with a figure.
last_reviewed: 2026-11-01
sources: [spravato-label]
---

Some words.

[[ {kind}: {name} ]]
"""


def test_the_content_checks_read_a_figure_s_words_where_it_stands():
    references, claims, problems = load_data(ROOT / "data")
    assert not problems
    steps = (figures.Step("After", "It has no side effects."), figures.Step("Later", "You rest."))
    unsafe = {"icon_arrays": {}, "timelines": {"day": figures.Timeline("A day", steps, "spravato-label")}}
    result = check_page("demo.md", PAGE.format(kind="timeline", name="day"), references, claims, TODAY, figures=unsafe)
    assert any("no side effects" in str(problem) and "demo.md:10" in str(problem) for problem in result.errors), [
        str(problem) for problem in result.errors
    ]


def test_the_content_checks_name_the_page_and_line_of_an_unknown_figure():
    references, claims, _ = load_data(ROOT / "data")
    result = check_page(
        "demo.md",
        PAGE.format(kind="icon-array", name="nothing"),
        references,
        claims,
        TODAY,
        figures={"icon_arrays": {}, "timelines": {}},
    )
    messages = [str(problem) for problem in result.errors]
    assert any(
        message.startswith("demo.md:10: the page asks for a figure that does not exist") for message in messages
    ), messages


def test_fewer_than_one_in_100_draws_no_one_filled_in_as_the_words_say(tmp_path):
    data = {"icon_arrays": {"x": {**ICON_ARRAY, "groups": [{**ICON_ARRAY["groups"][0], "per_100": 0.6}]}}}
    html = extension(tmp_path, data).convert("[[ icon-array: x ]]")
    assert filled_cells(html, "hit") == 0 and "fewer than 1 had it" in html


@pytest.mark.parametrize(
    "body",
    [
        "Some words.\n[[ timeline: day ]]\n",  # inside a paragraph: the page would show the brackets
        "Some words.\n\n[[ Timeline: Day ]]\n",  # capitals
        "Some words.\n\nSee [[ timeline: day ]] here.\n",  # inside a sentence
    ],
)
def test_a_figure_line_the_build_would_not_draw_is_an_error(body):
    references, claims, _ = load_data(ROOT / "data")
    timeline = figures.Timeline("A day", (figures.Step("Before", "Rest."), figures.Step("After", "Go.")), "x")
    page = PAGE.replace("Some words.\n\n[[ {kind}: {name} ]]\n", body)
    result = check_page(
        "demo.md", page, references, claims, TODAY, figures={"icon_arrays": {}, "timelines": {"day": timeline}}
    )
    messages = [str(problem) for problem in result.errors]
    assert any("a figure line that is not drawn" in message for message in messages), messages


def test_a_changed_translation_of_the_figures_is_read_again(tmp_path, monkeypatch):
    """Figures are kept between pages until a file they come from changes, their translation included
    (mkdocs serve rebuilds when it changes)."""
    from sitekit import languages

    (tmp_path / "es").mkdir()
    translation = tmp_path / "es" / "figures.yml"
    translation.write_text((languages.folder("es") / "figures.yml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(languages, "TRANSLATIONS", tmp_path)

    def title() -> str:
        return figures.FiguresExtension(language="es").figures()["icon_arrays"]["dissociation"].title

    assert title() == "Sentir desconexión de uno mismo o del mundo (disociación)"
    text = translation.read_text(encoding="utf-8").replace("Sentir desconexión", "Sentirse desconectado", 1)
    translation.write_text(text, encoding="utf-8")
    os.utime(translation, ns=(translation.stat().st_atime_ns, translation.stat().st_mtime_ns + 1_000_000))
    assert title() == "Sentirse desconectado de uno mismo o del mundo (disociación)"
