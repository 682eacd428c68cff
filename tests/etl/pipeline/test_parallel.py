"""The digest of a source's rows, by which a resolve build keeps the rows the database holds."""
from __future__ import annotations

import pickle
import sys

from etl.pipeline.parallel import marshalled_rows


def rows_digest(rows) -> str:
    return marshalled_rows(rows)[1]

ROWS = {"passages": [("s-d1-p1", "The workers of the world", 0, 24, None, 1.5)],
        "signatories": [("s-d1-g1", "s-d1", "Party of Labour", True)]}


def test_equal_rows_have_one_digest_whichever_objects_they_share():
    copied = pickle.loads(pickle.dumps(ROWS))
    interned = {table: [tuple(sys.intern(value) if isinstance(value, str) else value for value in row) for row in rows]
                for table, rows in ROWS.items()}
    shared = {table: [row, row] for table, rows in ROWS.items() for row in rows}
    twice = {table: [rows[0], tuple(rows[0])] for table, rows in ROWS.items()}
    assert rows_digest(copied) == rows_digest(interned) == rows_digest(ROWS)
    assert rows_digest(shared) == rows_digest(twice)


def test_any_change_of_a_value_changes_the_digest():
    changes = [("passages", 0, 1, "The workers of the World"), ("passages", 0, 4, ""), ("passages", 0, 5, 1.50001),
               ("signatories", 0, 3, 1)]
    for table, row, column, value in changes:
        changed = {name: list(rows) for name, rows in ROWS.items()}
        values = list(changed[table][row])
        values[column] = value
        changed[table][row] = tuple(values)
        assert rows_digest(changed) != rows_digest(ROWS), (table, column, value)
