"""The lexical index: BM25 over Bulgarian lemmas and/or character n-grams, in a sparse matrix.

Lemmas (simplemma's Bulgarian dictionary) make "тормозят" meet "тормоз"; character n-grams
survive typos and unknown inflections. Which mix serves users best is measured by `eval`.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from assistant.text import words

K1 = 1.2  # BM25 term-frequency saturation
B = 0.75  # BM25 length normalization
NGRAM_SIZES = (3, 4, 5)
# Query terms in more than this share of documents are skipped: they barely rank (low idf) and
# their long columns dominate query time at scale ("#де" is in almost every row).
MAX_QUERY_DF = 0.3
# Function words that carry no topic (pronouns, prepositions, particles, auxiliaries).
STOPWORDS = frozenset(
    """и в във на за от до с със по при към през към а но или ли да не се си ще е са бъде
    съм сме сте си бил била било били той тя то те ние вие аз ти го я ги му ѝ им ми ни ви
    мен теб нас вас този тази това тези онзи който която което които какъв каква какво какви
    кой коя кое кои как кога къде защо дали има няма също още само така там тук вече много
    може трябва моля казва казват правят прави предвидено предвидени предвиден план плана планът
    плановете нещо някакъв някаква някакви детето дете децата деца моето моят моята синът сина
    дъщеря задача задачи задачите ангажимент ангажименти ангажиментите задължения задълженията
    отговорности отговорностите роля ролята""".split()  # noqa: SIM905
)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of a lower-case Bulgarian word (itself when unknown)."""
    import simplemma

    return str(simplemma.lemmatize(word, lang="bg")).lower()


def lemma_terms(text: str) -> list[str]:
    """Content-word lemmas: "тормозят го" -> ["тормоз"]."""
    return [lemma(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def ngram_terms(text: str) -> list[str]:
    """Character n-grams of each content word, with word-boundary marks: "#лог", "лого", ..."""
    terms: list[str] = []
    for word in words(text):
        if word in STOPWORDS:
            continue
        padded = f"#{word}#"
        for n in NGRAM_SIZES:
            terms.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return terms


ANALYZERS = {
    "lemma": lemma_terms,
    "ngram": ngram_terms,
    "lemma+ngram": lambda text: [f"w:{t}" for t in lemma_terms(text)] + [f"c:{t}" for t in ngram_terms(text)],
}


@dataclass
class LexicalIndex:
    """BM25 weights of every (document, term), ready for a sparse dot product with a query."""

    analyzer: str
    vocabulary: dict[str, int]  # term -> column
    weights: sparse.csc_matrix  # documents x terms, BM25 weight of each term in each document

    @classmethod
    def build(cls, texts: Sequence[str], analyzer: str = "lemma+ngram") -> LexicalIndex:
        """BM25 weights of `texts`; compact arrays, each distinct text analyzed once."""
        analyze = ANALYZERS[analyzer]
        vocabulary: dict[str, int] = {}
        analyzed: dict[str, tuple[array[int], array[int]]] = {}  # text -> (term ids, counts)
        rows, cols, tfs = array("i"), array("i"), array("f")
        lengths = np.zeros(len(texts), dtype=np.float32)
        for i, text in enumerate(texts):
            if text not in analyzed:
                counts = Counter(analyze(text))
                ids = array("i", (vocabulary.setdefault(t, len(vocabulary)) for t in counts))
                analyzed[text] = (ids, array("i", counts.values()))
            ids, counts_of = analyzed[text]
            rows.extend(array("i", [i]) * len(ids))
            cols.extend(ids)
            tfs.extend(array("f", counts_of))
            lengths[i] = sum(counts_of)
        row = np.frombuffer(rows, dtype=np.int32)
        col = np.frombuffer(cols, dtype=np.int32)
        tf = np.frombuffer(tfs, dtype=np.float32)
        average = float(lengths.mean()) if len(texts) else 1.0
        df = np.bincount(col, minlength=len(vocabulary)).astype(np.float32)
        idf = np.log(1 + (len(texts) - df + 0.5) / (df + 0.5))
        length_norm = K1 * (1 - B + B * lengths[row] / max(average, 1e-6))
        values = idf[col] * tf * (K1 + 1) / (tf + length_norm)
        matrix = sparse.csc_matrix((values, (row, col)), shape=(len(texts), len(vocabulary)), dtype=np.float32)
        return cls(analyzer=analyzer, vocabulary=vocabulary, weights=matrix)

    def scores(self, query_terms: Iterable[tuple[str, float]]) -> np.ndarray:
        """BM25 score of every document for weighted query terms (unknown terms ignored)."""
        weights: dict[int, float] = {}
        indptr = self.weights.indptr
        limit = MAX_QUERY_DF * self.weights.shape[0]
        for term, weight in query_terms:
            column = self.vocabulary.get(term)
            if column is not None and indptr[column + 1] - indptr[column] <= limit:
                weights[column] = weights.get(column, 0.0) + weight
        if not weights:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        columns = np.fromiter(weights, dtype=np.int64)
        vector = np.fromiter(weights.values(), dtype=np.float32)
        return np.asarray(self.weights[:, columns] @ vector, dtype=np.float32).ravel()

    def query_terms(self, text: str, weight: float = 1.0) -> list[tuple[str, float]]:
        """The analyzed terms of a query text, each with `weight`."""
        return [(t, weight) for t in ANALYZERS[self.analyzer](text)]

    def max_possible(self, query_terms: Iterable[tuple[str, float]]) -> float:
        """An upper bound used to normalize scores: the best score each term can give, summed."""
        total = 0.0
        for term, weight in query_terms:
            column = self.vocabulary.get(term)
            if column is not None:
                data = self.weights.getcol(column).data
                total += weight * (float(data.max()) if data.size else 0.0)
        return total

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        sparse.save_npz(folder / "weights.npz", self.weights.tocsc(), compressed=False)
        meta = {"analyzer": self.analyzer, "k1": K1, "b": B, "vocabulary": list(self.vocabulary)}
        (folder / "vocabulary.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        meta = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
        weights = sparse.load_npz(folder / "weights.npz").tocsc()
        vocabulary = {term: i for i, term in enumerate(meta["vocabulary"])}
        if weights.shape[1] != len(vocabulary):
            raise ValueError(f"lexical matrix has {weights.shape[1]} columns, vocabulary {len(vocabulary)}")
        return cls(analyzer=meta["analyzer"], vocabulary=vocabulary, weights=weights)


def lemma_idf(index: LexicalIndex, lemma_: str) -> float:
    """How rare a lemma is in the corpus; used to weigh a question's words as evidence.

    subtle: a word the plans never use gets the highest weight, not zero: "басейн" in a question
    is the strongest sign that the plans do not cover it.
    """
    n = index.weights.shape[0]
    key = {"lemma+ngram": f"w:{lemma_}", "lemma": lemma_}.get(index.analyzer)
    if key is None:
        return 1.0  # n-gram-only index: every word counts the same
    column = index.vocabulary.get(key)
    df = 0 if column is None else index.weights.indptr[column + 1] - index.weights.indptr[column]
    return math.log(1 + (n - df + 0.5) / (df + 0.5))
