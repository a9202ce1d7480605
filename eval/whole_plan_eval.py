"""Score whole-plan questions: precision and recall of the cited rows, and whether the count is stated.

    cd /work/main && HF_HUB_OFFLINE=1 .venv/bin/python eval/whole_plan_eval.py [--questions eval/whole-plan-questions.jsonl]

For each question the product's answer (assistant.answer.compose over Retriever.search, as
`ask` does) cites rows; they are compared with the question's full row set (`row_ids`). The count
is stated when the answer says "N дейности" (or "1 дейност") with N the size of the set. Every
answer also goes through the verifier (faithfulness). Writes eval/results/<set>.md and .json, <set>
the questions file's name without "-questions.jsonl" (whole-plan, whole-plan-independent, …).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=REPO / "eval" / "whole-plan-questions.jsonl")
    parser.add_argument("--out", type=Path, default=REPO / "eval" / "results")
    args = parser.parse_args()

    from assistant.answer import compose
    from assistant.embedding import load_model
    from assistant.index import open_index
    from assistant.retrieve import Retriever
    from assistant.settings import Settings
    from assistant.verify import verify

    settings = Settings.from_env()
    retriever = Retriever(open_index(settings), load_model(settings.model), fusion=settings.fusion)
    records = [json.loads(line) for line in args.questions.open(encoding="utf-8") if line.strip()]
    scored = []
    for record in records:
        answer = compose(retriever.search(record["question"], k=8))
        cited = {c.row.row_id for c in answer.citations}
        wanted = set(record["row_ids"])
        hit = len(cited & wanted)
        n = len(wanted)
        count_phrase = "1 дейност" if n == 1 else f"{n} дейности"
        scored.append({
            "id": record["id"], "question": record["question"], "rows": n, "cited": len(cited),
            "recall": round(hit / n, 4), "precision": round(hit / len(cited), 4) if cited else 0.0,
            "count_stated": count_phrase in answer.text, "faithful": not verify(answer), "kind": answer.to_dict()["kind"],
        })  # fmt: skip
    total = len(scored)
    summary = {
        "command": "HF_HUB_OFFLINE=1 .venv/bin/python eval/whole_plan_eval.py " + shlex.join(sys.argv[1:]),
        "questions": total,
        "mean_recall": round(sum(s["recall"] for s in scored) / total, 4),
        "mean_precision": round(sum(s["precision"] for s in scored) / total, 4),
        "count_stated": round(sum(s["count_stated"] for s in scored) / total, 4),
        "faithfulness": round(sum(s["faithful"] for s in scored) / total, 4),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    name = args.questions.name.removesuffix(".jsonl").removesuffix("-questions")
    (args.out / f"{name}.json").write_text(
        json.dumps({"summary": summary, "questions": scored}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# Whole-plan questions ({args.questions.name})", "", f"Command: `{summary['command']}`", "",
        "| mean recall | mean precision | count stated | faithfulness |", "|---|---|---|---|",
        f"| {summary['mean_recall']} | {summary['mean_precision']} | {summary['count_stated']} | {summary['faithfulness']} |",
        "", "| id | question | rows | cited | recall | precision | count | kind |", "|---|---|---|---|---|---|---|---|",
        *(f"| {s['id']} | {s['question']} | {s['rows']} | {s['cited']} | {s['recall']} | {s['precision']} | "
          f"{'yes' if s['count_stated'] else 'no'} | {s['kind']} |" for s in scored),
    ]  # fmt: skip
    (args.out / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    for s in scored:
        if s["recall"] < 1 or s["precision"] < 1 or not s["count_stated"]:
            print(s)


if __name__ == "__main__":
    main()
