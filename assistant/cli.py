"""The command line: `python -m assistant <command>`; the only module that writes to stdout."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from assistant import messages
from assistant.diff import diff_plans
from assistant.errors import AssistantError, CorpusError
from assistant.export import calendar, table_csv
from assistant.export import printable as printable_page
from assistant.index import build_index, open_index
from assistant.library import add_plan, list_plans, plans_of, read_plan_file, remove_plan
from assistant.metrics import load_questions
from assistant.parse import load_corpus
from assistant.question_memory import question_set_name
from assistant.retrieve import Retriever, SearchResult
from assistant.rows import Row
from assistant.settings import Settings
from assistant.text import printable
from assistant.understand import check_question

log = logging.getLogger("assistant")



def _translate_argparse() -> None:
    argparse._ = lambda text: messages.ARGPARSE_BG.get(text, text)  # type: ignore[attr-defined]


MAX_K = 50  # rows a search may list
MAX_QUESTIONS_BYTES = 10 * 1024 * 1024  # a question set is a few hundred lines


def _add_format(parser: argparse.ArgumentParser, choices: tuple[str, ...], default: str) -> None:
    parser.add_argument("--format", choices=choices, default=default, help=messages.cli_format_help(choices))


def _count(text: str) -> int:
    """--k: a whole number from 1 to MAX_K (argparse turns the ValueError into a Bulgarian error)."""
    value = int(text)
    if not 1 <= value <= MAX_K:
        raise argparse.ArgumentTypeError(messages.CLI_K_RANGE.format(limit=MAX_K))
    return value


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
    _add_format(rows, ("table", "jsonl"), "table")

    commands.add_parser("build", help=messages.CLI_BUILD_HELP, description=messages.CLI_BUILD_HELP)

    search = commands.add_parser("search", help=messages.CLI_SEARCH_HELP, description=messages.CLI_SEARCH_HELP)
    search.add_argument("question", help=messages.CLI_QUESTION_HELP)
    search.add_argument("--k", type=_count, default=5, help=messages.CLI_K_HELP)
    search.add_argument("--year", type=int, help=messages.CLI_YEAR_HELP)
    search.add_argument("--municipality", help=messages.CLI_MUNICIPALITY_HELP)
    _add_format(search, ("table", "json"), "table")
    search.add_argument("--explain", action="store_true", help=messages.CLI_EXPLAIN_HELP)

    ask = commands.add_parser("ask", help=messages.CLI_ASK_HELP, description=messages.CLI_ASK_HELP)
    ask.add_argument("question", help=messages.CLI_QUESTION_HELP)
    ask.add_argument("--year", type=int, help=messages.CLI_YEAR_HELP)
    ask.add_argument("--municipality", help=messages.CLI_MUNICIPALITY_HELP)
    ask.add_argument("--audience", choices=("any", "parent", "teacher", "staff"), default="any",
                     help=messages.CLI_AUDIENCE_HELP)  # fmt: skip
    _add_format(ask, ("text", "json"), "text")

    serve = commands.add_parser("serve", help=messages.CLI_SERVE_HELP, description=messages.CLI_SERVE_HELP)
    serve.add_argument("--host", default="127.0.0.1", help=messages.CLI_HOST_HELP)
    serve.add_argument("--port", type=int, default=7860, help=messages.CLI_PORT_HELP)

    add = commands.add_parser("add", help=messages.CLI_ADD_HELP, description=messages.CLI_ADD_HELP)
    add.add_argument("file", type=Path, help=messages.CLI_ADD_FILE_HELP)
    add.add_argument("--municipality", help=messages.CLI_ADD_MUNICIPALITY_HELP)
    add.add_argument("--year", type=int, help=messages.CLI_ADD_YEAR_HELP)
    add.add_argument("--replace", action="store_true", help=messages.CLI_ADD_REPLACE_HELP)

    remove = commands.add_parser("remove", help=messages.CLI_REMOVE_HELP, description=messages.CLI_REMOVE_HELP)
    remove.add_argument("--municipality", required=True, help=messages.CLI_MUNICIPALITY_HELP)
    remove.add_argument("--year", type=int, required=True, help=messages.CLI_YEAR_HELP)

    listing = commands.add_parser("plans", help=messages.CLI_PLANS_HELP, description=messages.CLI_PLANS_HELP)
    _add_format(listing, ("table", "json"), "table")

    changes = commands.add_parser("diff", help=messages.CLI_DIFF_HELP, description=messages.CLI_DIFF_HELP)
    changes.add_argument("--municipality", required=True, help=messages.CLI_MUNICIPALITY_HELP)
    changes.add_argument("--from", dest="from_year", type=int, required=True, help=messages.CLI_DIFF_FROM_HELP)
    changes.add_argument("--to", dest="to_year", type=int, required=True, help=messages.CLI_DIFF_TO_HELP)
    _add_format(changes, ("text", "json"), "text")

    export = commands.add_parser("export", help=messages.CLI_EXPORT_HELP, description=messages.CLI_EXPORT_HELP)
    export.add_argument("--municipality", required=True, help=messages.CLI_MUNICIPALITY_HELP)
    export.add_argument("--year", type=int, required=True, help=messages.CLI_YEAR_HELP)
    export.add_argument("--institution", help=messages.CLI_INSTITUTION_HELP)
    export.add_argument("--format", choices=("ics", "csv", "html"), default="ics", help=messages.CLI_EXPORT_FORMAT_HELP)

    evaluate = commands.add_parser("eval", help=messages.CLI_EVAL_HELP, description=messages.CLI_EVAL_HELP)
    evaluate.add_argument("--questions", type=Path, required=True, help=messages.CLI_QUESTIONS_HELP)
    evaluate.add_argument("--k", type=_count, default=5, help=messages.CLI_K_HELP)
    evaluate.add_argument("--fusion", choices=("weighted", "rrf"), help=messages.CLI_FUSION_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; Bulgarian errors go to stderr with exit code 1."""
    return run(build_parser().parse_args(argv))


def configure_logging(args: argparse.Namespace) -> None:
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def settings_of(args: argparse.Namespace) -> Settings:
    return Settings.from_env(corpus=args.corpus, fusion=getattr(args, "fusion", None))


def run(args: argparse.Namespace) -> int:
    """Run a parsed command (all but `serve`, which __main__ hands to ui.py)."""
    configure_logging(args)
    _utf8_stdout()
    try:
        settings = settings_of(args)
        command = _COMMANDS.get(args.command)
        if command is not None:
            return command(settings, args)
    except AssistantError as error:
        return report_error(error)
    except BrokenPipeError:  # `assistant rows | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


def report_error(error: AssistantError) -> int:
    """The Bulgarian message on stderr (the English detail in the debug log); the exit code."""
    log.debug("command failed", exc_info=error)
    print(printable(str(error)), file=sys.stderr)
    return 1


def _say(text: str) -> None:
    """Print for a person: control characters from a plan never reach the terminal."""
    print(printable(text))


def _say_json(data: object, indent: int | None = None) -> None:
    """Print JSON; C1 control characters (json leaves them raw) are escaped too."""
    print(json.dumps(data, ensure_ascii=False, indent=indent).translate(_C1_ESCAPES))


_C1_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def _utf8_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8")


def _rows(settings: Settings, args: argparse.Namespace) -> int:
    rows = [row for plan in load_corpus(settings.corpus) for row in plan.rows]
    if args.year is not None:
        rows = [r for r in rows if r.year == args.year]
    if args.municipality:
        wanted = args.municipality.casefold()
        rows = [r for r in rows if r.municipality.casefold() == wanted]
    if args.format == "jsonl":
        for row in rows:
            _say_json(row.to_dict())
        return 0
    if not rows:
        _say(messages.CLI_NO_ROWS)
        return 0
    for row in rows:
        _say(format_row(row))
    _say(messages.CLI_ROWS_TOTAL.format(count=len(rows)))
    return 0


def _add(settings: Settings, args: argparse.Namespace) -> int:
    name, data = read_plan_file(args.file)
    change = add_plan(
        settings, name, data, municipality=args.municipality, year=args.year, replace=args.replace,
        progress=_progress,
    )  # fmt: skip
    for warning in change.warnings:
        _say(messages.CLI_WARNING.format(warning=warning))
    template = messages.CLI_REPLACED if change.replaced else messages.CLI_ADDED
    _say(template.format(**asdict(change.plan)))
    return 0


def _remove(settings: Settings, args: argparse.Namespace) -> int:
    change = remove_plan(settings, args.municipality, args.year, progress=_progress)
    _say(messages.CLI_REMOVED.format(**asdict(change.plan)))
    return 0


def _plans(settings: Settings, args: argparse.Namespace) -> int:
    plans = list_plans(settings)
    if args.format == "json":
        _say_json([asdict(p) for p in plans], indent=2)
        return 0
    _say(messages.CLI_PLANS_HEADER)
    for plan in plans:
        _say(messages.CLI_PLANS_LINE.format(**asdict(plan), added_text=plan.added or "—"))
    return 0


def _build(settings: Settings, args: argparse.Namespace) -> int:
    build_index(settings, progress=_progress)
    return 0


def _diff(settings: Settings, args: argparse.Namespace) -> int:
    plans = load_corpus(settings.corpus)
    before, after = (plans_of(plans, args.municipality, year)[0] for year in (args.from_year, args.to_year))
    changes = diff_plans(before.rows, after.rows)
    if args.format == "json":
        _say_json([c.to_dict() for c in changes], indent=2)
        return 0
    _say(messages.DIFF_HEADER.format(municipality=args.municipality, before=args.from_year, after=args.to_year,
                                     count=len(changes)))  # fmt: skip
    for change in changes:
        _say(messages.DIFF_LINE.format(goal=change.goal, measure=change.measure, field=messages.DIFF_FIELDS[change.field],
                                       kind=messages.DIFF_KINDS[change.kind]))  # fmt: skip
        if change.before:
            _say(messages.DIFF_BEFORE.format(text=change.before))
        if change.after:
            _say(messages.DIFF_AFTER.format(text=change.after))
    return 0


def _export(settings: Settings, args: argparse.Namespace) -> int:
    plan = plans_of(load_corpus(settings.corpus), args.municipality, args.year)[0]
    rows = [r for r in plan.rows if not args.institution or args.institution in r.responsible]
    if args.format == "ics":
        text = calendar(rows, messages.EXPORT_CALENDAR_NAME.format(municipality=plan.municipality, year=plan.year))
        undated = sum(1 for r in rows if not r.deadline_date)
        if undated:
            print(messages.EXPORT_UNDATED.format(count=undated), file=sys.stderr)
    elif args.format == "csv":
        text = table_csv(rows)
    else:
        text = printable_page(rows, messages.EXPORT_TITLE.format(municipality=plan.municipality, year=plan.year))
    sys.stdout.write(text)
    return 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _retriever(settings: Settings) -> Retriever:
    from assistant.embedding import load_model

    index = open_index(settings, progress=_progress)
    return Retriever(index, load_model(settings.model), fusion=settings.fusion)


def _search(settings: Settings, args: argparse.Namespace) -> int:
    check_question(args.question)  # before the model loads: a bad question fails at once
    result = _retriever(settings).search(args.question, k=args.k, year=args.year, municipality=args.municipality)
    if args.format == "json":
        _say_json(_result_json(result, args.explain), indent=2)
        return 0
    if args.explain:
        _say(messages.EXPLAIN_QUERY.format(**_query_explanation(result)))
    if result.abstained:
        _say(messages.SEARCH_NOT_COVERED)
        if args.explain:
            _say(messages.EXPLAIN_REASON.format(reason=result.reason))
        return 0
    for number, hit in enumerate(result.hits, 1):
        _say(f"[{number}] " + format_row(hit.row))
        if args.explain:
            signals = json.dumps(hit.evidence.as_dict(), ensure_ascii=False)
            _say(messages.EXPLAIN_SIGNALS.format(score=hit.score, signals=signals))
    return 0


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.answer import Audience, compose

    check_question(args.question)
    result = _retriever(settings).search(args.question, k=8, year=args.year, municipality=args.municipality)
    answer = compose(result, Audience(args.audience))
    if args.format == "json":
        _say_json(answer.to_dict(), indent=2)
    else:
        _say(answer.text)
    return 0


def _query_explanation(result: SearchResult) -> dict[str, str]:
    q = result.query
    return {
        "text": q.text,
        "corrections": ", ".join(f"{a}→{b}" for a, b in q.corrections) or "—",
        "concepts": ", ".join(q.concepts) or "—",
        "expansions": "; ".join(q.expansions) or "—",
        "years": ", ".join(map(str, q.years)) or "—",
        "institutions": ", ".join(q.institutions) or "—",
        "evidence": json.dumps(result.evidence.as_dict() if result.evidence else {}, ensure_ascii=False),
    }


def _result_json(result: SearchResult, explain: bool) -> dict[str, object]:
    data: dict[str, object] = {
        "question": result.query.question,
        "abstained": result.abstained,
        "hits": [
            {"rank": n, "score": h.score, "row": h.row.to_dict(), **({"signals": h.evidence.as_dict()} if explain else {})}
            for n, h in enumerate(result.hits, 1)
        ],
    }
    if explain:
        data["query"] = _query_explanation(result)
        data["reason"] = result.reason
    return data


def _eval(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.evaluation import failures, faithfulness, run_all

    try:
        if not args.questions.is_file() or args.questions.stat().st_size > MAX_QUESTIONS_BYTES:
            raise CorpusError(messages.QUESTIONS_NOT_A_SET.format(file=args.questions, limit_mb=MAX_QUESTIONS_BYTES >> 20))
        with open(args.questions, encoding="utf-8") as stream:
            questions = load_questions(stream, args.questions.name)
    except OSError as exc:
        raise CorpusError(messages.FILE_NOT_FOUND.format(file=args.questions)) from exc
    if not questions:
        raise CorpusError(messages.QUESTIONS_EMPTY.format(file=args.questions))
    # a set is never scored with its own questions remembered (the memory learned from eval/ sets)
    whole = _retriever(settings)
    retriever = whole.leaving_out(question_set_name(args.questions), [q.question for q in questions])
    runs, searches = run_all(retriever, settings, questions, args.k)
    system, abstention, wrong = messages.EVAL_COLUMNS
    header = f"{system:<30} {'n':>3} {'recall@k':>9} {'hit@k':>7} {'MRR':>7} {abstention:>11}  {wrong}"
    _say(messages.EVAL_TITLE.format(file=args.questions.name, k=args.k))
    left, total = retriever.memory.size, whole.memory.size
    _say((messages.EVAL_MEMORY_LEFT_OUT if left < total else messages.EVAL_MEMORY_UNTOUCHED).format(left=left, total=total))
    _say(header)
    _say("-" * len(header))
    for run in runs:
        s = run.summary(args.k)
        _say(f"{run.name:<30} {s['n']:>3} {s['recall_at_k']:>9.4f} {s['hit_at_k']:>7.4f} {s['mrr']:>7.4f} "
              f"{s['abstention_accuracy']:>11.4f}  {' '.join(failures(questions, run)) or '—'}")  # fmt: skip
    product = runs[0].summary(args.k)
    product["faithfulness"], problems = faithfulness(searches)
    for problem in problems:
        _say(messages.EVAL_UNFAITHFUL.format(problem=problem))
    _say_json(product)
    return 0


_COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "rows": _rows, "build": _build, "search": _search, "ask": _ask, "eval": _eval,
    "add": _add, "remove": _remove, "plans": _plans, "diff": _diff, "export": _export,
}  # fmt: skip


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
