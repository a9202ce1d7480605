"""Stage 1: a plan file becomes a Document: its text as lines, and its tables as cells.

Text files are decoded here; DOCX and PDF files are read by their readers (read_docx, read_pdf),
which give the same Document: every paragraph a line, every table row a line of its own (for
citing) whose cells are kept in `tables`.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass
from pathlib import Path

from assistant import messages
from assistant.errors import CorpusError
from assistant.text import collapse_spaces, nfc

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024  # a plan is tens of kilobytes; anything this large is a mistake
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


@dataclass(frozen=True)
class Cell:
    """One grid position of a table row, as its reader found it."""

    text: str  # lines inside the cell joined by "\n" (a PDF cell's line breaks are wraps)
    continued: bool = False  # a cell merged down from the row above: the same text, not a new value
    spans: bool = False  # part of a cell merged over several rows (its first row or a continued one)


@dataclass(frozen=True)
class Table:
    """A table of a DOCX or PDF document: row r stands at `lines[first_line + r]`."""

    first_line: int  # 0-based index into Document.lines
    rows: tuple[tuple[Cell, ...], ...]
    continues_previous: bool = False  # a PDF table going on from the previous page


def row_line(cells: tuple[Cell, ...]) -> str:
    """A table row as one line of the Document (what a citation's line numbers point at)."""
    return " | ".join(collapse_spaces(cell.text) for cell in cells)


@dataclass(frozen=True)
class Document:
    """A plan document's text, decoded; line i of the file is `lines[i - 1]`."""

    name: str  # file name, used in citations and error messages
    lines: tuple[str, ...]
    encoding: str  # how the bytes were decoded: "utf-8", "windows-1251", ... ; "docx", "pdf"
    tables: tuple[Table, ...] = ()  # the cells of table rows (DOCX and PDF with table cells)

    def table_rows(self) -> dict[int, tuple[Cell, ...]]:
        """Line index -> the cells of the table row standing on that line."""
        return {table.first_line + r: cells for table in self.tables for r, cells in enumerate(table.rows)}

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_bytes(path: Path) -> bytes:
    """A plan file's bytes; every failure (missing, a folder, too large) a Bulgarian CorpusError."""
    name = path.name
    try:
        if path.exists() and not path.is_file():  # a folder, a FIFO, a device: reading could hang
            raise CorpusError(messages.FILE_NOT_REGULAR.format(file=path))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CorpusError(
                messages.FILE_TOO_LARGE.format(
                    file=name, size_mb=size / 1e6, limit_mb=MAX_BYTES // 1_000_000
                )
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise CorpusError(messages.FILE_NOT_FOUND.format(file=path)) from exc
    except OSError as exc:  # unreadable, a name too long, ...
        raise CorpusError(messages.FILE_NOT_FOUND.format(file=path)) from exc


def decode_text(name: str, data: bytes) -> Document:
    """Decode a plan's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or windows-1251."""
    if len(data) > MAX_BYTES:
        raise CorpusError(
            messages.FILE_TOO_LARGE.format(
                file=name, size_mb=len(data) / 1e6, limit_mb=MAX_BYTES // 1_000_000
            )
        )
    if not data.strip():
        raise CorpusError(messages.FILE_EMPTY.format(file=name))
    text, encoding = _decode(name, data)
    if _looks_binary(text):
        log.warning("%s: rejected as binary (control characters in decoded text)", name)
        raise CorpusError(messages.FILE_BINARY.format(file=name))
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(messages.FILE_EMPTY.format(file=name))
    log.info("%s: decoded as %s", name, encoding)
    return Document(name=name, lines=tuple(text.split("\n")), encoding=encoding)


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        log.warning("%s: NUL bytes without a UTF-16 BOM", name)
        raise CorpusError(messages.FILE_BINARY.format(file=name))
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        log.info("%s: not UTF-8 (%s); trying windows-1251", name, exc)
    # subtle: every byte decodes in cp1251 except 0x98, so success proves nothing; require
    # that the letters be mostly Cyrillic, as in any Bulgarian plan.
    try:
        text = data.decode("windows-1251")
    except UnicodeDecodeError as exc:
        raise CorpusError(messages.FILE_UNDECODABLE.format(file=name)) from exc
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if not letters or cyrillic / len(letters) < 0.5:
        log.warning("%s: windows-1251 decode gives %d/%d Cyrillic", name, cyrillic, len(letters))
        raise CorpusError(messages.FILE_BINARY.format(file=name))
    return text, "windows-1251"


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in _CONTROL_OK)
    return controls > max(3, len(sample) // 200)
