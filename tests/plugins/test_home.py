"""The home page: what the archive is, one search box, figures read from the database, links that all work."""
from __future__ import annotations

import re
import shutil
import sqlite3

import pytest
import yaml
from datasette.app import Datasette
from support import ROOT, publication


def count(db, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def figure(html: str, table: str) -> int | None:
    found = re.search(rf'class="home-count-{table}".*?class="count">([\d,]+)<', html, re.S)
    return int(found.group(1).replace(",", "")) if found else None


async def test_the_figures_are_counted_from_the_database(ds, archive_db):
    html = (await ds.client.get("/")).text
    assert figure(html, "documents") == count(archive_db, "select count(*) from documents")
    assert figure(html, "passages") == count(archive_db, "select count(*) from passages")
    assert figure(html, "organizations") == count(archive_db, "select count(*) from organizations")
    assert figure(html, "sections") == count(
        archive_db, "select count(distinct country_code) from sections where country_code != ''")


async def test_one_search_box_over_everything(ds):
    html = (await ds.client.get("/")).text
    assert len(re.findall(r"<form", html)) == 1
    assert '<form class="home-search" action="/search" method="get"' in html
    assert 'name="q"' in html


async def test_the_first_documents_are_linked_to_their_readers(ds, archive_db):
    html = (await ds.client.get("/")).text
    with sqlite3.connect(archive_db) as conn:
        first = [row[0] for row in conn.execute("select id from documents order by date is null, date, title limit 100")]
    assert first and re.findall(r'href="/read/([^"]+)"', html) == first


async def test_the_chart_link_opens_the_query_with_its_chart_drawn(ds):
    html = (await ds.client.get("/")).text
    assert 'href="/archive/documents_by_year?_hide_sql=1" class="home-chart-documents"' in html  # charts.py draws it
    assert 'href="/archive/demands_by_theme_counts?_hide_sql=1" class="home-chart-demands"' in html
    assert 'href="/archive/sections_map?_hide_sql=1"' in html


async def test_every_link_on_the_home_page_answers(ds):
    html = (await ds.client.get("/")).text
    links = {href.split("#")[0].replace("&amp;", "&") for href in re.findall(r'href="(/[^"]*)"', html)}
    for link in sorted(links - {"/archive.db"}):
        if link.startswith("/static/") or link.startswith("/-/static"):
            continue
        assert (await ds.client.get(link)).status_code == 200, link


def altered(archive_db, tmp_path, sql: str) -> Datasette:
    folder = tmp_path / "altered"
    folder.mkdir()
    shutil.copy(archive_db, folder / "archive.db")
    with sqlite3.connect(folder / "archive.db") as conn:
        conn.executescript(sql)
    return publication(folder / "archive.db")


async def test_demands_are_counted_only_when_the_table_exists(archive_db, tmp_path):
    without = altered(archive_db, tmp_path, "drop table if exists demands_fts; drop table if exists demands;")
    html = (await without.client.get("/")).text
    assert figure(html, "demands") is None and "home-count-documents" in html
    (tmp_path / "altered").rename(tmp_path / "before")
    with_demands = altered(archive_db, tmp_path, """
        drop table if exists demands_fts; drop table if exists demands;
        create table demands (id text primary key, text text);
        insert into demands values ('a', 'x'), ('b', 'y'), ('c', 'z');""")
    assert figure((await with_demands.client.get("/")).text, "demands") == 3


async def test_a_query_whose_tables_do_not_exist_is_not_linked(archive_db):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    metadata["databases"]["archive"]["queries"]["not_yet"] = {"title": "Not yet", "sql": "select * from no_such_table where x = :x"}
    ds = Datasette([str(archive_db)], metadata=metadata, plugins_dir=str(ROOT / "plugins"),
                   template_dir=str(ROOT / "templates"))
    html = (await ds.client.get("/")).text
    assert "/archive/not_yet" not in html
    assert 'href="/archive/search"' in html


@pytest.mark.parametrize("path", ["/.json", "/archive"])
async def test_other_pages_are_untouched(ds, path):
    assert (await ds.client.get(path)).status_code == 200


def immutable_publication(db_path) -> Datasette:
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    return Datasette(immutables=[str(db_path)], metadata=metadata, plugins_dir=str(ROOT / "plugins"),
                     template_dir=str(ROOT / "templates"))


async def test_an_immutable_archive_works_out_its_home_page_once(archive_db, monkeypatch):
    ds = immutable_publication(archive_db)
    first = (await ds.client.get("/")).text
    db = ds.get_database("archive")
    queries: list[str] = []
    original = type(db).execute_fn

    async def counted(self, fn):
        if self.name == "archive":  # not Datasette's own _internal database
            queries.append(repr(fn))
        return await original(self, fn)

    monkeypatch.setattr(type(db), "execute_fn", counted)
    again = (await ds.client.get("/")).text
    assert again == first and figure(again, "documents") == count(archive_db, "select count(*) from documents")
    assert queries == []  # neither the figures, the documents nor the canned queries were asked again


async def test_a_mutable_archive_is_asked_at_every_visit(archive_db, tmp_path):
    db_path = tmp_path / "archive.db"
    shutil.copyfile(archive_db, db_path)
    ds = publication(db_path)
    before = figure((await ds.client.get("/")).text, "documents")
    with sqlite3.connect(db_path) as conn:
        conn.execute("delete from documents where rowid = (select min(rowid) from documents)")
    assert figure((await ds.client.get("/")).text, "documents") == before - 1
