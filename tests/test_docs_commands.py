"""Every shell command the README and the guides show runs as written, or is excused by name.

The guides mark shell commands with fenced blocks whose language is `sh`, one command a line (a
trailing `\\` continues it; `#` starts a comment). The commands run in the order shown, guide after
guide, in one temporary copy of the project, so that those that write files (a clinic file, `site/`,
`kit.conf`, the standard-library list) change nothing here. A command that cannot run inside the
test suite is listed in NOT_RUN with the reason; a command that is neither runs, so a new one cannot
slip in untested. The same file checks that the guides' relative links resolve.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ("README.md", "HOSTING.md", "EDITING.md", "ARCHITECTURE.md", "CONTRIBUTING.md", "benchmarks/README.md")
SHELL = "sh"
# Other names for a shell block: the guides use `sh` alone, so every command is found the same way.
OTHER_SHELL_NAMES = {"bash", "console", "shell", "shell-session", "zsh", "terminal"}
README_MAX_LINES = 200
# A site build takes a few seconds once the standard library is cached; the first build of a fresh
# clone minifies it (about 40 s on two cores), and this allows for that.
TIMEOUT_S = 240

# The commands the guides show that cannot run inside the test suite, each with the reason.
NOT_RUN = {
    "make serve": "a development server, which runs until it is stopped",
    "make serve CONFIG=clinic.yml": "a development server, which runs until it is stopped",
    "make preview": "a local server, which runs until it is stopped",
    "make test": "runs the whole test suite, this test included",
    "make test-fast": "runs the fast test suite, this test included",
    'make test-fast PYTEST_ARGS="-k bank -x"': "runs part of the test suite from inside it",
    "make test && make build CONFIG=clinic.yml": "runs the whole test suite, this test included",
    "sudo apt-get install chromium nginx-light libnginx-mod-http-brotli-static firefox-esr webkit2gtk-driver xvfb": (
        "installs system packages, as root"
    ),
    "sudo apt-get install libnginx-mod-http-brotli-static": "installs a system package, as root",
    "git remote add upstream PROJECT_URL": "PROJECT_URL stands for the project's repository, and it is done once",
    "git pull upstream main": "fetches a new version over the network",
    "make bench": "the full benchmark, which takes a quarter of an hour or more and needs the machine to itself",
    ".venv/bin/python -m benchmarks --quick": "drives Chromium through every page of the benchmark for minutes",
}


@dataclass(frozen=True)
class Block:
    guide: str
    line: int  # of the opening fence, 1-based
    language: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Command:
    guide: str
    line: int
    text: str  # as written, comment included

    @property
    def key(self) -> str:
        """The command without its comment and with single spaces: what NOT_RUN is keyed by."""
        return " ".join(strip_comment(self.text).split())


FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def blocks(guide: str, root: Path = ROOT) -> list[Block]:
    found = []
    lines = (root / guide).read_text(encoding="utf-8").splitlines()
    number = 0
    while number < len(lines):
        opening = FENCE.match(lines[number])
        number += 1
        if not opening:
            continue
        start, indent, fence = number, len(opening["indent"]), opening["fence"]
        body = []
        while number < len(lines) and not (
            (closing := FENCE.match(lines[number]))
            and closing["fence"].startswith(fence[0])
            and len(closing["fence"]) >= len(fence)
            and not closing["info"].strip()
        ):
            body.append(lines[number][indent:] if lines[number][:indent].isspace() else lines[number].lstrip())
            number += 1
        number += 1
        found.append(Block(guide, start, opening["info"].strip().split(" ")[0], tuple(body)))
    return found


def strip_comment(text: str) -> str:
    """The command without a `#` comment (a `#` that starts a word outside quotes)."""
    quote = None
    for index, char in enumerate(text):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or text[index - 1].isspace()):
            return text[:index].rstrip()
    return text.rstrip()


def commands(guide: str, root: Path = ROOT) -> list[Command]:
    found = []
    for block in blocks(guide, root):
        if block.language != SHELL:
            continue
        pending, first = "", None
        for offset, line in enumerate(block.lines, start=1):
            if not pending and not strip_comment(line).strip():
                continue
            first = first if pending else block.line + offset
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1].rstrip() + " "
                continue
            found.append(Command(guide, first, pending + line.strip()))
            pending = ""
    return found


def all_commands() -> list[Command]:
    return [command for guide in GUIDES for command in commands(guide)]


def runnable() -> list[Command]:
    """The commands the test runs: each once, where it is first shown, guide after guide. A site
    build shown in several guides runs once, and a command that needs a built site finds it."""
    seen, found = set(), []
    for command in all_commands():
        if command.key not in NOT_RUN and command.key not in seen:
            seen.add(command.key)
            found.append(command)
    return found


# The files the guides' commands name as the reader's own: a set of answers and a bank that extends
# the default one (the example clinic's).
def reader_files(workspace: Path) -> None:
    from devkit.answers import complete_answers

    answers = complete_answers(sedatives=["opioids"])
    (workspace / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    shutil.copyfile(ROOT / "examples" / "example-clinic" / "questions.yml", workspace / "my-bank.yml")


def project_copy(destination: Path) -> Path:
    """A copy of the project's files as they are in this checkout (committed or not, ignored ones
    left out), with the installed tools linked in: a command run there cannot change this checkout."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    for folder in (".venv", "node_modules", ".cache"):
        (destination / folder).mkdir()
        if (ROOT / folder).is_dir():
            for entry in (ROOT / folder).iterdir():
                if entry.name != ".installed":
                    (destination / folder / entry.name).symlink_to(entry)
    # Fresh stamps: make sees the tools as installed and never reinstalls them from the copy.
    for stamp in (".venv/.installed", "node_modules/.installed"):
        (destination / stamp).touch()
    return destination


def run(command: Command, workspace: Path) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("MAKE")}
    # The copy's own modules, not this checkout's (which the editable install points to).
    environment["PYTHONPATH"] = str(workspace)
    environment["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command.text],
        cwd=workspace,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def test_every_command_the_guides_show_runs_as_written(tmp_path):
    workspace = project_copy(tmp_path / "project")
    reader_files(workspace)
    for command in runnable():
        result = run(command, workspace)
        assert result.returncode == 0, (
            f"{command.guide}:{command.line}: `{command.text}` exited with {result.returncode}\n"
            f"stdout:\n{result.stdout[-2000:]}\nstderr:\n{result.stderr[-2000:]}"
        )


def test_every_command_not_run_is_still_shown():
    shown = {command.key for command in all_commands()}
    assert not set(NOT_RUN) - shown, "NOT_RUN lists commands no guide shows any more; remove them"


def block_problems(guide: str, root: Path = ROOT) -> list[str]:
    """Blocks that break the convention: no language named, a shell block not marked sh, a prompt."""
    problems = []
    for block in blocks(guide, root):
        where = f"{guide}:{block.line}"
        if not block.language:
            problems.append(f"{where}: name the block's language (sh for commands, text for plain text)")
        elif block.language in OTHER_SHELL_NAMES:
            problems.append(f"{where}: mark shell commands as sh, not {block.language}")
        elif block.language == SHELL and any(line.lstrip().startswith("$ ") for line in block.lines):
            problems.append(f"{where}: write the commands without a prompt")
    return problems


def test_every_shell_block_is_marked_sh_and_every_block_names_its_language():
    problems = [problem for guide in GUIDES for problem in block_problems(guide)]
    assert not problems, "\n".join(problems)


def test_the_convention_check_finds_each_kind_of_block_it_refuses(tmp_path):
    (tmp_path / "GUIDE.md").write_text(
        "```\nplain\n```\n\n```bash\nmake build\n```\n\n```sh\n$ make build\n```\n\n```sh\nmake build\n```\n",
        encoding="utf-8",
    )
    assert block_problems("GUIDE.md", tmp_path) == [
        "GUIDE.md:1: name the block's language (sh for commands, text for plain text)",
        "GUIDE.md:5: mark shell commands as sh, not bash",
        "GUIDE.md:9: write the commands without a prompt",
    ]


def test_the_parser_finds_commands_comments_and_continuations(tmp_path):
    guide = tmp_path / "GUIDE.md"
    guide.write_text(
        "text\n\n1. step\n\n   ```sh\n   make build   # a comment\n   # only a comment\n\n"
        "   echo '#not a comment' \\\n     done\n   ```\n\n```yaml\nkey: value\n```\n",
        encoding="utf-8",
    )
    found = commands("GUIDE.md", tmp_path)
    assert [(c.line, c.text, c.key) for c in found] == [
        (6, "make build   # a comment", "make build"),
        (9, "echo '#not a comment' done", "echo '#not a comment' done"),
    ]
    assert [b.language for b in blocks("GUIDE.md", tmp_path)] == ["sh", "yaml"]


def test_the_readme_is_short_and_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= README_MAX_LINES
    first = commands("README.md")[:2]
    assert [command.key for command in first] == ["make serve", "make test"]
    assert "make test-fast" in readme, "the README tells a contributor to run make test-fast while editing"


LINK = re.compile(r"(?<!\!)\[[^\]]*\]\((?P<target>[^)\s]+)\)")


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings."""
    found = set()
    for block_free in _outside_blocks(path):
        if heading := re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", block_free):
            text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading[1]).strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return found


def _outside_blocks(path: Path) -> list[str]:
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            inside = not inside
        elif not inside:
            lines.append(line)
    return lines


def broken_links(path: Path) -> list[str]:
    """The relative links of a Markdown file whose file, or heading, does not exist."""
    broken = []
    for line in _outside_blocks(path):
        for link in LINK.finditer(line):
            target = link["target"]
            if re.match(r"^[a-z]+:", target):
                continue
            file_part, _, anchor = target.partition("#")
            resolved = (path.parent / file_part).resolve() if file_part else path
            if not resolved.exists():
                broken.append(f"{path.name}: {target}: no such file")
            elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
                broken.append(f"{path.name}: {target}: no such heading")
    return broken


def test_the_guides_relative_links_resolve():
    broken = [problem for guide in GUIDES for problem in broken_links(ROOT / guide)]
    assert not broken, "\n".join(broken)


def test_the_link_check_finds_a_missing_file_and_a_missing_heading(tmp_path):
    (tmp_path / "OTHER.md").write_text("# The `make` targets, and why\n", encoding="utf-8")
    guide = tmp_path / "GUIDE.md"
    guide.write_text(
        "# Top\n\n[ok](OTHER.md#the-make-targets-and-why) [ok](#top) [web](https://example.org/x)\n"
        "[gone](MISSING.md) [no heading](OTHER.md#nowhere)\n\n```text\n[skipped](IN-A-BLOCK.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(guide) == ["GUIDE.md: MISSING.md: no such file", "GUIDE.md: OTHER.md#nowhere: no such heading"]
