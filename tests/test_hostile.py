"""Hostile SQL and searches against a real server (bin/serve): each is answered with a clear 400, 413 or 429, or
a correct 200, never a 500, and the server answers normally afterwards.

The client's timeout (TIMEOUT, several times the time limit) is what fails a request that runs on: how soon each
is answered is measured by `make bench`, not asserted here.
"""
from __future__ import annotations

import csv
import io
import json
import threading
import time
from pathlib import Path

import httpx
import pytest
import sqlite_utils
from support import ROOT, load_plugin, own_sql, served

from bench.runaway import is_interrupted

SETTINGS = json.loads((ROOT / "settings.json").read_text())
TIMEOUT = 15 * SETTINGS["sql_time_limit_ms"] / 1000


limits = load_plugin("limits")
search_input = load_plugin("search_input")


@pytest.fixture(scope="module")
def server(archive_db, tmp_path_factory):
    with served(archive_db, tmp_path_factory.mktemp("hostile")) as running:
        yield running


def sql_answer(server, sql: str, fmt: str = ".json", **params) -> httpx.Response:
    return own_sql(server, f"/archive{fmt}", sql=sql, **params)


def peak_memory(pid: int) -> int:
    """The server's peak resident memory so far, in bytes (VmHWM)."""
    line = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


def answers_normally(server) -> None:
    for path in ["/", "/archive/documents.json", "/archive/search.json?q=workers"]:
        assert server.get(path).status_code == 200, path
    assert sql_answer(server, "select 1 + 1 as two").json()["rows"] == [[2]]


BOMBS = {  # SQL that would build a huge value in one step of SQLite → what the error says
    "printf precision": ("select printf('%.*c', 2000000000, 'x')", "widths and precisions of at most"),
    "printf width": ("select length(printf('%2000000000d', 1))", "widths and precisions of at most"),
    "format precision in a recursive CTE": (
        "with recursive r(i) as (select 1 union all select i + 1 from r where i < 8) "
        "select length(format('%.*c', 100000000, 'x')) from r", "widths and precisions of at most"),
    "zeroblob": ("select length(zeroblob(2000000000))", "string or blob too big"),
    "randomblob": ("select length(randomblob(2000000000))", "string or blob too big"),
    "replace": ("select length(replace(hex(zeroblob(400000)), '0', '0000000000'))", "string or blob too big"),
    "group_concat": ("select length(group_concat(hex(zeroblob(100000)))) from passages a, passages b",
                     "string or blob too big"),
    "substr of a long blob": ("select length(substr(zeroblob(2000000000), 1, 5))", "string or blob too big"),
    "fts3_tokenizer": ("select fts3_tokenizer('simple')", "not available"),
    "fts3_tokenizer with a pointer": ("select fts3_tokenizer('mine', x'0000000000000000')", "not available"),
    "a LIKE pattern of 400 characters": ("select count(*) from passages where text like '" + "%a" * 200 + "'",
                                         "LIKE or GLOB pattern too complex"),
    "rows of gigabytes": ("with recursive r(i) as (select 1 union all select i + 1 from r where i < 1000) "
                          "select i, zeroblob(900000) as a, zeroblob(900000) as b, zeroblob(900000) as c from r",
                          "would take more than"),
}


@pytest.mark.parametrize("fmt", [".json", ".csv"])
@pytest.mark.parametrize("sql, says", BOMBS.values(), ids=list(BOMBS))
def test_sql_that_would_build_a_huge_value_is_refused_at_once_with_a_clear_400(server, sql, says, fmt):
    response = sql_answer(server, sql, fmt)
    assert response.status_code == 400, response.text[:300]
    error = response.json()["error"] if fmt == ".json" else response.text
    assert says in error
    assert "Traceback" not in response.text and "user-defined function raised exception" not in error
    if fmt == ".csv":
        assert response.text.startswith("error: ") and response.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize("sql, value", [
    ("select printf('%5.2f|%-4d|%s', 3.14159, 7, 'x')", " 3.14|7   |x"),
    ("select format('%.*c', 3, 'x')", "xxx"),
    ("select printf('%,d', 1234567)", "1,234,567"),
    ("select printf('%q', 'it''s')", "it''s"),
    ("select printf('%1000d', 1) = substr(printf('%1000d', 1), 1)", 1),
    ("select length(zeroblob(500000))", 500000),
])
def test_sql_within_the_limits_gives_the_value_sqlite_gives(server, sql, value):
    assert sql_answer(server, sql).json()["rows"] == [[value]]


def test_a_query_that_would_need_gigabytes_is_refused_and_the_server_stays_under_its_budget(server):
    # 1,000 rows of three 900 KB blobs: 2.7 GB if they were fetched, and more rendered as JSON
    sql = BOMBS["rows of gigabytes"][0]
    for _ in range(3):
        response = sql_answer(server, sql)
        assert response.status_code == 400 and "would take more than" in response.json()["error"]
    assert peak_memory(server.pid) < limits.MEMORY_BUDGET
    answers_normally(server)


def test_rows_under_the_budget_are_answered_whole(server):
    rows = limits.RESULT_BYTES // 2 // 500_000  # rows of 500,000 characters: half the budget
    sql = (f"with recursive r(i) as (select 1 union all select i + 1 from r where i < {rows}) "
           "select i, hex(zeroblob(250000)) as t from r")
    body = sql_answer(server, sql).json()
    assert len(body["rows"]) == rows and {len(t) for _, t in body["rows"]} == {500_000}


@pytest.mark.parametrize("fmt", [".json", ".csv", ""])
def test_a_runaway_query_is_cut_off_with_a_400_in_every_format(server, fmt):
    sql = "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"
    response = sql_answer(server, sql, fmt)
    assert response.status_code == 400
    if fmt == ".json":
        assert is_interrupted(response)
    else:
        assert "interrupted" in response.text or "too long" in response.text
        assert "Traceback" not in response.text


def streamed_lines(server, path: str, most: int, **params) -> list[str]:
    """The lines of a CSV stream of one's own SQL, sent again after Retry-After while answered 429; a stream
    that goes on past `most` lines fails the test."""
    for _ in range(10):
        with httpx.stream("GET", server.url + path, params=params, timeout=TIMEOUT * 4) as response:
            if response.status_code == 429:
                time.sleep(float(response.headers["retry-after"]))
                continue
            assert response.status_code == 200, response.read()[:500]
            lines = []
            for line in response.iter_lines():
                lines.append(line)
                assert len(lines) <= most, "the stream goes on past the table's rows"
            return lines
    raise AssertionError("refused with 429 ten times")


def test_a_csv_stream_cut_off_midway_ends_with_one_clear_line(server):
    # the first page is quick; past row 1,500 each row costs a count of millions (a subquery of the row, which
    # SQLite cannot work out once for the whole query); pages in the order of id (the table's own order is by code,
    # which would meet the slow part on the first page), and no count of the rows, which would meet it at once
    slow = "(select count(*) from country_names a, country_names b where a.id > country_names.id * 0)"
    where = f"rowid < 1500 or {slow} > 0"
    count = sqlite_utils.Database(server.db)["country_names"].count
    assert count > 1500 + SETTINGS["max_returned_rows"]  # or no page would meet the slow part
    lines = streamed_lines(server, "/archive/country_names.csv", count + 2, _stream="on", _where=where, _nocount="1",
                           _sort="id")
    assert lines[-1] == "error: the query took longer than the time limit and was interrupted: ask for less, or narrow it down"
    assert lines[0].startswith("id,") and len(lines) > SETTINGS["max_returned_rows"]  # the pages before the slow part
    assert not any("select" in line or "Interrupted" in line for line in lines)
    answers_normally(server)


def test_a_where_with_or_pages_through_the_table_once_and_ends(server):
    count = sqlite_utils.Database(server.db)["country_names"].count
    lines = streamed_lines(server, "/archive/country_names.csv", count + 2, _stream="on", _where="rowid < 3 or 1")
    ids = [row["id"] for row in csv.DictReader(io.StringIO("\n".join(lines)))]
    assert len(ids) == len(set(ids)) == count


@pytest.mark.parametrize("where", ["1) or (1", "1 -- and the rest", "1; select 2", "'unclosed", "(1"])
def test_a_where_that_is_not_one_expression_is_refused(server, where):
    response = server.get("/archive/passages.json", _where=where)
    assert response.status_code == 400 and "one SQL expression" in response.json()["error"]


@pytest.mark.parametrize("params", [{"_sort": "nope"}, {"_sort_desc": "nope"}, {"_sort": "id", "_sort_desc": "id"}])
@pytest.mark.parametrize("fmt", ["", ".json"])
def test_sorting_by_what_a_table_does_not_have_is_a_400(server, params, fmt):
    response = server.get(f"/archive/passages{fmt}", **params)
    assert response.status_code == 400
    assert "sort" in (response.json()["error"] if fmt else response.text)


LONG_SEARCHES = {
    "the, 2,500 times": " ".join(["the"] * 2500),
    "workers, 1,000 times": " ".join(["workers"] * 1000),
    "300 distinct words": " ".join(f"word{i}" for i in range(300)),
}


@pytest.mark.parametrize("typed", LONG_SEARCHES.values(), ids=list(LONG_SEARCHES))
@pytest.mark.parametrize("path, param", [("/archive/search.json", "q"), ("/archive/demands_search.json", "q"),
                                         ("/archive/passages.json", "_search"), ("/archive/demands.json", "_search")])
def test_a_long_search_is_answered_as_its_bounded_words(server, path, param, typed):
    response = httpx.get(server.url + path, params={param: typed}, timeout=TIMEOUT)
    assert response.status_code == 200, response.text[:300]
    words, cut = search_input.bounded_words(typed)
    bounded = httpx.get(server.url + path, params={param: " ".join(words)}, timeout=TIMEOUT)
    assert response.json()["rows"] == bounded.json()["rows"]
    assert ("x-search-cut" in response.headers) == cut


def test_a_cut_search_says_so_on_its_page(server):
    typed = " ".join(f"w{i}" for i in range(40))
    for path, param in [("/archive/search", "q"), ("/archive/passages", "_search")]:
        page = httpx.get(server.url + path, params={param: typed}, timeout=TIMEOUT).text
        assert f"first {search_input.MAX_TERMS} distinct words" in page
        assert "w15" in page.split("search-cut", 1)[1].split("</p>", 1)[0]
    plain = httpx.get(server.url + "/archive/search", params={"q": "workers"}, timeout=TIMEOUT).text
    assert "search-cut" not in plain


def test_raw_fts_syntax_in_a_table_search_is_taken_as_words(server):
    raw = server.get("/archive/passages.json", _search="work* OR NEAR(the", _searchmode="raw")
    words = server.get("/archive/passages.json", _search="work* OR NEAR(the")
    assert raw.status_code == words.status_code == 200
    assert raw.json()["rows"] == words.json()["rows"]


def test_a_second_query_of_ones_own_sql_while_the_first_runs_is_a_429_with_retry_after(server):
    sql = "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"
    assert sql_answer(server, "select 1").status_code == 200  # no wait left over from the tests before
    first: list[httpx.Response] = []
    runaway = threading.Thread(target=lambda: first.append(server.get("/archive.json", sql=sql)))
    runaway.start()
    try:
        second = None
        time.sleep(SETTINGS["sql_time_limit_ms"] / 1000 / 4)  # so that the runaway query comes first
        while runaway.is_alive():
            second = server.get("/archive.json", sql="select 1")
            if second.status_code == 429:
                break
        assert second is not None and second.status_code == 429, "the first query was not running any more"
        assert int(second.headers["retry-after"]) >= 1 and "running" in second.json()["error"]
        # meanwhile the pages and the canned queries answer
        assert server.get("/archive/search.json", q="workers").status_code == 200
        assert server.get("/archive/documents").status_code == 200
    finally:
        runaway.join()
    assert is_interrupted(first[0])
    answers_normally(server)


@pytest.mark.parametrize("path", ["/", "/archive/documents", "/archive/documents.json", "/archive/documents.csv",
                                  "/archive.json?sql=select+nope", "/archive/nope", "/-/static/app.css"])
def test_every_answer_says_nosniff_and_carries_a_content_security_policy(server, path):
    response = own_sql(server, path) if "sql=" in path else server.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-eval'" not in policy  # no code the pages load compiles strings


def test_the_server_answers_normally_after_everything_above(server):
    answers_normally(server)
    log = server.log.read_text()
    assert " 500 " not in log and "500 Internal Server Error" not in log


def test_a_fresh_server_is_not_slowed_by_what_another_client_sent(archive_db, tmp_path):
    """Refusals are per client and end: a client refused after a runaway query is answered once it waited."""
    with served(archive_db, tmp_path) as fresh:
        sql = "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"
        assert is_interrupted(sql_answer(fresh, sql))
        refused = fresh.get("/archive.json", sql="select 1")
        assert refused.status_code == 429
        time.sleep(float(refused.headers["retry-after"]))
        assert fresh.get("/archive.json", sql="select 1").status_code == 200
