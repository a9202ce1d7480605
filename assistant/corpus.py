"""Stage 1: the corpus folder: which plan files it holds, from a manifest checked against a schema.

`manifest.json` lists the plans; each entry names a file inside the folder and, when the file's
title does not say them, its municipality and year. Every mistake an editor can make by hand (a
year in words, a missing `file`, an entry twice, a path leading out of the folder) is a Bulgarian
message naming the entry and the field. Without a manifest, every .txt file of the folder is a plan.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant import messages
from assistant.errors import CorpusError

MANIFEST = "manifest.json"
TEXT_FIELDS = ("municipality", "format", "decision", "source", "added")  # optional, text when present
KNOWN_FIELDS = ("file", "year", *TEXT_FIELDS)
YEARS = range(1990, 2101)
MAX_MANIFEST_BYTES = 1024 * 1024  # a list of plans; anything larger is not a manifest
STAGING_PREFIX = ".adding-"  # a plan file being added (library.add_plan); a leftover when killed


@dataclass(frozen=True)
class PlanEntry:
    """One plan of the corpus: its file (inside the folder) and what the manifest says of it."""

    path: Path
    municipality: str | None = None
    year: int | None = None
    record: dict[str, Any] | None = None  # the manifest entry as written (None without a manifest)


def plan_entries(folder: Path) -> list[PlanEntry]:
    """The corpus's plans, validated; CorpusError (Bulgarian) on the first problem."""
    if not folder.is_dir():
        raise CorpusError(messages.CORPUS_MISSING.format(folder=folder))
    manifest = folder / MANIFEST
    if not manifest.exists():
        return [PlanEntry(path) for path in sorted(folder.glob("*.txt")) if path.is_file() and inside(folder, path.name)]
    try:
        if manifest.stat().st_size > MAX_MANIFEST_BYTES or not manifest.is_file():
            raise ValueError(f"not a manifest of at most {MAX_MANIFEST_BYTES} bytes")
        data = json.loads(manifest.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:
        raise CorpusError(messages.MANIFEST_BROKEN.format(file=manifest, detail=exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("plans"), list):
        raise CorpusError(messages.MANIFEST_NOT_OBJECT.format(file=manifest))
    entries: list[PlanEntry] = []
    for number, record in enumerate(data["plans"], start=1):
        entry = _entry(folder, manifest, number, record)
        for first, seen in enumerate(entries, start=1):
            if seen.path == entry.path:
                what = messages.MANIFEST_SAME_FILE.format(file=record["file"])
                raise CorpusError(messages.MANIFEST_DUPLICATE.format(file=manifest, entry=number, first=first, what=what))
            if entry.municipality and entry.year and (seen.municipality, seen.year) == (entry.municipality, entry.year):
                what = messages.MANIFEST_SAME_PLAN.format(municipality=entry.municipality, year=entry.year)
                raise CorpusError(messages.MANIFEST_DUPLICATE.format(file=manifest, entry=number, first=first, what=what))
        entries.append(entry)
    return entries


def _entry(folder: Path, manifest: Path, number: int, record: Any) -> PlanEntry:
    def problem(field: str, what: str) -> CorpusError:
        return CorpusError(messages.MANIFEST_FIELD.format(file=manifest, entry=number, field=field, problem=what))

    if not isinstance(record, dict):
        raise CorpusError(messages.MANIFEST_ENTRY_NOT_OBJECT.format(file=manifest, entry=number))
    unknown = sorted(set(record) - set(KNOWN_FIELDS))
    if unknown:
        raise problem(unknown[0], messages.MANIFEST_UNKNOWN_FIELD.format(known=", ".join(KNOWN_FIELDS)))
    name = record.get("file")
    if name is None:
        raise problem("file", messages.MANIFEST_MISSING)
    if not isinstance(name, str) or not name.strip():
        raise problem("file", messages.MANIFEST_NOT_TEXT)
    path = inside(folder, name)
    if path is None:
        raise problem("file", messages.MANIFEST_OUTSIDE)
    try:
        irregular = path.exists() and not path.is_file()  # a folder, a FIFO (reading would block forever)
    except OSError:  # a name too long for the system
        raise CorpusError(messages.FILE_NOT_FOUND.format(file=path)) from None
    if irregular:
        raise CorpusError(messages.FILE_NOT_REGULAR.format(file=path))
    for field in TEXT_FIELDS:
        if field in record and (not isinstance(record[field], str) or not record[field].strip()):
            raise problem(field, messages.MANIFEST_NOT_TEXT)
    year = record.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or year not in YEARS):
        raise problem("year", messages.MANIFEST_BAD_YEAR)
    return PlanEntry(path, record.get("municipality"), year, dict(record))


def inside(folder: Path, name: str) -> Path | None:
    """`folder`/`name` when it stays inside the folder (no absolute path, no "..", no link out)."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts or "\x00" in name:
        return None
    path = folder / relative
    try:
        if not path.resolve().is_relative_to(folder.resolve()):
            return None
    except (OSError, ValueError):  # a name too long for the system, and the like
        return None
    return path


def corpus_fingerprint(folder: Path) -> str:
    """sha256 over the manifest and exactly the plan files it names (names and bytes)."""
    manifest = folder / MANIFEST
    files: list[tuple[str, bytes]] = []
    for entry in plan_entries(folder):
        try:
            files.append((entry.path.relative_to(folder).as_posix(), entry.path.read_bytes()))
        except OSError as exc:
            raise CorpusError(messages.FILE_NOT_FOUND.format(file=entry.path)) from exc
    return fingerprint(manifest.read_bytes() if manifest.is_file() else b"", files)


def fingerprint(manifest: bytes, files: list[tuple[str, bytes]]) -> str:
    """The corpus fingerprint of a manifest's bytes and its plan files (name, bytes), in order:
    `add` computes the fingerprint of the corpus it is about to write."""
    digest = hashlib.sha256()
    digest.update(manifest)
    for name, data in files:
        digest.update(name.encode())
        digest.update(data)
    return digest.hexdigest()


def manifest_bytes(records: list[dict[str, Any]]) -> bytes:
    """A manifest listing `records`, as `write_manifest` writes it."""
    return (json.dumps({"format_version": 1, "plans": records}, ensure_ascii=False, indent=2) + "\n").encode()


def write_synced(path: Path, data: bytes) -> None:
    """Write `data` and sync it to disk: a rename of the file is then a commit of these bytes."""
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def write_beside(path: Path, data: bytes) -> Path:
    """Write `data`, synced to disk, to a hidden file beside `path` (a leftover that
    remove_corpus_leftovers knows); renaming it onto `path` is then the whole commit."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write_synced(temporary, data)
    return temporary


def remove_corpus_leftovers(folder: Path) -> None:
    """Remove what an interrupted `add` left: a staged plan file, a manifest written beside the
    corpus's but never renamed onto it (the caller holds the index lock, so no add is running)."""
    if not folder.is_dir():
        return
    for leftover in [*folder.glob(f"{STAGING_PREFIX}*"), *folder.glob(f".{MANIFEST}.*.tmp")]:
        if leftover.is_file():
            leftover.unlink(missing_ok=True)
