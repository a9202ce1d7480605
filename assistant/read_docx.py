"""Stage 1: a Word document (.docx) becomes a Document: paragraphs as lines, tables as cells.

A DOCX is a zip archive, so it is checked as one before python-docx opens it: the unpacked size
is bounded (a zip bomb is refused without being unpacked) and a file that is not a Word document
(an image or an archive renamed .docx) gets a message instead of a traceback.
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import Any

from assistant import messages
from assistant.documents import Cell, Document, Table, row_line
from assistant.errors import CorpusError
from assistant.text import nfc

log = logging.getLogger(__name__)

MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a plan's document.xml is a few hundred kilobytes
MAX_RATIO = 200  # unpacked / packed: Word's XML packs 5-20 times; a bomb, thousands
_MAIN_PART = "word/document.xml"


def accepts(data: bytes) -> bool:
    """A zip archive holding a Word main document part (the content decides, not the name)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _MAIN_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def read(name: str, data: bytes) -> Document:
    """Paragraphs and tables in document order; table rows also as " | "-joined lines."""
    _check_archive(name, data)
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # a damaged part, invalid XML, a missing relationship, ...
        log.warning("%s: python-docx failed: %r", name, exc)
        raise CorpusError(messages.DOCUMENT_UNREADABLE.format(file=name, format="DOCX")) from exc
    lines: list[str] = []
    tables: list[Table] = []
    for block in blocks:
        if hasattr(block, "rows"):
            rows = _table_rows(block)
            tables.append(Table(first_line=len(lines), rows=rows))
            lines.extend(row_line(row) for row in rows)
        else:
            lines.extend(nfc(block.text).split("\n"))
    log.info("%s: DOCX with %d paragraphs/lines and %d tables", name, len(lines), len(tables))
    return Document(name=name, lines=tuple(lines), encoding="docx", tables=tuple(tables))


def _check_archive(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CorpusError(messages.DOCUMENT_UNREADABLE.format(file=name, format="DOCX")) from exc
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
        log.warning("%s: unpacks to %d bytes from %d", name, unpacked, len(data))
        raise CorpusError(
            messages.DOCUMENT_TOO_LARGE_UNPACKED.format(file=name, limit_mb=MAX_UNPACKED_BYTES // 1_000_000)
        )


def _table_rows(table: Any) -> tuple[tuple[Cell, ...], ...]:
    """Every row as one Cell per grid column; a cell merged down is marked `continued`."""
    rows: list[tuple[Cell, ...]] = []
    above: list[Any] = []  # the <w:tc> elements of the previous row, by grid column
    for row in table.rows:
        cells = row.cells
        elements = [cell._tc for cell in cells]
        texts = [nfc("\n".join(p.text for p in cell.paragraphs)).strip() for cell in cells]
        rows.append(
            tuple(
                Cell(text=text, continued=column < len(above) and above[column] is element,
                     spans=element.vMerge is not None)  # fmt: skip
                for column, (text, element) in enumerate(zip(texts, elements, strict=True))
            )
        )
        above = elements
    return tuple(rows)
