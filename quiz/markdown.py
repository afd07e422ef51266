"""A Python-Markdown extension that puts the self-check into a page.

In a Markdown page, a line on its own

    [[ self-check form ]]     the questions, crisis panel, review and result areas
    [[ self-check rules ]]    every question and how each answer affects the result
    [[ crisis help ]]         the site region's crisis lines (data/crisis-help.yml)

is replaced by HTML rendered from the question bank. The site build (hooks/selfcheck.py) passes
the compiled bank and the site's data in through the extension's options; without a bank the
default one is used, so the extension also works on a plain `markdown.Markdown(...)` object.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

MARKER = re.compile(r"^\[\[\s*(?P<what>self-check\s+[a-z]+|crisis\s+help)\s*\]\]\s*$")


class SelfCheckPreprocessor(Preprocessor):
    def __init__(self, md, extension: SelfCheckExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for number, line in enumerate(lines, start=1):
            match = MARKER.match(line)
            if not match:
                out.append(line)
                continue
            html = self.extension.render(" ".join(match["what"].split()), number)
            out.extend(["", self.md.htmlStash.store(html), ""])
        return out


class SelfCheckExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "bank": [{}, "The compiled question bank (a dict); default: quiz/data/questions.yml"],
            "references": [{}, "Source id -> {title, ...}, for the 'Sources' under each question"],
            "crisis": [{}, "The region's crisis help (an entry of data/crisis-help.yml); needed for the form"],
            "runtime": ["pyodide/", "Site-root-relative folder of the Pyodide runtime"],
            "stdlib": ["pyodide/python_stdlib.zip", "Site-root-relative standard library zip"],
            "engine_lock": ["assets/selfcheck/engine/pyodide-lock.json", "Site-root-relative lock file"],
            "engine_package": ["quiz-engine", "The engine's package name in the lock file"],
            "clinic": [{}, "The clinic's details (extra.clinic), for the box under the result"],
            "offers": [[], "The treatments the clinic offers (data/treatments.yml entries)"],
            "site_name": ["", "The site's name, for the printed summary"],
            "language": ["en", "The site's language: picks the page script's wording (sitekit/strings.py)"],
            "strings": [{}, "The site's wording (sitekit/strings.site_strings); default: that of `language`"],
        }
        super().__init__(**kwargs)

    def _bank(self) -> dict:
        # (Defaults are {} rather than None: Python-Markdown turns a non-None value given for a
        # None default into a bool.)
        bank = self.getConfig("bank")
        if not bank:
            from .bank import load_bank

            bank = load_bank()
            self.setConfig("bank", bank)
        return bank

    def _crisis(self) -> dict:
        crisis = self.getConfig("crisis")
        if not crisis:
            raise ValueError(
                "the self-check form needs the region's crisis help: pass crisis=<an entry of "
                "data/crisis-help.yml> (the site build does this)"
            )
        return crisis

    def _strings(self) -> dict:
        strings = self.getConfig("strings")
        if not strings:
            from sitekit.strings import site_strings

            strings = site_strings(self.getConfig("language"))
            self.setConfig("strings", strings)
        return strings

    def render(self, what: str, line: int) -> str:
        from . import render

        if what == "self-check form":
            return render.render_form(
                self._bank(),
                references=self.getConfig("references"),
                crisis=self._crisis(),
                runtime=self.getConfig("runtime"),
                stdlib=self.getConfig("stdlib"),
                engine_lock=self.getConfig("engine_lock"),
                engine_package=self.getConfig("engine_package"),
                clinic=self.getConfig("clinic"),
                offers=self.getConfig("offers"),
                site_name=self.getConfig("site_name"),
                strings=self._strings(),
                language=self.getConfig("language"),
            )
        if what == "self-check rules":
            return render.render_rules(self._bank(), references=self.getConfig("references"), strings=self._strings())
        if what == "crisis help":
            return render.render_crisis(self._crisis(), self._strings())
        raise ValueError(
            f"line {line}: unknown block {what!r}; "
            "use [[ self-check form ]], [[ self-check rules ]] or [[ crisis help ]]"
        )

    def extendMarkdown(self, md):
        # Before the raw-HTML preprocessor (priority 20) so the marker is seen as written.
        md.preprocessors.register(SelfCheckPreprocessor(md, self), "self_check", 25)


def makeExtension(**kwargs):
    return SelfCheckExtension(**kwargs)
