"""Adding and removing plans from the command line: `add`, `remove`, `plans` (issue 10).

Each test works on its own copy of the bundled corpus with its own index, through
`python -m assistant …` as staff run it; the plans added are Word and PDF files the tests make.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from plan_documents import SOFFICE, to_pdf, write_docx

REPO = Path(__file__).resolve().parent.parent
LEFTOVERS = (".adding-", ".build-", ".CURRENT.tmp", ".manifest.json.")


@pytest.fixture
def library(tmp_path: Path) -> dict[str, str]:
    """A corpus copy and its built index; the environment that points the CLI at them."""
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    env = {"ASSISTANT_CORPUS": str(tmp_path / "corpus"), "ASSISTANT_INDEX": str(tmp_path / "index")}
    done = run("build", env=env)
    assert done.returncode == 0, done.stderr
    return env


@pytest.fixture(scope="module")
def tryavna_docx(plans, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tryavna")
    return write_docx(folder / "План 2026 Трявна.docx", plans[2024].rows, "Трявна", 2026, "per-goal")


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=300,
        env={**os.environ, **env},
    )  # fmt: skip


def snapshot(env: dict[str, str], leftovers: bool = True) -> dict[str, bytes]:
    """Every file of corpus/ and index/ with its bytes (hidden leftovers of a kill left out when asked)."""
    files = {}
    for key in ("ASSISTANT_CORPUS", "ASSISTANT_INDEX"):
        root = Path(env[key])
        for path in sorted(root.rglob("*")):
            if path.is_file() and (leftovers or not any(part.startswith(LEFTOVERS) for part in path.parts)):
                files[f"{key}/{path.relative_to(root)}"] = path.read_bytes()
    return files


def plans_listed(env: dict[str, str]) -> list[dict[str, object]]:
    done = run("plans", "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_word_plan_is_added_listed_and_answered(library, tryavna_docx, plans):
    """The new municipality is listed with its rows and date, and answered with its name and year."""
    done = run("add", str(tryavna_docx), env=library)
    assert done.returncode == 0, done.stderr
    rows = len(plans[2024].rows)  # the plan the document was made from
    assert f"Трявна за 2026 г. — {rows} дейности" in done.stdout
    listed = {(p["municipality"], p["year"]): p for p in plans_listed(library)}
    assert set(listed) == {("Казанлък", 2023), ("Казанлък", 2024), ("Трявна", 2026)}
    assert listed[("Трявна", 2026)]["rows"] == rows and listed[("Трявна", 2026)]["added"]
    stored = Path(library["ASSISTANT_CORPUS"]) / str(listed[("Трявна", 2026)]["file"])
    assert stored.read_bytes() == tryavna_docx.read_bytes()  # the original is kept
    found = run("search", "логопед", "--year", "2026", "--format", "json", env=library)
    hits = json.loads(found.stdout)["hits"]
    assert hits and {h["row"]["municipality"] for h in hits} == {"Трявна"}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (test.sh installs it)")
def test_a_pdf_plan_is_added_and_only_its_rows_are_embedded(library, plans, tmp_path):
    """Incremental: the bundled rows keep their vectors; only the new plan's texts are embedded."""
    from dataclasses import replace

    rows = [replace(row, activity=f"{row.activity} (в Трявна)") for row in plans[2023].rows]
    pdf = to_pdf(write_docx(tmp_path / "tryavna.docx", rows, "Трявна", 2026, "merged-rows"), tmp_path)
    done = run("-v", "add", str(pdf), env=library)
    assert done.returncode == 0, done.stderr
    counts = re.search(r"(\d+) texts, (\d+) embedded, (\d+) reused", done.stderr)
    assert counts, done.stderr
    texts, embedded, reused = map(int, counts.groups())
    bundled = sum(len(p.rows) for p in plans.values())
    assert len(rows) <= embedded <= len(rows) + 8 and reused == texts - embedded and reused >= bundled
    assert ("Трявна", 2026) in {(p["municipality"], p["year"]) for p in plans_listed(library)}


def test_a_plan_already_present_is_refused_unless_replacing(library, tryavna_docx):
    assert run("add", str(tryavna_docx), env=library).returncode == 0
    before = snapshot(library)
    again = run("add", str(tryavna_docx), env=library)
    assert again.returncode == 1 and "вече е в корпуса" in again.stderr and "--replace" in again.stderr
    assert snapshot(library) == before
    stored_before = next(p["file"] for p in plans_listed(library) if p["municipality"] == "Трявна")
    replaced = run("add", str(tryavna_docx), "--replace", env=library)
    assert replaced.returncode == 0 and "Заменен" in replaced.stdout
    assert len(plans_listed(library)) == 3
    # stored under a new name (the old file is not overwritten before the manifest is committed), the old one gone
    stored_after = next(p["file"] for p in plans_listed(library) if p["municipality"] == "Трявна")
    corpus = Path(library["ASSISTANT_CORPUS"])
    assert stored_after != stored_before and not (corpus / stored_before).exists() and (corpus / stored_after).exists()


def test_municipality_and_year_given_when_the_title_lacks_them(library, plans, tmp_path):
    path = write_docx(tmp_path / "plan.docx", plans[2023].rows, "", 0, heading="План на дейностите")
    asked = run("add", str(path), env=library)
    assert asked.returncode == 1 and "--municipality" in asked.stderr and "plan.docx" in asked.stderr
    given = run("add", str(path), "--municipality", "Елена", "--year", "2025", env=library)
    assert given.returncode == 0, given.stderr
    assert ("Елена", 2025) in {(p["municipality"], p["year"]) for p in plans_listed(library)}


def test_a_plan_is_removed_and_the_last_one_kept(library, tryavna_docx):
    run("add", str(tryavna_docx), env=library)
    removed = run("remove", "--municipality", "Трявна", "--year", "2026", env=library)
    assert removed.returncode == 0 and "Премахнат" in removed.stdout
    assert ("Трявна", 2026) not in {(p["municipality"], p["year"]) for p in plans_listed(library)}
    missing = run("remove", "--municipality", "Трявна", "--year", "2026", env=library)
    assert missing.returncode == 1 and "няма план" in missing.stderr
    run("remove", "--municipality", "Казанлък", "--year", "2023", env=library)
    last = run("remove", "--municipality", "Казанлък", "--year", "2024", env=library)
    assert last.returncode == 1 and "единственият" in last.stderr


def test_plans_in_subfolders_with_the_same_file_name_are_two_plans(tmp_path):
    """A manifest may list "2023/plan.txt" and "2024/plan.txt": each is named by its path."""
    corpus = tmp_path / "corpus"
    manifest = json.loads((REPO / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    for record in manifest["plans"]:
        (corpus / str(record["year"])).mkdir(parents=True)
        shutil.copy(REPO / "corpus" / record["file"], corpus / str(record["year"]) / "plan.txt")
        record["file"] = f"{record['year']}/plan.txt"
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    env = {"ASSISTANT_CORPUS": str(corpus), "ASSISTANT_INDEX": str(tmp_path / "index")}
    assert {p["file"] for p in plans_listed(env)} == {"2023/plan.txt", "2024/plan.txt"}
    removed = run("remove", "--municipality", "Казанлък", "--year", "2023", env=env)
    assert removed.returncode == 0, removed.stderr
    assert not (corpus / "2023" / "plan.txt").exists() and (corpus / "2024" / "plan.txt").exists()
    assert [p["file"] for p in plans_listed(env)] == ["2024/plan.txt"]


def bad_documents(folder: Path) -> dict[str, Path]:
    """Files staff could pick by mistake, each named as a plan."""
    from PIL import Image

    made = {}
    (folder / "празен.docx").write_bytes(b"")
    made["empty"] = folder / "празен.docx"
    (folder / "шум.pdf").write_bytes(os.urandom(4096))
    made["random bytes"] = folder / "шум.pdf"
    Image.new("RGB", (30, 30), "red").save(folder / "снимка.docx", format="PNG")
    made["an image"] = folder / "снимка.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "бележки")
    (folder / "архив.docx").write_bytes(buffer.getvalue())
    made["an archive"] = folder / "архив.docx"
    Image.new("RGB", (300, 400), "white").save(folder / "сканиран.pdf", format="PDF")
    made["a scan"] = folder / "сканиран.pdf"
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(100):
            member.write(b" " * 1_000_000)
    (folder / "бомба.docx").write_bytes(buffer.getvalue())
    made["a zip bomb"] = folder / "бомба.docx"
    (folder / "огромен.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
    made["over the size limit"] = folder / "огромен.pdf"
    import docx

    document = docx.Document()
    document.add_paragraph("Покана за среща в община Трявна за 2026 г.")
    document.save(folder / "покана.docx")
    made["no plan table"] = folder / "покана.docx"
    (folder / "plan\x1b[31m.docx").write_bytes(b"x")
    made["control characters in the name"] = folder / "plan\x1b[31m.docx"
    document = docx.Document()
    document.add_paragraph("План на дейностите в община Трявна за 2026 г.")
    table = document.add_table(rows=2, cols=3)
    for row in table.rows:
        for cell, text in zip(row.cells, ("Мярка 1: Мярка", "Дейност", "Декември 2026 г."), strict=True):
            cell.text = text
    document.save(folder / "без-заглавия.docx")
    made["a table whose columns cannot be read"] = folder / "без-заглавия.docx"
    if SOFFICE:
        source = folder / "заключен.docx"
        document.save(source)
        options = (
            'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"tajna"}}'
        )
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder}/.lo", "--headless", "--convert-to", options,
                        "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)  # fmt: skip
        made["a password-protected PDF"] = folder / "заключен.pdf"
    return made


def test_bad_documents_get_a_message_and_change_nothing(library, tmp_path):
    before = snapshot(library)
    for what, path in bad_documents(tmp_path).items():
        done = run("add", str(path), env=library)
        assert done.returncode == 1, what
        assert "Traceback" not in done.stderr, what
        shown = path.name if what != "control characters in the name" else "plan"
        assert shown in done.stderr, (what, done.stderr)
        assert snapshot(library) == before, what


def test_killing_add_at_any_moment_leaves_corpus_and_index_as_before(library, tryavna_docx):
    """SIGKILL at several moments of `add`: before its commit the corpus and index are byte for byte
    as before (hidden leftovers aside, removed at the next start); after it, the plan is fully in."""
    before = snapshot(library)
    for delay in (0.2, 0.8, 1.5, 2.5, 4.0):
        process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "add", str(tryavna_docx)],
            cwd=REPO, env={**os.environ, **library}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = snapshot(library, leftovers=False)
        if after != {k: v for k, v in before.items() if not any(p in k for p in LEFTOVERS)}:
            listed = plans_listed(library)  # the add had committed: the plan is wholly there
            assert ("Трявна", 2026) in {(p["municipality"], p["year"]) for p in listed}
            break
    check = run("search", "логопед", "--format", "json", env=library)  # the next start cleans up
    assert check.returncode == 0, check.stderr
    assert not [name for name in snapshot(library) if any(p in name for p in LEFTOVERS)]


@pytest.mark.parametrize("name", ["../../etc/plan.docx", "папка/план.docx", "a\\b.docx", "план\x00.docx", "\u202eplan.docx", ""])
def test_a_file_name_hiding_a_path_or_control_characters_is_refused(name):
    """Names from an upload are refused before anything is read or written."""
    from assistant.errors import CorpusError
    from assistant.library import check_file_name

    with pytest.raises(CorpusError) as caught:
        check_file_name(name)
    assert "Преименувайте" in str(caught.value)
