"""The table-text layout: one table row per line, cells separated by TAB (word-processor export).

Rows: "Мярка N: title⇥activity⇥deadline⇥funding⇥institutions⇥results"; continuation rows of a
measure leave the first cell empty; a title's rest can sit in the first cell of a later row or
on a row of its own with the other cells empty.
"""

from __future__ import annotations

import logging
import re

from assistant import messages
from assistant.documents import Document
from assistant.draft import PlanDraft
from assistant.errors import CorpusError
from assistant.fields import DEADLINE, GOAL_HEADER, MEASURE_HEADER, split_institutions
from assistant.text import collapse_spaces

log = logging.getLogger(__name__)

COLUMNS = 6  # Мярка, Дейности, Срок, Финансиране, Отговорни, Резултати
_TAG = re.compile(r"</?p\s*>", re.IGNORECASE)


def accepts(doc: Document) -> bool:
    """Several lines with at least four TABs: a table exported one row per line."""
    return sum(line.count("\t") >= COLUMNS - 2 for line in doc.lines) >= 3


def table_start(doc: Document) -> int | None:
    """Index of the first line of the table: the first operational goal (in a table row)."""
    for i, line in enumerate(doc.lines):
        if "\t" in line and GOAL_HEADER.match(_clean(line.split("\t")[0])):
            return i
    return None


def _clean(cell: str) -> str:
    return collapse_spaces(_TAG.sub(" ", cell))


def _cells(line: str) -> list[str]:
    cells = [_clean(c) for c in line.split("\t")]
    # The leading empty cell of a continuation row is sometimes lost (a blank line before it):
    # then the deadline stands second instead of third.
    if len(cells) == COLUMNS - 1 and DEADLINE.fullmatch(cells[1]) and not DEADLINE.fullmatch(cells[2]):
        cells = ["", *cells]
    while len(cells) > COLUMNS and not cells[-1]:
        cells.pop()
    return cells


def read_table(doc: Document, start: int) -> PlanDraft:
    """Read the rows of the table starting at line index `start`."""
    draft = PlanDraft(file=doc.name)
    pending_goal_title = False
    numbered = [(i, line) for i, line in enumerate(doc.lines) if i >= start and line.strip()]
    for position, (index, line) in enumerate(numbered):
        lineno = index + 1
        cells = _cells(line)
        if len(cells) == 1:
            cells = [cells[0], "", "", "", "", ""]  # a title line that lost its TABs
        if len(cells) != COLUMNS:
            is_last = position == len(numbered) - 1
            detail = messages.STRUCTURE_CELL_COUNT.format(cells=len(cells), columns=COLUMNS)
            template = messages.TRUNCATED_TABLE if is_last else messages.BROKEN_STRUCTURE
            raise CorpusError(template.format(file=doc.name, line=lineno, detail=detail))
        first, activity, deadline, funding, responsible, results = cells
        if goal := GOAL_HEADER.match(first):
            draft.start_goal(int(goal[1]), first[goal.end() :], lineno)
            pending_goal_title = not first[goal.end() :].strip()
        elif measure := MEASURE_HEADER.match(first):
            draft.start_measure(int(measure[1]), first[measure.end() :], lineno)
            pending_goal_title = False
        elif first and pending_goal_title:
            draft.add_goal_title(first)  # "Оперативна цел 4:" and its text on separate lines
            pending_goal_title = False
        elif first:
            draft.add_measure_title(first, lineno)  # the rest of the current measure's title
        if not activity:
            if any((deadline, funding, responsible, results)):
                raise draft.broken(lineno, messages.STRUCTURE_ROW_WITHOUT_ACTIVITY)
            continue
        if not deadline:
            raise draft.broken(lineno, messages.STRUCTURE_ROW_WITHOUT_DEADLINE)
        if not DEADLINE.fullmatch(deadline):
            log.warning("%s:%d: unusual deadline %r kept as written", doc.name, lineno, deadline)
        draft.add_row(
            activity=activity, deadline=deadline, funding=funding,
            responsible=split_institutions(responsible), results=results,
            line_start=lineno, line_end=lineno,
        )  # fmt: skip
    return draft
