"""Small SQL functions the canned queries need and SQLite lacks.

- search_terms(q): what a person typed, as a safe FTS5 query (every word quoted,
  all required); '' when nothing searchable is left, so a query can answer an
  empty or punctuation-only box without an FTS5 syntax error.
- fold(text): lower case without accents and with plain quotes, so 'Perú' = 'peru';
  the same folding as etl.normalize.fold, which fills the *_folded columns.
Both are deterministic, which lets SQLite skip a search whose terms are empty.
"""
from __future__ import annotations

import re
import unicodedata

from datasette import hookimpl

WORD = re.compile(r"\w+", re.UNICODE)
QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})


def search_terms(query: str | None) -> str:
    words = WORD.findall(query or "")
    return " ".join(f'"{word}"' for word in words)


def fold(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(QUOTES).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


@hookimpl
def prepare_connection(conn):
    conn.create_function("search_terms", 1, search_terms, deterministic=True)
    conn.create_function("fold", 1, fold, deterministic=True)
