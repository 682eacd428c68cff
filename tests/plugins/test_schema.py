"""The schema of an immutable database, read once (plugins/schema.py)."""
from __future__ import annotations

import shutil
import sqlite3

import yaml
from datasette.app import Datasette
from support import ROOT, publication


async def test_an_immutable_database_answers_its_schema_once_with_a_copy_each_time(archive_db, monkeypatch):
    ds = Datasette(immutables=[str(archive_db)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()),
                   plugins_dir=str(ROOT / "plugins"))
    db = ds.get_database("archive")
    columns = await db.table_columns("documents")
    columns.append("changed by a caller")
    asked: list[object] = []
    original = type(db).execute_fn

    async def counted(self, fn):
        if self.name == "archive":  # not Datasette's own _internal database
            asked.append(fn)
        return await original(self, fn)

    monkeypatch.setattr(type(db), "execute_fn", counted)
    assert "changed by a caller" not in await db.table_columns("documents")
    assert await db.primary_keys("documents") == ["id"]  # asked once, then kept
    await db.primary_keys("documents")
    assert len(asked) == 1


async def test_a_mutable_database_is_asked_every_time(archive_db, tmp_path):
    path = tmp_path / "archive.db"
    shutil.copyfile(archive_db, path)
    db = publication(path).get_database("archive")
    assert "added" not in await db.table_names()
    with sqlite3.connect(path) as conn:
        conn.execute("create table added (x)")
    assert "added" in await db.table_names()
