"""JSON and CSV behind every table page."""
from __future__ import annotations

import csv
import io

import pytest
import sqlite_utils
from support import ROOT


def described_tables() -> dict[str, dict]:
    import yaml
    return yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["archive"]["tables"]


def public_tables() -> list[str]:
    """Every table the metadata does not hide: the contract tables and all the others."""
    return [name for name, spec in described_tables().items() if not spec.get("hidden")]


TABLES = public_tables()
HIDDEN = {name for name, spec in described_tables().items() if spec.get("hidden") and "_fts" not in name}


def test_every_table_of_the_database_is_described(archive_db):
    db = sqlite_utils.Database(archive_db)
    real = {t for t in db.table_names() if "_fts" not in t and t != "sqlite_stat1"}
    assert real - HIDDEN == set(TABLES)
    assert real | set(db.view_names()) >= HIDDEN


@pytest.mark.parametrize("table", TABLES)
async def test_every_table_has_json(ds, table):
    response = await ds.client.get(f"/archive/{table}.json", params={"_shape": "objects"})
    assert response.status_code == 200
    assert response.json()["rows"], f"{table} is empty"


@pytest.mark.parametrize("table", TABLES)
async def test_every_table_streams_whole_as_csv(ds, archive_db, table):
    response = await ds.client.get(f"/archive/{table}.csv", params={"_stream": "on", "_size": "max"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == sqlite_utils.Database(archive_db)[table].count


async def test_the_canned_query_has_csv(ds):
    response = await ds.client.get("/archive/search.csv", params={"q": "Iran"})
    assert response.status_code == 200
    header = next(csv.reader(io.StringIO(response.text)))
    assert header[:2] == ["passage_id", "document"]


def test_every_column_of_every_table_is_described(archive_db):
    import yaml
    tables = yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["archive"]["tables"]
    db = sqlite_utils.Database(archive_db)
    missing = [f"{table}.{column}" for table in TABLES for column in db[table].columns_dict
               if not (tables[table].get("columns") or {}).get(column)]
    assert missing == []
