"""Material's two palettes in a test: which one a page shows, switching the open page to the other
one as the header's toggle does, and comparing every element's colours between two renderings."""

from html.parser import HTMLParser

from .helpers import edition_of, in_page_js, site_pages

# Material's two palettes: "default" is the light one, "slate" the dark one.
SCHEMES = {"light": "default", "dark": "slate"}


def palette_of(page) -> str:
    """The palette the page shows: "light" or "dark"."""
    scheme = page.get_attribute("body", "data-md-color-scheme")
    return next(name for name, value in SCHEMES.items() if value == scheme)


def system_palette(page) -> str:
    """The palette the (emulated) system asks for."""
    return "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"


def use_palette(page, name: str) -> None:
    """Switch the open page to the light or dark palette as the header's toggle does (the toggle is a
    label for one of Material's palette radios; clicking the radio is what the label does), with the
    system preference emulated to match. Returns once the new colours apply, faded in. Switching gives
    the same colours as opening the page in that palette, as a test in test_accessibility.py shows."""
    page.emulate_media(color_scheme=name)
    page.evaluate(
        "(s) => document.querySelector(`input[name=__palette][data-md-color-scheme=${s}]`).click()", SCHEMES[name]
    )
    page.wait_for_function(
        "(s) => document.body.getAttribute('data-md-color-scheme') === s "
        "&& !document.body.hasAttribute('data-md-color-switching')",
        arg=SCHEMES[name],
    )
    at_rest(page)


AT_REST = in_page_js("at-rest")


def at_rest(page, limit_ms: int = 5000) -> None:
    """Wait until the page's animations and transitions have ended (axe reads colours as a person
    sees them, not half faded). A change of palette fades the colours (the theme's rule that stopped
    the fade is taken out of the build: sitekit/theme.py): after a switch, and on opening a page whose
    system preference is the second palette. One still running after `limit_ms`, or paused, fails
    the test."""
    running = page.evaluate(AT_REST, limit_ms)
    assert not running, f"{page.url}: still running after {limit_ms} ms: {running}"


# Everything that can make two renderings of a page look different: each element's (and its ::before's and
# ::after's) colours, visibility and display (js/colours.js reads them).
COLOUR_PROPERTIES = [
    "color",
    "background-color",
    "background-image",
    "border-top-color",
    "border-right-color",
    "border-bottom-color",
    "border-left-color",
    "outline-color",
    "text-decoration-color",
    "box-shadow",
    "fill",
    "stroke",
    "opacity",
    "visibility",
    "display",
    "filter",
    "color-scheme",
]
COLOURS = in_page_js("colours")


def colour_differences(opened: list[str], switched: list[str], label: str) -> list[str]:
    """How a page switched to a palette differs from the same page opened in it (nothing, if all is well):
    two results of COLOURS."""
    if len(opened) != len(switched):
        return [f"{label}: {len(opened)} elements and page details != {len(switched)}"]
    found = []
    for one, other in zip(opened, switched, strict=True):
        if one != other:
            name, *styles = one.split("\n")
            other_name, *other_styles = other.split("\n")
            changed = {
                f"{pseudo}{key}": (x, y)
                for pseudo, style, other_style in zip(("", "::before ", "::after "), styles, other_styles, strict=True)
                for key, x, y in zip(COLOUR_PROPERTIES, style.split("\x1f"), other_style.split("\x1f"), strict=True)
                if x != y
            }
            found.append(f"{label}: {name} / {other_name}: {changed}" if styles else f"{label}: {one} != {other}")
    return found


class _ElementKinds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.kinds: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.kinds.add(tag)
        self.kinds.update(f"{tag}.{name}" for name in (dict(attrs).get("class") or "").split())


def covering_pages(site) -> list[str]:
    """A few pages that between them hold every kind of element the site's pages have (each tag, and each
    tag with each of its classes), picked greedily: the page with the most kinds not yet held, first.
    The root edition's pages: another language's are built from the same templates."""
    kinds = {}
    for path in site_pages(site):
        if edition_of(path):
            continue
        parser = _ElementKinds()
        file = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        parser.feed(file.read_text(encoding="utf-8"))
        kinds[path] = parser.kinds
    left, chosen = set().union(*kinds.values()), []
    while left:
        best = max(kinds, key=lambda path: len(kinds[path] & left))
        chosen.append(best)
        left -= kinds[best]
    return chosen
