"""Shrinks the standard-library files the page ships; runs INSIDE Pyodide (see minify.mjs).

It runs in the very Python that will import these files (Pyodide's), because python-minifier parses
with the interpreter it runs in and writes code for that interpreter's version: minifying with the
build machine's Python could fail on newer syntax or write code for another version.

What it removes: docstrings, comments and layout. What it keeps: every name, annotation, positional-
only marker and statement, so the code means the same. A file's opening comment block is kept when
it carries a copyright or licence notice (several standard-library modules ask for that).

Inputs and output are set as globals by minify.mjs: STDLIB_ZIP (the stock python_stdlib.zip),
NAMES (the files to keep) and OUT (a JSON file: {name: minified source}).
"""

import json
import re
import zipfile

import python_minifier

OPTIONS = {
    "remove_literal_statements": True,  # docstrings and other bare literal statements
    "remove_annotations": False,  # dataclasses, typing and functools read annotations at run time
    "rename_locals": False,
    "rename_globals": False,
    "hoist_literals": False,
    "convert_posargs_to_args": False,  # would let positional-only parameters be passed by keyword
    "remove_asserts": False,
    "remove_debug": False,
    "preserve_shebang": True,
}
NOTICE = re.compile(r"copyright|licen[cs]e|permission", re.IGNORECASE)


def notice(source: str) -> str:
    """The file's opening comment block, if it is a copyright or licence notice; else ''."""
    block = []
    for line in source.splitlines():
        if line.startswith("#"):
            block.append(line)
        elif line.strip() or block:
            break
    text = "\n".join(block)
    return text + "\n" if NOTICE.search(text) else ""


def minify_all(stdlib_zip: str, names: list[str]) -> dict[str, str]:
    out = {}
    with zipfile.ZipFile(stdlib_zip) as stock:
        for name in names:
            source = stock.read(name).decode("utf-8")
            out[name] = notice(source) + python_minifier.minify(source, filename=name, **OPTIONS)
    return out


with open(OUT, "w", encoding="utf-8") as f:  # noqa: F821 (set by minify.mjs)
    json.dump(minify_all(STDLIB_ZIP, list(NAMES)), f)  # noqa: F821
