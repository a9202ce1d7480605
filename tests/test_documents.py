"""Plans as municipalities publish them: Word files and PDFs exported from Word, in the table
layouts they use, read into exactly the rows of the bundled plans (issue 10).

Every document here is made by the test: python-docx writes the bundled rows moved to another
town and year; LibreOffice (headless, from Debian) turns them into PDF.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from plan_documents import LAYOUTS, SOFFICE, to_pdf, write_docx

from assistant.errors import CorpusError
from assistant.parse import Hints, Plan, parse_document
from assistant.readers import read_document

FIELDS = ("goal", "goal_title", "measure", "measure_title", "activity", "deadline", "funding", "responsible", "results")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (test.sh installs it)")


def same_rows(expected: Plan, got: Plan, skip: tuple[str, ...] = ()) -> list[str]:
    """Every field that differs, as "row_id field"; empty when the plans agree row for row."""
    assert len(got.rows) == len(expected.rows)
    return [
        f"{a.row_id} {field}: {getattr(a, field)!r} != {getattr(b, field)!r}"
        for a, b in zip(expected.rows, got.rows, strict=True)
        for field in FIELDS
        if field not in skip and getattr(a, field) != getattr(b, field)
    ]


@pytest.fixture(scope="module")
def documents(plans, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, str, str], Path]:
    """(year, layout, "docx"/"pdf") -> the bundled plan of that year as Трявна's 2026 plan."""
    folder = tmp_path_factory.mktemp("documents")
    made = {}
    for plan in plans.values():
        for layout in LAYOUTS:
            docx_path = write_docx(folder / f"tryavna-{plan.year}-{layout}.docx", plan.rows, "Трявна", 2026, layout)
            made[(plan.year, layout, "docx")] = docx_path
            if SOFFICE:
                made[(plan.year, layout, "pdf")] = to_pdf(docx_path, folder)
    return made


def bundled(plans: dict[int, Plan], year: int) -> Plan:
    return plans[year]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("year", [2023, 2024])
def test_a_word_plan_gives_the_bundled_rows_in_every_layout(plans, documents, year, layout):
    """One table with goal and "Мярка 1.2." rows and a "№" column; one table per goal with the
    measure merged down its rows and columns in another order; a plan without a results column."""
    got = parse_document(read_document(documents[(year, layout, "docx")]))
    assert (got.municipality, got.year, got.layout) == ("Трявна", 2026, "grid")
    skip = ("results",) if layout == "no-results" else ()
    assert same_rows(bundled(plans, year), got, skip) == []


@needs_libreoffice
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("year", [2023, 2024])
def test_a_pdf_exported_from_word_gives_the_same_rows(plans, documents, year, layout):
    """Header rows repeated on every page are skipped, rows the page break cut are joined back,
    a measure cell merged over a page break keeps one title."""
    got = parse_document(read_document(documents[(year, layout, "pdf")]))
    assert (got.municipality, got.year) == ("Трявна", 2026)
    skip = ("results",) if layout == "no-results" else ()
    assert same_rows(bundled(plans, year), got, skip) == []


def test_a_missing_column_is_an_empty_field_and_a_warning(documents):
    got = parse_document(read_document(documents[(2024, "no-results", "docx")]))
    assert {row.results for row in got.rows} == {""}
    assert any("Очаквани резултати" in warning for warning in got.warnings)


@needs_libreoffice
def test_words_a_narrow_column_broke_are_joined(plans, tmp_path):
    """Equal narrow columns make LibreOffice break long words without a hyphen."""
    plan = bundled(plans, 2023)
    docx_path = write_docx(tmp_path / "narrow.docx", plan.rows, "Трявна", 2026, "merged-rows", narrow=True)
    got = parse_document(read_document(to_pdf(docx_path, tmp_path)))
    text = " ".join(f"{r.activity} {r.results}" for r in got.rows)
    for word in ("противообществените", "удовлетвореността", "дискриминационни", "съвети/парламенти"):
        assert word in text
    assert "Предотвратяванеи" not in text and "противодействиена" not in text


def test_municipality_and_year_from_an_upper_case_title(plans, tmp_path):
    plan = bundled(plans, 2024)
    heading = "ОБЩИНА СТАРА ЗАГОРА\nПЛАН НА ДЕЙНОСТИТЕ ЗА ПОДКРЕПА ЗА ЛИЧНОСТНО РАЗВИТИЕ ЗА 2027 Г."
    path = write_docx(tmp_path / "upper.docx", plan.rows, "", 0, "per-goal", heading=heading)
    got = parse_document(read_document(path))
    assert (got.municipality, got.year) == ("Стара Загора", 2027)


def test_a_plan_without_municipality_and_year_asks_for_them(plans, tmp_path):
    path = write_docx(tmp_path / "bez-zaglavie.docx", bundled(plans, 2024).rows, "", 0, heading="План на дейностите")
    with pytest.raises(CorpusError) as caught:
        parse_document(read_document(path))
    assert "bez-zaglavie.docx" in str(caught.value) and "--municipality" in str(caught.value)
    given = parse_document(read_document(path), Hints(municipality="Елена", year=2026))
    assert (given.municipality, given.year, len(given.rows)) == ("Елена", 2026, 62)


def test_markup_in_cells_is_kept_as_text(plans, tmp_path):
    rows = list(bundled(plans, 2024).rows)
    from dataclasses import replace

    rows[0] = replace(rows[0], activity="<script>alert(1)</script> <b>Дейност</b> & още")
    got = parse_document(read_document(write_docx(tmp_path / "markup.docx", rows, "Трявна", 2026)))
    assert got.rows[0].activity == "<script>alert(1)</script> <b>Дейност</b> & още"


# Bad documents: a Bulgarian message naming the file, never a traceback.


def refused(path: Path) -> str:
    with pytest.raises(CorpusError) as caught:
        parse_document(read_document(path))
    message = str(caught.value)
    assert path.name in message and "Traceback" not in message
    return message


def test_random_bytes_named_docx_are_not_a_document(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(bytes(range(256)) * 8)
    assert "не е документ" in refused(path)


def test_an_archive_renamed_docx_is_not_a_document(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")
    path = tmp_path / "plan.docx"
    path.write_bytes(buffer.getvalue())
    assert "не е документ" in refused(path)


def test_an_image_renamed_pdf_is_not_a_document(tmp_path):
    from PIL import Image

    path = tmp_path / "plan.pdf"
    Image.new("RGB", (40, 40), "white").save(path, format="PNG")
    assert "не е документ" in refused(path)


def test_a_scanned_pdf_needs_ocr(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path, format="PDF")  # an image-only PDF, as a scanner makes
    assert "OCR" in refused(path)


@needs_libreoffice
def test_a_password_protected_pdf_is_refused(plans, tmp_path):
    import subprocess

    source = write_docx(tmp_path / "locked.docx", bundled(plans, 2024).rows[:3], "Трявна", 2026)
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"tajna"}}'
    )
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/.lo", "--headless", "--convert-to", options,
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    assert "парола" in refused(tmp_path / "locked.pdf")


def test_a_zip_bomb_docx_is_refused_without_unpacking(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(200):
                member.write(b"\0" * 1_000_000)
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert "MB" in refused(path)


def test_a_word_file_without_a_plan_table(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Покана за родителска среща в община Трявна за 2026 г.")
    path = tmp_path / "pokana.docx"
    document.save(path)
    assert "таблица" in refused(path)


def test_a_table_without_a_header_row_cannot_be_read(plans, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("План на дейностите в община Трявна за 2026 г.")
    document.add_paragraph("Оперативна цел 1: Цел")
    table = document.add_table(rows=2, cols=4)
    for row in table.rows:
        for cell, text in zip(row.cells, ("Мярка 1: Мярка", "Дейност", "Декември 2026 г.", "Училища"), strict=True):
            cell.text = text
    path = tmp_path / "bez-kolony.docx"
    document.save(path)
    assert "заглавен ред" in refused(path)


def test_a_damaged_docx_is_refused(plans, tmp_path):
    whole = write_docx(tmp_path / "whole.docx", bundled(plans, 2024).rows, "Трявна", 2026).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    refused(path)
