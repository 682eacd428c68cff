"""What one query may build (plugins/limits.py): its functions called directly, and through the publication."""
from __future__ import annotations

import sqlite3

import pytest
from support import load_plugin

limits = load_plugin("limits")


@pytest.mark.parametrize("fmt, args, found", [
    ("%d", (), []),
    ("%5.2f", (), [5, 2]),
    ("%.*c", (2000000000, "x"), [2000000000]),
    ("%*d|%-*s", (12, 3, -40, "a"), [12, 40]),
    ("%%5d is not a width", (), []),
    ("%!.20g %,d", (1.5, 3), [20]),
    ("%.*c", ("not a number", "x"), []),
])
def test_widths_reads_widths_and_precisions_of_a_format(fmt, args, found):
    assert limits.widths(fmt, args) == found


@pytest.mark.parametrize("fmt, args", [
    ("%5.2f|%-4d|%s", (3.14159, 7, "x")), ("%q", ("it's",)), ("%Q", (None,)), ("%,d", (1234567,)),
    ("%.*c", (3, "x")), ("%x %o %e", (255, 8, 12345.678)), ("%w", ("a\"b",)), ("%", ()), ("%s %s", ("one",)),
    ("%1000d", (1,)), (None, ()),
])
def test_checked_format_gives_what_sqlite_printf_gives(fmt, args):
    placeholders = ", ".join("?" for _ in range(len(args) + 1))
    builtin = sqlite3.connect(":memory:").execute(f"select printf({placeholders})", (fmt, *args)).fetchone()[0]
    assert limits.checked_format(fmt, *args) == builtin


@pytest.mark.parametrize("fmt, args", [("%.*c", (2000000000, "x")), ("%1001d", (1,)), ("%*d", (-5000, 1)),
                                       ("%.1001f", (1.0,))])
def test_checked_format_refuses_widths_past_the_limit(fmt, args):
    with pytest.raises(limits.Refused, match="at most 1,000"):
        limits.checked_format(fmt, *args)


def test_the_rows_of_one_query_are_counted_on_their_own():
    conn = sqlite3.connect(":memory:")
    limits.prepare_connection(conn)
    half = limits.RESULT_BYTES // 2 // 500_000
    sql = f"with recursive r(i) as (select 1 union all select i + 1 from r where i < {half}) select zeroblob(500000) from r"
    for _ in range(3):  # each query under the budget, together over it
        assert len(conn.execute(sql).fetchall()) == half
    with pytest.raises(sqlite3.OperationalError, match="would take more than"):
        conn.execute(sql.replace(f"i < {half}", f"i < {3 * half}")).fetchall()


def test_the_length_limit_follows_the_longest_text_the_build_recorded():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table build_info (key text primary key, value text)")
    conn.execute("insert into build_info values ('longest_text', ?)", [str(3 * limits.MIN_LENGTH)])
    limits.prepare_connection(conn)
    assert conn.execute("select length(zeroblob(?))", [5 * limits.MIN_LENGTH]).fetchone()[0] == 5 * limits.MIN_LENGTH
    with pytest.raises(sqlite3.DataError, match="too big"):
        conn.execute("select zeroblob(?)", [7 * limits.MIN_LENGTH]).fetchone()


async def test_a_query_that_allocates_a_huge_blob_fails_at_once(ds):
    response = await ds.client.get("/archive.json", params={"sql": "select length(randomblob(1000000000))"})
    assert response.status_code == 400
    assert "too big" in response.text


async def test_ordinary_text_is_within_the_limit(ds):
    response = await ds.client.get("/archive.json", params={"sql": "select max(length(text)) as n from sources", "_shape": "array"})
    assert response.status_code == 200 and response.json()[0]["n"] > 1000


# Datasette has Python report an exception raised in an SQL function (sqlite3.enable_callback_tracebacks)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
async def test_a_refused_function_says_why_not_that_it_raised(ds):
    response = await ds.client.get("/archive.json", params={"sql": "select printf('%.*c', 5000, 'x')"})
    assert response.status_code == 400
    assert response.json()["error"] == "printf() and format() take widths and precisions of at most 1,000"
