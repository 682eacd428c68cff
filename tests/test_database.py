"""The built archive.db: the tables other tools rely on, and offsets that give back the exact text."""
from __future__ import annotations

import sqlite_utils
from support import SEEDS

CONTRACT = {
    "sources": {"id", "path", "title", "publisher", "url", "published", "language", "sha256", "text"},
    "documents": {"id", "source_id", "title", "date", "kind", "start_char", "end_char", "word_count"},
    "passages": {"id", "document_id", "position", "heading", "kind", "text", "start_char", "end_char"},
}


def test_the_contract_tables_and_columns_exist(archive_db):
    db = sqlite_utils.Database(archive_db)
    for table, columns in CONTRACT.items():
        assert columns <= set(db[table].columns_dict), table


def test_foreign_keys_link_passages_to_documents_to_sources(archive_db):
    db = sqlite_utils.Database(archive_db)
    assert {(fk.column, fk.other_table) for fk in db["passages"].foreign_keys} >= {("document_id", "documents")}
    assert {(fk.column, fk.other_table) for fk in db["documents"].foreign_keys} == {("source_id", "sources")}
    assert list(db.query("pragma foreign_key_check")) == []


def test_every_passage_and_document_round_trips_to_its_source_text(archive_db):
    db = sqlite_utils.Database(archive_db)
    texts = {row["id"]: row["text"] for row in db.query("select id, text from sources")}
    passages = list(db.query("select p.text, p.start_char, p.end_char, d.source_id from passages p join documents d on d.id = p.document_id"))
    assert passages
    for p in passages:
        assert texts[p["source_id"]][p["start_char"]:p["end_char"]] == p["text"]
    for d in db.query("select * from documents"):
        body = texts[d["source_id"]][d["start_char"]:d["end_char"]]
        assert body.strip() == body and body


def test_source_text_is_the_file_and_its_hash(archive_db):
    import hashlib
    from pathlib import Path
    db = sqlite_utils.Database(archive_db)
    for row in db.query("select path, sha256, text from sources"):
        data = Path(row["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
        assert data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n") == row["text"]


def test_the_five_seed_sources_and_the_documents_inside_them_are_archived(archive_db):
    db = sqlite_utils.Database(archive_db)
    per_source = {r["source_id"]: r["n"] for r in db.query("select source_id, count(*) n from documents group by source_id")}
    assert {source: per_source.get(source) for source in SEEDS} == SEEDS
    seeds = ", ".join(f"'{source}'" for source in SEEDS)
    kinds = {r["kind"] for r in db.query(f"select kind from documents where source_id in ({seeds})")}
    assert kinds == {"letter", "declaration", "resolution", "statement", "article", "web-page"}
    dated = {r["id"]: r["date"] for r in db.query(f"select id, date from documents where source_id in ({seeds}) and date is not null")}
    assert dated["icmlpo-2009-11-resolution-on-iran"] == "2009-11"
    assert dated["flt-2008-letter-to-46th-antiwar-assembly-japan"] == "2008-07-30"
    assert "workers-voice-our-international" not in dated  # an undated web page stays undated


def test_passage_ids_are_stable_across_rebuilds(archive_db, tmp_path):
    from etl.build import build
    again = tmp_path / "again.db"
    build(archive_db.parent / "raw", again, incremental=False)
    query = "select id, document_id, position, start_char, end_char from passages order by id"
    assert list(sqlite_utils.Database(archive_db).query(query)) == list(sqlite_utils.Database(again).query(query))
