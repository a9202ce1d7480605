"""Real plan documents for the tests: the bundled rows written as Word files (python-docx) in the
layouts municipalities use, moved to another town and year, and turned into PDF by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from assistant.rows import Row

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LAYOUTS = ("merged-rows", "per-goal", "no-results")
# Column widths (cm) as plans set them: the activity wide, the deadline narrow. `narrow` tables
# give every column the same width, so the renderer must break long words without a hyphen.
WIDTHS = {
    "№": 1.0, "Мярка": 4.5, "Дейности": 8.0, "Дейност": 7.0, "Срок за изпълнение": 2.5, "Срок": 2.5,
    "Отговорни институции": 4.0, "Отговорник": 3.5, "Източници на финансиране": 3.5, "Финансиране": 3.5,
    "Очаквани резултати": 5.0, "Индикатори за изпълнение": 4.5,
}  # fmt: skip


def title(municipality: str, year: int) -> str:
    return (
        "План на дейностите за подкрепа за личностно развитие на децата и учениците "
        f"в община {municipality} за {year} г."
    )


def write_docx(
    path: Path, rows: Sequence[Row], municipality: str, year: int, layout: str = "merged-rows",
    heading: str | None = None, narrow: bool = False,
) -> Path:  # fmt: skip
    """A plan in one of LAYOUTS:

    merged-rows: one table, a "№" column, goals and measures ("Мярка 1.2.") as full-width rows;
    per-goal: goals as paragraphs, one table per goal, columns in another order, the measure in
      its own column merged down its rows, equal deadlines merged down, the header repeated on
      every page;
    no-results: like merged-rows without the "Очаквани резултати" column.
    """
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    document.add_paragraph(heading if heading is not None else title(municipality, year))
    document.add_paragraph("СТРАТЕГИЧЕСКА ЦЕЛ: Подкрепа за личностно развитие на всяко дете и ученик.")
    if layout == "per-goal":
        _per_goal(document, rows)
    else:
        _merged_rows(document, rows, with_results=layout != "no-results")
    if not narrow:
        for table in document.tables:
            _set_widths(table)
    document.add_paragraph("Изготвил: експерт „Образование“")
    document.save(path)
    return path


def _merged_rows(document: docx.document.Document, rows: Sequence[Row], with_results: bool) -> None:
    header = ["№", "Дейности", "Срок за изпълнение", "Отговорни институции", "Източници на финансиране"]
    if with_results:
        header.append("Очаквани резултати")
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    _fill(table.rows[0], header)
    _repeat_header(table.rows[0])
    number = 0
    for goal, goal_rows in groupby(rows, key=lambda r: r.goal):
        goal_rows = list(goal_rows)
        _full_width(table, f"Оперативна цел {goal}: {goal_rows[0].goal_title}")
        for measure, measure_rows in groupby(goal_rows, key=lambda r: r.measure):
            measure_rows = list(measure_rows)
            _full_width(table, f"Мярка {goal}.{measure}. {measure_rows[0].measure_title}")
            for row in measure_rows:
                number += 1
                values = [str(number), row.activity, row.deadline, "\n".join(row.responsible), row.funding]
                if with_results:
                    values.append(row.results)
                _fill(table.add_row(), values)


def _per_goal(document: docx.document.Document, rows: Sequence[Row]) -> None:
    header = ["Мярка", "Дейност", "Отговорник", "Срок", "Финансиране", "Индикатори за изпълнение"]
    for goal, goal_rows in groupby(rows, key=lambda r: r.goal):
        goal_rows = list(goal_rows)
        document.add_paragraph(f"Оперативна цел {goal}: {goal_rows[0].goal_title}")
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        _fill(table.rows[0], header)
        _repeat_header(table.rows[0])
        for measure, measure_rows in groupby(goal_rows, key=lambda r: r.measure):
            measure_rows = list(measure_rows)
            first = len(table.rows)
            for row in measure_rows:
                values = ["", row.activity, "\n".join(row.responsible), row.deadline, row.funding, row.results]
                _fill(table.add_row(), values)
            merged = table.cell(first, 0).merge(table.cell(len(table.rows) - 1, 0))
            merged.text = f"Мярка {measure}: {measure_rows[0].measure_title}"
            _merge_equal_runs(table, first, [row.deadline for row in measure_rows], column=3)


def _merge_equal_runs(table: docx.table.Table, first: int, values: list[str], column: int) -> None:
    """Merge the cells of a column down over each run of equal values (one "Срок" for several
    activities, as plans often write it)."""
    start = 0
    for end in range(1, len(values) + 1):
        if end == len(values) or values[end] != values[start]:
            if end - start > 1:
                merged = table.cell(first + start, column).merge(table.cell(first + end - 1, column))
                merged.text = values[start]
            start = end


def _set_widths(table: docx.table.Table) -> None:
    table.autofit = False
    header = [cell.text for cell in table.rows[0].cells]
    for column, name in zip(table.columns, header, strict=True):
        column.width = Cm(WIDTHS[name])
    for row in table.rows:
        for cell, name in zip(row.cells, header, strict=True):
            cell.width = Cm(WIDTHS[name])


def _fill(row: docx.table._Row, values: Sequence[str]) -> None:
    for cell, value in zip(row.cells, values, strict=True):
        lines = value.split("\n")
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def _full_width(table: docx.table.Table, text: str) -> None:
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    merged.text = text


def _repeat_header(row: docx.table._Row) -> None:
    """Mark a row as the table's header, repeated by Word and LibreOffice on every page."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def to_pdf(source: Path, folder: Path) -> Path:
    """Convert with LibreOffice headless (a real renderer, as municipalities export from Word)."""
    assert SOFFICE, "LibreOffice is needed: test.sh installs it"
    profile = folder / ".lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / (source.stem + ".pdf")
