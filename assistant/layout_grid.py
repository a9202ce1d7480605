"""The grid layout: a plan's tables read cell by cell (DOCX, and PDF with ruled tables).

Columns are recognised by their header wording, not by position ("Дейност"/"Дейности", "Срок
за изпълнение", "Отговорни институции"/"Отговорник", "Финансиране"/"Източници на
финансиране", "Очаквани резултати"/"Индикатори", "Мярка", "№"), so any column order works and
a header repeated on every page is skipped. Operational goals and measures may be full-width
rows, paragraphs between tables or a measure column whose cell is merged down its rows. A
column the plan does not have leaves its field empty, with a warning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from assistant import messages
from assistant.documents import Cell, Document
from assistant.draft import PlanDraft
from assistant.fields import DEADLINE, GOAL_HEADER, MEASURE_HEADER, is_page_line, split_institutions
from assistant.text import collapse_spaces

log = logging.getLogger(__name__)

# Header wording -> field; the first pattern that matches a header cell names its column.
HEADERS = (
    ("number", re.compile(r"^(?:№|no\.?|n|пореден)", re.IGNORECASE)),
    ("measure", re.compile(r"^(?:мярка|мерки)", re.IGNORECASE)),
    ("activity", re.compile(r"^(?:дейност|наименование на дейност)", re.IGNORECASE)),
    ("deadline", re.compile(r"^(?:срок|период)", re.IGNORECASE)),
    ("responsible", re.compile(r"^(?:отговорн|отговорник|изпълнител|партньор)", re.IGNORECASE)),
    ("funding", re.compile(r"^(?:източни|финансиран|бюджет|ресурс)", re.IGNORECASE)),
    ("results", re.compile(r"^(?:очакван|резултат|индикатор)", re.IGNORECASE)),
)
FIELD_NAMES = {
    "deadline": "Срок", "responsible": "Отговорни институции", "funding": "Източници на финансиране",
    "results": "Очаквани резултати",
}  # fmt: skip
_NON_WORD = re.compile(r"[^\w№ ]+")


def column_of(header: str) -> str | None:
    """The field a header cell names, or None."""
    text = collapse_spaces(_NON_WORD.sub(" ", header)).strip()
    if header.strip().startswith("№"):
        return "number"
    return next((field for field, pattern in HEADERS if pattern.match(text)), None)


def header_columns(cells: tuple[Cell, ...]) -> dict[str, int] | None:
    """Field -> column index when this row is a header row (names the activity and two more)."""
    if len(cells) < 3 or len({c.text for c in cells}) < 3:
        return None
    columns: dict[str, int] = {}
    for position, cell in enumerate(cells):
        field = column_of(cell.text) if len(cell.text) < 60 else None
        if field and field not in columns:
            columns[field] = position
    return columns if "activity" in columns and len(columns) >= 3 else None


def accepts(doc: Document) -> bool:
    """A document with table cells and a header row naming the plan's columns."""
    return any(header_columns(row) for table in doc.tables for row in table.rows)


def headless_plan_table(doc: Document) -> bool:
    """Tables with measures or goals in their cells but no header row naming the columns."""
    cells = (cell.text for table in doc.tables for row in table.rows for cell in row)
    return any(GOAL_HEADER.match(text) or MEASURE_HEADER.match(text) for text in cells)


def table_start(doc: Document) -> int | None:
    """Line index where the plan's table part begins: the first goal, or the first header row."""
    tables = doc.table_rows()
    for index, line in enumerate(doc.lines):
        cells = tables.get(index)
        if cells is None and GOAL_HEADER.match(line):
            return index
        if cells is not None and (header_columns(cells) or any(GOAL_HEADER.match(c.text) for c in cells)):
            return index
    return None


def join_wrapped(text: str, is_word: Callable[[str], bool]) -> str:
    """A cell's lines as one text: "обра-"/"зователни" loses its line-end hyphen when the whole
    is a known word, "психо-"/"физическите" keeps it (a word broken without a hyphen was already
    joined by the PDF reader, which sees the column's edge)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    joined = lines[0]
    for line in lines[1:]:
        left = re.search(r"(\w+)-$", joined)
        right = re.match(r"(\w+)", line)
        if left and right and line[:1].islower():
            whole = (left.group(1) + right.group(1)).lower()
            joined = joined[:-1] + line if is_word(whole) else joined + line
        else:
            joined += " " + line
    return collapse_spaces(joined)


def read_grid(doc: Document, start: int, is_word: Callable[[str], bool]) -> PlanDraft:
    """Read goals, measures and rows from the line at index `start` on."""
    reader = _GridReader(doc, is_word)
    for index in range(start, len(doc.lines)):
        reader.line(index)
    reader.finish()
    return reader.draft


class _GridReader:
    """Walks the document's lines; table rows are read through the current header's columns."""

    def __init__(self, doc: Document, is_word: Callable[[str], bool]) -> None:
        self.doc, self.is_word = doc, is_word
        self.draft = PlanDraft(file=doc.name)
        self.tables = doc.table_rows()
        self.fragment_starts = {t.first_line for t in doc.tables if t.continues_previous}
        self.columns: dict[str, int] | None = None
        self.open_title: str | None = None  # "goal" or "measure": the title lines just above
        self.numbered_measures = self._measure_column_numbered()
        self.previous_cells: tuple[Cell, ...] | None = None
        self.at_fragment_start = False
        self.carried: dict[int, str] = {}  # column -> text of a merged cell a page break cut

    def _measure_column_numbered(self) -> bool:
        """Whether measure cells start with "Мярка N" (else each new cell is the next measure)."""
        columns = None
        for table in self.doc.tables:
            for cells in table.rows:
                columns = header_columns(cells) or columns
                at = columns.get("measure") if columns else None
                if at is not None and at < len(cells) and MEASURE_HEADER.match(cells[at].text):
                    return True
        return False

    def line(self, index: int) -> None:
        if index in self.fragment_starts:
            self.at_fragment_start = True  # until its first row that is not a header
        cells = self.tables.get(index)
        if cells is None:
            text = collapse_spaces(self.doc.lines[index])
            if text and not is_page_line(text):
                self.heading(text, index + 1, in_table=False)
            return
        header = header_columns(cells)
        if header:
            self.columns = header  # the first header, or one repeated on a new page
            return
        at_fragment_start, self.at_fragment_start = self.at_fragment_start, False
        cells = self._carry_merges(cells, at_fragment_start)
        if at_fragment_start and self._continues_row(cells):
            self._extend_last_row(cells, index + 1)
            return
        number = self.columns.get("number") if self.columns else None
        filled = {c.text for i, c in enumerate(cells) if c.text and not c.continued and i != number}
        if len(filled) == 1 and self._is_heading_row(cells, next(iter(filled))):
            self.heading(join_wrapped(filled.pop(), self.is_word), index + 1, in_table=True)
            return
        if not filled:
            return  # an empty row, or one whose cells all continue from above
        if self.columns is None:
            raise self.draft.broken(index + 1, messages.GRID_NO_HEADER)
        self.open_title = None
        self.row(cells, index + 1)

    def _carry_merges(self, cells: tuple[Cell, ...], at_fragment_start: bool) -> tuple[Cell, ...]:
        """A cell merged over rows that a page break cuts shows its text on the first page only:
        its empty part on the next page carries the text on, until that column has a cell of its
        own."""
        previous = self.previous_cells
        if at_fragment_start and previous is not None:
            for column, cell in enumerate(cells[: len(previous)]):
                if not cell.text and (cell.spans or previous[column].spans) and previous[column].text:
                    self.carried[column] = previous[column].text
        out = []
        for column, cell in enumerate(cells):
            if column in self.carried and not cell.text and (cell.continued or at_fragment_start):
                out.append(Cell(self.carried[column], continued=True, spans=True))
            else:
                self.carried.pop(column, None)
                out.append(cell)
        return tuple(out)

    def _is_heading_row(self, cells: tuple[Cell, ...], text: str) -> bool:
        """A full-width row (one merged cell) or one whose only text is a goal or measure heading,
        or stands outside the activity column."""
        if all(c.text == text for c in cells):
            return True
        activity = self.columns.get("activity") if self.columns else None
        in_activity = activity is not None and activity < len(cells) and cells[activity].text == text
        return bool(GOAL_HEADER.match(text) or MEASURE_HEADER.match(text)) or not in_activity

    def heading(self, text: str, lineno: int, in_table: bool) -> None:
        """A paragraph or a full-width row: a goal, a measure, or the rest of a title above.

        A paragraph goes on the title opened just above it (a title wrapped over lines, or
        "Оперативна цел 4:" with its text in the next paragraph); any other paragraph (a
        signature, a note after the table) is not plan content."""
        if goal := GOAL_HEADER.match(text):
            self.draft.start_goal(int(goal[1]), text[goal.end() :], lineno)
            self.open_title = "goal"
        elif measure := MEASURE_HEADER.match(text):
            self.draft.start_measure(int(measure[1]), text[measure.end() :], lineno)
            self.open_title = "measure"
        elif self.open_title == "goal":
            self.draft.add_goal_title(text)
        elif self.open_title == "measure" or (in_table and self.draft.measure is not None):
            self.draft.add_measure_title(text, lineno)
        else:
            log.info("%s:%d: text outside the plan table ignored: %.60r", self.doc.name, lineno, text)

    def cell(self, cells: tuple[Cell, ...], field: str) -> str:
        assert self.columns is not None
        position = self.columns.get(field)
        if position is None or position >= len(cells):
            return ""
        return join_wrapped(cells[position].text, self.is_word)

    def row(self, cells: tuple[Cell, ...], lineno: int) -> None:
        assert self.columns is not None
        measure_at = self.columns.get("measure")
        if measure_at is not None and measure_at < len(cells) and cells[measure_at].text:
            self._measure_cell(cells[measure_at], lineno)
        activity = self.cell(cells, "activity")
        if not activity:
            self.draft.warnings.append(messages.GRID_ROW_WITHOUT_ACTIVITY.format(line=lineno))
            return
        deadline = self.cell(cells, "deadline")
        if deadline and not DEADLINE.fullmatch(deadline):
            log.warning("%s:%d: unusual deadline %r kept as written", self.doc.name, lineno, deadline)
        self.draft.add_row(
            activity=activity, deadline=deadline, funding=self.cell(cells, "funding"),
            responsible=split_institutions(self.cell(cells, "responsible")),
            results=self.cell(cells, "results"), line_start=lineno, line_end=lineno,
        )  # fmt: skip
        self.previous_cells = cells

    def _measure_cell(self, cell: Cell, lineno: int) -> None:
        if cell.continued:
            return  # the measure of the rows above goes on
        text = join_wrapped(cell.text, self.is_word)
        if measure := MEASURE_HEADER.match(text):
            self.draft.start_measure(int(measure[1]), text[measure.end() :], lineno)
        elif self.numbered_measures and self.draft.goal is not None and self.draft.measure is not None:
            parts = self.draft.measure_titles[(self.draft.goal, self.draft.measure)]
            if parts:  # a title cut by a page break: its last word may be cut too
                parts[-1] = join_wrapped(f"{parts[-1]}\n{cell.text}", self.is_word)
            else:
                parts.append(text)
        elif self.draft.goal is not None:
            taken = [m for g, m in self.draft.measure_titles if g == self.draft.goal]
            self.draft.start_measure(max(taken, default=0) + 1, text, lineno)

    def _continues_row(self, cells: tuple[Cell, ...]) -> bool:
        """Whether the first row of a table on a new page holds the rest of the row a page break
        cut (Word lets rows break across pages): its "№" is empty; its activity is empty or goes
        on in lower case; it has no deadline, institution or funding of its own; or the row above
        has an unfinished deadline ("Началото на"). An empty deadline alone is not enough: it is
        as often a deadline merged over rows that the break cut."""
        if self.columns is None or self.previous_cells is None or not any(c.text for c in cells):
            return False
        number = self.columns.get("number")
        if number is not None and number < len(cells):
            return not cells[number].text
        activity = self.cell(cells, "activity")
        if not activity or activity[:1].islower() or self.cell(cells, "results")[:1].islower():
            return True  # no row of a plan is without its activity, or starts mid-sentence
        own = [field for field in ("deadline", "responsible", "funding") if field in self.columns]
        if own and not any(self.cell(cells, field) for field in own):
            return True  # a row has its deadline or its institutions (merged ones are carried over)
        before = self.draft.rows[-1].deadline if self.draft.rows else ""
        return "deadline" in self.columns and bool(before) and not DEADLINE.fullmatch(before)

    def _extend_last_row(self, cells: tuple[Cell, ...], lineno: int) -> None:
        """Append the rest of each cell to the row (and measure title) the page break cut."""
        assert self.columns is not None
        measure_at = self.columns.get("measure")
        if measure_at is not None and measure_at < len(cells) and cells[measure_at].text:
            self._measure_cell(cells[measure_at], lineno)
        last = self.draft.rows[-1]
        last.activity = self._glue(last.activity, cells, "activity")
        last.deadline = self._glue(last.deadline, cells, "deadline")
        last.funding = self._glue(last.funding, cells, "funding")
        last.results = self._glue(last.results, cells, "results")
        more = self.cell(cells, "responsible")
        if more:
            last.responsible = split_institutions(" ".join([*last.responsible, more]))
        last.line_end = lineno

    def _glue(self, before: str, cells: tuple[Cell, ...], field: str) -> str:
        assert self.columns is not None
        position = self.columns.get(field)
        if position is None or position >= len(cells) or not cells[position].text or cells[position].continued:
            return before  # nothing more, or the merged cell the row already has
        return join_wrapped(f"{before}\n{cells[position].text}", self.is_word)

    def finish(self) -> None:
        if self.columns is None:
            return
        for field, name in FIELD_NAMES.items():
            if field not in self.columns:
                self.draft.warnings.append(messages.GRID_MISSING_COLUMN.format(column=name))
