"""The SQL helpers fold() and organization_matches(), called directly and through SQLite."""
from __future__ import annotations

import json
import sqlite3

import pytest
from support import ROOT, load_plugin

sql_functions = load_plugin("sql_functions")


@pytest.mark.parametrize("text, folded", [("Perú", "peru"), ("Panamá", "panama"), ("SÉNÉGAL", "senegal"), (None, None)])
def test_fold_removes_case_and_accents(text, folded):
    assert sql_functions.fold(text) == folded


@pytest.mark.parametrize("text", ["Perú", "Workers’ Voice", "Liga – Obrera", "  Ünïcödé  ", "ÇA"])
def test_fold_agrees_with_the_build(text):
    from etl.common.normalize import fold
    assert sql_functions.fold(text) == fold(text)


@pytest.fixture
def aliases():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table organization_aliases (organization_id, alias_folded)")
    conn.executemany("insert into organization_aliases values (?, ?)", [
        ("pst-co", "partido socialista de los trabajadores"), ("pst-pe", "partido socialista de los trabajadores"),
        ("pst-co", "pst"), ("lit", "liga internacional de los trabajadores"), ("lit", "lit-ci")])
    sql_functions.prepare_connection(conn)
    return conn


@pytest.mark.parametrize("typed, ids", [
    ("Partido Socialista de los Trabajadores", ["pst-co", "pst-pe"]),  # exactly: every organization of that name
    ("LIT-CI", ["lit"]), ("  lit-ci ", ["lit"]),
    ("trabajadores", ["lit", "pst-co", "pst-pe"]),  # no exact name: those whose names contain it
    ("ps", []),  # under three characters, only an exact name
    ("pst", ["pst-co"]),  # an exact name wins over the names that contain it
    ("", []), (None, []),
])
def test_organization_matches_an_exact_name_else_a_part_of_one(aliases, typed, ids):
    assert json.loads(aliases.execute("select organization_matches(?)", [typed]).fetchone()[0]) == ids
    rows = aliases.execute("select value from json_each(organization_matches(?))", [typed]).fetchall()
    assert [row[0] for row in rows] == ids


def test_no_canned_query_looks_an_organization_up_on_its_own():
    import yaml
    queries = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"]["archive"]["queries"]
    assert [name for name, query in queries.items() if "alias_folded" in query["sql"]] == []
    assert sum("organization_matches(" in query["sql"] for query in queries.values()) >= 5
