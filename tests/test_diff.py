"""What changed between two years' plans of one municipality (issue 11): exactly the real wording
changes of the bundled plans, nothing of form, through the library, the CLI, the chat and the server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from ui_server import ALL, running_server

from assistant.answer import compose
from assistant.diff import diff_plans, same_form
from assistant.verify import verify

REPO = Path(__file__).resolve().parent.parent
# The real changes from the 2023 to the 2024 plan of Kazanlak, read from the two documents
BUNDLED_CHANGES = [
    (1, 3, "activity", "Формиране умения за общуване", "Формиране на умения за общуване"),
    (1, 4, "results", "Организиран мероприятия", "Организирани мероприятия"),
    (1, 4, "results", "Организиран мероприятия", "Организирани мероприятия"),
    (1, 5, "results", "Организиран извънучилищни дейности", "Организирани извънучилищни дейности"),
    (1, 5, "activity", "Подкрепа на таланти деца чрез Програма", "Подкрепа на талантливи деца чрез Програма"),
    (1, 5, "activity", "Подкрепа на таланти деца чрез Общинска", "Подкрепа на талантливи деца чрез Общинска"),
    (1, 5, "results", "стимулирани и мотивирани деца", "стимулирани и мотивиране деца"),
    (2, 2, "measure_title", "Повишаване на квалификацията", "Повишаване квалификацията"),
    (3, 3, "responsible", "РЕПЛР, РЦПППО", "РЕПЛР в РЦПППО"),
    (4, 1, "activity", "чрез подобряване на достъпността", "чрез подобряване достъпността"),
    (6, 1, "measure_title", "преодоляване на непознаването", "преодоляване непознаването"),
]


def test_the_bundled_plans_differ_exactly_in_their_real_wording_changes(plans):
    changes = diff_plans(plans[2023].rows, plans[2024].rows)
    assert [(c.goal, c.measure, c.field, c.kind) for c in changes] == [(g, m, f, "changed") for g, m, f, _, _ in BUNDLED_CHANGES]
    for change, (_, _, _, before, after) in zip(changes, BUNDLED_CHANGES, strict=True):
        assert before in change.before and after in change.after


def test_form_and_the_shift_of_years_are_not_changes(plans):
    """Latin look-alike letters, spacing, a trailing full stop or "г.", next year's deadlines."""
    rows = plans[2024].rows
    later = [
        replace(r, year=2025, activity=r.activity.replace("о", "o").rstrip(".") + "  ",
                deadline=r.deadline.replace("2024/2025", "2025/2026").replace("2024", "2025").replace(" г.", ""))
        for r in rows
    ]  # fmt: skip
    assert diff_plans(rows, later) == []
    assert same_form("Приоритет VІ", "Приоритет VI") and not same_form("таланти", "талантливи")


def test_an_activity_added_or_removed_does_not_shift_the_others(plans):
    rows = list(plans[2024].rows)
    removed = rows.pop(3)
    added = replace(rows[5], activity="Нова дейност за ранно детско развитие в общината.")
    later = [*rows[:6], added, *rows[6:]]
    changes = diff_plans(plans[2024].rows, later)
    assert {(c.kind, c.field) for c in changes} == {("removed", "activity"), ("added", "activity")}
    assert any(c.before == removed.activity for c in changes)


def test_a_measure_inserted_before_others_is_one_added_measure_not_a_chain_of_changes(plans):
    """The later plan inserts measure 1.2: the old 1.2, 1.3 … are now 1.3, 1.4 … with the same content."""
    rows = plans[2024].rows
    inserted = [
        replace(rows[0], measure=2, measure_title="Ранно откриване на обучителни затруднения в детската градина",
                activity=activity, row_id=f"new/2024/1.2.{p}")
        for p, activity in enumerate(["Скрининг на децата от 3 до 3 години и 6 месеца.", "Обучение на учителите за скрининга."], 1)
    ]  # fmt: skip
    renumbered = [replace(r, measure=r.measure + 1) if r.goal == 1 and r.measure >= 2 else r for r in rows]
    later = [*[r for r in renumbered if (r.goal, r.measure) < (1, 2)], *inserted,
             *[r for r in renumbered if (r.goal, r.measure) > (1, 2)]]  # fmt: skip
    changes = diff_plans(rows, later)
    assert [(c.goal, c.measure, c.field, c.kind) for c in changes] == [
        (1, 2, "measure_title", "added"), (1, 2, "activity", "added"), (1, 2, "activity", "added")]
    removed = diff_plans(later, rows)  # and read backwards, one removed measure
    assert {(c.goal, c.measure, c.kind) for c in removed} == {(1, 2, "removed")} and len(removed) == 3


def test_the_same_bodies_in_another_order_are_no_change(plans):
    rows = plans[2024].rows
    several = next(r for r in rows if len(r.responsible) > 2)
    later = [replace(r, responsible=tuple(reversed(r.responsible))) if r is several else r for r in rows]
    assert diff_plans(rows, later) == []
    fewer = [replace(r, responsible=r.responsible[1:]) if r is several else r for r in rows]
    assert [c.field for c in diff_plans(rows, fewer)] == ["responsible"]


def test_diff_json_from_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "diff", "--municipality", "Казанлък", "--from", "2023", "--to", "2024",
         "--format", "json"], cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=300, env={**os.environ},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data) == len(BUNDLED_CHANGES)
    assert all(set(item) == {"goal", "measure", "field", "kind", "before", "after"} for item in data)


def test_a_missing_plan_is_named():
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "diff", "--municipality", "Казанлък", "--from", "2019", "--to", "2024"],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=300, env={**os.environ},
    )  # fmt: skip
    assert done.returncode == 1 and "2019" in done.stderr and "Traceback" not in done.stderr


def test_the_chat_answers_what_changed_with_both_rows_cited(retriever):
    answer = compose(retriever.search("какво се промени между 2023 и 2024"))
    assert answer.kind == "changes" and not verify(answer)
    assert answer.text.startswith("Промени в плана на община Казанлък от 2023 г. към 2024 г.")
    assert {c.row.year for c in answer.citations} == {2023, 2024}
    assert answer.text.count("- Оперативна цел") == len(BUNDLED_CHANGES)


def test_a_question_about_one_column_gets_only_that_columns_changes(retriever):
    answer = compose(retriever.search("При коя дейност отговорните институции са записани различно в плана за 2024 спрямо плана за 2023?"))
    assert answer.kind == "changes" and not verify(answer)
    assert answer.text.count("- Оперативна цел") == 1 and "отговорни институции" in answer.text
    assert {(c.row.goal, c.row.measure) for c in answer.citations} == {(3, 3)}


def test_a_column_without_changes_is_said_to_be_the_same(retriever):
    answer = compose(retriever.search("Какво се промени във финансирането между 2023 и 2024?"))
    assert answer.kind == "changes" and not answer.citations
    assert answer.text == "Плановете на община Казанлък за двете години не се различават по: финансиране."


def test_a_bodys_changes_in_one_column_are_only_those_of_its_rows(retriever):
    """ "на детските градини" limits the changes to the rows the kindergartens share; where a body's rows
    did not change, the answer says so of that body, not of the whole plan."""
    answer = compose(retriever.search("При кои дейности на детските градини са променени отговорните институции в плана за 2024 спрямо 2023?"))
    assert answer.kind == "changes" and not verify(answer)
    assert {(c.row.goal, c.row.measure, c.row.year) for c in answer.citations} == {(3, 3, 2023), (3, 3, 2024)}
    answer = compose(retriever.search("При кои дейности на полицията са променени отговорните институции в плана за 2024 спрямо 2023?"))
    assert answer.kind == "changes" and not answer.citations
    assert answer.text == "В дейностите с участие на РУ на МВР плановете на община Казанлък за двете години не се различават по: отговорни институции."


def test_what_changed_through_the_real_server(request, tmp_path_factory):
    from gradio_client import Client

    server = running_server(request, tmp_path_factory)
    history, _, _ = Client(server.url, verbose=False).predict(
        "какви са разликите между плана за 2023 и за 2024", [], ALL, ALL, api_name="/ask")
    content = history[-1]["content"]
    assert "Промени в плана" in str(content[0]["text"] if isinstance(content, list) else content)
