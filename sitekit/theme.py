"""Changes to the theme's own built files, each for a cost measured on a phone.

Material's palette stylesheet stops every transition while the palette switches, with a rule whose
subject is every element, keyed on an attribute of the body: `[data-md-color-switching] *`. Its
palette script sets that attribute, and removes it a frame later, on every page load as well as on a
switch, so each page load restyled the whole page twice: on the benchmark's phone (CPU 4x slower),
about 170 ms of the theme's blocking time on the home page. Without the rule, colours fade for a
moment when the reader switches the palette; nothing changes at load.
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


def drop_palette_switching_rule(site_dir: str | Path) -> list[Path]:
    """Blank the rule out of the built palette stylesheet(s), in place and with spaces of the same
    length (the stylesheet's source map stays right). Returns the files changed; a site without a
    palette stylesheet has none. A palette stylesheet without the rule is an error: the theme has
    changed, and this needs looking at again."""
    changed = []
    for css in sorted((Path(site_dir) / "assets" / "stylesheets").glob("palette.*.min.css")):
        text = css.read_text(encoding="utf-8")
        blank = " " * len(SWITCHING_RULE)
        if SWITCHING_RULE not in text:
            if blank in text:  # done already: a rebuild (mkdocs serve) that kept the theme's copy
                continue
            raise ThemeError(
                f"{css}: the theme's palette stylesheet no longer has the rule {SWITCHING_RULE!r}. "
                "The theme has changed: see sitekit/theme.py, and remove that step if the rule is gone."
            )
        css.write_text(text.replace(SWITCHING_RULE, blank), encoding="utf-8")
        changed.append(css)
    return changed
