"""What a layout reader collects from a plan's table before it becomes Rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant import messages
from assistant.errors import CorpusError
from assistant.text import collapse_spaces


@dataclass
class DraftRow:
    """One activity row as read, cells already cleaned."""

    goal: int
    measure: int
    activity: str
    deadline: str
    funding: str
    responsible: list[str]
    results: str
    line_start: int
    line_end: int


@dataclass
class PlanDraft:
    """The table of one plan: goals, measures (title parts) and rows, in document order.

    Titles are collected as parts because documents split them: the rest of a measure title
    can appear after a page break, or even after the measure's activities.
    """

    file: str
    goals: dict[int, str] = field(default_factory=dict)  # goal -> title
    measure_titles: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    rows: list[DraftRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # Bulgarian, shown when a plan is added
    goal: int | None = None  # the goal being read
    measure: int | None = None  # the measure being read (inside `goal`)

    def broken(self, line: int, detail: str) -> CorpusError:
        return CorpusError(messages.BROKEN_STRUCTURE.format(file=self.file, line=line, detail=detail))

    def start_goal(self, number: int, title: str, line: int) -> None:
        if number in self.goals:
            raise self.broken(line, messages.STRUCTURE_GOAL_TWICE.format(goal=number))
        self.goals[number] = collapse_spaces(title)
        self.goal, self.measure = number, None

    def add_goal_title(self, text: str) -> None:
        assert self.goal is not None
        self.goals[self.goal] = collapse_spaces(f"{self.goals[self.goal]} {text}")

    def start_measure(self, number: int, title: str, line: int) -> None:
        if self.goal is None:
            raise self.broken(line, messages.STRUCTURE_MEASURE_BEFORE_GOAL.format(measure=number))
        key = (self.goal, number)
        if key in self.measure_titles:
            raise self.broken(line, messages.STRUCTURE_MEASURE_TWICE.format(measure=number, goal=self.goal))
        self.measure_titles[key] = [title] if title.strip() else []
        self.measure = number

    def add_measure_title(self, text: str, line: int) -> None:
        if self.goal is None or self.measure is None:
            raise self.broken(line, messages.STRUCTURE_MEASURE_TEXT_FIRST)
        if text.strip():
            self.measure_titles[(self.goal, self.measure)].append(text)

    def add_row(
        self, *, activity: str, deadline: str, funding: str, responsible: list[str],
        results: str, line_start: int, line_end: int,
    ) -> None:  # fmt: skip
        if self.goal is None or self.measure is None:
            raise self.broken(line_start, messages.STRUCTURE_ACTIVITY_FIRST)
        self.rows.append(
            DraftRow(
                goal=self.goal, measure=self.measure, activity=collapse_spaces(activity),
                deadline=collapse_spaces(deadline), funding=collapse_spaces(funding),
                responsible=responsible, results=collapse_spaces(results),
                line_start=line_start, line_end=line_end,
            )  # fmt: skip
        )

    def measure_title(self, goal: int, measure: int) -> str:
        return collapse_spaces(" ".join(self.measure_titles[(goal, measure)]))
