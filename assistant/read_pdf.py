"""Stage 1: a PDF with a text layer becomes a Document: text lines, and table cells where ruled.

pdfplumber finds ruled tables (Word and LibreOffice export their grid lines); text outside them
(title, introduction, goals written as paragraphs between tables) becomes lines in reading order.
A PDF with text but no ruled table gives lines only, for the PDF-text layout. A PDF without a
text layer is a scan: it needs OCR first, which this assistant does not do.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import simplemma

from assistant import messages
from assistant.documents import Cell, Document, Table, row_line
from assistant.errors import CorpusError
from assistant.text import nfc

log = logging.getLogger(__name__)

MAX_PAGES = 300  # a plan has ten to forty pages
MARGIN = 0.06  # lines in the top or bottom 6 % of a page are running headers and footers


def accepts(data: bytes) -> bool:
    """A PDF by its signature (which may follow a little junk, as readers allow)."""
    return b"%PDF-" in data[:1024]


def read(name: str, data: bytes) -> Document:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise CorpusError(messages.PDF_TOO_MANY_PAGES.format(file=name, limit=MAX_PAGES))
            pages: list[list[str | tuple[tuple[Cell, ...], ...]]] = []
            has_images = False
            for page in pdf.pages:  # each page's parsed layout freed once read: memory stays one page's
                pages.append(_page_blocks(page))
                has_images = has_images or bool(page.images)
                page.close()
    except CorpusError:
        raise
    except Exception as exc:  # pdfminer's syntax, encryption and stream errors
        if _encrypted(exc):
            log.warning("%s: encrypted PDF: %r", name, exc)
            raise CorpusError(messages.PDF_ENCRYPTED.format(file=name)) from exc
        log.warning("%s: pdfplumber failed: %r", name, exc)
        raise CorpusError(messages.DOCUMENT_UNREADABLE.format(file=name, format="PDF")) from exc
    lines: list[str] = []
    tables: list[Table] = []
    last_was_table = False
    for blocks in pages:
        for position, block in enumerate(blocks):
            if isinstance(block, str):
                lines.append(block)
            else:
                going_on = position == 0 and last_was_table  # a table the page break cut
                tables.append(Table(first_line=len(lines), rows=block, continues_previous=going_on))
                lines.extend(row_line(row) for row in block)
        if blocks:
            last_was_table = not isinstance(blocks[-1], str)
    paragraphs = [line for i, line in enumerate(lines) if not any(t.first_line <= i < t.first_line + len(t.rows) for t in tables)]
    tables = _resolve_breaks(tables, paragraphs)
    lines = [line.replace(BREAK, " ") for line in lines]  # only the cited text; cells hold the truth
    if not any(line.strip() for line in lines):
        log.warning("%s: no text layer (images: %s)", name, has_images)
        raise CorpusError(messages.PDF_NO_TEXT.format(file=name))
    log.info("%s: PDF, %d lines, %d table fragments", name, len(lines), len(tables))
    return Document(name=name, lines=tuple(lines), encoding="pdf", tables=tuple(tables))


def _encrypted(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if "password" in type(seen).__name__.lower() or "encrypt" in type(seen).__name__.lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _page_blocks(page: Any) -> list[str | tuple[tuple[Cell, ...], ...]]:
    """The page's text lines outside tables and its tables, ordered top to bottom."""
    found = page.find_tables()
    boxes = [table.bbox for table in found]

    def outside(obj: dict[str, Any]) -> bool:
        middle_x, middle_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes)

    placed: list[tuple[float, str | tuple[tuple[Cell, ...], ...]]] = []
    for line in page.filter(outside).extract_text_lines(return_chars=False):
        if line["bottom"] < page.height * MARGIN or line["top"] > page.height * (1 - MARGIN):
            continue  # page furniture: "стр. 3 от 9", a running title
        placed.append((line["top"], nfc(line["text"])))
    for table in found:
        rows = _cells(page, table)
        if rows:
            placed.append((table.bbox[1], rows))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _cells(page: Any, table: Any) -> tuple[tuple[Cell, ...], ...]:
    """A grid with merged cells resolved: spanned columns repeat the text, spanned rows are
    marked `continued` (pdfplumber gives None for every grid position a merged cell covers)."""
    origin: dict[tuple[float, ...], list[dict[str, Any]]] = {}
    for row in table.rows:
        for box in row.cells:
            if box is not None:
                origin[tuple(box)] = page.filter(_centre_in(box)).extract_text_lines(return_chars=True)
    right_edge = _right_edges(origin, [column.bbox for column in table.columns])
    text = {box: _cell_text(lines, right_edge(box)) for box, lines in origin.items()}
    columns = [column.bbox for column in table.columns]
    grid: list[tuple[Cell, ...]] = []
    for row in table.rows:
        top, bottom = row.bbox[1], row.bbox[3]
        cells: list[Cell] = []
        for c, box in enumerate(row.cells):
            if box is not None:
                cells.append(Cell(text[tuple(box)]))
                continue
            x = (columns[c][0] + columns[c][2]) / 2
            y = (top + bottom) / 2
            cover = next(
                (b for b in origin if b[0] - 0.5 <= x <= b[2] + 0.5 and b[1] - 0.5 <= y <= b[3] + 0.5), None
            )
            if cover is None:
                cells.append(Cell(""))
            else:
                below = cover[1] < top - 0.5
                cells.append(Cell(text[cover], continued=below, spans=below or cover[3] > bottom + 0.5))
        grid.append(tuple(cells))
    # the first row of a merged cell spans too (pdfplumber's row box grows with the merged cell)
    for r in range(len(grid) - 1, 0, -1):
        for c, cell in enumerate(grid[r]):
            if cell.continued and c < len(grid[r - 1]) and not grid[r - 1][c].spans:
                above = grid[r - 1][c]
                grid[r - 1] = (*grid[r - 1][:c], Cell(above.text, above.continued, True), *grid[r - 1][c + 1 :])
    return tuple(grid)


def _centre_in(box: Any) -> Any:
    """Objects whose centre lies in the box (as pdfplumber assigns characters to cells)."""
    x0, top, x1, bottom = box

    def test(obj: dict[str, Any]) -> bool:
        return x0 <= (obj["x0"] + obj["x1"]) / 2 <= x1 and top <= (obj["top"] + obj["bottom"]) / 2 <= bottom

    return test


def _right_edges(origin: dict[tuple[float, ...], list[dict[str, Any]]], columns: list[Any]) -> Any:
    """For a cell box, how far right text reaches in cells ending at the same x (its column)."""
    reach: dict[float, float] = {}
    for box, lines in origin.items():
        key = round(box[2])
        reach[key] = max([reach.get(key, 0.0), *(line["x1"] for line in lines)])
    return lambda box: reach.get(round(box[2]), box[2])


BREAK = "\u2063"  # between a cell's lines where the renderer may have broken a word


def _cell_text(lines: list[dict[str, Any]], right_edge: float) -> str:
    """The cell's lines joined by "\n", or by BREAK where the line is one word reaching the
    column's right edge and the next starts in lower case: a word too long for the column,
    broken without a hyphen, or an ordinary wrap (decided by `_resolve_breaks`)."""
    if not lines:
        return ""
    parts = [nfc(lines[0]["text"]).strip()]
    for before, line in zip(lines, lines[1:], strict=False):
        text = nfc(line["text"]).strip()
        chars = before.get("chars") or []
        width = (before["x1"] - before["x0"]) / max(len(chars), 1)
        candidate = (
            " " not in before["text"].strip()
            and right_edge - before["x1"] < 1.5 * width
            and text[:1].islower()
            and not before["text"].rstrip().endswith("-")
        )
        parts.append((BREAK if candidate else "\n") + text)
    return "".join(parts)


def _resolve_breaks(tables: list[Table], paragraphs: list[str]) -> list[Table]:
    """Decide each BREAK: a broken word ("противообществе" + "ните") is joined; an ordinary
    wrap ("противодействие" + "на") stays two words.

    Words are known from the dictionary and from the document itself, where no break could
    have cut them: a word followed by another on its line is whole at its end, a word preceded
    by another is whole at its start. Joined when the joined word is known, when neither half
    is, or when the first half ends in a doubled consonant no Bulgarian word ends in. Left apart otherwise: a wrong join ("Предотвратяванеи") is worse than a missed one
    ("преждевременнот о", where the ending "о" is also a word)."""
    lines = paragraphs + [
        line for t in tables for row in t.rows for cell in row for line in re.split(f"[\n{BREAK}]", cell.text)
    ]
    whole_ends = {w.lower() for line in lines for w in _WORDS.findall(line)[:-1]}  # not line-final
    whole_starts = {w.lower() for line in lines for w in _WORDS.findall(line)[1:]}  # not line-initial

    def known(word: str, seen: set[str]) -> bool:
        return word.lower() in seen or bool(simplemma.is_known(word.lower(), lang="bg"))

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        doubled_end = len(left) > 2 and left[-1] == left[-2] and left[-1].lower() not in _VOWELS  # "…остт"
        broken = (
            doubled_end
            or known(left + right, whole_ends | whole_starts)
            or not (known(left, whole_ends) or known(right, whole_starts))
        )
        return left + right if broken else f"{left}\n{right}"

    def resolve(cell: Cell) -> Cell:
        if BREAK not in cell.text:
            return cell
        text = _BROKEN.sub(join, cell.text).replace(BREAK, "\n")
        return Cell(text, cell.continued, cell.spans)

    return [
        Table(t.first_line, tuple(tuple(resolve(c) for c in row) for row in t.rows), t.continues_previous)
        for t in tables
    ]


_VOWELS = set("аъоуеиюяэы")
_WORDS = re.compile(r"[^\W\d_]+")
_BROKEN = re.compile(f"(\\w+){BREAK}(\\w+)")
