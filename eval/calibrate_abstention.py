"""Fit the "do the plans cover this question" model of assistant/decide.py on labelled questions.

    cd /work/main && HF_HUB_OFFLINE=1 .venv/bin/python eval/calibrate_abstention.py \
        > eval/results/abstention-calibration.md

Fits a logistic regression (L2, Newton steps) on the evidence of every question of the tuning
sets that the hard rule (a named section, deadline or funding value) does not decide, then picks
the thresholds: `related_from` minimizes errors counting a wrong "not covered" twice (it is as bad
for a parent as an invented answer, and the related band still shows the rows with a caveat);
`answer_from` (RELATED_BAND above it, and at least 0.5) starts the answers given without a caveat. Writes assistant/data/abstention.json.
The held-out set (parents-questions.jsonl) is never used here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant import decide  # noqa: E402
from assistant.embedding import load_model  # noqa: E402
from assistant.index import open_index  # noqa: E402
from assistant.metrics import load_questions  # noqa: E402
from assistant.retrieve import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402

TUNING_SETS = ("dev-questions.jsonl", "extra-questions.jsonl", "scope-questions.jsonl", "situations-questions.jsonl",
               "everyday-questions.jsonl", "mixed-questions.jsonl", "parents2-questions.jsonl", "parents3-questions.jsonl",
               "teachers2-questions.jsonl", "kinder-questions.jsonl", "parents4-questions.jsonl")
L2 = 1.0  # ridge penalty on the weights (not the bias): ~570 questions, 7 features
WRONG_REFUSAL_COST = 2.0  # a wrong "not covered" counts this many wrong answers
RELATED_BAND = 0.15  # answers this close above the refusal threshold carry the "may only be related" caveat


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularized logistic regression (Newton's method)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    theta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ theta))
        gradient = design.T @ (p - y) + penalty @ theta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def main() -> None:
    settings = Settings.from_env()
    retriever = Retriever(open_index(settings), load_model(settings.model), fusion=settings.fusion)
    rows, labels, names, ruled = [], [], [], 0
    for name in TUNING_SETS:
        with open(REPO / "eval" / name, encoding="utf-8") as stream:
            for q in load_questions(stream, name):
                result = retriever.search(q.question)
                if result.evidence is None or decide.named_field(result.evidence):
                    ruled += 1
                    continue
                rows.append(result.evidence.features())
                labels.append(1.0 if q.answerable else 0.0)
                names.append(f"{q.id}: {q.question}")
    x, y = np.array(rows), np.array(labels)
    weights, bias = fit_logistic(x, y)
    p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    costs = [WRONG_REFUSAL_COST * np.sum((p < t) & (y == 1)) + np.sum((p >= t) & (y == 0)) for t in grid]
    related_from = float(grid[int(np.argmin(costs))])
    answer_from = round(max(0.5, related_from + RELATED_BAND), 2)
    model = {
        "features": list(decide.FEATURES), "weights": [round(float(w), 4) for w in weights], "bias": round(bias, 4),
        "answer_from": answer_from, "related_from": related_from,
        "fitted_on": list(TUNING_SETS), "questions": len(y), "not_answerable": int(np.sum(y == 0)),
    }  # fmt: skip
    decide.MODEL_FILE.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    wrong_refusals = int(np.sum((p < related_from) & (y == 1)))
    wrong_answers = int(np.sum((p >= related_from) & (y == 0)))
    print("# The coverage model: fitted on the tuning sets\n")
    print(f"Sets: {', '.join(TUNING_SETS)}. {len(y) + ruled} questions; {ruled} decided by the hard rule (a named "
          f"section, deadline or funding value); {len(y)} fitted ({int(np.sum(y == 0))} not answerable).\n")  # fmt: skip
    print("| feature | weight |\n|---|---|")
    for feature, weight in zip(decide.FEATURES, weights, strict=True):
        print(f"| {feature} | {weight:+.3f} |")
    print(f"| (bias) | {bias:+.3f} |\n")
    print(f"Thresholds: related_from = {related_from} (cost of a wrong refusal = {WRONG_REFUSAL_COST}), "
          f"answer_from = {answer_from}.\n")  # fmt: skip
    print(f"On the fitted questions: {wrong_refusals} wrong \"not covered\", {wrong_answers} unanswerable answered.\n")
    print("| threshold | wrong refusals | unanswerable answered |\n|---|---|---|")
    for t in (0.2, 0.3, 0.4, related_from, 0.5, 0.6):
        print(f"| {t} | {int(np.sum((p < t) & (y == 1)))} | {int(np.sum((p >= t) & (y == 0)))} |")
    print("\nThe questions nearest the threshold (p_covered, label):\n")
    for i in np.argsort(np.abs(p - related_from))[:15]:
        print(f"- {p[i]:.3f} {'answerable' if y[i] else 'NOT answerable'} — {names[i]}")


if __name__ == "__main__":
    main()
