"""Grounded Bulgarian answers: every statement comes from a cited row (issue 5)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.answer import Answer, Citation, compose
from assistant.metrics import load_questions
from assistant.verify import verify

REPO = Path(__file__).resolve().parent.parent


def ask(retriever, question: str, **kwargs) -> Answer:
    return compose(retriever.search(question, k=8, **kwargs))


def test_what_exists_opens_with_the_plan_year_topic_and_count(retriever):
    """ "какво има за талантливи деца" -> "По плана на община Казанлък за 2024 г. за „изявени дарби“ намерих N дейности:"."""
    answer = ask(retriever, "какво има за талантливи деца")
    first = answer.text.splitlines()[0]
    items = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert first.startswith("По плана на община Казанлък за 2024 г. за „") and first.endswith(f"намерих {len(items)} дейности:")
    assert 3 <= len(items) <= 6


def test_activities_are_grouped_by_measure_with_responsible_deadline_result_and_marker(retriever):
    """Each item quotes the activity, names institutions, deadline and result, and cites [n]."""
    answer = ask(retriever, "тормозят го в училище")
    lines = answer.text.splitlines()
    assert any(line.startswith("**Оперативна цел 1, Мярка 3:** „") for line in lines)
    for line in (line for line in lines if line.startswith("- ")):
        assert "— отговорни: " in line and "; срок: „" in line and "; очакван резултат: „" in line
        assert line.rstrip().endswith("]") or ") " in line or line.rstrip().endswith(")")
    assert [c.number for c in answer.citations] == list(range(1, len(answer.citations) + 1))


def test_who_is_responsible_is_answered_first(retriever):
    """ "кой отговаря за …" opens with the responsible institutions."""
    answer = ask(retriever, "кой отговаря за логопедичната работа")
    assert answer.kind == "responsible"
    assert answer.text.startswith("Според плана на община Казанлък за 2024 г. отговорни са: ")


def test_until_when_is_answered_with_the_deadline(retriever):
    """ "до кога …" opens with the deadline as written in the plan."""
    answer = ask(retriever, "до кога трябва да определим ЕПЛР за всяко дете")
    assert answer.text.startswith("Според плана на община Казанлък за 2024 г. срокът е „Началото на учебната 2024/2025“.")


def test_funding_question_is_answered_with_the_funding(retriever):
    """ "как се финансира …" opens with the funding cell."""
    answer = ask(retriever, "как се финансира логопедичната работа")
    assert answer.text.startswith("Според плана на община Казанлък за 2024 г. финансирането е: „От бюджета на отговорните институции“")


def test_filter_question_lists_the_matching_rows(retriever):
    """ "кои дейности са със срок при необходимост" lists exactly those rows (a whole-plan question)."""
    answer = ask(retriever, "кои дейности са със срок при необходимост")
    assert answer.kind == "list"
    assert answer.text.startswith("Всички дейности в плана на община Казанлък за 2024 г., които отговарят на въпроса: 1 дейност.")
    assert all(c.row.deadline == "При необходимост" for c in answer.citations)


def test_same_activity_in_both_years_is_shown_once_for_the_latest_year(retriever):
    """The 2024 row is listed; the 2023 copy is mentioned with its own citation."""
    answer = ask(retriever, "детето ми е в инвалидна количка")
    lines = answer.text.splitlines()
    access = [i for i, line in enumerate(lines) if line.startswith("- ") and "достъпността на архитектурната" in line]
    assert len(access) == 1, answer.text  # listed once, not once per year
    also = lines[access[0] + 1]
    assert also.startswith("  Същата дейност е и в плана за 2023 г. ["), answer.text
    cited = {c.number: c.row for c in answer.citations}
    shown = int(lines[access[0]].rsplit("[", 1)[1].rstrip("]"))
    earlier = int(also.rsplit("[", 1)[1].rstrip("]."))
    assert (cited[shown].year, cited[earlier].year) == (2024, 2023)
    assert (cited[shown].goal, cited[shown].measure) == (cited[earlier].goal, cited[earlier].measure) == (4, 1)


def test_a_year_in_the_question_keeps_to_that_plan(retriever):
    """ "в плана за 2023 …" cites only 2023 rows and does not mention the other plan."""
    answer = ask(retriever, "в плана за 2023 какво има за деца с изявени дарби")
    assert {c.row.year for c in answer.citations} == {2023}
    assert "Същата дейност" not in answer.text


def test_an_institution_filter_with_no_row_in_that_year_says_so_not_that_the_year_has_no_plan(retriever, plans):
    only_later = next(n for n in retriever.institutions if not any(n in r.responsible for r in plans[2023].rows))
    answer = compose(retriever.search("тормоз", year=2023, institution=only_later))
    assert answer.abstained and f"„{only_later}“" in answer.text and "няма план" not in answer.text


def test_abbreviations_are_spelled_out_once(retriever):
    """The first СОП gets "(СОП — специални образователни потребности)", later ones do not."""
    answer = ask(retriever, "какви рехабилитации има за учениците със СОП")
    assert answer.text.count("(СОП — специални образователни потребности") == 1


def test_uncovered_question_says_so_plainly_and_cites_nothing(retriever):
    """Fees are not in the plans: a plain "not covered" answer without citations."""
    answer = ask(retriever, "колко струва таксата за детската градина")
    assert answer.abstained and not answer.citations
    assert answer.text.startswith("Плановете не покриват този въпрос")
    assert not verify(answer)


def test_every_answer_on_both_question_sets_passes_the_verifier(retriever):
    """Faithfulness 1.0: every line of every answer is supported by its cited rows."""
    for name in ("dev-questions.jsonl", "extra-questions.jsonl"):
        with open(REPO / "eval" / name, encoding="utf-8") as stream:
            questions = load_questions(stream, name)
        for question in questions:
            answer = ask(retriever, question.question)
            assert not verify(answer), (question.question, verify(answer))


@pytest.fixture
def good_answer(retriever) -> Answer:
    answer = ask(retriever, "детето ми заеква")
    assert not verify(answer)
    return answer


def test_verifier_catches_an_invented_institution(good_answer):
    """An institution no cited row names is caught."""
    text = good_answer.text.replace("отговорни: Училища", "отговорни: Училища, Министерство на здравеопазването", 1)
    assert any("institution" in p.text for p in verify(dataclasses.replace(good_answer, text=text)))


def test_verifier_catches_a_changed_quotation(good_answer):
    """A quoted activity that is not the plan's exact wording is caught."""
    text = good_answer.text.replace("логопеди", "логопеди и психолози", 1)
    assert any("quoted text" in p.text for p in verify(dataclasses.replace(good_answer, text=text)))


def test_verifier_catches_a_wrong_deadline_year_and_count(good_answer):
    """A deadline, a year or a count the rows do not support is caught."""
    wrong_year = good_answer.text.replace("плана на община Казанлък за 2024 г.", "плана на община Казанлък за 2025 г.", 1)
    assert verify(dataclasses.replace(good_answer, text=wrong_year))
    wrong_count = good_answer.text.replace("намерих ", "намерих 9 ", 1).replace("намерих 9 3", "намерих 9", 1)
    assert verify(dataclasses.replace(good_answer, text=wrong_count))
    wrong_deadline = good_answer.text.replace("срок: „Декември 2024 г.“", "срок: „Юни 2024 г.“", 1)
    assert verify(dataclasses.replace(good_answer, text=wrong_deadline))


def test_verifier_catches_words_outside_the_frames(good_answer):
    """Free text added to an answer ("препоръчваме частен логопед") is caught."""
    text = good_answer.text + "\nПрепоръчваме ви частен логопед."
    assert any("outside" in p.text for p in verify(dataclasses.replace(good_answer, text=text)))


def test_verifier_catches_a_marker_without_a_citation(good_answer):
    """A marker [n] with no citation n is caught."""
    text = good_answer.text.replace("[1]", "[99]", 1)
    assert any("citation" in p.text for p in verify(dataclasses.replace(good_answer, text=text)))


def test_citations_carry_full_rows(good_answer):
    """Each citation is a whole Row with its number."""
    assert all(isinstance(c, Citation) and c.row.activity and c.row.source for c in good_answer.citations)


def test_ask_cli_prints_text_and_json(index_dir, retriever):
    """`ask --format json` gives answer, abstained and citations (each a full Row with its number)."""
    env = {**os.environ, "ASSISTANT_INDEX": str(index_dir), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "детето ми заеква", "--format", "json"],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["abstained"] is False and data["answer"].startswith("По плана на община Казанлък за 2024 г.")
    first = data["citations"][0]
    assert first["number"] == 1 and {"row_id", "activity", "deadline", "responsible", "source"} <= first.keys()
