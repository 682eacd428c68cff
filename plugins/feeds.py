"""Atom feeds of the newest documents: of the whole archive, of each organization and of each theme.

People follow a publication by its feeds; Datasette has none. datasette-atom renders a query's rows as Atom, but its
feeds cannot say what this archive needs them to: a query that finds nothing fails (a new organization's feed would
answer 500), entries carry no summary and the links the SQL gives stay relative, and HTML is cleaned with bleach,
which is no longer developed. So the feeds are written here, with the standard library's XML writer (which escapes
every text: the sources' text is data), at

- /feeds/documents.atom: the newest documents of the archive (linked from the home page);
- /feeds/organizations/<id>.atom: the documents an organization issued, signed or took part in (from its page);
- /feeds/themes/<id>.atom: the documents with demands on a theme (from its page).

An entry is a document: its reader's permanent address as id and link, its title, its personal author or issuers,
a summary (kind, date, issuers, the opening of its text), and as `updated` the moment its source entered the archive
(sources.added, from the source's sidecar). A document whose source does not say when it entered is left out: an
entry must carry a date, and none is made up. Newest first, at most ENTRIES of them.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import xml.etree.ElementTree as ET

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

DATABASE = "archive"
ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50
SUMMARY_CHARACTERS = 400
ARCHIVE = "The Internationals Archive"  # when metadata.yml gives no title

# The documents each feed follows, by the `:id` of its organization or theme; the newest feed follows all.
FOLLOWED = {
    "organizations": """select document_id from document_issuers where organization_id = :id
                        union select document_id from signatories where organization_id = :id""",
    "themes": """select dm.document_id from demands dm join demand_themes x on x.demand_id = dm.id
                 where x.theme_id = :id""",
}
ENTRY_SQL = """
    select d.id, d.title, d.date, d.kind, d.author, s.added, read_url(d.id, null, null) as path,
      (select p.text from passages p where p.document_id = d.id and p.kind in ('paragraph', 'list_item')
       order by p.position limit 1) as opening
    from documents d join sources s on s.id = d.source_id
    where s.added is not null {followed}
    order by julianday(s.added) desc, d.date is null, d.date desc, d.id
    limit {limit}"""
ISSUERS_SQL = """
    select i.document_id, o.name from document_issuers i join organizations o on o.id = i.organization_id
    where i.document_id in (select value from json_each(:ids)) group by i.document_id, o.id order by min(i.rowid)"""


def element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    child.text = text
    return child


def summary(entry: dict) -> str:
    """What the document is, in one line, and how its text opens."""
    said = [(entry["kind"] or "document").capitalize(), entry["date"] or "undated"]
    if entry["issuers"]:
        said.append("issued by " + ", ".join(entry["issuers"]))
    opening = " ".join((entry["opening"] or "").split())
    if len(opening) > SUMMARY_CHARACTERS:
        opening = opening[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return ", ".join(said) + "." + (f" {opening}" if opening else "")


def atom(feed: dict, entries: list[dict]) -> bytes:
    """The feed as an Atom document: the feed's id, title, links, updated and author, then its entries."""
    root = ET.Element(f"{{{ATOM}}}feed")
    element(root, "id", feed["url"])
    element(root, "title", feed["title"])
    element(root, "subtitle", feed["subtitle"])
    element(root, "link", rel="self", type="application/atom+xml", href=feed["url"])
    element(root, "link", rel="alternate", type="text/html", href=feed["page"])
    element(root, "updated", feed["updated"])
    element(element(root, "author"), "name", feed["author"])
    if feed.get("rights"):
        element(root, "rights", feed["rights"])
    for entry in entries:
        item = element(root, "entry")
        element(item, "id", entry["url"])
        element(item, "title", entry["title"])
        element(item, "link", rel="alternate", type="text/html", href=entry["url"])
        element(item, "updated", entry["added"])
        for name in [entry["author"]] if entry["author"] else entry["issuers"]:
            element(element(item, "author"), "name", name)
        if entry["kind"]:
            element(item, "category", term=entry["kind"])
        element(item, "summary", summary(entry), type="text")
    ET.register_namespace("", ATOM)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


async def entries_of(datasette, request, followed: str | None, params: dict) -> list[dict]:
    db = datasette.get_database(DATABASE)
    sql = ENTRY_SQL.format(followed=f"and d.id in ({followed})" if followed else "", limit=ENTRIES)
    entries = [dict(row) for row in (await db.execute(sql, params)).rows]
    issuers: dict[str, list[str]] = {}
    for row in (await db.execute(ISSUERS_SQL, {"ids": json.dumps([e["id"] for e in entries])})).rows:
        issuers.setdefault(row["document_id"], []).append(row["name"])
    for entry in entries:
        entry["issuers"] = issuers.get(entry["id"], [])
        entry["url"] = datasette.absolute_url(request, entry["path"])
    return entries


async def last_change(datasette) -> str:
    """When an empty feed last changed, at the latest: when the newest source entered the archive, else when the
    database was written (a database in memory: now)."""
    db = datasette.get_database(DATABASE)
    newest = (await db.execute("select added from sources where added is not null "
                               "order by julianday(added) desc limit 1")).first()
    if newest:
        return newest[0]
    written = dt.datetime.fromtimestamp(os.path.getmtime(db.path), dt.UTC) if db.path else dt.datetime.now(dt.UTC)
    return written.isoformat(timespec="seconds")


async def answer(datasette, request, feed: dict, followed: str | None = None, params: dict | None = None) -> Response:
    entries = await entries_of(datasette, request, followed, params or {})
    title = datasette.metadata("title") or ARCHIVE
    feed.update(url=datasette.absolute_url(request, request.path), title=f"{title}: {feed['title']}", author=title,
                page=datasette.absolute_url(request, feed["page"]), rights=datasette.metadata("license"),
                updated=max((e["added"] for e in entries), key=dt.datetime.fromisoformat, default=None)
                or await last_change(datasette))
    return Response(atom(feed, entries), content_type="application/atom+xml; charset=utf-8")


async def newest_documents(request, datasette):
    return await answer(datasette, request, {
        "title": "newest documents", "page": "/",
        "subtitle": "The documents most recently added to the archive, newest first."})


async def followed_row(datasette, table: str, row_id: str) -> dict:
    found = (await datasette.get_database(DATABASE).execute(
        f"select id, name from {table} where id = :id", {"id": row_id})).first()
    if found is None:
        raise NotFound(f"No {table[:-1]} {row_id}")
    return dict(found)


async def organization_documents(request, datasette):
    organization = await followed_row(datasette, "organizations", request.url_vars["id"])
    return await answer(datasette, request, {
        "title": f"documents of {organization['name']}",
        "page": datasette.urls.row(DATABASE, "organizations", organization["id"]),
        "subtitle": f"Documents {organization['name']} issued, signed or took part in, as they enter the archive.",
    }, FOLLOWED["organizations"], {"id": organization["id"]})


async def theme_documents(request, datasette):
    theme = await followed_row(datasette, "themes", request.url_vars["id"])
    return await answer(datasette, request, {
        "title": f"documents with demands on {theme['name']}",
        "page": datasette.urls.row(DATABASE, "themes", theme["id"]),
        "subtitle": f"Documents that make demands on {theme['name']}, as they enter the archive.",
    }, FOLLOWED["themes"], {"id": theme["id"]})


@hookimpl
def register_routes():
    return [
        (r"^/feeds/documents\.atom$", newest_documents),
        (r"^/feeds/organizations/(?P<id>[^/]+)\.atom$", organization_documents),
        (r"^/feeds/themes/(?P<id>[^/]+)\.atom$", theme_documents),
    ]
