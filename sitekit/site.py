"""What the site hook puts together from the settings: crisis help, clinic details, colours."""

from __future__ import annotations

from pathlib import Path

from . import regions, regulatory
from .settings import Settings, contrast
from .strings import fill, long_date


def crisis_help(region: str, language: str = "en") -> dict:
    """The help of one region (data/crisis-help.yml, checked: a problem raises regions.CrisisDataError
    naming the region and key), with display labels filled in, and its regulatory status (`rules`),
    in the site's language (a translation's problem raises translations.TranslationError)."""
    entry = regions.entry(region, language)
    entry["lines"] = [{**line, "call_label": regions.call_label(line)} for line in entry["lines"]]
    entry["youth"] = [{**line, "call_label": regions.call_label(line)} for line in entry.get("youth", [])]
    return entry


def offered_treatments(offers: list[str], treatments: dict, rules: dict) -> list[dict]:
    """The entries of data/treatments.yml (`treatments`) that extra.clinic.offers names, in its order,
    each with its `status` in the site's region (`rules`, that region's entry of data/regulatory.yml)."""
    return [{"id": key, **treatments[key], "status": regulatory.status(treatments[key], rules)} for key in offers]


def _shade(hex_colour: str, factor: float) -> str:
    """Lighter (factor > 1) or darker (factor < 1) version of a colour, for Material's variants."""
    channels = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    if factor >= 1:
        channels = [round(c + (255 - c) * (factor - 1)) for c in channels]
    else:
        channels = [round(c * factor) for c in channels]
    return "#" + "".join(f"{min(255, max(0, c)):02x}" for c in channels)


def colour_css(settings: Settings) -> str | None:
    """CSS custom properties for Material's 'custom' palette from the clinic's colours, if any."""
    colours = settings.clinic["colors"]
    if not colours["primary"] and not colours["accent"]:
        return None
    rules = []
    if colours["primary"]:
        primary = colours["primary"]
        rules += [
            f"--md-primary-fg-color: {primary};",
            f"--md-primary-fg-color--light: {_shade(primary, 1.25)};",
            f"--md-primary-fg-color--dark: {_shade(primary, 0.8)};",
            "--md-primary-bg-color: #fff;",
            "--md-primary-bg-color--light: rgba(255, 255, 255, 0.7);",
        ]
    if colours["accent"]:
        rules += [
            f"--md-accent-fg-color: {colours['accent']};",
            f"--md-accent-fg-color--transparent: {colours['accent']}1a;",
        ]
    body = "\n  ".join(rules)
    css = (
        f"/* Generated from extra.clinic.colors. */\n"
        f":root, [data-md-color-scheme=default], [data-md-color-scheme=slate] {{\n  {body}\n}}\n"
    )
    if colours["primary"]:
        # On the dark palette, links in the primary colour would be too dark to read: lighten them
        # until they reach WCAG AA contrast on Material's dark background.
        css += f"[data-md-color-scheme=slate] {{\n  --md-typeset-a-color: {readable_on_dark(colours['primary'])};\n}}\n"
    return css


SLATE_BACKGROUND = "#1e2129"  # Material's dark background (hsl(232, 15%, 14%)), approximately


def readable_on_dark(hex_colour: str, ratio: float = 4.5) -> str:
    """The colour, lightened just enough to read at `ratio`:1 on the dark background."""
    for step in range(101):
        candidate = _shade(hex_colour, 1 + step / 100)
        if contrast(candidate, SLATE_BACKGROUND) >= ratio + 0.1:
            return candidate
    return "#ffffff"


def logo_target(settings: Settings) -> str | None:
    logo = settings.clinic["logo"]
    return f"assets/clinic/logo{Path(logo).suffix.lower()}" if logo else None


def review(clinic: dict, strings: dict[str, str]) -> dict | None:
    """The clinic's clinician's review as the templates show it: its line, its date, and what a
    page changed after that date says instead (the review does not cover it). `strings` is the
    site's wording (sitekit/strings.site_strings)."""
    line = review_line(clinic, strings)
    if not line:
        return None
    changed = fill(
        strings["review_changed"],
        clinic=clinic.get("name") or strings["review_clinic_unnamed"],
        date=long_date(clinic["review"]["date"], strings),
    )
    return {"line": line, "date": clinic["review"]["date"], "changed": changed}


def review_line(clinic: dict, strings: dict[str, str]) -> str | None:
    """The line every page shows once the clinic has recorded its clinician's review; None before."""
    review = clinic.get("review")
    if not review:
        return None
    values = {"name": review["name"], "role": review["role"], "date": long_date(review["date"], strings)}
    if clinic.get("name"):
        return fill(strings["review_line_for"], clinic=clinic["name"], **values)
    return fill(strings["review_line"], **values)


def review_status(clinic: dict, strings: dict[str, str]) -> str:
    """What the editorial policy says of the clinic's own review, whether or not there has been one."""
    line = review_line(clinic, strings)
    if line:
        return fill(strings["review_status_done"], line=line)
    return fill(strings["review_status_none"], clinic=clinic.get("name") or strings["review_status_unnamed"])


def review_reminder(clinic: dict) -> str | None:
    """A clinic's build reminds it, until its clinician's review is recorded, that none is."""
    if not clinic.get("name") or clinic.get("review"):
        return None
    return (
        "extra.clinic.review: no clinician's review of the pages is recorded, so the editorial policy "
        "says that no clinician at the clinic has reviewed them. Once one has, record it: "
        "review: {name: ..., role: ..., date: YYYY-MM-DD}"
    )
