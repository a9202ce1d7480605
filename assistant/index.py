"""Stage 3: rows -> embeddings (FAISS) + BM25, saved as a folder of plain, versioned files.

index/
  CURRENT                 name of the active build folder (replaced atomically)
  .lock                   held while a build writes
  build-<time>-<id>/
    manifest.json         format version, model and dimension, corpus hash, counts, build time,
                          and the sha256 and size of every other file (checked at every load)
    rows.jsonl            one Row per line; FAISS vectors point at these line numbers
    passages.jsonl        introduction passages
    dense.faiss           row vectors (several per row when a row is split)
    vector_owner.npy      vector -> line of rows.jsonl
    passages.faiss        passage vectors
    lexical/              BM25 weights (weights.npz) and vocabulary.json

A build is written into a hidden temporary folder and only then named in CURRENT, so a crash
mid-build leaves the previous index in use; what it left is removed at the next open. Any failure
to load or to verify an index (a cut file, an edited row, flipped bytes) makes it broken: it is
rebuilt from the corpus, never served.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant import messages
from assistant.corpus import corpus_fingerprint, remove_corpus_leftovers
from assistant.errors import BrokenIndexError
from assistant.glossary import expand_abbreviations
from assistant.lexical import LexicalIndex
from assistant.parse import Passage, Plan, load_corpus, passages
from assistant.rows import Row, Source, read_jsonl, write_jsonl
from assistant.settings import Settings

log = logging.getLogger(__name__)

INDEX_MANIFEST = "manifest.json"
LOCK_FILE = ".lock"  # held while a build writes (flock): leftovers are cleaned only when it is free
FORMAT_VERSION = 3  # bump when the files or how rows are turned into text change
PACKAGE_VERSION = "0.1.0"
APPROXIMATE_FROM = 50_000  # vectors; above this, flat search gets slow on 2 cores: use HNSW
MAX_PIECE_CHARS = 1_000  # longer row texts are split; pieces still count as one row
Progress = Callable[[str], None]


@dataclass
class Index:
    """A loaded index: rows and passages with their dense and lexical search structures."""

    folder: Path
    manifest: dict[str, Any]
    rows: list[Row]
    passages: list[Passage]
    dense: Any  # faiss.Index over row pieces
    vector_owner: np.ndarray  # vector id -> row position
    passage_dense: Any  # faiss.Index over passages
    lexical: LexicalIndex


def dense_text(row: Row) -> str:
    """What a row's vector says: the activity, its result and its measure, abbreviations spelled out."""
    return dense_text_of(row.activity, row.results, row.measure_title)


def dense_text_of(activity: str, results: str, measure_title: str) -> str:
    return expand_abbreviations(f"{activity} {results} {measure_title}")


def first_vectors(index: Index, positions: Sequence[int]) -> np.ndarray:
    """The first vector of each row at `positions` (vector owners are sorted by row)."""
    first = np.searchsorted(index.vector_owner, np.asarray(positions))
    return np.stack([index.dense.reconstruct(int(v)) for v in first])


def lexical_text(row: Row) -> str:
    """What BM25 matches: every cell a user may name, institutions with their abbreviations spelled out."""
    return expand_abbreviations(
        " ".join([row.activity, row.activity, row.measure_title, row.results, " ".join(row.responsible)])
    )


def data_fingerprint() -> str:
    """sha256 of the glossary and abbreviation files: row texts spell abbreviations out."""
    from assistant.glossary import DATA

    digest = hashlib.sha256()
    for path in sorted(DATA.glob("*.tsv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def expected_manifest(settings: Settings) -> dict[str, Any]:
    """What the manifest of an up-to-date index says for these settings (cheap: no model load)."""
    from assistant.embedding import model_fingerprint

    return {
        "format_version": FORMAT_VERSION,
        "data_hash": data_fingerprint(),
        "model": settings.model,
        "model_fingerprint": model_fingerprint(settings.model),
        "corpus_hash": corpus_fingerprint(settings.corpus),
        "lexical_analyzer": settings.lexical,
    }


def split_pieces(text: str) -> list[str]:
    """A row's text in pieces the model reads whole (most rows are one piece)."""
    if len(text) <= MAX_PIECE_CHARS:
        return [text]
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=MAX_PIECE_CHARS, chunk_overlap=100)
    return splitter.split_text(text)


def _dense_index(vectors: np.ndarray) -> Any:
    import faiss

    dimension = vectors.shape[1]
    index: Any
    if len(vectors) >= APPROXIMATE_FROM:
        index = faiss.IndexHNSWFlat(dimension, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
    else:
        index = faiss.IndexFlatIP(dimension)
    index.add(vectors)
    return index


def reusable_vectors(root: Path, expected: dict[str, Any]) -> dict[str, np.ndarray]:
    """Text -> vector of the current index's rows and passages, when it was built by the same
    model from the same row texts (so adding a plan embeds only the new plan's rows)."""
    try:
        index = load_index(root)
    except BrokenIndexError:
        return {}
    if any(index.manifest.get(key) != value for key, value in expected.items() if key != "corpus_hash"):
        return {}
    pieces = [piece for row in index.rows for piece in split_pieces(dense_text(row))]
    if len(pieces) != index.dense.ntotal or len(index.passages) != index.passage_dense.ntotal:
        return {}
    known = dict(zip(pieces, index.dense.reconstruct_n(0, index.dense.ntotal), strict=True))
    if index.passages:
        vectors = index.passage_dense.reconstruct_n(0, index.passage_dense.ntotal)
        known.update(zip((p.text for p in index.passages), vectors, strict=True))
    return known


def embed_known(
    model: Any, texts: Sequence[str], known: dict[str, np.ndarray], progress: Progress, label: str
) -> np.ndarray:
    """Vectors of `texts`: reused where `known` has the text, embedded (in batches) where not.

    subtle: with nothing known, every text is embedded in order, as a full build always did: the
    batches' make-up shifts the model's float results in the last digits, enough to reorder ties."""
    if not known:
        return embed_in_batches(model, texts, progress, label)
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        fresh = embed_in_batches(model, missing, progress, label)
        known = {**known, **dict(zip(missing, fresh, strict=True))}
    log.info("%s: %d texts, %d embedded, %d reused", label, len(texts), len(missing), len(texts) - len(missing))
    if not texts:
        return embed_in_batches(model, [], progress, label)
    return np.vstack([known[t] for t in texts]).astype(np.float32)


def embed_in_batches(model: Any, texts: Sequence[str], progress: Progress, label: str) -> np.ndarray:
    """Embed with progress reports every batch."""
    from assistant.embedding import embed

    batch = 256
    parts = []
    for start in range(0, len(texts), batch):
        parts.append(embed(model, list(texts[start : start + batch])))
        progress(messages.PROGRESS_EMBED.format(what=label, done=min(start + batch, len(texts)), total=len(texts)))
    if not parts:
        return embed(model, [])
    return np.vstack(parts).astype(np.float32)


def write_index(
    folder: Path, rows: Sequence[Row], plan_passages: Sequence[Passage], model: Any,
    manifest: dict[str, Any], progress: Progress = lambda _: None, known: dict[str, np.ndarray] | None = None,
) -> None:  # fmt: skip
    """Write a complete index into `folder` (which must not exist yet)."""
    import faiss

    folder.mkdir(parents=True)
    pieces: list[str] = []
    owner: list[int] = []
    for position, row in enumerate(rows):
        for piece in split_pieces(dense_text(row)):
            pieces.append(piece)
            owner.append(position)
    vectors = embed_known(model, pieces, known or {}, progress, messages.PROGRESS_ROWS)
    passage_vectors = embed_known(model, [p.text for p in plan_passages], known or {}, progress, messages.PROGRESS_PASSAGES)
    progress(messages.PROGRESS_LEXICAL)
    LexicalIndex.build([lexical_text(r) for r in rows], manifest["lexical_analyzer"]).save(folder / "lexical")
    faiss.write_index(_dense_index(vectors), str(folder / "dense.faiss"))
    faiss.write_index(_dense_index(passage_vectors), str(folder / "passages.faiss"))
    np.save(folder / "vector_owner.npy", np.array(owner, dtype=np.int64), allow_pickle=False)
    with open(folder / "rows.jsonl", "w", encoding="utf-8") as stream:
        write_jsonl(rows, stream)
    with open(folder / "passages.jsonl", "w", encoding="utf-8") as stream:
        for p in plan_passages:
            record = {**p.__dict__, "source": p.source.__dict__}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    full_manifest = {
        **manifest, "files": file_checksums(folder), "package_version": PACKAGE_VERSION, "dimension": int(vectors.shape[1]),
        "row_count": len(rows), "passage_count": len(plan_passages), "vector_count": len(pieces),
        "dense_index": "hnsw" if len(pieces) >= APPROXIMATE_FROM else "flat",
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    # manifest last: a folder without one is never a finished build
    (folder / INDEX_MANIFEST).write_text(json.dumps(full_manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def file_checksums(folder: Path) -> dict[str, dict[str, Any]]:
    """sha256 and size of every file of a build folder (but its manifest), by relative path."""
    return {
        path.relative_to(folder).as_posix(): {"sha256": _sha256(path), "size": path.stat().st_size}
        for path in sorted(folder.rglob("*")) if path.is_file() and path.name != INDEX_MANIFEST
    }  # fmt: skip


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_files(folder: Path, manifest: dict[str, Any]) -> list[str]:
    """What differs between the files on disk and the checksums the manifest recorded."""
    recorded = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(recorded, dict) or not recorded:
        return ["no checksums recorded"]
    problems = []
    for name, expected in recorded.items():
        path = folder / name
        if not isinstance(expected, dict) or ".." in Path(name).parts or Path(name).is_absolute():
            problems.append(f"{name[:50]} recorded wrongly")
        elif not path.is_file():
            problems.append(f"{name} missing")
        elif path.stat().st_size != expected.get("size"):
            problems.append(f"{name} size {path.stat().st_size} != {expected.get('size')}")
        elif _sha256(path) != expected.get("sha256"):
            problems.append(f"{name} checksum differs")
    return problems


@contextmanager
def _build_lock(root: Path, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on the index folder: one build at a time; yields False when busy (no wait)."""
    with open(root / LOCK_FILE, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_leftovers(root: Path, corpus: Path | None = None) -> None:
    """Remove what a killed build or `add` left; skipped while another process builds, or when
    the folder is read-only."""
    if not root.is_dir():
        return
    try:
        with _build_lock(root, wait=False) as free:
            if free:
                _remove_leftovers(root)
                if corpus is not None:
                    remove_corpus_leftovers(corpus)
    except OSError as exc:  # a read-only folder: nothing can be cleaned, nothing needs to be
        log.info("leftovers in %s not cleaned: %r", root, exc)


def _remove_leftovers(root: Path) -> None:
    """Remove .build-* folders, build-* folders CURRENT does not name and a half-written pointer
    (the caller holds the build lock)."""
    current = _current_name(root)
    for leftover in [*root.glob(".build-*"), *root.glob("build-*"), root / ".CURRENT.tmp"]:
        if leftover.name == current or not leftover.exists():
            continue
        log.info("removing %s, left by an earlier or interrupted build", leftover)
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def build_index(settings: Settings, progress: Progress = lambda _: None) -> Path:
    """Build the index of the corpus and make it current atomically; returns its folder."""
    with index_lock(settings.index):  # parsed under the lock: an `add` cannot commit in between
        progress(messages.PROGRESS_PARSE)
        plans = load_corpus(settings.corpus)
        return build_locked(settings, plans, expected_manifest(settings), progress)


@contextmanager
def index_lock(root: Path) -> Iterator[None]:
    """Hold the index folder's build lock (created when missing); waits for another build."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        with _build_lock(root):
            yield
    except OSError as exc:  # read-only, full, or not a folder
        log.warning("index folder %s unusable: %r", root, exc)
        raise BrokenIndexError(messages.INDEX_FOLDER_UNWRITABLE.format(folder=root, detail=exc.strerror or exc)) from exc


def build_locked(
    settings: Settings, plans: Sequence[Plan], manifest: dict[str, Any], progress: Progress = lambda _: None,
    commit: Callable[[], None] = lambda: None,
) -> Path:  # fmt: skip
    """Write the index of `plans` into a new build folder and switch CURRENT to it (the caller
    holds `index_lock`). Vectors of unchanged row texts are taken from the current index.
    `commit` runs just before the switch: `add` renames its corpus manifest there, so corpus
    and index change together."""
    from assistant.embedding import load_model

    started = time.perf_counter()
    rows = [row for plan in plans for row in plan.rows]
    plan_passages = [p for plan in plans for p in passages(plan)]
    root = settings.index
    try:
        _remove_leftovers(root)  # what a crashed build left
        known = reusable_vectors(root, manifest)
        progress(messages.PROGRESS_MODEL)
        model = load_model(settings.model)
        temporary = root / f".build-{uuid.uuid4().hex[:8]}"
        write_index(temporary, rows, plan_passages, model, manifest, progress, known)
        final = root / f"build-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
        pointer = root / ".CURRENT.tmp"
        pointer.write_text(final.name, encoding="utf-8")
        if (root / "CURRENT").is_dir():  # not a pointer at all: nothing can be switched onto it
            shutil.rmtree(root / "CURRENT")
        # from here on only renames (microseconds): killed before them, nothing visible has changed
        temporary.rename(final)
        commit()
        os.replace(pointer, root / "CURRENT")  # the atomic switch
        _remove_leftovers(root)  # the builds CURRENT no longer names
    except OSError as exc:  # read-only, full, or not a folder
        log.warning("index folder %s unusable: %r", root, exc)
        raise BrokenIndexError(messages.INDEX_FOLDER_UNWRITABLE.format(folder=root, detail=exc.strerror or exc)) from exc
    log.info("index built in %.2f s: %d rows -> %s", time.perf_counter() - started, len(rows), final)
    progress(messages.PROGRESS_DONE.format(rows=len(rows), seconds=time.perf_counter() - started))
    return final


def _current_name(root: Path) -> str:
    """The build folder name CURRENT holds ("" when it holds no readable name)."""
    try:
        return (root / "CURRENT").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def current_folder(root: Path) -> Path:
    """The active build folder named by CURRENT; BrokenIndexError when there is none."""
    pointer = root / "CURRENT"
    if not pointer.is_file():
        raise BrokenIndexError(messages.INDEX_MISSING.format(folder=root))
    folder = root / _current_name(root)
    if not folder.is_dir() or folder.parent != root:
        raise BrokenIndexError(messages.INDEX_BROKEN.format(folder=root, detail=messages.INDEX_FOLDER_MISSING.format(folder=folder.name)))
    return folder


def load_index(root: Path) -> Index:
    """Load the current index, checking that its files are all there and agree with each other."""
    import faiss

    folder = current_folder(root)
    try:
        manifest = json.loads((folder / INDEX_MANIFEST).read_text(encoding="utf-8"))
        changed = verify_files(folder, manifest)
    except (OSError, ValueError, RecursionError) as exc:
        log.warning("index manifest at %s unreadable: %r", folder, exc)
        raise BrokenIndexError(messages.INDEX_BROKEN.format(folder=root, detail=type(exc).__name__)) from exc
    if changed:  # edited, cut or flipped files are never served as the official plan
        log.warning("index at %s does not match its checksums: %s", folder, "; ".join(changed))
        raise BrokenIndexError(messages.INDEX_BROKEN.format(folder=root, detail="; ".join(changed[:3])))
    try:
        with open(folder / "rows.jsonl", encoding="utf-8") as stream:
            rows = list(read_jsonl(stream))
        with open(folder / "passages.jsonl", encoding="utf-8") as stream:
            plan_passages = [_passage(json.loads(line)) for line in stream if line.strip()]
        dense = faiss.read_index(str(folder / "dense.faiss"))
        passage_dense = faiss.read_index(str(folder / "passages.faiss"))
        owner = np.load(folder / "vector_owner.npy", allow_pickle=False)
        lexical = LexicalIndex.load(folder / "lexical")
    except Exception as exc:  # any failure to load is a broken index (BadZipFile, faiss errors, ...)
        log.warning("index at %s unreadable: %r", folder, exc)
        raise BrokenIndexError(messages.INDEX_BROKEN.format(folder=root, detail=type(exc).__name__)) from exc
    problems = []
    if manifest.get("format_version") != FORMAT_VERSION:
        problems.append(f"format {manifest.get('format_version')} != {FORMAT_VERSION}")
    if len(rows) != manifest.get("row_count") or lexical.weights.shape[0] != len(rows):
        problems.append(f"rows {len(rows)} / manifest {manifest.get('row_count')} / lexical {lexical.weights.shape[0]}")
    if dense.ntotal != len(owner) or dense.ntotal != manifest.get("vector_count") or dense.d != manifest.get("dimension"):
        problems.append(f"vectors {dense.ntotal} / owners {len(owner)} / manifest {manifest.get('vector_count')}")
    if len(owner) and (owner.min() < 0 or owner.max() >= len(rows)):
        problems.append("vector owners out of range")
    if passage_dense.ntotal != len(plan_passages):
        problems.append(f"passages {len(plan_passages)} / vectors {passage_dense.ntotal}")
    if problems:
        log.warning("index at %s inconsistent: %s", folder, "; ".join(problems))
        raise BrokenIndexError(messages.INDEX_BROKEN.format(folder=root, detail="; ".join(problems)))
    return Index(folder, manifest, rows, plan_passages, dense, owner, passage_dense, lexical)


def _passage(record: dict[str, Any]) -> Passage:
    return Passage(**{**record, "source": Source(**record["source"])})


def stale_reasons(index: Index, expected: dict[str, Any]) -> list[str]:
    """Why an index no longer fits the settings (empty when it does)."""
    return [key for key, value in expected.items() if index.manifest.get(key) != value]


def open_index(settings: Settings, progress: Progress = lambda _: None, rebuild: bool = True) -> Index:
    """The up-to-date index: loaded, or (re)built when missing, broken or stale."""
    expected = expected_manifest(settings)
    if rebuild:
        clean_leftovers(settings.index, settings.corpus)
    try:
        index = load_index(settings.index)
        reasons = stale_reasons(index, expected)
        if not reasons:
            return index
        log.info("index is stale (%s)", ", ".join(reasons))
        if not rebuild:
            raise BrokenIndexError(messages.INDEX_STALE.format(folder=settings.index, what=", ".join(reasons)))
        progress(messages.INDEX_REBUILDING_STALE.format(what=", ".join(_describe(r) for r in reasons)))
    except BrokenIndexError as error:
        if not rebuild:
            raise
        progress(str(error) + " " + messages.INDEX_REBUILDING)
    build_index(settings, progress)
    return load_index(settings.index)


def _describe(reason: str) -> str:
    return {"corpus_hash": "корпусът", "model": "моделът", "model_fingerprint": "моделът",
            "format_version": "форматът на индекса", "data_hash": "речникът",
            "lexical_analyzer": "лексикалният анализ"}.get(reason, reason)  # fmt: skip
