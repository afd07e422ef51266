"""The languages the content checks know, and the one place that turns a site's language into one.

A site names its language in mkdocs.yml (`theme.language`, such as "en" or "es"); a regional form
("es-419", "en_GB") counts as its language. English is the default, and its rules are the ones the
checks always had. Spanish pages get Spanish rules: the Szigriszt-Pazos index (readability.py,
readability_es.py), the Spanish phrasings of the forbidden claims (the `es:` block of each entry in
data/forbidden-claims.yml), Spanish abbreviations when sentences are split (prose.py) and accents
ignored when a claim is matched (claims.py).
"""

from __future__ import annotations

import unicodedata

ENGLISH = "en"
SPANISH = "es"
LANGUAGES = (ENGLISH, SPANISH)
# Letters that keep their mark when accents are folded: "ñ" is its own letter in Spanish ("año").
KEEP = frozenset("ñÑ")


class UnknownLanguage(ValueError):
    """A language the content checks have no rules for."""


def code(value: object) -> str:
    """The checks' language for a site language such as "es", "es-419" or "en_GB" (None: English)."""
    if value is None or value == "":
        return ENGLISH
    primary = str(value).strip().replace("_", "-").split("-")[0].lower()
    if primary not in LANGUAGES:
        raise UnknownLanguage(
            f"the content checks have rules for {', '.join(LANGUAGES)} only, not {value!r}: "
            "set theme.language to one of them"
        )
    return primary


def fold(text: str) -> str:
    """`text` without accents ("adicción" -> "adiccion", "pingüino" -> "pinguino"), keeping "ñ".

    The text is first composed (NFC); after that every character maps to one character, so a match
    found in the folded text is at the same place in NFC text."""
    return "".join(_fold_char(char) for char in unicodedata.normalize("NFC", text))


def _fold_char(char: str) -> str:
    if char.isascii() or char in KEEP:
        return char
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if len(decomposed) > 1 and all(unicodedata.combining(mark) for mark in decomposed[1:]):
        return base
    return char
