"""Clinic edition: settings checked with clear messages, regional crisis data, the example clinic."""

import re
from datetime import date

import pytest
import yaml
from mkdocs.exceptions import Abort

from devkit.answers import complete_answers
from devkit.sites import ROOT, build_site, clinic_settings, write_site_config
from quiz.engine import evaluate
from sitekit.settings import SettingsError, validate
from tests.example_clinic import EXAMPLE_BANK, EXAMPLE_SCENARIOS

CONFIG = "/clinic/mkdocs.yml"


def problems(extra) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        validate(extra, CONFIG)
    lines = str(caught.value).splitlines()
    assert all(line.startswith(f"{CONFIG}: extra.") for line in lines), lines
    return lines


@pytest.mark.parametrize(
    "extra, expected",
    [
        ({"clinic": {"nmae": "A"}}, "extra.clinic.nmae: unknown setting; did you mean 'name'?"),
        ({"clinc": {}}, "extra.clinc: unknown setting; did you mean 'clinic'?"),
        (
            {"clinic": {"phone": 5550100}},
            "extra.clinic.phone: expected text (the clinic's phone number), "
            "found the number 5550100; write it in quotes",
        ),
        ({"clinic": {"hours": "9 to 5"}}, "extra.clinic.hours: expected a list"),
        (
            {"clinic": {"booking_url": "www.example.org/book"}},
            "extra.clinic.booking_url: 'www.example.org/book' is not a web address; write the full address",
        ),
        ({"clinic": {"email": "hello-at-example.org"}}, "extra.clinic.email: 'hello-at-example.org' is not an email"),
        ({"clinic": {"phone": "call us"}}, "extra.clinic.phone: 'call us' is not a phone number"),
        (
            {"clinic": {"colors": {"primary": "teal"}}},
            "extra.clinic.colors.primary: 'teal' is not a colour; write it as # and six hex digits",
        ),
        (
            {"clinic": {"colors": {"primary": "#9ad0ec"}}},
            "extra.clinic.colors.primary: #9ad0ec is too light behind "
            "white text (contrast 1.7:1, needs 4.5:1 for WCAG AA)",
        ),
        ({"clinic": {"colors": {"secondary": "#000000"}}}, "extra.clinic.colors.secondary: unknown setting"),
        (
            {"clinic": {"logo": "brand/logo.svg"}},
            "extra.clinic.logo: the file 'brand/logo.svg' does not exist (looked for /clinic/brand/logo.svg)",
        ),
        ({"clinic": {"region": "Canada"}}, "extra.clinic.region: 'Canada' is not one of US, CA, UK, IE, AU, NZ"),
        ({"clinic": {"offers": ["ketamine-iv"]}}, "extra.clinic.offers[0]: 'ketamine-iv' is not one of"),
        (
            {"clinic": {"embed_origins": ["https://clinic.example/page"]}},
            "extra.clinic.embed_origins[0]: 'https://clinic.example/page' is not a site's origin",
        ),
        ({"analytics": {"provider": "google"}}, "extra.analytics: this site promises no tracking"),
        ({"self_check": {"bank": "my-bank.yml"}}, "extra.self_check.bank: the file 'my-bank.yml' does not exist"),
    ],
)
def test_each_bad_setting_gets_a_message_with_the_key_and_the_fix(extra, expected):
    lines = problems(extra)
    assert any(expected in line for line in lines), lines


def test_every_problem_is_reported_at_once():
    lines = problems({"clinic": {"nmae": "A", "phone": 1, "region": "XX"}})
    assert len(lines) == 3


def test_a_problem_names_the_line_of_the_file_that_gives_the_setting(tmp_path):
    (tmp_path / "base.yml").write_text("site_name: A\nextra:\n  clinic:\n    phone: 5550100\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "INHERIT: base.yml\nextra:\n  clinic:\n    name: A\n    booking_url: not a url\n", encoding="utf-8"
    )
    with pytest.raises(SettingsError) as caught:
        validate({"clinic": {"name": "A", "phone": 5550100, "booking_url": "not a url", "nmae": "B"}}, str(config))
    assert [str(problem) for problem in caught.value.problems] == [
        f"{config}: extra.clinic.nmae: unknown setting; did you mean 'name'? the settings here are: name, "
        "short_name, logo, colors, phone, email, address, booking_url, hours, offers, region, languages, "
        "embed_origins, review, es",
        f"{tmp_path / 'base.yml'}:4: extra.clinic.phone: expected text (the clinic's phone number), found the "
        "number 5550100; write it in quotes",
        f"{config}:5: extra.clinic.booking_url: 'not a url' is not a web address; write the full address, "
        "such as https://www.example-clinic.org/book",
    ]


def test_good_settings_get_defaults():
    settings = validate({"clinic": {"name": "A clinic", "offers": ["esketamine-nasal-spray"]}}, CONFIG)
    assert settings.clinic["region"] == "US" and settings.clinic["hours"] == []
    assert settings.self_check["bank"] is None


def test_a_bad_setting_stops_the_build_before_anything_is_written(tmp_path, caplog):
    config = write_site_config(tmp_path, extra={"clinic": {"name": "A", "booking_url": "not a url"}})
    with pytest.raises(Abort):
        build_site(config)
    assert "extra.clinic.booking_url: 'not a url' is not a web address" in caplog.text
    assert not (tmp_path / "site").exists()


def test_every_region_has_verified_crisis_lines():
    regions = yaml.safe_load((ROOT / "data" / "crisis-help.yml").read_text(encoding="utf-8"))
    assert set(regions) == {"US", "CA", "UK", "IE", "AU", "NZ"}
    for code, entry in regions.items():
        assert re.fullmatch(r"\d{3}", entry["emergency"]), code
        assert isinstance(entry["verified_on"], date) and entry["verified_on"] <= date.today(), code
        assert len(entry["verified_against"]) > 40, f"{code}: say what the numbers were checked against"
        assert entry["lines"] and all(line.get("call") or line.get("text") for line in entry["lines"]), code
        assert entry["directory"]["url"] == "https://findahelpline.com/"


def test_the_example_clinic_is_marked_as_an_example():
    settings = clinic_settings(ROOT / "example-clinic.yml")
    assert "example" in settings["extra"]["clinic"]["name"].lower()
    assert "example" in settings["site_name"].lower()


def test_the_example_clinic_builds_with_its_branding(example_site):
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert "Riverside Clinic (an invented example)" in home
    assert 'src="assets/clinic/logo.svg"' in home and (example_site / "assets/clinic/logo.svg").is_file()
    assert "--md-primary-fg-color: #1f5f5b" in (example_site / "assets/stylesheets/clinic-colours.css").read_text()
    assert "tel:116123" in home and "tel:999" in home, "the UK's crisis lines"
    assert "tel:988" not in home
    assert "frame-ancestors 'self' https://www.riverside-clinic.example" in (example_site / "_headers").read_text()
    selfcheck = (example_site / "self-check" / "index.html").read_text(encoding="utf-8")
    assert 'id="sc-q-clinic_travel"' in selfcheck, "the clinic's own question"
    assert "Talking with Riverside Clinic" in selfcheck


def test_the_default_site_has_no_clinic_box(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "kit-clinic" not in home and "tel:988" in home


def test_the_crisis_page_shows_the_regions_lines(built_site, example_site):
    us = (built_site / "crisis-help" / "index.html").read_text(encoding="utf-8")
    uk = (example_site / "crisis-help" / "index.html").read_text(encoding="utf-8")
    assert "Call 988" in us and "Samaritans" not in us
    assert "Call 116 123" in uk and "Call 988" not in uk and "tel:999" in uk


def test_the_nginx_config_is_made_from_the_sites_headers(example_site):
    from sitekit.nginx import server_block

    conf = server_block(example_site, listen="127.0.0.1:8080")
    headers = (example_site / "_headers").read_text()
    csp = re.search(r"Content-Security-Policy: (.*)", headers).group(1)
    assert f'add_header Content-Security-Policy "{csp}" always;' in conf
    assert "location = /_headers { return 404; }" in conf
    assert 'add_header Cache-Control "public, max-age=31536000, immutable" always;' in conf
    assert "    gzip_static on;\n" in conf


def test_the_nginx_config_sends_the_brotli_copies_when_debians_module_is_enabled(example_site, tmp_path):
    """brotli_static is on where Debian's package has enabled its module, and off, with what to do, where it
    is only installed or missing; --brotli on and off force the choice. The block says which, and why."""
    from sitekit import nginx

    modules, enabled = tmp_path / "modules", tmp_path / "modules-enabled"
    modules.mkdir()
    enabled.mkdir()
    missing = nginx.brotli_module(modules, enabled)
    assert not missing.on and "sudo apt-get install libnginx-mod-http-brotli-static" in missing.reason
    (modules / nginx.BROTLI_MODULE).write_bytes(b"")
    installed = nginx.brotli_module(modules, enabled)
    assert not installed.on and f"load_module {modules / nginx.BROTLI_MODULE};" in installed.reason
    (enabled / "50-mod-http-brotli-static.conf").write_text("load_module modules/ngx_http_brotli_static_module.so;\n")
    loaded = nginx.brotli_module(modules, enabled)
    assert loaded.on and str(enabled / "50-mod-http-brotli-static.conf") in loaded.reason
    for choice, sent in ((loaded, True), (missing, False), ("on", True), ("off", False)):
        conf = nginx.server_block(example_site, brotli=choice)
        assert ("    brotli_static on;\n" in conf) is sent, choice
        comment = next(line for line in conf.splitlines() if line.startswith("    # brotli_static"))
        assert comment.startswith(f"    # brotli_static {'on' if sent else 'off'}: "), comment
        assert "gzip_static on;" in conf
    with pytest.raises(ValueError, match="auto, on or off"):
        nginx.server_block(example_site, brotli="yes")


# Reviewed today: after every page's own last review, so the review covers every page.
REVIEW = {"name": "Dr A. Example", "role": "consultant psychiatrist", "date": date.today()}


@pytest.mark.parametrize(
    "review, expected",
    [
        (
            {"name": "Dr A. Example", "role": "psychiatrist"},
            "extra.clinic.review: date missing; give name, role and date together, or leave extra.clinic.review out",
        ),
        (
            {**REVIEW, "date": "last week"},
            "extra.clinic.review.date: expected a date (the day they finished the review)",
        ),
        ({**REVIEW, "date": date(2999, 1, 1)}, "extra.clinic.review.date: 2999-01-01 is in the future"),
        ({**REVIEW, "by": "someone"}, "extra.clinic.review.by: unknown setting"),
    ],
)
def test_a_clinicians_review_names_who_in_what_role_and_when(review, expected):
    assert any(expected in line for line in problems({"clinic": {"name": "A", "review": review}}))


def test_a_recorded_review_is_on_every_page_and_in_the_editorial_policy(tmp_path, capfd):
    site = build_site(write_site_config(tmp_path, extra={"clinic": {"name": "Example Clinic", "review": REVIEW}}))
    today = date.today()
    line = f"Reviewed for Example Clinic by Dr A. Example, consultant psychiatrist, on {today.day} {today:%B %Y}."
    for page in ("index.html", "risks-and-side-effects/index.html", "self-check/index.html"):
        assert line in (site / page).read_text(encoding="utf-8"), page
    policy = (site / "editorial-policy" / "index.html").read_text(encoding="utf-8")
    assert line in policy and "No clinician at" not in policy
    assert "no clinician's review of the pages is recorded" not in capfd.readouterr().err


def test_until_a_review_is_recorded_the_policy_says_so_and_the_build_reminds_the_clinic(
    example_site, built_site, tmp_path, capfd
):
    policy = (example_site / "editorial-policy" / "index.html").read_text(encoding="utf-8")
    assert "No clinician at Riverside Clinic (an invented example) has reviewed these pages yet." in policy
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert "Reviewed for" not in home and "Awaiting review" not in home and "kit-notice__review" not in home
    default_policy = (built_site / "editorial-policy" / "index.html").read_text(encoding="utf-8")
    assert "No clinician at the clinic or service that hosts this site has reviewed these pages yet." in default_policy
    # A clinic's strict build still succeeds, with a reminder.
    capfd.readouterr()
    build_site(write_site_config(tmp_path, extra={"clinic": {"name": "Example Clinic"}}))
    assert "WARNING -  extra.clinic.review: no clinician's review of the pages is recorded" in capfd.readouterr().err


def test_a_short_name_replaces_the_cut_off_site_name_on_a_phone(example_site):
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert '<span class="kit-name--full">Riverside Clinic (example) - ketamine treatment explained</span>' in home
    assert '<span class="kit-name--short" aria-hidden="true">Riverside Clinic</span>' in home


def test_a_clinic_that_names_its_site_but_not_its_short_name_shows_its_own_full_name(tmp_path):
    # The kit's mkdocs.yml sets a short name for its own site; a clinic inheriting it must not show
    # the kit's name in its header on a phone.
    site = build_site(
        write_site_config(
            tmp_path, site_name="Example Clinic: ketamine explained", extra={"clinic": {"name": "Example Clinic"}}
        )
    )
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "kit-name--short" not in home and "Ketamine explained</span>" not in home
    assert "Example Clinic: ketamine explained" in home


def test_a_page_changed_after_the_clinics_review_says_the_review_does_not_cover_it(tmp_path):
    earlier = {**REVIEW, "date": date(2026, 11, 1)}  # the pages were reviewed against their sources later
    site = build_site(write_site_config(tmp_path, extra={"clinic": {"name": "Example Clinic", "review": earlier}}))
    page = (site / "risks-and-side-effects" / "index.html").read_text(encoding="utf-8")
    assert "This page has changed since a clinician at Example Clinic reviewed the pages on 1 November 2026" in page
    assert "Reviewed for Example Clinic by" not in page


@pytest.mark.parametrize("name", EXAMPLE_SCENARIOS)
def test_each_result_of_the_example_clinics_bank_says_whether_a_conversation_is_the_next_step(name):
    chosen, tier, conversation = EXAMPLE_SCENARIOS[name]
    result = evaluate(EXAMPLE_BANK, complete_answers(EXAMPLE_BANK, **chosen))
    assert (result["tier"], result["conversation"]) == (tier, conversation)
