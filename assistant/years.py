"""Retrieval stage 6, group years: an activity that every year's plan repeats is shown once.

The latest plan's row is shown; its copies in earlier plans are attached to it, so an answer can
say "also in the 2023 plan" instead of listing the same activity twice.
"""

from __future__ import annotations

import difflib

import numpy as np

from assistant.catalog import ActivityKey, Catalog, activity_key
from assistant.rows import Row

SAME_ACTIVITY_RATIO = 0.8  # difflib ratio above which two years' wordings are one activity


def group_years(catalog: Catalog, order: list[int], allowed: np.ndarray) -> list[tuple[int, tuple[Row, ...]]]:
    """(position of the latest row, the same activity in earlier plans) for each activity in `order`."""
    out = []
    taken: set[ActivityKey] = set()
    for position in order:
        row = catalog.rows[position]
        key = activity_key(row)
        if key in taken:
            continue
        taken.add(key)
        same = [p for p in catalog.siblings[key] if allowed[p] and same_activity(catalog.rows[p], row)]
        same.sort(key=lambda p: catalog.rows[p].year)
        latest = same[-1] if same else position
        out.append((latest, tuple(catalog.rows[p] for p in same[:-1])))
    return out


def same_activity(a: Row, b: Row) -> bool:
    """Aligned rows of two years are the same activity when their wording mostly agrees."""
    return a.activity == b.activity or difflib.SequenceMatcher(None, a.activity, b.activity).ratio() >= SAME_ACTIVITY_RATIO
