"""The shared problem shape and the YAML-with-lines reader (sitekit/problems.py)."""

from __future__ import annotations

import pytest

from sitekit.problems import Problem, ProblemsError, key_lines, parse_key, parse_yaml, read_yaml, report


def problems(text: str) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        parse_yaml(text, "f.yml")
    return [str(problem) for problem in caught.value.problems]


def test_one_formatter_for_every_problem():
    phone = Problem("f.yml", 3, "expected text, found the number 5", fix="write it in quotes", key="extra.clinic.phone")
    assert str(phone) == "f.yml:3: extra.clinic.phone: expected text, found the number 5; write it in quotes"
    assert str(Problem("f.yml", None, "unknown setting")) == "f.yml: unknown setting"
    content = Problem("index.md", 4, "'last_reviewed' is not a date", "an ISO date", "'22/11/2026'", "write YYYY-MM-DD")
    assert str(content) == (
        "index.md:4: 'last_reviewed' is not a date\n    expected: an ISO date\n"
        "    found:    '22/11/2026'\n    fix:      write YYYY-MM-DD"
    )
    assert report([content], "Content checks failed").startswith("Content checks failed: 1 problem\n\nindex.md:4:")


def test_the_error_carries_every_problem_and_its_message_is_all_of_them():
    error = ProblemsError([Problem("a.yml", 1, "one"), Problem("a.yml", 2, "two", fix="fix it")])
    assert str(error) == "a.yml:1: one\na.yml:2: two; fix it"
    assert len(error.problems) == 2 and isinstance(error, ValueError)


def test_every_key_and_list_item_keeps_its_line():
    doc = parse_yaml("a: 1\nb:\n  - x\n  -\n    c: 2\n    d: [3, 4]\n'1': text\n2: number\n", "f.yml")
    assert doc.lines == {
        (): 1,
        ("a",): 1,
        ("b",): 2,
        ("b", 0): 3,
        ("b", 1): 5,
        ("b", 1, "c"): 5,
        ("b", 1, "d"): 6,
        ("b", 1, "d", 0): 6,
        ("b", 1, "d", 1): 6,
        ("1",): 7,
        (2,): 8,
    }
    assert doc.line(("b", 1, "d", 5, "missing")) == 6, "the nearest line above"
    assert doc.line(("nowhere",)) == 1


def test_lines_count_from_where_the_text_starts_in_its_file():
    doc = parse_yaml("title: A\nsources:\n  - x\n", "page.md", first_line=2)
    assert doc.line(("sources", 0)) == 4


def test_a_repeated_key_is_a_problem_at_its_second_line():
    assert problems("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n") == [
        "f.yml:4: the key 'c' appears twice in the same block (first on line 3); keep one",
        "f.yml:5: the key 'a' appears twice in the same block (first on line 1); keep one",
    ]


def test_merge_keys_and_aliases_are_not_repeats():
    doc = parse_yaml("base: &b {k: 1, j: 2}\nother:\n  <<: *b\n  k: 3\nsame: *b\n", "f.yml")
    assert doc.data["other"] == {"k": 3, "j": 2} and doc.data["same"] == {"k": 1, "j": 2}
    assert doc.line(("other", "k")) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: [1\n",
            "f.yml:2: this is not valid YAML (expected ',' or ']', but got '<stream end>'); "
            "check the indentation and quotes",
        ),
        (
            "a: 1\nb: \x07\n",
            "f.yml:2: this is not valid YAML (the character #x0007 is not allowed); check the indentation and quotes",
        ),
        (
            "when: 2026-02-30\n",
            "f.yml:1: the value '2026-02-30' cannot be read (day is out of range for month); "
            "write a real date or number, or put the value in quotes to keep it as text",
        ),
        ("a: &x [*x]\n", "f.yml:1: this value contains itself (through an alias); write it out in full"),
        (
            "a: !!python/name:os.system\n",
            "f.yml:1: this is not valid YAML (could not determine a constructor for "
            "the tag 'tag:yaml.org,2002:python/name:os.system'); check the indentation "
            "and quotes",
        ),
        (
            "--- a\n--- b\n",
            "f.yml:2: this is not valid YAML (but found another document); check the indentation and quotes",
        ),
    ],
)
def test_what_cannot_be_read_is_a_problem_with_its_line(text, expected):
    assert problems(text) == [expected]


def test_a_file_that_is_not_utf8_or_not_there(tmp_path):
    path = tmp_path / "f.yml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(ProblemsError) as caught:
        read_yaml(path, "data/f.yml")
    assert str(caught.value) == (
        "data/f.yml:2: the file is not UTF-8 text (byte 0xe9 cannot be read); save it as UTF-8 in your editor"
    )
    with pytest.raises(ProblemsError, match=r"^data/g\.yml: cannot read the file: No such file or directory; "):
        read_yaml(tmp_path / "g.yml", "data/g.yml")


def test_the_error_type_is_the_callers():
    class BankError(ProblemsError):
        pass

    with pytest.raises(BankError):
        parse_yaml("a: [", "f.yml", error=BankError)


def test_key_lines_read_files_with_tags_the_loader_does_not_know():
    assert key_lines("extra:\n  clinic:\n    phone: !ENV PHONE\n") == {
        (): 1,
        ("extra",): 1,
        ("extra", "clinic"): 2,
        ("extra", "clinic", "phone"): 3,
    }
    assert key_lines("a: [") == {}


def test_keys_as_messages_write_them_are_paths():
    assert parse_key("extra.clinic.offers[0]") == ("extra", "clinic", "offers", 0)
    assert parse_key("UK.lines[1].call") == ("UK", "lines", 1, "call")
