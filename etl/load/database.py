"""Load stage: the only code that writes the database."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import sqlite_utils

from ..common.normalize import fold
from ..common.records import NameMatch, SourceRecords
from ..registries.naming import Naming

TOKENIZE = "porter unicode61 remove_diacritics 2"

# The columns every row of a name found in a text has, and the rows it points at.
NAME_FOUND = {"name_as_written": str, "passage_id": str, "start_char": int, "end_char": int, "match": str,
              "match_score": float, "found_by": str, "source_id": str}
FOUND_KEYS = [("document_id", "documents", "id"), ("organization_id", "organizations", "id"),
              ("passage_id", "passages", "id"), ("source_id", "sources", "id")]

SCHEMA: dict[str, dict] = {
    "sources": dict(
        columns={
            "id": str, "path": str, "sidecar_path": str, "title": str, "publisher": str, "author": str,
            "url": str, "published": str, "added": str, "language": str, "sha256": str, "sidecar_sha256": str,
            "document_count": int, "text": str,
        },
        pk="id",
    ),
    "documents": dict(
        columns={
            "id": str, "source_id": str, "title": str, "date": str, "year": int, "kind": str, "author": str,
            "issued_by": str, "start_char": int, "end_char": int, "word_count": int, "passage_count": int,
        },
        pk="id",
        foreign_keys=[("source_id", "sources", "id")],
    ),
    "passages": dict(
        columns={
            "id": str, "document_id": str, "source_id": str, "position": int, "heading": str, "kind": str,
            "marker": str, "text": str, "start_char": int, "end_char": int,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("source_id", "sources", "id")],
    ),
    "countries": dict(
        columns={"code": str, "name": str, "official_name": str, "region": str, "subregion": str,
                 "latitude": float, "longitude": float, "former_code": str},
        pk="code",
    ),
    "country_names": dict(
        columns={"id": int, "code": str, "name": str, "how": str, "name_folded": str},
        pk="id",
        foreign_keys=[("code", "countries", "code")],
    ),
    "organizations": dict(
        columns={"id": str, "name": str, "abbreviation": str, "kind": str, "country_code": str, "curated": int,
                 "name_original": str, "abbreviations": str, "note": str, "evidence": str, "wikidata": str, "partyfacts": int},
        pk="id",
        foreign_keys=[("country_code", "countries", "code")],
    ),
    "organization_aliases": dict(
        columns={"id": int, "organization_id": str, "alias": str, "how": str, "alias_folded": str, "source_id": str},
        pk="id",
        foreign_keys=[("organization_id", "organizations", "id"), ("source_id", "sources", "id")],
    ),
    "sections": dict(
        columns={"id": str, "international_id": str, "organization_id": str, "country_code": str, "status": str,
                 "international_as_written": str, "document_id": str, **NAME_FOUND},
        pk="id",
        foreign_keys=[("international_id", "organizations", "id"), ("country_code", "countries", "code"), *FOUND_KEYS],
    ),
    "signatories": dict(
        columns={"id": str, "document_id": str, "organization_id": str, "role": str, "position": int, **NAME_FOUND},
        pk="id",
        foreign_keys=FOUND_KEYS,
    ),
    "addressees": dict(
        columns={"id": str, "document_id": str, "organization_id": str, "country_code": str, **NAME_FOUND},
        pk="id",
        foreign_keys=[*FOUND_KEYS, ("country_code", "countries", "code")],
    ),
    "document_issuers": dict(
        columns={"id": str, "document_id": str, "organization_id": str, "how": str, **NAME_FOUND},
        pk="id",
        foreign_keys=FOUND_KEYS,
    ),
    "quality_notes": dict(
        columns={"id": str, "kind": str, "note": str, "source_id": str, "document_id": str, "passage_id": str},
        pk="id",
        foreign_keys=[("source_id", "sources", "id"), ("document_id", "documents", "id"), ("passage_id", "passages", "id")],
    ),
    "themes": dict(columns={"id": str, "name": str, "description": str, "cues": str}, pk="id"),
    "demands": dict(
        columns={"id": str, "document_id": str, "passage_id": str, "kind": str, "text": str, "start_char": int,
                 "end_char": int, "position": int, "themes": str, "found_by": str, "source_id": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("passage_id", "passages", "id"), ("source_id", "sources", "id")],
    ),
    "demand_themes": dict(
        columns={"id": int, "demand_id": str, "theme_id": str, "cue": str, "how": str, "source_id": str},
        pk="id",
        foreign_keys=[("demand_id", "demands", "id"), ("theme_id", "themes", "id"), ("source_id", "sources", "id")],
    ),
    "demand_countries": dict(
        columns={"id": int, "demand_id": str, "country_code": str, "name_as_written": str, "source_id": str},
        pk="id",
        foreign_keys=[("demand_id", "demands", "id"), ("country_code", "countries", "code"), ("source_id", "sources", "id")],
    ),
    "passage_countries": dict(
        columns={"id": int, "passage_id": str, "country_code": str, "mentions": int, "first_as_written": str,
                 "start_char": int, "end_char": int, "source_id": str},
        pk="id",
        foreign_keys=[("passage_id", "passages", "id"), ("country_code", "countries", "code"), ("source_id", "sources", "id")],
    ),
    "review": dict(
        columns={"id": str, "source_id": str, "document_id": str, "passage_id": str, "kind": str, "text": str,
                 "start_char": int, "end_char": int, "correction": str, "note": str, "reader_url": str},
        pk="id",
        foreign_keys=[("source_id", "sources", "id"), ("document_id", "documents", "id"), ("passage_id", "passages", "id")],
    ),
    "build_info": dict(columns={"key": str, "value": str}, pk="key"),
    "passage_word_lists": dict(columns={"id": int, "word": str, "passages": int, "part": int, "rowids": bytes,
                                        "scores": bytes}, pk="id"),
}

PER_SOURCE = ["review", "demand_countries", "demand_themes", "demands", "passage_countries", "quality_notes", "document_issuers",
              "addressees", "signatories", "sections", "organization_aliases", "passages", "documents"]

INDEXES = {
    "documents": [["source_id"], ["date"], ["kind"]],
    "passages": [["document_id", "position"], ["source_id"], ["kind"]],  # kind: its facet reads the index, not the rows
    "country_names": [["name_folded"], ["code"]],
    "organization_aliases": [["alias_folded"], ["organization_id"], ["source_id"]],
    "sections": [["international_id"], ["organization_id"], ["country_code"], ["document_id"], ["source_id"]],
    "signatories": [["organization_id"], ["document_id"], ["source_id"]],
    "addressees": [["organization_id"], ["document_id"], ["source_id"]],
    "document_issuers": [["organization_id"], ["document_id"], ["source_id"]],
    "quality_notes": [["source_id"]],
    "review": [["source_id"], ["kind"]],
    "organizations": [["country_code"], ["kind"]],
    "demands": [["document_id"], ["passage_id"], ["kind"], ["source_id"]],
    "demand_themes": [["demand_id"], ["theme_id"], ["source_id"]],
    "demand_countries": [["demand_id"], ["country_code"], ["source_id"]],
    "passage_countries": [["passage_id"], ["country_code"], ["source_id"]],
}

FTS = {"passages": ["text", "heading"], "documents": ["title"], "organizations": ["name", "abbreviation", "name_original"],
       "demands": ["text"]}


def open_for_build(path: str) -> sqlite_utils.Database:
    """A database tuned for a build into a scratch file that is renamed only on success."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA cache_size = -262144")  # 256 MB of page cache: indexes and FTS segments stay in memory
    return db


# The passages in the archive's order (rowid), for Datasette's table search of a common word (plugins/table_search.py).
VIEWS = {"passages_in_order": "select rowid as passage_rowid, * from passages"}


def create_tables(db: sqlite_utils.Database) -> None:
    for name, spec in SCHEMA.items():
        db.table(name).create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"), not_null={spec["pk"]})


def create_views(db: sqlite_utils.Database) -> None:
    for name, sql in VIEWS.items():
        db.create_view(name, sql, ignore=True)


def create_indexes(db: sqlite_utils.Database) -> None:
    for name, indexes in INDEXES.items():
        for columns in indexes:
            db.table(name).create_index(columns)


def create_fts(db: sqlite_utils.Database) -> None:
    """Full-text indexes filled from their tables in one pass, with triggers that keep them in step afterwards."""
    for name, columns in FTS.items():
        db.table(name).enable_fts(columns, tokenize=TOKENIZE, create_triggers=True)


def suspend_fts_triggers(db: sqlite_utils.Database) -> list[str]:
    """Drop the triggers that keep the full-text indexes in step, and give back their SQL for resume_fts_triggers.

    A full build only appends rows; feeding the full-text indexes from the tables in large batches
    (feed_fts) costs a fraction of a trigger's work row by row."""
    triggers = [(name, sql) for name, sql in db.execute(
        "select name, sql from sqlite_master where type = 'trigger' and tbl_name in ({}) order by rowid".format(
            ", ".join("?" for _ in FTS)), list(FTS)).fetchall()]
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER [{name}]")
    return [sql for _, sql in triggers]


def feed_fts(db: sqlite_utils.Database, fed: dict[str, int]) -> dict[str, int]:
    """Add to each full-text index the rows of its table after the rowids already fed; the new high marks."""
    marks = {}
    for name, columns in FTS.items():
        top = db.execute(f"select max(rowid) from [{name}]").fetchone()[0] or 0
        if top > fed.get(name, 0):
            listed = ", ".join(f"[{c}]" for c in columns)
            db.execute(f"INSERT INTO [{name}_fts] (rowid, {listed}) SELECT rowid, {listed} FROM [{name}] WHERE rowid > ?",
                       [fed.get(name, 0)])
        marks[name] = top
    return marks


def resume_fts_triggers(db: sqlite_utils.Database, triggers: list[str]) -> None:
    for sql in triggers:
        db.execute(sql)


def year_of(date: str | None) -> int | None:
    return int(date[:4]) if date else None


WRITTEN_PER_SOURCE = ("sources", "documents", "passages", "organizations", "sections", "signatories", "addressees",
                      "document_issuers", "quality_notes", "review", "demands", "demand_themes", "demand_countries",
                      "passage_countries", "organization_aliases")


def written_columns(table: str, schema: dict[str, dict] = SCHEMA) -> tuple[str, ...]:
    """The columns a table's rows are written with, from SCHEMA (an integer id is SQLite's to give)."""
    columns = schema[table]["columns"]
    return tuple(column for column in columns if not (column == "id" and columns["id"] is int))


# The columns each table is written with, in the order of the rows source_rows() gives: SCHEMA's.
COLUMNS: dict[str, tuple[str, ...]] = {table: written_columns(table) for table in WRITTEN_PER_SOURCE}
IGNORE_EXISTING = {"organizations"}  # an organization already in the database keeps its row


def insert_sql(table: str) -> str:
    columns = COLUMNS[table]
    verb = "INSERT OR IGNORE" if table in IGNORE_EXISTING else "INSERT"
    return f"{verb} INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"


def organization_row(o) -> tuple:
    return (o.id, o.name, o.abbreviation, o.kind, o.country_code, int(o.curated), o.name_original,
            json.dumps(list(o.abbreviations), ensure_ascii=False) if o.abbreviations else None,
            o.note, json.dumps(list(o.evidence)) if o.evidence else None, o.wikidata, o.partyfacts)


def source_rows(records: SourceRecords, sidecar_sha256: str | None) -> dict[str, list[tuple]]:
    """The rows of one source and of everything derived from it, table by table in the order they are written.

    Plain tuples: cheap to send from a worker process to the one that writes the database.
    """
    source = records.source
    sid = source.id
    counts: dict[str, int] = {}
    for passage in records.passages:
        counts[passage.document_id] = counts.get(passage.document_id, 0) + 1
    issuers: dict[str, list[str]] = {}
    for issuer in records.issuers:
        listed = issuers.setdefault(issuer.document_id, [])
        if issuer.name.organization_id and issuer.name.organization_id not in listed:
            listed.append(issuer.name.organization_id)
    seen = {(r.organization_id, r.name_as_written) for r in _matches(records) if r.organization_id}
    return {
        "sources": [(sid, source.path, source.sidecar_path, source.title, source.publisher, source.author, source.url,
                     source.published, source.added, source.language, source.sha256, sidecar_sha256,
                     len(records.documents), source.text)],
        "documents": [(d.id, d.source_id, d.title, d.date, year_of(d.date), d.kind, d.author,
                       json.dumps(issuers.get(d.id, []), ensure_ascii=False), d.start_char, d.end_char, d.word_count,
                       counts.get(d.id, 0)) for d in records.documents],
        "passages": [(p.id, p.document_id, sid, p.position, p.heading, p.kind, p.marker, p.text, p.start_char, p.end_char)
                     for p in records.passages],
        "organizations": [organization_row(o) for o in records.new_organizations],
        "sections": [(r.id, r.international_id, r.member.organization_id, r.country_code, r.status,
                      r.international_as_written, r.document_id, *_name(r.member), sid) for r in records.sections],
        "signatories": [(r.id, r.document_id, r.name.organization_id, r.role, r.position, *_name(r.name), sid)
                        for r in records.signatories],
        "addressees": [(r.id, r.document_id, r.name.organization_id, r.country_code, *_name(r.name), sid)
                       for r in records.addressees],
        "document_issuers": [(r.id, r.document_id, r.name.organization_id, r.how, *_name(r.name), sid)
                             for r in records.issuers],
        "quality_notes": [(n.id, n.kind, n.note, n.source_id, n.document_id, n.passage_id) for n in records.notes],
        "review": [(r.id, r.source_id, r.document_id, r.passage_id, r.kind, r.text, r.start_char, r.end_char, r.correction,
                    r.note, r.reader_url) for r in records.review],
        "demands": [(d.id, d.document_id, d.passage_id, d.kind, d.text, d.start_char, d.end_char, d.position,
                     json.dumps(sorted({t for t, _, _ in d.themes})), d.found_by, sid) for d in records.demands],
        "demand_themes": [(d.id, t, cue, how, sid) for d in records.demands for t, cue, how in d.themes],
        "demand_countries": [(d.id, code, written, sid) for d in records.demands for code, written in d.countries],
        "passage_countries": [(m.passage_id, m.country_code, m.mentions, m.first_as_written, m.start_char, m.end_char, sid)
                              for m in records.country_mentions],
        "organization_aliases": [(org, alias, "as written", fold(alias), sid) for org, alias in sorted(seen)],
    }


def insert_rows(db: sqlite_utils.Database, rows: dict[str, list[tuple]]) -> None:
    """Write the rows source_rows() made, in its order (which fixes the integer ids of the tables that have them)."""
    for table, table_rows in rows.items():
        if table_rows:
            db.conn.executemany(insert_sql(table), table_rows)


def _matches(records: SourceRecords) -> Iterator[NameMatch]:
    yield from (r.member for r in records.sections)
    yield from (r.name for r in records.signatories)
    yield from (r.name for r in records.addressees)
    yield from (r.name for r in records.issuers)


def _name(match: NameMatch) -> tuple:
    """name_as_written, passage_id, start_char, end_char, match, match_score, found_by."""
    return (match.name_as_written, match.passage_id, match.start_char, match.end_char, match.match, match.match_score,
            match.found_by)


def insert_organizations(db: sqlite_utils.Database, organizations) -> None:
    """Organizations of the registry (curated) or found in a text (not curated); an existing id is kept."""
    db.conn.executemany(insert_sql("organizations"), [organization_row(o) for o in organizations])


def insert_registries(db: sqlite_utils.Database, countries, registry, themes=()) -> None:
    """Countries with every name they are known by (unless None), the curated organizations with theirs, and the
    themes."""
    db.table("themes").insert_all(
        {"id": t.id, "name": t.name, "description": t.description, "cues": json.dumps(list(t.cues), ensure_ascii=False)}
        for t in themes
    )
    if countries is not None:
        db.table("countries").insert_all(asdict(c) for c in countries.countries.values())
        db.table("country_names").insert_all(
            {"code": n.code, "name": n.name, "how": n.how, "name_folded": fold(n.name)} for n in countries.names
        )
        db.table("country_names").insert_all(
            {"code": code, "name": code, "how": "ISO code", "name_folded": fold(code)} for code in countries.countries
        )
    insert_organizations(db, registry)
    rows = []
    for o in registry:
        rows.append((o.id, o.id, "id"))
        rows.append((o.id, o.name, "name"))
        if o.name_original:
            rows.append((o.id, o.name_original, "original name"))
        rows += [(o.id, a, "abbreviation") for a in o.abbreviations]
        rows += [(o.id, a, "alias") for a in o.aliases]
    db.table("organization_aliases").insert_all(
        {"organization_id": org, "alias": alias, "how": how, "alias_folded": fold(alias), "source_id": None}
        for org, alias, how in rows
    )


def replace_registries(db: sqlite_utils.Database, registry, themes) -> None:
    """In a database built on, the organization registry's rows and the themes as a full build writes them; the
    countries stay, as the registries extraction reads are the same (or the build would be a full one)."""
    db.execute("delete from organization_aliases where source_id is null")
    db.execute("delete from organizations where curated = 1")
    db.conn.executemany("delete from organizations where id = ?", [(o.id,) for o in registry])  # found, now curated
    db.execute("delete from themes")
    insert_registries(db, None, registry, themes)


def purge_orphans(db: sqlite_utils.Database) -> None:
    """Organizations found only in sources that are gone: not curated and referenced by nothing."""
    db.execute("""
        delete from organizations where curated = 0 and id not in (select id from (
          select organization_id as id from sections union select international_id from sections
          union select organization_id from signatories union select organization_id from addressees
          union select organization_id from document_issuers) where id is not null)
    """)  # without the nulls (an addressee who is people), which would make "not in" never true


def delete_source(db: sqlite_utils.Database, source_id: str) -> None:
    """Remove a source and every row derived from it (before it is loaded again, or when it is gone)."""
    for table in PER_SOURCE:
        db.execute(f"delete from [{table}] where source_id = ?", [source_id])
    db.execute("delete from sources where id = ?", [source_id])


def stored_sources(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    """Source id to (text sha256, sidecar sha256) of what the database holds."""
    if "sources" not in db.table_names():
        return {}
    rows = db.query("select id, sha256, sidecar_sha256 from sources")
    return {row["id"]: (row["sha256"], row["sidecar_sha256"]) for row in rows}


def stored_documents(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Source id to the ids of its documents, in the order of its sidecar."""
    documents: dict[str, list[str]] = {}
    for row in db.query("select source_id, id from documents order by rowid"):
        documents.setdefault(row["source_id"], []).append(row["id"])
    return documents


def held_sources(path: Path) -> tuple[dict[str, tuple[str, str]], dict[str, list[str]]]:
    """What a database holds, read without writing to it: its sources' hashes, and the ids of their documents."""
    db = sqlite_utils.Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
    try:
        return stored_sources(db), stored_documents(db)
    finally:
        db.close()


def has_schema(db: sqlite_utils.Database) -> bool:
    """Whether the database has every table of SCHEMA with its columns, in order: one made by an earlier schema
    cannot be built on."""
    tables = set(db.table_names())
    return all(name in tables and list(db.table(name).columns_dict) == list(spec["columns"]) for name, spec in SCHEMA.items())


def read_build_info(db: sqlite_utils.Database) -> dict[str, str]:
    if "build_info" not in db.table_names():
        return {}
    return {row["key"]: row["value"] for row in db.query("select key, value from build_info")}


def longest_text(db: sqlite_utils.Database) -> int:
    """The length in bytes of the longest text stored: the server bounds every string a query builds by it."""
    return db.execute("select coalesce(max(length(cast(text as blob))), 0) from sources").fetchone()[0]


def naming_info(naming: Naming) -> str:
    """raw/naming.yml as the build read it, for build_info: what a server needs to match names as the build did
    (etl.naming.naming_of makes it again)."""
    return json.dumps({"abbreviations": naming.abbreviations, "distinguishing": sorted(naming.distinguishing)},
                      ensure_ascii=False)


def write_build_info(db: sqlite_utils.Database, info: dict[str, str]) -> None:
    db.table("build_info").upsert_all(({"key": k, "value": v} for k, v in info.items()), pk="key")


def finish(db: sqlite_utils.Database, sample: bool = False) -> None:
    """Statistics for the query planner; no VACUUM, which would renumber the rowids FTS points at.

    sample: estimate them from a thousand rows of each index, as after a few sources changed, when
    the statistics of the full build hardly move and reading every index again would cost more
    than the change."""
    if sample:
        db.execute("PRAGMA analysis_limit = 1000")
    db.execute("ANALYZE")
