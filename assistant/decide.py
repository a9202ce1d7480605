"""Retrieval stage 5, decide: answer, or say the plans do not cover the question.

The decision reads only typed evidence about the question and its best rows; see
eval/results/abstention-calibration.md for how the thresholds were chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from assistant.catalog import row_text
from assistant.index import Index
from assistant.lexical import lemma_idf, lemma_terms
from assistant.understand import Query

MIN_DENSE = 0.42  # best cosine of a row when no glossary concept fired
MIN_LEXICAL_COVERAGE = 0.5  # share of the question's rare-word weight found in the best row
COVERAGE_ROWS = 5  # coverage is the best over this many top rows


class Decision(StrEnum):
    ANSWER = "answer"
    NOT_COVERED = "not_covered"


@dataclass(frozen=True)
class Evidence:
    """How strongly the best rows support the question: the inputs of the decision."""

    best_dense: float  # best cosine of an allowed row
    coverage: float  # share of the question's rare-word weight present in one top row
    concepts: bool  # a glossary concept fired
    abbreviations: bool  # the question itself uses a plan abbreviation ("СОП")
    field_match: bool  # the question names a deadline/funding value some row has
    out_of_scope: tuple[str, ...]  # reviewed uncovered topics the question is about

    def as_dict(self) -> dict[str, object]:
        """For --explain and logs only."""
        return {"dense": round(self.best_dense, 4), "coverage": round(self.coverage, 4), "concepts": self.concepts,
                "abbreviations": self.abbreviations, "field": self.field_match, "out_of_scope": list(self.out_of_scope)}  # fmt: skip


def gather_evidence(index: Index, query: Query, dense: np.ndarray, order: list[int], allowed: np.ndarray,
                    field_match: bool) -> Evidence:  # fmt: skip
    """The evidence for a question given its ranked rows (`order`, best first)."""
    best_dense = float(np.max(np.where(allowed, dense, -1.0))) if order else 0.0
    return Evidence(
        best_dense=best_dense, coverage=lexical_coverage(index, query, order) if order else 0.0,
        concepts=bool(query.concepts), abbreviations=bool(query.abbreviations_typed),
        field_match=field_match, out_of_scope=query.out_of_scope,
    )  # fmt: skip


def lexical_coverage(index: Index, query: Query, order: list[int]) -> float:
    """The share of the question's rare-word weight present in one of the top rows.

    Institution names ("в училището") are in most rows: they are no evidence of the topic.
    """
    named = {t for name in query.institutions for t in lemma_terms(name)}
    weights = {t: lemma_idf(index.lexical, t) for t in set(lemma_terms(query.text)) - named}
    total = sum(weights.values())
    if not weights:  # the question is only about an institution ("какво правят читалищата")
        return 1.0 if named else 0.0
    coverage = 0.0
    for position in order[:COVERAGE_ROWS]:
        row_terms = set(lemma_terms(row_text(index.rows[position])))
        found = sum(w for t, w in weights.items() if t in row_terms)
        coverage = max(coverage, found / total if total else 0.0)
    return coverage


def decide(evidence: Evidence) -> tuple[Decision, str]:
    """Abstain on uncovered topics, and when neither signal has real evidence (reason in English)."""
    if evidence.out_of_scope and not evidence.field_match:
        return Decision.NOT_COVERED, f"out-of-scope topic: {', '.join(evidence.out_of_scope)}"
    if evidence.field_match or evidence.concepts or evidence.abbreviations:
        return Decision.ANSWER, "glossary/abbreviation/field evidence"
    measured = f"dense={evidence.best_dense:.4f} coverage={evidence.coverage:.4f}"
    if evidence.best_dense >= MIN_DENSE or evidence.coverage >= MIN_LEXICAL_COVERAGE:
        return Decision.ANSWER, f"evidence {measured}"
    return Decision.NOT_COVERED, f"weak evidence {measured}"
