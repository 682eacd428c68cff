"""JSON and CSV behind every table page."""
from __future__ import annotations

import csv
import io

import pytest

TABLES = ["sources", "documents", "passages"]


@pytest.mark.parametrize("table", TABLES)
async def test_every_table_has_json(ds, table):
    response = await ds.client.get(f"/archive/{table}.json", params={"_shape": "objects"})
    assert response.status_code == 200
    assert response.json()["rows"]


@pytest.mark.parametrize("table", TABLES)
async def test_every_table_streams_whole_as_csv(ds, archive_db, table):
    import sqlite_utils
    response = await ds.client.get(f"/archive/{table}.csv", params={"_stream": "on", "_size": "max"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == sqlite_utils.Database(archive_db)[table].count


async def test_the_canned_query_has_csv(ds):
    response = await ds.client.get("/archive/search.csv", params={"q": "Iran"})
    assert response.status_code == 200
    header = next(csv.reader(io.StringIO(response.text)))
    assert header[:2] == ["passage_id", "document"]
