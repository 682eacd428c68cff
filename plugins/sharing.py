"""Arbitrary SQL shares the server fairly with everyone else.

A request that carries SQL of its own (?sql= on the database, or ?_where= on a table) runs its queries on a small
pool of SQL_THREADS threads apart from Datasette's num_sql_threads, which serve the pages and the canned queries:
however many runaway queries are sent, they wait for each other, not for the pages. And one client (one IP
address, or the address a trusted proxy gives in X-Forwarded-For, which uvicorn applies) may have PER_CLIENT such
request in flight, the whole server IN_FLIGHT, and a client whose query ran longer than COSTLY waits PAUSE times
as long before its next: past that the answer is 429 Too Many Requests with Retry-After. So one client running
queries to the time limit gets a third of a thread, and all of them together SQL_THREADS.

A `_where=` must be one SQL expression (parentheses balanced, no comment, no `;` outside quotes): it is put in
parentheses, so that the condition by which Datasette pages through a table applies to all of it. Without them
`_where=rowid < 10 or 1` gives every page the same first rows, and a CSV stream of them never ends.
"""
from __future__ import annotations

import asyncio
import contextvars
import json
import math
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, parse_qsl, urlencode

import datasette.database
from datasette import hookimpl

SQL_THREADS = 1  # on a replica of two cores: visitors' own SQL never takes more than one
COSTLY = 0.25  # seconds: after a request with its own SQL that took longer, the client waits PAUSE times as long
PAUSE = 2  # so a client running queries to the time limit keeps a third of the thread
PER_CLIENT = 1
IN_FLIGHT = 6  # running or waiting for one of the SQL_THREADS
RETRY_AFTER = 2  # seconds: about twice the time limit
SLOW_REFUSAL = 0.5  # seconds before a 429 is sent
OWN_SQL = ("sql", "_where")  # the parameters that carry SQL a visitor wrote
QUOTES = {"'": "'", '"': '"', "`": "`", "[": "]"}  # opening quote → closing quote of SQL's literals and names

# Kept on Datasette's module, so that every copy of this one (Datasette loads plugins/ once per instance) shares
# them: whether the request being answered carries its own SQL, and the pool that runs it.
arbitrary = datasette.database.__dict__.setdefault("_archive_arbitrary", contextvars.ContextVar("arbitrary", default=False))
pool = datasette.database.__dict__.setdefault(
    "_archive_pool", ThreadPoolExecutor(max_workers=SQL_THREADS, thread_name_prefix="arbitrary-sql"))


def carries_sql(scope: dict) -> bool:
    keys = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    return any(keys.get(name, [""])[0].strip() for name in OWN_SQL)


def is_one_expression(sql: str) -> bool:
    """Whether SQL has balanced parentheses and no comment or `;` outside its quoted literals and names."""
    depth, i = 0, 0
    while i < len(sql):
        char = sql[i]
        if char in QUOTES:
            end = sql.find(QUOTES[char], i + 1)
            if end < 0:
                return False
            i = end + 1  # a doubled quote ('it''s') is two literals side by side: the same to this count
            continue
        if char == ";" or sql.startswith(("--", "/*"), i):
            return False
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
        i += 1
    return depth == 0


def enclosed_wheres(query_string: str) -> str | None:
    """The query string with each `_where` in parentheses, or None when one is not a single expression."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if any(name == "_where" and not is_one_expression(value) for name, value in pairs):
        return None
    return urlencode([(name, f"({value})" if name == "_where" and value.strip() else value) for name, value in pairs])


async def not_one_expression(send) -> None:
    body = json.dumps({"ok": False, "status": 400, "title": "Invalid SQL",
                       "error": "_where must be one SQL expression: balanced parentheses, no comments, no ;"}).encode()
    await send({"type": "http.response.start", "status": 400, "headers": [
        (b"content-type", b"application/json; charset=utf-8")]})
    await send({"type": "http.response.body", "body": body})


def client_of(scope: dict) -> str:
    client = scope.get("client")
    return client[0] if client else ""


async def too_many(send, why: str, retry_after: int) -> None:
    await asyncio.sleep(SLOW_REFUSAL)  # a client that retries at once is refused at most so often
    body = json.dumps({"ok": False, "status": 429, "title": "Too many requests", "error": why}).encode()
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"application/json; charset=utf-8"), (b"retry-after", str(retry_after).encode()),
        (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})


class Sharing:
    """Counts the requests with their own SQL in flight, per client and in all."""

    def __init__(self) -> None:
        self.clients: Counter[str] = Counter()
        self.free_at: dict[str, float] = {}  # client → when it may send its next SQL

    def refusal(self, client: str) -> tuple[str, int] | None:
        """Why the client's request is refused, and in how many seconds to try again; None to answer it."""
        wait = self.free_at.get(client, 0) - time.monotonic()
        if wait > 0:
            return ("your last query took long: the next may start as long after it as it took", math.ceil(wait))
        self.free_at.pop(client, None)
        if self.clients[client] >= PER_CLIENT:
            return f"you already have {PER_CLIENT} query of your own SQL running: wait for its answer", RETRY_AFTER
        if sum(self.clients.values()) >= IN_FLIGHT:
            return "the server is answering as many queries of visitors' own SQL as it can", RETRY_AFTER
        return None

    def wrap(self, app):
        async def shared(scope, receive, send):
            if scope["type"] != "http" or not carries_sql(scope):
                return await app(scope, receive, send)
            query_string = enclosed_wheres(scope["query_string"].decode("latin-1"))
            if query_string is None:
                return await not_one_expression(send)
            scope = {**scope, "query_string": query_string.encode("latin-1")}
            client = client_of(scope)
            refused = self.refusal(client)
            if refused:
                return await too_many(send, *refused)
            self.clients[client] += 1
            token = arbitrary.set(True)
            started = time.monotonic()
            try:
                return await app(scope, receive, send)
            finally:
                arbitrary.reset(token)
                took = time.monotonic() - started
                if took > COSTLY:
                    self.free_at[client] = time.monotonic() + PAUSE * took
                self.clients[client] -= 1
                if self.clients[client] <= 0:
                    del self.clients[client]

        return shared


_datasette_execute_fn = datasette.database.Database.__dict__.get("_archive_original", datasette.database.Database.execute_fn)


async def execute_fn(self, fn):
    """Database.execute_fn, on the pool of arbitrary SQL while a request with its own SQL is answered."""
    if not arbitrary.get() or self.ds.executor is None:
        return await _datasette_execute_fn(self, fn)

    def in_thread():  # as Datasette's own: one connection per thread and database
        conn = getattr(datasette.database.connections, self.name, None)
        if not conn:
            conn = self.connect()
            self.ds._prepare_connection(conn, self.name)
            setattr(datasette.database.connections, self.name, conn)
        return fn(conn)

    return await asyncio.get_running_loop().run_in_executor(pool, in_thread)


datasette.database.Database._archive_original = _datasette_execute_fn
datasette.database.Database.execute_fn = execute_fn


@hookimpl
def asgi_wrapper(datasette):
    return Sharing().wrap
