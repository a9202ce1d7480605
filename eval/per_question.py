"""Per-question and per-audience view of a question set (the product only), for finding misses.

    HF_HUB_OFFLINE=1 .venv/bin/python eval/per_question.py eval/everyday-questions.jsonl [ID ...]

Prints every question that is not fully right (or the named ones) with what the retriever read
and found, then the summary per audience and overall (the same metrics as `assistant eval`, the
set's own questions left out of the question memory as there).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.embedding import load_model  # noqa: E402
from assistant.index import open_index  # noqa: E402
from assistant.metrics import QuestionResult, evaluate, load_questions, summarize  # noqa: E402
from assistant.question_memory import question_set_name  # noqa: E402
from assistant.retrieve import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402

K = 5


def main(path: str, only: set[str]) -> None:
    settings = Settings.from_env()
    with open(path, encoding="utf-8") as stream:
        questions = load_questions(stream, path)
    # as `assistant eval` scores it: the set's own questions are not remembered
    retriever = Retriever(open_index(settings), load_model(settings.model), fusion=settings.fusion).leaving_out(
        question_set_name(Path(path)), [q.question for q in questions]
    )
    by_audience: dict[str, list[QuestionResult]] = {}
    for q in questions:
        result = retriever.search(q.question, k=K)
        scored = evaluate(q, [h.row for h in result.hits], result.abstained, K)
        by_audience.setdefault(q.audience, []).append(scored)
        right = (scored.recall or 0.0) >= 0.999 and (scored.reciprocal_rank or 0.0) >= 0.999 and scored.abstention_correct
        if (only and q.id not in only) or (not only and (right or not q.answerable and scored.abstention_correct)):
            continue
        print(f"\n## {q.id} [{q.audience}] answerable={q.answerable} decision={result.decision.value} "
              f"recall={scored.recall} rr={scored.reciprocal_rank} :: {q.question}")  # fmt: skip
        print(f"   concepts={list(result.query.concepts)} implied={list(result.query.implied)} reason={result.reason}")
        for hit in result.hits:
            print(f"   found {hit.row.year} {hit.row.goal}.{hit.row.measure} {hit.score:.3f} {hit.row.activity[:90]}")
        for entry in q.relevant:
            print(f"   wanted {entry.year or ''} {entry.goal}.{entry.measure} {entry.activity[:80]}")
    print()
    for audience, results in sorted(by_audience.items()):
        print(audience, summarize(results, K))
    print("all", summarize([r for rs in by_audience.values() for r in rs], K))


if __name__ == "__main__":
    main(sys.argv[1], set(sys.argv[2:]))
