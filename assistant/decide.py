"""Retrieval stage 5, decide: answer, answer with a caveat, or say the plans do not cover it.

The decision reads only typed evidence about the question and its best rows. A question that
names what a row's fields hold (a section number, a deadline or funding value) is always
answered. Otherwise a logistic model over the evidence, fitted on labelled questions by
eval/calibrate_abstention.py (weights in data/abstention.json), gives the probability that the
plans cover the question. The reviewed out-of-scope list is one input among several, never the
only reason, and a topic on it counts only when none of the question's best rows speaks of it: a wrong "not covered" to a parent is as bad as an invented answer, so a middle band
shows the best rows with a caveat instead of refusing.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.catalog import row_text
from assistant.glossary import out_of_scope, word_starts
from assistant.index import Index
from assistant.lexical import lemma_idf, lemma_terms
from assistant.understand import Query

COVERAGE_ROWS = 5  # coverage is the best over this many top rows
SPOKEN_ROWS = 20  # an uncovered topic that one of this many best rows speaks of is covered by the plan
MODEL_FILE = Path(__file__).resolve().parent / "data" / "abstention.json"


class Decision(StrEnum):
    ANSWER = "answer"  # the rows answer the question
    RELATED = "related"  # shown with a plain caveat: the best rows may only be related
    NOT_COVERED = "not_covered"


@dataclass(frozen=True)
class Evidence:
    """How strongly the best rows support the question: the inputs of the decision."""

    best_dense: float  # best cosine of an allowed row
    coverage: float  # share of the question's rare-word weight present in one top row
    concepts: bool  # a glossary concept fired (itself or through the concept layer)
    abbreviations: bool  # the question itself uses a plan abbreviation ("СОП")
    institutions: bool  # the question names a responsible institution
    unknown_share: float  # share of the question's content words neither the plans nor the glossary know
    field_match: bool  # the question names a section, deadline or funding value some row has
    specific_institution: bool  # the question names a body responsible for a few rows ("МКБППМН")
    out_of_scope: tuple[str, ...]  # reviewed uncovered topics the question is about
    covered_question: bool = False  # beside them, a question of its own about a plan concept

    def features(self) -> list[float]:
        """The model's inputs, in FEATURES order."""
        return [self.best_dense, self.coverage, float(self.concepts), float(self.abbreviations),
                float(self.institutions), self.unknown_share, float(bool(self.out_of_scope))]  # fmt: skip

    def as_dict(self) -> dict[str, object]:
        """For --explain and logs only."""
        return {"dense": round(self.best_dense, 4), "coverage": round(self.coverage, 4), "concepts": self.concepts,
                "abbreviations": self.abbreviations, "institutions": self.institutions,
                "unknown": round(self.unknown_share, 3), "field": self.field_match,
                "specific_institution": self.specific_institution,
                "out_of_scope": list(self.out_of_scope), "covered_question": self.covered_question,
                "p_covered": round(covered_probability(self), 3)}  # fmt: skip


def gather_evidence(index: Index, query: Query, dense: np.ndarray, order: list[int], allowed: np.ndarray,
                    field_match: bool, specific_institution: bool) -> Evidence:  # fmt: skip
    """The evidence for a question given its ranked rows (`order`, best first)."""
    best_dense = float(np.max(np.where(allowed, dense, -1.0))) if order else 0.0
    return Evidence(
        best_dense=best_dense, coverage=lexical_coverage(index, query, order) if order else 0.0,
        concepts=bool(query.concepts), abbreviations=bool(query.abbreviations_typed),
        institutions=bool(query.institutions), unknown_share=query.unknown_share,
        field_match=field_match, specific_institution=specific_institution,
        out_of_scope=uncovered_topics(index, query, [p for p in order[:SPOKEN_ROWS] if allowed[p]]),
        covered_question=query.covered_question,
    )  # fmt: skip


def uncovered_topics(index: Index, query: Query, best: list[int]) -> tuple[str, ...]:
    """The question's reviewed uncovered topics that none of its best rows speaks of: the list is
    about plans of this kind, and another municipality's plan may well provide school transport."""
    if not query.out_of_scope:
        return ()
    topics = {topic.name: topic for topic in out_of_scope()}
    texts = [row_text(index.rows[position]).lower() for position in best]
    starts = word_starts(texts)
    return tuple(name for name in query.out_of_scope if not topics[name].fires(texts, starts))


def lexical_coverage(index: Index, query: Query, order: list[int]) -> float:
    """The share of the question's rare-word weight present in one of the top rows.

    Institution names ("в училището") are in most rows: they are no evidence of the topic, nor are
    the words of the asker introducing themselves.
    """
    named = {t for name in query.institutions for t in lemma_terms(name)}
    # nor is who the asker is ("работя в социалния отдел, какво е ПМС 100?")
    asker = {t for clause in query.introductions for t in lemma_terms(clause)}
    weights = {t: lemma_idf(index.lexical, t) for t in set(lemma_terms(query.text)) - named - asker}
    total = sum(weights.values())
    if not weights:  # the question is only about an institution ("какво правят читалищата")
        return 1.0 if named else 0.0
    coverage = 0.0
    for position in order[:COVERAGE_ROWS]:
        row_terms = set(lemma_terms(row_text(index.rows[position])))
        found = sum(w for t, w in weights.items() if t in row_terms)
        coverage = max(coverage, found / total if total else 0.0)
    return coverage


FEATURES = ("dense", "coverage", "concepts", "abbreviations", "institutions", "unknown", "out_of_scope")


@dataclass(frozen=True)
class CoverageModel:
    """Logistic model of "the plans cover this question" and the two decision thresholds."""

    weights: tuple[float, ...]  # one per FEATURES entry
    bias: float
    answer_from: float  # p >= this: answer
    related_from: float  # p >= this (and below answer_from): best rows with a caveat

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def coverage_model() -> CoverageModel:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE} was fitted on features {data['features']}, not {FEATURES}")
    return CoverageModel(tuple(data["weights"]), data["bias"], data["answer_from"], data["related_from"])


def covered_probability(evidence: Evidence, model: CoverageModel | None = None) -> float:
    return (model or coverage_model()).probability(evidence.features())


def named_field(evidence: Evidence) -> str | None:
    """Why the question is answered without the model: it names what some row's fields hold."""
    # with an uncovered topic too ("Общината плаща ли превоз?" names the municipality's budget), the model decides
    if evidence.field_match and not evidence.out_of_scope:
        return "the question names a section, deadline or funding value of the plans"
    if evidence.specific_institution and not evidence.out_of_scope:
        return "the question names a body responsible for rows of the plans"
    return None


def decide(evidence: Evidence, model: CoverageModel | None = None) -> tuple[Decision, str]:
    """The decision and its reason (English, for logs and --explain)."""
    reason = named_field(evidence)
    if reason:
        return Decision.ANSWER, reason
    model = model or coverage_model()
    p = covered_probability(evidence, model)
    measured = f"p_covered={p:.3f} dense={evidence.best_dense:.3f} coverage={evidence.coverage:.3f} unknown={evidence.unknown_share:.2f}"
    if p >= model.answer_from:
        return Decision.ANSWER, measured
    if p >= model.related_from:
        return Decision.RELATED, measured
    if evidence.field_match and evidence.concepts:  # "Колко пари дават по програмата за талантливите деца и
        return Decision.RELATED, measured  # кой превежда стипендиите?": an amount, but also a value and a topic the plans hold
    if evidence.covered_question:  # "има ли психолог в училищата и работи ли стола през ваканцията": the first is theirs
        return Decision.RELATED, measured
    return Decision.NOT_COVERED, measured
