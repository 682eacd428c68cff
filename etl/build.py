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

from . import load
from .errors import BuildError
from .files import Copy, file_hashes, scratch_path
from .ids import check_document_ids, document_ids
from .read import read_sources, source_paths
from .registries import Registries, load_registries
from .stage_cache import StageCache, extraction_fingerprint
from .writing import BuildReport, Writing

PACKAGE = Path(__file__).parent


def fingerprint(raw: Path) -> str:
    """A hash of the build's code and of the registries in raw/: when it changes, everything is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")) + sorted(raw.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build(raw: Path, db_path: Path, incremental: bool = True, workers: int | None = None) -> BuildReport:
    """Build db_path from raw/; on any error the previous database is left untouched.

    Only new and changed sources are read, parsed and extracted, by `workers` processes (default: one
    per CPU) when there are many; this process writes the database. When the registries change, what
    extraction found in unchanged sources is resolved again from the stage cache (`incremental=False`
    ignores it, and the database). Errors are reported as a serial build would: the first source that
    cannot be read, then a document id used twice, then the first source that cannot be split or extracted.
    """
    started = time.perf_counter()
    paths, print_, scratch = source_paths(raw), fingerprint(raw), scratch_path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    copying = None
    try:
        if scratch.exists():
            scratch.unlink()
        copying = _copy_if_same_build(db_path, scratch, print_) if incremental else None
        hashes = {path.stem: file_hashes(path) for path in paths}  # while the kernel copies
        registries = _registries_or_first_source_error(raw)
        if copying:
            copying.wait()
        report = BuildReport(db=str(db_path), mode="incremental" if copying else "full")
        _write(raw, scratch, report, paths, hashes, registries, incremental, workers, print_)
        os.replace(scratch, db_path)
    except BaseException:
        if copying:
            copying.wait(raising=False)
        if scratch.exists():
            scratch.unlink()
        raise
    report.seconds = time.perf_counter() - started
    return report


def _copy_if_same_build(db_path: Path, scratch: Path, print_: str) -> Copy | None:
    """The database copied to the scratch file, to be built on, if the same code and registries made it."""
    return Copy(db_path, scratch) if db_path.exists() and _same_build(db_path, print_) else None


def _write(raw: Path, scratch: Path, report: BuildReport, paths: list[Path], hashes: dict, registries: Registries,
           incremental: bool, workers: int | None, print_: str) -> None:
    """The scratch database: the registries (in a full build), the new and changed sources, the indexes."""
    db = load.open_for_build(str(scratch))
    cache = StageCache(Path(report.db), extraction_fingerprint(raw), reuse=incremental)
    writing = Writing(db, report, load.stored_sources(db) if report.mode == "incremental" else {}, cache)
    if report.mode == "full":
        writing.start_full(registries)
    try:
        writing.write_sources(paths, hashes, registries, workers)
    finally:
        cache.close()  # what was extracted stays valid whether the build goes on or not
    writing.finish(print_)
    db.conn.commit()
    db.close()


def _registries_or_first_source_error(raw: Path) -> Registries:
    try:
        return load_registries(raw)
    except BuildError:
        sources = read_sources(raw)  # an error in a source is told before one in a registry
        check_document_ids([Path(source.path) for source in sources], {s.id: document_ids(s) for s in sources}, {})
        raise


def _same_build(db_path: Path, print_: str) -> bool:
    try:
        db = load.open_for_build(str(db_path))
        same = load.read_build_info(db).get("fingerprint") == print_
        db.close()
        return same
    except Exception:
        return False
