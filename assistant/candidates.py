"""Retrieval stage 2, candidates: how strongly each row matches the question, by each signal.

Four signals per row: the embedding of the question (dense), BM25 of the words the user typed,
BM25 of the glossary's plan terms for the concepts the question fired, and the votes of the
closest questions asked before (question_memory). Once the best rows are
known, the dense signal is asked again with the question moved toward them (feedback), which
finds the sibling rows a parent's words alone do not reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.index import Index, first_vectors
from assistant.question_memory import QuestionMemory
from assistant.understand import Query

ABBREVIATION_WEIGHT = 0.7  # an abbreviation's other form counts this much of a typed word
CANDIDATES = 200  # dense neighbours fetched from an approximate index
FEEDBACK_ROWS = 3  # the best rows whose vectors join the question's (measured: 2 and 5 do worse)
STRONG_WORDS = 3  # a concept said in this many words of 4+ letters has its best rows sought past the top candidates
FEEDBACK_WEIGHT = 1.0  # their mean's weight against the question's own vector (0.5 does worse)


@dataclass(frozen=True)
class Lead:
    """A concept the question is mainly about (fired at full weight): the rows its terms match best."""

    rows: np.ndarray  # a mask over the index's rows
    strong: bool  # said in STRONG_WORDS or more words: its rows are sought past the top candidates


@dataclass(frozen=True)
class Signals:
    """One score per row for each signal (arrays aligned with the index's rows)."""

    dense: np.ndarray  # best cosine of the row's pieces with the question
    typed: np.ndarray  # BM25 of the typed words (abbreviations also spelled out)
    glossary: np.ndarray  # BM25 of the fired concepts' plan terms, each concept scaled to [0, 1]
    leads: tuple[Lead, ...] = ()  # the concepts the question is mainly about
    remembered: np.ndarray | None = None  # votes of the closest earlier questions (None: no memory)

    @property
    def lexical(self) -> np.ndarray:
        return self.typed + self.glossary

    def with_dense(self, dense: np.ndarray) -> Signals:
        return Signals(dense, self.typed, self.glossary, self.leads, self.remembered)


class QueryEmbedder:
    """The query text with its expansions, embedded once per distinct text (the last one is kept)."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self._last: tuple[str, np.ndarray] = ("", np.zeros((1, 1), dtype=np.float32))

    def __call__(self, query: Query) -> np.ndarray:
        from assistant.embedding import embed

        key = embedded_text(query)
        if self._last[0] != key:
            self._last = (key, embed(self.model, [key]))
        return self._last[1]


def embedded_text(query: Query) -> str:
    """What the model reads of a question: its text and the glossary's expansions."""
    return " ".join([query.text, *query.expansions])


def dense_scores(index: Index, vector: np.ndarray) -> np.ndarray:
    """Best cosine of each row (over its pieces) for the query vector."""
    count = index.dense.ntotal
    wanted = count if count <= 20_000 else CANDIDATES
    if hasattr(index.dense, "hnsw"):
        index.dense.hnsw.efSearch = max(128, wanted)
    scores, ids = index.dense.search(vector, wanted)
    best = np.full(len(index.rows), -1.0, dtype=np.float32)
    valid = ids[0] >= 0
    owners = index.vector_owner[ids[0][valid]]
    np.maximum.at(best, owners, scores[0][valid])
    return best


def feedback_vector(index: Index, vector: np.ndarray, best: list[int]) -> np.ndarray:
    """The question's vector moved toward the first vector of each of its best rows (Rocchio).

    Only the dense signal gets feedback: adding the best rows' words to the BM25 query was
    measured too, and helped one question set as much as it hurt another.
    """
    rows = first_vectors(index, best[:FEEDBACK_ROWS])
    moved = vector[0] + FEEDBACK_WEIGHT * rows.mean(axis=0)
    return (moved / np.linalg.norm(moved)).astype(np.float32)[None, :]


def lexical_scores(index: Index, query: Query) -> tuple[np.ndarray, np.ndarray, tuple[Lead, ...]]:
    """BM25 of the typed words, the glossary evidence (each concept scaled to [0, 1]), and the best
    rows of each concept at full weight (what the question is mainly about).

    subtle: concepts are normalized one by one, so a concept with eleven plan terms does not
    drown one with three ("спортни състезания" fires both "sports" and "talent").
    """
    lexical = index.lexical
    typed_terms = lexical.query_terms(query.text) + [
        t for term in query.abbreviation_terms for t in lexical.query_terms(term, ABBREVIATION_WEIGHT)
    ]
    typed = lexical.scores(typed_terms)
    glossary = np.zeros_like(typed)
    leads = []
    for terms, weight, said in zip(query.concept_terms, query.concept_weights, query.concept_said, strict=True):
        scores = lexical.scores([t for term in terms for t in lexical.query_terms(term)])
        if scores.max() > 0:
            glossary = np.maximum(glossary, weight * scores / scores.max())
            if weight == 1.0:
                leads.append(Lead(scores == scores.max(), said >= STRONG_WORDS))
    return typed, glossary, tuple(leads)


def score_rows(index: Index, query: Query, vector: np.ndarray, memory: QuestionMemory | None = None) -> Signals:
    """Every signal for every row."""
    typed, glossary, leads = lexical_scores(index, query)
    remembered = memory.scores(vector) if memory is not None else None
    return Signals(dense=dense_scores(index, vector), typed=typed, glossary=glossary, leads=leads, remembered=remembered)
