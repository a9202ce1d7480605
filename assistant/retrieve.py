"""Stage 4: question -> ranked activity rows (hybrid dense + lexical, fused), or an abstention."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.glossary import abbreviations
from assistant.index import Index
from assistant.lexical import lemma_idf, lemma_terms
from assistant.parse import Passage
from assistant.query import Query, Vocabulary, understand
from assistant.rows import Row

log = logging.getLogger(__name__)

RRF_K = 60  # reciprocal rank fusion constant (Cormack et al. 2009)
DENSE_WEIGHT = 0.4  # weighted fusion: normalized dense score ...
TYPED_WEIGHT = 0.3  # ... BM25 of the typed words (with abbreviations spelled out) ...
GLOSSARY_WEIGHT = 0.3  # ... and BM25 of the glossary's plan terms, each concept normalized alone
ABBREVIATION_WEIGHT = 0.7  # an abbreviation's other form counts this much of a typed word
INSTITUTION_BONUS = 0.25  # added to a row whose responsible institutions the question names
FIELD_BONUS = 1.0  # a row whose deadline/funding is exactly what the question filters on
CANDIDATES = 200  # dense neighbours fetched from an approximate index
# Abstention: answer only with some real evidence (calibrated on eval/, see eval/README.md)
MIN_DENSE = 0.42  # best cosine of a row when no glossary concept fired
MIN_LEXICAL_COVERAGE = 0.5  # share of the question's rare-word weight found in the best row


@dataclass(frozen=True)
class Hit:
    """A retrieved row, its fused score and the signals that found it (for --explain)."""

    row: Row
    score: float
    signals: dict[str, Any] = field(default_factory=dict)
    also_in: tuple[Row, ...] = ()  # the same activity in other years' plans (earlier first)


@dataclass(frozen=True)
class SearchResult:
    query: Query
    hits: list[Hit]  # empty when abstained
    abstained: bool
    reason: str  # why it abstained / how sure it is (English, for logs and --explain)
    passages: list[Passage] = field(default_factory=list)
    evidence: dict[str, float] = field(default_factory=dict)
    nearest: Hit | None = None  # when abstaining: the best row anyway (the nearest topic)
    missing_year: int | None = None  # the question's year has no plan in the corpus


class Retriever:
    """Hybrid search over one loaded index with one embedding model."""

    def __init__(self, index: Index, model: Any, fusion: str = "weighted") -> None:
        self.index = index
        self.model = model
        self.fusion = fusion
        extra = [w for a in abbreviations() for w in a.full.lower().split()]
        # subtle: the first 5000 rows hold a corpus's vocabulary; reading 200k rows adds only startup time
        texts = [_row_text(r) for r in index.rows[:5000]] + [p.text for p in index.passages]
        self.vocabulary = Vocabulary(texts, extra)
        self.institutions = sorted({name for r in index.rows for name in r.responsible})
        self.years = np.array([r.year for r in index.rows])
        self.empty_funding = np.array([not r.funding for r in index.rows])
        self.deadlines = [r.deadline.lower() for r in index.rows]
        self.fundings = [r.funding.lower() for r in index.rows]
        # Column values without years: "декември", "началото на учебната", "при необходимост".
        self.deadline_phrases = sorted({_value_phrase(d) for d in set(self.deadlines)} - {""}, key=len, reverse=True)
        self.funding_phrases = sorted(
            {_value_phrase(part) for f in set(self.fundings) for part in f.split(";")} - {""}, key=len, reverse=True
        )
        # The same activity across years: same municipality and goal.measure.position.
        self.siblings: dict[tuple[str, int, int, int], list[int]] = {}
        for position, row in enumerate(index.rows):
            self.siblings.setdefault(_activity_key(row), []).append(position)
        self._by_institution: dict[str, np.ndarray] = {}
        self._last_vector: tuple[str, np.ndarray] = ("", np.zeros((1, 1), dtype=np.float32))

    def responsible_mask(self, names: set[str]) -> np.ndarray:
        """Rows where any of `names` is among the responsible institutions (cached per name)."""
        mask = np.zeros(len(self.index.rows), dtype=bool)
        for name in names:
            if name not in self._by_institution:
                self._by_institution[name] = np.array([name in r.responsible for r in self.index.rows])
            mask |= self._by_institution[name]
        return mask

    def understand(self, question: str) -> Query:
        return understand(question, self.vocabulary, self.institutions)

    # --- the three signals -------------------------------------------------------------
    def query_vector(self, query: Query) -> np.ndarray:
        """The query text with its expansions, embedded once per query (cached on the Query)."""
        from assistant.embedding import embed

        key = " ".join([query.text, *query.expansions])
        if self._last_vector[0] != key:
            self._last_vector = (key, embed(self.model, [key]))
        return self._last_vector[1]

    def dense_scores(self, query: Query) -> np.ndarray:
        """Best cosine of each row (over its pieces) for the query text with its expansions."""

        vector = self.query_vector(query)
        count = self.index.dense.ntotal
        wanted = count if count <= 20_000 else CANDIDATES
        if hasattr(self.index.dense, "hnsw"):
            self.index.dense.hnsw.efSearch = max(128, wanted)
        scores, ids = self.index.dense.search(vector, wanted)
        best = np.full(len(self.index.rows), -1.0, dtype=np.float32)
        valid = ids[0] >= 0
        owners = self.index.vector_owner[ids[0][valid]]
        np.maximum.at(best, owners, scores[0][valid])
        return best

    def lexical_scores(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """BM25 of the typed words, and the glossary evidence (each concept scaled to [0, 1]).

        subtle: concepts are normalized one by one, so a concept with eleven plan terms does not
        drown one with three ("спортни състезания" fires both "sports" and "talent").
        """
        lexical = self.index.lexical
        typed_terms = lexical.query_terms(query.text) + [
            t for term in query.abbreviation_terms for t in lexical.query_terms(term, ABBREVIATION_WEIGHT)
        ]
        typed = lexical.scores(typed_terms)
        glossary = np.zeros_like(typed)
        for terms in query.concept_terms:
            scores = lexical.scores([t for term in terms for t in lexical.query_terms(term)])
            if scores.max() > 0:
                glossary = np.maximum(glossary, scores / scores.max())
        return typed, glossary

    # --- search ------------------------------------------------------------------------
    def search(self, question: str, k: int = 5, year: int | None = None, institution: str | None = None) -> SearchResult:
        query = self.understand(question)
        year = year or query.year
        dense = self.dense_scores(query)
        typed, expanded = self.lexical_scores(query)
        lexical = typed + expanded
        allowed = np.ones(len(self.index.rows), dtype=bool) if year is None else self.years == year
        fused = self.fuse(dense, typed, expanded, allowed)
        named = set(query.institutions) | ({institution} if institution else set())
        field_mask = self.field_matches(query)
        bonus = INSTITUTION_BONUS * self.responsible_mask(named) + FIELD_BONUS * field_mask
        if institution:  # the UI's institution filter is a filter, not a boost
            allowed &= self.responsible_mask({institution})
        if year is not None and not (self.years == year).any():
            return SearchResult(query, [], True, f"no plan for {year}", [], {}, None, year)
        total = np.where(allowed, fused + bonus, -np.inf)
        order = _top(total, max(k, 5) * 4)
        evidence = self.evidence(query, dense, typed, order, allowed)
        abstain, reason = self.should_abstain(query, evidence, bool(field_mask.any()))
        if abstain:
            log.info("abstained on %r: %s", question, reason)
            nearest = Hit(self.index.rows[order[0]], 0.0, {"dense": float(dense[order[0]])}) if order else None
            return SearchResult(query, [], True, reason, [], evidence, nearest)
        dense_allowed = np.where(allowed, dense, -np.inf)
        lexical_allowed = np.where(allowed & (lexical > 0), lexical, -np.inf)
        hits = []
        collapse = len(query.years) < 2  # a comparison of years wants every year's row
        for position, also in self.collapse_years(order, allowed, collapse)[:k]:
            row = self.index.rows[position]
            signals: dict[str, Any] = {"dense": round(float(dense[position]), 3), "dense_rank": _rank_of(dense_allowed, position)}
            if lexical[position] > 0:
                signals["lexical"] = round(float(typed[position]), 2)
                signals["lexical_rank"] = _rank_of(lexical_allowed, position)
            if expanded[position] > 0:
                signals["glossary"] = round(float(expanded[position]), 2)
                signals["concepts"] = list(query.concepts)
            if named & set(row.responsible):
                signals["institution"] = sorted(named & set(row.responsible))
            if field_mask[position]:
                signals["field"] = [a for a in query.asks if a in ("deadline", "funding")] or ["funding"]
            if year:
                signals["year_filter"] = year
            hits.append(Hit(row, round(float(total[position]), 4), signals, also))
        return SearchResult(query, hits, False, reason, self.best_passages(query, year), evidence)

    def collapse_years(self, order: list[int], allowed: np.ndarray, collapse: bool) -> list[tuple[int, tuple[Row, ...]]]:
        """Show an activity once, from the latest plan, with its copies in earlier plans attached."""
        if not collapse:
            return [(p, ()) for p in order]
        out = []
        taken: set[tuple[str, int, int, int]] = set()
        for position in order:
            row = self.index.rows[position]
            key = _activity_key(row)
            if key in taken:
                continue
            taken.add(key)
            same = [p for p in self.siblings[key] if allowed[p] and _same_activity(self.index.rows[p], row)]
            same.sort(key=lambda p: self.index.rows[p].year)
            latest = same[-1] if same else position
            out.append((latest, tuple(self.index.rows[p] for p in same[:-1])))
        return out

    def fuse(self, dense: np.ndarray, typed: np.ndarray, glossary: np.ndarray, allowed: np.ndarray) -> np.ndarray:
        """Combine the signals of every row (higher is better): weighted mix or RRF."""
        signals = [(dense, DENSE_WEIGHT), (typed, TYPED_WEIGHT), (glossary, GLOSSARY_WEIGHT)]
        signals = [(s, w) for s, w in signals if (s[allowed] > 0).any()]  # a silent signal gets no say
        if self.fusion == "rrf":
            fused = np.zeros(len(dense), dtype=np.float64)
            for scores, _ in signals:
                ranks = _ranks(np.where(allowed & (scores > 0), scores, -np.inf))
                fused += np.where(scores > 0, RRF_K / (RRF_K + ranks), 0.0)
            return fused.astype(np.float32)
        total_weight = sum(w for _, w in signals) or 1.0
        fused = np.zeros(len(dense), dtype=np.float32)
        for scores, weight in signals:
            floor = float(np.min(scores[allowed])) if scores is dense else 0.0
            top = float(np.max(scores[allowed]))
            fused += weight / total_weight * (scores - floor) / max(top - floor, 1e-6)
        return fused

    def field_matches(self, query: Query) -> np.ndarray:
        """Rows whose deadline or funding cell is what a filter question asks for.

        "кои дейности са със срок при необходимост", "… се финансират от проекти с външно
        финансиране": the question names a column and quotes (part of) a value of it.
        """
        mask = np.zeros(len(self.index.rows), dtype=bool)
        if query.empty_funding:
            return self.empty_funding.copy()
        if "deadline" in query.asks:
            for phrase in self.deadline_phrases:
                if phrase in query.text:
                    mask |= np.array([phrase in d for d in self.deadlines], dtype=bool)
        if "funding" in query.asks:
            for phrase in self.funding_phrases:
                if phrase in query.text:
                    mask |= np.array([phrase in f for f in self.fundings], dtype=bool)
        return mask

    def evidence(self, query: Query, dense: np.ndarray, typed: np.ndarray, order: list[int], allowed: np.ndarray) -> dict[str, float]:
        """How strongly the best rows support the question (inputs of the abstention rule)."""
        if not order:
            return {"dense": 0.0, "coverage": 0.0}
        best_dense = float(np.max(np.where(allowed, dense, -1.0)))
        # Lexical coverage: the share of the question's rare-word weight present in a top row.
        # Institution names ("в училището") are in most rows: they are no evidence of the topic.
        named = {t for name in query.institutions for t in lemma_terms(name)}
        weights = {t: lemma_idf(self.index.lexical, t) for t in set(lemma_terms(query.text)) - named}
        total = sum(weights.values())
        if not weights:  # the question is only about an institution ("какво правят читалищата")
            return {"dense": round(best_dense, 4), "coverage": 1.0 if named else 0.0}
        coverage = 0.0
        for position in order[:5]:
            row_terms = set(lemma_terms(_row_text(self.index.rows[position])))
            found = sum(w for t, w in weights.items() if t in row_terms)
            coverage = max(coverage, found / total if total else 0.0)
        return {"dense": round(best_dense, 4), "coverage": round(coverage, 4)}

    def should_abstain(self, query: Query, evidence: dict[str, float], field_filter: bool) -> tuple[bool, str]:
        """Abstain on uncovered topics, and when neither signal has real evidence."""
        if query.out_of_scope and not field_filter:
            return True, f"out-of-scope topic: {', '.join(query.out_of_scope)}"
        if field_filter or query.concepts or query.abbreviations_typed:
            return False, "glossary/abbreviation/field evidence"
        if evidence["dense"] >= MIN_DENSE or evidence["coverage"] >= MIN_LEXICAL_COVERAGE:
            return False, f"evidence dense={evidence['dense']} coverage={evidence['coverage']}"
        return True, f"weak evidence dense={evidence['dense']} coverage={evidence['coverage']}"

    def best_passages(self, query: Query, year: int | None) -> list[Passage]:

        if not self.index.passages:
            return []
        scores, ids = self.index.passage_dense.search(self.query_vector(query), min(3, len(self.index.passages)))
        return [self.index.passages[i] for s, i in zip(scores[0], ids[0], strict=True)
                if i >= 0 and s >= MIN_DENSE and (year is None or self.index.passages[i].year == year)]  # fmt: skip


def _top(scores: np.ndarray, n: int) -> list[int]:
    """Positions of the n best finite scores, best first (argpartition: fast at 200k rows)."""
    finite = np.flatnonzero(np.isfinite(scores))
    if len(finite) > n:
        finite = finite[np.argpartition(-scores[finite], n - 1)[:n]]
    return [int(i) for i in finite[np.argsort(-scores[finite], kind="stable")]]


def _ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each position by descending score (ties broken by position)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def _rank_of(scores: np.ndarray, position: int) -> int:
    """1-based rank of one position (for --explain), without sorting everything."""
    return int(np.count_nonzero(scores > scores[position])) + 1


def _value_phrase(value: str) -> str:
    """A column value as a user would quote it: no years, no "г.", lower case."""
    phrase = re.sub(r"\b20\d\d(/20\d\d)?\b|\bг\.?(?!\w)", " ", value.lower())
    phrase = " ".join(phrase.split()).strip(" .")
    return phrase if len(phrase) >= 6 else ""


def _activity_key(row: Row) -> tuple[str, int, int, int]:
    return (row.municipality, row.goal, row.measure, row.position)


def _same_activity(a: Row, b: Row) -> bool:
    """Aligned rows of two years are the same activity when their wording mostly agrees."""
    import difflib

    return a.activity == b.activity or difflib.SequenceMatcher(None, a.activity, b.activity).ratio() >= 0.8


def _row_text(row: Row) -> str:
    return f"{row.activity} {row.measure_title} {row.results} {' '.join(row.responsible)}"
