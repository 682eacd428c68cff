"""The public pages as a reader meets them in a browser: the home page, search, the reader, the map, the chart.

Every test also checks that its pages logged no JavaScript error (see conftest.py for what counts).
"""
from __future__ import annotations

import re
import sqlite3
from urllib.parse import urlsplit

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="the Playwright package is not installed")
expect = playwright_api.expect


def count(db, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def has_table(db, name: str) -> bool:
    return count(db, f"select count(*) from sqlite_master where type = 'table' and name = '{name}'") == 1


def figure(page, table: str) -> int:
    return int(page.locator(f".home-count-{table} .count").inner_text().replace(",", ""))


def test_the_home_page_says_what_the_archive_is_and_counts_it_from_the_database(page, problems, archive_db):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("The Internationals Archive")
    intro = page.locator(".home-intro").inner_text()
    assert "socialist and communist organizations" in intro and "as it was published" in intro
    assert figure(page, "documents") == count(archive_db, "select count(*) from documents")
    assert figure(page, "passages") == count(archive_db, "select count(*) from passages")
    assert figure(page, "organizations") == count(archive_db, "select count(*) from organizations")
    assert figure(page, "sections") == count(
        archive_db, "select count(distinct country_code) from sections where country_code is not null and country_code != ''")
    if has_table(archive_db, "demands"):
        assert figure(page, "demands") == count(archive_db, "select count(*) from demands")
    else:
        expect(page.locator(".home-count-demands")).to_have_count(0)
    box = page.locator("form.home-search")
    assert box.get_attribute("action") == "/search"
    expect(box.locator("input[name=q]")).to_have_count(1)
    expect(page.locator("form input[type=search]")).to_have_count(1)  # one box, over everything
    documents = count(archive_db, "select count(*) from documents")
    expect(page.locator(".home-documents a[href^='/read/']")).to_have_count(min(documents, 100))  # then a link to the rest
    assert problems == []


def test_every_link_on_the_home_page_works(page, problems, server):
    page.goto("/")
    hrefs = page.eval_on_selector_all("section.content a[href]", "links => links.map(a => a.getAttribute('href'))")
    local = sorted({href.split("#")[0] for href in hrefs if href.startswith("/")})
    for required in ("/archive/documents", "/archive/sections_map", "/archive/documents_by_year", "/archive/search"):
        assert required in local
    assert any(href.startswith("/read/") for href in local)
    for href in local:
        response = page.request.head(href) if href.endswith(".db") else page.request.get(href)
        assert response.status == 200, href
    assert problems == []


def test_searching_from_the_home_page_shows_every_kind_of_row_and_a_passage_opens_at_its_paragraph(page, problems):
    page.goto("/")
    page.fill("#home-q", "workers")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=workers"))
    groups = page.locator("section.search-group h2")
    expect(groups).to_have_count(4)
    for index, name in enumerate(["Documents", "Organizations", "Demands", "Passages"]):
        expect(groups.nth(index)).to_contain_text(re.compile(rf"^{name} \(\d[\d,]*\)"))
    hit = page.locator("ol.search-passages li").first
    expect(hit.locator("mark").first).to_have_text(re.compile(r"^workers", re.I))
    link = hit.locator("a.search-passage-link")
    paragraph = re.search(r"#p(\d+)$", link.get_attribute("href")).group(1)
    link.click()
    page.wait_for_url(re.compile(r"/read/[^?#]+\?q=workers#p\d+$"))
    target = page.locator(f"#p{paragraph}")
    expect(target).to_be_in_viewport()
    expect(target.locator("mark").first).to_have_text(re.compile(r"^workers", re.I))
    assert problems == []


def test_a_facet_of_the_search_page_narrows_the_passages(page, problems):
    page.goto("/search?q=workers")
    heading = page.locator("#passages-heading")
    before = int(re.search(r"\((\d[\d,]*)\)", heading.inner_text()).group(1).replace(",", ""))
    facet = page.locator(".search-facet[data-facet=kind] li").last
    expected = int(facet.locator(".search-count").inner_text().replace(",", ""))
    facet.locator("a").click()
    page.wait_for_url(re.compile(r"kind="))
    after = int(re.search(r"\((\d[\d,]*)\)", page.locator("#passages-heading").inner_text()).group(1).replace(",", ""))
    assert after == expected < before
    expect(page.locator(".search-filters")).to_contain_text("kind")
    assert problems == []


def test_a_hit_of_the_search_query_opens_the_reader_on_its_paragraph_with_the_words_marked(page, problems):
    page.goto("/archive/search?q=immigrants")
    first = page.locator("table.rows-and-columns tbody tr").first
    paragraph = first.locator("td.col-paragraph").inner_text().strip()
    link = first.locator("td.col-passage_url a")
    href = link.get_attribute("href")
    assert href.endswith(f"#p{paragraph}")
    link.click()
    page.wait_for_url(re.compile(r"/read/[^?#]+\?q=immigrants#p\d+$"))
    assert urlsplit(page.url).fragment == f"p{paragraph}"
    target = page.locator(f"#p{paragraph}")
    expect(target).to_be_in_viewport()
    expect(target.locator("mark").first).to_have_text(re.compile(r"^immigrant", re.I))
    assert target.evaluate("e => e.matches(':target')")
    assert problems == []


def test_the_map_draws_sections_as_markers_and_clusters(page, problems):
    page.goto("/")
    page.click("a.home-map")
    page.wait_for_url(re.compile(r"/archive/sections_map(\?|$)"))
    expect(page.locator(".leaflet-container")).to_be_visible()
    markers = page.locator(".leaflet-marker-icon")
    expect(markers.first).to_be_visible()
    assert markers.count() > 1
    assert problems == []


@pytest.mark.parametrize("link, query", [
    ("a.home-chart-documents", "documents_by_year"),
    ("a.home-chart-demands", "demands_by_theme_counts"),
])
def test_a_chart_is_drawn_from_its_home_page_link(page, problems, link, query):
    page.goto("/")
    if page.locator(link).count() == 0:
        pytest.skip(f"no {query} query in this archive yet")
    page.click(link)
    page.wait_for_url(re.compile(rf"/archive/{query}(\?[^#]*)?$"))
    chart = page.locator("figure.archive-chart svg:has([data-mark='bar'])")  # not a legend's swatches
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    rows = page.request.get(f"/archive/{query}.json?_shape=array").json()
    bars = page.locator("figure.archive-chart svg [data-mark='bar'] rect")
    expect(bars).to_have_count(len(rows))  # one bar (or piece of a stacked bar) per row of the query
    assert problems == []


@pytest.mark.parametrize("path", [
    "/", "/-/search?q=peru", "/search?q=peru", "/archive", "/archive/documents", "/archive/passages?_search=wages",
    "/archive/passages/workers-voice-our-international-p27", "/archive/search?q=peru",
    "/archive/sections_in_country?country=Peru", "/read/workers-voice-our-international?q=peru#p27",
    "/read/icmlpo-2009-11-resolution-on-iran", "/archive/sections_map", "/archive/countries",
    "/archive/documents_by_year", "/archive/demands_by_theme_counts?_hide_sql=1", "/archive/organizations/icmlpo",
])
def test_no_page_logs_a_javascript_error(page, problems, path):
    page.goto(path, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert problems == []
