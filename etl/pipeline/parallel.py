"""Reading, extracting and resolving sources, in worker processes when there are many: process_all()."""
from __future__ import annotations

import hashlib
import marshal
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..common.errors import BuildError
from ..common.records import Source, SourceRecords
from ..extract.source import Extracted, extract_source
from ..load import database as load
from ..read.ids import document_ids
from ..read.sources import read_source
from ..resolve.link import resolve_source, themes_of_demands
from ..resolve.names import answers_digest
from ..resolve.registries import Registries
from .stage_cache import Lookups, pack, pack_lookups, pack_themes, unpack, unpack_themes

PARALLEL_FROM = 64  # fewer sources to parse than this are parsed in this process: starting workers costs more
WINDOW = 512  # sources handed to the workers at a time, so that finished rows never pile up in memory


class Kept(NamedTuple):
    """What earlier builds kept of a source whose text and sidecar are unchanged (packed; None when nothing)."""

    extracted: bytes | None = None  # what extraction found
    themed: bytes | None = None  # the themes and countries of its demands


class Processed(NamedTuple):
    """What reading and processing one source gave."""

    outcome: str  # "rows"; "same": its rows are those the database holds; "read", "process": an error stopped it
    payload: Any  # its rows ("rows", marshalled until process_all() yields them), or the BuildError ("read", "process")
    spec: tuple[str, tuple[str, ...]] | None  # its sidecar's path and its document ids, once read
    extracted: bytes | None = None  # what extraction found, packed, when it ran
    digest: str = ""  # of its rows, once resolved
    themed: bytes | None = None  # the themes of its demands, packed, when they were worked out
    looked_up: bytes | None = None  # the names it looked up in the registry, packed Lookups, once resolved


def process_all(paths: list[Path], hashes: dict, kept: dict[str, Kept], registries: Registries,
                workers: int | None, held: dict[str, str] | None = None) -> Iterator[Processed]:
    """read_and_process() of each path, in order: in worker processes when there are many. `held`: the digests of
    the rows the database holds of sources whose text and sidecar are unchanged, which need not travel back."""
    held = held or {}
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            yield _unmarshalled(read_and_process(path, hashes[path.stem][1], kept.get(path.stem, Kept()), registries,
                                                 held.get(path.stem)))
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    tasks = [(str(path), hashes[path.stem][1], kept.get(path.stem, Kept()), held.get(path.stem)) for path in paths]
    with context.Pool(workers, initializer=_start_worker, initargs=(registries,)) as pool:
        for start in range(0, len(tasks), WINDOW):
            for processed in pool.imap(_work, tasks[start:start + WINDOW], chunksize=8):
                yield _unmarshalled(processed)


def _unmarshalled(processed: Processed) -> Processed:
    return processed._replace(payload=marshal.loads(processed.payload)) if processed.outcome == "rows" else processed


def read_and_process(path: Path, sidecar_sha256: str | None, kept: Kept, registries: Registries,
                     held: str | None = None) -> Processed:
    """One source read, extracted and resolved, or what an earlier build kept of it (`kept`) resolved again without
    reading or extracting; "same" when the rows' digest is `held`, that of the rows the database holds."""
    extracted = unpack(kept.extracted) if kept.extracted is not None else None
    packed = None
    if extracted is None:
        try:
            source = read_source(path)
        except BuildError as error:
            return Processed("read", error, None)
        try:
            extracted = _extract(source, registries)
        except BuildError as error:
            return Processed("process", error, document_ids(source))
        packed = pack(extracted)  # before resolution, which marks the corrections it uses
    themed = unpack_themes(kept.themed) if kept.themed is not None else None
    try:
        records = _resolve(extracted, registries, themed)
    except BuildError as error:
        return Processed("process", error, document_ids(extracted.source), packed)
    rows, digest = marshalled_rows(load.source_rows(records, sidecar_sha256))
    themes = pack_themes(themes_of_demands(records)) if themed is None else None
    looked_up = pack_lookups(Lookups(records.looked_up, answers_digest(registries.resolver, records.looked_up), digest))
    same = digest == held
    return Processed("same" if same else "rows", None if same else rows, document_ids(extracted.source), packed, digest,
                     themes, looked_up)


def marshalled_rows(rows: dict[str, list[tuple]]) -> tuple[bytes, str]:
    """What a source writes, marshalled (as it travels back from a worker, several times cheaper than pickled), and
    its hash: marshal's version 0 writes equal values as the same bytes whichever objects share them or are interned
    (later versions write references to shared objects)."""
    data = marshal.dumps(rows, 0)
    return data, hashlib.sha256(data).hexdigest()


_registries: Registries | None = None  # a worker's copy


def _start_worker(registries: Registries) -> None:
    global _registries
    _registries = registries


def _work(task: tuple[str, str | None, Kept, str | None]) -> Processed:
    """read_and_process() in a worker."""
    assert _registries is not None, "a worker starts with the registries"
    return read_and_process(Path(task[0]), task[1], task[2], _registries, task[3])


def _extract(source: Source, registries: Registries) -> Extracted:
    try:
        return extract_source(source, registries.countries, registries.naming)
    except BuildError:
        raise
    except Exception as error:  # a rule tripped on input nobody foresaw: name the file, not a traceback
        raise BuildError(source.path, f"could not be split or extracted ({type(error).__name__}: {error})") from error


def _resolve(extracted: Extracted, registries: Registries, themed: list | None) -> SourceRecords:
    try:
        return resolve_source(extracted, registries, themed)
    except BuildError:
        raise
    except Exception as error:  # as in _extract
        raise BuildError(extracted.source.path, f"could not be resolved ({type(error).__name__}: {error})") from error
