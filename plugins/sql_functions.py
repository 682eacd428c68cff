"""Small SQL functions the canned queries need and SQLite lacks.

- fold(text): lower case without accents and with plain quotes, so 'Perú' = 'peru';
  the same folding as etl.common.normalize.fold, which fills the *_folded columns. Deterministic, so that SQLite may
  use it in indexes and skip repeated calls.
- organization_matches(text): the ids of the organizations a visitor means by what they typed, as a JSON list
  (for json_each): those with that name, abbreviation or alias exactly (folded); else, from three characters,
  those with one that contains it. The one declaration of how the canned queries look an organization up.
search_terms() is in search_input.py, with the bounds of what may be searched.
"""
from __future__ import annotations

import json
import sqlite3
import unicodedata

from datasette import hookimpl

QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})


def fold(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(QUOTES).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


EXACT = "select distinct organization_id from organization_aliases where alias_folded = ? order by 1"
CONTAINING = "select distinct organization_id from organization_aliases where alias_folded like '%' || ? || '%' order by 1"


def organization_matches(conn: sqlite3.Connection, typed: str | None) -> str:
    folded = fold(typed) or ""
    if not folded:
        return "[]"
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples, apart from the budget of the query that calls this
    ids = [row[0] for row in cursor.execute(EXACT, [folded]).fetchall()]
    if not ids and len(str(typed).strip()) >= 3:
        ids = [row[0] for row in cursor.execute(CONTAINING, [folded]).fetchall()]
    return json.dumps(ids, ensure_ascii=False)


@hookimpl
def prepare_connection(conn):
    conn.create_function("fold", 1, fold, deterministic=True)
    conn.create_function("organization_matches", 1, lambda typed: organization_matches(conn, typed))
