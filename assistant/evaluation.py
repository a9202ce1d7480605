"""Quality on a question set: the product beside BM25-only, dense-only and naive RAG, same run.

Naive RAG is what one gets without this project's parsing: the raw plan text cut into ~500
character chunks (langchain's RecursiveCharacterTextSplitter), embedded with the same model into
FAISS; a chunk meets an entry when its normalized text contains the entry's activity piece (and
comes from that year's plan where the entry names one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.metrics import Question, QuestionResult, RelevantEntry, evaluate, evaluate_by, summarize
from assistant.parse import load_corpus
from assistant.readers import read_document
from assistant.retrieve import Retriever, SearchResult
from assistant.rows import Row
from assistant.settings import Settings
from assistant.text import match_key

CHUNK_CHARS = 500
CHUNK_OVERLAP = 50


@dataclass(frozen=True)
class Chunk:
    year: int
    text: str
    key: str  # match_key(text), computed once


@dataclass
class SystemRun:
    """One system's answers to every question."""

    name: str
    results: list[QuestionResult]

    def summary(self, k: int) -> dict[str, float | int]:
        return summarize(self.results, k)


def product_run(retriever: Retriever, questions: list[Question], k: int) -> tuple[SystemRun, list[SearchResult]]:
    searches = [retriever.search(q.question, k=k) for q in questions]
    results = [
        evaluate(q, [h.row for h in s.hits], s.abstained, k) for q, s in zip(questions, searches, strict=True)
    ]
    return SystemRun("product (hybrid)", results), searches


def ranked_run(name: str, rank: Callable[[str], list[Row]], questions: list[Question], k: int) -> SystemRun:
    """A baseline that never abstains."""
    return SystemRun(name, [evaluate(q, rank(q.question)[:k], False, k) for q in questions])


def bm25_only(retriever: Retriever) -> Callable[[str], list[Row]]:
    """BM25 on the typed words: no glossary, no abbreviations, no typo fixing."""

    def rank(question: str) -> list[Row]:
        lexical = retriever.index.lexical
        scores = lexical.scores(lexical.query_terms(question.lower()))
        return [retriever.index.rows[i] for i in np.argsort(-scores, kind="stable")]

    return rank


def dense_only(retriever: Retriever) -> Callable[[str], list[Row]]:
    """The embedding of the question as typed, nearest rows first."""
    from assistant.embedding import embed

    def rank(question: str) -> list[Row]:
        index = retriever.index
        scores, ids = index.dense.search(embed(retriever.model, [question]), index.dense.ntotal)
        seen: dict[int, None] = {}
        for vector_id in ids[0]:
            if vector_id >= 0:
                seen.setdefault(int(index.vector_owner[vector_id]), None)
        return [index.rows[i] for i in seen]

    return rank


def memory_only(retriever: Retriever) -> Callable[[str], list[Row]]:
    """The votes of the closest questions asked before, alone (rows with no vote are not ranked)."""

    def rank(question: str) -> list[Row]:
        votes = retriever.memory.scores(retriever.embed_query(retriever.understand(question)))
        return [retriever.index.rows[i] for i in np.argsort(-votes, kind="stable") if votes[i] > 0]

    return rank


def naive_chunks(corpus: Path) -> list[Chunk]:
    """The raw text of every plan, cut into ~500-character chunks."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_CHARS, chunk_overlap=CHUNK_OVERLAP)
    chunks: list[Chunk] = []
    for plan in load_corpus(corpus):
        text = read_document(corpus / plan.source_file).text
        chunks.extend(Chunk(plan.year, t, match_key(t)) for t in splitter.split_text(text))
    return chunks


def naive_rag_run(model: Any, corpus: Path, questions: list[Question], k: int) -> SystemRun:
    import faiss

    from assistant.embedding import embed

    chunks = naive_chunks(corpus)
    index = faiss.IndexFlatIP(embed(model, ["x"]).shape[1])
    index.add(embed(model, [c.text for c in chunks]))

    def meets(entry: RelevantEntry, chunk: Chunk) -> bool:
        return (entry.year is None or entry.year == chunk.year) and match_key(entry.activity) in chunk.key

    results = []
    for q in questions:
        _, ids = index.search(embed(model, [q.question]), k)
        ranked = [chunks[i] for i in ids[0] if i >= 0]
        results.append(evaluate_by(q, ranked, False, k, meets))
    return SystemRun("naive RAG (500-char chunks)", results)


def run_all(retriever: Retriever, settings: Settings, questions: list[Question], k: int) -> tuple[list[SystemRun], list[SearchResult]]:
    """The product and the four baselines on the same questions."""
    product, searches = product_run(retriever, questions, k)
    runs = [
        product,
        ranked_run("BM25 only", bm25_only(retriever), questions, k),
        ranked_run("dense only", dense_only(retriever), questions, k),
        ranked_run("question memory only", memory_only(retriever), questions, k),
        naive_rag_run(retriever.model, settings.corpus, questions, k),
    ]
    return runs, searches


def faithfulness(searches: list[SearchResult]) -> tuple[float, list[str]]:
    """Share of composed answers whose every line the verifier accepts, and the problems found."""
    from assistant.answer import compose
    from assistant.verify import verify

    problems: list[str] = []
    passed = 0
    for search in searches:
        found = verify(compose(search))
        passed += not found
        problems.extend(f"{search.query.question}: {p.text}" for p in found)
    return (round(passed / len(searches), 4) if searches else 1.0), problems


def failures(questions: list[Question], run: SystemRun) -> list[str]:
    """Ids of questions the run got wrong (missed entries or wrong abstention), for the table."""
    out = []
    for q, r in zip(questions, run.results, strict=True):
        if not r.abstention_correct or (r.recall is not None and r.recall < 1.0):
            out.append(q.id)
    return out


def slug_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
