"""The page of the home page's search box, /-/search, leads first to the passages that best match the words.

datasette-search-all's page shows the first rows of every searchable table, in each table's order, and none of
them links to the reader. The `search` canned query ranks the passages and links each hit to its paragraph: this
gives templates/search_all.html its address for the words searched, so that a reader, with a mouse or a keyboard
alone, goes from the box to a passage in its place.
"""
from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl

DATABASE = "archive"
QUERY = "search"  # the canned query of metadata.yml that ranks the passages


async def best_matches_url(datasette, request) -> str | None:
    """The `search` query's page for the words of ?q=, or None without words or without that query."""
    q = (request.args.get("q") or "").strip() if request else ""
    if not q or DATABASE not in datasette.databases:
        return None
    if QUERY not in await datasette.get_canned_queries(DATABASE, request.actor):
        return None
    return datasette.urls.query(DATABASE, QUERY) + "?" + urlencode({"q": q})


@hookimpl
def extra_template_vars(template, datasette, request):
    if template != "search_all.html":
        return None

    async def inner():
        return {"best_matches_url": await best_matches_url(datasette, request)}

    return inner
