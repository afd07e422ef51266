"""The content checks on Spanish pages (language "es"): Spanish syllables and the Szigriszt-Pazos
index with its limits (55 a page, a median of 65), Spanish abbreviations in sentences, the Spanish
phrasings of the forbidden claims and of region-only text, and a translated page's source with the
English front matter (merged_source) as the build and `python -m content_checks --lang es` read it."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils.meta import get_data

from content_checks import frontmatter, languages, prose, readability, readability_es
from content_checks.pages import check_page, check_site, load_region_texts, merged_source
from sitekit import regions
from tests.content_site import CLAIMS, HOOK, PLAIN, REFERENCES, ROOT, TODAY, page

REGION_TEXTS, _ = load_region_texts(ROOT / "data", set(regions.regions()))
SPANISH_DOCS = ROOT / "translations" / "es" / "docs"

CLARO = (
    "Esta página es corta. Usa palabras simples. Usted la puede leer con calma. Las frases son breves y "
    "claras. Casi todas las personas la pueden leer en el teléfono. Dice una sola cosa a la vez.\n"
)
MEDIO = (  # between 55 and 65: a page passes, but three such pages fail the median
    "La mayoría de las personas que comienzan este tratamiento necesitan varias visitas semanales al principio. "
    "El personal de la clínica medirá con cuidado su presión arterial y su respiración durante cada consulta. "
    "Recuerde traer a alguien que pueda llevarlo a casa después de la sesión.\n"
)
DIFICIL = (
    "La administración intranasal de esketamina, antagonista del receptor N-metil-D-aspartato, demostró mejoras "
    "estadísticamente significativas en las puntuaciones de la escala de depresión de Montgomery-Asberg en "
    "comparación con el placebo, no obstante la considerable heterogeneidad metodológica de los ensayos "
    "clínicos aleatorizados.\n"
)


def spanish(text: str, **meta) -> str:
    return page(text, **meta)


# --- syllables and the index --------------------------------------------------------------------

SYLLABLES = {
    "ketamina": 4,
    "esketamina": 5,
    "tratamiento": 4,
    "día": 2,  # í breaks the diphthong (hiato)
    "cuidado": 3,  # ui: two weak vowels, one syllable
    "aéreo": 4,  # two strong vowels are two syllables
    "guerra": 2,  # the u of "gue" is silent
    "pingüino": 3,  # the ü of "güi" is sounded, and joins the i
    "Uruguay": 3,  # y at the end is a vowel: "guay" is one syllable
    "buey": 1,  # a triphthong
    "y": 1,
    "hoy": 1,
    "ayuda": 3,  # y before a vowel is a consonant
    "reyes": 2,
    "quiero": 2,
    "reúne": 3,
    "leer": 2,
    "país": 2,
    "adiós": 2,
    "ciudad": 2,
    "antidepresivos": 6,
    "anestésico": 5,
    "averigüéis": 4,
}


@pytest.mark.parametrize(("word", "count"), SYLLABLES.items())
def test_spanish_syllables_follow_spanish_syllabification(word, count):
    assert readability_es.syllables_in(word) == count


def test_numbers_abbreviations_and_hyphens_in_spanish_terms():
    assert readability_es.syllables_in("2") == 1  # dos
    assert readability_es.syllables_in("4") == 2  # cua-tro
    assert readability_es.syllables_in("2019") == 2  # a longer number: 2, as in English
    assert readability_es.syllables_in("3.6") == 2
    assert readability_es.syllables_in("FDA") == 4  # unpronounceable: e-fe, de, a
    assert readability_es.syllables_in("TCC") == 3  # no vowel: te, ce, ce
    assert readability_es.syllables_in("ADN") == 4  # ends with two consonants: a, de, e-ne
    assert readability_es.syllables_in("TEPT") == 4
    assert readability_es.syllables_in("SIDA") == 2  # pronounceable: read as a word
    assert readability_es.syllables_in("TOC") == 1
    assert readability_es.syllables_in("off-label") == 3  # each part
    assert readability_es.syllables_in("TRANSFORM-2") == 3  # a long capitalised word is a word; "2": dos


def test_the_szigriszt_pazos_formula_on_known_passages():
    # La(1) ke-ta-mi-na(4) es(1) un(1) a-nes-té-si-co(5). Se(1) u-sa(2) en(1) hos-pi-ta-les(4)
    # des-de(2) ha-ce(2) mu-chos(2) a-ños(2): 28 syllables, 13 words, 2 sentences.
    measured = readability.measure(
        prose.blocks("La ketamina es un anestésico. Se usa en hospitales desde hace muchos años.\n"), "es"
    )
    assert (measured.words, measured.sentences, measured.syllables) == (13, 2, 28)
    assert measured.score == round(206.835 - 62.3 * 28 / 13 - 13 / 2, 1) == 66.2
    assert measured.grade is None  # the Flesch-Kincaid grade is for English pages
    # El(1) dí-a(2) de(1) la(1) gue-rra(2), el(1) pin-güi-no(3) cui-dó(2) a(1) su(1) tí-a(2) en(1) U-ru-guay(3)
    measured = readability.measure(prose.blocks("El día de la guerra, el pingüino cuidó a su tía en Uruguay.\n"), "es")
    assert (measured.words, measured.sentences, measured.syllables) == (13, 1, 21)
    assert measured.score == 93.2


def test_the_english_measure_is_unchanged_by_the_language_argument():
    found = prose.blocks("The cat sat on the mat.\n")
    assert readability.measure(found) == readability.measure(found, "en")
    assert readability.measure(found).grade == round(0.39 * 6 + 11.8 * 1 - 15.59, 1)
    assert readability.rule("en").bound(readability.rule("en").page_limit) == "8 or lower"
    assert readability.rule("es").bound(readability.rule("es").page_limit) == "55 or higher"


def test_spanish_words_keep_their_accents_and_sentences_their_abbreviations():
    found = prose.blocks(
        "En EE. UU., la FDA la aprobó en 2019. Se usa, p. ej., con una pastilla. Se da en EE. UU. Otra frase.\n"
    )
    assert [sentence.text for sentence in prose.sentences(found, "es")] == [
        "En EE. UU., la FDA la aprobó en 2019.",
        "Se usa, p. ej., con una pastilla.",
        "Se da en EE. UU.",
        "Otra frase.",
    ]
    measured = readability.measure(found, "es")
    assert (measured.words, measured.sentences) == (23, 4)  # "aprobó" is one word; "p. ej." two


def test_a_spanish_page_below_55_fails_naming_its_index():
    result = check_page("dificil.md", spanish(DIFICIL), REFERENCES, CLAIMS, TODAY, language="es")
    [problem] = [problem for problem in result.errors if "too hard" in problem.problem]
    assert problem.expected == "Szigriszt-Pazos perspicuity (INFLESZ) 55 or higher"
    assert problem.found.startswith("INFLESZ ")
    assert "Longest sentences:" in problem.fix and "line 8: La administración intranasal" in problem.fix
    easy = check_page("claro.md", spanish(CLARO), REFERENCES, CLAIMS, TODAY, language="es")
    assert easy.readability.score >= 65 and not easy.errors


def test_spanish_pages_whose_median_is_below_65_fail_together():
    medio = check_page("medio.md", spanish(MEDIO), REFERENCES, CLAIMS, TODAY, language="es")
    assert 55 <= medio.readability.score < 65 and not medio.errors
    site = check_site({f"p-{n}.md": spanish(MEDIO) for n in range(3)}, REFERENCES, CLAIMS, TODAY, language="es")
    [problem] = site.errors
    assert problem.problem == "the pages are too hard to read on the whole"
    assert problem.expected == "a median Szigriszt-Pazos perspicuity (INFLESZ) of 65 or higher over 3 pages"
    fine = check_site(
        {"a.md": spanish(MEDIO), "b.md": spanish(CLARO), "c.md": spanish(CLARO)},
        REFERENCES,
        CLAIMS,
        TODAY,
        language="es",
    )
    assert not fine.errors and fine.median_grade >= 65


def test_every_spanish_page_reads_at_55_or_more_and_the_median_at_65():
    pages = {
        path.relative_to(SPANISH_DOCS).as_posix(): merged_source(
            (ROOT / "docs" / path.relative_to(SPANISH_DOCS)).read_text(encoding="utf-8"),
            path.read_text(encoding="utf-8"),
        )
        for path in sorted(SPANISH_DOCS.rglob("*.md"))
        if (ROOT / "docs" / path.relative_to(SPANISH_DOCS)).is_file()
    }
    if not pages:
        pytest.skip("no Spanish pages yet")
    site = check_site(pages, REFERENCES, CLAIMS, TODAY, region_texts=REGION_TEXTS, language="es")
    hard = {name: result.readability.score for name, result in site.pages.items() if not result.readability.passes}
    assert not hard, hard
    assert site.median_grade is None or site.median_grade >= readability.MIN_MEDIAN_PERSPICUITY


def test_the_site_language_names_the_rules():
    assert languages.code(None) == "en" and languages.code("es") == "es" and languages.code("es-419") == "es"
    assert languages.code("en_GB") == "en"
    with pytest.raises(languages.UnknownLanguage, match="not 'fr'"):
        languages.code("fr")
    assert languages.fold("Adicción, pingüino, AÑO") == "Adiccion, pinguino, AÑO"


# --- forbidden claims ---------------------------------------------------------------------------

SPANISH_CLAIMS = [  # the brief's list, the Spanish of each English entry, and variants
    ("La ketamina es un tratamiento no adictivo.", "non-addictive"),
    ("La esketamina no es adictiva.", "non-addictive"),
    ("Este medicamento no es adictivo.", "non-addictive"),
    ("Este tratamiento no crea adicción.", "non-addictive"),
    ("No crea adiccion.", "non-addictive"),  # without the accent
    ("NO CREA ADICCIÓN.", "non-addictive"),
    ("No hay riesgo de adicción.", "non-addictive"),
    ("Usted no puede volverse adicto a ella.", "non-addictive"),
    ("No tiene potencial de abuso.", "no-abuse-potential"),
    ("No se puede abusar de la esketamina.", "no-abuse-potential"),
    ("Es un tratamiento sin efectos secundarios.", "no-side-effects"),
    ("No tiene efectos secundarios.", "no-side-effects"),
    ("Tiene efectos secundarios mínimos.", "minimal-side-effects"),
    ("Tiene pocos efectos secundarios.", "minimal-side-effects"),
    ("Es un tratamiento sin riesgos.", "completely-safe"),
    ("Es 100 % seguro.", "completely-safe"),
    ("Es 100% seguro.", "completely-safe"),
    ("Es seguro al 100 %.", "completely-safe"),
    ("La ketamina es completamente segura.", "completely-safe"),
    ("Es segura para todos.", "completely-safe"),
    ("La ketamina cura la depresión.", "cures-depression"),
    ("Puede curar la depresión.", "cures-depression"),
    ("Es una cura para la ansiedad.", "cures-depression"),
    ("Los resultados son permanentes.", "permanent-results"),
    ("Ofrece alivio permanente.", "permanent-results"),
    ("Funciona para todos.", "works-for-everyone"),
    ("Ayuda a todo el mundo.", "works-for-everyone"),
    ("Tiene una tasa de éxito del 90 %.", "high-success-rate"),
    ("Entre el 70 y 90 % de éxito.", "high-success-rate"),
    ("Tiene un 80 % de éxito.", "high-success-rate"),
    ("Detiene los pensamientos suicidas.", "stops-suicidal-thoughts"),
    ("Reduce los pensamientos suicidas en horas.", "stops-suicidal-thoughts"),
    ("La esketamina previene el suicidio.", "prevents-suicide"),
    ("Reduce el riesgo de suicidio.", "prevents-suicide"),
    ("La ketamina en casa es tan segura como en una clínica.", "home-as-safe"),
    ("La ketamina oral es segura.", "home-as-safe"),
    ("Está comprobada para el TEPT.", "proven-for-ptsd"),
    ("Un tratamiento probado para el TOC.", "proven-for-ocd-anxiety"),
    ("Está aprobada para la depresión bipolar.", "proven-for-bipolar"),
    ("Está comprobada para la adicción al alcohol.", "proven-for-addiction"),
    ("Un tratamiento probado para la fibromialgia.", "proven-for-pain"),
    ("La ketamina reconecta el cerebro.", "heals-brain"),
    ("La ketamina «sana» el cerebro.", "heals-brain"),
    ("Hace crecer nuevas neuronas.", "heals-brain"),
    ("La esketamina está aprobada para adolescentes.", "approved-for-teens"),
    ("Los adolescentes pueden recibir esketamina.", "approved-for-teens"),
    ("Después puede manejar a casa.", "drive-yourself-home"),
    ("Usted puede conducir después de la sesión.", "drive-yourself-home"),
    ("Usted califica para el tratamiento.", "you-qualify"),
    ("Si tiene depresión, califica para la esketamina.", "you-qualify"),
    ("Usted cumple los requisitos para el tratamiento.", "you-qualify"),
    ("Usted es candidato.", "you-qualify"),
    ("Usted es un buen candidato.", "you-qualify"),
    ("El sitio cumple con HIPAA.", "hipaa-compliant"),
    ("Nunca compartimos sus datos.", "never-share-data"),
    ("Su información está completamente segura.", "never-share-data"),
    ("La ketamina está aprobada por la FDA para la depresión.", "fda-approved-ketamine"),
    ("Ofrecemos ketamina aprobada por la FDA.", "fda-approved-ketamine"),
    ("El tratamiento con ketamina está aprobado.", "fda-approved-ketamine"),
]

SAFE_SPANISH = [  # honest sentences the Spanish pages need to write
    "La esketamina puede crear hábito.",
    "Puede causar adicción.",
    "Tiene efectos secundarios, como la disociación.",
    "Tiene algunos efectos secundarios comunes.",
    "Unos pocos efectos secundarios son graves.",
    "No se ha demostrado que prevenga el suicidio.",
    "No se ha demostrado que reduzca los pensamientos suicidas.",
    "Los estudios no muestran que funcione para todos.",
    "Ningún estudio muestra que cure la depresión.",
    "La ketamina solo está aprobada por la FDA como anestésico.",
    "La ketamina está aprobada por la FDA solo como anestésico.",
    "La esketamina está aprobada para adultos con depresión resistente al tratamiento.",
    "No está aprobada para niños.",
    "No maneje a casa después de una dosis.",
    "No debe manejar a casa.",
    "Puede manejar al día siguiente, después de dormir bien.",
    "Esta autoevaluación no puede decirle si califica para el tratamiento.",
    "No puede decirle si usted cumple los requisitos para el tratamiento.",
    "Quién podría ser candidato.",
    "Hable con un proveedor de atención médica sobre si podría ser candidato.",
    "La ketamina en casa no es tan segura como en una clínica.",
    "Se ha probado en el TEPT en dos estudios pequeños.",
    "Para el TEPT, no está comprobada.",
    "Llame a la Línea de Prevención del Suicidio y Crisis.",
    "Su seguro médico puede pagar una parte.",
    "Las guías califican la evidencia como débil.",
    "Los efectos no son permanentes.",
]


def spanish_sentence(text: str, language: str = "es") -> set[str]:
    return {claim.id for claim in CLAIMS if claim.matches(text, language)}


@pytest.mark.parametrize(("sentence", "claim_id"), SPANISH_CLAIMS)
def test_each_spanish_claim_is_caught(sentence, claim_id):
    assert claim_id in spanish_sentence(sentence)


@pytest.mark.parametrize("sentence", SAFE_SPANISH)
def test_honest_spanish_sentences_pass(sentence):
    assert spanish_sentence(sentence) == set()


def test_every_claim_has_its_spanish_phrasings():
    assert all(dict(claim.translated).get("es") for claim in CLAIMS)


def test_spanish_phrasings_apply_to_spanish_pages_only_and_english_ones_to_both():
    assert spanish_sentence("Es un tratamiento sin efectos secundarios.", "en") == set()
    assert spanish_sentence("It has no side effects.", "es") == {"no-side-effects"}


def test_a_spanish_claim_fails_the_page_with_its_line_and_the_words_as_written():
    body = CLARO + "\nLa ketamina no crea adicción.\n"
    result = check_page("es.md", spanish(body), REFERENCES, CLAIMS, TODAY, language="es")
    [problem] = result.errors
    assert problem.line == 10 and problem.problem.startswith("forbidden claim 'non-addictive'")
    assert '"no crea adicción" in the sentence "La ketamina no crea adicción."' in problem.found
    allowed = spanish(body, allow_claims=[{"claim": "non-addictive", "sentence": "La ketamina no crea adicción."}])
    assert not check_page("es.md", allowed, REFERENCES, CLAIMS, TODAY, language="es").errors


# --- region-only text ---------------------------------------------------------------------------

UK = {**regions.regions()["UK"], "region": "UK"}


@pytest.mark.parametrize(
    ("sentence", "text_id"),
    [
        ("Llame a la Línea de Prevención del Suicidio y Crisis.", "us-crisis-line"),
        ("Llame a la Linea de Prevencion del Suicidio y Crisis.", "us-crisis-line"),  # without accents
        ("Llame a la 988 Lifeline.", "us-crisis-line"),
        ("Llame al 911.", "us-emergency-number"),
        ("Está aprobada por la FDA.", "fda-approval"),
        ("Su seguro puede pedir una autorización previa.", "prior-authorization"),
        ("Es parte del programa de seguridad de la FDA.", "us-rems"),
    ],
)
def test_spanish_region_text_is_caught_with_the_english_entry_s_fix(sentence, text_id):
    body = CLARO + "\n" + sentence + "\n"
    result = check_page("es.md", spanish(body), REFERENCES, CLAIMS, TODAY, region=UK, region_texts=REGION_TEXTS)
    found = {problem.problem for problem in result.errors}
    entry = next(text for text in REGION_TEXTS if text.id == text_id)
    assert any(f"({entry.what})" in problem for problem in found), found
    assert any(problem.fix.startswith(entry.fix) for problem in result.errors)


# --- a translated page's source -----------------------------------------------------------------

ENGLISH_PAGE = """---
title: What it is
description: A page in English.
last_reviewed: 2026-11-22
sources: [spravato-label, anand-2023]
evidence:
  Esketamine nasal spray: strong
hide: [toc]
allow_claims:
  - claim: cures-depression
    sentence: No study shows that ketamine cures depression.
---

No study shows that ketamine cures depression.
"""

SPANISH_PAGE = """---
# translated
title: "Qué es: la ketamina"
description: >-
  Una página
  en español.
translates: abc123
---

Ningún estudio muestra que cure la depresión.

La ketamina no crea adicción.
"""


def test_merged_source_takes_the_translation_s_words_and_the_english_keys():
    merged = merged_source(ENGLISH_PAGE, SPANISH_PAGE)
    fm = frontmatter.split("es.md", merged)
    assert not fm.problems
    assert fm.meta == {
        "title": "Qué es: la ketamina",
        "description": "Una página en español.",
        "translates": "abc123",
        "last_reviewed": dt.date(2026, 11, 22),
        "sources": ["spravato-label", "anand-2023"],
        "evidence": {"Esketamine nasal spray": "strong"},
        "hide": ["toc"],
    }  # the English allowance quotes an English sentence: it is not the translation's
    assert get_data(merged)[1] == fm.meta  # MkDocs reads the same front matter
    # every line where it is in the translation: the body, the title and the description
    assert merged.splitlines()[fm.body_start - 1 :] == SPANISH_PAGE.splitlines()[fm.body_start - 1 :]
    assert fm.body_start == frontmatter.split("es.md", SPANISH_PAGE).body_start == 9
    assert (fm.key_lines["title"], fm.key_lines["description"]) == (3, 4)
    result = check_page("es.md", merged, REFERENCES, CLAIMS, dt.date(2026, 12, 1), language="es")
    assert [(problem.line, problem.problem.split(" (")[0]) for problem in result.errors] == [
        (12, "forbidden claim 'non-addictive'")
    ]


def test_merged_source_keeps_the_translation_s_own_allowances():
    text = SPANISH_PAGE.replace(
        "translates: abc123\n",
        "allow_claims:\n  - claim: non-addictive\n    sentence: La ketamina no crea adicción.\n",
    )
    merged = merged_source(ENGLISH_PAGE, text)
    assert frontmatter.split("es.md", merged).meta["allow_claims"] == [
        {"claim": "non-addictive", "sentence": "La ketamina no crea adicción."}
    ]
    assert not check_page("es.md", merged, REFERENCES, CLAIMS, dt.date(2026, 12, 1), language="es").errors


def test_merged_source_with_front_matter_that_cannot_be_read():
    assert merged_source(ENGLISH_PAGE, "Sin front matter.\n") == "Sin front matter.\n"
    merged = merged_source("no front matter", SPANISH_PAGE)
    assert frontmatter.split("es.md", merged).meta == {
        "title": "Qué es: la ketamina",
        "description": "Una página en español.",
        "translates": "abc123",
    }


# --- the CLI and the build ----------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "content_checks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_cli_checks_spanish_pages_with_the_english_front_matter_and_prints_each_index(tmp_path):
    english, translated = tmp_path / "docs", tmp_path / "es"
    for folder in (english, translated):
        folder.mkdir()
    (english / "index.md").write_text(page(CLARO), encoding="utf-8")
    (english / "about.md").write_text(page(CLARO), encoding="utf-8")
    for name, title in (("index.md", "Inicio"), ("about.md", "Acerca")):
        (translated / name).write_text(
            f"---\ntitle: {title}\ndescription: Una página.\n---\n\n" + CLARO, encoding="utf-8"
        )
    done = run_cli("--lang", "es", "--docs", str(translated), "--english-docs", str(english))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["INFLESZ", "words", "sentences", "page"]
    assert lines[1].endswith("  about.md") and lines[2].endswith("  index.md")
    assert lines[-1].startswith("median INFLESZ ") and "(limit 65; each page 55 or higher)" in lines[-1]

    (translated / "extra.md").write_text("---\ntitle: Otra\ndescription: Sin par.\n---\n\n" + CLARO, encoding="utf-8")
    (translated / "index.md").write_text(
        "---\ntitle: Inicio\ndescription: Una.\n---\n\nNo crea adicción.\n", encoding="utf-8"
    )
    done = run_cli("--lang", "es", "--docs", str(translated), "--english-docs", str(english))
    assert done.returncode == 1
    assert "extra.md: a translated page has no English page" in done.stderr
    # named by the translation's own file, whose lines the message gives
    assert f"{translated.resolve().as_posix()}/index.md:6: forbidden claim 'non-addictive'" in done.stderr


def test_a_spanish_build_holds_its_pages_to_the_spanish_rules(tmp_path, caplog):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(spanish(CLARO + "\nEs un tratamiento sin efectos secundarios.\n"), encoding="utf-8")
    (docs / "dificil.md").write_text(spanish(DIFICIL), encoding="utf-8")
    config = {
        "site_name": "Prueba",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "mkdocs", "language": "es"},
        "hooks": [str(HOOK)],
        "markdown_extensions": ["admonition", "attr_list", "def_list", "tables", "toc"],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))
    assert "index.md:10: forbidden claim 'no-side-effects'" in caplog.text
    assert "dificil.md: the page is too hard to read" in caplog.text
    assert "expected: Szigriszt-Pazos perspicuity (INFLESZ) 55 or higher" in caplog.text


def test_a_problem_in_a_translated_edition_names_the_file_that_holds_it(tmp_path, monkeypatch, caplog):
    """In the Spanish edition (built from the English pages, each given its translation's text by the
    languages hook), a problem in a page's words names the translation's file, at its own line: the
    file to edit. One in a key the translation takes from the English page names the English page."""
    from sitekit import languages as editions

    spanish_folder = tmp_path / "translations" / "es"
    shutil.copytree(ROOT / "translations" / "es", spanish_folder, ignore=shutil.ignore_patterns("docs"))
    (spanish_folder / "docs" / "conditions").mkdir(parents=True)
    (spanish_folder / "docs" / "index.md").write_text(
        "---\ntitle: Inicio\ndescription: Una página.\n---\n\n" + CLARO + "\nEs sin efectos secundarios.\n",
        encoding="utf-8",
    )
    (spanish_folder / "docs" / "conditions" / "ocd.md").write_text(
        "---\ntitle: TOC\ndescription: Una página.\n---\n\n" + CLARO, encoding="utf-8"
    )
    # a use named in the translation's own words, too long: its evidence is the translation's
    (spanish_folder / "docs" / "conditions" / "ptsd.md").write_text(
        f"---\ntitle: TEPT\ndescription: Una página.\nevidence: {{{'Un uso ' * 15}: limited}}\n---\n\n" + CLARO,
        encoding="utf-8",
    )
    # no title: a translated page's title is its own, never the English page's
    untitled = "---\ndescription: Una página.\n---\n\n" + CLARO
    (spanish_folder / "docs" / "about.md").write_text(untitled, encoding="utf-8")
    monkeypatch.setattr(editions, "TRANSLATIONS", tmp_path / "translations")
    monkeypatch.setenv(editions.EDITION, "es")
    docs = tmp_path / "docs"
    (docs / "conditions").mkdir(parents=True)
    long_ago = TODAY.replace(year=TODAY.year - 2).isoformat()
    (docs / "index.md").write_text(page(PLAIN, title="Home", last_reviewed=long_ago), encoding="utf-8")
    (docs / "conditions" / "ocd.md").write_text(page(PLAIN, title="OCD"), encoding="utf-8")  # no evidence
    (docs / "about.md").write_text(page(PLAIN, title="About"), encoding="utf-8")
    ptsd = page(PLAIN, title="PTSD", evidence={"A use": "limited"})
    (docs / "conditions" / "ptsd.md").write_text(ptsd, encoding="utf-8")
    config = {
        "site_name": "Test",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "mkdocs", "palette": []},
        "hooks": [str(ROOT / "hooks" / "languages.py"), str(HOOK)],
        "nav": [{"Home": "index.md"}, {"OCD": "conditions/ocd.md"}, {"PTSD": "conditions/ptsd.md"}],
        "extra": {"clinic": {"es": {"site_name": "Prueba"}}},
        "markdown_extensions": ["admonition", "attr_list", "def_list", "tables", "toc"],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        build(load_config(str(tmp_path / "mkdocs.yml")))
    # the claim, in the translation's text, at its line there (front matter 1-4, CLARO 6, the claim 8)
    assert f"{tmp_path.as_posix()}/translations/es/docs/index.md:8: forbidden claim 'no-side-effects'" in caplog.text
    # the review date and the evidence, which the English page gives, and still checked on the translation
    assert re.search(r"(?<![\w/])index\.md: the page is due for review", caplog.text)
    assert re.search(r"(?<![\w/])conditions/ocd\.md: a condition page lacks 'evidence'", caplog.text)
    assert not re.search(r"(?<![\w/])index\.md:8:", caplog.text)
    translated = f"{tmp_path.as_posix()}/translations/es/docs"
    assert f"{translated}/conditions/ptsd.md:4: 'evidence' is not on the scale" in caplog.text
    assert f"{translated}/about.md:1: front matter lacks 'title'" in caplog.text
