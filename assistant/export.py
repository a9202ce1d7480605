"""Rows out of the assistant: an iCalendar of deadlines, a CSV table and a printable page.

Pure functions from rows to text, shared by the CLI and the chat. The plan's words go out
exactly as written; only each format's own escaping is added (RFC 5545 for .ics, a quote mark
before a cell a spreadsheet would read as a formula, HTML escaping for the page).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import groupby

from assistant import messages
from assistant.rows import Row

PRODUCT_ID = "-//Planov asistent//plan-assistant//BG"
CSV_COLUMNS = ("municipality", "year", "goal", "measure", "activity", "deadline", "funding", "responsible", "results", "source")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def calendar(rows: Sequence[Row], name: str) -> str:
    """An iCalendar (RFC 5545) with one all-day event per row that has a dated deadline; rows
    "при необходимост" have no date and are left out (the caller says how many)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text(name)}"]  # fmt: skip
    for row in rows:
        if not row.deadline_date:
            continue
        day = date.fromisoformat(row.deadline_date)
        description = messages.EXPORT_EVENT_DESCRIPTION.format(
            municipality=row.municipality, year=row.year, goal=row.goal, measure=row.measure,
            deadline=row.deadline, responsible=", ".join(row.responsible), results=row.results,
        )  # fmt: skip
        lines += [
            "BEGIN:VEVENT",
            f"UID:{row.row_id.replace('/', '-')}@plan-assistant",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(row.activity)}",
            f"DESCRIPTION:{_ics_text(description)}",
            *([f"CATEGORIES:{','.join(_ics_text(n) for n in row.responsible)}"] if row.responsible else []),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _ics_text(text: str) -> str:
    """TEXT escaping of RFC 5545 (3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1), never inside a character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def table_csv(rows: Sequence[Row]) -> str:
    """A CSV of the rows with Bulgarian headers, UTF-8 with a BOM so spreadsheet programs read
    Cyrillic right; a cell that a spreadsheet would take for a formula starts with a quote mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([messages.EXPORT_COLUMNS[c] for c in CSV_COLUMNS])
    for row in rows:
        values = [row.municipality, row.year, row.goal, row.measure, row.activity, row.deadline, row.funding,
                  ", ".join(row.responsible), row.results, str(row.source)]  # fmt: skip
        writer.writerow([_safe_cell(str(v)) for v in values])
    return "\ufeff" + buffer.getvalue()


def _safe_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def printable(rows: Sequence[Row], title: str) -> str:
    """One printable HTML page: the rows grouped by goal and measure, for a meeting or a notice board."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='bg'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title><style>{_PRINT_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
    ]
    for (municipality, year, goal, measure), group in groupby(rows, key=lambda r: (r.municipality, r.year, r.goal, r.measure)):
        items = list(group)
        heading = messages.EXPORT_MEASURE.format(municipality=municipality, year=year, goal=goal, measure=measure)
        parts.append(f"<h2>{e(heading)}</h2><p class='measure'>{e(items[0].measure_title)}</p><ul>")
        for row in items:
            detail = messages.EXPORT_ROW.format(deadline=row.deadline, responsible=", ".join(row.responsible))
            parts.append(f"<li>{e(row.activity)}<br><small>{e(detail)}</small></li>")
        parts.append("</ul>")
    parts.append(f"<p class='source'>{e(messages.EXPORT_FOOTER)}</p></body></html>")
    return "".join(parts)


_PRINT_CSS = (
    "body{font:11pt/1.35 sans-serif;margin:1.5cm} h1{font-size:15pt} h2{font-size:12pt;margin:10pt 0 2pt}"
    " .measure{font-style:italic;margin:0 0 4pt} li{margin-bottom:4pt} small{color:#333}"
    " .source{font-size:9pt;color:#555} @page{margin:1.5cm}"
)
