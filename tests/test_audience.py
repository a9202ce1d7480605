"""Answers for a parent, a teacher or municipal staff (issue 11): the same facts and citations,
led by what that reader needs, and every line still verified against its rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answer import Audience, compose
from assistant.verify import verify

EVAL = Path(__file__).resolve().parent.parent / "eval"


def questions() -> list[str]:
    found = []
    for name in ("dev", "mixed"):
        with open(EVAL / f"{name}-questions.jsonl", encoding="utf-8") as stream:
            found += [json.loads(line)["question"] for line in stream if line.strip()]
    return found


def test_every_audience_gets_the_same_rows_and_a_verified_answer(retriever):
    for question in questions():
        result = retriever.search(question, k=8)
        answers = {audience: compose(result, audience) for audience in Audience}
        cited = {audience: {c.row.row_id for c in a.citations} for audience, a in answers.items()}
        assert len({frozenset(c) for c in cited.values()}) == 1, question
        for audience, answer in answers.items():
            assert verify(answer) == [], (question, audience, answer.text)


@pytest.mark.parametrize(
    ("audience", "lead", "detail"),
    [
        (Audience.PARENT, "Какво може да получи детето", "За помощ се обърнете към тези, които отговарят: "),
        (Audience.TEACHER, "Какво трябва да се направи и до кога", "- Срок „"),
        (Audience.STAFF, "По плана на община Казанлък", "Финансиране: „"),
    ],
)
def test_each_reader_gets_the_lead_they_need(retriever, audience, lead, detail):
    answer = compose(retriever.search("какво има за талантливи деца", k=8), audience)
    assert answer.text.startswith(lead) and detail in answer.text
