"""The pipeline: read → split → extract → resolve → load, into a scratch file renamed on success.

Builds are incremental: when the database was made by the same code from the
same registries, sources whose text and sidecar are unchanged (by sha256) are
kept as they are and only new or changed sources are parsed again.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import load
from .countries import CountryIndex, load_countries
from .errors import BuildError
from .extract_demands import find_demands
from .extract_orgs import find_organizations
from .link import Linker
from .read import read_sources
from .records import Source, SourceRecords
from .records import CountryMention, DemandRow
from .registry import Organization, load_registry
from .resolve import Resolver
from .split import split_documents, split_passages
from .themes import Theme, load_themes, themes_of

PACKAGE = Path(__file__).parent


@dataclass
class BuildReport:
    db: str
    mode: str  # "full" or "incremental"
    parsed: list[str] = field(default_factory=list)
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


@dataclass
class Registries:
    """What the editors keep in raw/ beside the sources."""

    countries: CountryIndex
    organizations: list[Organization]
    themes: list[Theme]
    resolver: Resolver | None = None  # the registry indexed once; each source resolves with a fork of it

    def __post_init__(self) -> None:
        if self.resolver is None:
            self.resolver = Resolver(self.organizations)


def load_registries(raw: Path) -> Registries:
    countries = load_countries(raw)
    return Registries(countries, load_registry(raw, set(countries.countries)), load_themes(raw))


def country_mentions(passages, countries: CountryIndex) -> list[CountryMention]:
    """Which countries each passage names, by name, alias or demonym."""
    rows = []
    for passage in passages:
        seen: dict[str, list] = {}
        for code, start, end in countries.mentions(passage.text):
            seen.setdefault(code, []).append((start, end))
        for code, spans in seen.items():
            start, end = spans[0]
            rows.append(CountryMention(passage.id, code, len(spans), passage.text[start:end],
                                       passage.start_char + start, passage.start_char + end))
    return rows


def demand_rows(document, passages, registries: Registries, first_number: int = 1) -> list[DemandRow]:
    """The demands of a document with their themes (from their own words, else from their passage's) and countries."""
    by_id = {p.id: p for p in passages}
    rows = []
    for number, found in enumerate(find_demands(passages), first_number):
        themes = [(t, cue, "own words") for t, cue in themes_of(found.text, registries.themes)]
        if not themes:
            themes = [(t, cue, "passage") for t, cue in themes_of(by_id[found.passage_id].text, registries.themes)]
        countries = {}
        for code, start, end in registries.countries.mentions(found.text):
            countries.setdefault(code, found.text[start:end])
        rows.append(DemandRow(f"{document.id}-d{number}", document.id, found.passage_id, found.kind, found.text,
                              found.start, found.end, number, tuple(themes), tuple(countries.items())))
    return rows


def process_source(source: Source, registries: Registries) -> SourceRecords:
    """Everything derived from one source: documents, passages, and the organizations named in them."""
    records = SourceRecords(source=source, documents=split_documents(source))
    linker = Linker(records, registries.resolver.fork(), registries.countries)
    for document in records.documents:
        passages = split_passages(source, document)
        records.passages.extend(passages)
        linker.link(document, find_organizations(passages, registries.countries))
        records.demands.extend(demand_rows(document, passages, registries))
        records.country_mentions.extend(country_mentions(passages, registries.countries))
    for demand in records.demands:
        if not demand.themes:
            linker.note("demand without theme", f"no cue of raw/themes.yml in {demand.text[:80]!r}", demand.document_id, demand.passage_id)
    return records


def sidecar_sha256(source: Source) -> str:
    return hashlib.sha256(Path(source.sidecar_path).read_bytes()).hexdigest()


def scratch_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.building-{os.getpid()}")


def build(raw: Path, db_path: Path, incremental: bool = True) -> BuildReport:
    """Build db_path from raw/; on any error the previous database is left untouched."""
    started = time.perf_counter()
    sources = read_sources(raw)
    check_unique_ids(sources)
    registries = load_registries(raw)
    hashes = {source.id: (source.sha256, sidecar_sha256(source)) for source in sources}
    print_ = fingerprint(raw)
    scratch = scratch_path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = "full"
        if incremental and db_path.exists() and _same_build(db_path, print_):
            shutil.copyfile(db_path, scratch)
            mode = "incremental"
        elif scratch.exists():
            scratch.unlink()
        report = BuildReport(db=str(db_path), mode=mode)
        db = load.open_for_build(str(scratch))
        stored = load.stored_sources(db) if mode == "incremental" else {}
        if mode == "full":
            load.create_schema(db)
            load.insert_registries(db, registries.countries, registries.organizations, registries.themes)
        for source_id in sorted(set(stored) - set(hashes)):
            load.delete_source(db, source_id)
            report.removed.append(source_id)
        for source in sources:
            if stored.get(source.id) == hashes[source.id]:
                report.kept.append(source.id)
                continue
            records = _process(source, registries)
            if source.id in stored:
                load.delete_source(db, source.id)
            load.insert_source(db, records, hashes[source.id][1])
            report.parsed.append(source.id)
        load.purge_orphans(db)
        load.write_build_info(db, {"fingerprint": print_})
        load.finish(db)
        db.conn.commit()
        db.close()
        os.replace(scratch, db_path)
    except BaseException:
        if scratch.exists():
            scratch.unlink()
        raise
    report.seconds = time.perf_counter() - started
    return report


def _process(source: Source, registries: Registries) -> SourceRecords:
    try:
        return process_source(source, registries)
    except BuildError:
        raise
    except Exception as error:  # a rule tripped on input nobody foresaw: name the file, not a traceback
        raise BuildError(source.path, f"could not be split or extracted ({type(error).__name__}: {error})") from error


def _same_build(db_path: Path, print_: str) -> bool:
    try:
        db = load.open_for_build(str(db_path))
        same = load.read_build_info(db).get("fingerprint") == print_
        db.close()
        return same
    except Exception:
        return False
