"""Calendar, CSV and printable exports of a plan's rows (issue 11): real formats, exact text."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from assistant.export import calendar, printable, table_csv

REPO = Path(__file__).resolve().parent.parent


def unfold(ics: str) -> list[str]:
    """RFC 5545 content lines, folding undone."""
    return ics.replace("\r\n ", "").split("\r\n")


def test_the_calendar_has_one_all_day_event_per_dated_deadline(plans):
    rows = plans[2024].rows
    ics = calendar(rows, "План Казанлък 2024")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))  # folded
    lines = unfold(ics)
    dated = [r for r in rows if r.deadline_date]
    assert sum(line == "BEGIN:VEVENT" for line in lines) == len(dated) < len(rows)
    first = dated[0]
    assert f"DTSTART;VALUE=DATE:{first.deadline_date.replace('-', '')}" in lines
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary == "SUMMARY:" + first.activity.replace(",", "\\,").replace(";", "\\;")


def test_the_csv_opens_in_spreadsheets_with_cyrillic_and_no_formulas(plans):
    rows = list(plans[2024].rows[:3])
    rows[0] = replace(rows[0], activity="=HYPERLINK(\"http://x\")")
    text = table_csv(rows)
    assert text.startswith("\ufeffОбщина,Година")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(parsed) == 4 and parsed[0][4] == "Дейност"
    assert parsed[1][4] == "'=HYPERLINK(\"http://x\")" and parsed[2][4] == rows[1].activity


def test_the_printable_page_is_escaped_and_grouped(plans):
    rows = list(plans[2024].rows[:4])
    rows[0] = replace(rows[0], activity="<script>alert(1)</script>")
    page = printable(rows, "План")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert page.count("<h2>") == len({(r.goal, r.measure) for r in rows})


def test_export_from_the_command_line(tmp_path):
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-m", "assistant", "export", "--municipality", "Казанлък", "--year", "2024",
                           "--institution", "МКБППМН", "--format", "ics"],
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=300, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("BEGIN:VEVENT") >= 1 and "МКБППМН" in done.stdout
    missing = subprocess.run([sys.executable, "-m", "assistant", "export", "--municipality", "Трявна", "--year", "2024"],
                             cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=300, env=env)  # fmt: skip
    assert missing.returncode == 1 and "Трявна" in missing.stderr
