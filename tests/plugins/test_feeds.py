"""Atom feeds: of the newest documents, of an organization and of a theme; valid Atom, dated by when sources entered
the archive, linked from their pages."""
from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET

import feedparser
import pytest
from support import RawFolder, publication

from etl.build import build

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ICMLPO = "icmlpo"  # the international that issued four documents of revolutionary-democracy-2010-icmlpo


def rows(db, sql: str, params=()) -> list:
    with sqlite3.connect(db) as conn:
        return [row[0] if len(row) == 1 else row for row in conn.execute(sql, params)]


def valid_atom(body: bytes) -> ET.Element:
    """The feed, after checking what RFC 4287 requires of a feed and of its entries, and that a feed reader reads it."""
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = ET.fromstring(body)
    assert feed.tag == f"{A}feed"
    for child in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{child}")) == 1, child
    assert RFC3339.match(feed.findtext(f"{A}updated"))
    assert feed.find(f"{A}author/{A}name").text  # so an entry may go without an author of its own
    assert [link.get("rel") for link in feed.findall(f"{A}link")].count("self") == 1
    for entry in feed.findall(f"{A}entry"):
        for child in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{A}{child}")) == 1, child
        assert RFC3339.match(entry.findtext(f"{A}updated"))
        (link,) = entry.findall(f"{A}link[@rel='alternate']")
        assert link.get("href") == entry.findtext(f"{A}id")
        assert re.match(r"^http://localhost/read/[^/?#]+$", link.get("href"))
    return feed


def entry_ids(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{A}id").rsplit("/", 1)[1] for entry in feed.findall(f"{A}entry")]


async def test_the_newest_documents_feed_is_valid_atom_of_documents_with_a_known_entry_date(ds, archive_db):
    response = await ds.client.get("/feeds/documents.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = valid_atom(response.content)
    dated = rows(archive_db, "select d.id from documents d join sources s on s.id = d.source_id where s.added is not null")
    assert set(entry_ids(feed)) <= set(dated) and entry_ids(feed)
    entry = next(e for e in feed.findall(f"{A}entry") if e.findtext(f"{A}id").endswith("/icmlpo-2009-11-resolution-on-iran"))
    (added,) = rows(archive_db, "select added from sources where id = 'revolutionary-democracy-2010-icmlpo'")
    assert entry.findtext(f"{A}updated") == added
    assert entry.findtext(f"{A}title") == "Resolution on Iran"
    summary = entry.findtext(f"{A}summary")
    assert summary.startswith("Resolution, 2009-11, issued by International Conference of Marxist-Leninist Parties")
    assert "Iranian people" in summary  # the opening of its text


async def test_an_organization_feed_holds_the_documents_it_issued_or_signed(ds, archive_db):
    feed = valid_atom((await ds.client.get(f"/feeds/organizations/{ICMLPO}.atom")).content)
    expected = rows(archive_db, """select document_id from document_issuers where organization_id = ?
                                   union select document_id from signatories where organization_id = ?""", [ICMLPO, ICMLPO])
    assert len(expected) >= 4 and sorted(entry_ids(feed)) == sorted(expected)
    assert "International Conference of Marxist-Leninist Parties" in feed.findtext(f"{A}title")
    (page,) = [link.get("href") for link in feed.findall(f"{A}link[@rel='alternate']")]
    assert page == f"http://localhost/archive/organizations/{ICMLPO}"


async def test_a_theme_feed_holds_the_documents_with_demands_on_it(ds, archive_db):
    theme, count = rows(archive_db, """select x.theme_id, count(distinct dm.document_id) from demand_themes x
                                        join demands dm on dm.id = x.demand_id group by x.theme_id order by 2 desc limit 1""")[0]
    feed = valid_atom((await ds.client.get(f"/feeds/themes/{theme}.atom")).content)
    expected = rows(archive_db, """select distinct dm.document_id from demands dm join demand_themes x on x.demand_id = dm.id
                                   where x.theme_id = ?""", [theme])
    assert count > 1 and sorted(entry_ids(feed)) == sorted(expected)


async def test_an_organization_with_no_documents_has_a_valid_empty_feed(ds, archive_db):
    quiet = rows(archive_db, """select id from organizations where id not in (select organization_id from document_issuers)
                                and id not in (select organization_id from signatories where organization_id is not null)
                                order by id limit 1""")[0]
    response = await ds.client.get(f"/feeds/organizations/{quiet}.atom")
    assert response.status_code == 200
    assert valid_atom(response.content).findall(f"{A}entry") == []


@pytest.mark.parametrize("path", ["/feeds/organizations/no-such-organization.atom", "/feeds/themes/no-such-theme.atom"])
async def test_the_feed_of_what_does_not_exist_is_not_found(ds, path):
    assert (await ds.client.get(path)).status_code == 404


def alternates(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">', html)


async def test_each_feed_is_linked_from_its_page(ds, archive_db):
    theme = rows(archive_db, "select theme_id from demand_themes limit 1")[0]
    for page, feed in [("/", "/feeds/documents.atom"), (f"/archive/organizations/{ICMLPO}", f"/feeds/organizations/{ICMLPO}.atom"),
                       (f"/archive/themes/{theme}", f"/feeds/themes/{theme}.atom")]:
        html = (await ds.client.get(page)).text
        assert alternates(html) == [feed], page
        assert f'href="{feed}" type="application/atom+xml">Atom feed</a>' in html  # and visibly, for people
        valid_atom((await ds.client.get(feed)).content)


@pytest.fixture(scope="module")
def dated_ds(tmp_path_factory):
    """Three sources: entered at two moments written with different offsets, and one that does not say."""
    root = tmp_path_factory.mktemp("dated")
    raw = RawFolder(root / "raw")
    raw.copy_registries()
    paragraph = "A paragraph long enough to be a paragraph, with <b>markup</b> & an ampersand in it.\n"
    raw.add("earlier", f"Earlier\n\n{paragraph}", "title: Earlier <i>one</i>\nkind: statement\nadded: 2024-05-01T09:00:00+02:00\n")
    raw.add("later", f"Later\n\n{paragraph}", "title: Later\nkind: statement\nadded: 2024-05-01T08:00:00Z\n")
    raw.add("unsaid", f"Unsaid\n\n{paragraph}", "title: Unsaid\nkind: statement\n")
    build(raw.root, root / "archive.db")
    return publication(root / "archive.db")


async def test_entries_are_newest_first_by_the_moment_whatever_its_offset_and_undated_ones_are_left_out(dated_ds):
    feed = valid_atom((await dated_ds.client.get("/feeds/documents.atom")).content)
    assert entry_ids(feed) == ["later", "earlier"]  # 08:00 UTC after 07:00 UTC, though "09:00+02:00" sorts after as text
    assert feed.findtext(f"{A}updated") == "2024-05-01T08:00:00+00:00"
    earlier = feed.findall(f"{A}entry")[1]
    assert earlier.findtext(f"{A}title") == "Earlier <i>one</i>"  # text, escaped by the XML writer
    assert "with <b>markup</b> & an ampersand" in earlier.findtext(f"{A}summary")
