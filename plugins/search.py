"""The archive's own search: the home page's one box, answered with every kind of row, ranked exactly and fast.

/search?q=… (and /search.json, or ?_format=json) answers, in this order, the documents whose title matches,
the organizations with a matching name, abbreviation or alias, the demands, and the passages, ranked by BM25
with a highlighted snippet and a link that opens the reader on the paragraph. Each group says how many it
found and links to all of it (`only=`), twenty a page (`page=`). The passages can be narrowed by year
(`year_from`, `year_to`), document kind (`kind`), issuing organization (`issued_by`, an organization id) and
language (`language`), each shown as a facet with its counts. The words are read by search_terms()
(search_input.py): all required, "a phrase" in quotes, -word left out, nothing else an error.

Exact ranking: the passages come in exactly the order `order by bm25(passages_fts), rowid` gives, without
scoring every passage the words match. The build keeps the passages of every frequent word in that word's
ranked order (etl/load/word_lists.py). A page is taken from the front of the searched phrases' lists: the passages
found there are scored by FTS5 itself, and since a passage further down a phrase's list scores no better for
that phrase than the passage at the depth reached, the page is final once its last passage scores better than
the sum of those bounds; else the lists are read four times deeper, up to MOST_CANDIDATES passages, past which
every match is scored. A phrase with no frequent word,
or phrases that together match few passages, are ranked by scoring all those passages, which is fast; a
one-word search with no filter is read off its list.

ranked_passages(fts, limit, offset) gives the same ranking to SQL (the `search` canned query): the rowids of
the passages, best first, as a JSON list for json_each.
"""
from __future__ import annotations

import bisect
import json
import math
import re
import sqlite3
import sys
from array import array
from typing import NamedTuple
from urllib.parse import urlencode
from weakref import WeakKeyDictionary

from datasette import Response, hookimpl
from datasette.plugins import pm
from datasette.utils import await_me_maybe
from markupsafe import Markup, escape

DATABASE = "archive"
LISTS = "passage_word_lists"
# passages_fts's tokenizer and the lists' parts, as the build declares them (etl/load/database.py, etl/load/word_lists.py): the
# server's image holds only the plugins and the resolving code, not the code that writes the database.
TOKENIZE = "porter unicode61 remove_diacritics 2"
FIRST_DEPTH = 1024  # how far down the list the first round reads, for one phrase
DEEPER_FOR_SEVERAL = 16  # several phrases: a round costs FTS5 a pass over all they match however few it scores
SCORE_ALL_BELOW = 64 * FIRST_DEPTH  # matches: a search of several phrases matching fewer is ranked by scoring all
MOST_CANDIDATES = 64 * FIRST_DEPTH  # passages scored in a round: past this, every match is scored instead
PAGE = 20
PART = 4096
SHOWN = 5  # documents, organizations and demands shown beside the passages before "see all"
FACET_LIMIT = 100_000  # matches: past this many, the facets are not counted
RANK_LIMIT = 10_000  # documents or demands: past this many matches, they are shown in the archive's order
PHRASE = re.compile(r'(NOT )?"([^"]*)"')
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # snippet() marks, turned into <mark> once the text is escaped
FILTERS = {
    "year_from": "d.year >= :year_from",
    "year_to": "d.year <= :year_to",
    "kind": "d.kind = :kind",
    "language": "s.language = :language",
    "issued_by": "d.id in (select document_id from document_issuers where organization_id = :issued_by)",
}
GROUPS = ("documents", "organizations", "demands", "passages")


class WordList:
    """A frequent word's passages, best first, read from the database a part at a time as they are needed."""

    def __init__(self, conn: sqlite3.Connection, word: str, passages: int, scores: array):
        self.conn, self.word, self.passages, self.scores = conn, word, passages, scores
        self.rowids = array("i")

    def prefix(self, depth: int) -> array:
        """The first `depth` passages (all of them, if there are fewer)."""
        while len(self.rowids) < min(depth, self.passages):
            part = len(self.rowids) // PART
            row = self.conn.execute(f"select rowids from {LISTS} where word = ? and part = ?", [self.word, part]).fetchone()
            if row is None:
                break
            self.rowids.extend(unpacked(row[0], "i"))
        return self.rowids[:depth]

    def score_at(self, depth: int) -> float:
        """The score of the passage at this depth (a power of two): no passage further down scores better."""
        return self.scores[depth.bit_length() - 1]

    def past_ties(self, wanted: int) -> int:
        """The first depth (a power of two) that scores below the first `wanted` passages: above it, a round could
        not end, for the passages tied with them."""
        page = self.score_at(1 << (max(wanted, 1).bit_length() - 1))
        return next((1 << index for index, score in enumerate(self.scores) if score < page), 1 << len(self.scores))


class Lists(NamedTuple):
    """The index the lists were worked out from (build_info's word_lists), beside today's."""

    fresh: bool  # worked out from this very index: a word's list is its ranking
    passages_then: int
    passages_now: int
    last_rowid: int  # passages after this one were written since, and are in no list
    drift: float  # how much better any passage may score now than the lists' scores say, for the change of mean length


def averages(blob: bytes) -> tuple[int, int]:
    """FTS5's averages record: the number of rows and the tokens of all columns (SQLite varints)."""
    values, position = [], 0
    while position < len(blob):
        value = 0
        for _ in range(8):
            byte = blob[position]
            position += 1
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        else:
            value = (value << 8) | blob[position]
            position += 1
        values.append(value)
    return values[0], sum(values[1:])


def lists_state(conn: sqlite3.Connection) -> Lists | None:
    try:
        row = conn.execute("select value from build_info where key = 'word_lists'").fetchone()
        then = json.loads(row[0]) if row and row[0].startswith("{") else None
    except sqlite3.OperationalError:
        return None
    if then is None:
        return None
    blob = conn.execute("select block from passages_fts_data where id = 1").fetchone()[0]
    last = conn.execute("select coalesce(max(rowid), 0) from passages").fetchone()[0]
    rows_then, tokens_then = averages(bytes.fromhex(then["averages"]))
    rows_now, tokens_now = averages(blob)
    passages = rows_now  # the index's own count of its rows, which bm25() weighs words by: no count(*) of passages
    fresh = blob.hex() == then["averages"] and last == then["last_rowid"]
    mean_then, mean_now = tokens_then / max(rows_then, 1), tokens_now / max(rows_now, 1)
    drift = 1.0 if fresh else max(1.0, mean_now / mean_then) * (1 + 1e-9)
    return Lists(fresh, then["passages"], passages, then["last_rowid"], drift)


class Phrase(NamedTuple):
    words: str
    excluded: bool


def phrases_of(fts: str) -> list[Phrase]:
    """The phrases of a query search_terms() wrote (`"a" "b c" NOT "d"`)."""
    return [Phrase(words, bool(negated)) for negated, words in PHRASE.findall(fts or "")]


def tokens_of(conn: sqlite3.Connection, text: str) -> list[str]:
    """What the passages' tokenizer makes of a text, in order."""
    conn.execute(f"create virtual table if not exists temp.search_tokenized using fts5(text, tokenize='{TOKENIZE}')")
    conn.execute("create virtual table if not exists temp.search_tokens using fts5vocab(temp, search_tokenized, 'instance')")
    conn.execute("delete from temp.search_tokenized")
    conn.execute("insert into temp.search_tokenized (rowid, text) values (1, ?)", [text])
    return [term for (term,) in conn.execute("select term from temp.search_tokens order by offset")]


def unpacked(blob: bytes, typecode: str) -> array:
    values = array(typecode)
    values.frombytes(blob)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def word_list(conn: sqlite3.Connection, token: str) -> WordList | None:
    try:
        row = conn.execute(f"select passages, scores from {LISTS} where word = ? and part = 0", [token]).fetchone()
    except sqlite3.OperationalError:  # a database built before the lists were kept
        return None
    return WordList(conn, token, row[0], unpacked(row[1], "d")) if row else None


def matches(conn: sqlite3.Connection, fts: str, where: str = "", params: dict | None = None,
            counted: dict | None = None) -> int:
    """How many passages match; `counted` keeps the counts already made for one request, which asks some twice."""
    key = (fts, where, json.dumps(params or {}, sort_keys=True, default=str))
    if counted is not None and key in counted:
        return counted[key]
    found = conn.execute(f"select count(*) from passages_fts where passages_fts match :fts {where}",
                         {**(params or {}), "fts": fts}).fetchone()[0]
    if counted is not None:
        counted[key] = found
    return found


def idf(found: int, total: int) -> float:
    """FTS5's inverse document frequency (fts5_aux.c), as bm25() computes it."""
    value = math.log((total - found + 0.5) / (found + 0.5))
    return value if value > 0 else 1e-6


def bounding_list(conn: sqlite3.Connection, phrase: str, lists: Lists,
                  counted: dict | None = None) -> tuple[WordList, float] | None:
    """The list whose order bounds the phrase's score, and by what factor of that list's scores: the word's own
    list, or for a phrase the shortest list of its words (a phrase is found in a passage no more often than each
    of its words), times the phrase's weight today over the word's weight when its list was worked out, and the
    drift of the mean length. None when the phrase has no frequent word, or is itself rare."""
    tokens = tokens_of(conn, phrase)
    found_lists = [found for found in (word_list(conn, token) for token in set(tokens)) if found]
    if not found_lists:
        return None
    shortest = min(found_lists, key=lambda found: found.passages)
    if len(tokens) == 1 and lists.fresh:
        return shortest, 1.0
    found = matches(conn, f'"{phrase}"', counted=counted)
    if len(tokens) > 1 and found < SCORE_ALL_BELOW:
        return None
    weight_now = idf(found, lists.passages_now)
    return shortest, weight_now / idf(shortest.passages, lists.passages_then) * lists.drift


def brute_force(conn: sqlite3.Connection, fts: str, limit: int, offset: int, where: str, params: dict) -> list[int]:
    sql = (f"select rowid from passages_fts where passages_fts match :fts {where} "
           "order by bm25(passages_fts), rowid limit :limit offset :offset")
    return [rowid for (rowid,) in conn.execute(sql, {**params, "fts": fts, "limit": limit, "offset": offset})]


def ranked(conn: sqlite3.Connection, fts: str, limit: int = PAGE, offset: int = 0, where: str = "",
           params: dict | None = None, counted: dict | None = None) -> list[int]:
    """The rowids of the passages matching the FTS5 query `fts` (and the condition `where`, on passages_fts.rowid),
    ranks offset+1 to offset+limit, exactly as `order by bm25(passages_fts), rowid` ranks them."""
    params = params or {}
    phrases = phrases_of(fts)
    required = [phrase.words for phrase in phrases if not phrase.excluded]
    if not required or limit <= 0:
        return []
    lists = lists_state(conn)
    if lists is None:  # no lists: every match is scored
        return brute_force(conn, fts, limit, offset, where, params)
    plan = []
    for phrase in required:
        bounding = bounding_list(conn, phrase, lists, counted)
        if bounding is None:  # a phrase of rare words: every passage it matches is scored
            return brute_force(conn, fts, limit, offset, where, params)
        plan.append(bounding)
    wanted = offset + limit
    if len(phrases) == 1 and not where and lists.fresh and plan[0][1] == 1.0:  # one word: its list is the ranking
        return list(plan[0][0].prefix(wanted)[offset:])
    # together the phrases may match few passages: then scoring them all is faster
    if (len(phrases) > 1 or where) and matches(conn, fts, where, params, counted) < SCORE_ALL_BELOW:
        return brute_force(conn, fts, limit, offset, where, params)
    return by_rounds(conn, fts, plan, lists, limit, offset, where, params)


def by_rounds(conn: sqlite3.Connection, fts: str, plan: list[tuple[WordList, float]], lists: Lists, limit: int,
              offset: int, where: str, params: dict) -> list[int]:
    """The ranking read from deeper and deeper in the phrases' lists until no passage further down can enter it;
    with the passages written since the lists were worked out, which are in none."""
    wanted = offset + limit
    written_since = [] if lists.fresh else [rowid for (rowid,) in conn.execute(
        "select rowid from passages_fts where passages_fts match ? and rowid > ?", [fts, lists.last_rowid])]
    depth = max(FIRST_DEPTH * (1 if len(plan) == 1 else DEEPER_FOR_SEVERAL), 1 << (4 * wanted - 1).bit_length(),
                min(min(found.past_ties(wanted) for found, _ in plan), MOST_CANDIDATES // len(plan)))
    sql = ("select rowid, bm25(passages_fts) as score from passages_fts where passages_fts match :fts "
           f"and +rowid in (select value from json_each(:candidates)) {where} order by score, rowid limit :limit")
    while True:
        if depth * len(plan) > MOST_CANDIDATES:  # as costly as scoring every match, which is simpler
            return brute_force(conn, fts, limit, offset, where, params)
        candidates: set[int] = set(written_since)
        for found, _ in plan:
            candidates.update(found.prefix(depth))
        complete = any(depth >= found.passages for found, _ in plan)  # every match is a candidate
        bound = 0.0 if complete else sum(factor * found.score_at(depth) for found, factor in plan)
        rows = conn.execute(sql, {**params, "fts": fts, "candidates": json.dumps(sorted(candidates)),
                                  "limit": wanted}).fetchall()
        if complete or (len(rows) == wanted and rows[-1][1] <= -bound):
            return [rowid for rowid, _ in rows[offset:]]
        depth *= 4


def matching(conn: sqlite3.Connection, fts: str, where: str = "", params: dict | None = None,
             counted: dict | None = None) -> int:
    """How many passages match: for one word with a fresh list and no filter, the list's length, uncounted."""
    phrases = phrases_of(fts)
    if len(phrases) == 1 and not where and not phrases[0].excluded:
        lists = lists_state(conn)
        tokens = tokens_of(conn, phrases[0].words) if lists and lists.fresh else []
        found = word_list(conn, tokens[0]) if len(tokens) == 1 else None
        if found is not None:
            return found.passages
    return matches(conn, fts, where, params, counted)


def ranked_passages(conn: sqlite3.Connection, fts: str | None, limit: int | None, offset: int | None) -> str:
    return json.dumps(ranked(conn, fts or "", int(limit or PAGE), int(offset or 0)))



# The results page.

class Request(NamedTuple):
    """What a results page was asked for."""

    q: str
    fts: str
    page: int
    only: str | None
    filters: dict[str, str]

    @classmethod
    def of(cls, args, fts: str) -> Request:
        page = args.get("page") or "1"
        only = args.get("only")
        return cls(q=args.get("q") or "", fts=fts, page=max(1, int(page)) if page.isdigit() else 1,
                   only=only if only in GROUPS else None,
                   filters={name: args[name].strip() for name in FILTERS if (args.get(name) or "").strip()})

    def url(self, **changes) -> str:
        """This page's address with some parameters changed (None drops one)."""
        params = {"q": self.q, **({"only": self.only} if self.only else {}), **self.filters,
                  **({"page": str(self.page)} if self.page > 1 else {})}
        for name, value in changes.items():
            params.pop(name, None)
            if value is not None:
                params[name] = str(value)
        return "/search?" + urlencode(params)


def filter_condition(filters: dict[str, str]) -> tuple[str, dict]:
    """The passages' filters as a condition on passages_fts.rowid, and its parameters."""
    if not filters:
        return "", {}
    params: dict[str, object] = dict(filters)
    for year in ("year_from", "year_to"):
        if year in params:
            params[year] = int(filters[year]) if filters[year].lstrip("-").isdigit() else None
    tests = " and ".join(FILTERS[name] for name in filters)
    return ("and +passages_fts.rowid in (select p.rowid from passages p join documents d on d.id = p.document_id "
            f"join sources s on s.id = d.source_id where {tests})"), params


DOCUMENTS = """select d.id, d.title, d.date, d.kind, read_url(d.id, null, :q) as url
from documents_fts join documents d on d.rowid = documents_fts.rowid where documents_fts match :fts
order by {order} limit :limit offset :offset"""
DOCUMENTS_COUNT = "select count(*) from documents_fts where documents_fts match :fts"
# Organizations: an alias typed whole first, then by how well their names match (BM25); the documents that name
# them are counted for those shown only.
ORGANIZATIONS_FOUND = """with found as (
  select r, min(score) as score from (
    select organizations_fts.rowid as r, organizations_fts.rank as score from organizations_fts
    where organizations_fts match :fts
    union all select o.rowid, -1e300 from organization_aliases a join organizations o on o.id = a.organization_id
    where a.alias_folded = fold(:q)
  ) group by r
)"""
ORGANIZATIONS = ORGANIZATIONS_FOUND + """, shown as (
  select r, score from found order by score, r limit :limit offset :offset
)
select o.id, o.name, o.abbreviation, o.kind, o.country_code, c.name as country
from shown join organizations o on o.rowid = shown.r left join countries c on c.code = o.country_code
order by shown.score, shown.r"""
# The documents naming an organization: those it signed, issued, is a section in, or is addressed by.
NAMED_IN = """select organization_id, document_id from signatories union select organization_id, document_id from
document_issuers union select organization_id, document_id from sections union select organization_id, document_id
from addressees"""
DOCUMENTS_NAMING = (f"select organization_id, count(*) from ({NAMED_IN}) "
                    "where organization_id in (select value from json_each(:ids)) group by organization_id")
ALL_DOCUMENTS_NAMING = (f"select organization_id, count(*) from ({NAMED_IN}) "
                        "where organization_id is not null group by organization_id")
ORGANIZATIONS_COUNT = ORGANIZATIONS_FOUND + " select count(*) from found"
DEMANDS = """select dm.id, dm.text, dm.kind, d.title as document, d.date,
  (select group_concat(t.name, '; ') from demand_themes x join themes t on t.id = x.theme_id where x.demand_id = dm.id) as themes,
  read_url(p.document_id, p.position, :q, dm.start_char, dm.end_char) as url
from demands_fts join demands dm on dm.rowid = demands_fts.rowid join documents d on d.id = dm.document_id
join passages p on p.id = dm.passage_id
where demands_fts match :fts order by {order} limit :limit offset :offset"""
DEMANDS_COUNT = "select count(*) from demands_fts where demands_fts match :fts"
PASSAGES = """select p.id, p.document_id, p.position as paragraph, p.heading, d.title as document, d.date, d.kind,
  snippet(passages_fts, 0, char(2), char(3), '…', 32) as snippet, read_url(p.document_id, p.position, :q) as url
from json_each(:ids) j cross join passages_fts on passages_fts.rowid = j.value join passages p on p.rowid = j.value
join documents d on d.id = p.document_id
where passages_fts match :fts order by j.key"""
FACET_VALUES = 20  # shown per facet, the commonest first


def marked(snippet: str | None) -> Markup:
    """A snippet's text escaped, with its matches marked."""
    return Markup(str(escape(snippet or "")).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


async def group(db, name: str, request: Request, size: int) -> dict:
    """Documents, organizations or demands: ranked by BM25, or when there are too many to rank at each visit, in the
    archive's order (organizations: those in most documents first)."""
    sql, count = {"documents": (DOCUMENTS, DOCUMENTS_COUNT), "organizations": (ORGANIZATIONS, ORGANIZATIONS_COUNT),
                  "demands": (DEMANDS, DEMANDS_COUNT)}[name]
    params = {"q": request.q, "fts": request.fts, "limit": size, "offset": (request.page - 1) * size if request.only else 0}
    found = (await db.execute(count, params)).first()[0]
    ranked_here = found <= RANK_LIMIT
    table = {"documents": "documents_fts", "demands": "demands_fts"}.get(name)
    if table:
        sql = sql.format(order=f"{table}.rank, {table}.rowid" if ranked_here else f"{table}.rowid")
    rows = [dict(row) for row in (await db.execute(sql, params)).rows] if found else []
    if name == "organizations" and rows:
        counts = await documents_naming(db, [row["id"] for row in rows])
        for row in rows:
            row["documents"] = counts.get(row["id"], 0)
    return {"count": found, "rows": rows, "order": "relevance" if ranked_here or not table else "archive"}


_naming: WeakKeyDictionary = WeakKeyDictionary()  # database → how many documents name each organization


async def documents_naming(db, ids: list[str]) -> dict[str, int]:
    """How many documents name each of these organizations: for a database that cannot change, counted once for
    every organization (some are named in tens of thousands)."""
    if db.is_mutable:
        return dict((await db.execute(DOCUMENTS_NAMING, {"ids": json.dumps(ids)})).rows)
    if db not in _naming:
        _naming[db] = await db.execute_fn(lambda conn: dict(conn.execute(ALL_DOCUMENTS_NAMING).fetchall()))
    return {id_: _naming[db].get(id_, 0) for id_ in ids}


async def passages(db, request: Request, size: int) -> dict:
    where, params = filter_condition(request.filters)
    offset = (request.page - 1) * size

    def count_and_rank(conn: sqlite3.Connection) -> tuple[int, list[int]]:
        counted: dict = {}
        found = matching(conn, request.fts, where, params, counted)
        return found, ranked(conn, request.fts, size, offset, where, params, counted) if found else []

    found, ids = await db.execute_fn(count_and_rank)
    rows = [dict(row) for row in (await db.execute(PASSAGES, {"ids": json.dumps(ids), "fts": request.fts, "q": request.q})).rows]
    for row in rows:
        row["snippet"] = marked(row["snippet"])
    return {"count": found, "rows": rows, "facets": await facets(db, request, where, params, found)}


class Documents(NamedTuple):
    """Each document's run of passages (their rowids follow one another: a source's passages are written together),
    with what the facets count it by: read once for a database that cannot change."""

    starts: array  # the first passage rowid of each document, in order
    ends: array
    kinds: list
    years: list
    languages: list
    issuers: list  # of each document, its issuing organizations as (id, name)


DOCUMENT_RUNS = """select x.id, x.first, x.last, x.n, d.kind, d.year, s.language from (
  select document_id as id, min(rowid) as first, max(rowid) as last, count(*) as n from passages group by document_id
) x join documents d on d.id = x.id join sources s on s.id = d.source_id order by x.first"""
ISSUERS = "select di.document_id, o.id, o.name from document_issuers di join organizations o on o.id = di.organization_id"
_documents: WeakKeyDictionary = WeakKeyDictionary()  # database → its Documents, or None when runs are broken


def read_documents(conn: sqlite3.Connection) -> Documents | None:
    rows = conn.execute(DOCUMENT_RUNS).fetchall()
    if any(last - first + 1 != n for _, first, last, n, *_ in rows):
        return None
    position = {row[0]: index for index, row in enumerate(rows)}
    issuers: list[list] = [[] for _ in rows]
    for document_id, organization_id, name in conn.execute(ISSUERS):
        if document_id in position:
            issuers[position[document_id]].append((organization_id, name))
    return Documents(array("q", (row[1] for row in rows)), array("q", (row[2] for row in rows)),
                     [row[4] for row in rows], [row[5] for row in rows], [row[6] for row in rows], issuers)


async def documents_of(db) -> Documents | None:
    if db.is_mutable:
        return await db.execute_fn(read_documents)
    if db not in _documents:
        _documents[db] = await db.execute_fn(read_documents)
    return _documents[db]


def passages_by_document(conn: sqlite3.Connection, documents: Documents, fts: str, where: str, params: dict) -> dict:
    """How many of the matching passages each document holds (by its index in documents)."""
    counts: dict[int, int] = {}
    starts, ends = documents.starts, documents.ends
    for (rowid,) in conn.execute(f"select rowid from passages_fts where passages_fts match :fts {where}",
                                 {**params, "fts": fts}):
        index = bisect.bisect_right(starts, rowid) - 1
        if index >= 0 and rowid <= ends[index]:
            counts[index] = counts.get(index, 0) + 1
    return counts


async def facets(db, request: Request, where: str, params: dict, found: int) -> dict:
    """The passages' facets with their counts, when there are few enough matches to count; else nothing."""
    if not found or found > FACET_LIMIT:
        return {}
    documents = await documents_of(db)
    if documents is None:  # a database whose documents' passages do not follow one another
        return {}
    held = await db.execute_fn(lambda conn: passages_by_document(conn, documents, request.fts, where, params))
    counts: dict[str, dict] = {name: {} for name in ("kind", "language", "year", "issued_by")}
    labels: dict[object, object] = {}

    def add(name: str, value, n: int) -> None:
        if value is not None and value != "":
            counts[name][value] = counts[name].get(value, 0) + n

    for index, n in held.items():
        add("kind", documents.kinds[index], n)
        add("year", documents.years[index], n)
        add("language", documents.languages[index], n)
        for organization_id, name in documents.issuers[index]:
            add("issued_by", organization_id, n)
            labels[organization_id] = name
    return {name: facet_values(request, name, values, labels) for name, values in counts.items()}


def facet_values(request: Request, name: str, values: dict, labels: dict) -> list[dict]:
    commonest = sorted(values.items(), key=lambda item: (-item[1], str(labels.get(item[0], item[0]))))[:FACET_VALUES]
    return [{"value": value, "label": labels.get(value, value), "n": n,
             "url": request.url(page=None, **({"year_from": value, "year_to": value} if name == "year" else {name: value}))}
            for value, n in commonest]


async def results(db, request: Request) -> dict:
    found: dict[str, dict] = {}
    if not request.fts:
        return found
    for name in GROUPS:
        if request.only and name != request.only:
            continue
        size = PAGE if request.only or name == "passages" else SHOWN
        found[name] = await (passages(db, request, size) if name == "passages" else group(db, name, request, size))
        found[name]["all_url"] = request.url(only=name, page=None)
    return found


def pages(request: Request, found: dict) -> dict:
    shown = request.only or "passages"
    count = found.get(shown, {}).get("count", 0)
    last = max(1, -(-count // PAGE))
    return {"page": request.page, "pages": last,
            "next_url": request.url(page=request.page + 1) if request.page < last else None,
            "previous_url": request.url(page=request.page - 1 if request.page > 2 else None) if request.page > 1 else None}


async def search_page(request, datasette):
    db = datasette.get_database(DATABASE)
    fts = (await db.execute("select search_terms(:q)", {"q": request.args.get("q") or ""})).first()[0]
    asked = Request.of(request.args, fts)
    found = await results(db, asked)
    body = {"q": asked.q, "search": asked.fts, "only": asked.only, "filters": asked.filters, "groups": found,
            **pages(asked, found)}
    if request.url_vars.get("format") == ".json" or request.args.get("_format") == "json":
        return Response.json(body, default=str)
    labels = {"kind": "Document kind", "language": "Language", "year": "Year", "issued_by": "Issued by"}
    return Response.html(await datasette.render_template(
        "search.html", {**body, "asked": asked, "facet_labels": labels, "filter_labels": FILTER_LABELS}, request=request))


FILTER_LABELS = {"year_from": "from", "year_to": "to", "kind": "kind", "language": "language", "issued_by": "issued by"}


@hookimpl
def startup(datasette):
    """The documents' runs of passages read before the first visitor asks for facets, when they cannot change."""

    async def read():
        db = datasette.databases.get(DATABASE)
        if db is not None and not db.is_mutable and "passages" in await db.table_names():
            await documents_of(db)
            await documents_naming(db, [])

    return read


@hookimpl
def register_routes():
    return [(r"^/search(?P<format>\.json)?$", search_page)]


@hookimpl
def extra_template_vars(datasette, request):
    """The site's menu without datasette-search-all's link: its page lists unranked raw rows; /search ranks."""

    async def menu_links():
        links: list[dict] = []
        for hook in pm.hook.menu_links(datasette=datasette, actor=request.actor if request else None,
                                                 request=request):
            extra = await await_me_maybe(hook)
            links += extra or []
        return [link for link in links if link.get("href") != datasette.urls.path("/-/search")]

    return {"menu_links": menu_links}


@hookimpl
def prepare_connection(conn):
    conn.create_function("ranked_passages", 3, lambda fts, limit, offset: ranked_passages(conn, fts, limit, offset))
