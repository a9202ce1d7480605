"""How the abstention thresholds were chosen: abstention accuracy over a grid, on both question sets.

    cd /work/main && HF_HUB_OFFLINE=1 .venv/bin/python eval/calibrate_abstention.py > eval/results/abstention-calibration.md

The rule (assistant/decide.py, decide): abstain on an out-of-scope topic;
answer when a glossary concept, an institution, an abbreviation or a column filter is in the
question; otherwise answer only if the best row's cosine >= MIN_DENSE or its lexical coverage of
the question's rare words >= MIN_LEXICAL_COVERAGE. Only the last part depends on thresholds.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dataclasses import replace  # noqa: E402

from assistant import decide, retrieve  # noqa: E402
from assistant.embedding import load_model  # noqa: E402
from assistant.index import open_index  # noqa: E402
from assistant.metrics import load_questions  # noqa: E402
from assistant.settings import Settings  # noqa: E402

DENSE = (0.30, 0.35, 0.40, 0.42, 0.45, 0.50, 0.55)
COVERAGE = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def main() -> None:
    settings = Settings.from_env()
    retriever = retrieve.Retriever(open_index(settings), load_model(settings.model))
    questions = []
    for name in ("dev-questions.jsonl", "extra-questions.jsonl", "scope-questions.jsonl"):
        with open(REPO / "eval" / name, encoding="utf-8") as stream:
            questions += load_questions(stream, name)
    cases = []
    for q in questions:
        result = retriever.search(q.question)
        query = result.query
        decided = bool(query.out_of_scope) or bool(
            query.concepts or query.institutions or query.abbreviation_terms or (result.evidence and result.evidence.field_match)
        )
        cases.append((q, result, decided))
    print("# Abstention thresholds: accuracy on the dev, extra and scope question sets\n")
    print(f"{len(questions)} questions ({sum(not q.answerable for q in questions)} not answerable); "
          f"{sum(not d for _, _, d in cases)} reach the threshold part of the rule.\n")  # fmt: skip
    print("| MIN_DENSE \\ MIN_COVERAGE | " + " | ".join(map(str, COVERAGE)) + " |")
    print("|---|" + "---|" * len(COVERAGE))
    for dense in DENSE:
        cells = []
        for coverage in COVERAGE:
            decide.MIN_DENSE, decide.MIN_LEXICAL_COVERAGE = dense, coverage
            correct = 0
            for q, result, _ in cases:
                evidence = result.evidence or decide.Evidence(0.0, 0.0, False, False, False, ())
                decision, _ = decide.decide(replace(evidence))
                correct += (decision is decide.Decision.NOT_COVERED) == (not q.answerable)
            cells.append(f"{correct / len(cases):.3f}")
        print(f"| {dense} | " + " | ".join(cells) + " |")
    print("\nThe threshold-dependent questions (evidence of the best row):\n")
    for q, result, decided in cases:
        if not decided:
            print(f"- {q.id} answerable={q.answerable}: {result.evidence.as_dict() if result.evidence else {}} — {q.question}")


if __name__ == "__main__":
    main()
