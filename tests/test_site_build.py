"""The default site builds with `--strict`, carries the pinned runtime, and points at no other host."""

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quiz import runtime
from quiz.bank import load_bank
from sitekit.strings import site_strings

BANK = load_bank()


class Links(HTMLParser):
    """The URLs a page loads (scripts, stylesheets, images, icons, fonts), not the links it shows."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.loaded.append(attrs["href"])
        if tag in ("img", "source", "iframe", "embed", "audio", "video") and attrs.get("src"):
            self.loaded.append(attrs["src"])


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_runtime_in_the_site_is_the_pinned_one_with_a_trimmed_standard_library(built_site):
    pinned = runtime.manifest()
    folder = built_site / "pyodide" / pinned["version"]
    stdlib_name, stdlib = runtime.trimmed_stdlib(
        Path(runtime.MANIFEST).parent.parent / "node_modules" / "pyodide" / "python_stdlib.zip"
    )
    shipped = sorted(p.name for p in folder.iterdir() if p.suffix not in (".br", ".gz"))
    assert shipped == sorted([*(n for n in pinned["files"] if n != "python_stdlib.zip"), stdlib_name])
    for name, digest in pinned["files"].items():
        if name != "python_stdlib.zip":
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert (folder / stdlib_name).read_bytes() == stdlib
    assert len(stdlib) < 1_000_000, "the stock file is 2.5 MB"
    html = (built_site / "self-check" / "index.html").read_text(encoding="utf-8")
    assert f'data-stdlib="pyodide/{pinned["version"]}/{stdlib_name}"' in html


def test_the_engine_lock_names_the_shipped_wheel_and_its_hash(built_site):
    engine = built_site / "assets" / "selfcheck" / "engine"
    lock = json.loads((engine / "pyodide-lock.json").read_text())
    entry = lock["packages"]["quiz-engine"]
    wheel = engine / entry["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site):
    for page in pages(built_site):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.loaded:
            assert not re.match(r"^(https?:)?//", url), f"{page.relative_to(built_site)} loads {url}"
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            assert url.startswith(("data:", "#")) or not re.match(r"^(https?:)?//", url), f"{sheet} uses {url}"
        assert "@import" not in sheet.read_text(encoding="utf-8") or "//" not in sheet.read_text(encoding="utf-8")
    for script in [*built_site.rglob("*.js"), *built_site.glob("assets/selfcheck/*.mjs")]:
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"""(import|importScripts|fetch)\s*\(\s*["'](https?:)?//""", text), script


def test_every_page_has_crisis_help_and_the_not_medical_advice_notice_in_its_language(built_site):
    notice = {language: site_strings(language)["notice_general_title"] for language in ("en", "es")}
    assert notice["es"] == "Información general, no es consejo médico."
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        language = "es" if page.relative_to(built_site).parts[0] == "es" else "en"
        assert f'<html lang="{language}"' in html, page
        assert 'class="kit-crisis-banner"' in html and "tel:988" in html and "tel:911" in html, page
        assert notice[language] in html, page


def test_the_questions_are_plain_html_and_only_the_self_check_loads_its_script(built_site):
    html = (built_site / "self-check" / "index.html").read_text(encoding="utf-8")
    for question in BANK["questions"]:
        assert f'id="sc-q-{question["id"]}"' in html
        for option in question["options"]:
            assert f'id="sc-{question["id"]}-{option["id"]}"' in html
    assert '<script type="module" async src="../assets/selfcheck/selfcheck.js">' in html
    assert "<form" not in html.split('class="sc"')[1], "nothing in the self-check can be submitted"
    self_check_pages = {
        built_site / edition / page / "index.html"
        for edition in ("", "es")
        for page in ("self-check", "embed/self-check")
    }
    for page in pages(built_site):
        if page not in self_check_pages:
            text = page.read_text(encoding="utf-8")
            assert "selfcheck.js" not in text and "pyodide" not in text.lower(), page


def test_the_first_paint_of_a_self_check_page_waits_only_for_the_first_question(built_site):
    first = f"sc-q-{BANK['questions'][0]['id']}-why"
    expect = f'<link rel="expect" href="#{first}" blocking="render">'
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        if "data-sc-root" in html:
            head, body = html.split("</head>", 1)
            assert expect in head, page
            # The target follows every answer of the first question and comes before the second.
            first_question = re.search(r"<fieldset[^>]*data-question=.*?</fieldset>", body, re.S).group(0)
            target = first_question.index(f'id="{first}"')
            assert first_question.count("<input") >= 2, page
            assert first_question.rindex("<input") < target, "it waits for all the first question's answers"
            assert first_question.rindex("</label>") < target, "and for their labels"
        else:
            assert 'rel="expect"' not in html, page
    assert any("data-sc-root" in page.read_text(encoding="utf-8") for page in pages(built_site))


def test_the_how_it_works_page_shows_every_rule(built_site):
    html = (built_site / "self-check" / "how-it-works" / "index.html").read_text(encoding="utf-8")
    for question in BANK["questions"]:
        assert f'id="rule-{question["id"]}"' in html
        for option in question["options"]:
            if option["outcome"]:
                assert option["outcome"]["reason"].split(".")[0].replace("'", "&#39;") in html


def test_a_site_that_lists_its_own_markdown_extensions_still_gets_the_self_check(tmp_path):
    # Under INHERIT a clinic's markdown_extensions replace the default list; one that leaves out
    # the kit's own extensions still gets the questions and the crisis lines, not the markers as written.
    import yaml

    from devkit.sites import ROOT, build_site, write_site_config

    extensions = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    kit = {"quiz.markdown", "sitekit.regiontext", "sitekit.figures", "attr_list"}
    kept = [e for e in extensions if (e if isinstance(e, str) else next(iter(e))) not in kit]
    assert len(kept) == len(extensions) - len(kit), "the default configuration lists both"
    site = build_site(write_site_config(tmp_path, markdown_extensions=kept))
    html = (site / "self-check" / "index.html").read_text(encoding="utf-8")
    assert "[[ self-check" not in html and "data-sc-root" in html
    for question in BANK["questions"]:
        assert f'id="sc-q-{question["id"]}"' in html
    crisis = re.sub(r"<!--.*?-->", "", (site / "crisis-help" / "index.html").read_text(encoding="utf-8"), flags=re.S)
    assert "[[ crisis help ]]" not in crisis and "[[ region" not in crisis and 'href="tel:988"' in crisis
    risks = (site / "risks-and-side-effects" / "index.html").read_text(encoding="utf-8")
    assert "[[ icon-array" not in risks and 'class="kit-icon-array"' in risks
    assert "{ data-search-exclude }" not in risks and '<h2 data-search-exclude id="sources">' in risks


def test_search_finds_the_pages_not_the_lists_of_sources(built_site):
    # The references page and each page's Sources section would match almost any search and come
    # first; the search index, which every page loads, leaves them out.
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [where for where in locations if where.startswith("references/")]
    assert not [doc for doc in index["docs"] if doc["title"] == "Sources"]
    articles = [doc for doc in index["docs"] if not doc["location"].startswith("self-check/")]
    cited = [
        doc["location"] for doc in articles if "doi.org" in doc["text"] or "Prescribing Information" in doc["text"]
    ]
    assert not cited
    assert any(where.startswith("cost-and-insurance/") for where in locations)
    # The self-check's answers are not in the index either: a search for a question finds it by its title.
    # Answers that a later question's condition names ("Answer this only if you chose ...") stay
    # in that sentence; every other answer's label is left out.
    named = {o for q in BANK["questions"] if q.get("show_if") for o in q["show_if"]["any_of"]}
    labels = {
        option["label"]
        for question in BANK["questions"]
        for option in question["options"]
        if len(option["label"]) > 30 and option["id"] not in named
    }
    # (The rules page names some answers in its own sentences: "asked only if you chose ...".)
    indexed = " ".join(doc["text"] for doc in index["docs"] if doc["location"].split("#")[0] == "self-check/")
    assert labels and not [label for label in labels if label.replace("'", "&#x27;") in indexed or label in indexed]


def test_the_site_ships_a_brotli_and_a_gzip_copy_beside_each_text_file(built_site):
    """What nginx's gzip_static and brotli_static send (sitekit/precompress.py): every compressible file
    has its copies where they are smaller, each decoding to the file; files compressed already have none."""
    import gzip

    import brotli

    from sitekit.precompress import compressible

    checked = 0
    for path in sorted(built_site.rglob("*")):
        if not path.is_file() or path.suffix in (".br", ".gz"):
            continue
        copies = {suffix: path.with_name(path.name + suffix) for suffix in (".br", ".gz")}
        if not compressible(path):
            assert not any(copy.exists() for copy in copies.values()), path
            continue
        data = path.read_bytes()
        for suffix, decode in ((".br", brotli.decompress), (".gz", gzip.decompress)):
            if copies[suffix].exists():
                assert decode(copies[suffix].read_bytes()) == data, copies[suffix]
            else:
                assert len(data) < 200, f"{path} has no {suffix} copy"
        checked += 1
    wasm = next(built_site.glob("pyodide/*/pyodide.asm.wasm"))
    assert wasm.with_name(wasm.name + ".br").stat().st_size < 0.3 * wasm.stat().st_size
    assert checked > 60


def test_each_edition_has_its_own_search_index_in_its_language(built_site):
    english = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    spanish = json.loads((built_site / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and spanish["config"]["lang"] == ["es"]
    english_titles = {doc["title"] for doc in english["docs"]}
    spanish_titles = {doc["title"] for doc in spanish["docs"]}
    assert "Risks and side effects" in english_titles and "Riesgos y efectos secundarios" not in english_titles
    assert "Riesgos y efectos secundarios" in spanish_titles and "Risks and side effects" not in spanish_titles
    # The other edition's hand-over of its script hashes is not left in the site.
    assert not list(built_site.rglob(".kit-edition-scripts.json"))


def test_the_theme_rule_that_restyled_every_page_twice_at_load_is_not_shipped(built_site):
    """Material's `[data-md-color-switching] *` rule (sitekit/theme.py) is blanked in both editions'
    palette stylesheets, which keep the theme's file's length, so their source maps stay right."""
    import material

    from sitekit.theme import SWITCHING_RULE

    sheets = sorted(built_site.glob("**/assets/stylesheets/palette.*.min.css"))
    assert len(sheets) == 2, sheets  # English and Spanish
    theme_sheet = Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / sheets[0].name
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        assert "data-md-color-switching" not in text and " " * len(SWITCHING_RULE) in text, sheet
        assert "[data-md-color-scheme=slate]" in text, f"{sheet}: the rest of the palette is kept"
        assert sheet.stat().st_size == theme_sheet.stat().st_size, sheet


def test_a_palette_stylesheet_without_the_rule_is_named_as_an_error(tmp_path):
    """A theme whose stylesheet has changed, or that ships none, is named (hooks/site.py stops the
    build with it), not silently left as it is; a second pass over a stylesheet done already (a
    rebuild under mkdocs serve) changes nothing."""
    from sitekit.theme import SWITCHING_RULE, ThemeError, drop_palette_switching_rule

    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    sheet = sheets / "palette.abc.min.css"
    sheet.write_text(f"a{{color:red}}{SWITCHING_RULE}b{{color:blue}}", encoding="utf-8")
    assert drop_palette_switching_rule(tmp_path) == [sheet]
    assert sheet.read_text(encoding="utf-8") == "a{color:red}" + " " * len(SWITCHING_RULE) + "b{color:blue}"
    assert drop_palette_switching_rule(tmp_path) == []
    sheet.write_text("a{color:red}[data-md-color-switching] *{transition:none}", encoding="utf-8")
    with pytest.raises(ThemeError, match=r"palette\.abc\.min\.css: the theme's palette stylesheet no longer"):
        drop_palette_switching_rule(tmp_path)
    sheet.unlink()
    with pytest.raises(ThemeError, match=r"stylesheets: the theme shipped no palette"):
        drop_palette_switching_rule(tmp_path)
    assert drop_palette_switching_rule(tmp_path, palette=False) == []
