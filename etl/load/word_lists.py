"""The passages of every frequent word, in the order bm25(passages_fts) ranks them, kept at build time.

Ranking a search by BM25 means scoring every passage it matches; for a word in a tenth of the archive that is
most of the time a search takes. With the passages of each frequent word kept in their ranked order, a search
takes its first page from the front of those lists and scores only the passages found there, and still gives
exactly the order `order by bm25(passages_fts), rowid` gives (plugins/search.py says how).

Each list is the word's passage rowids (little-endian 32-bit integers), ranked by the word's own BM25 score,
ties by rowid, in parts of PART passages (a search reads only the parts it needs); beside its first part, the
score (positive: the larger, the better) at every depth that is a power of two, which bounds the score of every
passage further down. A word's score in a passage depends on the whole index (the number of passages, their mean
length): a full build works the lists out, and so does any build after which more than REFRESH of the passages
are new or gone since they were. Otherwise the lists are kept as they were, with build_info's record of the
index they were worked out from; the search then bounds the scores of today's index from those of that one, and
scores the passages written since besides (plugins/search.py).
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import sys
from array import array
from collections.abc import Iterator

import sqlite_utils

from .database import SCHEMA, TOKENIZE

FREQUENT = 10_000  # passages: a word in fewer is ranked by scoring all of them, which is fast enough
PART = 4096  # passages in a row of a list
TABLE = "passage_word_lists"
SIGNATURE_KEY = "word_lists"  # build_info: the full-text index the lists were worked out from, as index_state()
REFRESH = 0.02  # of the passages new or gone since the lists were worked out: past this, they are worked out again
AVERAGES_ROWID = 1  # FTS5's record of the number of rows and of tokens in each column


def index_state(db: sqlite_utils.Database) -> dict:
    """What the lists' scores rest on: FTS5's averages record (as hex), the number of passages and the last rowid."""
    averages = db.execute("select block from passages_fts_data where id = ?", [AVERAGES_ROWID]).fetchone()
    passages, last = db.execute("select count(*), coalesce(max(rowid), 0) from passages").fetchone()
    return {"averages": averages[0].hex() if averages else "", "passages": passages, "last_rowid": last}


def churn(db: sqlite_utils.Database, then: dict, now: dict) -> int:
    """How many passages were written or deleted since `then` (passages get new rowids when written again)."""
    new = db.execute("select count(*) from passages where rowid > ?", [then["last_rowid"]]).fetchone()[0]
    return new + then["passages"] - (now["passages"] - new)


def frequent_words(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """The words of the passages found in FREQUENT passages or more, with how many, that a search can name:
    a stem the tokenizer would stem again (and so never search for as it is) is left to the slower path."""
    db.execute("create virtual table if not exists temp.passage_words using fts5vocab(main, passages_fts, 'row')")
    words = db.execute("select term, doc from temp.passage_words where doc >= ? order by term", [FREQUENT]).fetchall()
    return [(word, count) for word, count in words if tokens_of(db, word) == [word]]


def tokens_of(db: sqlite_utils.Database, text: str) -> list[str]:
    """What the passages' tokenizer makes of a text, in order."""
    db.execute(f"create virtual table if not exists temp.tokenized using fts5(text, tokenize={quoted(TOKENIZE)})")
    db.execute("create virtual table if not exists temp.tokenized_words using fts5vocab(temp, tokenized, 'instance')")
    db.execute("delete from temp.tokenized")
    db.execute("insert into temp.tokenized (rowid, text) values (1, ?)", [text])
    return [term for (term,) in db.execute("select term from temp.tokenized_words order by offset")]


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ranked_list(db: sqlite3.Connection | sqlite_utils.Database, word: str) -> tuple[bytes, bytes]:
    """The word's passages in ranked order, as packed rowids, and its scores at the depths 1, 2, 4, 8, …

    Ordered here, by (score, rowid) as `order by bm25(passages_fts), rowid` orders them: SQLite's sorter costs
    more than Python's on these lists of hundreds of thousands of passages."""
    ranked = db.execute("select bm25(passages_fts), rowid from passages_fts where passages_fts match ?",
                        [f'"{word}"']).fetchall()
    ranked.sort()
    rowids = array("i", [rowid for _, rowid in ranked])
    scores = array("d", [-ranked[depth - 1][0] for depth in powers_of_two(len(ranked))])
    return packed(rowids), packed(scores)


def powers_of_two(limit: int) -> Iterator[int]:
    """1, 2, 4, 8, … up to limit."""
    depth = 1
    while depth <= limit:
        yield depth
        depth *= 2


def ranked_lists(path: str, words: list[tuple[str, int]], workers: int | None):
    """ranked_list() of each word, in order, worked out by `workers` processes reading the database at path."""
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers <= 1 or len(words) < 2:
        with sqlite3.connect(path) as conn:
            yield from (ranked_list(conn, word) for word, _ in words)
        return
    methods = multiprocessing.get_all_start_methods()
    with multiprocessing.get_context("fork" if "fork" in methods else None).Pool(
            workers, initializer=_open, initargs=(path,)) as pool:
        yield from pool.imap(_ranked, [word for word, _ in words])


_worker_db: sqlite3.Connection | None = None


def _open(path: str) -> None:
    global _worker_db
    _worker_db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=600)


def _ranked(word: str) -> tuple[bytes, bytes]:
    assert _worker_db is not None
    return ranked_list(_worker_db, word)


def packed(values: array) -> bytes:
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def write_word_lists(db: sqlite_utils.Database, built: dict[str, str], workers: int | None = None) -> str:
    """Work the lists out again unless they were worked out from nearly this index (built: the build_info read
    before this build), by `workers` processes; the state of the index they rest on, to record."""
    now = index_state(db)
    then = json.loads(built[SIGNATURE_KEY]) if built.get(SIGNATURE_KEY, "").startswith("{") else None
    if then is not None and db.table(TABLE).exists() and churn(db, then, now) <= REFRESH * then["passages"]:
        return built[SIGNATURE_KEY]
    table = db.table(TABLE)
    table.create(SCHEMA[TABLE]["columns"], pk=SCHEMA[TABLE]["pk"], if_not_exists=True)
    table.create_index(["word", "part"], if_not_exists=True, unique=True)
    db.execute(f"delete from [{TABLE}]")
    words = frequent_words(db)
    db.conn.commit()  # what the workers read
    path = db.execute("pragma database_list").fetchone()[2]
    # Written once the workers are done: a commit while they read would wait for each of their queries to end.
    lists = list(ranked_lists(path, words, workers))
    db.conn.executemany(f"insert into [{TABLE}] (word, passages, part, rowids, scores) values (?, ?, ?, ?, ?)",
                        [(word, count, part, rowids[start:start + 4 * PART], scores if part == 0 else None)
                         for (word, count), (rowids, scores) in zip(words, lists, strict=True)
                         for part, start in enumerate(range(0, len(rowids), 4 * PART))])
    return json.dumps(now, sort_keys=True)
