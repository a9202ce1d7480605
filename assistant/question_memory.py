"""Questions people asked before, with the activities that answer them: a retrieval signal.

A parent who writes "детето ми не казва и една дума" asks what many asked before in other words,
and the rows that answered them answer this one. The memory holds the answerable questions of the
question sets in eval/ (never the held-out ones: eval/build_question_memory.py makes it), each
with the text of the activities that answer it. It names activities by their wording, never by
row id, so it serves any plan that has those activities (another municipality's plan made from
the same national template, another year) and says nothing about a plan that has none of them.

Measured (eval/results/question-memory.md), each set scored with its own questions left out: it
lifts recall and MRR on every set. Used to decide "not covered" (the closest earlier question was
an uncovered one) it refused answerable questions: topical likeness is not the same need.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.glossary import DATA
from assistant.index import Index, dense_text_of, first_vectors
from assistant.text import match_key

log = logging.getLogger(__name__)

MEMORY_FILE = DATA / "question_memory.json"
VECTORS_FILE = DATA / "question_memory.npz"  # the texts embedded by the default model
NEIGHBOURS = 10  # earlier questions that vote ...
MIN_SIMILARITY = 0.5  # ... when at least this close to the question (cosine)
SAME_MEANING = 0.9  # a row reworded this little (cosine) still is the remembered activity
HELD_OUT = ("parents", "fresh")  # question sets that measure the product and never teach it


@dataclass(frozen=True)
class Answer:
    """An activity that answered an earlier question, as its plan worded it."""

    activity: str
    measure_title: str
    results: str

    @property
    def text(self) -> str:
        """What the index embeds for a row with this wording."""
        return dense_text_of(self.activity, self.results, self.measure_title)


@dataclass(frozen=True)
class Asked:
    """One earlier question."""

    question: str
    source: str  # the question set it comes from ("fresh21"), so that set can be scored without it
    text: str  # what was embedded: the question with its expansions, as understand() reads it
    answers: tuple[int, ...]  # positions in QuestionMemory.answers


def read_memory(path: Path = MEMORY_FILE) -> tuple[list[Asked], list[Answer]]:
    """The questions and their answers (a missing file is an empty memory)."""
    if not path.is_file():
        return [], []
    record = json.loads(path.read_text(encoding="utf-8"))
    answers = [Answer(**a) for a in record["answers"]]
    asked = [Asked(a["question"], a["source"], a["text"], tuple(a["answers"])) for a in record["asked"]]
    return asked, answers


def write_memory(asked: Sequence[Asked], answers: Sequence[Answer], vectors: np.ndarray, fingerprint: str,
                 path: Path = MEMORY_FILE, vectors_path: Path = VECTORS_FILE) -> None:  # fmt: skip
    """Write the memory (one question a line, for readable diffs) and its vectors, each atomically."""
    lines = [json.dumps(a.__dict__, ensure_ascii=False) for a in answers]
    questions = [json.dumps({**a.__dict__, "answers": list(a.answers)}, ensure_ascii=False) for a in asked]
    text = '{"answers": [\n' + ",\n".join(lines) + '\n],\n"asked": [\n' + ",\n".join(questions) + "\n]}\n"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    temporary = vectors_path.with_name("question_memory.tmp.npz")
    np.savez_compressed(temporary, vectors=vectors.astype(np.float16), model_fingerprint=np.array(fingerprint),
                        texts_sha256=np.array(texts_digest(asked)))  # fmt: skip
    os.replace(temporary, vectors_path)


def texts_digest(asked: Sequence[Asked]) -> str:
    """What the stored vectors were embedded from: they serve only these texts."""
    digest = hashlib.sha256()
    for a in asked:
        digest.update(a.text.encode() + b"\0")
    return digest.hexdigest()


def stored_vectors(asked: Sequence[Asked], fingerprint: str, path: Path = VECTORS_FILE) -> np.ndarray | None:
    """The committed vectors, when the same model embedded these same texts."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            if str(stored["model_fingerprint"]) != fingerprint or str(stored["texts_sha256"]) != texts_digest(asked):
                return None
            vectors = stored["vectors"].astype(np.float32)
    except Exception as exc:  # missing, cut or not an archive (BadZipFile, EOFError, ...)
        log.info("question memory vectors not usable (%r): embedding the questions", exc)
        return None
    return vectors if vectors.ndim == 2 and len(vectors) == len(asked) else None


class QuestionMemory:
    """Earlier questions as vectors, and where each remembered activity stands in this index."""

    def __init__(self, asked: Sequence[Asked], vectors: np.ndarray, rows_of: Sequence[np.ndarray], row_count: int,
                 keep: np.ndarray | None = None) -> None:  # fmt: skip
        self.asked = list(asked)
        self.vectors = vectors
        self.rows_of = list(rows_of)  # per remembered activity: the positions of its rows here
        self.row_count = row_count
        self.keep = keep if keep is not None else np.ones(len(self.asked), dtype=bool)

    @classmethod
    def load(cls, index: Index, model: Any, path: Path = MEMORY_FILE) -> QuestionMemory:
        """The memory with its activities found in `index` (by wording; reworded rows by meaning)."""
        from assistant.embedding import embed

        try:
            asked, answers = read_memory(path)
            if any(i >= len(answers) for a in asked for i in a.answers):
                raise ValueError("an answer number out of range")
        except Exception as exc:  # a damaged data file costs the signal, never the product
            log.warning("question memory %s unreadable, searching without it: %r", path, exc)
            asked, answers = [], []
        if not asked:
            return cls([], np.zeros((0, 1), dtype=np.float32), [], len(index.rows))
        vectors = stored_vectors(asked, str(index.manifest.get("model_fingerprint", "")), path.with_suffix(".npz"))
        if vectors is None:  # another model built the index: embed with it (once per start)
            vectors = embed(model, [a.text for a in asked])
        return cls(asked, vectors, _rows_of_answers(index, model, answers), len(index.rows))

    def leaving_out(self, source: str, questions: Sequence[str] = ()) -> QuestionMemory:
        """The memory without one question set: its own questions, and the same questions (same
        words) that another set also holds. How that set is scored honestly."""
        same = {match_key(q) for q in questions}
        keep = self.keep & np.array([a.source != source and match_key(a.question) not in same for a in self.asked])
        return QuestionMemory(self.asked, self.vectors, self.rows_of, self.row_count, keep)

    @property
    def size(self) -> int:
        """How many questions vote (after `leaving_out`)."""
        return int(self.keep.sum())

    def scores(self, vector: np.ndarray) -> np.ndarray:
        """Per row: the votes of the closest earlier questions for the activities that answered them.

        A vote weighs the square of the question's similarity (a near copy counts far more than a
        loose likeness) over the square root of how many activities it names (a broad question
        spreads its vote)."""
        votes = np.zeros(self.row_count, dtype=np.float32)
        if not len(self.asked):
            return votes
        # subtle: einsum, not @: a BLAS call right after the model ran contends with its spinning threads
        similarity = np.einsum("ij,j->i", self.vectors, vector.reshape(-1))
        if not self.keep.all():
            similarity = np.where(self.keep, similarity, -1.0)
        nearest = np.argpartition(-similarity, NEIGHBOURS)[:NEIGHBOURS] if len(similarity) > NEIGHBOURS else np.arange(len(similarity))
        for j in nearest[np.argsort(-similarity[nearest], kind="stable")]:  # argpartition: no full sort
            if similarity[j] < MIN_SIMILARITY:
                break
            answers = self.asked[j].answers
            for answer in answers:
                votes[self.rows_of[answer]] += similarity[j] ** 2 / len(answers) ** 0.5
        return votes


def _rows_of_answers(index: Index, model: Any, answers: Sequence[Answer]) -> list[np.ndarray]:
    """Each answer's rows, plan by plan: the rows with its activity's exact wording, else the rows
    whose text means the same (SAME_MEANING), else none. Per plan, so a reworded plan beside one
    with the exact wording still gets its votes."""
    plans: dict[tuple[str, int], list[int]] = {}
    for position, row in enumerate(index.rows):
        plans.setdefault((row.municipality, row.year), []).append(position)
    key_of: dict[str, str] = {}  # activities repeat across a municipality's years: normalize each once
    keys = [match_key(a.activity) for a in answers]
    found: list[set[int]] = [set() for _ in answers]
    answer_vectors: np.ndarray | None = None
    for positions in plans.values():
        by_wording: dict[str, list[int]] = {}
        for position in positions:
            activity = index.rows[position].activity
            if activity not in key_of:
                key_of[activity] = match_key(activity)
            by_wording.setdefault(key_of[activity], []).append(position)
        missing = []
        for number, key in enumerate(keys):
            if key in by_wording:
                found[number].update(by_wording[key])
            else:
                missing.append(number)
        if missing:
            if answer_vectors is None:
                answer_vectors = _answer_vectors(index, model, answers)
            vectors, owners = _plan_vectors(index, positions)
            for number, similarity in zip(missing, answer_vectors[missing] @ vectors.T, strict=True):
                found[number].update(int(o) for o in owners[similarity >= SAME_MEANING])
    return [np.array(sorted(rows), dtype=np.int64) for rows in found]


def _answer_vectors(index: Index, model: Any, answers: Sequence[Answer]) -> np.ndarray:
    """What each answer's text means: the vector of an indexed row with the same text where there
    is one (the bundled plans: no embedding at start), else embedded by the model."""
    from assistant.embedding import embed

    wanted = {(a.activity, a.measure_title, a.results): a for a in answers}
    known: dict[Answer, int] = {}
    for position, row in enumerate(index.rows):
        answer = wanted.get((row.activity, row.measure_title, row.results))
        if answer is not None and answer not in known:
            known[answer] = position
    unknown = [a for a in answers if a not in known]
    vectors = dict(zip(known, first_vectors(index, list(known.values())), strict=True)) if known else {}
    if unknown:
        vectors.update(zip(unknown, embed(model, [a.text for a in unknown]), strict=True))
    return np.vstack([vectors[a] for a in answers]).astype(np.float32)


def _plan_vectors(index: Index, positions: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The vectors of one plan's rows and the row each belongs to (one block read from FAISS;
    owners are sorted by row, so each row's vectors are found by bisection, not by a full scan)."""
    owner = index.vector_owner
    starts = np.searchsorted(owner, positions, side="left")
    ends = np.searchsorted(owner, positions, side="right")
    ids = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends, strict=True)]) if positions else np.zeros(0, dtype=np.int64)
    if not len(ids):
        return np.zeros((0, index.dense.d), dtype=np.float32), ids
    first = int(ids.min())
    block = index.dense.reconstruct_n(first, int(ids.max()) - first + 1)
    return block[ids - first], owner[ids]


def question_set_name(path: Path) -> str:
    """The source name of a question set file: "eval/fresh21-questions.jsonl" -> "fresh21"."""
    return path.name.removesuffix(".jsonl").removesuffix("-questions")
