"""What changed between two plans of one municipality: activities added, removed and reworded.

Measures are aligned by their content (title and activities' words, the same number preferred),
so a measure inserted in the later plan, which renumbers the ones after it, is one added measure
and not a chain of changes; inside a measure, activities by their wording (the most similar pair
first), so an inserted row does not shift the rest. Compared fields: activity, measure title (once
per measure), responsible, funding, deadline, results. Not changes: the expected shift of years in
deadlines ("Декември 2023 г." -> "Декември 2024 г.", "2023/2024" -> "2024/2025"), the order in
which the responsible bodies are listed, and pure form: Latin letters that look like Cyrillic
ones ("VI" / "VІ"), spacing, a trailing full stop or "г.". A measure that only moved to another
number is not a change: its changes are reported under its number in the later plan.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import groupby

from assistant.rows import Row
from assistant.text import words

FIELDS = ("activity", "measure_title", "responsible", "funding", "deadline", "results")
SAME_ACTIVITY = 0.6  # difflib ratio above which two wordings are one activity, reworded
SAME_MEASURE = 0.4  # word overlap (title or activities) above which two measures are one
SAME_NUMBER_BONUS = 0.1  # of two equally similar measures, the one under the same number
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


def _same_value(a: Row, b: Row, field: str, year_shift: int) -> bool:
    if field == "responsible":  # the same bodies listed in another order are the same bodies
        return sorted(_form(n, 0) for n in a.responsible) == sorted(_form(n, 0) for n in b.responsible)
    return same_form(_value(a, field), _value(b, field), year_shift if field == "deadline" else 0)


Measure = list[Row]  # one measure's rows, in plan order


def diff_plans(before: Sequence[Row], after: Sequence[Row]) -> list[Change]:
    """The changes from one plan's rows to a later plan's rows (same municipality), in plan order."""
    shift = (after[0].year - before[0].year) if before and after else 0
    changes: list[Change] = []
    for old, new in _align_measures(_measures(before), _measures(after)):
        goal, measure = (new or old)[0].goal, (new or old)[0].measure
        if old and new and not same_form(old[0].measure_title, new[0].measure_title):
            changes.append(Change(goal, measure, "measure_title", "changed", old[0].measure_title,
                                  new[0].measure_title, old[0], new[0]))  # fmt: skip
        elif new and not old:
            changes.append(Change(goal, measure, "measure_title", "added", "", new[0].measure_title, None, new[0]))
        elif old and not new:
            changes.append(Change(goal, measure, "measure_title", "removed", old[0].measure_title, "", old[0], None))
        for a, b in _align(old, new):
            if a is None and b is not None:
                changes.append(Change(goal, measure, "activity", "added", "", b.activity, None, b))
            elif b is None and a is not None:
                changes.append(Change(goal, measure, "activity", "removed", a.activity, "", a, None))
            elif a is not None and b is not None:
                changes += [Change(goal, measure, field, "changed", _value(a, field), _value(b, field), a, b)
                            for field in ("activity", "responsible", "funding", "deadline", "results")
                            if not _same_value(a, b, field, shift)]  # fmt: skip
    return changes


def _measures(rows: Sequence[Row]) -> list[Measure]:
    return [list(group) for _, group in groupby(rows, key=lambda r: (r.goal, r.measure))]


def _align_measures(old: list[Measure], new: list[Measure]) -> list[tuple[Measure, Measure]]:
    """Pairs of the same measure (an empty list on the side where it is missing), in the later
    plan's order, each removed measure after the pair it followed."""
    scored = sorted(
        ((_measure_similarity(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)), reverse=True
    )
    partner_of_new: dict[int, int] = {}
    for score, i, j in scored:
        if score < SAME_MEASURE:
            break
        if j not in partner_of_new and i not in partner_of_new.values():
            partner_of_new[j] = i
    paired_old = set(partner_of_new.values())
    pairs: list[tuple[Measure, Measure]] = [([], m) for m in new]
    for j, i in partner_of_new.items():
        pairs[j] = (old[i], new[j])
    # a removed measure goes right after the pair of the measure before it in the earlier plan
    for i in sorted(set(range(len(old))) - paired_old):
        previous = next((p for p, (a, _) in enumerate(pairs) if a and a[0] is old[i - 1][0]), -1) if i else -1
        pairs.insert(previous + 1, (old[i], []))
    return pairs


def _measure_similarity(a: Measure, b: Measure) -> float:
    """Overlap of the titles' words or of the activities' words, whichever is higher."""
    titles = _overlap(_word_set(a[0].measure_title), _word_set(b[0].measure_title))
    activities = _overlap(_word_set(" ".join(r.activity for r in a)), _word_set(" ".join(r.activity for r in b)))
    same_number = (a[0].goal, a[0].measure) == (b[0].goal, b[0].measure)
    return max(titles, activities) + (SAME_NUMBER_BONUS if same_number else 0.0)


def _word_set(text: str) -> set[str]:
    return {w for w in words(_form(text, 0).lower()) if len(w) > 3}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


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
