"""Datasette's own table search (`_search=`) on the passages, kept answering whatever the size of the archive.

Datasette answers `/archive/passages?_search=the` by sorting every matching passage by its id (the table's key)
to show the first hundred, counting them all and counting them by facet: at 50,000 sources a common word
matches over a million passages, and each of those steps alone outlasts the time limit. When the words match
more than LARGE passages and no sort is asked for, the same address answers from the view passages_in_order:
the passages in the order of the archive (source by source, each document in reading order), which SQLite
reads off the full-text index without sorting, with no count and no facets (`_nocount`, `_nofacet`). Ranked
results are the search page's (/search) and the `search` query's.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils import escape_fts

DATABASE, TABLE, VIEW = "archive", "passages", "passages_in_order"
PATH = re.compile(rf"/{DATABASE}/{TABLE}(\.json|\.csv)?")
LARGE = 10_000  # matching passages: past this many, no count and no facets
SORTS = {"_sort", "_sort_desc"}


def table_search(query_string: str) -> tuple[list[tuple[str, str]], str | None]:
    """The parameters, and the words of the table search they ask for (None when they ask for none)."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    searched = next((value for name, value in pairs if name == "_search" and value.strip()), None)
    return pairs, searched


def rewritten(scope: dict, pairs: list[tuple[str, str]]) -> dict:
    """The request for the passages in the archive's order, without count and facets."""
    path = scope["path"].replace(f"/{TABLE}", f"/{VIEW}", 1)
    query_string = urlencode([*pairs, ("_nocount", "1"), ("_nofacet", "1")]).encode("latin-1")
    return {**scope, "path": path, "raw_path": path.encode("latin-1"), "query_string": query_string}


async def matching(datasette, words: str) -> int:
    db = datasette.get_database(DATABASE)
    try:
        result = await db.execute("select count(*) from passages_fts where passages_fts match :q", {"q": escape_fts(words)})
    except Exception:  # Datasette will say what is wrong with the search
        return 0
    return result.first()[0]


def wrap(datasette):
    def wrapper(app):
        async def searching(scope, receive, send):
            if scope["type"] != "http" or not PATH.fullmatch(scope.get("path", "")) or DATABASE not in datasette.databases:
                return await app(scope, receive, send)
            pairs, words = table_search(scope.get("query_string", b"").decode("latin-1"))
            if words is None or {name for name, _ in pairs} & SORTS or await matching(datasette, words) <= LARGE:
                return await app(scope, receive, send)
            return await app(rewritten(scope, pairs), receive, send)

        return searching

    return wrapper


@hookimpl
def asgi_wrapper(datasette):
    return wrap(datasette)
