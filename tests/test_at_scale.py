"""A larger archive (bench/corpus.py): the `search` query on a word found in more than 10,000 passages, which the build
keeps in ranked order, is ranked exactly; the home page lists the first documents and points to the rest."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest
import yaml
from datasette.app import Datasette
from support import ROOT, publication

from bench.corpus import generate
from etl.build import build


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory):
    """A synthetic archive of 360 sources (bench/corpus.py): about 16,000 passages."""
    folder = tmp_path_factory.mktemp("big")
    generate(360, folder / "raw")
    build(folder / "raw", folder / "archive.db", workers=1)  # no fork in a process that may run threads
    return folder / "archive.db"


def ranked(db_path, fts: str) -> list[str]:
    """Every passage matching, in the exact order of bm25 (ties by rowid)."""
    with sqlite3.connect(db_path) as db:
        return [row[0] for row in db.execute(
            "select passages.id from passages_fts join passages on passages.rowid = passages_fts.rowid "
            "where passages_fts match ? order by bm25(passages_fts), passages_fts.rowid", [fts])]


def listed(db_path, word: str) -> bool:
    with sqlite3.connect(db_path) as db:
        return db.execute("select count(*) from passage_word_lists where word = ?", [word]).fetchone()[0] > 0


@pytest.mark.parametrize("typed, fts, words", [
    ("the", '"the"', ["the"]),
    ("of the", '"of" "the"', ["of", "the"]),
    ('"of the"', '"of the"', ["of", "the"]),
])
async def test_common_words_are_ranked_exactly_among_all_their_passages(big_archive, typed, fts, words):
    found = ranked(big_archive, fts)
    assert len(found) >= 1_000 and all(listed(big_archive, word) for word in words)  # words the build kept ranked
    rows = (await publication(big_archive).client.get("/archive/search.json", params={"q": typed, "_shape": "array"})).json()
    assert [row["passage_id"] for row in rows] == found[:100]
    assert all("<mark>" in row["snippet"] for row in rows)


async def test_a_rarer_word_is_ranked_among_all_its_passages(big_archive):
    found = ranked(big_archive, '"Honduras"')
    assert 0 < len(found) < 10_000 and not listed(big_archive, "hondura")
    rows = (await publication(big_archive).client.get("/archive/search.json", params={"q": "Honduras", "_shape": "array"})).json()
    assert [row["passage_id"] for row in rows] == found[:len(rows)]


def test_the_query_is_the_one_metadata_publishes():
    sql = yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["archive"]["queries"]["search"]["sql"]
    assert "ranked_passages(search_terms(:q), 100, 0)" in sql


async def test_the_home_page_lists_the_first_documents_and_counts_them_all(big_archive):
    with sqlite3.connect(big_archive) as db:
        total = db.execute("select count(*) from documents").fetchone()[0]
        first = [row[0] for row in db.execute("select id from documents order by date is null, date, title limit 100")]
    assert total > 100
    settings = json.loads((ROOT / "settings.json").read_text())
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    served = Datasette(immutables=[str(big_archive)], settings=settings, metadata=metadata,
                       plugins_dir=str(ROOT / "plugins"), template_dir=str(ROOT / "templates"))
    for ds in (publication(big_archive), served):  # counted by query, or taken from Datasette's table counts
        html = (await ds.client.get("/")).text
        assert re.findall(r'href="/read/([^"]+)"', html) == first
        assert f"{total - 100:,} more" in html and 'href="/archive/documents"' in html
        assert f">{total:,}<" in html
