"""The corpus manifest, checked against a schema: every hand-editing mistake is named (issue 9)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_cli import run

from assistant import messages
from assistant.corpus import KNOWN_FIELDS, MANIFEST, corpus_fingerprint, plan_entries

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def manifest_of(folder: Path) -> dict[str, Any]:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def write_manifest(folder: Path, data: Any) -> None:
    (folder / MANIFEST).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def refused_rows(folder: Path, message: str) -> None:
    done = run("--corpus", str(folder), "rows")
    assert done.returncode == 1, done.stdout[-500:]
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def refused_field(corpus: Path, entry: int, field: str, value: Any, problem: str) -> None:
    """Set (or, with value None, delete) one field of one entry; `rows` must name entry and field."""
    data = manifest_of(corpus)
    if value is None:
        del data["plans"][entry - 1][field]
    else:
        data["plans"][entry - 1][field] = value
    write_manifest(corpus, data)
    refused_rows(corpus, messages.MANIFEST_FIELD.format(file=corpus / MANIFEST, entry=entry, field=field,
                                                        problem=problem))  # fmt: skip


@pytest.mark.parametrize("year", ["две хиляди двадесет и трета", 2023.5, [2023], True, 12])
def test_a_year_that_is_not_a_four_digit_number_is_named(corpus, year):
    refused_field(corpus, 2, "year", year, messages.MANIFEST_BAD_YEAR)


def test_an_entry_without_a_file_is_named(corpus):
    refused_field(corpus, 1, "file", None, messages.MANIFEST_MISSING)


@pytest.mark.parametrize("plans", ["kazanlak-2023.txt", {"file": "kazanlak-2023.txt"}, None])
def test_plans_that_are_not_a_list_are_refused(corpus, plans):
    write_manifest(corpus, {"plans": plans})
    refused_rows(corpus, messages.MANIFEST_NOT_OBJECT.format(file=corpus / MANIFEST))


def test_an_entry_listed_twice_is_refused_not_read_twice(corpus):
    data = manifest_of(corpus)
    data["plans"].append(dict(data["plans"][0]))
    write_manifest(corpus, data)
    refused_rows(corpus, messages.MANIFEST_DUPLICATE.format(file=corpus / MANIFEST, entry=3, first=1,
                                                            what=messages.MANIFEST_SAME_FILE.format(
                                                                file="kazanlak-2023.txt")))  # fmt: skip


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.txt", "sub/../../outside.txt"])
def test_a_file_outside_the_corpus_folder_is_never_read(corpus, name):
    (corpus.parent / "outside.txt").write_text("таен текст", encoding="utf-8")
    refused_field(corpus, 1, "file", name, messages.MANIFEST_OUTSIDE)


def test_a_link_pointing_out_of_the_folder_is_never_read(corpus):
    (corpus.parent / "outside.txt").write_text("таен текст", encoding="utf-8")
    (corpus / "link.txt").symlink_to(corpus.parent / "outside.txt")
    refused_field(corpus, 1, "file", "link.txt", messages.MANIFEST_OUTSIDE)


def test_an_unknown_field_is_named_with_the_known_ones(corpus):
    refused_field(corpus, 1, "yaer", 2023, messages.MANIFEST_UNKNOWN_FIELD.format(known=", ".join(KNOWN_FIELDS)))


@pytest.mark.parametrize("command", [("ask", "детето ми заеква"), ("search", "детето ми заеква"), ("rows",)])
def test_a_missing_corpus_folder_is_named(tmp_path, command):
    missing = tmp_path / "няма-такава-папка"
    done = run("--corpus", str(missing), *command, env={"ASSISTANT_INDEX": str(tmp_path / "index")})
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert messages.CORPUS_MISSING.format(folder=missing) in done.stderr


def test_plans_in_a_subfolder_with_any_suffix_are_read(corpus):
    """The manifest may name "планове/2023.tsv": the file is read and fingerprinted, whatever its name."""
    (corpus / "планове").mkdir()
    shutil.move(corpus / "kazanlak-2023.txt", corpus / "планове" / "2023.tsv")
    data = manifest_of(corpus)
    data["plans"][0]["file"] = "планове/2023.tsv"
    write_manifest(corpus, data)
    assert [e.path.name for e in plan_entries(corpus)] == ["2023.tsv", "kazanlak-2024.txt"]
    before = corpus_fingerprint(corpus)
    (corpus / "notes.txt").write_text("бележки, не план", encoding="utf-8")  # not named: not part of it
    assert corpus_fingerprint(corpus) == before
    with open(corpus / "планове" / "2023.tsv", "a", encoding="utf-8") as stream:
        stream.write("\n")
    assert corpus_fingerprint(corpus) != before
    edited = manifest_of(corpus)
    edited["plans"][0]["decision"] = "друго решение"
    write_manifest(corpus, edited)
    assert corpus_fingerprint(corpus) != before
