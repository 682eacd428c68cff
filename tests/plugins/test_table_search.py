"""Datasette's table search on the passages (plugins/table_search.py): a common word answered in the archive's order."""
from __future__ import annotations

import sqlite3

import pytest
from datasette.plugins import pm


@pytest.fixture
def few(ds, monkeypatch):
    """Searches count as large past one passage in the plugin served, so that the seeds' words take the large path."""
    served = [plugin for plugin in pm.get_plugins() if getattr(plugin, "__name__", "") == "table_search.py"]
    assert served
    for plugin in served:
        monkeypatch.setattr(plugin, "LARGE", 1)


async def test_a_search_of_many_passages_is_answered_in_the_archives_order_without_count(ds, archive_db, few):
    response = await ds.client.get("/archive/passages.json", params={"_search": "workers", "_shape": "objects"})
    assert response.status_code == 200
    body = response.json()
    with sqlite3.connect(archive_db) as conn:
        expected = [row[0] for row in conn.execute(
            "select p.id from passages_fts join passages p on p.rowid = passages_fts.rowid "
            "where passages_fts match '\"workers\"' order by passages_fts.rowid limit 5")]
    assert [row["id"] for row in body["rows"][:5]] == expected
    assert body["filtered_table_rows_count"] is None and not body["facet_results"]


async def test_a_search_of_few_passages_or_with_a_sort_is_datasettes_own(ds, few):
    sorted_ = (await ds.client.get("/archive/passages.json", params={"_search": "workers", "_sort": "id"})).json()
    assert sorted_["filtered_table_rows_count"] > 0
    assert [row[0] for row in sorted_["rows"]] == sorted(row[0] for row in sorted_["rows"])


async def test_a_search_of_few_passages_is_counted(ds):
    body = (await ds.client.get("/archive/passages.json", params={"_search": "Honduras"})).json()
    assert body["filtered_table_rows_count"] > 0 and body["facet_results"]


async def test_the_large_search_pages_on(ds, few):
    first = (await ds.client.get("/archive/passages.json", params={"_search": "the", "_size": "5"})).json()
    assert first["next_url"]
    second = (await ds.client.get(first["next_url"].split("localhost", 1)[-1])).json()
    assert second["rows"] and not {tuple(r) for r in first["rows"]} & {tuple(r) for r in second["rows"]}
