"""Normal traffic alone, then beside clients sending runaway SQL and long searches, in one run.

Each hostile client sends its requests one after another, as fast as it is answered: RUNAWAY_SQL to the
database's own SQL (cut off by the time limit, or refused with 429 while the client's previous one runs), and
LONG_SEARCHES to the search paths (bounded by plugins/search_input.py). The normal clients' figures with them
running are set beside their figures alone, with the server's peak resident memory.
"""
from __future__ import annotations

import asyncio
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from .load import load_test

RUNAWAY_SQL = [
    "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r",
    "select count(*) from passages a, passages b, passages c",
    "with recursive r(i) as (select 1 union all select i + 1 from r where i < 8) "
    "select length(printf('%.*c', 100000000, 'x')) from r",
    "with recursive r(i) as (select 1 union all select i + 1 from r where i < 1000) "
    "select i, zeroblob(900000) as a, zeroblob(900000) as b from r",
]
LONG_SEARCHES = [
    "/archive/search?" + urlencode({"q": " ".join(["the"] * 2500)}),
    "/archive/search?" + urlencode({"q": " ".join(["workers"] * 1000)}),
    "/archive/passages?" + urlencode({"_search": " ".join(["the"] * 2500)}),
    "/archive/demands_search?" + urlencode({"q": " ".join(f"word{i} the workers" for i in range(300))}),
]
NORMAL_CLIENTS = 16
RUNAWAY_CLIENTS = 3
SEARCH_CLIENTS = 3


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory so far (VmHWM), from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def attacker(base: str, urls: list[str]):
    """A client sending the URLs in turn until the load test stops; it reports what it was answered."""

    async def attack(stop: float) -> dict:
        statuses: dict[str, int] = {}
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            n = 0
            while time.perf_counter() < stop:
                try:
                    status = str((await http.get(urls[n % len(urls)])).status_code)
                except httpx.HTTPError as error:
                    status = type(error).__name__
                statuses[status] = statuses.get(status, 0) + 1
                n += 1
        return statuses

    return attack


def merged(reports: list[dict]) -> dict:
    total: dict[str, int] = {}
    for report in reports:
        for status, count in report.items():
            total[status] = total.get(status, 0) + count
    return total


def alone_and_beside(base: str, mix: list[str], duration: float, concurrency: int, pid: int) -> dict:
    """The normal clients' figures alone, then beside the hostile ones; their ratio; the server's peak memory."""
    alone = asyncio.run(load_test(base, mix, duration, concurrency))
    sql = [f"/archive.json?{urlencode({'sql': q})}" for q in RUNAWAY_SQL]
    hostile = ([attacker(base, sql[n:] + sql[:n]) for n in range(RUNAWAY_CLIENTS)]
               + [attacker(base, LONG_SEARCHES[n:] + LONG_SEARCHES[:n]) for n in range(SEARCH_CLIENTS)])
    beside = asyncio.run(load_test(base, mix, duration, concurrency, beside=hostile))
    reports = beside.pop("beside")
    return {
        "alone": alone, "beside": beside,
        "p95_ratio": round(beside["p95_ms"] / alone["p95_ms"], 2) if alone.get("p95_ms") else None,
        "runaway_sql_answers": merged(reports[:RUNAWAY_CLIENTS]),
        "long_search_answers": merged(reports[RUNAWAY_CLIENTS:]),
        "server_peak_rss_mb": peak_rss_mb(pid),
    }
