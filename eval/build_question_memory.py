"""Make the question memory (assistant/data/question_memory.json and .npz) from the question sets.

Every answerable question of every retrieval set in eval/ joins it, with the wording of the rows
that answer it, EXCEPT the held-out sets (HELD_OUT): they measure the product and never teach it.
Re-run after adding a question set or changing how questions are understood (the test
tests/test_question_memory.py says when the stored texts went stale):

    HF_HUB_OFFLINE=1 .venv/bin/python eval/build_question_memory.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.candidates import embedded_text  # noqa: E402
from assistant.embedding import embed, load_model, model_fingerprint  # noqa: E402
from assistant.index import open_index  # noqa: E402
from assistant.question_memory import HELD_OUT, Answer, Asked, question_set_name, write_memory  # noqa: E402
from assistant.retrieve import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.text import match_key  # noqa: E402


def question_sets() -> list[Path]:
    """The retrieval sets that may teach: not the held-out ones, not the whole-plan lists."""
    sets = sorted((REPO / "eval").glob("*-questions.jsonl"))
    return [p for p in sets if not p.name.startswith("whole-plan") and question_set_name(p) not in HELD_OUT]


def main() -> None:
    settings = Settings.from_env()
    index = open_index(settings)
    model = load_model(settings.model)
    retriever = Retriever(index, model)
    rows = {row.row_id: row for row in index.rows}
    answers: dict[Answer, int] = {}
    asked: list[Asked] = []
    # a question another writer worded exactly like a held-out one ("Каква е ролята на БЧК в плана?") stays out
    held_out = {json.loads(line)["question"] for name in HELD_OUT
                for line in (REPO / "eval" / f"{name}-questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}  # fmt: skip
    for path in question_sets():
        source = question_set_name(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            if not record.get("answerable") or not record.get("row_ids") or record["question"] in held_out:
                continue  # measured: uncovered questions as evidence for "not covered" did more harm than good
            unknown = [i for i in record["row_ids"] if i not in rows]
            if unknown:
                raise SystemExit(f"{path.name} {record['id']}: rows {unknown} are not in the index")
            # one answer per activity: the two years' wordings of one activity find the same rows
            wanted = {match_key(rows[i].activity): rows[i] for i in reversed(record["row_ids"])}
            found = [Answer(r.activity, r.measure_title, r.results) for r in reversed(wanted.values())]
            positions = tuple(dict.fromkeys(answers.setdefault(a, len(answers)) for a in found))
            query = retriever.understand(record["question"])
            asked.append(Asked(record["question"], source, embedded_text(query), positions))
    vectors = embed(model, [a.text for a in asked])
    write_memory(asked, list(answers), vectors, model_fingerprint(settings.model))
    print(f"{len(asked)} questions from {len({a.source for a in asked})} sets, {len(answers)} activities")


if __name__ == "__main__":
    main()
