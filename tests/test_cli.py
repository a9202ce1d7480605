"""The command line, run as a user runs it: `python -m assistant …` (issue 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.parse import load_corpus

REPO = Path(__file__).resolve().parent.parent
ROW_FIELDS = [
    "row_id", "municipality", "year", "goal", "goal_title", "measure", "measure_title", "activity",
    "deadline", "deadline_date", "funding", "responsible", "results", "source",
]  # fmt: skip


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=300,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_rows_jsonl_prints_one_object_per_row_with_the_row_fields():
    """`rows --format jsonl`: every row of the corpus, exactly the Row field names, Cyrillic not escaped."""
    done = run("rows", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == sum(len(plan.rows) for plan in load_corpus(REPO / "corpus"))
    first = json.loads(lines[0])
    assert list(first) == ROW_FIELDS
    assert "Казанлък" in lines[0] and "\\u" not in lines[0]
    assert first["responsible"] == ["Детски градини", "Училища"]


def test_rows_filters_by_year_and_municipality():
    """`--year 2024 --municipality Казанлък` gives that plan's rows only."""
    done = run("rows", "--year", "2024", "--municipality", "казанлък", "--format", "jsonl")
    years = {json.loads(line)["year"] for line in done.stdout.splitlines()}
    expected = sum(len(p.rows) for p in load_corpus(REPO / "corpus") if p.year == 2024)
    assert done.returncode == 0 and years == {2024} and len(done.stdout.splitlines()) == expected


def test_rows_table_is_a_readable_bulgarian_listing():
    """The default format labels every cell in Bulgarian and ends with the total."""
    done = run("rows", "--year", "2023")
    assert done.returncode == 0
    assert "2023 г. · Оперативна цел 1 · Мярка 1 · Дейност 1" in done.stdout
    for label in ("Дейност:", "Срок:", "Финансиране:", "Отговорни:", "Очаквани резултати:", "Източник:"):
        assert label in done.stdout
    assert "Финансиране: (не е посочено)" in done.stdout  # the one empty funding cell
    expected = sum(len(p.rows) for p in load_corpus(REPO / "corpus") if p.year == 2023)
    assert done.stdout.rstrip().endswith(f"Общо: {expected} дейности.")


def test_rows_for_an_absent_year_says_so():
    """No rows is an answer in Bulgarian, not an error."""
    done = run("rows", "--year", "1999")
    assert done.returncode == 0 and "Няма редове" in done.stdout


def test_help_is_in_bulgarian():
    """`--help` of the program and of `rows` speak Bulgarian."""
    main_help, rows_help = run("--help"), run("rows", "--help")
    assert "употреба:" in main_help.stdout and "Примери:" in main_help.stdout
    assert "само плановете за тази година" in rows_help.stdout
    assert "show this help" not in rows_help.stdout


def test_each_format_help_names_the_formats_of_its_command():
    """`ask --help` offers text and json, `rows --help` table and jsonl: never another command's formats."""
    ask_help, rows_help = run("ask", "--help").stdout, run("rows", "--help").stdout
    assert "text (" in ask_help and "json (" in ask_help and "table (" not in ask_help
    assert "table (" in rows_help and "jsonl (" in rows_help and "text (" not in rows_help


def test_bad_corpus_file_gives_a_bulgarian_error_and_exit_code_1(tmp_path):
    """A broken document: message on stderr, exit 1, no traceback."""
    (tmp_path / "счупен.txt").write_bytes(b"\x00\x01\x02" * 100)
    done = run("--corpus", str(tmp_path), "rows")
    assert done.returncode == 1
    assert "„счупен.txt“" in done.stderr and "Traceback" not in done.stderr


def test_console_script_is_declared():
    """pyproject declares the console script `planov-asistent`."""
    assert 'planov-asistent = "assistant.__main__:main"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
