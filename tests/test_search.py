"""Search: stemmed, accent-folded full text, the ranked `search` canned query, and search across tables."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("term", ["Peru", "peru", "Perú"])
async def test_table_search_folds_accents(ds, term):
    response = await ds.client.get("/archive/passages.json", params={"_search": term, "_shape": "array"})
    assert response.status_code == 200
    texts = [row["text"] for row in response.json()]
    assert any("Perú" in text for text in texts)


async def test_table_search_stems_words(ds):
    response = await ds.client.get("/archive/passages.json", params={"_search": "demanding", "_shape": "array"})
    texts = " ".join(row["text"] for row in response.json())
    assert "demands" in texts or "demand " in texts


async def test_document_titles_are_searchable(ds):
    response = await ds.client.get("/archive/documents.json", params={"_search": "Honduras", "_shape": "array"})
    assert "icmlpo-2009-07-honduras-coup-statement" in [row["id"] for row in response.json()]


async def test_the_search_query_ranks_highlights_and_links(ds):
    response = await ds.client.get("/archive/search.json", params={"q": "immigrants", "_shape": "array"})
    rows = response.json()
    assert rows, "a word of the sources must be found"
    assert all("<mark>" in row["snippet"] for row in rows)
    document_id, position = rows[0]["passage_id"].rsplit("-p", 1)
    assert rows[0]["passage_url"] == f"/read/{document_id}?q=immigrants#p{position}"
    assert {"document", "date", "paragraph"} <= set(rows[0])


async def test_the_search_query_puts_the_best_match_first(ds):
    rows = (await ds.client.get("/archive/search.json", params={"q": "Resolution Iran", "_shape": "array"})).json()
    assert rows[0]["snippet"].count("<mark>") >= 2


async def test_the_search_page_renders_highlights_as_marks_and_links(ds):
    html = (await ds.client.get("/archive/search", params={"q": "wages"})).text
    assert "<mark>wages</mark>" in html
    assert '<a href="/read/' in html


@pytest.mark.parametrize("q", ["", "   ", '"', "'", "Peru\"", "(", "*", "-", "AND", "wage OR", "NEAR(", "^", '"unbalanced quote'])
async def test_the_search_query_never_fails_on_what_people_type(ds, q):
    response = await ds.client.get("/archive/search", params={"q": q})
    assert response.status_code == 200
    assert "fts5" not in response.text and "syntax error" not in response.text


async def test_the_search_all_page_finds_passages_and_documents(ds):
    response = await ds.client.get("/-/search", params={"q": "Honduras"})
    assert response.status_code == 200
    assert "/archive/passages" in response.text and "/archive/documents" in response.text
