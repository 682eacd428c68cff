"""The schema of an immutable database, read once.

Datasette asks SQLite for a table's columns, keys, full-text table and label column at every page that shows the
table, and for those of every table at the database page (four queries a table, each a trip through the SQL
threads): under load the database page took a second. A database served immutable (bin/serve) cannot change
while it is served, so each answer is kept; every caller gets its own copy. A mutable database is asked every time.

The same holds for the one query Datasette runs at every check of the permission to see a table (how
sqlite_master spells its name): twenty-six of them on the database page.
"""
from __future__ import annotations

import copy
import functools

import datasette.database

CACHED = ["table_exists", "table_names", "table_columns", "table_column_details", "primary_keys", "fts_table",
          "label_column_for_table", "foreign_keys_for_table", "hidden_table_names", "view_names",
          "get_all_foreign_keys", "get_table_definition", "get_view_definition", "attached_databases"]


# Datasette's own query, at every check of the permission to see a table.
SPELLING = "select name from sqlite_master where type in ('table', 'view') and name = ? collate nocase"


def read_once(method):
    """The method, whose answers an immutable database keeps per arguments."""

    @functools.wraps(method)
    async def cached(self, *args):
        if self.is_mutable or self.is_memory:
            return await method(self, *args)
        answers = self.__dict__.setdefault("_archive_schema", {})
        key = (method.__name__, args)
        if key not in answers:
            answers[key] = await method(self, *args)
        return copy.deepcopy(answers[key])

    cached.__archive_original__ = method  # type: ignore[attr-defined]
    return cached


for _name in CACHED:
    _method = getattr(datasette.database.Database, _name)
    setattr(datasette.database.Database, _name, read_once(getattr(_method, "__archive_original__", _method)))


_execute = getattr(datasette.database.Database.execute, "__archive_original__", datasette.database.Database.execute)


async def execute(self, sql, params=None, *args, **kwargs):
    """Database.execute, which an immutable database answers once for SPELLING and each table name."""
    if sql != SPELLING or self.is_mutable or self.is_memory or args or kwargs:
        return await _execute(self, sql, params, *args, **kwargs)
    answers = self.__dict__.setdefault("_archive_spelling", {})
    key = tuple(params or ())
    if key not in answers:
        answers[key] = await _execute(self, sql, params)
    return answers[key]  # read, never changed, by Datasette


execute.__archive_original__ = _execute  # type: ignore[attr-defined]
datasette.database.Database.execute = execute
