"""Visitors' own SQL (plugins/sharing.py): which requests carry it, and which `_where` is one expression."""
from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from support import load_plugin

sharing = load_plugin("sharing")


@pytest.mark.parametrize("query_string, carries", [
    (b"sql=select+1", True), (b"_where=id+%3E+3", True), (b"sql=", False), (b"q=sql", False), (b"", False),
    (b"_sort=id&_where=", False),
])
def test_a_request_carries_sql_when_sql_or_where_is_given(query_string, carries):
    assert sharing.carries_sql({"query_string": query_string}) is carries


@pytest.mark.parametrize("where", ["id > 3", "kind = 'a)' or kind = \"b(\"", "[odd)name] = 1", "(a or b) and c",
                                   "text like '%--%'", "x = 'it''s'", "`a;b` = 1"])
def test_one_expression(where):
    assert sharing.is_one_expression(where)


@pytest.mark.parametrize("where", ["1) or (1", "1 -- the rest", "1 /* */", "1; select 2", "'open", "(1", ")(",
                                   "[open = 1"])
def test_not_one_expression(where):
    assert not sharing.is_one_expression(where)


def test_each_where_is_put_in_parentheses():
    pairs = parse_qsl(sharing.enclosed_wheres("_where=a+or+b&_where=c&_size=3&_where="), keep_blank_values=True)
    assert pairs == [("_where", "(a or b)"), ("_where", "(c)"), ("_size", "3"), ("_where", "")]
    assert sharing.enclosed_wheres("_where=1)+or+(1") is None


def test_a_client_is_refused_while_its_query_runs_and_after_a_long_one():
    share = sharing.Sharing()
    assert share.refusal("a") is None
    share.clients["a"] += 1
    assert share.refusal("a")[1] == sharing.RETRY_AFTER and share.refusal("b") is None
    share.clients["a"] -= 1
    share.free_at["a"] = sharing.time.monotonic() + 3
    message, retry_after = share.refusal("a")
    assert retry_after == 3 and "took long" in message
