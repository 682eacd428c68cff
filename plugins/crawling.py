"""What search engines are told: a sitemap of every reader page, and where it is, in robots.txt.

Without a sitemap a crawler finds the documents only through the faceted, sorted and filtered addresses Datasette
links to by the thousand. /robots.txt is datasette-block-robots', with the rules of metadata.yml (the reader and the
first pages of tables and queries may be crawled; no address with a query string, no JSON, CSV or database file);
this plugin adds its `Sitemap:` line, which must be an absolute address, and serves

- /sitemap.xml: every /read/<id> page, with the moment its source entered the archive as `lastmod` where the
  sidecar says; past PER_SITEMAP documents (the sitemap protocol's limit), an index of /sitemap-<n>.xml files of
  PER_SITEMAP pages each.

datasette-sitemap, which makes a sitemap from a query, writes no index and so stops at the protocol's limit.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

DATABASE = "archive"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
PER_SITEMAP = 50_000  # URLs in one sitemap file, the protocol's most
PAGES_SQL = """
    select read_url(d.id, null, null) as path, s.added from documents d join sources s on s.id = d.source_id
    order by d.id limit :limit offset :offset"""


def xml(root: ET.Element) -> Response:
    ET.register_namespace("", SITEMAPS)
    return Response(ET.tostring(root, encoding="utf-8", xml_declaration=True), content_type="application/xml; charset=utf-8")


def child(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{SITEMAPS}}}{tag}")
    element.text = text
    return element


async def document_count(datasette) -> int:
    return (await datasette.get_database(DATABASE).execute("select count(*) from documents")).first()[0]


async def reader_pages(request, datasette, number: int) -> Response:
    """The <urlset> of the reader pages of sitemap file `number` (from 1)."""
    found = await datasette.get_database(DATABASE).execute(
        PAGES_SQL, {"limit": PER_SITEMAP, "offset": (number - 1) * PER_SITEMAP})
    urlset = ET.Element(f"{{{SITEMAPS}}}urlset")
    for row in found.rows:
        url = child(urlset, "url")
        child(url, "loc", datasette.absolute_url(request, row["path"]))
        if row["added"]:
            child(url, "lastmod", row["added"])
    return xml(urlset)


async def sitemap(request, datasette):
    files = max(1, -(-await document_count(datasette) // PER_SITEMAP))
    if files == 1:
        return await reader_pages(request, datasette, 1)
    index = ET.Element(f"{{{SITEMAPS}}}sitemapindex")
    for number in range(1, files + 1):
        child(child(index, "sitemap"), "loc", datasette.absolute_url(request, f"/sitemap-{number}.xml"))
    return xml(index)


async def sitemap_file(request, datasette):
    number = int(request.url_vars["number"])
    if not 1 <= number <= max(1, -(-await document_count(datasette) // PER_SITEMAP)):
        raise NotFound(f"No sitemap {number}")
    return await reader_pages(request, datasette, number)


@hookimpl
def register_routes():
    return [(r"^/sitemap\.xml$", sitemap), (r"^/sitemap-(?P<number>[1-9][0-9]{0,8})\.xml$", sitemap_file)]


@hookimpl
def block_robots_extra_lines(datasette, request):
    return [f"Sitemap: {datasette.absolute_url(request, '/sitemap.xml')}"]
