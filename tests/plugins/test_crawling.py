"""What crawlers are told: robots.txt keeps them on the reader and first pages, the sitemap lists every reader page."""
from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest
from protego import Protego
from support import publication

S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RESOLUTION = "icmlpo-2009-11-resolution-on-iran"


@pytest.fixture(scope="module")
async def robots(ds) -> Protego:
    response = await ds.client.get("/robots.txt")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    return Protego.parse(response.text)  # read as Google reads it: wildcards, and the longest rule wins


@pytest.mark.parametrize("path", [
    "/", f"/read/{RESOLUTION}", "/archive", "/archive/documents", "/archive/passages", "/archive/organizations/icmlpo",
    "/archive/search", "/feeds/documents.atom", "/sitemap.xml", "/static/archive.css", "/-/static/app.css",
])
async def test_the_reader_and_the_first_pages_may_be_crawled(robots, path):
    assert robots.can_fetch(f"http://localhost{path}", "*")


@pytest.mark.parametrize("path", [
    "/archive/documents?_facet=kind", "/archive/documents?_sort=date", "/archive/documents?_sort_desc=date",
    "/archive/documents?kind=letter", "/archive/passages?_next=50", "/archive?sql=select+1", "/archive/passages?_search=wages",
    "/archive/search?q=peru", "/-/search?q=peru", f"/read/{RESOLUTION}?q=iran", f"/read/{RESOLUTION}?span=1-20",
    f"/read/{RESOLUTION}?_format=json", "/archive/documents.json", "/archive/documents.csv", "/archive.db",
    "/archive/documents?_facet=kind&_facet=year",
])
async def test_faceted_sorted_filtered_and_sql_addresses_are_kept_off(robots, path):
    assert not robots.can_fetch(f"http://localhost{path}", "*")


async def test_robots_txt_says_where_the_sitemap_is(ds, robots):
    assert list(robots.sitemaps) == ["http://localhost/sitemap.xml"]
    assert (await ds.client.get("/sitemap.xml")).status_code == 200


async def test_the_sitemap_lists_every_reader_page_with_when_it_entered(ds, archive_db):
    response = await ds.client.get("/sitemap.xml")
    assert response.headers["content-type"].startswith("application/xml")
    urlset = ET.fromstring(response.content)
    assert urlset.tag == f"{S}urlset"
    listed = {url.findtext(f"{S}loc"): url.findtext(f"{S}lastmod") for url in urlset.findall(f"{S}url")}
    with sqlite3.connect(archive_db) as conn:
        documents = dict(conn.execute("select d.id, s.added from documents d join sources s on s.id = d.source_id"))
    assert listed == {f"http://localhost/read/{document}": added for document, added in documents.items()}
    assert listed[f"http://localhost/read/{RESOLUTION}"]  # a source whose sidecar says when it entered


@pytest.fixture(scope="module")
def large_ds(tmp_path_factory):
    """An archive of 50,001 documents: one more than a sitemap file may list."""
    path = tmp_path_factory.mktemp("large") / "archive.db"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            create table sources (id text primary key, added text);
            create table documents (id text primary key, source_id text references sources(id), title text, date text,
                                    kind text);
            insert into sources values ('s', '2024-05-01T08:00:00+00:00');""")
        conn.executemany("insert into documents (id, source_id) values (?, 's')", ((f"d{n:05d}",) for n in range(50_001)))
    return publication(path)


async def test_past_fifty_thousand_pages_the_sitemap_is_an_index_of_sitemaps(large_ds):
    index = ET.fromstring((await large_ds.client.get("/sitemap.xml")).content)
    assert index.tag == f"{S}sitemapindex"
    locations = [sitemap.findtext(f"{S}loc") for sitemap in index.findall(f"{S}sitemap")]
    assert locations == ["http://localhost/sitemap-1.xml", "http://localhost/sitemap-2.xml"]
    first = ET.fromstring((await large_ds.client.get("/sitemap-1.xml")).content)
    second = ET.fromstring((await large_ds.client.get("/sitemap-2.xml")).content)
    assert len(first.findall(f"{S}url")) == 50_000
    assert [url.findtext(f"{S}loc") for url in second.findall(f"{S}url")] == ["http://localhost/read/d50000"]
    assert (await large_ds.client.get("/sitemap-3.xml")).status_code == 404
