"""datasette-search-all's page, /-/search: a label on its box, and the archive's own ranked search first."""
from __future__ import annotations

import re


async def test_the_search_all_page_leads_first_to_the_archives_search(ds):
    html = (await ds.client.get("/-/search", params={"q": "Perú & wages"})).text
    link = re.search(r'<p class="search-best-matches"><a href="([^"]+)">', html)
    assert link and link.group(1) == "/search?q=Per%C3%BA+%26+wages"
    assert html.index("search-best-matches") < html.index('id="search-all-results"')
    found = (await ds.client.get("/search.json", params={"q": "Perú"})).json()
    rows = found["groups"]["passages"]["rows"]
    assert rows and all(row["url"].startswith("/read/") for row in rows)  # where that link leads: the reader


async def test_without_words_there_is_no_such_link(ds):
    for params in ({}, {"q": "   "}):
        assert "search-best-matches" not in (await ds.client.get("/-/search", params=params)).text


async def test_the_search_box_has_a_label(ds):
    html = (await ds.client.get("/-/search", params={"q": "peru"})).text
    assert '<label for="search-all-q">' in html and 'id="search-all-q"' in html
