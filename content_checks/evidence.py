"""The evidence-strength scale: the one place where its levels and their plain meanings are defined.

A condition page says in its front matter how strong the evidence is (`evidence:`), either as one
level or, for a page that covers several uses, as a mapping from each use to a level:

    evidence: emerging

    evidence:
      Esketamine nasal spray (approved use): strong
      IV ketamine (off-label use): moderate

The build renders the level at the top of the page, with its meaning, in the same words everywhere.
This is the site's own summary of the evidence brief, not an official grading. Each level's label
and meaning are the site's wording (data/site-strings.yml: evidence_<level> and
evidence_<level>_meaning), so a translation gives them in its language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    name: str

    def label(self, strings: dict[str, str]) -> str:
        """Its label in the site's wording (sitekit/strings.site_strings): "Strong"."""
        return strings[f"evidence_{self.name}"]

    def meaning(self, strings: dict[str, str]) -> str:
        """What it means, in plain words, in the site's wording."""
        return strings[f"evidence_{self.name}_meaning"]


# Strongest first. Meanings are short and plain; tests keep them at or below grade 8.
SCALE: tuple[Level, ...] = tuple(Level(name) for name in ("strong", "moderate", "emerging", "limited", "insufficient"))
LEVELS = {level.name: level for level in SCALE}
USE_MAX_CHARS = 80


def uses(value: object) -> list[tuple[str | None, str]]:
    """The (use, level) pairs of a valid `evidence:` value; use is None for a single level."""
    if isinstance(value, str):
        return [(None, value)]
    if isinstance(value, dict):
        return [(str(use), str(level)) for use, level in value.items()]
    return []


def check(value: object) -> str | None:
    """None if `value` is a valid `evidence:` value, else what is wrong with it."""
    allowed = ", ".join(LEVELS)
    if isinstance(value, str):
        return None if value in LEVELS else f"{value!r} is not a level; use one of: {allowed}"
    if isinstance(value, dict) and value:
        for use, level in value.items():
            if not isinstance(use, str) or not use.strip() or len(use) > USE_MAX_CHARS:
                return f"use {use!r} should be a short text (up to {USE_MAX_CHARS} characters)"
            if not isinstance(level, str) or level not in LEVELS:
                return f"the level for {use!r} is {level!r}; use one of: {allowed}"
        return None
    return f"{value!r} should be one level ({allowed}) or a mapping of uses to levels"
