"""Experiment (issue 8): a learned re-ranker over the retriever's own signals, fitted leave-one-set-out
on the tuning sets. Measured and dropped (eval/results/ablation-rerank.md).

    HF_HUB_OFFLINE=1 .venv/bin/python eval/experiments/rerank.py [--features 0,1,2,...]

For each answerable question the product answers by ranking (not a whole-plan list, not a named
field, not refused), the 20 best candidates after feedback and year grouping get nine features:
0 fused score relative to the best, 1 1/rank, 2 dense before feedback, 3 dense after, 4 typed BM25,
5 glossary, 6 rows of the same measure among the top 10, 7 the measure title's cosine with the
question, 8 the share of the question's rare-word weight the row contains. A logistic regression
(the coverage model's Newton fit) scores them, fitted on every set but the one scored; the top 5
after the product's diversity rule are compared with the product's own top 5.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "eval"))

from calibrate_abstention import fit_logistic  # noqa: E402

from assistant.candidates import dense_scores, feedback_vector, score_rows  # noqa: E402
from assistant.catalog import measure_key  # noqa: E402
from assistant.decide import Decision, decide, gather_evidence  # noqa: E402
from assistant.embedding import embed, load_model  # noqa: E402
from assistant.filters import apply_filters  # noqa: E402
from assistant.fuse import diversify, top_positions  # noqa: E402
from assistant.index import lexical_text, open_index  # noqa: E402
from assistant.lexical import lemma_idf, lemma_terms  # noqa: E402
from assistant.metrics import Question, entry_met, load_questions, recall_at_k, reciprocal_rank  # noqa: E402
from assistant.retrieve import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.whole import whole_plan  # noqa: E402
from assistant.years import group_years  # noqa: E402

SETS = ("dev", "extra", "situations", "everyday", "mixed", "parents2", "parents3", "teachers2", "kinder", "parents4")
DEPTH = 20


@dataclass
class Ranked:
    question: Question
    candidates: list[int]  # row positions, the product's order
    features: np.ndarray  # one row per candidate
    labels: np.ndarray  # 1.0 where the candidate meets an entry
    fused: np.ndarray  # the product's score of every row
    measures: list[object]


def candidates(retriever: Retriever, titles: dict[str, np.ndarray], question: Question) -> Ranked | None:
    index, rows = retriever.index, retriever.index.rows
    query = retriever.understand(question.question)
    vector = retriever.embed_query(query)
    signals = score_rows(index, query, vector)
    filters = apply_filters(retriever.catalog, query, query.year, None, retriever.catalog.named_municipality(question.question))
    if not filters.allowed.any() or filters.any_field_match or whole_plan(retriever.catalog, query, filters.allowed):
        return None
    order = top_positions(retriever._fused(signals, filters), DEPTH)
    evidence = gather_evidence(index, query, signals.dense, order, filters.allowed, False, filters.specific_institution)
    if decide(evidence)[0] is Decision.NOT_COVERED:
        return None
    after = signals.with_dense(dense_scores(index, feedback_vector(index, vector, order)))
    fused = retriever._fused(after, filters)
    grouped = [p for p, _ in group_years(retriever.catalog, top_positions(fused, 2 * DEPTH), filters.allowed)][:DEPTH]

    def scaled(values: np.ndarray, floor: float | None = None) -> np.ndarray:
        low = float(np.min(values[filters.allowed])) if floor is None else floor
        return (values - low) / max(float(np.max(values[filters.allowed])) - low, 1e-6)

    dense_before, dense_after = scaled(signals.dense), scaled(after.dense)
    typed, glossary = scaled(signals.typed, 0.0), scaled(signals.glossary, 0.0)
    weights = {t: lemma_idf(index.lexical, t) for t in set(lemma_terms(query.text))}
    total_weight = sum(weights.values()) or 1.0
    measures = [measure_key(rows[p]) for p in grouped]
    features = []
    for rank, position in enumerate(grouped):
        row_terms = set(lemma_terms(lexical_text(rows[position])))
        same = sum(measures[j] == measures[rank] for j in range(min(10, len(grouped))) if j != rank)
        features.append([
            float(fused[position] / max(fused[grouped[0]], 1e-6)), 1 / (rank + 1), float(dense_before[position]),
            float(dense_after[position]), float(typed[position]), float(glossary[position]), same / 10,
            float(titles[rows[position].measure_title] @ vector[0]),
            sum(w for t, w in weights.items() if t in row_terms) / total_weight,
        ])  # fmt: skip
    labels = np.array([any(entry_met(e, rows[p]) for e in question.relevant) for p in grouped], dtype=float)
    return Ranked(question, grouped, np.array(features), labels, fused, measures)


def scores(items: list[Ranked], rows: list, model: tuple[np.ndarray, float] | None, columns: list[int]) -> tuple[float, float]:
    """Mean recall@5 and MRR of the product's order (model None) or the model's."""
    recall = mrr = 0.0
    for item in items:
        if model is None:
            order, fused = list(range(len(item.candidates))), item.fused
        else:
            predicted = item.features[:, columns] @ model[0] + model[1]
            order = sorted(range(len(item.candidates)), key=lambda i: -predicted[i])
            fused = np.full(len(item.fused), -np.inf)
            for i in order:
                fused[item.candidates[i]] = predicted[i] - predicted.min() + 1e-3
        shown = diversify([item.candidates[i] for i in order], [item.measures[i] for i in order], fused, 5)
        recall += recall_at_k(item.question, [rows[p] for p in shown], 5)
        mrr += reciprocal_rank(item.question, [rows[p] for p in shown], 5)
    return recall / max(len(items), 1), mrr / max(len(items), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default="0,1,2,3,4,5,6,7,8")
    columns = [int(c) for c in parser.parse_args().features.split(",")]
    settings = Settings.from_env()
    retriever = Retriever(open_index(settings), load_model(settings.model), fusion=settings.fusion)
    rows = retriever.index.rows
    names = sorted({r.measure_title for r in rows})
    titles = dict(zip(names, embed(retriever.model, names), strict=True))
    data: dict[str, list[Ranked]] = {}
    for name in SETS:
        path = REPO / "eval" / f"{name}-questions.jsonl"
        with path.open(encoding="utf-8") as stream:
            found = [candidates(retriever, titles, q) for q in load_questions(stream, path.name) if q.answerable]
        data[name] = [item for item in found if item is not None]
    print("| set | questions ranked | product recall@5 / MRR | re-ranked recall@5 / MRR |\n|---|---|---|---|")
    totals = np.zeros(4)
    for held in SETS:
        train = [item for name, items in data.items() if name != held for item in items]
        model = fit_logistic(np.vstack([i.features[:, columns] for i in train]), np.concatenate([i.labels for i in train]))
        base, learned = scores(data[held], rows, None, columns), scores(data[held], rows, model, columns)
        totals += np.array([*base, *learned]) * len(data[held])
        print(f"| {held} | {len(data[held])} | {base[0]:.4f} / {base[1]:.4f} | {learned[0]:.4f} / {learned[1]:.4f} |")
    count = sum(len(items) for items in data.values())
    print(f"| all | {count} | {totals[0] / count:.4f} / {totals[1] / count:.4f} | {totals[2] / count:.4f} / {totals[3] / count:.4f} |")


if __name__ == "__main__":
    main()
