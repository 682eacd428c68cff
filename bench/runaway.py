"""Runaway SQL against a served archive: how soon it is cut off, and how fast pages answer meanwhile.

The tests (tests/test_serving.py) check that it is cut off with the documented error while the pages keep
answering; the benchmark says how long that takes.
"""
from __future__ import annotations

import threading
import time

import httpx

RUNAWAY = {
    "recursive CTE without end": "with recursive r(i) as (select 1 union all select i+1 from r) select count(*) from r",
    "huge cross join": "select count(*) from passages a, passages b, passages c, passages d",
}
PAGES = ["/", "/archive", "/archive/documents", "/archive/passages?_facet=kind", "/archive/search?q=workers"]


def is_interrupted(response: httpx.Response) -> bool:
    """Whether Datasette answered that the query was interrupted by sql_time_limit_ms."""
    body = response.json()
    return response.status_code == 400 and (body.get("title") == "SQL Interrupted" or "took too long" in body["error"])


def cut_off(base: str) -> dict[str, dict]:
    """Each runaway query once: seconds until its answer, and whether that answer was the interruption."""
    figures = {}
    for name, sql in RUNAWAY.items():
        started = time.perf_counter()
        response = httpx.get(base + "/archive.json", params={"sql": sql}, timeout=60)
        figures[name] = {"seconds": round(time.perf_counter() - started, 2), "interrupted": is_interrupted(response)}
    return figures


def pages_beside(base: str, seconds: float) -> list[tuple[str, int, float]]:
    """(page, status, seconds) of the pages fetched one after another for `seconds` while every runaway query
    is sent again and again, one client each."""
    stop = threading.Event()

    def attack(sql: str) -> None:
        while not stop.is_set():
            httpx.get(base + "/archive.json", params={"sql": sql}, timeout=60)

    attackers = [threading.Thread(target=attack, args=(sql,)) for sql in RUNAWAY.values()]
    for attacker in attackers:
        attacker.start()
    answers = []
    try:
        time.sleep(0.3)
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            for page in PAGES:
                started = time.perf_counter()
                status = httpx.get(base + page, timeout=60).status_code
                answers.append((page, status, time.perf_counter() - started))
    finally:
        stop.set()
        for attacker in attackers:
            attacker.join()
    return answers
