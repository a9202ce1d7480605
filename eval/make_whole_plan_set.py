"""Write eval/whole-plan-questions.jsonl: whole-plan questions with their full row sets.

    cd /work/main && .venv/bin/python eval/make_whole_plan_set.py

Each question's rows are chosen here by a plain predicate over the parsed bundled plans, written
independently of the product's code (no import of whole.py or filters.py), so the set checks
the product rather than repeating it. Without a year in the question, the latest plan answers.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from assistant.parse import load_corpus  # noqa: E402
from assistant.rows import Row  # noqa: E402

Predicate = Callable[[Row], bool]


def has(name: str) -> Predicate:
    return lambda r: any(name in institution.split() or institution.startswith(name) for institution in r.responsible)


QUESTIONS: list[tuple[str, str, int | None, Predicate]] = [
    ("staff", "всички дейности на МКБППМН", None, has("МКБППМН")),
    ("staff", "Какви ангажименти има местната комисия за борба с противообществените прояви?", None, has("МКБППМН")),
    ("staff", "колко дейности има за полицията", None, has("МВР")),
    ("staff", "кои дейности са на читалищата", None, has("Читалища")),
    ("teacher", "какво трябва да е готово в началото на учебната година", None,
     lambda r: r.deadline.lower().startswith("началото на учебната")),
    ("staff", "кои дейности са със срок при необходимост", None, lambda r: r.deadline.lower() == "при необходимост"),
    ("staff", "колко дейности нямат финансиране", None, lambda r: r.funding.strip().lower() in ("", "неприложимо")),
    ("staff", "кои дейности се финансират от бюджета на общината", None,
     lambda r: r.funding.startswith("От бюджета на Община")),
    ("staff", "какво включва мярка 1.5", None, lambda r: (r.goal, r.measure) == (1, 5)),
    ("staff", "какви дейности има по оперативна цел 3", None, lambda r: r.goal == 3),
    ("staff", "всички дейности по четвърта оперативна цел", None, lambda r: r.goal == 4),
    ("staff", "кои дейности в плана за 2023 са на ОДК", 2023, has("ОДК")),
    ("teacher", "какво трябва да направят училищата до началото на учебната 2024/2025", None,
     lambda r: has("Училища")(r) and r.deadline.lower().startswith("началото на учебната")),
    ("staff", "кои дейности са с външно финансиране", None, lambda r: "външно финансиране" in r.funding),
    ("staff", "мярка 2.1", None, lambda r: (r.goal, r.measure) == (2, 1)),
    ("teacher", "кои дейности на детските градини са със срок декември", None,
     lambda r: (has("Детски градини")(r) or has("ДГ")(r)) and r.deadline.lower().startswith("декември")),
    ("staff", "кои дейности се финансират чрез министерството", None, lambda r: "министерство" in r.funding),
    ("staff", "кои дейности се изпълняват от здравните медиатори", None, has("Здравни медиатори")),
    ("staff", "какво е предвидено по мярка 3.2 в плана за 2023", 2023, lambda r: (r.goal, r.measure) == (3, 2)),
    ("staff", "всички дейности с неприложимо финансиране", None, lambda r: r.funding.strip().lower() == "неприложимо"),
    ("staff", "кои дейности са на РЦПППО", None, has("РЦПППО")),
    ("staff", "колко дейности има по оперативна цел 6", None, lambda r: r.goal == 6),
    ("teacher", "какви задължения имат детските градини по мярка 1.1", None,
     lambda r: (has("Детски градини")(r) or has("ДГ")(r)) and (r.goal, r.measure) == (1, 1)),
    ("staff", "кои дейности в плана за 2023 г. нямат финансиране", 2023,
     lambda r: r.funding.strip().lower() in ("", "неприложимо")),
]


def main() -> None:
    plans = {p.year: p for p in load_corpus(REPO / "corpus")}
    latest = max(plans)
    out = REPO / "eval" / "whole-plan-questions.jsonl"
    with out.open("w", encoding="utf-8") as stream:
        for number, (audience, question, year, predicate) in enumerate(QUESTIONS, 1):
            rows = [r for r in plans[year or latest].rows if predicate(r)]
            assert rows, question
            record = {
                "id": f"w{number:02d}", "audience": audience, "question": question, "answerable": True,
                "relevant": [{"year": r.year, "goal": r.goal, "measure": r.measure, "activity": r.activity} for r in rows],
                "row_ids": [r.row_id for r in rows],
            }  # fmt: skip
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(QUESTIONS)} questions -> {out}")


if __name__ == "__main__":
    main()
