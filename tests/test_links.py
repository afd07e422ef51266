"""An offline link check of the built sites: every internal link and #anchor resolves."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest


class Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])


def parse(path: Path) -> Anchors:
    parser = Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    pages = {p: parse(p) for p in site.rglob("*.html")}
    problems = []
    for page, parsed in pages.items():
        base = "http://site/" + page.relative_to(site).as_posix()
        for href in parsed.links:
            url = urlsplit(urljoin(base, href))
            if url.scheme in ("mailto", "tel", "sms") or url.netloc != "site":
                continue
            target = site / unquote(url.path.lstrip("/"))
            if url.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site)}: {href} -> no such file")
                continue
            if url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(url.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {href} -> no #{url.fragment} there")
    return problems


@pytest.mark.parametrize("site", ["built_site", "example_site"])
def test_no_internal_link_or_anchor_is_broken(site, request):
    built = request.getfixturevalue(site)
    assert len(list(built.rglob("*.html"))) > 20
    assert broken_links(built) == []


def test_the_link_check_finds_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h1 id="top">A</h1><a href="../b/">b</a><a href="#nope">x</a>'
        '<a href="#top">ok</a><a href="https://example.org/">out</a>'
    )
    (tmp_path / "index.html").write_text('<a href="a/#top">a</a><a href="a/#missing">a</a>')
    assert sorted(broken_links(tmp_path)) == [
        "a/index.html: #nope -> no #nope there",
        "a/index.html: ../b/ -> no such file",
        "index.html: a/#missing -> no #missing there",
    ]
