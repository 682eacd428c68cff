"""The pipeline: read → split → extract → resolve → load, into a scratch file renamed on success.

Builds are incremental: when the database was made by the same code from the
same registries, sources whose text and sidecar are unchanged (by sha256) are
kept as they are and only new or changed sources are parsed again.
"""
from __future__ import annotations

import hashlib
import marshal
import multiprocessing
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from . import load
from .errors import BuildError
from .extract import Extracted, extract_source
from .link import resolve_source
from .read import read_source, read_sources, source_paths
from .records import Source, SourceRecords
from .registries import Registries, load_registries
from .stage_cache import StageCache, extraction_fingerprint, pack, unpack

PACKAGE = Path(__file__).parent


@dataclass
class BuildReport:
    db: str
    mode: str  # "full" or "incremental"
    parsed: list[str] = field(default_factory=list)  # sources written again
    extracted: list[str] = field(default_factory=list)  # of those, the ones read and extracted (not kept from before)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def fingerprint(raw: Path) -> str:
    """A hash of the build's code and of the registries in raw/: when it changes, everything is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")) + sorted(raw.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def check_unique_ids(sources: list[Source]) -> None:
    seen: dict[str, Source] = {}
    for source in sources:
        for spec in source.documents:
            if spec.id in seen:
                other = seen[spec.id]
                raise BuildError(source.sidecar_path, f"document id {spec.id!r} is already used by {other.sidecar_path}",
                                 line=spec.line, field="documents[].id" if spec.first_line else "id (the file name)")
            seen[spec.id] = source


def file_hashes(text_path: Path) -> tuple[str, str | None]:
    """sha256 of a source's text and of its sidecar (None when the sidecar is missing: reading will say so).

    Every build hashes every source: files are read unbuffered, in one call each (FileIO.readall)."""
    with open(text_path, "rb", buffering=0) as text:
        text_hash = hashlib.sha256(text.readall()).hexdigest()
    try:
        with open(text_path.with_suffix(".yml"), "rb", buffering=0) as sidecar:
            return text_hash, hashlib.sha256(sidecar.readall()).hexdigest()
    except (FileNotFoundError, IsADirectoryError):
        return text_hash, None


def scratch_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.building-{os.getpid()}")


PARALLEL_FROM = 64  # fewer sources to parse than this are parsed in this process: starting workers costs more
FEED_EVERY = 256  # sources written between two feeds of the full-text indexes in a full build
WINDOW = 512  # sources handed to the workers at a time, so that finished rows never pile up in memory


def build(raw: Path, db_path: Path, incremental: bool = True, workers: int | None = None) -> BuildReport:
    """Build db_path from raw/; on any error the previous database is left untouched.

    Only new and changed sources are read, parsed and extracted, by `workers` processes (default: one
    per CPU) when there are many; this process writes the database. When the registries change, what
    extraction found in unchanged sources is resolved again from the stage cache (`incremental=False`
    ignores it, and the database). Errors are reported as a serial build
    would: the first source that cannot be read, then a document id used twice, then the first source
    that cannot be split or extracted.
    """
    started = time.perf_counter()
    paths = source_paths(raw)
    print_ = fingerprint(raw)
    scratch = scratch_path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    copying = None
    try:
        mode = "full"
        if incremental and db_path.exists() and _same_build(db_path, print_):
            copying = Copy(db_path, scratch)  # the kernel copies while this thread hashes the sources
            mode = "incremental"
        elif scratch.exists():
            scratch.unlink()
        hashes = {path.stem: file_hashes(path) for path in paths}
        registries = _registries_or_first_source_error(raw)
        if copying:
            copying.wait()
        report = BuildReport(db=str(db_path), mode=mode)
        db = load.open_for_build(str(scratch))
        cache = StageCache(db_path, extraction_fingerprint(raw), reuse=incremental)
        writing = Writing(db, report, load.stored_sources(db) if mode == "incremental" else {}, cache)
        if mode == "full":
            writing.start_full(registries)
        try:
            writing.write_sources(paths, hashes, registries, workers)
        finally:
            cache.close()  # what was extracted stays valid whether the build goes on or not
        writing.finish(print_)
        db.conn.commit()
        db.close()
        os.replace(scratch, db_path)
    except BaseException:
        if copying:
            copying.wait(raising=False)
        if scratch.exists():
            scratch.unlink()
        raise
    report.seconds = time.perf_counter() - started
    return report


def _registries_or_first_source_error(raw: Path) -> Registries:
    try:
        return load_registries(raw)
    except BuildError:
        check_unique_ids(read_sources(raw))  # an error in a source is told before one in a registry
        raise


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
        outcomes = _parse_all(todo, hashes, kept_extracted, registries, workers)
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
        _check_ids(paths, specs, kept)
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


class Copy:
    """shutil.copyfile in a thread: the copy runs in the kernel, which releases the GIL."""

    def __init__(self, source: Path, target: Path):
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(source, target), daemon=True)
        self.thread.start()

    def _run(self, source: Path, target: Path) -> None:
        try:
            shutil.copyfile(source, target)
        except BaseException as error:  # handed to the build by wait()
            self.error = error

    def wait(self, raising: bool = True) -> None:
        self.thread.join()
        if self.error is not None and raising:
            raise self.error


def _check_ids(paths: list[Path], specs: dict[str, tuple[str, tuple]], kept: dict[str, list[str]]) -> None:
    """check_unique_ids over every source: the document ids of the sources just read (specs), and of those
    kept as they were (from the database). The sidecar of a source whose id is taken is read again for the
    line to name."""
    seen: dict[str, str] = {}
    for path in paths:
        sidecar_path, ids = specs.get(path.stem) or (str(path.with_suffix(".yml")), kept.get(path.stem, []))
        for document_id in ids:
            if document_id in seen:
                spec = next(s for s in read_source(path).documents if s.id == document_id)
                raise BuildError(sidecar_path, f"document id {document_id!r} is already used by {seen[document_id]}",
                                 line=spec.line, field="documents[].id" if spec.first_line else "id (the file name)")
            seen[document_id] = sidecar_path


def read_and_process(path: Path, sidecar_sha256: str | None, kept: bytes | None, registries: Registries):
    """(outcome, payload, (sidecar path, document ids), what extraction found, packed, if it ran) of one source:
    ("rows", its rows, …), or ("read" or "process", the BuildError that stopped it, …). `kept`: what an earlier
    build extracted from the same text and sidecar, resolved again without reading or extracting."""
    extracted = unpack(kept) if kept is not None else None
    packed = None
    if extracted is None:
        try:
            source = read_source(path)
        except BuildError as error:
            return "read", error, None, None
        try:
            extracted = _extract(source, registries)
        except BuildError as error:
            return "process", error, _spec(source), None
        packed = pack(extracted)  # before resolution, which marks the corrections it uses
    try:
        records = _resolve(extracted, registries)
    except BuildError as error:
        return "process", error, _spec(extracted.source), packed
    return "rows", load.source_rows(records, sidecar_sha256), _spec(extracted.source), packed


def _spec(source: Source) -> tuple[str, tuple[str, ...]]:
    return source.sidecar_path, tuple(document.id for document in source.documents)


_registries: Registries | None = None  # a worker's copy


def _start_worker(registries: Registries) -> None:
    global _registries
    _registries = registries


def _work(task: tuple[str, str | None, bytes | None]):
    """read_and_process() in a worker; rows travel back marshalled, several times cheaper than pickled."""
    assert _registries is not None, "a worker starts with the registries"
    outcome, payload, spec, packed = read_and_process(Path(task[0]), task[1], task[2], _registries)
    return outcome, marshal.dumps(payload) if outcome == "rows" else payload, spec, packed


def _parse_all(paths: list[Path], hashes: dict, kept: dict[str, bytes | None], registries: Registries,
               workers: int | None):
    """read_and_process() of each path, in order: in worker processes when there are many."""
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            yield read_and_process(path, hashes[path.stem][1], kept.get(path.stem), registries)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    tasks = [(str(path), hashes[path.stem][1], kept.get(path.stem)) for path in paths]
    with context.Pool(workers, initializer=_start_worker, initargs=(registries,)) as pool:
        for start in range(0, len(tasks), WINDOW):
            for outcome, payload, spec, packed in pool.imap(_work, tasks[start:start + WINDOW], chunksize=8):
                yield outcome, marshal.loads(payload) if outcome == "rows" else payload, spec, packed


def _extract(source: Source, registries: Registries) -> Extracted:
    try:
        return extract_source(source, registries.countries, registries.naming)
    except BuildError:
        raise
    except Exception as error:  # a rule tripped on input nobody foresaw: name the file, not a traceback
        raise BuildError(source.path, f"could not be split or extracted ({type(error).__name__}: {error})") from error


def _resolve(extracted: Extracted, registries: Registries) -> SourceRecords:
    try:
        return resolve_source(extracted, registries)
    except BuildError:
        raise
    except Exception as error:  # as in _extract
        raise BuildError(extracted.source.path, f"could not be resolved ({type(error).__name__}: {error})") from error


def _same_build(db_path: Path, print_: str) -> bool:
    try:
        db = load.open_for_build(str(db_path))
        same = load.read_build_info(db).get("fingerprint") == print_
        db.close()
        return same
    except Exception:
        return False
