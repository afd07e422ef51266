"""Reading, validating and compiling a question bank (build side; CPython only).

A bank is YAML that a clinician can read (quiz/data/questions.yml is the default). It is checked
against quiz/bank.schema.json and then for what a schema cannot say (unique ids, follow-ups that
name real earlier questions and options, sources that exist). Every problem is reported at once
(BankError, a sitekit.problems.ProblemsError), one line each naming the file, the line, the
question and the fix. The compiled bank is plain JSON data (quiz.engine.Bank) that the engine,
the page and the transparency page all read.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import jsonschema

from sitekit import languages, problems
from sitekit.problems import Problem, ProblemsError, Yaml

from .engine import Bank, Link, Question, shown_questions

SCHEMA_PATH = Path(__file__).with_name("bank.schema.json")
DEFAULT_BANK = Path(__file__).parent / "data" / "questions.yml"


# The safety net: the red-flag questions (danger now, wishing to be dead or thoughts of self-harm,
# intent, a plan, an attempt or self-harm in the past 3 months). Every bank must ask them of
# everyone; they are named here, in the kit, so that no bank, the default one included, can drop one.
SAFETY_NET = ("danger_now", "self_harm", "suicide_intent", "suicide_plan", "recent_attempt")
# Questions a bank that extends another may neither replace nor remove: the safety net, the label
# contraindications and the age question (its "Under 18" ends the check and leads with youth help).
PROTECTED = (*SAFETY_NET, "vascular", "ketamine_reaction", "age")
RED_FLAG_OPTIONS = ["yes", "not_sure", "no"]


class BankError(ProblemsError):
    """A question bank that cannot be used; each of its problems says where and how to fix it."""


def read_yaml(path: Path) -> Yaml:
    """Parse a bank file, keeping the line of every key and item (sitekit/problems.py)."""
    return problems.read_yaml(path, what="the question bank", error=BankError)


Origin = tuple[str, Yaml, int]  # the file a question came from, that file's lines, its index there


class _Locator:
    """Says where a path inside the bank is: the file, the line and the question, for a Problem.

    For a bank that extends another, `origins` says for each question which file (and which
    position in that file) it came from, so a message points at the line a person wrote.
    """

    def __init__(self, doc: Yaml, origins: list[Origin] | None = None):
        self.doc, self.origins = doc, origins

    def where(self, path: Iterable[str | int]) -> tuple[str, int | None, str | None]:
        """(file, line, question label) of a path inside the bank."""
        path = tuple(path)
        doc, probe = self.doc, path
        number = path[1] if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int) else None
        if number is None:
            return doc.file, doc.line(probe), None
        if self.origins and number < len(self.origins):
            _, doc, index = self.origins[number]
            probe = ("questions", index, *path[2:])
        data: Any = self.doc.data
        try:
            question_id = data["questions"][number].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            question_id = None
        label = f"question {question_id!r}" if question_id else f"question number {number + 1}"
        return doc.file, doc.line(probe), label

    def place(self, path: Iterable[str | int]) -> str:
        """'file:line' of a path, for a message that points at a second place."""
        file, line, _ = self.where(path)
        return f"{file}:{line}" if line else file

    def __call__(self, path: Iterable[str | int], problem: str, fix: str | None = None) -> Problem:
        file, line, label = self.where(path)
        return Problem(file, line, problem, fix=fix, key=label)


def _field_name(path: Iterable[str | int]) -> str:
    names = [str(part) for part in path if not isinstance(part, int)]
    return names[-1] if names else "the bank"


def _schema_message(error: jsonschema.ValidationError) -> tuple[str, str | None]:
    """What one schema error found, in a plain sentence, and the fix when there is one."""
    field = _field_name(error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    instance: Any = error.instance
    expected: Any = error.validator_value
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"the required field {missing!r} is missing", "add it"
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = [key for key in instance if key not in allowed]
        hints = []
        for key in unknown:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hints.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        return f"unknown field {', '.join(hints)}", f"allowed fields are: {', '.join(allowed)}"
    if error.validator == "enum":
        return f"{field} is {error.instance!r}", f"it must be one of: {', '.join(map(str, expected))}"
    if error.validator == "pattern":
        if field == "page":
            return f"page {error.instance!r} must be a page under docs/ such as risks.md or risks.md#section", None
        return f"{field} {error.instance!r} must use only lower-case letters, digits, _ and -", None
    if error.validator == "type":
        return f"{field} must be {error.validator_value}, not {type(error.instance).__name__} {error.instance!r}", None
    if error.validator == "minItems":
        return f"{field} needs at least {error.validator_value} item(s)", None
    if error.validator == "minLength":
        return f"{field} is empty", "write the text"
    return f"{field}: {error.message}", None


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def validate(doc: Yaml, references: set[str] | None = None, origins: list[Origin] | None = None) -> None:
    """Raise BankError with every problem in the bank, in file order.

    The schema comes first: when the bank's shape is wrong, its schema problems are all reported
    and the checks that rely on that shape are not run. Whether every question can be reached is
    checked only once everything else is right, as it needs sound show_if conditions."""
    locate = _Locator(doc, origins)
    data = doc.data
    found: list[Problem] = []
    seen: set[str] = set()
    for error in jsonschema.Draft202012Validator(_schema()).iter_errors(data):
        problem = locate(error.absolute_path, *_schema_message(error))
        if str(problem) not in seen:
            seen.add(str(problem))
            found.append(problem)
    if found:
        raise BankError(sorted(found, key=lambda p: (p.file, p.line or 0)))

    # The schema holds: the data has the compiled bank's shape, but for optional fields not yet
    # filled in (compile_bank does that), which the checks below read with .get().
    bank = cast(Bank, data)
    found += _check_questions(bank, locate, references)
    found += check_safety_net(bank, locate)
    if not found:
        found += check_reachable(bank, locate)
    if found:
        raise BankError(found)


def _check_questions(data: Bank, locate: _Locator, references: set[str] | None) -> list[Problem]:
    """Unique ids, follow-ups that name earlier questions and real options, red-flag options, sources."""
    found: list[Problem] = []
    seen_questions: dict[str, int] = {}
    for index, question in enumerate(data["questions"]):
        here = ("questions", index)
        if question["id"] in seen_questions:
            first = locate.place(("questions", seen_questions[question["id"]], "id"))
            found.append(
                locate(
                    (*here, "id"),
                    f"the question id {question['id']!r} is used twice (first at {first})",
                    "give each question a unique id",
                )
            )
        else:
            seen_questions[question["id"]] = index
        if "replaces" in question:
            found.append(
                locate(
                    (*here, "replaces"),
                    f"question {question['id']!r} says which question it replaces, "
                    "which only a bank that extends another can do",
                    "remove 'replaces:' (a full bank lists exactly its own questions), or start the file "
                    "with 'extends: default'",
                )
            )

        option_ids: list[str] = []
        for number, option in enumerate(question["options"]):
            if option["id"] in option_ids:
                found.append(
                    locate(
                        (*here, "options", number, "id"),
                        f"the option id {option['id']!r} is used twice",
                        "give each option of a question a unique id",
                    )
                )
            option_ids.append(option["id"])
            if option.get("exclusive") and not question.get("multiple"):
                found.append(
                    locate(
                        (*here, "options", number, "exclusive"),
                        "'exclusive' only applies to a question with 'multiple: true'",
                        "remove it",
                    )
                )

        condition = question.get("show_if")
        if condition:
            target = condition["question"]
            if target not in seen_questions or target == question["id"]:
                found.append(
                    locate(
                        (*here, "show_if", "question"),
                        f"show_if names question {target!r}, which is not asked before this one",
                        "name an earlier question's id",
                    )
                )
            else:
                target_options = [o["id"] for o in data["questions"][seen_questions[target]]["options"]]
                for number, named in enumerate(condition["any_of"]):
                    if named not in target_options:
                        found.append(
                            locate(
                                (*here, "show_if", "any_of", number),
                                f"show_if names option {named!r} of question {target!r}, which has no such option",
                                f"its options are: {', '.join(target_options)}",
                            )
                        )

        if question.get("red_flag"):
            if sorted(option_ids) != sorted(RED_FLAG_OPTIONS):
                found.append(
                    locate(
                        (*here, "options"),
                        "a red-flag question has exactly the options 'yes', 'not_sure' and 'no' (found "
                        f"{', '.join(map(repr, option_ids))}), so that every person can answer it and any doubt "
                        "shows crisis help",
                    )
                )
            for number, option in enumerate(question["options"]):
                outcome = option.get("outcome")
                tier = outcome["tier"] if outcome else None
                if option["id"] != "no" and tier != "urgent-help":
                    found.append(
                        locate(
                            (*here, "options", number),
                            f"option {option['id']!r} of a red-flag question gives {tier or 'no effect'}",
                            "every answer other than 'no' to a red-flag question must give urgent-help, so that "
                            "crisis help is shown",
                        )
                    )

        if references is not None:
            for number, source_id in enumerate(question["sources"]):
                if source_id not in references:
                    close = difflib.get_close_matches(source_id, sorted(references), n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    found.append(
                        locate(
                            (*here, "sources", number),
                            f"source {source_id!r} is not in data/references.yml{hint}",
                            "add it there or fix the id",
                        )
                    )
    return found


def check_safety_net(data: Bank, locate: _Locator) -> list[Problem]:
    """Every red-flag question of the default bank is in this bank, marked as one, and asked of
    everyone: not a follow-up, and not after an answer that ends the check."""
    found: list[Problem] = []
    questions = data["questions"]
    by_id = {q["id"]: index for index, q in enumerate(questions)}
    required = SAFETY_NET
    missing = [question_id for question_id in required if question_id not in by_id]
    if missing:
        found.append(
            locate(
                ("questions",),
                f"the red-flag question(s) {', '.join(map(repr, missing))} are missing. They ask about danger, "
                "suicide and self-harm, and show crisis help at once, so every bank must keep them",
                "put them back (remove them from 'remove:' in a bank that extends the default)",
            )
        )
    first_end = next(
        (index for index, q in enumerate(questions) if any(o.get("ends_check") for o in q["options"])), len(questions)
    )
    for index, question in enumerate(questions):
        if not question.get("red_flag") and question["id"] not in required:
            continue
        here = ("questions", index)
        if not question.get("red_flag"):
            found.append(locate(here, "this question is part of the safety net", "keep 'red_flag: true'"))
        if question.get("show_if"):
            found.append(
                locate(
                    (*here, "show_if"),
                    "a red-flag question must be asked of everyone",
                    "remove show_if (ask it of everyone, in its own words, instead of as a follow-up)",
                )
            )
        if index > first_end:
            found.append(
                locate(
                    here,
                    "a red-flag question must come before any answer that ends the check "
                    f"(question {questions[first_end]['id']!r} can end it), or some people are never asked it",
                    "move it earlier (a question added by a bank that extends another comes last, so write a "
                    "full bank to add a red flag of your own)",
                )
            )
    return found


def _quiet_choices(question: Question) -> list[list[str]]:
    """The single answers with no effect, tried when searching for an answer set with none."""
    return [[o["id"]] for o in question["options"] if not o.get("outcome")]


def _answer(question: Question, picked: list[str]) -> str | list[str]:
    return picked if question.get("multiple") else picked[0]


def unreachable_questions(data: Bank) -> list[int]:
    """Indexes of questions that no set of answers asks: for each question, the answers that show
    it are built by walking back its chain of follow-up conditions, choosing for every other
    question an answer that does not end the check."""
    questions = data["questions"]
    by_id = {q["id"]: q for q in questions}
    unreachable = []
    for index, question in enumerate(questions):
        needed: dict[str, list[str]] = {}
        current = question
        while condition := current.get("show_if"):
            target = by_id[condition["question"]]
            fits = [o for o in target["options"] if o["id"] in condition["any_of"] and not o.get("ends_check")]
            if not fits:
                break
            needed[target["id"]] = [fits[0]["id"]]
            current = target
        answers: dict[str, object] = {}
        for other in questions[:index]:
            if other["id"] in needed:
                answers[other["id"]] = _answer(other, needed[other["id"]])
                continue
            going_on = [o for o in other["options"] if not o.get("ends_check")] or other["options"]
            answers[other["id"]] = _answer(other, [going_on[0]["id"]])
        if question not in shown_questions(data, answers):
            unreachable.append(index)
    return unreachable


def answers_without_effect(data: Bank) -> dict[str, object] | None:
    """A complete set of answers in which no answer has an effect, if there is one (the only case
    where the fallback reason is given); None when every set of answers gives a reason."""

    def search(answers: dict[str, object]) -> dict[str, object] | None:
        missing = [q for q in shown_questions(data, answers) if q["id"] not in answers]
        if not missing:
            return answers
        question = missing[0]
        for picked in _quiet_choices(question):
            found = search({**answers, question["id"]: _answer(question, picked)})
            if found is not None:
                return found
        return None

    return search({})


def check_reachable(data: Bank, locate: _Locator) -> list[Problem]:
    """No question that no set of answers asks, and a fallback exactly when one can be given."""
    found = [
        locate(
            ("questions", index),
            "no set of answers asks this question (its show_if condition cannot be met, or an earlier "
            "answer always ends the check)",
            "fix the condition or remove it",
        )
        for index in unreachable_questions(data)
    ]
    quiet = answers_without_effect(data)
    if quiet is not None and not data.get("fallback"):
        found.append(
            locate(
                ("questions",),
                f"the answers {json.dumps(quiet)} have no effect, so the result needs a reason to give",
                "add a 'fallback' with a reason, or give one of these answers an outcome",
            )
        )
    if quiet is None and data.get("fallback"):
        found.append(
            locate(
                ("fallback",),
                "the fallback can never be given: every set of answers has an effect. "
                "Remove 'fallback' (the rules page would promise a result no one can get)",
            )
        )
    return found


def page_url(page: str) -> str:
    """The site-root-relative URL MkDocs gives a docs/ page (directory URLs), keeping any #anchor."""
    path, _, anchor = page.partition("#")
    stem = path[: -len(".md")]
    if stem == "index":
        url = ""
    elif stem.endswith("/index"):
        url = stem[: -len("index")]
    else:
        url = stem + "/"
    return url + (f"#{anchor}" if anchor else "")


def linked_pages(bank: Bank) -> list[str]:
    """Every docs/ page the bank links to (without anchors), for the site build to check."""
    fallback = bank.get("fallback")
    links: list[Link | None] = [fallback.get("link") if fallback else None]
    for question in bank["questions"]:
        outcomes = [option.get("outcome") for option in question["options"]]
        links.extend(outcome.get("link") for outcome in outcomes if outcome)
    return sorted({link["page"].partition("#")[0] for link in links if link})


def compile_bank(data: Mapping[str, Any]) -> Bank:
    """The validated bank as plain data for the engine and the page, with links made into URLs."""
    compiled: Bank = json.loads(json.dumps(data))  # a deep copy that is certainly JSON-safe

    def resolve(link: Link | None) -> None:
        if link:
            link["url"] = page_url(link["page"])

    compiled.setdefault("fallback", None)
    if compiled["fallback"]:
        resolve(compiled["fallback"].get("link"))
    for question in compiled["questions"]:
        question.setdefault("multiple", False)
        question.setdefault("show_if", None)
        question.setdefault("red_flag", False)
        for option in question["options"]:
            option.setdefault("exclusive", False)
            option.setdefault("ends_check", False)
            option.setdefault("outcome", None)
            if outcome := option["outcome"]:
                resolve(outcome.get("link"))
    return compiled


EXTENSION_KEYS = {"extends", "remove", "questions", "notice", "cannot_know", "ask", "fallback", "tiers"}


def _extend(path: Path, doc: Yaml, references: set[str] | None) -> dict[str, Any]:
    """Merge a bank that `extends` another: same-id questions replace, new ones are added, a new
    question with `replaces: ID` takes that question's place, and `remove` drops questions; any
    other key given replaces the base's. Then validate the result.

    A change the extension may not make (an unknown key, removing or replacing a protected
    question) is reported and left out, and the merged bank is still checked, so that every
    problem is reported at once."""
    data = cast(dict[str, Any], doc.data)  # load_bank has seen that it is a mapping
    source = str(path)
    found: list[Problem] = []

    def problem(key_path: tuple[str | int, ...], text: str, fix: str | None = None) -> None:
        found.append(Problem(source, doc.line(key_path), text, fix=fix))

    for key in data:
        if key not in EXTENSION_KEYS:
            close = difflib.get_close_matches(str(key), sorted(EXTENSION_KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problem(
                (key,),
                f"unknown field {key!r}{hint}",
                f"a bank that extends another may have: {', '.join(sorted(EXTENSION_KEYS))}",
            )
    base_name = data["extends"]
    if not isinstance(base_name, str):
        problem(("extends",), "extends must be 'default' or the path of a bank file")
        raise BankError(found)
    base_path = DEFAULT_BANK if base_name == "default" else (path.parent / base_name)
    base_doc = read_yaml(base_path)
    base: Any = base_doc.data
    if isinstance(base, dict) and "extends" in base:
        problem(("extends",), f"{base_path} itself extends another bank", "extend a full bank")
        raise BankError(found)
    try:
        validate(base_doc, references)
    except BankError as error:
        raise BankError(found + error.problems) from None

    merged = {key: value for key, value in base.items() if key != "questions"}
    merged_doc = Yaml(merged, source, {k: v for k, v in base_doc.lines.items() if k[:1] != ("questions",)})
    origins: list[Origin] = [(str(base_path), base_doc, index) for index in range(len(base["questions"]))]
    questions = list(base["questions"])
    for key, value in data.items():
        if key in EXTENSION_KEYS and key not in ("extends", "remove", "questions"):
            merged[key] = value
            merged_doc.lines.update({k: v for k, v in doc.lines.items() if k[:1] == (key,)})

    ids = [q.get("id") if isinstance(q, dict) else None for q in questions]
    removed = data.get("remove") or []
    if not isinstance(removed, list):
        problem(("remove",), "remove must be a list of question ids")
        removed = []
    kept_out = []
    for number, question_id in enumerate(removed):
        if question_id in SAFETY_NET:
            problem(
                ("remove", number),
                f"remove names the red-flag question {question_id!r}. The red-flag "
                "questions ask about danger, suicide and self-harm and show crisis help at once, so no bank "
                "may remove them",
                "take it out of 'remove:'",
            )
        elif question_id in PROTECTED:
            problem(
                ("remove", number),
                f"remove names {question_id!r}, which a bank that extends another keeps "
                "as it is (it guards a label contraindication or ends the check for someone under 18)",
                "take it out of 'remove:'",
            )
        elif question_id not in ids:
            problem(
                ("remove", number),
                f"remove names question {question_id!r}, which is not in {base_path.name}",
                f"its questions are: {', '.join(map(str, ids))}",
            )
        else:
            kept_out.append(question_id)
    extra = data.get("questions") or []
    if not isinstance(extra, list):
        problem(("questions",), "questions must be a list")
        extra = []
    replaced: dict[str, int] = {}  # base question id -> the number of the question that replaces it
    for number, question in enumerate(extra):
        question_id = question.get("id") if isinstance(question, dict) else None
        origin = (source, doc, number)
        if isinstance(question, dict) and "replaces" in question:
            target = _replacement_target(
                question["replaces"],
                ("questions", number, "replaces"),
                question_id,
                ids,
                removed,
                replaced,
                number,
                base_path,
                problem,
            )
            if target is not None:
                replaced[target] = number
                at = ids.index(target)
                # 'replaces' says where the question goes; the merged bank is a full bank without it.
                questions[at] = {key: value for key, value in question.items() if key != "replaces"}
                origins[at], ids[at] = origin, question_id
            continue
        if question_id in PROTECTED:
            what = (
                "a red-flag question"
                if question_id in SAFETY_NET
                else "a question that guards a label contraindication or the under-18 result"
            )
            problem(
                ("questions", number),
                f"question {question_id!r} is {what}, which a bank that extends another "
                "keeps exactly as the base has it",
                "give your question a new id, or write a full bank",
            )
            continue
        if question_id is not None and question_id in ids:
            at = ids.index(question_id)
            questions[at], origins[at] = question, origin
        else:
            questions.append(question)
            origins.append(origin)
            ids.append(question_id)
    keep = [i for i, question_id in enumerate(ids) if question_id is None or question_id not in kept_out]
    merged["questions"] = [questions[i] for i in keep]
    try:
        validate(merged_doc, references, [origins[i] for i in keep])
    except BankError as error:
        found += error.problems
    if found:
        raise BankError(found)
    return merged


def _replacement_target(
    target: object,
    key_path: tuple[str | int, ...],
    question_id: object,
    ids: list[Any],
    removed: list[Any],
    replaced: dict[str, int],
    number: int,
    base_path: Path,
    problem: Callable[..., None],
) -> str | None:
    """The base question that question `number` of an extending bank may replace, or None after
    reporting why it may not (a protected question, one not in the base, one already replaced or removed)."""
    if not isinstance(target, str):
        problem(key_path, "replaces must be the id of a question of the base bank", "write it as 'replaces: logistics'")
        return None
    if target in SAFETY_NET:
        problem(
            key_path,
            f"question {question_id!r} replaces the red-flag question {target!r}. The red-flag "
            "questions ask about danger, suicide and self-harm and show crisis help at once, so no bank may "
            "replace them",
            "take 'replaces:' out, and add your question beside them",
        )
    elif target in PROTECTED:
        problem(
            key_path,
            f"question {question_id!r} replaces {target!r}, which a bank that extends another keeps "
            "as it is (it guards a label contraindication or ends the check for someone under 18)",
            "take 'replaces:' out, and add your question beside it",
        )
    elif target in replaced:
        problem(
            key_path,
            f"question {target!r} is replaced twice (also by question {replaced[target] + 1} of 'questions:')",
            "let one question replace it",
        )
    elif target not in ids:
        problem(
            key_path,
            f"replaces names question {target!r}, which is not in {base_path.name}",
            f"its questions are: {', '.join(map(str, ids))}",
        )
    elif target in removed:
        problem(key_path, f"question {target!r} is both removed and replaced", "take it out of 'remove:'")
    elif question_id != target and question_id in ids:
        problem(
            key_path,
            f"question {question_id!r} replaces {target!r}, but the base already has a question {question_id!r}",
            "give your question a new id",
        )
    else:
        return target
    return None


def load_bank(path: Path | str = DEFAULT_BANK, references: set[str] | None = None) -> Bank:
    """Read, validate and compile a bank file. Raises BankError naming the file and every problem.

    A bank file with `extends: default` (or the path of another bank) changes that bank instead of
    replacing it: see EDITING.md, "Another bank, and `extends`".
    """
    path = Path(path)
    doc = read_yaml(path)
    if isinstance(doc.data, dict) and "extends" in doc.data:
        return compile_bank(_extend(path, doc, references))
    validate(doc, references)
    return compile_bank(cast(dict[str, Any], doc.data))


# ---- the bank in another language -----------------------------------------------------------------

# The bank's words: everything a person reads. A translation (translations/<language>/questions.yml)
# gives these and nothing else, by question and option id, so the rules are the same in every language.
TEXT_KEYS = frozenset(
    {
        "notice",
        "cannot_know",
        "ask",
        "title",
        "summary",
        "about",
        "next_steps",
        "text",
        "hint",
        "why",
        "label",
        "reason",
    }
)
TRANSLATION = "questions.yml"  # the default bank's translation, in translations/<language>/


def text_of(bank: Mapping[str, Any]) -> dict[str, Any]:
    """The bank's text in the shape a translation is written in (see EDITING.md, "The Spanish edition")."""
    return languages.project(dict(bank), TEXT_KEYS) or {}


def translation_files(bank_path: Path, language: str) -> list[Path]:
    """The files that give the text of the bank at `bank_path` in `language`: the kit's translation
    of the default bank, and, for a clinic's bank, its own beside it (questions.es.yml beside
    questions.yml), which a bank that `extends` the default needs only for what it adds or changes."""
    default = languages.folder(language) / TRANSLATION
    if Path(bank_path).resolve() == DEFAULT_BANK.resolve():
        return [default]
    own = Path(bank_path).with_name(f"{Path(bank_path).stem}.{language}{Path(bank_path).suffix}")
    doc = read_yaml(Path(bank_path))
    extends = isinstance(doc.data, dict) and doc.data.get("extends") in ("default", str(DEFAULT_BANK))
    return [default, own] if extends else [own]


def translate(bank: Bank, bank_path: Path, language: str) -> Bank:
    """The compiled bank with its text in `language`. Raises BankError, naming the file, the line
    and the id, for a translation that lacks a question, option or text of the bank, or has one the
    bank lacks: the logic is written once, in the English bank."""
    files = translation_files(bank_path, language)
    for path in files:
        if not path.is_file():
            raise BankError(
                Problem(
                    str(path),
                    None,
                    f"the question bank has no {languages.LANGUAGES.get(language, language)} text",
                    fix=f"write it in the shape of {TRANSLATION} in {languages.folder(language)} (EDITING.md, "
                    f'"The Spanish edition"), or leave {language!r} out of extra.clinic.languages',
                )
            )
    expected = text_of(bank)
    docs = [read_yaml(path) for path in files]
    if len(docs) == 1:
        doc = docs[0]
    else:
        # The default bank's text for what the clinic's bank keeps; the clinic's own file for the rest.
        base, own = (cast(dict[str, Any], d.data) if isinstance(d.data, dict) else {} for d in docs)
        merged = {key: value for key, value in base.items() if key in expected}
        for key, value in own.items():
            if key == "questions" and isinstance(value, dict):
                merged["questions"] = {
                    **{k: v for k, v in (base.get("questions") or {}).items() if k in expected.get("questions", {})},
                    **value,
                }
            else:
                merged[key] = value
        doc = problems.Yaml(merged, docs[1].file, docs[1].lines)
    found = languages.compare(expected, doc)
    if found:
        raise BankError(found)
    return cast(Bank, languages.apply(dict(bank), doc.data, TEXT_KEYS))
