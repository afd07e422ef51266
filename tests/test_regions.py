"""Help by region: data/crisis-help.yml is checked with messages that name the region and key; the
region placeholders give each region's own numbers and routes; and a site never tells its readers
something that is right only in another region (data/region-only.yml)."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.exceptions import Abort

from content_checks import region_text
from content_checks.pages import check_page, check_site, load_data, load_region_texts
from devkit.sites import ROOT, build_site, write_site_config
from sitekit import regions, regulatory, site
from tests import content_site

DOCS = ROOT / "docs"
DATA = ROOT / "data"
HOOK = ROOT / "hooks" / "content.py"
TODAY = dt.date.today()
REFERENCES, CLAIMS, _ = load_data(DATA)
REGIONS = regions.load()
TEXTS, TEXT_PROBLEMS = load_region_texts(DATA, set(REGIONS))
CODES = ["US", "CA", "UK", "IE", "AU", "NZ"]
PLAIN = "This page is short. It uses plain words. You can read it with ease.\n"


def page(body: str, **meta) -> str:
    front = {
        "title": "A test page",
        "description": "A page for a test.",
        "last_reviewed": TODAY.isoformat(),
        "sources": ["spravato-label"],
        **meta,
    }
    return "---\n" + yaml.safe_dump(front, sort_keys=False, width=1000) + "---\n\n" + PLAIN + "\n" + body


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def content_build(tmp_path: Path, pages: dict[str, str], region: str | None) -> Path:
    """A throw-away site with the content hook and the region placeholders, as `mkdocs build --strict`."""
    return content_site.build_site(
        tmp_path,
        pages,
        extensions=["admonition", "toc", {"sitekit.regiontext": {"region": region or "US"}}],
        extra={"clinic": {"region": region}} if region else None,
    )


def failure(tmp_path: Path, caplog, pages: dict[str, str], region: str | None) -> str:
    caplog.set_level(logging.INFO)
    with pytest.raises(Abort):
        content_build(tmp_path, pages, region)
    return caplog.text


# --- data/crisis-help.yml -----------------------------------------------------------------------


def broken(tmp_path: Path, change) -> str:
    """The message for a copy of data/crisis-help.yml with `change` made to its data."""
    data = yaml.safe_load((DATA / "crisis-help.yml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "crisis-help.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(regions.CrisisDataError) as caught:
        regions.load(path)
    lines = str(caught.value).splitlines()
    assert all(line.startswith(f"{path}: ") for line in lines), lines
    return str(caught.value)


@pytest.mark.parametrize(
    "change, expected",
    [
        pytest.param(
            lambda d: d["UK"].update(emergency=999),
            "UK.emergency: expected the digits to dial, in quotes",
            id="number-not-in-quotes",
        ),
        pytest.param(
            lambda d: d["IE"]["youth"][0].pop("to_verify"),
            "IE.youth[0]: says neither 'verified_on' (with 'source') nor 'to_verify'",
            id="youth-unchecked",
        ),
        pytest.param(lambda d: d["AU"]["side_effects"].pop("url"), "AU.side_effects.url: missing", id="no-route"),
        pytest.param(
            lambda d: d["NZ"].update(emergency_departmnet={"name": "ED"}),
            "NZ.emergency_departmnet: unknown key; did you mean 'emergency_department'?",
            id="typo",
        ),
        pytest.param(
            lambda d: d["CA"]["lines"][0].pop("call") and d["CA"]["lines"][0].pop("text"),
            "CA.lines[0]: has neither 'call' nor 'text'",
            id="no-number",
        ),
        pytest.param(
            lambda d: d["US"]["youth"][0].update(verified_on=dt.date(2099, 1, 1)),
            "US.youth[0].verified_on: 2099-01-01 is in the future",
            id="future-date",
        ),
        pytest.param(
            lambda d: d["UK"]["side_effects"].pop("source"),
            "UK.side_effects.source: missing; give the address of the page it was verified against",
            id="verified-without-source",
        ),
    ],
)
def test_a_malformed_entry_is_named_by_region_and_key(tmp_path, change, expected):
    assert expected in broken(tmp_path, change)


def test_every_problem_in_the_file_is_reported_at_once(tmp_path):
    def change(data):
        data["UK"]["emergency"] = 999
        data["IE"].pop("side_effects")

    message = broken(tmp_path, change)
    assert "UK.emergency:" in message and "IE.side_effects: missing" in message


def test_unreadable_yaml_names_the_line(tmp_path):
    path = tmp_path / "crisis-help.yml"
    path.write_text("UK:\n  name: the United Kingdom\n  emergency: [999\n", encoding="utf-8")
    with pytest.raises(regions.CrisisDataError, match=r"crisis-help.yml:\d+: this is not valid YAML"):
        regions.load(path)


def test_a_broken_data_file_stops_the_build_naming_the_file_region_and_key(tmp_path, monkeypatch, caplog):
    data = yaml.safe_load((DATA / "crisis-help.yml").read_text(encoding="utf-8"))
    data["UK"]["lines"][0]["call"] = 116123
    bad = tmp_path / "crisis-help.yml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    monkeypatch.setattr(regions, "DATA_FILE", bad)
    monkeypatch.setattr(regions, "SHOWN_NAME", "data/crisis-help.yml")
    with pytest.raises(Abort):
        build_site(write_site_config(tmp_path, extra={"clinic": {"region": "UK"}}))
    assert "data/crisis-help.yml: UK.lines[0].call: expected the digits to dial, in quotes" in caplog.text
    assert "write it in quotes so that a leading 0 is kept" in caplog.text


def test_every_region_has_a_youth_line_a_reporting_route_and_an_emergency_department():
    assert list(REGIONS) == CODES
    for code, entry in REGIONS.items():
        assert entry["youth"], code
        assert entry["side_effects"]["url"].startswith("https://"), code
        assert entry["emergency_department"]["name"], code
        for item in [entry["side_effects"], entry["emergency_department"], *entry["youth"]]:
            assert item.get("verified_on") or len(item.get("to_verify", "")) > 20, (code, item)


# --- placeholders -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_each_region_fills_the_placeholders_with_its_own_numbers_as_links(code):
    entry = REGIONS[code]
    md = markdown.Markdown(
        extensions=["sitekit.regiontext"], extension_configs={"sitekit.regiontext": {"region": code}}
    )
    out = md.convert(
        "If you are in danger, call [[ region: emergency ]]. [[ region: crisis-line ]] now.\n\n"
        "Report it to [[ region: report-side-effect ]]. Go to the [[ region: emergency-department ]]."
    )
    assert f'call <a href="tel:{entry["emergency"]}">{entry["emergency"]}</a>' in out
    first = entry["lines"][0]
    assert f'. Call <a href="tel:{first["call"]}">' in out, "a capital at the start of a sentence"
    assert f'href="{entry["side_effects"]["url"]}"' in out
    assert html.escape(entry["emergency_department"]["name"], quote=False) in out
    assert "[[" not in out


def test_a_placeholder_in_code_is_left_as_written():
    md = markdown.Markdown(extensions=["sitekit.regiontext"])
    assert "<code>[[ region: emergency ]]</code>" in md.convert("Write `[[ region: emergency ]]`.")


def test_an_unknown_placeholder_stops_the_build_with_the_page_line_and_known_names(tmp_path, caplog):
    text = page("Call [[ region: emergncy ]] now.\n")
    log = failure(tmp_path, caplog, {"index.md": text}, "UK")
    assert f"index.md:{line_of(text, 'Call [[')}: unknown region placeholder" in log
    assert "did you mean [[ region: emergency ]]?" in log
    assert "[[ region: emergency-department ]], [[ region: crisis-line ]]" in log


# --- text for another region --------------------------------------------------------------------

US_SENTENCE = "In the US, the emergency number is 911."


def test_a_uk_site_with_call_911_fails_naming_the_page_sentence_and_fix(tmp_path, caplog):
    text = page("If you are in danger, call 911.\n")
    log = failure(tmp_path, caplog, {"index.md": text}, "UK")
    assert (
        f"index.md:{line_of(text, 'If you are')}: text for US, CA only, on a site for UK "
        "(the emergency number in the US and Canada)"
    ) in log
    assert '"911" in the sentence "If you are in danger, call 911."' in log
    assert "write [[ region: emergency ]]" in log and "allow_region_text:" in log


def test_the_same_page_builds_for_the_us(tmp_path):
    site_dir = content_build(tmp_path, {"index.md": page("If you are in danger, call 911.\n")}, "US")
    assert "call 911." in (site_dir / "index.html").read_text(encoding="utf-8")


def test_a_us_only_link_fails_on_a_uk_site(tmp_path, caplog):
    log = failure(
        tmp_path, caplog, {"index.md": page("You can [report it online](https://www.fda.gov/medwatch).\n")}, "UK"
    )
    assert '"medwatch" in the link to https://www.fda.gov/medwatch' in log


def test_an_allowed_sentence_about_the_us_passes_but_only_that_sentence(tmp_path, caplog):
    allow = [{"id": "us-emergency-number", "sentence": US_SENTENCE}]
    built = content_build(tmp_path / "good", {"index.md": page(US_SENTENCE + "\n", allow_region_text=allow)}, "UK")
    assert US_SENTENCE in (built / "index.html").read_text(encoding="utf-8")

    log = failure(
        tmp_path / "bad", caplog, {"index.md": page(US_SENTENCE + " Call 911 now.\n", allow_region_text=allow)}, "UK"
    )
    assert 'the sentence "Call 911 now."' in log and f'the sentence "{US_SENTENCE}"' not in log


def test_an_unused_or_malformed_allowance_fails(tmp_path, caplog):
    unused = page("Nothing here.\n", allow_region_text=[{"id": "us-emergency-number", "sentence": "Not on the page."}])
    wrong = page("Nothing here.\n", allow_region_text=[{"id": "no-such-text", "sentence": US_SENTENCE}])
    log = failure(tmp_path, caplog, {"index.md": unused, "other.md": wrong}, "US")
    line = line_of(unused, "allow_region_text:")
    assert f"index.md:{line}: an 'allow_region_text' entry for 'us-emergency-number' is not used" in log
    assert f"other.md:{line}: an 'allow_region_text' entry is not valid" in log


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Call 911.", "911"),
        ("Call (911) now", "911"),
        ("tel:911", "911"),
        ("Text 988", "988"),
        ("Go to the emergency room", "emergency room"),
        ("report to MedWatch", "MedWatch"),
        ("Call 9-1-1.", "9-1-1"),
        ("It was 1911.", None),
        ("About 1 in 20,911.", None),
        ("doi:10.1016/j.x.2019.11.911", None),
        ("Call 1-911-555-0100", None),
        ("the 988th person", None),
    ],
)
def test_numbers_are_matched_whole(text, found):
    matched = [entry.matches(text) for entry in TEXTS if entry.matches(text)]
    assert (matched[0] if matched else None) == found


def test_the_region_only_list_is_valid():
    assert TEXT_PROBLEMS == []
    assert {"us-emergency-number", "us-crisis-line", "medwatch", "emergency-room"} <= {text.id for text in TEXTS}


@pytest.mark.parametrize("code", CODES)
def test_every_page_passes_for_every_region(code):
    """What each region's build checks (hooks/content.py), without six builds: every page, with its
    placeholders filled for the region, is readable and says nothing right only elsewhere."""
    pages = {path.relative_to(DOCS).as_posix(): path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md"))}
    checked = check_site(pages, REFERENCES, CLAIMS, TODAY, region=site.crisis_help(code), region_texts=TEXTS)
    assert not checked.errors, "\n\n".join(map(str, checked.errors))


@pytest.mark.parametrize("code", CODES)
def test_every_page_renders_for_every_region(code):
    """The site's Markdown, with the site's extensions, for each region: every placeholder is filled."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    configs = {"sitekit.regiontext": {"region": code}, "quiz.markdown": {"crisis": site.crisis_help(code)}}
    with_placeholders = 0
    for path in sorted(DOCS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "[[ region:" not in text:
            continue
        with_placeholders += 1
        md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        out = re.sub(r"<!--.*?-->", "", md.convert(text.split("\n---\n", 1)[1]), flags=re.DOTALL)
        assert "[[ region:" not in out, path
        if "[[ region: emergency ]]" in text:
            assert f'href="tel:{REGIONS[code]["emergency"]}"' in out, path
    assert with_placeholders >= 5


def test_the_us_build_of_a_page_without_placeholders_is_unchanged():
    result = check_page(
        "x.md",
        page("Nothing regional.\n"),
        REFERENCES,
        CLAIMS,
        TODAY,
        region=site.crisis_help("UK"),
        region_texts=TEXTS,
    )
    assert not result.errors


# --- the built example clinic (UK) ---------------------------------------------------------------


class Visible(HTMLParser):
    """The text a reader sees and the addresses they can follow, without citations: the Sources
    list the build adds to each page and the sources under each self-check question name their
    publications, and a citation is not an instruction to call anyone."""

    SKIP = ("script", "style", "template")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.skipping: list[str] = []
        self.in_sources = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2":
            self.in_sources = attrs.get("id") == "sources"
        if tag in self.SKIP or "sc-sources" in (attrs.get("class") or "").split():
            self.skipping.append(tag)
        if tag == "a" and attrs.get("href") and not self.skipping and not self.in_sources:
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and not self.in_sources:
            self.text.append(data)


def allowed_sentences() -> list[str]:
    """Every sentence a page allows as about another region (allow_region_text), as a reader sees it."""
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))
        found += [" ".join(entry["sentence"].split()) for entry in (front or {}).get("allow_region_text") or []]
    return found


def wrong_for_region(site_dir: Path, code: str) -> list[str]:
    """What the built site of region `code` shows that data/region-only.yml says is right only
    elsewhere, leaving out the sentences that pages allow as being about another region."""
    allowed = allowed_sentences()
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        if path == site_dir / "references" / "index.html":
            continue  # the list of every source the site cites: citations only
        parser = Visible()
        parser.feed(path.read_text(encoding="utf-8"))
        # A heading allowed whole ("REMS") is a text of its own; a sentence is cut out of the text.
        nodes = [node for node in parser.text if " ".join(node.split()) not in allowed]
        text = re.sub(r"\s+([,.;:!?)])", r"\1", re.sub(r"\s+", " ", " ".join(nodes)))
        for sentence in sorted(allowed, key=len, reverse=True):
            if sentence[-1:] in ".!?)":
                text = text.replace(sentence, " ")
        links = [link for link in parser.links if not link.startswith("#")]  # anchors within the page
        for entry in TEXTS:
            if code in entry.regions:
                continue
            for where in [text, *links]:
                if phrase := entry.matches(where):
                    found.append(f"{path.relative_to(site_dir)}: {phrase!r} ({entry.id})")
    return found


def test_the_example_clinic_says_nothing_that_is_right_only_in_another_region(example_site):
    assert yaml.safe_load((ROOT / "example-clinic.yml").read_text())["extra"]["clinic"]["region"] == "UK"
    assert wrong_for_region(example_site, "UK") == []
    crisis = (example_site / "crisis-help" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:999"' in crisis and "A&amp;E" in crisis and 'href="tel:08001111"' in crisis
    risks = (example_site / "risks-and-side-effects" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://yellowcard.mhra.gov.uk/"' in risks


def test_the_check_of_the_built_site_finds_us_only_text():
    parser = Visible()
    parser.feed('<p>Call <a href="tel:911">911</a>.</p><h2 id="sources">Sources</h2><ol><li>988 Lifeline</li></ol>')
    text = " ".join(parser.text)
    assert [entry.id for entry in TEXTS if entry.matches(text)] == ["us-emergency-number"]
    assert parser.links == ["tel:911"]


class FooterLinks(HTMLParser):
    """The footer's Previous/Next links, and whether the footer navigation that holds them is hidden."""

    def __init__(self):
        super().__init__()
        self.hidden_nav = False
        self.links: list[tuple[str, bool]] = []  # (href, inside a hidden nav)
        self.in_nav: bool | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "md-footer__inner" in (attrs.get("class") or ""):
            self.in_nav = "hidden" in attrs
        if tag == "a" and "md-footer__link" in (attrs.get("class") or ""):
            self.links.append((attrs["href"], bool(self.in_nav)))

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_nav = None


def footer(path: Path) -> FooterLinks:
    parser = FooterLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_crisis_page_has_no_booking_link_and_no_next_link(example_site):
    crisis = (example_site / "crisis-help" / "index.html").read_text(encoding="utf-8")
    assert "riverside-clinic.example/book" not in crisis and 'class="kit-clinic"' not in crisis
    links = footer(example_site / "crisis-help" / "index.html").links
    assert links and all(hidden for _, hidden in links), "the footer's Previous/Next are hidden"
    # Other pages keep both, so the checks above can fail.
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert "riverside-clinic.example/book" in home
    assert any(not hidden for _, hidden in footer(example_site / "index.html").links)


@pytest.mark.parametrize("page", ["self-check", "embed/self-check"])
def test_the_self_check_pages_have_no_clinic_box_under_the_page(example_site, page):
    # The result's own clinic box, shown only when talking with the clinic is the next step, is
    # the one place the self-check offers a booking link.
    html = (example_site / page / "index.html").read_text(encoding="utf-8")
    assert 'class="kit-clinic"' not in html
    assert html.count("riverside-clinic.example/book") == 1


@pytest.mark.parametrize("page", ["conditions/suicidal-thoughts", "using-ketamine-without-a-doctor"])
def test_pages_for_people_at_risk_carry_no_clinic_box(example_site, page):
    # Someone thinking of suicide, or a teenager thinking of using ketamine, meets no booking link.
    html = (example_site / page / "index.html").read_text(encoding="utf-8")
    assert "riverside-clinic.example/book" not in html and 'class="kit-clinic"' not in html


def test_the_after_treatment_warning_signs_use_the_regions_number(example_site):
    crisis = (example_site / "crisis-help" / "index.html").read_text(encoding="utf-8")
    section = crisis[crisis.index('id="after-a-treatment"') : crisis.index('id="not-an-emergency"')]
    assert 'Call <a href="tel:999">999</a> at once' in section
    for sign in (
        "trouble breathing",
        "slow or shallow",
        "cannot be woken",
        "chest pain",
        "headache",
        "one side of the body",
        "trouble speaking or seeing",
        "seizure",
    ):
        assert sign in section, sign


def test_region_text_fill_keeps_line_numbers():
    body = "one\n<!-- [[ region: nothing ]] -->\nCall [[ region: emergency ]].\n```\n[[ region: x ]]\n```\n"
    filled, problems = region_text.fill("p.md", body, 1, site.crisis_help("NZ"))
    assert problems == [] and filled.splitlines()[2] == "Call 111." and filled.count("\n") == body.count("\n")


def test_the_editing_guide_lists_every_placeholder():
    guide = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    for name, placeholder in regions.PLACEHOLDERS.items():
        assert f"| `[[ region: {name} ]]` | {placeholder.gives} | {placeholder.example} |" in guide, name


def test_each_placeholders_example_is_what_it_gives_on_a_uk_site():
    # regions.entry: the UK's help with its regulatory status, which the regulatory placeholders read.
    for name, placeholder in regions.PLACEHOLDERS.items():
        assert regions.as_text(regions.parts(name, regions.entry("UK"))) == placeholder.example, name


def test_the_placeholders_are_filled_even_when_a_site_lists_its_own_extensions(tmp_path):
    # A clinic's mkdocs.yml that gives its own markdown_extensions (lists replace, they do not
    # merge, under INHERIT) and leaves the region extension out still gets numbers, not
    # "[[ region: emergency ]]" on its crisis page.
    extensions = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
    kept = [e for e in extensions if (e if isinstance(e, str) else next(iter(e))) != "sitekit.regiontext"]
    assert len(kept) == len(extensions) - 1, "the default configuration lists the region extension"
    config = write_site_config(tmp_path, markdown_extensions=kept, extra={"clinic": {"region": "UK"}})
    site = build_site(config)
    crisis = re.sub(r"<!--.*?-->", "", (site / "crisis-help" / "index.html").read_text(encoding="utf-8"), flags=re.S)
    assert "[[ region" not in crisis
    assert 'href="tel:999"' in crisis


# --- regulatory status by region (data/regulatory.yml) ------------------------------------------

RULES = regulatory.regulatory(set(REGIONS))


def test_every_region_has_a_checked_status_for_each_product_and_funding():
    assert list(RULES) == CODES
    for code, rules in RULES.items():
        for item in ("regulator", "esketamine", "ketamine", "compounded", "funding"):
            checked = rules[item]
            assert checked["sources"] and set(checked["sources"]) <= set(REFERENCES), (code, item)
            assert checked.get("verified_on") or len(checked.get("to_verify", "")) > 20, (code, item)
    # The UK's status is NICE's decision for England and its licence, not the US label.
    assert "NICE does not recommend" in RULES["UK"]["esketamine"]["text"]
    assert "SSRI or SNRI" in RULES["UK"]["esketamine"]["text"]
    assert "January 2025" not in RULES["UK"]["esketamine"]["text"]


def broken_rules(tmp_path: Path, old: str, new: str) -> str:
    """The message for a copy of the data folder whose data/regulatory.yml has `old` changed to `new`."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("regulatory.yml", "treatments.yml", "references.yml"):
        (folder / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (folder / "regulatory.yml").read_text(encoding="utf-8")
    assert old in text, old
    (folder / "regulatory.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(regulatory.RegulatoryDataError) as caught:
        regulatory.load(folder, set(REGIONS), set(REFERENCES))
    return str(caught.value)


def test_a_source_that_is_not_in_the_references_is_named_with_file_line_and_key(tmp_path):
    message = broken_rules(tmp_path, "    sources: [nice-ta854]\n", "    sources: [nice-ta85]\n")
    line = (DATA / "regulatory.yml").read_text(encoding="utf-8").splitlines().index("    sources: [nice-ta854]") + 1
    assert (
        f"data/regulatory.yml:{line}: UK.esketamine.sources.0: 'nice-ta85' is not in data/references.yml; "
        "did you mean 'nice-ta854'?"
    ) in message


@pytest.mark.parametrize(
    "old, new, expected",
    [
        pytest.param(
            "  funding:\n    text: >-\n      This site has not checked whether Pharmac",
            "  fundin:\n    text: >-\n      This site has not checked whether Pharmac",
            "NZ.fundin: unknown key; did you mean 'funding'?",
            id="typo",
        ),
        pytest.param(
            "    sources: [health-canada-rds-spravato]\n    verified_on: 2026-12-01\n  esketamine:",
            "    sources: [health-canada-rds-spravato]\n  esketamine:",
            "CA.regulator: says neither 'verified_on' nor 'to_verify'",
            id="unchecked",
        ),
        pytest.param("\nNZ:\n", "\nXX:\n", "the region NZ of data/crisis-help.yml has no entry", id="missing-region"),
    ],
)
def test_a_malformed_status_is_named_by_region_and_key(tmp_path, old, new, expected):
    assert expected in broken_rules(tmp_path, old, new)


def test_a_treatment_without_a_product_is_refused(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("regulatory.yml", "references.yml"):
        (folder / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "treatments.yml").write_text("ketamine-infusion:\n  name: IV\n  status: Off-label.\n", encoding="utf-8")
    with pytest.raises(regulatory.RegulatoryDataError) as caught:
        regulatory.load(folder, set(REGIONS), set(REFERENCES))
    message = str(caught.value)
    assert "data/treatments.yml:3: ketamine-infusion.status: unknown key" in message
    assert (
        "data/treatments.yml:1: ketamine-infusion.product: expected one of esketamine, ketamine, compounded"
    ) in message


@pytest.mark.parametrize(
    "sentence, entry",
    [
        ("Since January 2025, it can be used on its own.", "us-esketamine-on-its-own"),
        ("Spravato is given only in clinics certified under its REMS.", "us-rems"),
        ("Ketamine is not FDA-approved for depression.", "fda-approval"),
        ("Your insurer may need prior authorization first.", "prior-authorization"),
        ("The DEA sets the rules for online prescribing.", "us-telehealth"),
    ],
)
@pytest.mark.parametrize("code", ["UK", "AU"])
def test_a_site_elsewhere_with_a_us_regulatory_sentence_fails_naming_page_and_sentence(
    tmp_path, caplog, code, sentence, entry
):
    text = page(sentence + "\n")
    log = failure(tmp_path, caplog, {"index.md": text}, code)
    assert f"index.md:{line_of(text, sentence)}: text for US only, on a site for {code}" in log
    assert f'in the sentence "{sentence}"' in log and f"- id: {entry}" in log


def test_a_sentence_that_says_it_is_about_the_us_can_be_allowed(tmp_path):
    sentence = "In the US, the FDA safety program says staff watch you for at least 2 hours."
    allow = [{"id": "us-rems", "sentence": sentence}]
    built = content_build(tmp_path, {"index.md": page(sentence + "\n", allow_region_text=allow)}, "UK")
    assert sentence in (built / "index.html").read_text(encoding="utf-8")


def test_the_regulatory_placeholders_give_each_regions_own_status():
    for code in CODES:
        md = markdown.Markdown(
            extensions=["sitekit.regiontext"], extension_configs={"sitekit.regiontext": {"region": code}}
        )
        out = md.convert("[[ region: esketamine-status ]] Ask [[ region: regulator ]]. [[ region: funding ]]")
        rules = RULES[code]
        assert html.escape(" ".join(rules["esketamine"]["text"].split()), quote=False) in out, code
        assert html.escape(rules["regulator"]["name"], quote=False) in out, code
        assert "[[" not in out


@pytest.mark.parametrize("code", CODES)
def test_every_regions_site_builds_and_shows_its_own_status(region_site, code):
    """The real site of each region, built once (tests/conftest.py): it builds with --strict, says
    nothing right only elsewhere but for sentences a page allows as about the US, and shows the
    region's status on the pages and, for a clinic, in its boxes."""
    built = region_site(code)
    assert wrong_for_region(built, code) == []
    status = " ".join(RULES[code]["esketamine"]["text"].split())
    what_is = re.sub(r"\s+", " ", (built / "what-is-ketamine-treatment" / "index.html").read_text(encoding="utf-8"))
    assert html.escape(status, quote=False) in what_is
    if code != "US":  # the default site has no clinic, so no clinic box
        home = re.sub(r"\s+", " ", (built / "index.html").read_text(encoding="utf-8"))
        box = home[home.index('class="kit-clinic"') :]
        assert html.escape(status, quote=False) in box
        selfcheck = re.sub(r"\s+", " ", (built / "self-check" / "index.html").read_text(encoding="utf-8"))
        # (The self-check's templates escape an apostrophe as an entity; compare the text as read.)
        assert status in html.unescape(selfcheck[selfcheck.index("data-sc-clinic") :])
        others = [RULES[other]["esketamine"]["text"] for other in CODES if other != code]
        assert not any(html.escape(" ".join(text.split()), quote=False) in box for text in others)


def test_the_region_only_list_names_the_line_of_each_problem(tmp_path):
    path = tmp_path / "region-only.yml"
    path.write_text(
        'texts:\n  - id: fine-one\n    phrases: ["911"]\n    regions: [US]\n'
        "    what: a number\n    fix: a placeholder\n"
        '  - id: Bad Id\n    phrases: ["x"]\n',
        encoding="utf-8",
    )
    _, problems = region_text.load(path, set(REGIONS))
    assert [str(problem).splitlines()[0] for problem in problems] == [
        "data/region-only.yml:7: entry 2: 'id' is not valid"
    ]
    path.write_text("texts:\n  - id: a\n  - id: b\n    id: c\n", encoding="utf-8")
    _, problems = region_text.load(path, set(REGIONS))
    assert problems and str(problems[0]).startswith("data/region-only.yml:4")
