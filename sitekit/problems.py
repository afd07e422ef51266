"""One way to report a mistake in a file a person wrote, and one way to read YAML with its lines.

A `Problem` names the file, the line (when it is known) and the key, says what is wrong and how
to fix it. Every check of the kit (the question bank, the site settings, the data files, the
pages' front matter, the pinned runtime) reports its mistakes as Problems, all of them at once,
in a `ProblemsError` (or a subclass that names what was checked: BankError, SettingsError...).

`read_yaml` and `parse_yaml` load YAML safely and keep the line of every mapping key and list
item, so a message can point at the line a person wrote; a file that is not UTF-8, not valid
YAML or that repeats a key is reported as a Problem too.

Build side only: the self-check engine (quiz/engine.py) runs in Pyodide and imports none of this.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KeyPath = tuple[Any, ...]  # a path inside a YAML document: keys and list indexes, such as ("questions", 3, "id")


@dataclass(frozen=True)
class Problem:
    """Where (file, line, key), what is wrong, and how to fix it.

    Printed as `file:line: key: problem; fix` on one line. A problem that also says what was
    expected and what was found (the content checks' problems) prints those on lines of their own.
    """

    file: str
    line: int | None
    problem: str
    expected: str | None = None
    found: str | None = None
    fix: str | None = None
    key: str | None = None
    # The front-matter key a page's problem is about, if any (not printed): a translated page takes
    # most keys from its English page, whose file a problem in one of those then names.
    about: str | None = None

    @property
    def page(self) -> str:
        """The file, under the name the content checks use for it."""
        return self.file

    def where(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.key}" if self.key else place

    def __str__(self) -> str:
        head = f"{self.where()}: {self.problem}"
        if self.expected is None and self.found is None:
            return f"{head}; {self.fix}" if self.fix else head
        return f"{head}\n    expected: {self.expected}\n    found:    {self.found}\n    fix:      {self.fix}"


def report(problems: Iterable[Problem], heading: str) -> str:
    """All problems as one message with a heading, so a build shows every problem at once."""
    problems = list(problems)
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return f"{heading}: {count} {noun}\n\n" + "\n\n".join(str(problem) for problem in problems)


class ProblemsError(ValueError):
    """One or more problems with a file; `problems` lists them and the message has them all."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def describe(value: object, block: str = "a block of keys") -> str:
    """A found value in words, for a message: 'the text 'x'', 'the number 3', 'a list'..."""
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return block
    return "nothing" if value is None else type(value).__name__


def parse_key(key: str) -> KeyPath:
    """A key as messages write it ('extra.clinic.offers[0]', 'UK.lines[1].call') as a YAML path."""
    path: list[Any] = []
    for part in key.split("."):
        name, _, rest = part.partition("[")
        if name:
            path.append(name)
        for piece in rest.split("["):
            index = piece.rstrip("]")
            if index.isdigit():
                path.append(int(index))
    return tuple(path)


# ---- YAML with lines ---------------------------------------------------------------------------


@dataclass
class Yaml:
    """A YAML document's data, and the line of each mapping key and list item in it."""

    data: object
    file: str
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: Iterable[Any] = ()) -> int | None:
        """The line of `path`, or of the nearest thing above it that has one."""
        probe = tuple(path)
        while probe and probe not in self.lines:
            probe = probe[:-1]
        return self.lines.get(probe)


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader; a value that cannot be made (a 30 February) is a YAML error with its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            if isinstance(error, yaml.YAMLError):
                raise
            value = node.value if isinstance(node.value, str) else ""
            value = value if len(value) <= 40 else value[:37] + "..."
            reason = str(error).split(";")[0]
            raise _ValueError(None, None, f"the value {value!r} cannot be read ({reason})", node.start_mark) from None


class _ValueError(yaml.constructor.ConstructorError):
    """Well-formed YAML with a value that cannot be made, such as the date 2026-02-30."""


def _syntax_problem(error: yaml.YAMLError, text: str, file: str, first_line: int, what: str, fix: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    if isinstance(error, _ValueError):
        return Problem(
            file,
            mark.line + first_line if mark else None,
            error.problem or "a value cannot be read",
            fix="write a real date or number, or put the value in quotes to keep it as text",
        )
    if mark is not None:
        line = mark.line + first_line
    elif isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + first_line
    else:
        line = None
    if isinstance(error, yaml.reader.ReaderError):
        reason = (
            f"the character #x{error.character:04x} is not allowed"
            if isinstance(error.character, int)
            else str(error).splitlines()[0]
        )
    else:
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    return Problem(file, line, f"{what} is not valid YAML ({reason})", fix=fix)


def _walk(
    loader: _Loader | None,
    node: yaml.Node,
    path: KeyPath,
    doc: Yaml,
    first_line: int,
    problems: list[Problem],
    seen: set[int],
    above: tuple[int, ...],
) -> None:
    """Record the lines below `node`; a repeated key, or an alias inside itself, is a problem."""
    if id(node) in above:
        problems.append(
            Problem(
                doc.file,
                node.start_mark.line + first_line,
                "this value contains itself (through an alias)",
                fix="write it out in full",
            )
        )
        return
    if id(node) in seen:  # an alias to a value already walked: its lines are where it was written
        return
    seen.add(id(node))
    above = (*above, id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue  # a key that is a list or block, or a merge (<<): no line to name
            line = key_node.start_mark.line + first_line
            key = _key(loader, key_node)
            if key in first:
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        f"the key {key!r} appears twice in the same block (first on line {first[key]})",
                        fix="keep one",
                    )
                )
                continue
            first[key] = line
            doc.lines[(*path, key)] = line
            _walk(loader, value_node, (*path, key), doc, first_line, problems, seen, above)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.lines[(*path, index)] = item.start_mark.line + first_line
            _walk(loader, item, (*path, index), doc, first_line, problems, seen, above)


def _key(loader: _Loader | None, node: yaml.ScalarNode) -> Any:
    """A mapping key as the data has it (`1:` is the number 1), or its text when it cannot be made."""
    if loader is None:
        return node.value
    try:
        key = loader.construct_object(node)
        hash(key)
    except (yaml.YAMLError, TypeError):
        return node.value
    return key


def parse_yaml(
    text: str,
    file: str,
    *,
    first_line: int = 1,
    what: str = "this",
    fix: str = "check the indentation and quotes",
    error: type[ProblemsError] = ProblemsError,
) -> Yaml:
    """Load one YAML document safely, keeping lines; `first_line` is the line the text starts on
    in its file. Raises `error` (a ProblemsError) for YAML that cannot be read or repeats a key."""
    problems: list[Problem] = []
    doc = Yaml(None, file)
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is not None:
            # Walked before it is loaded: loading folds merge keys (<<) into the mapping.
            doc.lines[()] = node.start_mark.line + first_line
            _walk(loader, node, (), doc, first_line, problems, set(), ())
            if not problems:
                doc.data = loader.construct_document(node)
    except yaml.YAMLError as caught:
        problems.append(_syntax_problem(caught, text, file, first_line, what, fix))
    except RecursionError:
        problems.append(Problem(file, None, f"{what} is nested too deeply to read", fix=fix))
    finally:
        if loader is not None:
            loader.dispose()
    if problems:
        raise error(problems)
    return doc


def read_yaml(
    path: Path | str, file: str | None = None, *, what: str = "the file", error: type[ProblemsError] = ProblemsError
) -> Yaml:
    """Read and load a YAML file (see parse_yaml); `file` is the name messages give it (the path by default)."""
    path = Path(path)
    file = file or str(path)
    try:
        raw = path.read_bytes()
    except OSError as caught:
        raise error(
            Problem(
                file,
                None,
                f"cannot read {what}: {caught.strerror or caught}",
                fix="check that the file is there and readable",
            )
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as caught:
        line = raw[: caught.start].count(b"\n") + 1
        raise error(
            Problem(
                file,
                line,
                f"the file is not UTF-8 text (byte 0x{raw[caught.start]:02x} cannot be read)",
                fix="save it as UTF-8 in your editor",
            )
        ) from None
    return parse_yaml(text, file, error=error)


def key_lines(text: str) -> dict[KeyPath, int]:
    """The lines of the keys and items of a YAML text that may use tags this module does not know
    (mkdocs.yml's !ENV, !relative...): composed only, never loaded; empty when it cannot be read."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    doc = Yaml(None, "")
    if node is not None:
        doc.lines[()] = node.start_mark.line + 1
        with contextlib.suppress(RecursionError):
            _walk(None, node, (), doc, 1, [], set(), ())
    return doc.lines
