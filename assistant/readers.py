"""Stage 1: one reader per format behind one contract (markitdown's converters, STYLE.md).

A reader says whether it accepts a file by its content, never by its name, and turns it into a
Document. DOCX and PDF are tried first, by their signatures; everything else must decode as text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant import messages, read_docx, read_pdf
from assistant.documents import MAX_BYTES, Document, decode_text, read_bytes
from assistant.errors import CorpusError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reader:
    format: str  # "docx", "pdf", "text": recorded in the corpus manifest
    accepts: Callable[[bytes], bool]
    read: Callable[[str, bytes], Document]


READERS = (
    Reader("docx", read_docx.accepts, read_docx.read),
    Reader("pdf", read_pdf.accepts, read_pdf.read),
    Reader("text", lambda _: True, decode_text),
)


def reader_for(data: bytes) -> Reader:
    return next(reader for reader in READERS if reader.accepts(data))


def document_from_bytes(name: str, data: bytes) -> Document:
    """The Document of a plan file's bytes, whatever its format."""
    if len(data) > MAX_BYTES:
        raise CorpusError(
            messages.FILE_TOO_LARGE.format(file=name, size_mb=len(data) / 1e6, limit_mb=MAX_BYTES // 1_000_000)
        )
    if not data.strip():
        raise CorpusError(messages.FILE_EMPTY.format(file=name))
    reader = reader_for(data)
    log.info("%s: read as %s", name, reader.format)
    return reader.read(name, data)


def read_document(path: Path, name: str | None = None) -> Document:
    """Read a plan file from disk, named `name` (its file name by default: the corpus names it by
    its path inside the corpus folder); every failure becomes a Bulgarian CorpusError."""
    return document_from_bytes(name or path.name, read_bytes(path))
