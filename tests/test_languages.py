"""The site's languages: a translation's shape against its English, the bank's text by id, the
pages' front matter, the navigation's titles and the record of what each translation translates."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from devkit.answers import complete_answers
from quiz import bank as bank_module
from quiz.bank import BankError
from sitekit import languages, translations
from sitekit.problems import parse_yaml
from sitekit.project import ROOT, shown


def shape_problems(english, translation_text: str) -> list[str]:
    doc = parse_yaml(translation_text, "t.yml")
    return [str(problem) for problem in languages.compare(english, doc)]


def test_a_translation_in_the_english_shape_has_no_problems():
    english = {"title": "Hi", "items": ["a", "b"], "questions": {"q1": {"text": "Q?"}}}
    assert shape_problems(english, "title: Hola\nitems: [x, y]\nquestions:\n  q1:\n    text: ¿P?\n") == []


def test_a_missing_id_an_extra_id_and_a_short_list_are_named_with_their_lines():
    english = {"items": ["a", "b"], "questions": {"q1": {"text": "Q?"}, "q2": {"text": "R?"}}}
    found = shape_problems(english, "items: [x]\nquestions:\n  q1:\n    text: ¿P?\n  q3:\n    text: ¿S?\n")
    assert found == [
        "t.yml:1: items: the English has 2 items here, the translation 1 items; translate each item, in the same order",
        "t.yml:2: questions.q2: missing; translate it from the English",
        "t.yml:5: questions.q3: not in the English; a translation holds only the text of the English ids and "
        "keys; remove it or correct its name",
    ]


def test_project_keeps_text_only_and_maps_lists_of_ids():
    english = {
        "questions": [
            {
                "id": "age",
                "text": "How old?",
                "sources": ["x"],
                "options": [{"id": "a", "label": "A", "exclusive": True}],
            }
        ],
        "count": 3,
    }
    shape = languages.project(english, frozenset({"text", "label"}))
    assert shape == {"questions": {"age": {"text": "How old?", "options": {"a": {"label": "A"}}}}}
    translated = languages.apply(
        english,
        {"questions": {"age": {"text": "¿Edad?", "options": {"a": {"label": "Á"}}}}},
        frozenset({"text", "label"}),
    )
    assert translated["questions"][0]["text"] == "¿Edad?"
    assert translated["questions"][0]["options"][0] == {"id": "a", "label": "Á", "exclusive": True}
    assert translated["questions"][0]["sources"] == ["x"] and translated["count"] == 3


def test_the_spanish_bank_has_the_english_logic_and_spanish_words():
    english = bank_module.load_bank()
    spanish = bank_module.translate(english, bank_module.DEFAULT_BANK, "es")

    def logic(bank):
        shape = bank_module.text_of(bank)
        stripped = json.loads(json.dumps(bank))

        def drop(value, text):
            if isinstance(value, dict):
                return {
                    k: drop(v, (text or {}).get(k) if isinstance(text, dict) else None)
                    for k, v in value.items()
                    if not (k in bank_module.TEXT_KEYS and isinstance(v, (str, list)) and text and k in text)
                }
            if isinstance(value, list):
                if value and all(isinstance(item, dict) and "id" in item for item in value):
                    return [drop(item, (text or {}).get(str(item["id"]))) for item in value]
                return [drop(item, None) for item in value]
            return value

        return drop(stripped, shape)

    assert logic(spanish) == logic(english)
    assert spanish["questions"][0]["text"] != english["questions"][0]["text"]
    assert [q["id"] for q in spanish["questions"]] == [q["id"] for q in english["questions"]]


def test_a_spanish_bank_that_lacks_a_question_or_has_one_the_english_lacks_is_refused(tmp_path, monkeypatch):
    text = yaml.safe_load((languages.folder("es") / bank_module.TRANSLATION).read_text(encoding="utf-8"))
    text["questions"]["made_up"] = text["questions"].pop("pregnancy")
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / bank_module.TRANSLATION).write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(languages, "TRANSLATIONS", tmp_path)
    with pytest.raises(BankError) as caught:
        bank_module.translate(bank_module.load_bank(), bank_module.DEFAULT_BANK, "es")
    messages = [str(problem) for problem in caught.value.problems]
    assert any("questions.pregnancy: missing" in m for m in messages), messages
    assert any("questions.made_up: not in the English" in m for m in messages), messages


def test_a_missing_spanish_bank_names_the_file_and_the_way_out(tmp_path, monkeypatch):
    monkeypatch.setattr(languages, "TRANSLATIONS", tmp_path)
    with pytest.raises(BankError) as caught:
        bank_module.translate(bank_module.load_bank(), bank_module.DEFAULT_BANK, "es")
    assert "has no Español text" in str(caught.value) and "extra.clinic.languages" in str(caught.value)


def test_a_translated_page_takes_its_words_from_the_translation_and_the_rest_from_the_english():
    english = (
        "---\ntitle: OCD\ndescription: About OCD.\nlast_reviewed: 2026-12-01\nsources: [a]\n"
        "hide: [clinic]\n---\n\n# OCD\n"
    )
    spanish = "---\ntitle: TOC\ndescription: Sobre el TOC.\n---\n\n# TOC\n"
    merged = translations.merged_page(english, spanish, "es.md")
    head = yaml.safe_load(merged.split("---")[1])
    assert head["title"] == "TOC" and head["description"] == "Sobre el TOC."
    assert head["sources"] == ["a"] and head["hide"] == ["clinic"] and str(head["last_reviewed"]) == "2026-12-01"
    assert merged.rstrip().endswith("# TOC")


def test_a_translated_page_may_not_set_its_own_sources():
    with pytest.raises(translations.TranslationError, match="sources, which a translated page takes from the English"):
        translations.merged_page("---\ntitle: A\n---\nx", "---\ntitle: B\nsources: [z]\n---\ny", "es.md")


def test_every_english_page_has_a_spanish_translation_with_the_same_heading_ids():
    import re

    from mkdocs.utils.meta import get_data

    heading = re.compile(r"^#{1,6} .*?\{#([a-z0-9_-]+)\}\s*$", re.MULTILINE)
    for english in sorted((ROOT / "docs").rglob("*.md")):
        rel = english.relative_to(ROOT / "docs")
        spanish = languages.folder("es") / "docs" / rel
        assert spanish.is_file(), f"{rel} has no Spanish translation"
        english_headings = re.findall(r"^(#{1,6}) ", get_data(english.read_text(encoding="utf-8"))[0], re.MULTILINE)
        spanish_text = get_data(spanish.read_text(encoding="utf-8"))[0]
        spanish_headings = re.findall(r"^(#{1,6}) ", spanish_text, re.MULTILINE)
        assert spanish_headings == english_headings, f"{rel}: the headings differ in number or level"
        ids = heading.findall(spanish_text)
        assert len(ids) == len(spanish_headings), f"{rel}: a heading has no {{#id}} of the English anchor"


def test_a_navigation_title_without_a_translation_stops_the_build():
    with pytest.raises(translations.TranslationError, match="'New page' has no translation"):
        translations.translated_nav([{"Home": "index.md"}, {"New page": "new.md"}], {"Home": "Inicio"}, "es")
    assert translations.translated_nav(
        [{"Home": "index.md"}, {"S": [{"Home": "a.md"}]}], {"Home": "Inicio", "S": "T"}, "es"
    ) == [
        {"Inicio": "index.md"},
        {"T": [{"Inicio": "a.md"}]},
    ]


def test_every_translation_of_the_kit_is_in_step_with_its_english():
    stale = translations.stale_units("es")
    assert not stale, "\n".join(unit.message("es") for unit in stale)


def test_a_changed_english_page_is_named_for_translating_again(tmp_path):
    docs = tmp_path / "docs"
    for english in (ROOT / "docs").rglob("*.md"):
        target = docs / english.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(english.read_text(encoding="utf-8"), encoding="utf-8")
    page = docs / "conditions" / "ocd.md"
    page.write_text(page.read_text(encoding="utf-8").replace("little by little", "step by step"), encoding="utf-8")
    stale = translations.stale_units("es", docs)
    assert [unit.unit for unit in stale] == ["docs/conditions/ocd.md"]
    assert stale[0].message("es") == (
        "translations/es/docs/conditions/ocd.md: the page translates an older version of docs/conditions/ocd.md, "
        "which has changed since; translate it again from the English, then run "
        "'python -m sitekit translations --lang es --stamp \"docs/conditions/ocd.md\"'"
    )


def test_the_translations_command_lists_nothing_to_do_when_in_step():
    run = subprocess.run(
        [sys.executable, "-m", "sitekit", "translations", "--lang", "es"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 to translate again" in run.stdout


def test_editions_are_placed_by_language():
    both = languages.Edition("es", ("en", "es"))
    assert (both.folder(), both.folder("en"), both.to_site_root, both.at_root) == ("es/", "", "../", False)
    spanish_only = languages.Edition("es", ("es",))
    assert (spanish_only.folder(), spanish_only.to_site_root, spanish_only.at_root) == ("", "", True)


def test_the_languages_setting_is_checked(tmp_path):
    from sitekit.settings import SettingsError, validate

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n", encoding="utf-8")
    for value, expected in (
        (["en", "fr"], "'fr' is not one of en, es"),
        ([], "no language given"),
        (["es", "es"], "es given more than once"),
    ):
        with pytest.raises(SettingsError, match=expected):
            validate({"clinic": {"languages": value}}, str(config))
    assert validate({"clinic": {"languages": ["es", "en"]}}, str(config)).clinic["languages"] == ["es", "en"]


def test_a_path_inside_the_project_is_shown_relative_to_it():
    assert shown(ROOT / "docs" / "x.md") == "docs/x.md"
    assert shown(Path("/elsewhere/x.md")) == "/elsewhere/x.md"


def test_the_command_line_evaluates_with_the_spanish_text_and_the_same_rules(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(complete_answers(danger_now="yes")), encoding="utf-8")

    def result(*lang):
        run = subprocess.run(
            [sys.executable, "-m", "quiz", "evaluate", str(answers), *lang],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(run.stdout)

    english, spanish = result(), result("--lang", "es")
    assert spanish["tier"] == english["tier"] == "urgent-help"
    assert spanish["reasons"][0]["text"] != english["reasons"][0]["text"]
    assert "peligro" in spanish["reasons"][0]["text"]


def test_the_spanish_crisis_help_says_when_no_line_of_the_region_answers_in_spanish():
    from quiz.render import render_crisis
    from sitekit.site import crisis_help
    from sitekit.strings import site_strings

    spanish = site_strings("es")
    uk, us = (render_crisis(crisis_help(code, "es"), spanish) for code in ("UK", "US"))
    assert "No sabemos de ninguna línea de crisis en el Reino Unido que atienda en español." in uk
    assert "atienda en español" not in us and "oprima 2" in us
    assert "sms:988?&amp;body=AYUDA" in us
    assert "answer in this language" not in render_crisis(crisis_help("UK"), site_strings("en"))


def test_the_spanish_banner_and_buttons_say_how_to_reach_the_988_line_in_spanish():
    from jinja2 import Environment, FileSystemLoader

    from quiz.render import render_crisis
    from sitekit.site import crisis_help
    from sitekit.strings import fill, site_strings

    us = crisis_help("US", "es")
    environment = Environment(loader=FileSystemLoader(str(ROOT / "overrides")))  # as MkDocs: no autoescape
    environment.filters["fill"] = fill
    environment.filters["url"] = lambda path: path
    banner = environment.get_template("partials/crisis-banner.html").render(kit={"crisis": us, "t": site_strings("es")})
    assert "(oprima 2 para español)" in banner
    assert 'href="sms:988?&amp;body=AYUDA"' in banner and "o envíe AYUDA por mensaje de texto al" in banner
    assert "(oprima 2 para español)" in render_crisis(us, site_strings("es"))
    english = environment.get_template("partials/crisis-banner.html").render(
        kit={"crisis": crisis_help("US"), "t": site_strings("en")}
    )
    assert "oprima" not in english and 'href="sms:988"' in english


def test_the_crisis_page_writes_its_checked_date_out_in_each_language():
    from quiz.render import render_crisis
    from sitekit.site import crisis_help
    from sitekit.strings import site_strings

    assert "last checked on 1 December 2026." in render_crisis(crisis_help("US"), site_strings("en"))
    assert "por última vez el 1 de diciembre de 2026." in render_crisis(crisis_help("US", "es"), site_strings("es"))


def test_the_sitemaps_list_each_page_in_both_languages(tmp_path):
    from devkit.sites import build_site, write_site_config

    site = build_site(write_site_config(tmp_path, languages=("en", "es"), site_url="https://clinic.example/kit/"))
    for sitemap in (site / "sitemap.xml", site / "es" / "sitemap.xml"):
        text = sitemap.read_text(encoding="utf-8")
        assert '<xhtml:link rel="alternate" hreflang="en" href="https://clinic.example/kit/conditions/ocd/"/>' in text
        assert (
            '<xhtml:link rel="alternate" hreflang="es" href="https://clinic.example/kit/es/conditions/ocd/"/>' in text
        )
    page = (site / "es" / "conditions" / "ocd" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://clinic.example/kit/es/conditions/ocd/">' in page
    assert '<html lang="es"' in page
    assert 'hreflang="en" lang="en" aria-label="Read this page in English">English</a>' in page


def test_a_crisis_translation_with_a_wrong_services_list_or_an_unknown_region_gets_a_message(tmp_path, monkeypatch):
    from sitekit import regions

    text = yaml.safe_load((languages.folder("es") / "crisis-help.yml").read_text(encoding="utf-8"))
    text["US"]["spanish"] = "988"
    text["XX"] = {"name": "Ninguna parte"}
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "crisis-help.yml").write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(languages, "TRANSLATIONS", tmp_path)
    with pytest.raises(translations.TranslationError) as caught:
        translations.translated_data("crisis-help.yml", regions.regions(), "es")
    message = str(caught.value)
    assert "US.spanish: expected a list of lines" in message and "XX: not in the English" in message


def test_a_data_translation_is_merged_again_only_when_its_file_or_the_english_changes(tmp_path, monkeypatch):
    from sitekit import regions

    (tmp_path / "es").mkdir()
    shutil.copyfile(languages.folder("es") / "crisis-help.yml", tmp_path / "es" / "crisis-help.yml")
    monkeypatch.setattr(languages, "TRANSLATIONS", tmp_path)
    monkeypatch.setattr(translations, "_read", {})  # without what earlier tests merged
    merges = []
    real = translations._translate
    monkeypatch.setattr(translations, "_translate", lambda *args: merges.append(args[0]) or real(*args))
    first = translations.translated_data("crisis-help.yml", regions.regions(), "es")
    # A rebuild reads the English afresh: an equal copy is no reason to merge again.
    assert translations.translated_data("crisis-help.yml", copy.deepcopy(regions.regions()), "es") == first
    assert merges == ["crisis-help.yml"]
    changed = copy.deepcopy(regions.regions())
    changed["US"]["emergency"] = "000"
    assert translations.translated_data("crisis-help.yml", changed, "es")["US"]["emergency"] == "000"
    path = tmp_path / "es" / "crisis-help.yml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    translations.translated_data("crisis-help.yml", changed, "es")
    assert len(merges) == 3
    # One merge kept per file, however many times the English changed.
    assert list(translations._read) == [str(path)]


def test_each_other_edition_is_built_with_this_builds_own_choices(tmp_path):
    """The other edition's build takes this build's strictness and directory URLs, whether they came
    from the file or from the command line (mkdocs build --no-strict, --no-directory-urls)."""
    import importlib.util

    from mkdocs.config import load_config

    spec = importlib.util.spec_from_file_location("languages_hook", ROOT / "hooks" / "languages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: A site\nstrict: true\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    command = hook.edition_command(config, "es")
    assert command[-4:] == ["--site-dir", str(tmp_path / "site" / "es"), "--strict", "--use-directory-urls"]
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"), strict=False, use_directory_urls=False)
    assert hook.edition_command(config, "es")[-2:] == ["--no-strict", "--no-directory-urls"]
