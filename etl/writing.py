"""The database a build writes: the registries, then each new or changed source's rows, then the indexes."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from . import load
from .ids import check_document_ids
from .parallel import process_all
from .registries import Registries
from .stage_cache import StageCache

FEED_EVERY = 256  # sources written between two feeds of the full-text indexes in a full build


@dataclass
class BuildReport:
    db: str
    mode: str  # "full" or "incremental"
    parsed: list[str] = field(default_factory=list)  # sources written again
    extracted: list[str] = field(default_factory=list)  # of those, the ones read and extracted (not kept from before)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Writing:
    """The database a build writes, and what it has written so far."""

    db: sqlite_utils.Database
    report: BuildReport
    stored: dict[str, tuple[str, str]]  # the sources the database held before, by id: their hashes
    cache: StageCache  # the extract stage's results of earlier builds
    triggers: list[str] = field(default_factory=list)  # of the full-text indexes, set aside in a full build
    fed: dict[str, int] = field(default_factory=dict)  # rowids fed to the full-text indexes so far

    def start_full(self, registries: Registries) -> None:
        load.create_tables(self.db)
        load.create_fts(self.db)
        self.triggers = load.suspend_fts_triggers(self.db)
        load.insert_registries(self.db, registries.countries, registries.organizations, registries.themes)

    def write_sources(self, paths: list[Path], hashes: dict, registries: Registries, workers: int | None) -> None:
        """Remove the sources that are gone, parse and write the new and changed ones; raise the first error."""
        report, stored = self.report, self.stored
        for source_id in sorted(set(stored) - set(hashes)):
            load.delete_source(self.db, source_id)
            report.removed.append(source_id)
        todo = [path for path in paths if stored.get(path.stem) != hashes[path.stem]]
        report.kept = [path.stem for path in paths if stored.get(path.stem) == hashes[path.stem]]
        kept_ids = set(report.kept)
        kept = {source_id: ids for source_id, ids in load.stored_documents(self.db).items() if source_id in kept_ids}
        taken = {document_id for ids in kept.values() for document_id in ids}
        read_error = process_error = None
        clash = False  # a document id used twice: _check_ids will say where
        specs: dict[str, tuple[str, tuple]] = {}
        kept_extracted = {path.stem: self.cache.get(path.stem, hashes[path.stem]) for path in todo}
        self.cache.keep_only(set(hashes))
        outcomes = process_all(todo, hashes, kept_extracted, registries, workers)
        for path, (outcome, payload, spec, extracted) in zip(todo, outcomes, strict=True):
            if extracted is not None:
                self.cache.put(path.stem, hashes[path.stem], extracted)
                report.extracted.append(path.stem)
            if spec is not None:
                specs[path.stem] = spec
                ids = spec[1]
                clash = clash or len(set(ids)) < len(ids) or not taken.isdisjoint(ids)
                taken.update(ids)
            if outcome == "read":
                read_error = read_error or payload
            elif outcome == "process":
                process_error = process_error or payload
            elif not (read_error or process_error or clash):  # after an error nothing more is written: the build stops
                self.write_source(path.stem, payload)
        if read_error:
            raise read_error
        check_document_ids(paths, specs, kept)
        if process_error:
            raise process_error

    def write_source(self, source_id: str, rows: dict[str, list[tuple]]) -> None:
        if source_id in self.stored:
            load.delete_source(self.db, source_id)
        load.insert_rows(self.db, rows)
        self.report.parsed.append(source_id)
        if self.triggers and len(self.report.parsed) % FEED_EVERY == 0:
            self.fed = load.feed_fts(self.db, self.fed)  # while the workers parse what follows

    def finish(self, fingerprint: str) -> None:
        full = self.report.mode == "full"
        if full:
            load.feed_fts(self.db, self.fed)
            load.resume_fts_triggers(self.db, self.triggers)
            load.create_indexes(self.db)
        load.purge_orphans(self.db)
        load.write_build_info(self.db, {"fingerprint": fingerprint, "longest_text": str(load.longest_text(self.db))})
        load.finish(self.db, sample=not full)
