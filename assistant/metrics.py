"""Question sets and retrieval metrics, exactly as eval/QUESTIONS-FORMAT.md defines them.

Pure logic: one loader reads a text stream, everything else works on values, so the same
numbers come out whether rows come from the assistant or items from a naive chunk baseline.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO, TypeVar

from assistant import messages
from assistant.errors import CorpusError
from assistant.rows import Row
from assistant.text import match_key, nfc

AUDIENCES = frozenset({"parent", "teacher", "staff"})
DEFAULT_K = 5

T = TypeVar("T")


@dataclass(frozen=True)
class RelevantEntry:
    """One activity row that answers a question; `year` None means any year's plan."""

    goal: int
    measure: int
    activity: str  # a distinctive piece of the row's activity text
    year: int | None = None


@dataclass(frozen=True)
class Question:
    """One line of a question set."""

    id: str
    audience: str  # parent, teacher or staff
    question: str
    answerable: bool
    relevant: tuple[RelevantEntry, ...]


Meets = Callable[[RelevantEntry, T], bool]


# Loading


def load_questions(stream: TextIO, name: str) -> list[Question]:
    """Parse a JSON Lines question set; a bad line stops the run with its file and line named.

    A silently skipped or half-read question would change every average, so nothing is forgiven.
    """
    questions: list[Question] = []
    first_line: dict[str, int] = {}
    try:
        lines = list(stream)
    except UnicodeDecodeError:  # a binary file or another encoding (windows-1251)
        raise CorpusError(messages.QUESTIONS_NOT_UTF8.format(file=name)) from None
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        question = _parse_line(line, name, number)
        if question.id in first_line:
            raise CorpusError(
                messages.QUESTIONS_DUPLICATE_ID.format(
                    file=name, line=number, id=question.id, first=first_line[question.id]
                )
            )
        first_line[question.id] = number
        questions.append(question)
    return questions


def _parse_line(line: str, name: str, number: int) -> Question:
    try:
        data = json.loads(line.rstrip())
    except RecursionError:
        raise CorpusError(messages.QUESTIONS_BAD_JSON.format(file=name, line=number, column=1)) from None
    except json.JSONDecodeError as error:
        raise CorpusError(
            messages.QUESTIONS_BAD_JSON.format(file=name, line=number, column=error.colno)
        ) from None
    if not isinstance(data, dict):
        raise CorpusError(messages.QUESTIONS_NOT_OBJECT.format(file=name, line=number))

    def bad(field: str, expected: str) -> CorpusError:
        return CorpusError(
            messages.QUESTIONS_BAD_FIELD.format(
                file=name, line=number, field=field, expected=expected
            )
        )

    qid = _text(data, "id", bad)
    audience = _text(data, "audience", bad)
    if audience not in AUDIENCES:
        raise bad("audience", messages.EXPECTED_AUDIENCE)
    text = _text(data, "question", bad)
    answerable = data.get("answerable")
    if not isinstance(answerable, bool):
        raise bad("answerable", messages.EXPECTED_BOOL)
    raw_relevant = data.get("relevant")
    if not isinstance(raw_relevant, list):
        raise bad("relevant", messages.EXPECTED_LIST)
    relevant = tuple(
        _parse_entry(item, f"relevant[{index}]", bad) for index, item in enumerate(raw_relevant)
    )
    if answerable and not relevant:
        raise CorpusError(messages.QUESTIONS_NO_RELEVANT.format(file=name, line=number, id=qid))
    if not answerable and relevant:
        raise CorpusError(
            messages.QUESTIONS_UNEXPECTED_RELEVANT.format(file=name, line=number, id=qid)
        )
    return Question(
        id=qid, audience=audience, question=text, answerable=answerable, relevant=relevant
    )


def _parse_entry(item: Any, field: str, bad: Callable[[str, str], CorpusError]) -> RelevantEntry:
    if not isinstance(item, dict):
        raise bad(field, "{goal, measure, activity}")
    goal = _number(item, "goal", field, bad)
    measure = _number(item, "measure", field, bad)
    year = _number(item, "year", field, bad) if item.get("year") is not None else None
    activity = item.get("activity")
    # An empty piece would be "found" in every row and count every retrieval as a hit.
    if not isinstance(activity, str) or not match_key(activity):
        raise bad(f"{field}.activity", messages.EXPECTED_TEXT)
    return RelevantEntry(goal=goal, measure=measure, activity=nfc(activity), year=year)


def _text(data: dict[str, Any], key: str, bad: Callable[[str, str], CorpusError]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise bad(key, messages.EXPECTED_TEXT)
    return nfc(value.strip())


def _number(
    data: dict[str, Any], key: str, field: str, bad: Callable[[str, str], CorpusError]
) -> int:
    value = data.get(key)
    # bool is an int subclass in Python; `true` is not a goal number.
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise bad(f"{field}.{key}", messages.EXPECTED_NUMBER)
    return value


# Matching


def entry_met(entry: RelevantEntry, row: Row) -> bool:
    """Whether a retrieved row is the activity an entry names (the README's rule, verbatim).

    Both texts go through `match_key`, so the verdict does not depend on how a parser
    resolved a line-end hyphen.
    """
    if row.goal != entry.goal or row.measure != entry.measure:
        return False
    if entry.year is not None and row.year != entry.year:
        return False
    return match_key(entry.activity) in match_key(row.activity)


# Metrics over any ranked items (rows, or text chunks of a baseline)


def _check(question: Question, k: int) -> None:
    # Averaging a 0 for an unanswerable question would quietly lower every score.
    if not question.answerable:
        raise ValueError(f"question {question.id!r} is not answerable: it has no retrieval metrics")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")


def recall_at_k_by(question: Question, ranked: Sequence[T], k: int, meets: Meets[T]) -> float:
    """Share of the question's entries met by at least one of the top k items (each entry once)."""
    _check(question, k)
    top = ranked[:k]
    met = sum(1 for entry in question.relevant if any(meets(entry, item) for item in top))
    return met / len(question.relevant)


def hit_at_k_by(question: Question, ranked: Sequence[T], k: int, meets: Meets[T]) -> float:
    """1.0 when some top-k item meets some entry, else 0.0."""
    return 1.0 if reciprocal_rank_by(question, ranked, k, meets) > 0 else 0.0


def reciprocal_rank_by(question: Question, ranked: Sequence[T], k: int, meets: Meets[T]) -> float:
    """1/rank of the first item meeting any entry; 0.0 when none does within the top k."""
    _check(question, k)
    for rank, item in enumerate(ranked[:k], start=1):
        if any(meets(entry, item) for entry in question.relevant):
            return 1 / rank
    return 0.0


def recall_at_k(question: Question, ranked_rows: Sequence[Row], k: int = DEFAULT_K) -> float:
    """`recall_at_k_by` with the README's row rule."""
    return recall_at_k_by(question, ranked_rows, k, entry_met)


def hit_at_k(question: Question, ranked_rows: Sequence[Row], k: int = DEFAULT_K) -> float:
    """`hit_at_k_by` with the README's row rule."""
    return hit_at_k_by(question, ranked_rows, k, entry_met)


def reciprocal_rank(question: Question, ranked_rows: Sequence[Row], k: int = DEFAULT_K) -> float:
    """`reciprocal_rank_by` with the README's row rule."""
    return reciprocal_rank_by(question, ranked_rows, k, entry_met)


def abstention_correct(question: Question, abstained: bool) -> bool:
    """Abstaining is right exactly when the question is unanswerable, and wrong otherwise."""
    return abstained == (not question.answerable)


# Per-question results and the summary


@dataclass(frozen=True, kw_only=True)
class QuestionResult:
    """One question's numbers; the retrieval ones are None for an unanswerable question."""

    question_id: str
    audience: str
    answerable: bool
    abstained: bool
    k: int
    recall: float | None
    hit: float | None
    reciprocal_rank: float | None

    @property
    def abstention_correct(self) -> bool:
        """Whether the assistant abstained exactly when the question is unanswerable."""
        return self.abstained == (not self.answerable)


def evaluate_by(
    question: Question, ranked: Sequence[T], abstained: bool, k: int, meets: Meets[T]
) -> QuestionResult:
    """All numbers for one question over any ranked items."""
    recall: float | None = None
    rr: float | None = None
    hit: float | None = None
    if question.answerable:
        recall = recall_at_k_by(question, ranked, k, meets)
        rr = reciprocal_rank_by(question, ranked, k, meets)
        hit = 1.0 if rr > 0 else 0.0
    return QuestionResult(
        question_id=question.id,
        audience=question.audience,
        answerable=question.answerable,
        abstained=abstained,
        k=k,
        recall=recall,
        hit=hit,
        reciprocal_rank=rr,
    )


def evaluate(
    question: Question, ranked_rows: Sequence[Row], abstained: bool, k: int = DEFAULT_K
) -> QuestionResult:
    """`evaluate_by` with the README's row rule."""
    return evaluate_by(question, ranked_rows, abstained, k, entry_met)


def summarize(results: Iterable[QuestionResult], k: int = DEFAULT_K) -> dict[str, float | int]:
    """The README's four numbers: retrieval ones over answerable questions, abstention over all.

    An empty group averages to 0.0 rather than failing, so a partial run still reports.
    """
    results = list(results)
    if any(result.k != k for result in results):
        raise ValueError(f"results were computed with a k other than {k}")
    answerable = [result for result in results if result.answerable]

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    return {
        "n": len(results),
        "recall_at_k": mean([r.recall or 0.0 for r in answerable]),
        "hit_at_k": mean([r.hit or 0.0 for r in answerable]),
        "mrr": mean([r.reciprocal_rank or 0.0 for r in answerable]),
        "abstention_accuracy": mean([1.0 if r.abstention_correct else 0.0 for r in results]),
        "k": k,
    }
