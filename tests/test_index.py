"""The index on disk: built when missing, rebuilt when stale, refused when broken (issue 4)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from assistant.errors import BrokenIndexError
from assistant.index import current_folder, load_index, open_index
from assistant.parse import load_corpus
from assistant.settings import Settings

# The bundled corpus's row count, read from it: no test here depends on the bundled plans' size
TOTAL = sum(len(plan.rows) for plan in load_corpus(Path(__file__).resolve().parent.parent / "corpus"))

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    return Settings(corpus=corpus, index=tmp_path / "index")


def test_missing_index_is_built_with_progress(settings):
    """First use builds the index, reporting progress in Bulgarian."""
    seen: list[str] = []
    index = open_index(settings, progress=seen.append)
    assert len(index.rows) == TOTAL and index.dense.ntotal >= TOTAL
    assert any("липсва" in m for m in seen) and any("Индексът е готов" in m for m in seen)
    manifest = json.loads((current_folder(settings.index) / "manifest.json").read_text(encoding="utf-8"))
    for key in ("format_version", "model", "model_fingerprint", "dimension", "corpus_hash", "row_count", "built_at"):
        assert key in manifest
    assert manifest["dimension"] == 512 and manifest["row_count"] == TOTAL


def test_index_files_are_plain_and_rows_line_up_with_vectors(settings):
    """rows.jsonl is readable UTF-8 and FAISS ids point at its lines."""
    index = open_index(settings)
    folder = current_folder(settings.index)
    lines = (folder / "rows.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == TOTAL and "Казанлък" in lines[0]
    assert int(index.vector_owner.max()) == TOTAL - 1


def test_up_to_date_index_is_reused(settings):
    """A second open loads the same build instead of rebuilding."""
    first = open_index(settings).folder
    assert open_index(settings, progress=lambda m: pytest.fail(m)).folder == first


def test_corpus_change_triggers_a_rebuild(settings):
    """Editing a plan changes the corpus hash: the index is rebuilt with the new text."""
    first = open_index(settings).folder
    path = settings.corpus / "kazanlak-2023.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Кампании против ранните бракове", "Кампании срещу ранните бракове"), encoding="utf-8")
    seen: list[str] = []
    index = open_index(settings, progress=seen.append)
    assert index.folder != first and any("корпусът" in m for m in seen)
    assert any("Кампании срещу ранните бракове" in r.activity for r in index.rows)
    assert not first.exists()  # the old build is cleaned up


def test_model_change_triggers_a_rebuild(settings, tmp_path):
    """An index built with another model is not used for this one."""
    open_index(settings)
    folder = current_folder(settings.index)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["model_fingerprint"] = "some-other-model:0000"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    seen: list[str] = []
    open_index(settings, progress=seen.append)
    assert any("моделът" in m for m in seen)
    assert current_folder(settings.index) != folder


def test_corrupt_index_is_refused_with_a_clear_message_then_rebuilt(settings):
    """A truncated FAISS file is refused in Bulgarian (no traceback) and the index is rebuilt."""
    open_index(settings)
    folder = current_folder(settings.index)
    (folder / "dense.faiss").write_bytes((folder / "dense.faiss").read_bytes()[:100])
    with pytest.raises(BrokenIndexError) as caught:
        load_index(settings.index)
    assert "повреден" in str(caught.value)
    index = open_index(settings)
    assert len(index.rows) == TOTAL


def test_half_written_index_is_refused(settings):
    """rows.jsonl cut in half disagrees with the manifest: refused, then rebuilt."""
    open_index(settings)
    folder = current_folder(settings.index)
    rows = (folder / "rows.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "rows.jsonl").write_text("\n".join(rows[:60]) + "\n", encoding="utf-8")
    with pytest.raises(BrokenIndexError) as caught:
        load_index(settings.index)
    assert "повреден или непълен" in str(caught.value)
    assert len(open_index(settings).rows) == TOTAL


def test_crash_mid_build_leaves_the_previous_index_usable(settings):
    """A leftover temporary build folder is ignored; CURRENT still names the good build."""
    good = open_index(settings).folder
    leftover = settings.index / ".build-deadbeef"
    leftover.mkdir()
    (leftover / "rows.jsonl").write_text("{", encoding="utf-8")
    assert load_index(settings.index).folder == good


def test_missing_index_without_rebuild_is_refused(settings):
    """With rebuilding off, a missing index is a clear error."""
    with pytest.raises(BrokenIndexError) as caught:
        open_index(settings, rebuild=False)
    assert "липсва" in str(caught.value)


# --- issue 9: every fault of an index file is a rebuild, never a traceback or an edited quote ----


def _cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _edit_a_row(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Организиране", "Отменяне", 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "damage"),
    [("lexical/weights.npz", _cut), ("dense.faiss", _flip), ("rows.jsonl", _edit_a_row),
     ("vector_owner.npy", _flip), ("lexical/vocabulary.json", _cut)],
)  # fmt: skip
def test_a_damaged_or_edited_index_file_is_rebuilt_with_a_bulgarian_warning(settings, name, damage):
    """The manifest's sha256 and size of every file are checked at load: any difference is a broken
    index, rebuilt from the corpus; nothing from the edited file is ever served."""
    open_index(settings)
    folder = current_folder(settings.index)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert name in manifest["files"] and len(manifest["files"][name]["sha256"]) == 64
    damage(folder / name)
    with pytest.raises(BrokenIndexError) as caught:
        load_index(settings.index)
    assert "повреден" in str(caught.value)
    seen: list[str] = []
    index = open_index(settings, progress=seen.append)
    assert any("повреден" in m and "наново" in m for m in seen), seen
    assert len(index.rows) == TOTAL and not any(r.activity.startswith("Отменяне") for r in index.rows)


def test_leftovers_of_a_killed_build_are_removed_at_the_next_open(settings):
    """A killed build leaves .build-*, an old build-* and a half-written pointer: the next open cleans them."""
    good = open_index(settings).folder
    leftovers = [settings.index / ".build-deadbeef", settings.index / "build-20000101T000000-dead00"]
    for folder in leftovers:
        folder.mkdir()
        (folder / "rows.jsonl").write_text("{", encoding="utf-8")
    (settings.index / ".CURRENT.tmp").write_text("build-20000101T000000-dead00", encoding="utf-8")
    assert open_index(settings).folder == good
    assert not any(p.exists() for p in leftovers) and not (settings.index / ".CURRENT.tmp").exists()
    assert good.is_dir()


def test_an_index_folder_that_cannot_be_written_is_named_in_bulgarian(settings, tmp_path):
    """The index path is taken by a file (or is read-only): a clear message naming it, no traceback."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    unusable = Settings(corpus=settings.corpus, index=blocked / "index")
    with pytest.raises(BrokenIndexError) as caught:
        open_index(unusable)
    assert f"„{blocked / 'index'}“" in str(caught.value) and "не може да се записва" in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_with_a_stale_index_is_named(settings):
    open_index(settings)
    (settings.corpus / "kazanlak-2023.txt").write_text(
        (settings.corpus / "kazanlak-2023.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    for path in [settings.index, *settings.index.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        with pytest.raises(BrokenIndexError) as caught:
            open_index(settings)
        assert "не може да се записва" in str(caught.value)
    finally:
        for path in [settings.index, *settings.index.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize(
    "damage",
    [lambda folder, root: _set_manifest_files(folder, "x"), lambda folder, root: _set_manifest_files(folder, None, whole=[]),
     lambda folder, root: (root / "CURRENT").write_bytes(bytes(range(256))),
     lambda folder, root: ((root / "CURRENT").unlink(), (root / "CURRENT").mkdir())],
)  # fmt: skip
def test_a_manifest_or_pointer_built_to_crash_the_loader_is_a_rebuild(settings, damage):
    """A second hostile probe: a malformed index manifest or CURRENT pointer is a broken index too."""
    open_index(settings)
    damage(current_folder(settings.index), settings.index)
    index = open_index(settings)
    assert len(index.rows) == TOTAL and (settings.index / "CURRENT").is_file()
    assert not (settings.index / ".CURRENT.tmp").exists()


def _set_manifest_files(folder: Path, value: object, whole: object = None) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if whole is not None:
        manifest = whole
    else:
        manifest["files"] = {"rows.jsonl": value}
    path.write_text(json.dumps(manifest), encoding="utf-8")
