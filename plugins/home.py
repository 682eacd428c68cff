"""The home page's figures, read from the database: once, at startup, when it is served immutable.

templates/index.html says what the archive is; this gives it what it counts
(documents, passages, organizations, countries with sections, demands), the
documents to read, the canned queries to ask and the charts to open. A table that
does not exist yet, or a query whose tables do not, is left out, so the page
never links to an error. An immutable database (bin/serve) cannot change while it is served, so its page's
context is worked out once, at startup, and the home page then costs the same under load as alone.
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

from datasette import Response, hookimpl
from datasette.utils import derive_named_parameters

DATABASE = "archive"

# The documents listed to read, oldest first; past this many the page points to the documents table, so that
# the home page costs the same whatever the size of the archive.
DOCUMENTS_LISTED = 100

# (table, label, SQL): the figures, in the order the page shows them. Plain counts come from the inspect file
# when the database is served immutable (bin/serve), instead of being counted at every visit.
COUNTS = [
    ("documents", "documents", "select count(*) from documents"),
    ("passages", "passages", "select count(*) from passages"),
    ("organizations", "organizations", "select count(*) from organizations"),
    ("sections", "countries with sections",
     "select count(distinct country_code) from sections where country_code is not null and country_code != ''"),
    ("demands", "demands", "select count(*) from demands"),
]


def picture_url(datasette, query: str) -> str:
    """A query page with its SQL folded away, so that its map or chart is the first thing seen."""
    return datasette.urls.query(DATABASE, query) + "?_hide_sql=1"


async def compiles(db, sql: str) -> bool:
    """Whether SQLite can prepare the query here (its tables and functions exist), without running it."""
    params = {name: "" for name in await derive_named_parameters(db, sql)}

    def prepare(conn) -> bool:
        try:
            conn.execute("explain " + sql, params)
        except Exception:
            return False
        return True

    return await db.execute_fn(prepare)


_worked_out: WeakKeyDictionary = WeakKeyDictionary()  # Datasette instance → its home page's context


async def home_context(datasette, request) -> dict:
    """The context of the home page, worked out once per server when its database is immutable."""
    if DATABASE not in datasette.databases:
        return {}
    db = datasette.get_database(DATABASE)
    if db.is_mutable:
        return await work_out(datasette, db, request)
    if datasette not in _worked_out:
        _worked_out[datasette] = await work_out(datasette, db, None)  # the same for every visitor
    return _worked_out[datasette]


async def work_out(datasette, db, request) -> dict:
    tables = set(await db.table_names())
    urls = datasette.urls
    actor = request.actor if request else None
    queries = {name: query for name, query in (await datasette.get_canned_queries(DATABASE, actor)).items()
               if await compiles(db, query["sql"])}
    counts = []
    known = (await db.table_counts()) if not db.is_mutable else {}  # an immutable database's, from the inspect file
    for table, label, sql in COUNTS:
        if table in tables:
            count = known.get(table) if sql == f"select count(*) from {table}" else None
            if count is None:
                count = (await db.execute(sql)).first()[0]
            url = urls.table(DATABASE, table)
            if table == "sections" and "sections_map" in queries:
                url = picture_url(datasette, "sections_map")
            counts.append({"table": table, "label": label, "count": count, "url": url})
    documents, more_documents = [], 0
    if "documents" in tables:
        documents = [dict(row) for row in (await db.execute(
            "select id, title, date, kind from documents order by date is null, date, title limit ?",
            [DOCUMENTS_LISTED + 1])).rows]
        if len(documents) > DOCUMENTS_LISTED:  # a large archive: the first ones, and the table for the rest
            documents = documents[:DOCUMENTS_LISTED]
            total = next((c["count"] for c in counts if c["table"] == "documents"), None)
            more_documents = (total - DOCUMENTS_LISTED) if total else True
    canned = [{"name": name, "title": query.get("title") or name, "url": urls.query(DATABASE, name)}
              for name, query in queries.items()]
    charts = {name: picture_url(datasette, name) for name, query in queries.items() if query.get("chart")}  # charts.py
    return {
        "home": {
            "counts": counts,
            "documents": documents,
            "more_documents": more_documents,
            "queries": canned,
            "map_url": picture_url(datasette, "sections_map") if "sections_map" in queries else None,
            "charts": charts,
            "tables_url": urls.database(DATABASE),
            "documents_url": urls.table(DATABASE, "documents") if "documents" in tables else None,
            "search_url": urls.path("/search"),
        }
    }


async def home_page(datasette, request):
    """The home page, without Datasette's index of every table of every database (four queries per table, at
    every visit), which this page does not show: its figures come from home_context."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    context = {"metadata": datasette.metadata(),
               "databases": [{"name": name} for name in datasette.databases if not name.startswith("_")]}
    return Response.html(await datasette.render_template("index.html", context, request=request, view_name="index"))


@hookimpl
def register_routes():
    return [(r"^/$", home_page)]


@hookimpl
def startup(datasette):
    async def inner():
        await home_context(datasette, None)

    return inner


@hookimpl
def extra_template_vars(template, datasette, request):
    if template != "index.html":
        return None

    async def inner():
        return await home_context(datasette, request)

    return inner
