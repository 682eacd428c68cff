"""The database a build writes: the registries, then each new or changed source's rows, then the indexes."""
from __future__ import annotations

import functools
import importlib.metadata
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from ..common.errors import BuildError
from ..load import database as load
from ..load import word_lists
from ..read.ids import check_document_ids
from ..resolve.names import answers_digest
from ..resolve.registries import Registries
from .files import Copy
from .parallel import Kept, Processed, process_all
from .stage_cache import StageCache, combined_digest, unpack_lookups

FEED_EVERY = 256  # sources written between two feeds of the full-text indexes in a full build
PROJECT = "internationals-archive"


def archive_version() -> str:
    """The archive's version, declared once in pyproject.toml (or, installed, in its metadata)."""
    for folder in Path(__file__).resolve().parents:
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
            if project.get("name") == PROJECT and project.get("version"):
                return str(project["version"])
    try:
        return importlib.metadata.version(PROJECT)
    except importlib.metadata.PackageNotFoundError:
        raise BuildError("pyproject.toml", f"no version of {PROJECT} found: it is the archive's version") from None


@dataclass
class BuildReport:
    db: str
    mode: str  # "full"; "incremental": the sources that changed; "resolve": those the registry may answer otherwise
    parsed: list[str] = field(default_factory=list)  # sources written again
    extracted: list[str] = field(default_factory=list)  # of those, the ones read and extracted (not kept from before)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Scratch:
    """The database a build writes: a copy of the previous one (or a new file), opened once the copy has ended, with
    the writes that waited for it made first, in order. So the workers start while the kernel copies."""

    path: Path
    copying: Copy | None = None
    waiting: list[Callable[[sqlite_utils.Database], None]] = field(default_factory=list)
    opened: sqlite_utils.Database | None = None

    def later(self, write: Callable[[sqlite_utils.Database], None]) -> None:
        """A write made as soon as the database is open (now, if it is)."""
        if self.opened is None:
            self.waiting.append(write)
        else:
            write(self.opened)

    def db(self) -> sqlite_utils.Database:
        if self.opened is None:
            if self.copying:
                self.copying.wait()
            self.opened = load.open_for_build(str(self.path))
            for write in self.waiting:
                write(self.opened)
        return self.opened

    def close(self) -> None:
        self.db().conn.commit()
        self.db().close()


@dataclass
class Writing:
    """The database a build writes, and what it has written so far."""

    scratch: Scratch
    report: BuildReport
    stored: dict[str, tuple[str, str]]  # the sources the database held before, by id: their hashes
    documents: dict[str, list[str]]  # the ids of the documents of each of them
    cache: StageCache  # the extract stage's results of earlier builds, and the digests of the rows they wrote
    triggers: list[str] = field(default_factory=list)  # of the full-text indexes, set aside in a full build
    fed: dict[str, int] = field(default_factory=dict)  # rowids fed to the full-text indexes so far
    rows_digest: str = ""  # of the rows of every source, once written: combined_digest()

    def start_full(self, registries: Registries) -> None:
        load.create_tables(self.db)
        load.create_fts(self.db)
        self.triggers = load.suspend_fts_triggers(self.db)
        load.insert_registries(self.db, registries.countries, registries.organizations, registries.themes)
        load.write_build_info(self.db, {"naming": load.naming_info(registries.naming)})  # the same in any build on it

    @property
    def db(self) -> sqlite_utils.Database:
        return self.scratch.db()

    def start_resolve(self, registries: Registries) -> None:
        self.scratch.later(lambda db: load.replace_registries(db, registries.organizations, registries.themes))

    def write_sources(self, paths: list[Path], hashes: dict, registries: Registries, workers: int | None) -> None:
        """Remove the sources that are gone, parse and write the new and changed ones; raise the first error."""
        report, stored = self.report, self.stored
        for source_id in sorted(set(stored) - set(hashes)):
            self.scratch.later(functools.partial(load.delete_source, source_id=source_id))
            report.removed.append(source_id)
        resolving = report.mode == "resolve"  # every source whose lookups changed, written again if its rows did
        digests = self.cache.written()
        held = {path.stem: digests[path.stem] for path in paths
                if resolving and stored.get(path.stem) == hashes[path.stem] and path.stem in digests}
        same = self.same_answers(held, hashes, registries)
        todo = [path for path in paths if path.stem not in same and (resolving or stored.get(path.stem) != hashes[path.stem])]
        parsing = {path.stem for path in todo}
        report.kept = [path.stem for path in paths if path.stem not in parsing]
        kept = {source_id: ids for source_id, ids in self.documents.items() if source_id in hashes and source_id not in parsing}
        wanted = {path.stem: hashes[path.stem] for path in todo}
        extracted, themed = self.cache.get_many(wanted), self.cache.get_many(wanted, "themed")
        kept_extracted = {source_id: Kept(extracted.get(source_id), themed.get(source_id)) for source_id in wanted}
        self.cache.keep_only(set(hashes))
        errors = Errors({document_id for ids in kept.values() for document_id in ids})
        for path, processed in zip(todo, process_all(todo, hashes, kept_extracted, registries, workers, held),
                                   strict=True):
            self.keep(path.stem, hashes[path.stem], processed)
            if errors.note(path.stem, processed.outcome, processed.payload, processed.spec):
                continue  # after an error nothing more is written: the build stops
            if processed.outcome == "same":  # resolved again, its rows are those the database holds
                report.kept.append(path.stem)
            else:
                self.write_source(path.stem, processed.payload)
                self.cache.put_written(path.stem, processed.digest)
        errors.raise_first(paths, kept)
        self.rows_digest = combined_digest(self.cache.written(), list(hashes)) or ""

    def same_answers(self, held: dict[str, str], hashes: dict, registries: Registries) -> set[str]:
        """Of the sources the database holds as they were made (`held`: the digests of their rows), those whose names
        the registry answers as it did when those rows were made: resolved again, they would give the same rows."""
        lookups = self.cache.get_many({source_id: hashes[source_id] for source_id in held}, "resolved")
        same = set()
        for source_id, blob in lookups.items():
            looked_up = unpack_lookups(blob)
            if looked_up and looked_up.rows == held[source_id] and \
                    answers_digest(registries.resolver, looked_up.mentions) == looked_up.answers:
                same.add(source_id)
        return same

    def keep(self, source_id: str, hashes: tuple[str, str | None], processed: Processed) -> None:
        """Keep in the stage cache what was worked out of a source for the first time."""
        if processed.extracted is not None:
            self.cache.put(source_id, hashes, processed.extracted)
            self.report.extracted.append(source_id)
        if processed.themed is not None:
            self.cache.put(source_id, hashes, processed.themed, "themed")
        if processed.looked_up is not None:
            self.cache.put(source_id, hashes, processed.looked_up, "resolved")

    def write_source(self, source_id: str, rows: dict[str, list[tuple]]) -> None:
        if source_id in self.stored:
            load.delete_source(self.db, source_id)
        load.insert_rows(self.db, rows)
        self.report.parsed.append(source_id)
        if self.triggers and len(self.report.parsed) % FEED_EVERY == 0:
            self.fed = load.feed_fts(self.db, self.fed)  # while the workers parse what follows

    def finish(self, fingerprint: str, extraction: str, workers: int | None = None) -> None:
        full = self.report.mode == "full"
        if full:
            load.feed_fts(self.db, self.fed)
            load.resume_fts_triggers(self.db, self.triggers)
            load.create_indexes(self.db)
        load.purge_orphans(self.db)
        load.create_views(self.db)
        lists = word_lists.write_word_lists(self.db, {} if full else load.read_build_info(self.db), workers)
        load.write_build_info(self.db, {"fingerprint": fingerprint, "extraction": extraction, "rows": self.rows_digest,
                                        "longest_text": str(load.longest_text(self.db)), word_lists.SIGNATURE_KEY: lists,
                                        "version": archive_version()})
        load.finish(self.db, sample=not full)


@dataclass
class Errors:
    """The errors of the sources parsed so far, told as a serial build would: the first source that cannot be read,
    then a document id used twice, then the first source that cannot be split or extracted."""

    taken: set[str]  # the document ids of the sources seen so far
    read: BuildError | None = None
    process: BuildError | None = None
    clash: bool = False  # a document id used twice: check_document_ids() will say where
    specs: dict[str, tuple[str, tuple]] = field(default_factory=dict)

    def note(self, source_id: str, outcome: str, payload, spec: tuple[str, tuple] | None) -> bool:
        """Note what parsing one source gave; whether the build has met an error (and must write nothing more)."""
        if spec is not None:
            self.specs[source_id] = spec
            ids = spec[1]
            self.clash = self.clash or len(set(ids)) < len(ids) or not self.taken.isdisjoint(ids)
            self.taken.update(ids)
        if outcome == "read":
            self.read = self.read or payload
        elif outcome == "process":
            self.process = self.process or payload
        return bool(self.read or self.process or self.clash)

    def raise_first(self, paths: list[Path], kept: dict[str, list[str]]) -> None:
        if self.read:
            raise self.read
        check_document_ids(paths, self.specs, kept)
        if self.process:
            raise self.process
