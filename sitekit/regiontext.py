"""A Python-Markdown extension that fills the region placeholders of a page: `[[ region: NAME ]]`.

    If you are in danger now, call [[ region: emergency ]].

becomes, on a UK site, "call <a href="tel:999">999</a>". The names and what each gives are in
sitekit/regions.py (PLACEHOLDERS); numbers become tel: and sms: links. A placeholder at the start
of a sentence starts with a capital letter. The option `region` is the site's region code (the site
hook sets it from extra.clinic.region; US without it), and `strings` the site's wording in its
language, for the words around the numbers (sitekit/strings.site_strings; English without it). An
unknown name stops the conversion with the list of names; the content checks report it first, with
the page and line (content_checks/pages.py).

Placeholders are filled inside paragraphs, list items, admonitions and tables, not in code.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

from . import regions

# Below inline code (190) and escapes (180), so `[[ region: x ]]` in code is left as written, and
# before emphasis and links, so the placeholder is seen before anything else changes the text.
PRIORITY = 175
SENTENCE_START = re.compile(r"(?:^|[.!?][\"')\]]*)[\s*_]*$")


class RegionTextProcessor(InlineProcessor):
    def __init__(self, pattern: str, md, extension: RegionTextExtension):
        super().__init__(pattern, md)
        self.extension = extension

    def handleMatch(self, m, data):
        entry = regions.entry(self.extension.getConfig("region"), self.extension.getConfig("language"))
        try:
            pieces = regions.parts(m.group(1), entry, self.extension.getConfig("strings") or None)
        except regions.UnknownPlaceholder as error:
            raise ValueError(str(error)) from None
        # Stashed text from earlier inline patterns is not a sentence's end: only what is written.
        before = re.sub(r"\x02[^\x03]*\x03", "x", data[: m.start(0)])
        html = regions.as_html(pieces, capitalise=bool(SENTENCE_START.search(before)))
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class RegionTextExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "region": ["US", "The site's region, a code from data/crisis-help.yml"],
            "language": ["en", "The edition's language: the region's words in it (sitekit/translations.py)"],
            "strings": [{}, "The site's wording (sitekit/strings.site_strings); default: English"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.inlinePatterns.register(RegionTextProcessor(regions.PLACEHOLDER.pattern, md, self), "region_text", PRIORITY)


def makeExtension(**kwargs):
    return RegionTextExtension(**kwargs)
