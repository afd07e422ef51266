"""Content checks for the site's pages: front matter, forbidden claims, readability, review dates.

The MkDocs hook (hooks/content.py) runs them on every build; `python -m content_checks` runs them
on docs/ from the terminal and prints each page's reading grade (`--lang es`: on the Spanish pages,
translations/es/docs/, with their Szigriszt-Pazos index). The rules for a page's words follow its
language. Each module holds one concern:

- frontmatter.py: the front matter format (documented there) and its checks
- evidence.py: the evidence-strength scale and its plain meanings
- claims.py: the forbidden-claims check and how to allow a sentence that refutes a claim
- prose.py: the text a reader sees, from Markdown, as blocks and sentences with line numbers
- readability.py: the Flesch-Kincaid grade (English), or the Szigriszt-Pazos index (Spanish), offline
- readability_es.py: Spanish syllables, the Szigriszt-Pazos formula, the INFLESZ scale and its limits
- languages.py: the languages the checks know, and accents folded for matching Spanish
- sources.py: data/references.yml
- render.py: what the build adds to pages (evidence label, sources, review date, lists)
- pages.py: all checks on one page and on the site; a translated page with the English front matter
"""
