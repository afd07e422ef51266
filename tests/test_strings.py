"""The site's own wording (sitekit/strings.py): the English tables, their translations, the checks
that stop a build on a translation that does not fit, and filling in the values."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from content_checks import evidence
from sitekit import strings
from sitekit.strings import StringsError, fill, long_date, page_strings, placeholders, site_strings, table

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [*sorted((ROOT / "overrides").rglob("*.html")), *sorted((ROOT / "quiz" / "templates").glob("*.html"))]
# The Python that writes page text, and the hooks that hand it the wording.
PYTHON = [
    ROOT / "quiz" / "render.py",
    ROOT / "sitekit" / "site.py",
    ROOT / "sitekit" / "figures.py",
    ROOT / "sitekit" / "regions.py",
    ROOT / "sitekit" / "strings.py",
    ROOT / "content_checks" / "render.py",
    ROOT / "content_checks" / "evidence.py",
    ROOT / "hooks" / "site.py",
]


# ---- the project's own tables ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_table_is_text_by_key(language):
    for found in (site_strings(language), page_strings(language)):
        assert found and all(re.fullmatch(r"[a-z][a-z0-9_]*", key) for key in found)
        assert all(isinstance(value, str) and value.strip() for value in found.values())


def test_the_spanish_tables_have_every_english_key_and_placeholder():
    for english, spanish in ((site_strings("en"), site_strings("es")), (page_strings("en"), page_strings("es"))):
        assert list(spanish) == list(english)
        for key, value in english.items():
            assert placeholders(spanish[key]) == placeholders(value), key
        assert spanish != english


def test_the_language_switch_names_the_other_language_in_that_language():
    assert site_strings("en")["language_switch_label"] == "Español"
    assert site_strings("es")["language_switch_label"] == "English"
    assert site_strings("en")["language_switch_aria_label"] and site_strings("es")["language_switch_aria_label"]


def test_every_wording_the_templates_and_the_build_name_is_in_the_table():
    english = site_strings("en")
    named, quoted = set(), set()
    for path in TEMPLATES:
        named |= set(re.findall(r"\bt\.([a-z][a-z0-9_]*)", path.read_text(encoding="utf-8")))
    for path in PYTHON:
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"\b(?:strings|wording|t)\[[\"']([a-z][a-z0-9_]*)[\"']\]", text))
        quoted |= set(re.findall(r"[\"']([a-z][a-z0-9_]*)[\"']", text))
    assert named, "no wording found: the patterns of this test are out of date"
    assert sorted(named - set(english)) == []
    # Every wording is used somewhere (the evidence levels by their names; the language switch by its template).
    levels = {f"evidence_{level.name}" for level in evidence.SCALE}
    levels |= {f"{key}_meaning" for key in levels}
    unused = set(english) - named - quoted - levels - {"language_switch_label", "language_switch_aria_label"}
    assert sorted(unused) == []


def test_dates_are_written_with_the_tables_month_names():
    assert long_date(dt.date(2026, 12, 1), site_strings("en")) == "1 December 2026"
    assert long_date(dt.date(2026, 3, 5), site_strings("es")) == "5 de marzo de 2026"
    for language in ("en", "es"):
        assert len(strings.month_names(site_strings(language))) == 12
        assert len(page_strings(language)["month_names"].split(",")) == 12


def test_english_is_the_english_table_whatever_the_translations_folder_holds(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "site-strings.yml").write_text("nonsense: [\n", encoding="utf-8")
    assert table(strings.SITE_STRINGS, "en", tmp_path) == site_strings("en")


# ---- filling in values -------------------------------------------------------------------------------


def test_fill_puts_in_each_value_and_leaves_other_text_as_it_is():
    assert fill("Call {number} ({name}).", number="988", name="A & B") == "Call 988 (A & B)."
    assert fill("{a}{a} {b}", a=1, b="x") == "11 x"
    assert fill("No placeholders: {Not one} {}") == "No placeholders: {Not one} {}"


def test_fill_escapes_values_into_markup_but_not_markup_values():
    filled = fill(Markup("<strong>{name}</strong> {link}"), name="A & <B>", link=Markup('<a href="x">y</a>'))
    assert isinstance(filled, Markup)
    assert str(filled) == '<strong>A &amp; &lt;B&gt;</strong> <a href="x">y</a>'


def test_fill_names_a_missing_value():
    with pytest.raises(KeyError, match=r"\{number\}"):
        fill("Call {number}", name="x")


# ---- translations that do not fit --------------------------------------------------------------------


def _english(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site-strings.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _translation(tmp_path: Path, text: str, language: str = "xx") -> Path:
    folder = tmp_path / "translations" / language
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "site-strings.yml"
    path.write_text(text, encoding="utf-8")
    return path


ENGLISH = "greeting: Hello {name}.\nfarewell: Goodbye.\nmonth_names: One, Two, Three\n"


def test_a_translation_replaces_every_value(tmp_path):
    english = _english(tmp_path, ENGLISH)
    _translation(tmp_path, "farewell: Adiós.\ngreeting: Hola, {name}.\nmonth_names: Uno, Dos, Tres\n")
    found = table(english, "xx", tmp_path / "translations")
    assert found == {"greeting": "Hola, {name}.", "farewell": "Adiós.", "month_names": "Uno, Dos, Tres"}
    assert list(found) == ["greeting", "farewell", "month_names"]  # in the English order


def test_a_missing_key_names_the_file_the_key_and_the_english_to_translate(tmp_path):
    english = _english(tmp_path, ENGLISH)
    path = _translation(tmp_path, "greeting: Hola, {name}.\nmonth_names: Uno, Dos, Tres\n")
    with pytest.raises(StringsError) as caught:
        table(english, "xx", tmp_path / "translations")
    message = str(caught.value)
    assert str(path) in message and "farewell: missing" in message
    assert "add it, translating the English" in message and "'Goodbye.'" in message


def test_a_key_the_english_lacks_is_refused_with_the_likely_one(tmp_path):
    english = _english(tmp_path, ENGLISH)
    _translation(tmp_path, "greeting: Hola, {name}.\nfarewel: Adiós.\nfarewell: Adiós.\nmonth_names: Uno, Dos, Tres\n")
    with pytest.raises(StringsError) as caught:
        table(english, "xx", tmp_path / "translations")
    message = str(caught.value)
    assert ":2: farewel: not a key of" in message
    assert "rename it to 'farewell'" in message and "remove it" in message


def test_placeholders_must_be_the_englishs(tmp_path):
    english = _english(tmp_path, ENGLISH)
    _translation(tmp_path, "greeting: Hola, {nombre}.\nfarewell: Adiós {name}.\nmonth_names: Uno, Dos, Tres\n")
    with pytest.raises(StringsError) as caught:
        table(english, "xx", tmp_path / "translations")
    problems = {problem.key: str(problem) for problem in caught.value.problems}
    assert set(problems) == {"greeting", "farewell"}
    assert "it has {nombre}, the English has {name}" in problems["greeting"]
    assert "it has {name}, the English has none" in problems["farewell"]
    assert "keep every {placeholder} of the English, untranslated" in problems["greeting"]


def test_a_list_of_months_needs_as_many_items_as_the_english(tmp_path):
    english = _english(tmp_path, ENGLISH)
    _translation(tmp_path, "greeting: Hola, {name}.\nfarewell: Adiós.\nmonth_names: Uno, Dos\n")
    with pytest.raises(StringsError, match=r"month_names: has 2 items, the English has 3"):
        table(english, "xx", tmp_path / "translations")


def test_a_language_without_a_translation_says_which_file_to_write(tmp_path):
    english = _english(tmp_path, ENGLISH)
    with pytest.raises(StringsError) as caught:
        table(english, "xx", tmp_path / "translations")
    message = str(caught.value)
    assert "there is no translation" in message and "xx/site-strings.yml" in message
    assert "copy" in message and "translate every value" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("greeting: Hola, {name}.\nfarewell:\nmonth_names: a, b, c\n", "farewell: expected text, found nothing"),
        ("greeting: Hola, {name}.\nfarewell: [a]\nmonth_names: a, b, c\n", "farewell: expected text, found a list"),
        ("- greeting\n", "expected one line per wording"),
        ("greeting: a\ngreeting: b\n", "appears twice"),
        ("greeting: {name}, hola\n", "is not valid YAML"),
        ("Greeting: Hola\n", "'Greeting' is not a key"),
    ],
)
def test_a_translation_that_cannot_be_read_names_the_line_and_the_fix(tmp_path, text, expected):
    english = _english(tmp_path, ENGLISH)
    _translation(tmp_path, text)
    with pytest.raises(StringsError, match=re.escape(expected)):
        table(english, "xx", tmp_path / "translations")


def test_a_language_code_cannot_lead_out_of_the_translations(tmp_path):
    english = _english(tmp_path, ENGLISH)
    with pytest.raises(StringsError, match="is not a language code"):
        table(english, "../data", tmp_path / "translations")


def test_a_table_is_read_again_once_a_file_changes(tmp_path):
    english = _english(tmp_path, ENGLISH)
    path = _translation(tmp_path, "greeting: Hola, {name}.\nfarewell: Adiós.\nmonth_names: Uno, Dos, Tres\n")
    folder = tmp_path / "translations"
    first = table(english, "xx", folder)
    assert table(english, "xx", folder) == first
    first["farewell"] = "changed by a caller"
    assert table(english, "xx", folder)["farewell"] == "Adiós."  # each call gets its own copy
    path.write_text("greeting: Hola, {name}.\nfarewell: Chao.\nmonth_names: Uno, Dos, Tres\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert table(english, "xx", folder)["farewell"] == "Chao."
    path.write_text("greeting: Hola.\nfarewell: Chao.\nmonth_names: Uno, Dos, Tres\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    with pytest.raises(StringsError, match="greeting: the placeholders differ"):
        table(english, "xx", folder)
