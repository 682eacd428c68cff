"""Small SQL functions the canned queries need and SQLite lacks.

- fold(text): lower case without accents and with plain quotes, so 'Perú' = 'peru';
  the same folding as etl.normalize.fold, which fills the *_folded columns.
Deterministic, so that SQLite may use it in indexes and skip repeated calls.
search_terms() is in search_input.py, with the bounds of what may be searched.
"""
from __future__ import annotations

import unicodedata

from datasette import hookimpl

QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})


def fold(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(QUOTES).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


@hookimpl
def prepare_connection(conn):
    conn.create_function("fold", 1, fold, deterministic=True)
