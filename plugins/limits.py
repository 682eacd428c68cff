"""Limits on what one query may build, which the time limit alone cannot stop.

sql_time_limit_ms interrupts a query between steps of SQLite's virtual machine, but a single step can run long
or allocate much at once, and the rows fetched into Python are memory SQLite does not count. So, on every
connection:

- no string or blob may be longer than twice the longest text the archive stores (at least 1 MB): randomblob(),
  zeroblob(), replace(), group_concat(), substr() of a long value… fail at once with "string or blob too big";
- a LIKE or GLOB pattern is at most 100 characters, whose matching cannot explode;
- printf() and format() refuse widths and precisions over 1,000 (SQLite's own would build a two-gigabyte string
  in one step, whatever the length limit), and fts3_tokenizer(), which returns a pointer into the process, is
  refused;
- SQLite's heap is capped for the whole process (hard_heap_limit): a query that needs more fails with "out of
  memory";
- the rows of one query may take at most RESULT_BYTES: past it the query stops with a message saying so.

Together they keep a replica under MEMORY_BUDGET, documented in the README's Serving section: SQLite's heap, plus
at most one query's rows per SQL thread, each rendered once.
"""
from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
import time
import weakref

import datasette.database
from datasette import hookimpl

MIN_LENGTH = 1_000_000  # bytes: the shortest limit on strings and blobs, however short the archive's texts
LIKE_PATTERN_LENGTH = 100
FORMAT_WIDTH = 1_000  # the widest width or precision printf() may be asked for
HEAP_LIMIT = 256 * 1024 * 1024  # SQLite's heap, for the whole process
SOFT_HEAP_LIMIT = 128 * 1024 * 1024  # past this SQLite frees its caches before it allocates more
RESULT_BYTES = 24 * 1024 * 1024  # the text and blobs of one query's rows
MEMORY_BUDGET = 1024 * 1024 * 1024  # what one replica may take, whatever it is sent
OVER_BUDGET = (f"the rows of this query would take more than {RESULT_BYTES // 1024 // 1024} MB: ask for fewer rows, "
               "fewer columns or shorter values")
# Instructions between two looks at the clock: each look takes Python's GIL from the threads serving pages, and
# SQLite runs about 12,000 instructions a millisecond, so 10,000 keep the limit within a millisecond.
CHECK_EVERY = 100_000
UDF_FAILED = "user-defined function raised exception"  # all SQLite says when a Python function raised

# %[flags][width][.precision][length]type, where width and precision may be * (taken from the arguments)
FORMAT_SPEC = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d+))?l{0,2}[a-zA-Z%]")

# Per thread: SQLite's own printf(), the query being counted, the last refusal. Kept on Datasette's module, so that
# every copy of this one (Datasette loads plugins/ once per instance) shares it.
_thread = datasette.database.__dict__.setdefault("_archive_limits", threading.local())


class Refused(Exception):
    """A function refused its arguments; SQLite reports only that it raised, so the message is kept aside."""

    def __init__(self, message: str):
        super().__init__(message)
        _thread.refusal = message


def widths(fmt: str, args: tuple) -> list[int]:
    """The widths and precisions a printf() format asks for, those given as * taken from the arguments."""
    found, taken = [], 0  # taken: the arguments used so far, by a * or by a conversion
    for spec in FORMAT_SPEC.finditer(fmt):
        for part in spec.groups()[:2]:
            if part == "*":
                value, taken = (args[taken] if taken < len(args) else 0), taken + 1
            elif part is None:
                continue
            else:
                value = part
            try:
                found.append(abs(int(value)))
            except (TypeError, ValueError):
                continue  # SQLite takes a non-number as 0
        taken += spec.group(0)[-1] != "%"
    return found


def builtin_printf(fmt, *args):
    connection = getattr(_thread, "printf", None)
    if connection is None:
        connection = _thread.printf = sqlite3.connect(":memory:")
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MIN_LENGTH)
    placeholders = ", ".join("?" for _ in range(len(args) + 1))
    return connection.execute(f"select printf({placeholders})", (fmt, *args)).fetchone()[0]


def checked_format(fmt, *args):
    """SQLite's printf()/format(), refusing a width or precision over FORMAT_WIDTH before it builds anything."""
    if fmt is None:
        return None
    if any(width > FORMAT_WIDTH for width in widths(str(fmt), args)):
        raise Refused(f"printf() and format() take widths and precisions of at most {FORMAT_WIDTH:,}")
    return builtin_printf(fmt, *args)


def refused_tokenizer(*_args):
    raise Refused("fts3_tokenizer() is not available here")


def counted_row(cursor: sqlite3.Cursor, row: tuple) -> sqlite3.Row:
    """sqlite3.Row, counting the bytes of the rows of one query (one cursor): past RESULT_BYTES it stops."""
    if getattr(_thread, "cursor", lambda: None)() is not cursor:
        _thread.cursor, _thread.spent = weakref.ref(cursor), 0
    _thread.spent += sum(len(value) for value in row if isinstance(value, (str, bytes)))
    if _thread.spent > RESULT_BYTES:
        raise sqlite3.OperationalError(OVER_BUDGET)
    return sqlite3.Row(cursor, row)


def longest_value(conn: sqlite3.Connection) -> int:
    """The longest text the archive stores, in bytes, as the build recorded it (0 if it did not)."""
    try:
        row = conn.execute("select value from build_info where key = 'longest_text'").fetchone()
    except sqlite3.Error:
        return 0
    return int(row[0]) if row and str(row[0]).isdigit() else 0


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max(MIN_LENGTH, 2 * longest_value(conn)))
    conn.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, LIKE_PATTERN_LENGTH)
    for name in ("printf", "format"):
        conn.create_function(name, -1, checked_format, deterministic=True)
    for arguments in (1, 2):  # SQLite prefers a function of the exact number of arguments to one of any number
        conn.create_function("fts3_tokenizer", arguments, refused_tokenizer)
    conn.execute(f"PRAGMA hard_heap_limit = {HEAP_LIMIT}")
    conn.execute(f"PRAGMA soft_heap_limit = {SOFT_HEAP_LIMIT}")
    conn.row_factory = counted_row


@contextlib.contextmanager
def time_limit(conn, ms):
    """Datasette's sqlite_timelimit, looking at the clock every CHECK_EVERY instructions instead of every 1,000,
    and failing a refusal of checked_format() or refused_tokenizer() with its own message instead of SQLite's
    "user-defined function raised exception"."""
    deadline = time.perf_counter() + ms / 1000
    _thread.refusal = None

    def past_deadline() -> int:
        return 1 if time.perf_counter() >= deadline else 0

    every = 1 if ms <= 20 else CHECK_EVERY  # Datasette's own: a tiny limit is checked at every instruction
    conn.set_progress_handler(past_deadline, every)
    try:
        yield
    except sqlite3.OperationalError as error:
        if error.args == (UDF_FAILED,) and _thread.refusal:
            raise sqlite3.OperationalError(_thread.refusal) from None
        raise
    finally:
        conn.set_progress_handler(None, every)


# Datasette runs every query inside datasette.database.sqlite_timelimit.
datasette.database.sqlite_timelimit = time_limit
