"""Content checks for the site's pages: front matter, forbidden claims, readability, review dates.

The MkDocs hook (hooks/content.py) runs them on every build; `python -m content_checks` runs them
on docs/ from the terminal and prints each page's reading grade. Each module holds one concern:

- frontmatter.py: the front matter format (documented there) and its checks
- evidence.py: the evidence-strength scale and its plain meanings
- claims.py: the forbidden-claims check and how to allow a sentence that refutes a claim
- prose.py: the text a reader sees, from Markdown, as blocks and sentences with line numbers
- readability.py: the Flesch-Kincaid grade, measured offline
- sources.py: data/references.yml
- render.py: what the build adds to pages (evidence label, sources, review date, lists)
- pages.py: all checks on one page and on the site
"""
