"""Known-answer tests for the question-set loader and the retrieval metrics."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from assistant.errors import CorpusError
from assistant.metrics import (
    Question,
    QuestionResult,
    RelevantEntry,
    abstention_correct,
    entry_met,
    evaluate,
    evaluate_by,
    hit_at_k,
    hit_at_k_by,
    load_questions,
    recall_at_k,
    recall_at_k_by,
    reciprocal_rank,
    reciprocal_rank_by,
    summarize,
)
from assistant.rows import Row, Source

DEV_SET = Path(__file__).resolve().parent.parent / "eval" / "dev-questions.jsonl"


def row(goal: int, measure: int, activity: str, *, year: int = 2024, n: int = 1) -> Row:
    return Row(
        row_id=f"kazanlak/{year}/{goal}.{measure}.{n}",
        municipality="Казанлък",
        year=year,
        goal=goal,
        goal_title="Цел",
        measure=measure,
        measure_title="Мярка",
        activity=activity,
        deadline="Декември 2024 г.",
        deadline_date="2024-12-31",
        funding="",
        responsible=("Училища",),
        results="",
        source=Source(file=f"kazanlak-{year}.txt", line_start=1, line_end=2),
    )


def question(*entries: RelevantEntry, qid: str = "q1") -> Question:
    return Question(qid, "parent", "въпрос", True, tuple(entries))


UNANSWERABLE = Question("u1", "parent", "храната в градината", False, ())

SPEECH = RelevantEntry(1, 2, "Организиране на логопедична работа")
TEAM = RelevantEntry(1, 1, "практики за екипна работа на учителите")
GIFTED = RelevantEntry(1, 5, "гъвкави форми за работа с даровити деца")

SPEECH_ROW = row(1, 2, "Организиране на логопедична работа като част от дейностите.")
TEAM_ROW = row(
    1, 1, "Изпълнение на нормативно определените практики за екипна работа на учителите."
)
GIFTED_ROW = row(1, 5, "Прилагане на гъвкави форми за работа с даровити деца.")
OTHER_ROW = row(4, 1, "Подобряване на архитектурната и информационната среда.")


# entry_met


def test_entry_met_across_a_line_end_hyphen() -> None:
    entry = RelevantEntry(1, 1, "образователни потребности")
    assert entry_met(entry, row(1, 1, "специални обра-\nзователни потребности"))
    assert entry_met(entry, row(1, 1, "специални ОБРАЗОВАТЕЛНИ\n  потребности"))
    assert entry_met(entry, row(1, 1, "специални обра\u00adзователни потребности"))  # soft hyphen
    assert entry_met(entry, row(1, 1, "специални обра\u2011 зователни потребности"))  # nb hyphen


def test_entry_met_either_way_round_for_a_real_hyphen() -> None:
    hyphenated = RelevantEntry(1, 1, "5 и 6-годишна възраст")
    joined = RelevantEntry(1, 1, "5 и 6годишна възраст")
    for text in ("децата на 5 и 6-\nгодишна възраст", "децата на 5 и 6годишна възраст"):
        assert entry_met(hyphenated, row(1, 1, text))
        assert entry_met(joined, row(1, 1, text))
    # kazanlak-2024.txt splits "арт-\nтерапия" at a line end; the dev set writes "арт-терапия".
    assert entry_met(
        RelevantEntry(3, 7, "арт-терапия и арт-педагогика"),
        row(3, 7, "Прилагане на арт-\nтерапия и арт-педагогика за ученици със СОП."),
    )


def test_entry_not_met_by_other_goal_measure_or_text() -> None:
    assert not entry_met(SPEECH, row(1, 3, SPEECH_ROW.activity))  # other measure
    assert not entry_met(SPEECH, row(2, 2, SPEECH_ROW.activity))  # other goal
    assert not entry_met(SPEECH, row(1, 2, "Организиране на работа с логопед"))  # other words
    # The piece must lie inside the activity: extra words in the entry break it.
    assert not entry_met(RelevantEntry(1, 2, SPEECH.activity + " с родители"), SPEECH_ROW)


def test_year_restricted_entry() -> None:
    entry = RelevantEntry(2, 1, "логопеди и рехабилитатори", year=2023)
    text = "Осигуряване на необходимия брой логопеди и рехабилитатори на слуха и говора."
    assert entry_met(entry, row(2, 1, text, year=2023))
    assert not entry_met(entry, row(2, 1, text, year=2024))
    any_year = RelevantEntry(2, 1, "логопеди и рехабилитатори")
    assert entry_met(any_year, row(2, 1, text, year=2023))
    assert entry_met(any_year, row(2, 1, text, year=2024))


def test_year_restricted_recall_counts_each_year_separately() -> None:
    # ds04-style: the same activity asked for in both years; only the 2024 row was retrieved.
    text = "логопеди и рехабилитатори на слуха и говора"
    q = question(RelevantEntry(2, 1, text, year=2023), RelevantEntry(2, 1, text, year=2024))
    ranked = [row(2, 1, text, year=2024)]
    assert recall_at_k(q, ranked, 5) == 0.5  # 1 of 2 entries met
    assert reciprocal_rank(q, ranked, 5) == 1.0  # rank 1 meets the 2024 entry


# recall, hit, reciprocal rank


def test_recall_two_of_three_entries() -> None:
    q = question(SPEECH, TEAM, GIFTED)
    ranked = [OTHER_ROW, SPEECH_ROW, OTHER_ROW, TEAM_ROW, OTHER_ROW, GIFTED_ROW]
    # top 5 holds SPEECH (rank 2) and TEAM (rank 4); GIFTED is at rank 6 -> 2 / 3
    assert round(recall_at_k(q, ranked, 5), 4) == 0.6667
    # top 6 holds all three -> 3 / 3
    assert recall_at_k(q, ranked, 6) == 1.0
    # top 1 holds none -> 0 / 3
    assert recall_at_k(q, ranked, 1) == 0.0


def test_an_entry_counts_once_however_many_rows_meet_it() -> None:
    q = question(SPEECH, TEAM)
    ranked = [SPEECH_ROW, SPEECH_ROW, SPEECH_ROW]
    assert recall_at_k(q, ranked, 5) == 0.5  # 1 of 2 entries, not 3 of 2


def test_reciprocal_rank_first_relevant_at_rank_two() -> None:
    q = question(SPEECH, TEAM)
    ranked = [OTHER_ROW, TEAM_ROW, SPEECH_ROW]
    assert reciprocal_rank(q, ranked, 5) == 0.5  # first meeting row at rank 2 -> 1/2
    assert hit_at_k(q, ranked, 5) == 1.0
    assert reciprocal_rank(q, ranked, 1) == 0.0  # rank 2 is outside the top 1
    assert hit_at_k(q, ranked, 1) == 0.0


def test_nothing_relevant_in_top_k() -> None:
    q = question(GIFTED)
    ranked = [OTHER_ROW] * 5 + [GIFTED_ROW]  # the only meeting row is at rank 6
    assert recall_at_k(q, ranked, 5) == 0.0
    assert hit_at_k(q, ranked, 5) == 0.0
    assert reciprocal_rank(q, ranked, 5) == 0.0
    assert round(reciprocal_rank(q, ranked, 6), 4) == 0.1667  # 1/6
    assert recall_at_k(q, [], 5) == 0.0


def test_metrics_refuse_unanswerable_questions_and_bad_k() -> None:
    with pytest.raises(ValueError):
        recall_at_k(UNANSWERABLE, [OTHER_ROW], 5)
    with pytest.raises(ValueError):
        reciprocal_rank(question(SPEECH), [SPEECH_ROW], 0)


def test_generic_metrics_over_text_chunks() -> None:
    # A naive-RAG baseline: chunks of text, met when the chunk contains the activity piece.
    def meets(entry: RelevantEntry, chunk: str) -> bool:
        return entry.activity.lower() in chunk.lower()

    q = question(SPEECH, TEAM, GIFTED)
    chunks = [
        "нищо общо",
        "Организиране на логопедична работа ...",
        "практики за екипна работа на учителите",
    ]
    # SPEECH at rank 2, TEAM at rank 3, GIFTED nowhere -> recall 2/3, MRR 1/2
    assert round(recall_at_k_by(q, chunks, 5, meets), 4) == 0.6667
    assert hit_at_k_by(q, chunks, 5, meets) == 1.0
    assert reciprocal_rank_by(q, chunks, 5, meets) == 0.5
    result = evaluate_by(q, chunks, False, 5, meets)
    assert (result.recall, result.hit, result.reciprocal_rank) == (2 / 3, 1.0, 0.5)


# abstention


def test_abstention_both_ways() -> None:
    answerable = question(SPEECH)
    assert abstention_correct(UNANSWERABLE, abstained=True)
    assert not abstention_correct(UNANSWERABLE, abstained=False)  # answered the unanswerable
    assert abstention_correct(answerable, abstained=False)
    assert not abstention_correct(answerable, abstained=True)  # gave up on an answerable one


# summary


def test_summarize_known_numbers() -> None:
    q1 = question(SPEECH, TEAM, GIFTED, qid="q1")
    q2 = question(SPEECH, TEAM, qid="q2")
    results = [
        # q1: 2 of 3 met, first at rank 2 -> recall 0.6667, hit 1, RR 0.5; answered (correct)
        evaluate(q1, [OTHER_ROW, SPEECH_ROW, TEAM_ROW], abstained=False),
        # q2: nothing met -> recall 0, hit 0, RR 0; abstained (wrong: it is answerable)
        evaluate(q2, [OTHER_ROW], abstained=True),
        # u1: abstained (correct); no retrieval numbers
        evaluate(UNANSWERABLE, [], abstained=True),
        # u1 again under another run: answered (wrong)
        evaluate(UNANSWERABLE, [OTHER_ROW], abstained=False),
    ]
    assert results[2].recall is None and results[2].reciprocal_rank is None
    assert summarize(results, 5) == {
        "n": 4,
        "recall_at_k": 0.3333,  # (2/3 + 0) / 2 answerable
        "hit_at_k": 0.5,  # (1 + 0) / 2
        "mrr": 0.25,  # (1/2 + 0) / 2
        "abstention_accuracy": 0.5,  # 2 correct (q1, first u1) of 4
        "k": 5,
    }


def test_summarize_mrr_average() -> None:
    # RR 1, 1/2, 1/3 -> (1 + 0.5 + 0.3333) / 3 = 0.6111
    results = [
        QuestionResult(
            question_id=f"q{i}",
            audience="teacher",
            answerable=True,
            abstained=False,
            k=5,
            recall=1.0,
            hit=1.0,
            reciprocal_rank=1 / i,
        )
        for i in (1, 2, 3)
    ]
    summary = summarize(results, 5)
    assert summary["mrr"] == 0.6111
    assert summary["abstention_accuracy"] == 1.0
    assert list(summary) == ["n", "recall_at_k", "hit_at_k", "mrr", "abstention_accuracy", "k"]


def test_summarize_rejects_results_of_another_k() -> None:
    with pytest.raises(ValueError):
        summarize([evaluate(question(SPEECH), [SPEECH_ROW], False, k=3)], 5)


# loading


def line(**overrides: object) -> str:
    data: dict[str, object] = {
        "id": "dp01",
        "audience": "parent",
        "question": "кой ще помогне на детето ми да говори правилно",
        "answerable": True,
        "relevant": [{"goal": 1, "measure": 2, "activity": "логопедична работа"}],
    }
    data.update(overrides)
    return json.dumps(data, ensure_ascii=False)


def load(text: str) -> list[Question]:
    return load_questions(io.StringIO(text), "въпроси.jsonl")


def test_load_valid_lines_and_skip_blank_ones() -> None:
    text = "\n".join(
        [
            line(),
            "",
            "   ",
            line(
                id="dp02", relevant=[{"year": 2024, "goal": 3, "measure": 5, "activity": "аутизъм"}]
            ),
            line(id="dp03", answerable=False, relevant=[]),
        ]
    )
    questions = load(text + "\n")
    assert [q.id for q in questions] == ["dp01", "dp02", "dp03"]
    assert questions[0].relevant == (RelevantEntry(1, 2, "логопедична работа", None),)
    assert questions[1].relevant[0].year == 2024
    assert questions[2].answerable is False and questions[2].relevant == ()


def test_bad_json_names_file_and_line_in_bulgarian() -> None:
    text = line() + "\n\n" + '{"id": "dp02", "audience": ' + "\n"
    with pytest.raises(CorpusError) as caught:
        load(text)
    message = str(caught.value)
    assert "„въпроси.jsonl“" in message
    assert "ред 3" in message  # blank line 2 still counts as a line
    assert "не е валиден JSON" in message


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id": ""}, "id"),
        ({"audience": "student"}, "audience"),
        ({"question": 5}, "question"),
        ({"answerable": "yes"}, "answerable"),
        ({"relevant": None}, "relevant"),
        ({"relevant": [{"goal": True, "measure": 2, "activity": "x"}]}, "relevant[0].goal"),
        ({"relevant": [{"goal": 1, "activity": "x"}]}, "relevant[0].measure"),
        ({"relevant": [{"goal": 1, "measure": 2, "activity": " - "}]}, "relevant[0].activity"),
        (
            {"relevant": [{"goal": 1, "measure": 2, "activity": "x", "year": "2024"}]},
            "relevant[0].year",
        ),
    ],
)
def test_missing_or_ill_typed_field(overrides: dict[str, object], field: str) -> None:
    with pytest.raises(CorpusError) as caught:
        load(line() + "\n" + line(**{"id": "dp02", **overrides}) + "\n")
    message = str(caught.value)
    assert "ред 2" in message and f"„{field}“" in message and "„въпроси.jsonl“" in message


def test_missing_field_entirely() -> None:
    data = json.loads(line())
    del data["answerable"]
    with pytest.raises(CorpusError, match="„answerable“"):
        load(json.dumps(data))


def test_line_that_is_not_an_object() -> None:
    with pytest.raises(CorpusError, match="ред 1: редът трябва да е JSON обект"):
        load("[1, 2]\n")


def test_duplicate_id() -> None:
    with pytest.raises(CorpusError) as caught:
        load(line() + "\n" + line(id="dp02") + "\n" + line() + "\n")
    message = str(caught.value)
    assert "ред 3" in message and "„dp01“" in message and "ред 1" in message


def test_answerable_without_relevant_and_the_reverse() -> None:
    with pytest.raises(CorpusError, match="ред 1: въпросът „dp01“ е отбелязан като отговорим"):
        load(line(relevant=[]))
    with pytest.raises(CorpusError, match="отбелязан като неотговорим"):
        load(line(answerable=False))


def test_dev_set_loads() -> None:
    if not DEV_SET.exists():
        pytest.skip("eval/dev-questions.jsonl is not in this checkout")
    with DEV_SET.open(encoding="utf-8") as stream:
        questions = load_questions(stream, DEV_SET.name)
    assert len(questions) == 30
    unanswerable = [q.id for q in questions if not q.answerable]
    assert unanswerable == ["dp16", "dp17", "dt08", "ds05"]
    assert {q.audience for q in questions} == {"parent", "teacher", "staff"}
    assert all(q.relevant for q in questions if q.answerable)
    assert {e.year for q in questions for e in q.relevant} == {None, 2023, 2024}
