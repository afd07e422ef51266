"""Throw-away pages and sites for the content-check tests: a page with valid front matter, and a
site built with only the content hook."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from content_checks.pages import load_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HOOK = ROOT / "hooks" / "content.py"
TODAY = dt.date.today()
REFERENCES, CLAIMS, DATA_PROBLEMS = load_data(ROOT / "data")

PLAIN = "This page is short. It uses plain words. You can read it with ease.\n"


def page(body: str = PLAIN, **meta) -> str:
    """A page with valid front matter; keyword arguments replace keys (None removes one)."""
    front = {
        "title": "A test page",
        "description": "A page for a test.",
        "last_reviewed": TODAY.isoformat(),
        "sources": ["spravato-label"],
    }
    front.update(meta)
    front = {key: value for key, value in front.items() if value is not None}
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    return "---\n" + dumped + "---\n\n" + body


def build_site(
    tmp_path: Path,
    pages: dict[str, str],
    strict: bool = True,
    *,
    extensions: list | None = None,
    extra: dict | None = None,
) -> Path:
    """Build a throw-away site with only the content hook, as `mkdocs build` would: `extensions`
    replace its Markdown extensions and `extra` is its `extra:` settings."""
    docs = tmp_path / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = {
        "site_name": "Test",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "mkdocs"},
        "hooks": [str(HOOK)],
        "markdown_extensions": extensions or ["admonition", "attr_list", "def_list", "tables", "toc"],
    }
    if extra:
        config["extra"] = extra
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    build(load_config(str(path), strict=strict))
    return tmp_path / "site"


def failure(tmp_path: Path, caplog, pages: dict[str, str]) -> str:
    """Build, expect the build to fail, and return what it logged."""
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        build_site(tmp_path, pages)
    return caplog.text
