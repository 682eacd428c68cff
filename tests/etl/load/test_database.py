"""One declaration per column: load.SCHEMA. The rows source_rows() writes agree with it, column by column."""
from __future__ import annotations

import copy

import pytest
from support import ROOT

from etl.extract.source import extract_source
from etl.load import database as load
from etl.read.sources import read_source, source_paths
from etl.resolve.link import resolve_source
from etl.resolve.registries import load_registries


@pytest.fixture(scope="module")
def rows_of_every_source():
    registries = load_registries(ROOT / "raw")
    return [load.source_rows(resolve_source(extract_source(source, registries.countries, registries.naming),
                                            registries), "0" * 64)
            for source in map(read_source, source_paths(ROOT / "raw"))]


def disagreements(schema: dict, rows: dict[str, list[tuple]]) -> list[str]:
    """Where the rows of one source disagree with a schema: a table missing, a row of another width, a value of
    another type than its column's."""
    found = []
    for table, table_rows in rows.items():
        columns, written = schema[table]["columns"], load.written_columns(table, schema)
        for row in table_rows:
            if len(row) != len(written):
                found.append(f"{table}: a row of {len(row)} values for {len(written)} columns")
                continue
            found += [f"{table}.{column}: {value!r}" for column, value in zip(written, row, strict=True)
                      if value is not None and not isinstance(value, columns[column])
                      and not (columns[column] is float and isinstance(value, int))]
    return found


def test_every_row_written_has_the_columns_of_the_schema_in_their_order_and_types(rows_of_every_source):
    assert {table for rows in rows_of_every_source for table, found in rows.items() if found} >= {
        "sources", "documents", "passages", "signatories", "sections", "demands", "passage_countries"}
    for rows in rows_of_every_source:
        assert set(rows) == set(load.COLUMNS)
        assert disagreements(load.SCHEMA, rows) == []


def test_a_column_added_to_the_schema_alone_is_seen(rows_of_every_source):
    schema = copy.deepcopy(load.SCHEMA)
    schema["passages"]["columns"]["language"] = str
    assert any("passages: a row of" in d for rows in rows_of_every_source for d in disagreements(schema, rows))


def test_the_insert_statements_name_the_schema_columns():
    for table in load.COLUMNS:
        columns = load.written_columns(table)
        assert load.insert_sql(table).count("?") == len(columns)
        assert all(f"[{column}]" in load.insert_sql(table) for column in columns)


def test_when_a_source_entered_the_archive_is_written_as_its_sidecar_says(raw, tmp_path):
    import sqlite3

    from etl.build import build
    raw.copy_registries()
    raw.add("entered", "A statement.\n", "title: Entered\nkind: statement\nadded: 2024-05-01T07:30:00Z\n")
    raw.add("unsaid", "Another statement.\n", "title: Unsaid\nkind: statement\n")
    build(raw.root, tmp_path / "archive.db")
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        added = dict(conn.execute("select id, added from sources"))
    assert added == {"entered": "2024-05-01T07:30:00+00:00", "unsaid": None}
