"""Retrieval stage 3, fuse: one score per row from the signals (weighted mix, or RRF to compare).

Weighted fusion of min-max normalized scores won every measurement here (eval/results/ablation.md):
with ~60 rows per plan, RRF's rank-only view throws away how much better the best row is.
"""

from __future__ import annotations

import numpy as np

from assistant.candidates import Signals

RRF_K = 60  # reciprocal rank fusion constant (Cormack et al. 2009)
DENSE_WEIGHT = 0.4  # weighted fusion: normalized dense score ...
TYPED_WEIGHT = 0.3  # ... BM25 of the typed words (with abbreviations spelled out) ...
GLOSSARY_WEIGHT = 0.3  # ... and BM25 of the glossary's plan terms, each concept normalized alone
MEMORY_WEIGHT = 0.5  # ... and the votes of earlier questions (0.3, 0.7, 1.0 measured worse or no better)

def fuse(signals: Signals, allowed: np.ndarray, method: str = "weighted") -> np.ndarray:
    """Combine the signals of every row (higher is better); a signal silent on `allowed` rows gets no say."""
    weighted = [(signals.dense, DENSE_WEIGHT), (signals.typed, TYPED_WEIGHT), (signals.glossary, GLOSSARY_WEIGHT)]
    if signals.remembered is not None:
        weighted.append((signals.remembered, MEMORY_WEIGHT))
    weighted = [(s, w) for s, w in weighted if (s[allowed] > 0).any()]
    if method == "rrf":
        return reciprocal_rank_fusion([s for s, _ in weighted], allowed)
    total_weight = sum(w for _, w in weighted) or 1.0
    fused = np.zeros(len(signals.dense), dtype=np.float32)
    for scores, weight in weighted:
        # subtle: cosines are never zero, so the dense signal is normalized from its own floor
        floor = float(np.min(scores[allowed])) if scores is signals.dense else 0.0
        top = float(np.max(scores[allowed]))
        fused += weight / total_weight * (scores - floor) / max(top - floor, 1e-6)
    return fused


def reciprocal_rank_fusion(rankings: list[np.ndarray], allowed: np.ndarray) -> np.ndarray:
    """Sum over signals of RRF_K / (RRF_K + rank); a row a signal does not find gets nothing from it."""
    fused = np.zeros(len(allowed), dtype=np.float64)
    for scores in rankings:
        ranks = ranks_of(np.where(allowed & (scores > 0), scores, -np.inf))
        fused += np.where(scores > 0, RRF_K / (RRF_K + ranks), 0.0)
    return fused.astype(np.float32)


def ranks_of(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each position by descending score (ties broken by position)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def top_positions(scores: np.ndarray, n: int) -> list[int]:
    """Positions of the n best finite scores, best first (argpartition: fast at 200k rows)."""
    finite = np.flatnonzero(np.isfinite(scores))
    if len(finite) > n:
        finite = finite[np.argpartition(-scores[finite], n - 1)[:n]]
    return [int(i) for i in finite[np.argsort(-scores[finite], kind="stable")]]


MAX_PER_MEASURE = 2  # rows of one measure in the top k while other measures also answer ...
DIVERSITY_FLOOR = 0.7  # ... with a score of at least this share of the best row's


def diversify(order: list[int], measure_of: list[object], scores: np.ndarray, k: int) -> list[int]:
    """The top k of `order` with at most MAX_PER_MEASURE rows per measure, when others score close.

    A broad question ("what is there for children with special needs") has right rows in several
    measures; without this the best measure fills the top k and the second is never seen. Rows
    pushed down come back when no other measure is close enough.
    """
    if not order:
        return []
    floor = DIVERSITY_FLOOR * float(scores[order[0]])
    chosen: list[int] = []
    deferred: list[int] = []
    per_measure: dict[object, int] = {}
    for index, position in enumerate(order):
        if len(chosen) == k:
            break
        measure = measure_of[index]
        if per_measure.get(measure, 0) >= MAX_PER_MEASURE and float(scores[position]) >= floor:
            deferred.append(position)
            continue
        if float(scores[position]) < floor and deferred:
            break  # the rest are weaker than the deferred rows of a strong measure
        chosen.append(position)
        per_measure[measure] = per_measure.get(measure, 0) + 1
    rest = [p for p in order if p not in chosen]
    return chosen + rest[: k - len(chosen)] if len(chosen) < k else chosen


MAX_LEAD_SLOTS = 2  # places at the end of the top k given to a main concept's best row


def keep_leads(shown: list[int], candidates: list[int], leads: list[np.ndarray]) -> list[int]:
    """The top k with a row of each concept the question is mainly about: a concept whose rows share
    no word with the question and sit far from it for the embedding ("не може да седи на едно място":
    hyperactive behaviour) would otherwise lose every place to rows that echo the story's words. Its
    best row among the `candidates` (the ranking's first 4k: deeper measured worse) takes the last
    place not already given to such a row."""
    shown = list(shown)
    fixed = 0
    for lead in leads:
        if fixed == MAX_LEAD_SLOTS or len(shown) <= fixed:
            break
        if any(lead[p] for p in shown):
            continue
        best = next((p for p in candidates if lead[p] and p not in shown), None)
        if best is None:
            continue
        fixed += 1
        shown[len(shown) - fixed] = best
    return shown


def share_places(orders: list[list[int]], k: int) -> list[int]:
    """The top k when a message asks several questions: the whole message's ranking (first) and each question's best
    rows in turn (every first row, then every second, …) until k are chosen. Without this one need fills the top k
    and the other is never shown."""
    chosen: list[int] = []
    for rank in range(max(len(order) for order in orders)):
        for order in orders:
            if rank < len(order) and order[rank] not in chosen and len(chosen) < k:
                chosen.append(order[rank])
    return chosen
