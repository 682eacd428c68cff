"""The `search` query on a word found in more than 10,000 passages: ranked within a sample, still correct."""
from __future__ import annotations

import sqlite3

import pytest
import yaml

from bench.corpus import generate
from etl.build import build
from support import ROOT, publication


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
