"""The self-check: question bank, engine, and the build side that puts it on a page.

Importing the package imports nothing else: the engine (quiz.engine) must load in Pyodide, where
the build-side modules' dependencies (PyYAML, Jinja2, MkDocs) do not exist.
"""
