"""Load stage: the only code that writes the database."""
from __future__ import annotations

import json
from dataclasses import asdict
import sqlite_utils

from .records import SourceRecords

TOKENIZE = "porter unicode61 remove_diacritics 2"

SCHEMA: dict[str, dict] = {
    "sources": dict(
        columns={
            "id": str, "path": str, "sidecar_path": str, "title": str, "publisher": str, "author": str,
            "url": str, "published": str, "language": str, "sha256": str, "sidecar_sha256": str,
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
    "build_info": dict(columns={"key": str, "value": str}, pk="key"),
}

INDEXES = {
    "documents": [["source_id"], ["date"], ["kind"]],
    "passages": [["document_id", "position"], ["source_id"]],
}

FTS = {"passages": ["text", "heading"], "documents": ["title"]}


def open_for_build(path: str) -> sqlite_utils.Database:
    """A database tuned for a build into a scratch file that is renamed only on success."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA foreign_keys = OFF")
    return db


def create_schema(db: sqlite_utils.Database) -> None:
    for name, spec in SCHEMA.items():
        db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"), not_null={spec["pk"]})
    for name, indexes in INDEXES.items():
        for columns in indexes:
            db[name].create_index(columns)
    for name, columns in FTS.items():
        db[name].enable_fts(columns, tokenize=TOKENIZE, create_triggers=True)


def year_of(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def insert_source(db: sqlite_utils.Database, records: SourceRecords, sidecar_sha256: str) -> None:
    """Write one source and everything derived from it."""
    source = records.source
    db["sources"].insert({
        "id": source.id, "path": source.path, "sidecar_path": source.sidecar_path, "title": source.title,
        "publisher": source.publisher, "author": source.author, "url": source.url, "published": source.published,
        "language": source.language, "sha256": source.sha256, "sidecar_sha256": sidecar_sha256,
        "document_count": len(records.documents), "text": source.text,
    })
    counts: dict[str, int] = {}
    for passage in records.passages:
        counts[passage.document_id] = counts.get(passage.document_id, 0) + 1
    db["documents"].insert_all(
        {**_row(document), "issued_by": json.dumps(list(document.issued_by), ensure_ascii=False),
         "year": year_of(document.date), "passage_count": counts.get(document.id, 0)}
        for document in records.documents
    )
    db["passages"].insert_all(
        {**_row(passage), "source_id": source.id} for passage in records.passages
    )


def delete_source(db: sqlite_utils.Database, source_id: str) -> None:
    """Remove a source and every row derived from it (before it is loaded again, or when it is gone)."""
    db.execute("delete from passages where source_id = ?", [source_id])
    db.execute("delete from documents where source_id = ?", [source_id])
    db.execute("delete from sources where id = ?", [source_id])


def stored_sources(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    """Source id to (text sha256, sidecar sha256) of what the database holds."""
    if "sources" not in db.table_names():
        return {}
    return {row["id"]: (row["sha256"], row["sidecar_sha256"]) for row in db.query("select id, sha256, sidecar_sha256 from sources")}


def read_build_info(db: sqlite_utils.Database) -> dict[str, str]:
    if "build_info" not in db.table_names():
        return {}
    return {row["key"]: row["value"] for row in db.query("select key, value from build_info")}


def write_build_info(db: sqlite_utils.Database, info: dict[str, str]) -> None:
    db["build_info"].upsert_all(({"key": k, "value": v} for k, v in info.items()), pk="key")


def finish(db: sqlite_utils.Database) -> None:
    """Statistics for the query planner; no VACUUM, which would renumber the rowids FTS points at."""
    db.execute("ANALYZE")


def _row(record: object) -> dict:
    row = asdict(record)  # type: ignore[call-overload]
    return {key: (json.dumps(list(value)) if isinstance(value, tuple) else value) for key, value in row.items()}
