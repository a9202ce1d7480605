"""Stage 2: a Document becomes a Plan: its header and its activity Rows, ids and dates set."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant import layout_grid, layout_pdf, layout_table, messages
from assistant.corpus import plan_entries
from assistant.documents import Document
from assistant.draft import PlanDraft
from assistant.errors import CorpusError
from assistant.fields import GOAL_HEADER, MEASURE_HEADER, STRATEGIC_GOAL, deadline_date, is_page_line
from assistant.readers import read_document
from assistant.rows import Row, Source
from assistant.text import collapse_spaces, slug, vocabulary

log = logging.getLogger(__name__)

_DECISION = re.compile(r"\(?\s*(?:приет|утвърден|одобрен)\w*\s+с\s+(Решение[^)]*)\)?", re.I)
_TITLE_YEAR = re.compile(r"\bза\s+(20\d\d)\s*г", re.IGNORECASE)
# "в община Стара Загора за 2025 г.", "ОБЩИНА ТРЯВНА": one or two capitalised words
_TITLE_PLACE = re.compile(
    r"\b(?i:общин[аи])\s+([А-Я][\w-]+(?:[ -](?!(?i:за|в|във|на|през|по|от|и)\b)[А-Я][\w-]+)?)"
)


@dataclass(frozen=True)
class Passage:
    """A piece of a plan's header text (introduction, strategic goal), indexed beside rows."""

    passage_id: str  # "<municipality slug>/<year>/intro.<n>"
    municipality: str
    year: int
    kind: str  # "introduction" or "strategic_goal"
    text: str
    source: Source


@dataclass(frozen=True)
class Plan:
    """One yearly plan: header metadata and its activity rows in document order."""

    municipality: str
    year: int
    title: str
    decision: str  # the council decision that adopted the plan, as written
    strategic_goal: str
    introduction: str  # paragraphs joined by blank lines
    source_file: str
    layout: str  # "grid" (DOCX, PDF tables), "pdf-text" or "table-text"
    goals: dict[int, str]  # operational goal -> title
    rows: tuple[Row, ...]
    header_lines: tuple[int, int]  # line span of the header, for citing passages
    warnings: tuple[str, ...] = ()  # Bulgarian: what the reader could not find (a missing column)


@dataclass(frozen=True)
class Hints:
    """What the corpus manifest says about a file; used only where the document is silent."""

    municipality: str | None = None
    year: int | None = None


def parse_document(doc: Document, hints: Hints = Hints()) -> Plan:
    """Parse a plan document of any layout; the layout is recognized from the content."""
    if layout_grid.accepts(doc):
        start, layout = layout_grid.table_start(doc), "grid"
    elif layout_grid.headless_plan_table(doc):
        detail = messages.GRID_NO_HEADER
        raise CorpusError(messages.BROKEN_STRUCTURE.format(file=doc.name, line=doc.tables[0].first_line + 1, detail=detail))
    elif layout_table.accepts(doc):
        start, layout = layout_table.table_start(doc), "table-text"
    else:
        start, layout = _first_goal_line(doc), "pdf-text"
    if start is None:
        raise CorpusError(messages.NO_PLAN_TABLE.format(file=doc.name))
    log.info("%s: %s layout, table from line %d", doc.name, layout, start + 1)
    if layout == "grid":
        draft = layout_grid.read_grid(doc, start, _word_checker(doc))
    elif layout == "table-text":
        draft = layout_table.read_table(doc, start)
    else:
        draft = layout_pdf.read_pdf_text(doc, start, _word_checker(doc))
    header = _read_header(doc, start, hints)
    _check_structure(draft)
    rows = _rows(draft, header["municipality"], int(header["year"]))
    return Plan(
        municipality=header["municipality"], year=int(header["year"]), title=header["title"],
        decision=header["decision"], strategic_goal=header["strategic_goal"],
        introduction=header["introduction"], source_file=doc.name, layout=layout,
        goals=dict(draft.goals), rows=tuple(rows), header_lines=(1, start),
        warnings=tuple(draft.warnings),
    )  # fmt: skip


def _first_goal_line(doc: Document) -> int | None:
    goal = next((i for i, line in enumerate(doc.lines) if GOAL_HEADER.match(line)), None)
    has_measure = any(MEASURE_HEADER.match(line.strip()) for line in doc.lines)
    return goal if has_measure else None


def _word_checker(doc: Document) -> Callable[[str], bool]:
    """Known words: the document's own vocabulary, then a Bulgarian lemma dictionary.

    In table cells only the words inside a line count: a cell line's first and last words may
    be the halves of a word the column broke ("противообществе" / "ните")."""
    if doc.tables:
        cell_lines = [line for table in doc.tables for row in table.rows for cell in row for line in cell.text.split("\n")]
        own = vocabulary(" ".join(line.split()[1:-1]) for line in cell_lines)
        own |= vocabulary(line for i, line in enumerate(doc.lines) if i not in doc.table_rows())
    else:
        own = vocabulary(doc.lines)
    return lambda word: word in own or _dictionary_knows(word)


@lru_cache(maxsize=4096)
def _dictionary_knows(word: str) -> bool:
    import simplemma  # a Bulgarian word list with inflections (simplemma's bg dictionary)

    return bool(simplemma.is_known(word, lang="bg"))


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line.strip() or is_page_line(line):
            paragraphs.append([])
        elif "\t" not in line:
            paragraphs[-1].append(line.strip().strip("*").strip())
    return [collapse_spaces(" ".join(p)) for p in paragraphs if p]


def _read_header(doc: Document, start: int, hints: Hints) -> dict[str, str]:
    """Title, decision, introduction and strategic goal from the lines before the table."""
    paragraphs = _paragraphs(list(doc.lines[:start]))
    titled = next((i for i, p in enumerate(paragraphs) if _DECISION.search(p)), None)
    if titled is None:
        titled = next((i for i, p in enumerate(paragraphs) if p.lower().startswith("план")), None)
    title = decision = ""
    if titled is not None:
        decision_match = _DECISION.search(paragraphs[titled])
        title = paragraphs[titled][: decision_match.start()] if decision_match else paragraphs[titled]
        if not title.strip() and titled > 0:  # the decision stands in a paragraph of its own
            title = paragraphs[titled - 1]
        decision = decision_match.group(1).strip() if decision_match else ""
    goal_at = next((i for i, p in enumerate(paragraphs) if STRATEGIC_GOAL.match(p)), len(paragraphs))
    strategic_goal = STRATEGIC_GOAL.sub("", paragraphs[goal_at]) if goal_at < len(paragraphs) else ""
    intro_from = titled + 1 if titled is not None else 0
    # the title first, then any header paragraph ("ОБЩИНА ТРЯВНА" above the title), then the user
    year_match = next(filter(None, (_TITLE_YEAR.search(t) for t in (title, *paragraphs[:goal_at]))), None)
    place_match = next(filter(None, (_TITLE_PLACE.search(t) for t in (title, *paragraphs[:goal_at]))), None)
    year = year_match.group(1) if year_match else (str(hints.year) if hints.year else "")
    place = _place_name(place_match.group(1)) if place_match else ""
    if hints.municipality and place != hints.municipality:  # what the user says wins over a guess
        if place:
            log.warning("%s: title reads %r, given %r; the given name is used", doc.name, place, hints.municipality)
        place = hints.municipality
    missing = [what for value, what in ((place, messages.WHAT_MUNICIPALITY), (year, messages.WHAT_YEAR)) if not value]
    if missing:
        raise CorpusError(messages.PLAN_WITHOUT_PLACE_OR_YEAR.format(file=doc.name, what=" и ".join(missing)))
    if hints.year and int(year) != hints.year:
        log.warning("%s: title says %s, manifest says %s; the document wins", doc.name, year, hints.year)
    return {
        "title": collapse_spaces(title), "decision": decision, "year": year, "municipality": place,
        "strategic_goal": collapse_spaces(strategic_goal),
        "introduction": "\n\n".join(paragraphs[intro_from:goal_at]),
    }  # fmt: skip


def _place_name(written: str) -> str:
    """A place name as a name: "СТАРА ЗАГОРА" -> "Стара Загора"; "Казанлък" stays."""
    if not written.isupper():
        return written
    return re.sub(r"[^\s-]+", lambda m: m.group(0).capitalize(), written)


def _check_structure(draft: PlanDraft) -> None:
    """Goals numbered 1..n, measures in increasing order (some plans number them through the
    whole plan), and every measure has an activity."""
    if not draft.rows:
        raise CorpusError(messages.NO_PLAN_TABLE.format(file=draft.file))
    if sorted(draft.goals) != list(range(1, len(draft.goals) + 1)):
        raise draft.broken(1, messages.STRUCTURE_GOALS_ORDER.format(numbers=sorted(draft.goals)))
    with_rows = {(r.goal, r.measure) for r in draft.rows}
    for goal in draft.goals:
        numbers = [m for g, m in draft.measure_titles if g == goal]  # in document order
        if numbers != sorted(numbers):
            raise draft.broken(1, messages.STRUCTURE_MEASURES_ORDER.format(goal=goal, numbers=numbers))
        for number in numbers:
            if (goal, number) not in with_rows:
                raise draft.broken(1, messages.STRUCTURE_EMPTY_MEASURE.format(goal=goal, measure=number))


def _rows(draft: PlanDraft, municipality: str, year: int) -> list[Row]:
    counters: dict[tuple[int, int], int] = defaultdict(int)
    rows = []
    for raw in draft.rows:
        counters[(raw.goal, raw.measure)] += 1
        position = counters[(raw.goal, raw.measure)]
        rows.append(
            Row(
                row_id=f"{slug(municipality)}/{year}/{raw.goal}.{raw.measure}.{position}",
                municipality=municipality, year=year, goal=raw.goal,
                goal_title=draft.goals[raw.goal], measure=raw.measure,
                measure_title=draft.measure_title(raw.goal, raw.measure),
                activity=raw.activity, deadline=raw.deadline,
                deadline_date=deadline_date(raw.deadline), funding=raw.funding,
                responsible=tuple(raw.responsible), results=raw.results,
                source=Source(file=draft.file, line_start=raw.line_start, line_end=raw.line_end),
            )  # fmt: skip
        )
    return rows


def passages(plan: Plan, chunk_size: int = 500) -> list[Passage]:
    """The plan's introduction and strategic goal as passages, long text split for embedding."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=60)
    source = Source(file=plan.source_file, line_start=plan.header_lines[0], line_end=plan.header_lines[1])
    pieces = [("introduction", t) for t in splitter.split_text(plan.introduction)]
    if plan.strategic_goal:
        pieces.append(("strategic_goal", plan.strategic_goal))
    base = f"{slug(plan.municipality)}/{plan.year}"
    return [
        Passage(passage_id=f"{base}/{kind}.{n}", municipality=plan.municipality, year=plan.year,
                kind=kind, text=text, source=source)
        for n, (kind, text) in enumerate(pieces, 1)
    ]  # fmt: skip


def load_corpus(folder: Path) -> list[Plan]:
    """Parse every plan the corpus folder lists (corpus.plan_entries: manifest or .txt files)."""
    entries = plan_entries(folder)
    if not entries:
        raise CorpusError(messages.CORPUS_EMPTY.format(folder=folder))
    # a plan is named by its path inside the folder: "2024/plan.docx" and "2023/plan.docx" are two plans
    plans = [parse_document(read_document(e.path, e.path.relative_to(folder).as_posix()),
                            Hints(municipality=e.municipality, year=e.year)) for e in entries]  # fmt: skip
    return sorted(plans, key=lambda p: (p.municipality, p.year))
