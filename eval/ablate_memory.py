"""Ablation of the question memory's vote: its weight in fusion and how many earlier questions vote.

    python eval/ablate_memory.py OUT.json WEIGHT NEIGHBOURS SET...

Scores every question of the sets (eval/SET-questions.jsonl) as `assistant eval` does, each set without its
own questions in the memory, with fuse.MEMORY_WEIGHT and question_memory.NEIGHBOURS set for this run only;
writes the per-question results to OUT.json and prints the means. Results: results/memory-votes-ablation.md.
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import assistant.fuse as fuse  # noqa: E402
import assistant.question_memory as question_memory  # noqa: E402
from assistant.embedding import load_model  # noqa: E402
from assistant.index import open_index  # noqa: E402
from assistant.metrics import evaluate, load_questions, summarize  # noqa: E402
from assistant.retrieve import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main(out_path: str, weight: str, neighbours: str, *sets: str) -> None:
    fuse.MEMORY_WEIGHT = float(weight)
    question_memory.NEIGHBOURS = int(neighbours)
    settings = Settings.from_env()
    base = Retriever(open_index(settings), load_model(settings.model), fusion=settings.fusion)
    results: dict[str, list] = {}
    scores = []
    wrong_not_covered = 0
    for name in sets:
        path = REPO / "eval" / f"{name}-questions.jsonl"
        with path.open(encoding="utf-8") as stream:
            questions = load_questions(stream, str(path))
        retriever = base.leaving_out(question_memory.question_set_name(path), [q.question for q in questions])
        for question in questions:
            result = retriever.search(question.question, k=5)
            score = evaluate(question, [hit.row for hit in result.hits], result.abstained, 5)
            scores.append(score)
            wrong_not_covered += question.answerable and result.abstained
            results[f"{name}/{question.id}"] = [score.recall, score.reciprocal_rank, score.abstention_correct,
                                                result.decision.value]
    Path(out_path).write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({"weight": fuse.MEMORY_WEIGHT, "neighbours": question_memory.NEIGHBOURS, **summarize(scores, 5),
                      "wrong_not_covered": wrong_not_covered}))


if __name__ == "__main__":
    main(*sys.argv[1:])
