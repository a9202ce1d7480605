"""The one record every stage shares: an activity row of a plan, plus JSONL read/write."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, TextIO


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where a row stands in its corpus file, so an answer can cite it."""

    file: str  # corpus file name, e.g. "kazanlak-2024.txt"
    line_start: int  # first line of the row (1-based, inclusive)
    line_end: int  # last line of the row (inclusive)

    def __str__(self) -> str:
        return f"{self.file}:{self.line_start}-{self.line_end}"


@dataclass(frozen=True, kw_only=True)
class Row:
    """One activity row of a yearly plan, with every cell exactly as the plan words it."""

    row_id: str  # stable: "<municipality slug>/<year>/<goal>.<measure>.<n>"
    municipality: str  # from the plan title, e.g. "Казанлък"
    year: int  # from the plan title, e.g. 2024
    goal: int  # "Оперативна цел N"
    goal_title: str  # the operational goal's text
    measure: int  # "Мярка N", numbered inside its goal
    measure_title: str  # the full title, joined when the document splits it
    activity: str  # column "Дейности"
    deadline: str  # column "Срок за изпълнение", as written
    deadline_date: str | None  # ISO date read from the deadline, None when it names no date
    funding: str  # column "Източници на финансиране"; "" when the cell is empty
    responsible: tuple[str, ...]  # "Отговорни институции", one entry per institution
    results: str  # column "Очаквани резултати"
    source: Source

    @property
    def position(self) -> int:
        """The row's number inside its measure (1-based)."""
        return int(self.row_id.rsplit(".", 1)[1])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with exactly the Row field names."""
        data = asdict(self)
        data["responsible"] = list(self.responsible)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        """The inverse of `to_dict`."""
        values = dict(data)
        values["responsible"] = tuple(values["responsible"])
        values["source"] = Source(**values["source"])
        return cls(**values)


def write_jsonl(rows: Iterable[Row], stream: TextIO) -> None:
    """Write rows as JSON Lines in UTF-8, Cyrillic kept readable."""
    for row in rows:
        stream.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")


def read_jsonl(stream: TextIO) -> Iterator[Row]:
    """Read rows written by `write_jsonl`."""
    for line in stream:
        if line.strip():
            yield Row.from_dict(json.loads(line))
