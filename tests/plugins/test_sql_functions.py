"""The SQL helpers, called directly."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("sql_functions", Path(__file__).parents[2] / "plugins" / "sql_functions.py")
sql_functions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sql_functions)


@pytest.mark.parametrize("typed, query", [
    ("Peru wages", '"Peru" "wages"'),
    ('"the wall', '"the" "wall"'),
    ("NEAR( a* ^b", '"NEAR" "a" "b"'),
    ("  ", ""),
    ('"', ""),
    (None, ""),
])
def test_search_terms_quotes_every_word_and_drops_syntax(typed, query):
    assert sql_functions.search_terms(typed) == query


@pytest.mark.parametrize("text, folded", [("Perú", "peru"), ("Panamá", "panama"), ("SÉNÉGAL", "senegal"), (None, None)])
def test_fold_removes_case_and_accents(text, folded):
    assert sql_functions.fold(text) == folded


@pytest.mark.parametrize("text", ["Perú", "Workers’ Voice", "Liga – Obrera", "  Ünïcödé  ", "ÇA"])
def test_fold_agrees_with_the_build(text):
    from etl.normalize import fold
    assert sql_functions.fold(text) == fold(text)


async def test_a_query_that_allocates_a_huge_blob_fails_at_once(ds):
    response = await ds.client.get("/archive.json", params={"sql": "select length(randomblob(1000000000))"})
    assert response.status_code == 400
    assert "too big" in response.text


async def test_ordinary_text_is_within_the_limit(ds):
    response = await ds.client.get("/archive.json", params={"sql": "select max(length(text)) as n from sources", "_shape": "array"})
    assert response.status_code == 200 and response.json()[0]["n"] > 1000
