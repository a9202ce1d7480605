"""Adding and removing plans: the corpus folder and the index change together, or not at all.

`add` reads and parses the new file first (nothing is written for a file that is not a plan),
then, holding the index lock: copies it into the corpus under a hidden name, writes the new
manifest beside the old one, builds the new index in a hidden folder (embedding only the new rows:
the others' vectors are reused), and commits by renames alone: the build folder, the plan file and
the manifest, then the index's CURRENT pointer. Killed before the commit, the corpus and the index
are as before (the hidden leftovers are removed at the next start); killed among the renames
(microseconds), the index is seen stale at the next start and rebuilt.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant import messages
from assistant.corpus import (
    MANIFEST,
    STAGING_PREFIX,
    PlanEntry,
    fingerprint,
    manifest_bytes,
    plan_entries,
    remove_corpus_leftovers,
    write_beside,
    write_synced,
)
from assistant.documents import read_bytes
from assistant.errors import CorpusError
from assistant.index import Progress, build_locked, expected_manifest, index_lock
from assistant.parse import Hints, Plan, load_corpus, parse_document
from assistant.readers import document_from_bytes, reader_for
from assistant.settings import Settings
from assistant.text import printable, slug

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 200
_EXTENSIONS = {"docx": ".docx", "pdf": ".pdf", "text": ".txt"}


@dataclass(frozen=True)
class PlanSummary:
    """A plan of the corpus, as `plans` lists it."""

    municipality: str
    year: int
    file: str
    rows: int
    added: str  # ISO date, "" for plans listed by hand
    format: str


@dataclass(frozen=True)
class Change:
    """What `add` or `remove` did."""

    plan: PlanSummary
    replaced: bool = False
    warnings: tuple[str, ...] = ()


def check_file_name(name: str) -> str:
    """The name of an uploaded or given file, refused when it hides a path or control characters."""
    if (
        not name.strip() or len(name) > MAX_NAME_CHARS or "/" in name or "\\" in name
        or name in {".", ".."} or printable(name) != name or "\t" in name or "\n" in name  # controls, overrides
    ):  # fmt: skip
        raise CorpusError(messages.ADD_BAD_NAME.format(file=name.encode("unicode_escape").decode()[:80]))
    return name


def read_plan(name: str, data: bytes, municipality: str | None = None, year: int | None = None) -> Plan:
    """Parse a plan from its bytes without touching the corpus (the staff tab's preview)."""
    check_file_name(name)
    return parse_document(document_from_bytes(name, data), Hints(municipality=municipality, year=year))


def list_plans(settings: Settings) -> list[PlanSummary]:
    """The corpus's plans with their row counts, by municipality and year."""
    entries = {_name(settings.corpus, entry): entry for entry in plan_entries(settings.corpus)}
    return sorted(
        (_summary(plan, entries.get(plan.source_file)) for plan in load_corpus(settings.corpus)),
        key=lambda p: (p.municipality, p.year),
    )


def _summary(plan: Plan, entry: PlanEntry | None) -> PlanSummary:
    record = entry.record if entry and entry.record else {}
    return PlanSummary(
        municipality=plan.municipality, year=plan.year, file=plan.source_file, rows=len(plan.rows),
        added=str(record.get("added", "")), format=str(record.get("format", plan.layout)),
    )  # fmt: skip


def add_plan(
    settings: Settings, name: str, data: bytes, *, municipality: str | None = None, year: int | None = None,
    replace: bool = False, progress: Progress = lambda _: None,
) -> Change:  # fmt: skip
    """Add a plan file (its original name and bytes) to the corpus and the index."""
    plan = read_plan(name, data, municipality, year)
    folder = settings.corpus
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(messages.CORPUS_MISSING.format(folder=folder)) from exc
    with index_lock(settings.index):
        remove_corpus_leftovers(folder)
        plans = load_corpus(folder) if plan_entries(folder) else []
        same = [p for p in plans if (slug(p.municipality), p.year) == (slug(plan.municipality), plan.year)]
        if same and not replace:
            raise CorpusError(
                messages.ADD_ALREADY_THERE.format(municipality=plan.municipality, year=plan.year, file=same[0].source_file)
            )
        file_format = reader_for(data).format
        # a free name even when replacing: the old file stays until the manifest no longer lists it
        stored = _free_name(folder, plan, file_format)
        plan = _stored_as(plan, stored)
        record: dict[str, Any] = {
            "file": stored, "municipality": plan.municipality, "year": plan.year,
            "format": file_format, "source": name,
            "added": datetime.now(UTC).date().isoformat(),
        }  # fmt: skip
        kept = [e for e in _entries(folder) if _name(folder, e) not in {p.source_file for p in same}]
        records = [_record(folder, e) for e in kept] + [record]
        staged = folder / f"{STAGING_PREFIX}{uuid.uuid4().hex[:8]}"
        try:
            write_synced(staged, data)
            new_plans = [p for p in plans if all(p is not s for s in same)] + [plan]
            _switch(settings, records, {stored: data}, new_plans, staged_as={stored: staged}, progress=progress)
        finally:
            staged.unlink(missing_ok=True)
        for old in same:
            if old.source_file != stored:
                (folder / old.source_file).unlink(missing_ok=True)
    summary = PlanSummary(plan.municipality, plan.year, stored, len(plan.rows), record["added"], record["format"])
    log.info("added %s %s from %s as %s (%d rows)", plan.municipality, plan.year, name, stored, len(plan.rows))
    return Change(plan=summary, replaced=bool(same), warnings=plan.warnings)


def remove_plan(settings: Settings, municipality: str, year: int, progress: Progress = lambda _: None) -> Change:
    """Remove a plan (by municipality and year) from the corpus and the index."""
    folder = settings.corpus
    with index_lock(settings.index):
        remove_corpus_leftovers(folder)
        plans = load_corpus(folder)
        gone = plans_of(plans, municipality, year)
        if len(gone) == len(plans):
            raise CorpusError(messages.REMOVE_LAST.format(municipality=gone[0].municipality, year=year))
        files = {p.source_file for p in gone}
        records = [_record(folder, e) for e in _entries(folder) if _name(folder, e) not in files]
        kept_plans = [p for p in plans if all(p is not g for g in gone)]
        _switch(settings, records, {}, kept_plans, staged_as={}, progress=progress)
        for name in files:
            (folder / name).unlink(missing_ok=True)
    summary = _summary(gone[0], None)
    log.info("removed %s %s (%s)", gone[0].municipality, year, ", ".join(sorted(files)))
    return Change(plan=summary)


def _switch(
    settings: Settings, records: list[dict[str, Any]], new_files: dict[str, bytes], plans: list[Plan],
    staged_as: dict[str, Path], progress: Progress,
) -> None:  # fmt: skip
    """Build the index of the corpus-to-be, then commit: staged files and manifest, then CURRENT."""
    folder = settings.corpus
    manifest = manifest_bytes(records)
    files = [(r["file"], new_files[r["file"]] if r["file"] in new_files else (folder / r["file"]).read_bytes()) for r in records]
    expected = {**expected_manifest(settings), "corpus_hash": fingerprint(manifest, files)}

    # the new manifest is written and synced before the build: the commit is then renames only
    # (microseconds), never a write a kill could land in the middle of
    pending = write_beside(folder / MANIFEST, manifest)

    def commit() -> None:
        for name, staged in staged_as.items():
            os.replace(staged, folder / name)
        os.replace(pending, folder / MANIFEST)

    try:
        build_locked(settings, plans, expected, progress, commit=commit)
    finally:
        pending.unlink(missing_ok=True)  # a failed build leaves the manifest as it was


def plans_of(plans: list[Plan], municipality: str, year: int) -> list[Plan]:
    """The plans of a municipality (named in any case or in Latin letters) and year; CorpusError
    (Bulgarian, pointing at `plans`) when the corpus has none."""
    found = [p for p in plans if slug(p.municipality) == slug(municipality) and p.year == year]
    if not found:
        raise CorpusError(messages.NO_SUCH_PLAN.format(municipality=municipality, year=year))
    return found


def _stored_as(plan: Plan, name: str) -> Plan:
    """The plan with its rows citing the file name it is stored under in the corpus."""
    rows = tuple(replace(row, source=replace(row.source, file=name)) for row in plan.rows)
    return replace(plan, source_file=name, rows=rows)


def _entries(folder: Path) -> list[PlanEntry]:
    return plan_entries(folder) if folder.is_dir() else []


def _name(folder: Path, entry: PlanEntry) -> str:
    """An entry's file as plans and the manifest name it: its path inside the corpus folder."""
    return entry.path.relative_to(folder).as_posix()


def _record(folder: Path, entry: PlanEntry) -> dict[str, Any]:
    """An entry as the manifest keeps it; a plan listed without a manifest gets a minimal one."""
    if entry.record is not None:
        return entry.record
    return {"file": _name(folder, entry)}


def _free_name(folder: Path, plan: Plan, file_format: str) -> str:
    """"<municipality>-<year>.<ext>", numbered when that name is taken."""
    base = f"{slug(plan.municipality) or 'plan'}-{plan.year}"
    extension = _EXTENSIONS[file_format]
    name, number = base + extension, 1
    while (folder / name).exists():
        number += 1
        name = f"{base}-{number}{extension}"
    return name


def read_plan_file(path: Path) -> tuple[str, bytes]:
    """A plan file's name and bytes for `add` (size and type checked like every plan file)."""
    return check_file_name(path.name), read_bytes(path)
