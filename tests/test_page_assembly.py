"""What the build adds around pages, without a build: the self-check's files and tags (quiz/site.py)
and the lists the content markers stand for (content_checks/render.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content_checks import render
from quiz import runtime, site
from quiz.bank import linked_pages, load_bank
from sitekit import project

BANK = load_bank()
FIRST_WHY = f"sc-q-{BANK['questions'][0]['id']}-why"
FORM = '<p>Intro</p>\n<div class="sc" data-sc-root data-runtime="pyodide/1/">\n<p id="{why}">Why</p></div>\n'


@pytest.fixture
def build(tmp_path) -> site.SelfCheckBuild:
    runtime_files = {}
    for name, size in (("pyodide.mjs", 10), ("pyodide.asm.wasm", 100)):
        (tmp_path / name).write_bytes(b"x" * size)
        runtime_files[name] = tmp_path / name
    return site.SelfCheckBuild(
        bank=BANK,
        bank_path=Path("/clinic/questions.yml"),
        runtime_dir="pyodide/1",
        runtime_files=runtime_files,
        stdlib_name="python_stdlib-abc.zip",
        stdlib_bytes=b"s" * 7,
        wheel_name="quiz_engine-0.1.0-py3-none-any.whl",
        wheel_bytes=b"w" * 5,
        lock_bytes=b"l" * 3,
        scripts={site.WEB / "selfcheck.js": b"bundled page", site.WEB / site.WORKER_MODULE: b"bundled worker"},
    )


def test_the_entry_points_are_the_page_script_and_the_worker():
    assert site.entry_points() == [site.WEB / "selfcheck.js", site.WEB / site.WORKER_MODULE]
    assert all(path.is_file() for path in site.entry_points())


def test_every_web_file_and_engine_file_is_shipped_where_the_page_looks(build):
    shipped = dict(build.files())
    assert shipped[site.SCRIPT] == b"bundled page"
    assert shipped[f"{site.ASSETS}/{site.WORKER_MODULE}"] == b"bundled worker"
    for path in site.web_assets():
        where = f"{site.ASSETS}/{path.relative_to(site.WEB).as_posix()}"
        if path.suffix in (".js", ".mjs"):
            assert where in (site.SCRIPT, f"{site.ASSETS}/{site.WORKER_MODULE}") or where not in shipped, where
        else:
            assert shipped[where] == path
    assert shipped["pyodide/1/pyodide.asm.wasm"] == build.runtime_files["pyodide.asm.wasm"]
    assert shipped["pyodide/1/python_stdlib-abc.zip"] == build.stdlib_bytes
    assert shipped[f"{site.ENGINE_DIR}/quiz_engine-0.1.0-py3-none-any.whl"] == build.wheel_bytes
    assert shipped[site.ENGINE_LOCK] == build.lock_bytes
    assert len(shipped) == len(build.files()), "no path is written twice"
    assert f"{site.ASSETS}/selfcheck.js" == site.SCRIPT and site.SCRIPT in shipped
    assert site.STYLESHEET in shipped


def test_the_shipped_scripts_are_bundled_and_minified():
    scripts = site.bundled_scripts(project.NODE_MODULES)
    assert set(scripts) == set(site.entry_points())
    modules = [path for path in site.web_assets() if path.suffix == ".mjs" and path.name != site.WORKER_MODULE]
    page = scripts[site.WEB / "selfcheck.js"].decode()
    # Every module's code is inside the one file: no import of a neighbour is left to fetch, and the
    # page's wording keys each module uses are there (names survive minifying; comments do not).
    assert not re.search(r"""\bfrom\s*["']\./""", page) and "import(" not in page
    assert len(page) < sum(len(path.read_text(encoding="utf-8")) for path in [site.WEB / "selfcheck.js", *modules])
    for key in ("summary_from", "wanted_percent", "progress", "change_hidden", "crisis_alert"):
        assert f'"{key}"' in page, key
    assert "./worker.mjs" in page, "the worker's address is left for the browser to resolve"
    worker = scripts[site.WEB / site.WORKER_MODULE].decode()
    assert "pyodide.mjs" in worker and len(worker) < len((site.WEB / site.WORKER_MODULE).read_text(encoding="utf-8"))


def test_the_engine_bytes_are_what_the_worker_downloads(build):
    assert build.engine_bytes == 10 + 100 + 7 + 5 + 3


def test_the_markdown_options_name_the_shipped_runtime_and_lock(build):
    options = build.markdown_options(
        references={"a": {}}, crisis={"region": "UK"}, clinic={"name": "C"}, offers=[{"id": "x"}]
    )
    assert options["runtime"] == "pyodide/1/" and options["stdlib"] == "pyodide/1/python_stdlib-abc.zip"
    assert options["engine_lock"] in dict(build.files())
    assert options["engine_package"] == runtime.ENGINE_DISTRIBUTION
    assert options["bank"] is BANK and options["crisis"] == {"region": "UK"} and options["offers"] == [{"id": "x"}]


def test_a_bank_link_to_a_missing_page_names_the_bank_the_page_and_the_fix(build):
    pages = linked_pages(BANK)
    assert pages, "the default bank links to pages"
    assert build.missing_page(lambda page: True, "/docs") is None
    problem = build.missing_page(lambda page: page != pages[-1], "/docs")
    assert problem == (
        f"/clinic/questions.yml: the question bank links to {pages[-1]!r}, which is not a page "
        "in /docs; add the page or fix the link"
    )


def test_only_the_self_checks_page_gets_the_script_and_the_engine_size(build):
    plain = "<p>No self-check here</p>"
    assert build.with_script(plain, lambda path: "../" + path) == plain
    html = build.with_script(FORM.format(why=FIRST_WHY), lambda path: "../" + path)
    assert html.count("data-sc-bytes") == 1
    assert f'<div class="sc" data-sc-root data-sc-bytes="{build.engine_bytes}" data-runtime=' in html
    assert html.endswith(f'</div>\n\n<script type="module" async src="../{site.SCRIPT}"></script>\n')
    assert html.count("<script") == 1, "one file for the page script"


def test_the_first_paint_waits_for_the_first_questions_why_only_where_it_is(build):
    page = "<html><head><title>t</title></head><body>{}</body></html>"
    held = build.with_first_paint_hold(page.format(FORM.format(why=FIRST_WHY)))
    assert f'<link rel="expect" href="#{FIRST_WHY}" blocking="render">\n</head>' in held
    assert held.count('rel="expect"') == 1
    without_target = page.format(FORM.format(why="elsewhere"))
    assert build.with_first_paint_hold(without_target) == without_target
    plain = page.format(f'<p id="{FIRST_WHY}">no self-check</p>')
    assert build.with_first_paint_hold(plain) == plain


def test_the_marker_pages_are_found_by_their_markers():
    pages = {"a.md": "text", "b.md": f"x\n{render.EVIDENCE_SCALE_MARKER}\n", "c.md": render.ALL_REFERENCES_MARKER}
    assert render.marker_pages(pages) == render.MarkerPages(scale="b.md", references="c.md")
    assert render.marker_pages({"a.md": "text"}) == render.MarkerPages(None, None)


def test_the_overview_lists_pages_with_evidence_in_navigation_order_then_by_name():
    meta = {
        "index.md": {"title": "Home"},
        "z.md": {"title": "Z", "evidence": "strong"},
        "y.md": {"title": "Y", "evidence": "limited"},
        "b.md": {"title": "B", "evidence": "emerging"},
        "a.md": {"title": "A", "evidence": "moderate"},
    }
    rows = render.overview_rows(meta, ["index.md", "z.md", "y.md"])
    assert rows == [
        ("z.md", "Z", "strong"),
        ("y.md", "Y", "limited"),
        ("a.md", "A", "moderate"),
        ("b.md", "B", "emerging"),
    ]
