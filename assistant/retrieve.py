"""Stage 4: question -> ranked activity rows, or "not covered", through named retrieval stages.

    understand -> candidates -> fuse -> filter -> [whole plan: every matching row] -> decide -> group years

Each stage is a module with typed inputs and outputs; this one runs them in order, times each
(SearchResult.timings, read by eval/bench.py) and packs what the answer needs into typed records.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.asking import needs_told
from assistant.candidates import QueryEmbedder, Signals, dense_scores, feedback_vector, score_rows
from assistant.catalog import Catalog, measure_key
from assistant.decide import Decision, Evidence, decide, gather_evidence
from assistant.diff import Change, diff_plans
from assistant.filters import Filters, apply_filters
from assistant.fuse import diversify, fuse, keep_leads, share_places, top_positions
from assistant.index import Index
from assistant.parse import Passage
from assistant.question_memory import QuestionMemory
from assistant.rows import Row
from assistant.understand import Query, QuestionKind, check_question, foreign_language, understand
from assistant.whole import Selector, WholePlan, latest_plan_meant, topic_words, whole_plan
from assistant.years import group_years

log = logging.getLogger(__name__)

# words of a question about changes between plans that name no topic
CHANGE_WORDS = (
    "промени", "промяна", "промените", "променило", "промени", "разлики", "разликата", "разликите",
    "различава", "различават", "различия", "ново", "новото", "нови", "между", "спрямо", "миналата",
    "миналия", "предишната", "предишния", "предходната", "предходния", "миналогодишния", "двете", "стария",
)
NEED_ROWS = 2  # each question of a message asking several: its best rows given a place in the top k
LEAD_ROWS = 4  # a strongly said concept's best rows considered for a place in the top k
MIN_PASSAGE_DENSE = 0.42  # a plan's introduction is shown only when this close to the question
STAGES = ("understand", "candidates", "fuse", "filter", "whole_plan", "decide", "feedback", "group_years", "needs")


@dataclass(frozen=True)
class HitEvidence:
    """Why a row was retrieved (typed; --explain prints it, the answer reads it)."""

    dense: float  # cosine with the question
    dense_rank: int  # among the allowed rows
    typed: float = 0.0  # BM25 of the typed words
    lexical_rank: int | None = None  # among allowed rows with any lexical score
    glossary: float = 0.0  # glossary evidence in [0, 1]
    institutions: tuple[str, ...] = ()  # named institutions among the row's responsible
    field_match: bool = False  # its deadline/funding cell is what the question names
    remembered: float = 0.0  # votes of the closest earlier questions answered by this activity

    def as_dict(self) -> dict[str, object]:
        """For --explain: the non-empty signals."""
        data: dict[str, object] = {"dense": round(self.dense, 3), "dense_rank": self.dense_rank}
        if self.lexical_rank is not None:
            data |= {"lexical": round(self.typed, 2), "lexical_rank": self.lexical_rank}
        if self.glossary > 0:
            data["glossary"] = round(self.glossary, 2)
        if self.institutions:
            data["institution"] = list(self.institutions)
        if self.field_match:
            data["field"] = True
        if self.remembered > 0:
            data["remembered"] = round(self.remembered, 2)
        return data


@dataclass(frozen=True)
class Hit:
    """A retrieved row, its fused score and why it was found."""

    row: Row
    score: float
    evidence: HitEvidence
    also_in: tuple[Row, ...] = ()  # the same activity in other years' plans (earlier first)


@dataclass(frozen=True)
class SearchResult:
    query: Query
    hits: list[Hit]  # empty when not covered
    decision: Decision
    reason: str  # why it decided so (English, for logs and --explain)
    evidence: Evidence | None = None
    passages: list[Passage] = field(default_factory=list)
    nearest: Hit | None = None  # when not covered: the best row anyway (the nearest topic)
    missing_year: int | None = None  # the question's year has no plan in the corpus
    missing_municipality: str | None = None  # the municipality asked for has no plan in the corpus
    missing_institution: str | None = None  # the institution filtered on has no row in the plans searched
    foreign_language: bool = False  # written in another language: answered with a note, not searched
    year_filter: int | None = None  # the one year searched, when filtered
    municipality_filter: str | None = None  # the one municipality searched, when filtered
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    whole: WholePlan | None = None  # a whole-plan question: hits are every row it asks for
    unmet: bool = False  # a whole-plan question no row meets in full: hits are the nearest rows, ranked
    changes: tuple[Change, ...] | None = None  # a question about changes between two years' plans
    changes_of: tuple[str, ...] = ()  # ... limited to these bodies' rows ("на детските градини")

    @property
    def abstained(self) -> bool:
        return self.decision is Decision.NOT_COVERED

    @property
    def kind(self) -> QuestionKind:
        """What the answer should lead with."""
        if self.changes is not None:
            return QuestionKind.CHANGES
        if self.whole is not None:
            return QuestionKind.LIST
        if self.hits and self.hits[0].evidence.field_match:
            return QuestionKind.FILTER
        return self.query.asks[0] if self.query.asks else QuestionKind.EXISTS


def question_tag(question: str) -> str:
    """How logs name a question: its length and a short hash, never its words (parents write about
    their children)."""
    return f"{len(question)} chars #{hashlib.sha256(question.encode()).hexdigest()[:8]}"


class Retriever:
    """Hybrid search over one loaded index with one embedding model."""

    def __init__(self, index: Index, model: Any, fusion: str = "weighted") -> None:
        self.index = index
        self.model = model
        self.fusion = fusion
        self.catalog = Catalog(index)
        self.embed_query = QueryEmbedder(model)
        self.memory = QuestionMemory.load(index, model)

    def leaving_out(self, source: str, questions: Sequence[str] = ()) -> Retriever:
        """This retriever without the remembered questions of one question set (to score that set)."""
        other = copy.copy(self)
        other.memory = self.memory.leaving_out(source, questions)
        return other

    @property
    def institutions(self) -> list[str]:
        return self.catalog.institutions

    @property
    def years(self) -> list[int]:
        """The plan years of the corpus, latest first."""
        return self.catalog.plan_years

    def understand(self, question: str) -> Query:
        return understand(question, self.catalog.vocabulary, self.catalog.institutions)

    @property
    def municipalities(self) -> list[str]:
        return self.catalog.municipality_names

    def search(
        self, question: str, k: int = 5, year: int | None = None, institution: str | None = None,
        municipality: str | None = None,
    ) -> SearchResult:  # fmt: skip
        timings: dict[str, float] = {}
        question = check_question(question)
        with _timed(timings, "understand"):
            query = self.understand(question)
            year = year or query.year
            asked = municipality
            municipality = self.catalog.find_municipality(asked) if asked else self.catalog.named_municipality(question)
        if asked and municipality is None:
            return SearchResult(query, [], Decision.NOT_COVERED, f"no plan of {asked}", missing_municipality=asked,
                                timings=timings)  # fmt: skip
        if foreign_language(question):  # typo correction would turn its words into unrelated Bulgarian ones
            return SearchResult(query, [], Decision.NOT_COVERED, "another language", foreign_language=True, timings=timings)
        if query.asks_changes and (changed := self._changes(query, municipality)) is not None:
            return changed
        if year is not None and not self.catalog.has_year(year):  # no municipality has a plan that year
            return SearchResult(query, [], Decision.NOT_COVERED, f"no plan for {year}", missing_year=year, timings=timings)
        with _timed(timings, "candidates"):
            vector = self.embed_query(query)
            signals = score_rows(self.index, query, vector, self.memory)
        with _timed(timings, "filter"):
            filters = apply_filters(self.catalog, query, year, institution, municipality)
        if not filters.allowed.any() and institution and apply_filters(self.catalog, query, year, None, municipality).allowed.any():
            return SearchResult(query, [], Decision.NOT_COVERED, f"no row of {institution}", missing_institution=institution,
                                year_filter=year, municipality_filter=municipality, timings=timings)  # fmt: skip
        if not filters.allowed.any():  # this municipality has no plan for this year
            return SearchResult(query, [], Decision.NOT_COVERED, "no plan for the filters", missing_year=year,
                                missing_municipality=municipality, timings=timings)  # fmt: skip
        with _timed(timings, "whole_plan"):
            whole = whole_plan(self.catalog, query, filters.allowed)
        if whole is not None and whole.rows.any():  # every row it asks for, exactly: no ranking, no cut at k
            positions = [int(p) for p in np.flatnonzero(whole.rows)]
            hits = self._hits(positions, signals, filters, self._fused(signals, filters), {})
            return SearchResult(query, hits, Decision.ANSWER, f"whole plan by {', '.join(whole.fields)}", whole=whole,
                                year_filter=year, municipality_filter=municipality, timings=timings)  # fmt: skip
        if whole is not None and whole.nearest is not None and whole.nearest.any():  # none "само" theirs: their rows with others
            positions = [int(p) for p in np.flatnonzero(whole.nearest)]
            hits = self._hits(positions, signals, filters, self._fused(signals, filters), {})
            return SearchResult(query, hits, Decision.ANSWER, f"whole plan by {', '.join(whole.fields)}, without 'only'", unmet=True,
                                year_filter=year, municipality_filter=municipality, timings=timings)  # fmt: skip
        # no row meets every condition: say so, with the nearest rows ranked (the reading may be wrong,
        # and a wrong "not covered" is worse than related rows)
        unmet = whole is not None
        depth = max(k, 5) * 4
        with _timed(timings, "fuse"):
            total = self._fused(signals, filters)
            order = top_positions(total, depth)
        with _timed(timings, "decide"):
            evidence = gather_evidence(self.index, query, signals.dense, order, filters.allowed, filters.any_field_match,
                                       filters.specific_institution)  # fmt: skip
            decision, reason = decide(evidence)
        if decision is Decision.NOT_COVERED:
            log.info("not covered (question %s): %s", question_tag(question), reason)
            nearest = self._hits([order[0]], signals, filters, total, {})[0] if order else None
            return SearchResult(query, [], decision, reason, evidence, nearest=nearest, timings=timings, unmet=unmet)
        with _timed(timings, "feedback"):  # after the decision: its model was fitted on the first pass
            if order:
                signals = signals.with_dense(dense_scores(self.index, feedback_vector(self.index, vector, order)))
                total = self._fused(signals, filters)
                order = top_positions(total, depth)
        with _timed(timings, "group_years"):
            # a comparison of years wants every year's row
            grouped = dict(group_years(self.catalog, order, filters.allowed) if len(query.years) < 2 else [(p, ()) for p in order])
            if filters.any_field_match:  # a named section or value: its rows, not variety
                shown = list(grouped)[:k]
                if latest_plan_meant(query):  # like a whole-plan list: the latest plan's rows, without copies
                    grouped = dict.fromkeys(grouped, ())
            else:
                shown = diversify(list(grouped), [measure_key(self.index.rows[p]) for p in grouped], total, k)
                for lead in signals.leads:
                    if lead.strong:  # said in several words: its best rows wherever the ranking put them
                        deeper = top_positions(np.where(lead.rows & filters.allowed, total, -np.inf), LEAD_ROWS)
                        grouped |= {p: also for p, also in group_years(self.catalog, deeper, filters.allowed) if p not in grouped}
                shown = keep_leads(shown, list(grouped), [lead.rows for lead in signals.leads])
        if not filters.any_field_match:
            with _timed(timings, "needs"):
                shown = self._share_with_needs(question, shown, grouped, filters, depth, k)
        with _timed(timings, "group_years"):
            hits = self._hits(shown, signals, filters, total, grouped)
        passages = self.best_passages(vector, year, municipality)
        return SearchResult(query, hits, decision, reason, evidence, passages, year_filter=year,
                            municipality_filter=municipality, timings=timings, unmet=unmet)  # fmt: skip

    def _changes(self, query: Query, municipality: str | None) -> SearchResult | None:
        """What changed between two plans of one municipality: the two years named, or the two
        latest; None when the corpus has no such pair (the question is then searched as usual)."""
        places = [municipality] if municipality else self.catalog.municipality_names
        if len(places) != 1 or query.sections or topic_words(self.catalog, query, CHANGE_WORDS):
            # "какво се промени за талантливите деца", "Сравни дейностите по цел 2 … има ли разлика?": that
            # topic's or section's rows of both years
            return None
        selected = whole_plan(self.catalog, query, self.catalog.municipalities == places[0])
        if selected is not None and {Selector.DEADLINE, Selector.FUNDING} & set(selected.fields):
            # "Кои дейности бяха със срок началото на учебната година и как се промени срокът им?": the rows of
            # that value in both plans, each showing its own (the diff ignores the expected shift of years)
            return None
        # a body's changes in a field named: "При кои дейности на детските градини са променени отговорните
        # институции?"; a body's changes in general ("С какви дейности е натоварена МКБППМН в плана за 2023 и в
        # плана за 2024 – има ли разлика?") are that body's rows of both years
        of_body = selected.rows if selected is not None and Selector.INSTITUTION in selected.fields else None
        if query.institutions and (of_body is None or not query.changed_fields):
            return None
        mine = [r for r in self.index.rows if r.municipality == places[0]]
        years = sorted({r.year for r in mine})
        wanted = [y for y in query.years if y in years]
        pair = wanted[-2:] if len(wanted) >= 2 else years[-2:] if len(query.years) == 0 else []
        if len(pair) != 2:
            return None
        before = [r for r in mine if r.year == pair[0]]
        after = [r for r in mine if r.year == pair[1]]
        changes = tuple(c for c in diff_plans(before, after) if not query.changed_fields or c.field in query.changed_fields)
        if query.institutions and of_body is not None:
            body_rows = {self.index.rows[p].row_id for p in np.flatnonzero(of_body)}
            changes = tuple(c for c in changes if any(r is not None and r.row_id in body_rows for r in (c.row_before, c.row_after)))
        return SearchResult(query, [], Decision.ANSWER, f"changes {pair[0]} -> {pair[1]}", changes=changes,
                            changes_of=query.institutions, municipality_filter=places[0])  # fmt: skip

    def _share_with_needs(self, question: str, shown: list[int], grouped: dict[int, tuple[Row, ...]], filters: Filters,
                          depth: int, k: int) -> list[int]:  # fmt: skip
        """The rows shown when the message asks two questions about different needs: each need's best rows get a
        place beside the whole message's (grouped gains their other years' rows); otherwise shown as it is."""
        needs = self._needs(question)
        if len(needs) < 2:
            return shown
        orders: list[list[int]] = []
        for need in needs:
            need_total = self._fused(score_rows(self.index, need, self.embed_query(need), self.memory), filters)
            need_grouped = dict(group_years(self.catalog, top_positions(need_total, depth), filters.allowed))
            orders.append(list(need_grouped)[:NEED_ROWS])
            grouped |= {p: also for p, also in need_grouped.items() if p not in grouped}
        return share_places([shown, *orders], k)

    def _needs(self, question: str) -> list[Query]:
        """The message's questions read one by one, when it asks two or more about different things (each names a
        concept of its own); otherwise none."""
        parts = needs_told(question)
        if len(parts) < 2:
            return []
        needs = [self.understand(part) for part in parts]
        needs = [need for need in needs if need.concepts]
        concepts = {frozenset(need.concepts) for need in needs}
        return needs if len(needs) > 1 and len(concepts) == len(needs) else []

    def _fused(self, signals: Signals, filters: Filters) -> np.ndarray:
        """Each allowed row's fused score with its filter bonus (-inf for rows not allowed)."""
        return np.where(filters.allowed, fuse(signals, filters.allowed, self.fusion) + filters.bonus, -np.inf)

    def _hits(self, positions: list[int], signals: Signals, filters: Filters, total: np.ndarray,
              also: dict[int, tuple[Row, ...]]) -> list[Hit]:  # fmt: skip
        """The rows at `positions` with why each was found (ranks among the allowed rows)."""
        allowed = filters.allowed
        lexical = signals.lexical
        dense_allowed = np.where(allowed, signals.dense, -np.inf)  # once per search, not per hit
        lexical_allowed = np.where(allowed & (lexical > 0), lexical, -np.inf)
        hits = []
        for position in positions:
            row = self.index.rows[position]
            evidence = HitEvidence(
                dense=float(signals.dense[position]),
                dense_rank=_rank_of(dense_allowed, position),
                typed=float(signals.typed[position]),
                lexical_rank=_rank_of(lexical_allowed, position) if lexical[position] > 0 else None,
                glossary=float(signals.glossary[position]),
                institutions=tuple(sorted(filters.named_institutions & set(row.responsible))),
                field_match=bool(filters.field_match[position]),
                remembered=float(signals.remembered[position]) if signals.remembered is not None else 0.0,
            )  # fmt: skip
            hits.append(Hit(row, round(float(total[position]), 4), evidence, also.get(position, ())))
        return hits

    def best_passages(self, vector: np.ndarray, year: int | None, municipality: str | None = None) -> list[Passage]:
        """The plans' introductions closest to the question (a question about the plan as a whole)."""
        passages = self.index.passages
        if not passages:
            return []
        scores, ids = self.index.passage_dense.search(vector, min(3, len(passages)))
        return [passages[i] for s, i in zip(scores[0], ids[0], strict=True)
                if i >= 0 and s >= MIN_PASSAGE_DENSE and (year is None or passages[i].year == year)
                and (municipality is None or passages[i].municipality == municipality)]  # fmt: skip


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started


def _rank_of(scores: np.ndarray, position: int) -> int:
    """1-based rank of one position (for --explain), without sorting everything."""
    return int(np.count_nonzero(scores > scores[position])) + 1
