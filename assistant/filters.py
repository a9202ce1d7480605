"""Retrieval stage 4, filter: which rows may answer (year, institution) and which the question names.

A year or the UI's institution choice is a filter; an institution, a deadline or a funding value
named in the question is a boost, so the rows that carry it come first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.catalog import Catalog
from assistant.understand import Query, QuestionKind

INSTITUTION_BONUS = 0.25  # added to a row whose responsible institutions the question names
FIELD_BONUS = 1.0  # a row whose deadline/funding is exactly what the question filters on


@dataclass(frozen=True)
class Filters:
    """Row masks and boosts for one search."""

    allowed: np.ndarray  # rows that may be shown (year and institution filters)
    named_institutions: frozenset[str]  # named in the question or chosen in the UI
    field_match: np.ndarray  # rows whose deadline/funding cell is what the question names
    bonus: np.ndarray  # added to the fused score

    @property
    def any_field_match(self) -> bool:
        return bool(self.field_match.any())


def apply_filters(catalog: Catalog, query: Query, year: int | None, institution: str | None) -> Filters:
    """The masks and boosts of a search (`year` and `institution` come from the UI or the CLI)."""
    allowed = np.ones(len(catalog.rows), dtype=bool) if year is None else catalog.years == year
    named = frozenset(query.institutions) | ({institution} if institution else frozenset())
    field_match = field_matches(catalog, query)
    bonus = INSTITUTION_BONUS * catalog.responsible_mask(set(named)) + FIELD_BONUS * field_match
    if institution:  # the UI's institution filter is a filter, not a boost
        allowed = allowed & catalog.responsible_mask({institution})
    return Filters(allowed, named, field_match, bonus.astype(np.float32))


def field_matches(catalog: Catalog, query: Query) -> np.ndarray:
    """Rows whose deadline or funding cell is what a filter question asks for.

    "кои дейности са със срок при необходимост", "… се финансират от проекти с външно
    финансиране": the question names a column and quotes (part of) a value of it.
    """
    mask = np.zeros(len(catalog.rows), dtype=bool)
    if query.empty_funding:
        return catalog.empty_funding.copy()
    for kind, column in ((QuestionKind.DEADLINE, catalog.deadlines), (QuestionKind.FUNDING, catalog.fundings)):
        if kind in query.asks:
            for phrase in column.phrases:
                if phrase in query.text:
                    mask |= column.rows_with(phrase)
    return mask
