"""datasette-search-all's page, /-/search, leads first to the archive's own search for the same words.

datasette-search-all's page shows the first rows of every searchable table, in each table's order, and none of
them links to the reader. The search page (/search, plugins/search.py) ranks the passages and links each hit to
its paragraph: this gives templates/search_all.html its address for the words searched, so that a reader, with a
mouse or a keyboard alone, goes from there to the best matches and a passage in its place.
"""
from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl

DATABASE = "archive"


async def best_matches_url(datasette, request) -> str | None:
    """The search page for the words of ?q=, or None without words or without the archive."""
    q = (request.args.get("q") or "").strip() if request else ""
    if not q or DATABASE not in datasette.databases:
        return None
    return datasette.urls.path("/search") + "?" + urlencode({"q": q})


@hookimpl
def extra_template_vars(template, datasette, request):
    if template != "search_all.html":
        return None

    async def inner():
        return {"best_matches_url": await best_matches_url(datasette, request)}

    return inner
