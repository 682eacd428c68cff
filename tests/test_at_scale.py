"""A larger archive (bench/corpus.py): the `search` query on a word found in more than 10,000 passages is ranked
within a sample and still correct; the home page lists the first documents and points to the rest."""
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


def matches(db_path, word: str) -> dict[str, float]:
    with sqlite3.connect(db_path) as db:
        return {row[0]: row[1] for row in db.execute(
            "select passages.id, bm25(passages_fts) from passages_fts join passages on passages.rowid = passages_fts.rowid "
            "where passages_fts match ?", [f'"{word}"'])}


async def test_a_common_word_is_ranked_within_a_sample_of_its_passages(big_archive):
    found = matches(big_archive, "the")
    assert len(found) >= 10_000  # the sampled path
    rows = (await publication(big_archive).client.get("/archive/search.json", params={"q": "the", "_shape": "array"})).json()
    assert len(rows) == 100
    assert all(row["passage_id"] in found and "<mark>" in row["snippet"] for row in rows)
    scores = [found[row["passage_id"]] for row in rows]
    assert scores == sorted(scores)  # best first
    assert len({row["passage_id"].split("-p")[0] for row in rows}) > 20  # drawn from across the archive


async def test_a_rarer_word_is_ranked_among_all_its_passages(big_archive):
    found = matches(big_archive, "Honduras")
    assert 0 < len(found) < 10_000
    rows = (await publication(big_archive).client.get("/archive/search.json", params={"q": "Honduras", "_shape": "array"})).json()
    best = sorted(found.values())[:len(rows)]
    assert [found[row["passage_id"]] for row in rows] == best


def test_the_query_is_the_one_metadata_publishes():
    sql = yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["archive"]["queries"]["search"]["sql"]
    assert "n / 5000" in sql and "bm25(passages_fts)" in sql


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
