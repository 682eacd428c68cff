"""Load from loopback clients: latency summaries, and a fixed-duration load test."""
from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable

import httpx


def percentile(ms: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted figures."""
    return ms[min(len(ms) - 1, max(0, round(share * len(ms) + 0.5) - 1))]


def summary(seconds: list[float]) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    if not ms:
        return {}
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(percentile(ms, 0.95), 1),
            "p99_ms": round(percentile(ms, 0.99), 1), "max_ms": round(ms[-1], 1), "n": len(ms)}


def slowest(by_url: dict[str, list[float]], count: int = 5) -> dict[str, float]:
    """The URLs of the mix with the longest median latency (ms)."""
    medians = {url: round(statistics.median(seconds) * 1000, 1) for url, seconds in by_url.items()}
    return dict(sorted(medians.items(), key=lambda item: -item[1])[:count])


async def load_test(base: str, urls: list[str], duration: float, concurrency: int,
                    beside: list[Callable[[float], Awaitable[dict]]] = ()) -> dict:
    """`concurrency` clients requesting URLs of the mix one after another for `duration` seconds; the figures are
    theirs alone. `beside`: other clients run meanwhile (each given the time to stop), whose reports are kept
    under "beside"."""
    times: list[float] = []
    by_url: dict[str, list[float]] = {}
    statuses: dict[str, int] = {}
    failed: dict[str, int] = {}  # "status url": count, for every answer other than 200
    stop = time.perf_counter() + duration + (0.5 if beside else 0)

    async def client(number: int) -> None:
        rng = random.Random(number)
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while time.perf_counter() < stop:
                url = rng.choice(urls)
                started = time.perf_counter()
                try:
                    status = str((await http.get(url)).status_code)
                except httpx.HTTPError as error:
                    status = type(error).__name__
                times.append(time.perf_counter() - started)
                by_url.setdefault(url, []).append(times[-1])
                statuses[status] = statuses.get(status, 0) + 1
                if status != "200":
                    failed[f"{status} {url}"] = failed.get(f"{status} {url}", 0) + 1

    others = [asyncio.ensure_future(other(stop)) for other in beside]
    await asyncio.sleep(0.5 if beside else 0)  # the others first, so that every request of the mix meets them
    started = time.perf_counter()
    stop = started + duration
    await asyncio.gather(*(client(n) for n in range(concurrency)))
    elapsed = time.perf_counter() - started
    reports = await asyncio.gather(*others)
    errors = sum(count for status, count in statuses.items() if status != "200")
    return {"seconds": round(elapsed, 1), "concurrency": concurrency, "requests": len(times),
            "requests_per_second": round(len(times) / elapsed, 1), "errors": errors, "statuses": statuses,
            "failed": failed, **summary(times), "slowest_urls": slowest(by_url), **({"beside": reports} if beside else {})}
