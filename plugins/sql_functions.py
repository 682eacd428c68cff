"""Small SQL functions the canned queries need and SQLite lacks.

- search_terms(q): what a person typed, as a safe FTS5 query (every word quoted,
  all required); '' when nothing searchable is left, so a query can answer an
  empty or punctuation-only box without an FTS5 syntax error.
- fold(text): lower case without accents, so 'Perú' = 'peru' in comparisons.
Both are deterministic, which lets SQLite skip a search whose terms are empty.
"""
from __future__ import annotations

import re
import unicodedata

from datasette import hookimpl

WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str | None) -> str:
    words = WORD.findall(query or "")
    return " ".join(f'"{word}"' for word in words)


def fold(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@hookimpl
def prepare_connection(conn):
    conn.create_function("search_terms", 1, search_terms, deterministic=True)
    conn.create_function("fold", 1, fold, deterministic=True)
