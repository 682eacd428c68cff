"""Reading, extracting and resolving sources, in worker processes when there are many: process_all()."""
from __future__ import annotations

import hashlib
import marshal
import multiprocessing
import os
from pathlib import Path

from . import load
from .errors import BuildError
from .extract import Extracted, extract_source
from .ids import document_ids
from .link import resolve_source
from .read import read_source
from .records import Source, SourceRecords
from .registries import Registries
from .stage_cache import pack, unpack

PARALLEL_FROM = 64  # fewer sources to parse than this are parsed in this process: starting workers costs more
WINDOW = 512  # sources handed to the workers at a time, so that finished rows never pile up in memory


def process_all(paths: list[Path], hashes: dict, kept: dict[str, bytes | None], registries: Registries,
                workers: int | None, held: dict[str, str] | None = None):
    """read_and_process() of each path, in order: in worker processes when there are many. `held`: the digests of
    the rows the database holds of sources whose text and sidecar are unchanged, which need not travel back."""
    held = held or {}
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            yield read_and_process(path, hashes[path.stem][1], kept.get(path.stem), registries, held.get(path.stem))
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    tasks = [(str(path), hashes[path.stem][1], kept.get(path.stem), held.get(path.stem)) for path in paths]
    with context.Pool(workers, initializer=_start_worker, initargs=(registries,)) as pool:
        for start in range(0, len(tasks), WINDOW):
            for outcome, payload, spec, packed, digest in pool.imap(_work, tasks[start:start + WINDOW], chunksize=8):
                yield outcome, marshal.loads(payload) if outcome == "rows" else payload, spec, packed, digest


def read_and_process(path: Path, sidecar_sha256: str | None, kept: bytes | None, registries: Registries,
                     held: str | None = None):
    """(outcome, payload, (sidecar path, document ids), what extraction found, packed, if it ran, the rows' digest)
    of one source: ("rows", its rows, …), or ("read" or "process", the BuildError that stopped it, …). `kept`: what
    an earlier build extracted from the same text and sidecar, resolved again without reading or extracting; ("same",
    None, …) when the rows' digest is `held`, that of the rows the database holds."""
    extracted = unpack(kept) if kept is not None else None
    packed = None
    if extracted is None:
        try:
            source = read_source(path)
        except BuildError as error:
            return "read", error, None, None, None
        try:
            extracted = _extract(source, registries)
        except BuildError as error:
            return "process", error, document_ids(source), None, None
        packed = pack(extracted)  # before resolution, which marks the corrections it uses
    try:
        records = _resolve(extracted, registries)
    except BuildError as error:
        return "process", error, document_ids(extracted.source), packed, None
    rows = load.source_rows(records, sidecar_sha256)
    digest = rows_digest(rows)
    return ("same", None, document_ids(extracted.source), packed, digest) if digest == held else \
        ("rows", rows, document_ids(extracted.source), packed, digest)


def rows_digest(rows: dict[str, list[tuple]]) -> str:
    """A hash of what a source writes: marshal's version 0 writes equal values as the same bytes whichever objects
    share them or are interned (later versions write references to shared objects), three times faster than repr."""
    return hashlib.sha256(marshal.dumps(rows, 0)).hexdigest()


_registries: Registries | None = None  # a worker's copy


def _start_worker(registries: Registries) -> None:
    global _registries
    _registries = registries


def _work(task: tuple[str, str | None, bytes | None, str | None]):
    """read_and_process() in a worker; rows travel back marshalled, several times cheaper than pickled."""
    assert _registries is not None, "a worker starts with the registries"
    outcome, payload, spec, packed, digest = read_and_process(Path(task[0]), task[1], task[2], _registries, task[3])
    return outcome, marshal.dumps(payload) if outcome == "rows" else payload, spec, packed, digest


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
