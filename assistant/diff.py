"""What changed between two plans of one municipality: activities added, removed and reworded.

Measures are aligned by their goal and measure numbers; inside a measure, activities by their
wording (the most similar pair first), so an inserted row does not shift the rest. Compared
fields: activity, measure title (once per measure), responsible, funding, deadline, results.
Not changes: the expected shift of years in deadlines ("Декември 2023 г." -> "Декември 2024 г.",
"2023/2024" -> "2024/2025"), and pure form: Latin letters that look like Cyrillic ones ("VI" /
"VІ"), spacing, a trailing full stop or "г.".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import groupby

from assistant.rows import Row

FIELDS = ("activity", "measure_title", "responsible", "funding", "deadline", "results")
SAME_ACTIVITY = 0.6  # difflib ratio above which two wordings are one activity, reworded
# Latin letters that look like Cyrillic ones: a plan typed in two keyboards is the same text
_LOOK_ALIKE = str.maketrans("AaBCcEeHIiKMOoPpTXxYy", "АаВСсЕеНІіКМОоРрТХхУу")
_YEAR = re.compile(r"\b(20\d\d)\b")


@dataclass(frozen=True)
class Change:
    """One difference: `before`/`after` as the plans write them ("" for an added/removed row)."""

    goal: int
    measure: int
    field: str  # one of FIELDS
    kind: str  # "changed", "added" or "removed"
    before: str
    after: str
    row_before: Row | None = None  # the rows compared, for citing
    row_after: Row | None = None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("row_before")
        data.pop("row_after")
        return data


def same_form(before: str, after: str, year_shift: int = 0) -> bool:
    """Whether two cell texts differ only in form (and in the years shifted by `year_shift`)."""
    return _form(before, year_shift) == _form(after, 0)


def _form(text: str, year_shift: int) -> str:
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), text)
    text = " ".join(text.translate(_LOOK_ALIKE).split())
    return re.sub(r"(?:\s*г\.?)?\s*\.?$", "", text)


def _value(row: Row, field: str) -> str:
    value = getattr(row, field)
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def diff_plans(before: Sequence[Row], after: Sequence[Row]) -> list[Change]:
    """The changes from one plan's rows to a later plan's rows (same municipality), in plan order."""
    shift = (after[0].year - before[0].year) if before and after else 0
    by_measure_before = {k: list(g) for k, g in groupby(before, key=lambda r: (r.goal, r.measure))}
    by_measure_after = {k: list(g) for k, g in groupby(after, key=lambda r: (r.goal, r.measure))}
    changes: list[Change] = []
    for key in sorted(set(by_measure_before) | set(by_measure_after)):
        old, new = by_measure_before.get(key, []), by_measure_after.get(key, [])
        goal, measure = key
        if old and new and not same_form(old[0].measure_title, new[0].measure_title):
            changes.append(Change(goal, measure, "measure_title", "changed", old[0].measure_title,
                                  new[0].measure_title, old[0], new[0]))  # fmt: skip
        for a, b in _align(old, new):
            if a is None and b is not None:
                changes.append(Change(goal, measure, "activity", "added", "", b.activity, None, b))
            elif b is None and a is not None:
                changes.append(Change(goal, measure, "activity", "removed", a.activity, "", a, None))
            elif a is not None and b is not None:
                for field in ("activity", "responsible", "funding", "deadline", "results"):
                    u, v = _value(a, field), _value(b, field)
                    if not same_form(u, v, shift if field == "deadline" else 0):
                        changes.append(Change(goal, measure, field, "changed", u, v, a, b))
    return changes


def _align(old: list[Row], new: list[Row]) -> list[tuple[Row | None, Row | None]]:
    """Pairs of the same activity (most similar wording first), then the unpaired rows."""
    scored = sorted(
        ((difflib.SequenceMatcher(None, _form(a.activity, 0), _form(b.activity, 0)).ratio(), i, j)
         for i, a in enumerate(old) for j, b in enumerate(new)),
        reverse=True,
    )  # fmt: skip
    paired_old: dict[int, int] = {}
    paired_new: set[int] = set()
    for ratio, i, j in scored:
        if ratio < SAME_ACTIVITY:
            break
        if i not in paired_old and j not in paired_new:
            paired_old[i] = j
            paired_new.add(j)
    pairs: list[tuple[Row | None, Row | None]] = []
    for i, a in enumerate(old):
        pairs.append((a, new[paired_old[i]] if i in paired_old else None))
    pairs += [(None, b) for j, b in enumerate(new) if j not in paired_new]
    return pairs
