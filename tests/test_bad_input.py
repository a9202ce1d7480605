"""Bad documents get a clear Bulgarian error naming the file (and line); none crashes (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import CorpusError
from assistant.parse import parse_document
from assistant.readers import read_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CYRILLIC = set("абвгдежзийклмнопрстуфхцчшщъьюя")


def parse_file(path: Path):
    return parse_document(read_document(path))


def assert_bulgarian_error(error: CorpusError, file: str, line: int | None = None) -> None:
    message = str(error)
    assert f"„{file}“" in message
    assert len(CYRILLIC & set(message.lower())) > 10, message
    assert "Traceback" not in message
    if line is not None:
        assert f"ред {line}" in message, message


def test_empty_file_is_refused(tmp_path):
    """An empty (or whitespace-only) file says it is empty."""
    path = tmp_path / "празен.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        parse_file(path)
    assert_bulgarian_error(caught.value, "празен.txt")
    assert "празен" in str(caught.value)


def test_binary_file_is_refused(tmp_path):
    """A binary file (here: a PNG header and random bytes) is not text."""
    path = tmp_path / "снимка.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(CorpusError) as caught:
        parse_file(path)
    assert_bulgarian_error(caught.value, "снимка.txt")
    assert "не е документ на план" in str(caught.value)


def test_windows_1251_file_is_read_correctly(tmp_path):
    """A plan saved in windows-1251 parses to the same rows as the UTF-8 original."""
    original = (CORPUS / "kazanlak-2023.txt").read_text(encoding="utf-8")
    path = tmp_path / "kazanlak-2023.txt"
    path.write_bytes(original.encode("windows-1251", errors="strict"))
    doc = read_document(path)
    assert doc.encoding == "windows-1251"
    assert parse_file(path).rows == parse_file(CORPUS / "kazanlak-2023.txt").rows


def test_pdf_layout_in_windows_1251_is_read_correctly(tmp_path):
    """The PDF-text layout survives windows-1251 too (only characters 1251 has)."""
    original = (CORPUS / "kazanlak-2024.txt").read_text(encoding="utf-8")
    path = tmp_path / "kazanlak-2024.txt"
    path.write_bytes(original.encode("windows-1251", errors="replace"))
    assert len(parse_file(path).rows) == 62


def test_text_without_a_plan_table_is_refused(tmp_path):
    """Ordinary Bulgarian text is not a plan."""
    path = tmp_path / "писмо.txt"
    path.write_text("Уважаеми родители,\n\nСъбранието ще бъде в четвъртък от 18 ч.\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        parse_file(path)
    assert_bulgarian_error(caught.value, "писмо.txt")
    assert "Оперативна цел" in str(caught.value)


def test_truncated_table_row_is_refused_with_its_line(tmp_path):
    """Table layout: the last row cut mid-cell is reported at its line, not parsed as a whole plan."""
    lines = (CORPUS / "kazanlak-2023.txt").read_text(encoding="utf-8").split("\n")
    last = lines[106]
    assert last.startswith("Мярка 3: Сътрудничество")
    cut = "\n".join(lines[:106] + [last[: last.index("\t", last.index("\t") + 1) + 5]])
    path = tmp_path / "отрязан-2023.txt"
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        parse_file(path)
    assert_bulgarian_error(caught.value, "отрязан-2023.txt", line=107)
    assert "непълна" in str(caught.value)


def test_truncated_pdf_text_is_refused_with_its_line(tmp_path):
    """PDF layout: a file cut inside the last activity is not a whole plan."""
    lines = (CORPUS / "kazanlak-2024.txt").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "отрязан-2024.txt"
    path.write_text("\n".join(lines[:1595]), encoding="utf-8")  # cut inside 6.3's activity
    with pytest.raises(CorpusError) as caught:
        parse_file(path)
    assert_bulgarian_error(caught.value, "отрязан-2024.txt", line=1584)  # where "Мярка 3:" opens it


def test_pdf_text_cut_before_the_results_is_refused(tmp_path):
    """PDF layout: cut inside the institutions of the last row: results are missing."""
    lines = (CORPUS / "kazanlak-2024.txt").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "без-резултати.txt"
    path.write_text("\n".join(lines[:1614]), encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        parse_file(path)
    assert_bulgarian_error(caught.value, "без-резултати.txt")
    assert "резултати" in str(caught.value)


def test_missing_measure_is_refused(tmp_path):
    """A plan whose measures skip a number is broken, not silently partial."""
    text = (CORPUS / "kazanlak-2023.txt").read_text(encoding="utf-8").replace("Мярка 2: Прилагане в", "Мярка 7: Прилагане в")
    path = tmp_path / "пропусната-мярка.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        parse_file(path)
    assert_bulgarian_error(caught.value, "пропусната-мярка.txt")


def test_missing_file_is_reported(tmp_path):
    """A path that does not exist is named in the message."""
    with pytest.raises(CorpusError) as caught:
        read_document(tmp_path / "няма-го.txt")
    assert "няма-го.txt" in str(caught.value)


def test_utf8_with_bom_is_read(tmp_path):
    """A UTF-8 byte-order mark is not part of the first line."""
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + (CORPUS / "kazanlak-2023.txt").read_bytes())
    assert len(parse_file(path).rows) == 62
