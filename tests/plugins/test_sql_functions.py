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
