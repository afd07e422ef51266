"""`python -m quiz`: try the question bank and the engine from a terminal.

    python -m quiz questions [--json] [--bank FILE] [--lang es]    list the questions and their options
    python -m quiz evaluate ANSWERS.json [--bank FILE] [--lang es]  print the result as JSON
    python -m quiz check [--bank FILE] [--lang es]                  validate a bank file

--bank and --lang may also come before the command. --lang gives the bank's text in that language
(translations/es/questions.yml for the default bank); the questions and the rules are the same.

ANSWERS.json maps question ids to option ids, with a list for a multiple-choice question:
    {"danger_now": "no", "sedatives": ["opioids"], ...}
A problem is printed as one line on standard error, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sitekit.languages import LANGUAGES, SOURCE

from .bank import DEFAULT_BANK, BankError, load_bank, translate
from .engine import AnswerError, evaluate


def _questions(bank: dict, as_json: bool) -> str:
    if as_json:
        return json.dumps(
            [
                {
                    "id": q["id"],
                    "text": q["text"],
                    "multiple": q["multiple"],
                    "show_if": q["show_if"],
                    "options": [
                        {"id": o["id"], "label": o["label"], "tier": (o["outcome"] or {}).get("tier")}
                        for o in q["options"]
                    ],
                }
                for q in bank["questions"]
            ],
            indent=2,
        )
    lines = []
    for number, q in enumerate(bank["questions"], start=1):
        extra = " (choose all that apply)" if q["multiple"] else ""
        if q["show_if"]:
            extra += f" (only if {q['show_if']['question']} is {' or '.join(q['show_if']['any_of'])})"
        lines.append(f"{number:2}. {q['id']}: {q['text']}{extra}")
        for o in q["options"]:
            effect = f"  -> {o['outcome']['tier']}" if o["outcome"] else ""
            lines.append(f"      {o['id']}: {o['label']}{effect}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    bank_help = "a question bank file (default: %(default)s)"
    parser = argparse.ArgumentParser(prog="python -m quiz", description="Try the self-check's bank and engine.")
    parser.add_argument("--bank", type=Path, default=DEFAULT_BANK, help=bank_help)
    parser.add_argument(
        "--lang", choices=list(LANGUAGES), default=SOURCE, help="the language of the text (default: %(default)s)"
    )
    # --bank and --lang after the command too (`check --bank FILE`); SUPPRESS keeps one given before it.
    after = argparse.ArgumentParser(add_help=False)
    after.add_argument("--bank", type=Path, default=argparse.SUPPRESS, help="a question bank file")
    after.add_argument("--lang", choices=list(LANGUAGES), default=argparse.SUPPRESS, help="the language of the text")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("questions", parents=[after], help="list the questions and options")
    listing.add_argument("--json", action="store_true", help="print JSON for tools")
    evaluating = commands.add_parser("evaluate", parents=[after], help="print the result for a file of answers")
    evaluating.add_argument("answers", type=Path, help="a JSON file: {question_id: option_id or [option_id, ...]}")
    commands.add_parser("check", parents=[after], help="validate the bank and say so")
    args = parser.parse_args(argv)

    try:
        bank = load_bank(args.bank)
        if args.lang != SOURCE:
            bank = translate(bank, args.bank, args.lang)
    except BankError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if args.command == "questions":
        print(_questions(bank, args.json))
    elif args.command == "check":
        print(f"{args.bank}: {len(bank['questions'])} questions, no problems found")
    else:
        try:
            answers = json.loads(args.answers.read_text(encoding="utf-8"))
        except OSError as error:
            print(f"error: {args.answers}: cannot read the answers: {error.strerror}", file=sys.stderr)
            return 2
        except ValueError as error:
            print(f"error: {args.answers}: not valid JSON ({error})", file=sys.stderr)
            return 2
        try:
            result = evaluate(bank, answers)
        except AnswerError as error:
            print(f"error: {args.answers}: {error}", file=sys.stderr)
            return 2
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
