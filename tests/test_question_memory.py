"""The memory of questions asked before (issue 8): what it holds, how it votes, how it is left out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.question_memory import (
    HELD_OUT,
    MEMORY_FILE,
    VECTORS_FILE,
    QuestionMemory,
    question_set_name,
    read_memory,
    stored_vectors,
)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def memory():
    asked, answers = read_memory()
    return asked, answers


def test_the_memory_never_holds_a_held_out_question(memory):
    """No question of the held-out sets is remembered, by source or by wording."""
    asked, _ = memory
    assert asked and not {a.source for a in asked} & set(HELD_OUT)
    remembered = {a.question for a in asked}
    for name in HELD_OUT:
        lines = (REPO / "eval" / f"{name}-questions.jsonl").read_text(encoding="utf-8").splitlines()
        assert not {json.loads(line)["question"] for line in lines if line.strip()} & remembered


def test_every_remembered_question_comes_from_a_committed_set(memory):
    """Each source names a question set in eval/, and each question is in it word for word."""
    asked, _ = memory
    sets = {question_set_name(p): p for p in (REPO / "eval").glob("*-questions.jsonl")}
    for source in {a.source for a in asked}:
        assert source in sets and not source.startswith("whole-plan"), source
        lines = sets[source].read_text(encoding="utf-8").splitlines()
        questions = {json.loads(line)["question"] for line in lines if line.strip()}
        assert {a.question for a in asked if a.source == source} <= questions


def test_every_remembered_activity_is_found_in_the_bundled_plans(retriever):
    """Activities are named by wording, and every one has its rows in the index."""
    assert retriever.memory.asked
    assert all(len(rows) for rows in retriever.memory.rows_of)


def test_the_committed_vectors_serve_the_default_model(retriever):
    """No start-up embedding of thousands of questions: the stored vectors fit the model."""
    asked, _ = read_memory()
    vectors = stored_vectors(asked, retriever.index.manifest["model_fingerprint"], VECTORS_FILE)
    assert vectors is not None and vectors.shape[0] == len(asked)


def test_the_stored_texts_are_how_the_questions_are_understood_today(retriever):
    """A change to understanding (glossary, typo fixing) makes the stored texts stale: then run
    eval/build_question_memory.py again."""
    asked, _ = read_memory()
    from assistant.candidates import embedded_text

    for entry in asked[::40]:
        assert embedded_text(retriever.understand(entry.question)) == entry.text, entry.question


def test_a_question_asked_before_votes_for_the_rows_that_answered_it(retriever):
    """The same question again: its remembered activity's rows (both years) get its full vote."""
    memory = retriever.memory
    entry = next(a for a in memory.asked if len(a.answers) == 1)
    votes = memory.scores(retriever.embed_query(retriever.understand(entry.question)))
    rows = memory.rows_of[entry.answers[0]]
    assert len(rows) == 2 and votes[rows].min() >= 0.99


def test_leaving_a_set_out_silences_its_questions(retriever):
    """How a set is scored honestly: none of its questions votes, the others still do."""
    memory = retriever.memory
    entry = memory.asked[0]
    left = retriever.leaving_out(entry.source).memory
    own = sum(a.source == entry.source for a in memory.asked)
    assert left.size == len(memory.asked) - own > 0
    vector = retriever.embed_query(retriever.understand(entry.question)).reshape(-1)
    assert not left.keep[0] and memory.keep[0]
    assert float(np.max(np.where(left.keep, left.vectors @ vector, -1.0))) < 0.999


def test_leaving_a_set_out_also_leaves_out_its_questions_held_by_another_set(retriever):
    """Two writers may ask in the same words: scoring one set, the other's copy does not vote."""
    memory = retriever.memory
    entry = memory.asked[5]
    left = memory.leaving_out("no such set", [entry.question.upper() + "  "])
    assert not left.keep[5] and left.size < memory.size


@pytest.mark.parametrize("damage", [b"", b"{\"answers\": [", b"not json", b"{\"answers\": [], \"asked\": [{\"q\": 1}]}"])
def test_a_damaged_memory_file_costs_the_signal_not_the_search(retriever, tmp_path, damage):
    """Cut, empty or malformed: the search runs without the memory (a warning in the log)."""
    (tmp_path / "question_memory.json").write_bytes(damage)
    memory = QuestionMemory.load(retriever.index, retriever.model, tmp_path / "question_memory.json")
    assert memory.size == 0 and not memory.scores(retriever.embed_query(retriever.understand("заеква"))).any()


def test_damaged_vectors_are_embedded_again(retriever, tmp_path):
    """A cut vectors file is not trusted: the questions are embedded with the model instead."""
    asked, _ = read_memory()
    (tmp_path / "question_memory.npz").write_bytes(VECTORS_FILE.read_bytes()[:1000])
    assert stored_vectors(asked, retriever.index.manifest["model_fingerprint"], tmp_path / "question_memory.npz") is None


def test_the_memory_file_is_one_question_a_line():
    """Readable diffs when a set joins: the answers first, then one question a line."""
    text = MEMORY_FILE.read_text(encoding="utf-8")
    assert text.startswith('{"answers": [\n') and '\n"asked": [\n' in text
    assert json.loads(text)["asked"]
