"""The command line: `python -m assistant <command>`; the only module that writes to stdout."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant import messages
from assistant.errors import AssistantError
from assistant.parse import load_corpus
from assistant.rows import Row
from assistant.settings import Settings

log = logging.getLogger("assistant")

# argparse's own words, in Bulgarian (argparse looks them up through gettext at run time).
_ARGPARSE_BG = {
    "usage: ": "употреба: ",
    "positional arguments": "команди и аргументи",
    "options": "опции",
    "show this help message and exit": "показва тази помощ и излиза",
    "the following arguments are required: %s": "липсват задължителни аргументи: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "невалиден избор: %(value)r (изберете от %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: грешка: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "невалидна стойност: %(value)r",
    "unrecognized arguments: %s": "непознати аргументи: %s",
    "expected one argument": "очаква се една стойност",
}


def _translate_argparse() -> None:
    argparse._ = lambda text: _ARGPARSE_BG.get(text, text)  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    _translate_argparse()
    parser = argparse.ArgumentParser(
        prog="assistant",
        description=messages.CLI_DESCRIPTION,
        epilog=messages.CLI_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpus", type=Path, help=messages.CLI_CORPUS_HELP)
    parser.add_argument("-v", "--verbose", action="store_true", help=messages.CLI_VERBOSE_HELP)
    commands = parser.add_subparsers(dest="command", required=True, metavar="команда")
    rows = commands.add_parser("rows", help=messages.CLI_ROWS_HELP, description=messages.CLI_ROWS_HELP)
    rows.add_argument("--year", type=int, help=messages.CLI_YEAR_HELP)
    rows.add_argument("--municipality", help=messages.CLI_MUNICIPALITY_HELP)
    rows.add_argument("--format", choices=("table", "jsonl"), default="table", help=messages.CLI_FORMAT_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; Bulgarian errors go to stderr with exit code 1."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    settings = Settings.from_env(corpus=args.corpus)
    _utf8_stdout()
    try:
        if args.command == "rows":
            return _rows(settings, args)
    except AssistantError as error:
        log.debug("command failed", exc_info=True)
        print(str(error), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `assistant rows | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


def _utf8_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8")


def _rows(settings: Settings, args: argparse.Namespace) -> int:
    rows = [row for plan in load_corpus(settings.corpus) for row in plan.rows]
    if args.year:
        rows = [r for r in rows if r.year == args.year]
    if args.municipality:
        wanted = args.municipality.casefold()
        rows = [r for r in rows if r.municipality.casefold() == wanted]
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row.to_dict(), ensure_ascii=False))
        return 0
    if not rows:
        print(messages.CLI_NO_ROWS)
        return 0
    for row in rows:
        print(format_row(row))
    print(messages.CLI_ROWS_TOTAL.format(count=len(rows)))
    return 0


def format_row(row: Row) -> str:
    """A readable Bulgarian block for one row."""
    return "\n".join(
        [
            messages.ROW_HEADER.format(year=row.year, goal=row.goal, measure=row.measure, position=row.position),
            messages.ROW_ACTIVITY.format(text=row.activity),
            messages.ROW_DEADLINE.format(text=row.deadline),
            messages.ROW_FUNDING.format(text=row.funding or messages.NOT_STATED),
            messages.ROW_RESPONSIBLE.format(text=", ".join(row.responsible)),
            messages.ROW_RESULTS.format(text=row.results),
            messages.ROW_SOURCE.format(text=str(row.source)),
            "",
        ]
    )
