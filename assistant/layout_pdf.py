"""The PDF-text layout: a row's six cells come one after another, each wrapped over lines.

A cell ends at a blank line or where a line starts with a space (pdftotext's mark of a new
text block), but cells also share lines ("Училища Детски градини Проведени мероприятия").
The deadline is the anchor: every activity row has exactly one, and its wording is regular
("Декември 2024 г.", "Началото на учебната 2024/2025", "При необходимост"). So the reader
finds the deadlines, and between two of them reads the previous row's funding, institutions
and results, then any headers and title fragments, then the next row's activity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant import messages
from assistant.documents import Document
from assistant.draft import PlanDraft
from assistant.errors import CorpusError
from assistant.fields import (
    DEADLINE,
    GOAL_HEADER,
    MEASURE_HEADER,
    is_page_line,
    split_closed_funding,
    starts_funding,
    take_institutions,
)
from assistant.text import collapse_spaces

Line = tuple[int, str]  # (1-based line number in the file, text)

_LINE_END_HYPHEN = re.compile(r"(\w+)-\s*$")
_FIRST_WORD = re.compile(r"^\s*(\w+\S*)(.*)$", re.DOTALL)  # a word with its punctuation
# A title-case word (not an abbreviation) starts a new cell inside a line.
_TITLE_WORD = re.compile(r"(?<![\w„\"(])[А-Я][а-я]")


@dataclass(frozen=True)
class Segment:
    """A run of lines that belongs to one cell (or to several glued cells)."""

    text: str
    first_line: int
    last_line: int


def join_hyphenated(lines: list[Line], is_word: Callable[[str], bool]) -> list[Line]:
    """Join words broken at line ends: "обра-" + "зователни" -> "образователни".

    The hyphen is dropped only when the joined word is a known word (`is_word`), the right
    part starts in lower case and the document does not use "<left>-" as a compound prefix
    elsewhere ("арт-терапия", "психо-социална"); otherwise it is a real hyphen and kept
    ("6-годишна", "културно-исторически"). The moved fragment stays on the first line, so
    line numbers remain true.
    """
    whole = "\n".join(t for _, t in lines)
    texts = [t for _, t in lines]
    emptied: set[int] = set()  # indexes of lines whose only word moved up
    for i in range(len(texts) - 1):
        m = _LINE_END_HYPHEN.search(texts[i])
        nxt = _FIRST_WORD.match(texts[i + 1])
        if not m or not nxt or not texts[i + 1][:1].strip():
            continue  # no broken word, or the next line is a new block
        left, right, rest = m.group(1), nxt.group(1), nxt.group(2)
        right_word = re.match(r"\w+", right).group(0)  # type: ignore[union-attr]
        compound_prefix = re.search(rf"(?<!\w){re.escape(left)}-\w", whole, re.IGNORECASE)
        keep = (
            left[-1].isdigit()
            or not right[:1].islower()
            or compound_prefix is not None
            or not is_word((left + right_word).lower())
        )
        texts[i] = texts[i][: m.start()] + (f"{left}-{right}" if keep else left + right) + " "
        texts[i + 1] = rest.strip()
        if not texts[i + 1]:
            emptied.add(i + 1)
    # subtle: a line emptied by the move must not read as a blank line (a cell boundary)
    return [(n, t) for i, ((n, _), t) in enumerate(zip(lines, texts, strict=True)) if i not in emptied]


class _Stream:
    """The table as one string, with a map from character offsets back to file lines."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.starts: list[int] = []
        offset = 0
        for _, text in lines:
            self.starts.append(offset)
            offset += len(text) + 1
        self.text = "\n".join(t for _, t in lines)

    def line_index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def segments(self, start: int, end: int) -> list[Segment]:
        """Split text[start:end] into segments at blank lines, indented lines and headers."""
        result: list[Segment] = []
        parts: list[str] = []
        first = last = 0

        def close() -> None:
            text = collapse_spaces(" ".join(parts))
            if text:
                result.append(Segment(text, first, last))
            parts.clear()

        for i in range(self.line_index(start), self.line_index(max(start, end - 1)) + 1):
            line_no, line = self.lines[i]
            lo = max(start - self.starts[i], 0)
            piece = line[lo : max(0, min(len(line), end - self.starts[i]))]
            new_block = not piece.strip() or (
                lo == 0 and (piece[:1].isspace() or GOAL_HEADER.match(piece) or MEASURE_HEADER.match(piece))
            )
            if new_block:
                close()
            if piece.strip():
                if not parts:
                    first = line_no
                parts.append(piece)
                last = line_no
        close()
        return result


def _deadlines(stream: _Stream) -> list[re.Match[str]]:
    """Deadline cells: a deadline followed, on its line, by nothing, funding or institutions."""
    found = []
    for m in DEADLINE.finditer(stream.text):
        if m.start() > 0 and stream.text[m.start() - 1].isalnum():
            continue
        line_end = stream.text.find("\n", m.end())
        after = stream.text[m.end() : line_end if line_end >= 0 else None].strip()
        if not after or starts_funding(after) or take_institutions(after)[0]:
            found.append(m)
    return found


def read_pdf_text(doc: Document, start: int, is_word: Callable[[str], bool]) -> PlanDraft:
    """Read the table that starts at line index `start` (the first operational goal)."""
    lines = [(i + 1, t) for i, t in enumerate(doc.lines) if i >= start and not is_page_line(t)]
    stream = _Stream(join_hyphenated(lines, is_word))
    draft = PlanDraft(file=doc.name)
    deadlines = _deadlines(stream)
    if not deadlines:
        raise CorpusError(messages.NO_PLAN_TABLE.format(file=doc.name))
    cursor = 0
    pending: list[Segment] = []  # segments before the current deadline
    for number, deadline in enumerate(deadlines):
        between = stream.segments(cursor, deadline.start())
        if number > 0:
            between = _finish_row(draft, pending, between, doc.name, last=False)
        activity = _read_headers(draft, between)
        if not activity:
            line = stream.lines[stream.line_index(deadline.start())][0]
            raise draft.broken(line, messages.STRUCTURE_DEADLINE_ALONE)
        pending = [*activity, Segment(collapse_spaces(deadline.group(0)), 0, 0)]
        cursor = deadline.end()
    leftover = _finish_row(draft, pending, stream.segments(cursor, len(stream.text)), doc.name, last=True)
    if leftover:
        raise CorpusError(
            messages.TRUNCATED_TABLE.format(
                file=doc.name, line=leftover[0].first_line, detail=messages.STRUCTURE_TEXT_AFTER_LAST_ROW
            )
        )
    return draft


def _finish_row(
    draft: PlanDraft, head: list[Segment], tail: list[Segment], file: str, *, last: bool
) -> list[Segment]:
    """Read funding, institutions and results from `tail`; add the row; return what is left."""
    *activity, deadline = head
    tail = list(tail)
    funding = ""
    if tail:
        closed = split_closed_funding(tail[0].text)
        if closed:
            funding, rest = closed
            tail[0] = Segment(rest, tail[0].first_line, tail[0].last_line)
            if not rest:
                tail.pop(0)
        elif starts_funding(tail[0].text) or (
            not take_institutions(tail[0].text)[0] and len(tail) > 1 and take_institutions(tail[1].text)[0]
        ):
            funding = tail.pop(0).text
    responsible: list[str] = []
    results = ""
    while tail:
        names, rest = take_institutions(tail[0].text)
        if not names:
            break
        responsible.extend(names)
        segment = tail.pop(0)
        if rest:
            results = rest
            end_line = segment.last_line
            break
    if not results and tail and responsible:
        segment = tail.pop(0)
        results, end_line = segment.text, segment.last_line
    if not responsible or not results:
        line = (tail[0].first_line if tail else activity[-1].last_line) if activity else 0
        what = messages.STRUCTURE_NO_RESPONSIBLE if not responsible else messages.STRUCTURE_NO_RESULTS
        template = messages.TRUNCATED_TABLE if last and not tail else messages.BROKEN_STRUCTURE
        raise CorpusError(template.format(file=file, line=line, detail=messages.STRUCTURE_NOT_FOUND.format(what=what)))
    draft.add_row(
        activity=" ".join(s.text for s in activity), deadline=deadline.text, funding=funding,
        responsible=responsible, results=results,
        line_start=activity[0].first_line, line_end=end_line,
    )  # fmt: skip
    return tail


def _read_headers(draft: PlanDraft, segments: list[Segment]) -> list[Segment]:
    """Apply goal/measure headers and title fragments; return the activity's segments."""
    activity: list[Segment] = []
    awaiting: str | None = None  # "goal" or "measure": a header whose text is in the next segment
    for seg in segments:
        if activity:
            activity.append(seg)  # an activity cell split by a blank line
        elif goal := GOAL_HEADER.match(seg.text):
            draft.start_goal(int(goal[1]), seg.text[goal.end() :], seg.first_line)
            awaiting = None if seg.text[goal.end() :].strip() else "goal"
        elif measure := MEASURE_HEADER.match(seg.text):
            draft.start_measure(int(measure[1]), seg.text[measure.end() :], seg.first_line)
            awaiting = None if seg.text[measure.end() :].strip() else "measure"
        elif awaiting == "goal":
            draft.add_goal_title(seg.text)
            awaiting = None
        elif awaiting == "measure":
            draft.add_measure_title(seg.text, seg.first_line)
            awaiting = None
        elif seg.text[:1].islower():
            # A measure title's rest, displaced by a page break: lower case, before any activity.
            # An activity may follow on the same line; it starts with a capitalised word.
            split = _TITLE_WORD.search(seg.text)
            tail = seg.text[: split.start()] if split else seg.text
            draft.add_measure_title(tail, seg.first_line)
            if split:
                activity.append(Segment(seg.text[split.start() :], seg.first_line, seg.last_line))
        else:
            activity.append(seg)
    return activity
