"""The pipeline: read → split → extract → resolve → load, into a scratch file renamed on success.

Builds are incremental: when the database was made by the same code from the
same registries, sources whose text and sidecar are unchanged (by sha256) are
kept as they are and only new or changed sources are parsed again.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from .common.errors import BuildError
from .load import database as load
from .pipeline.files import Copy, scratch_path
from .pipeline.stage_cache import (
    StageCache,
    combined_digest,
    extraction_fingerprint,
    hash_all_code,
    resolving_fingerprint,
    theming_fingerprint,
)
from .pipeline.writing import BuildReport, Scratch, Writing, archive_version
from .read.ids import check_document_ids, document_ids
from .read.sources import read_sources, source_paths
from .resolve.registries import Registries, load_registries


def fingerprint(raw: Path) -> str:
    """A hash of the build's code and of the registries in raw/: when it changes, everything is rebuilt."""
    digest = hashlib.sha256()
    hash_all_code(digest)
    for path in sorted(raw.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build(raw: Path, db_path: Path, incremental: bool = True, workers: int | None = None) -> BuildReport:
    """Build db_path from raw/; on any error the previous database is left untouched.

    Only new and changed sources are read, parsed and extracted, by `workers` processes (default: one
    per CPU) when there are many; this process writes the database. When only what extraction does not read
    changed (organizations.yml, themes.yml, the resolving code), the sources whose names the registry may now
    answer otherwise are resolved again from the stage cache and only those whose rows changed are written
    again (`incremental=False` ignores the cache and the database). Errors are reported as a serial build
    would: the first source that cannot be read, then a document id used twice, then the first source that
    cannot be split or extracted.
    """
    started = time.perf_counter()
    paths, print_, scratch = source_paths(raw), fingerprint(raw), scratch_path(db_path)
    extraction = extraction_fingerprint(raw)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    copying = None
    theming = theming_fingerprint(raw, extraction)
    cache = StageCache(db_path, extraction, theming, resolving_fingerprint(theming), reuse=incremental)
    try:
        if scratch.exists():
            scratch.unlink()
        mode, stored = _mode(db_path, print_, extraction, cache) if incremental else ("full", {})
        copying = Copy(db_path, scratch) if mode != "full" else None
        hashes = cache.hashes(paths)  # while the kernel copies
        report = BuildReport(db=str(db_path), mode=mode)
        if mode == "incremental" and stored == hashes:  # the same code, registries and sources made the database
            report.kept = [path.stem for path in paths]
            _discard(copying, scratch)
        else:
            registries = _registries_or_first_source_error(raw)
            _write(Scratch(scratch, copying), db_path, report, paths, hashes, registries, cache, workers,
                   (print_, extraction))
            os.replace(scratch, db_path)
    except BaseException:
        _discard(copying, scratch)
        raise
    finally:
        cache.close()  # what was extracted stays valid whether the build succeeds or not
    report.seconds = time.perf_counter() - started
    return report


def _discard(copying: Copy | None, scratch: Path) -> None:
    """The scratch file gone, once the copy into it (if any) is stopped."""
    if copying:
        copying.stop()
    if scratch.exists():
        scratch.unlink()


def _mode(db_path: Path, print_: str, extraction: str, cache: StageCache) -> tuple[str, dict[str, tuple[str, str]]]:
    """incremental: the same code and registries made the database; resolve: only what extraction does not read
    changed, and the stage cache knows the rows the database holds of every source; else (or when its tables are
    not the schema's) full. With it, in an incremental build of the same version, the hashes of the sources the
    database holds: if the sources have them still, the database is what this build would make (else {})."""
    if not db_path.exists():
        return "full", {}
    try:
        db = load.open_for_build(str(db_path))
        info, stored, same_schema = load.read_build_info(db), load.stored_sources(db), load.has_schema(db)
        db.close()
    except Exception:  # not a database this build can read: built again in full
        return "full", {}
    if not same_schema:  # made with tables or columns other than these: nothing of it is built on
        return "full", {}
    if info.get("fingerprint") == print_:
        return "incremental", stored if info.get("version") == archive_version() else {}
    known = combined_digest(cache.written(), set(stored))
    resolving = info.get("extraction") == extraction and known and info.get("rows") == known
    return ("resolve", {}) if resolving else ("full", {})


def _write(scratch: Scratch, db_path: Path, report: BuildReport, paths: list[Path], hashes: dict,
           registries: Registries, cache: StageCache, workers: int | None, prints: tuple[str, str]) -> None:
    """The scratch database: the registries (in a full build), the new and changed sources, the indexes. What the
    previous database holds is read from it, while the kernel copies it."""
    held = load.held_sources(db_path) if report.mode != "full" else ({}, {})
    writing = Writing(scratch, report, *held, cache)
    if report.mode == "full":
        writing.start_full(registries)
    elif report.mode == "resolve":
        writing.start_resolve(registries)
    writing.write_sources(paths, hashes, registries, workers)
    writing.finish(*prints, workers)
    scratch.close()


def _registries_or_first_source_error(raw: Path) -> Registries:
    try:
        return load_registries(raw)
    except BuildError:
        sources = read_sources(raw)  # an error in a source is told before one in a registry
        check_document_ids([Path(source.path) for source in sources], {s.id: document_ids(s) for s in sources}, {})
        raise
