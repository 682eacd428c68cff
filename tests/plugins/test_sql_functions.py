"""The SQL helper fold(), called directly."""
from __future__ import annotations

import pytest
from support import load_plugin

sql_functions = load_plugin("sql_functions")


@pytest.mark.parametrize("text, folded", [("Perú", "peru"), ("Panamá", "panama"), ("SÉNÉGAL", "senegal"), (None, None)])
def test_fold_removes_case_and_accents(text, folded):
    assert sql_functions.fold(text) == folded


@pytest.mark.parametrize("text", ["Perú", "Workers’ Voice", "Liga – Obrera", "  Ünïcödé  ", "ÇA"])
def test_fold_agrees_with_the_build(text):
    from etl.normalize import fold
    assert sql_functions.fold(text) == fold(text)
