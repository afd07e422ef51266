"""Changes to the theme's own built files, each for a cost measured on a phone.

Material's palette stylesheet stops every transition while the palette switches, with a rule whose
subject is every element, keyed on an attribute of the body: `[data-md-color-switching] *`. Its
palette script sets that attribute, and removes it a frame later, on every page load as well as on a
switch, so each page load restyled the whole page twice: on the benchmark's phone (CPU 4x slower),
the home page's blocking time after first paint went from 768 to 565 ms without it. Without the
rule, colours fade for a moment when the palette changes: when the reader switches it, and on a
first visit whose system preference is the second palette, if the first palette was drawn first.
"""

from __future__ import annotations

from pathlib import Path

# The rule as Material 9 minifies it.
SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


class ThemeError(RuntimeError):
    pass


def drop_palette_switching_rule(site_dir: str | Path, palette: bool = True) -> list[Path]:
    """Blank the rule out of the built palette stylesheet(s), in place and with spaces of the same
    length (positions are unchanged, so the .map beside it still matches). Returns the files changed.
    `palette`: the site has a palette, so the theme ships its palette stylesheet. A missing
    stylesheet, or one without the rule, is an error: the theme has changed, and this step needs
    looking at again."""
    sheets = sorted((Path(site_dir) / "assets" / "stylesheets").glob("palette.*.min.css"))
    if palette and not sheets:
        raise ThemeError(
            f"{Path(site_dir) / 'assets' / 'stylesheets'}: the theme shipped no palette.*.min.css. "
            "The theme has changed: see sitekit/theme.py."
        )
    rule = SWITCHING_RULE.encode()
    blank = b" " * len(rule)
    changed = []
    for css in sheets:
        content = css.read_bytes()
        if rule not in content:
            if blank in content:  # done already: a rebuild (mkdocs serve) that kept the theme's copy
                continue
            raise ThemeError(
                f"{css}: the theme's palette stylesheet no longer has the rule {SWITCHING_RULE!r}. "
                "The theme has changed: see sitekit/theme.py, and remove that step if the rule is gone."
            )
        css.write_bytes(content.replace(rule, blank))
        changed.append(css)
    return changed
