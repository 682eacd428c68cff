"""Limits on what one query may allocate, which the time limit cannot stop.

sql_time_limit_ms interrupts a query between steps, but a single step such as
randomblob(1000000000) or a huge printf() allocates all at once. Capping the
length of any string or blob SQLite builds keeps such a query from exhausting
a replica's memory; it fails at once with "string or blob too big". The cap is
far above anything the archive stores (a source text is tens of kilobytes).
"""
from __future__ import annotations

import sqlite3

from datasette import hookimpl

MAX_LENGTH = 50_000_000  # bytes


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)
