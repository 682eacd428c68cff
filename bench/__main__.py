"""The archive's benchmark: build, rebuild, database size, search and page latency, load.

    python -m bench [--sizes 1000,10000] [--out bench/out] [--work bench/scratch]
                    [--duration 10] [--concurrency 8] [--seed 1917]

For each size N it writes a synthetic raw/ of N sources (bench/corpus.py), then measures,
in one run:

- the full build (python -m etl --full) beside the bare minimum (bench/bare.py: read, split
  at blank lines, insert_all, FTS5) on the same corpus: seconds, MB/s, their ratio, peak memory;
- a rebuild after one source changed, one after nothing changed, and one after an alias was added to the
  organization registry (resolved again from the stage cache), against the full build;
- the database's size against the raw text's;
- through HTTP, serving the database with bin/serve (settings.json, metadata, plugins) on a
  free loopback port: the `search` canned query and `_search=` on passages for a fixed list of
  terms (common, middling and rare words), the home page and the largest table's page; beside
  them, bare Datasette running ranked FTS5 SQL (`order by rank`, `snippet`) on the bare database,
  and, in SQLite itself, the same SQL, the `search` query's SQL and a LIKE '%term%' scan;
- how soon runaway SQL is cut off (bench/runaway.py), and page latency while it runs;
- requests per second, latency and errors under a fixed-duration load from loopback;
- the same normal traffic alone, then beside clients sending runaway SQL and long searches (bench/hostile.py):
  requests/s, p50/p95/p99 and non-2xx of the normal clients, and the server's peak memory.

Results go to OUT/results.json and OUT/results.md. Nothing here is a test: it passes nothing
and fails nothing; it says how fast, and which of the targets of the README are met.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import yaml

from . import corpus, hostile, runaway
from .load import load_test, summary

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATASETTE = str(Path(sys.executable).with_name("datasette"))

# Words of the archive's own texts, from the most common to the rarest (the corpus is made of them).
TERMS = {
    "common": ["the", "workers", "struggle", "international", "working class"],
    "middling": ["imperialism", "Resolution Iran", "trade unions", "Peru", "wages"],
    "rare": ["immigrants", "Honduras", "Zengakuren", "Kienthal", "permanent revolution"],
    "phrases": ['"working class"', '"trade unions"', '"permanent revolution"', '"the workers"', '"of the international"'],
}
ALL_TERMS = [term for terms in TERMS.values() for term in terms]

BARE_SQL = """select passages.id, passages.source, passages.position,
  snippet(passages_fts, 0, '<mark>', '</mark>', '…', 32) as snippet
from passages_fts join passages on passages.rowid = passages_fts.rowid
where passages_fts match :q
order by rank
limit 100"""
LIKE_SQL = "select id, text from passages where text like :pattern limit 100"

TARGETS = [
    ("build", "full build at least half as fast as the bare load (build ÷ bare ≤ 2) at 10,000 sources"),
    ("rebuild", "one-source rebuild under 5% of a full build at 10,000 sources"),
    ("registry", "registry edit (one alias added to organizations.yml) rebuild under 10% of a full build at 10,000 sources"),
    ("search", "ranked search p95 through Datasette within 1.5× of bare Datasette running ranked FTS5 SQL"),
    ("pages", "home and largest table page p95 independent of size (under 1.5× from the second-largest size to the largest)"),
    ("common", "search p95 on common words under 300 ms"),
    ("results", "results page p95 on common words (in over 10% of the passages) at most 0.25× bare Datasette's ranked "
                "FTS5 p95 on the same words, at the largest size"),
    ("table_search", "passages `_search=` answers every benchmark word (no 400 or 500)"),
    ("hostile", "beside 3 runaway-SQL and 3 long-search clients, normal p95 within 2× of alone, no non-2xx; "
                "server under 1 GB"),
]


# ---------------------------------------------------------------- the machine

def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    memory = None
    try:
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        memory = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    import datasette
    import sqlite_utils
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory, "os": platform.platform(),
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
        "datasette": datasette.__version__, "sqlite_utils": getattr(sqlite_utils, "__version__", ""),
        "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


# ---------------------------------------------------------------- processes

def tree_rss_kb(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            rss[int(entry.name)] = int((entry / "statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            continue
    family, frontier = {root_pid}, [root_pid]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in family:
                family.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in family)


# What is measured runs with Python's bytecode cache, as an installed Python does, even where the environment
# turns it off: the cost of compiling the code at every start is not the build's.
COMPILED = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def measured(command: list[str], env: dict | None = None) -> dict:
    """Run a command to its end: wall seconds, CPU seconds, the peak RSS of its largest process
    (getrusage via wait4) and the peak RSS of all its processes together (sampled every 50 ms).
    Written data of earlier steps is flushed first, so that it is not this command's cost."""
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env or COMPILED)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, tree_rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda name=name: output.__setitem__(name, getattr(process, name).read()), daemon=True)
               for name in ("stdout", "stderr")]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join(timeout=5)
    stdout, stderr = output.get("stdout", b""), output.get("stderr", b"")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr.decode(errors='replace')[-2000:]}")
    return {"seconds": round(seconds, 3), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "peak_rss_all_processes_mb": round(peak / 1024, 1),
            "output": stdout.decode(errors="replace").strip()[-300:]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Datasette on a loopback port, started and stopped by the benchmark."""

    def __init__(self, command: list[str], port: int):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode(errors='replace')[-2000:]}")
            try:
                if httpx.get(self.base + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - started > 300:
                raise RuntimeError("server did not start in 300 s")
            time.sleep(0.05)
        self.startup_seconds = round(time.perf_counter() - started, 2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# ---------------------------------------------------------------- latency

def answered(client: httpx.Client, url: str) -> int | None:
    """The status of the answer to a GET, or None when none came within the client's time-out."""
    try:
        return client.get(url).status_code
    except httpx.TimeoutException:
        return None


def http_latency(client: httpx.Client, urls: list[str], repeat: int) -> dict:
    """Each URL once to warm up, then `repeat` times, one request at a time; errors counted apart."""
    times, errors, by_url = [], 0, {}
    for url in urls:
        answered(client, url)
    for _ in range(repeat):
        for url in urls:
            started = time.perf_counter()
            status = answered(client, url)
            elapsed = time.perf_counter() - started
            if status != 200:
                errors += 1
            times.append(elapsed)
            by_url.setdefault(url, []).append(elapsed)
    worst = max(by_url, key=lambda u: statistics.median(by_url[u]))
    return {**summary(times), "errors": errors, "slowest": worst.split("?", 1)[-1][:80],
            "slowest_p50_ms": round(statistics.median(by_url[worst]) * 1000, 1)}


def sql_latency(db: sqlite3.Connection, sql: str, params: list[dict], repeat: int) -> dict:
    times = []
    for p in params:
        db.execute(sql, p).fetchall()
    for _ in range(repeat):
        for p in params:
            started = time.perf_counter()
            db.execute(sql, p).fetchall()
            times.append(time.perf_counter() - started)
    return summary(times)


def plugin_functions():
    """search_terms, read_url and ranked_passages, as the publication's plugins define them."""
    loaded = {}
    for name in ("search_input", "reader", "search"):
        spec = importlib.util.spec_from_file_location(f"bench_plugin_{name}", ROOT / "plugins" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        loaded[name] = module
    return loaded["search_input"].search_terms, loaded["reader"].read_url, loaded["search"].ranked_passages


# ---------------------------------------------------------------- one size

def counts(db_path: Path) -> dict:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        tables = [name for (name,) in db.execute(
            "select name from sqlite_master where type = 'table' and name not like '%_fts%' and name not like 'sqlite_%'")]
        rows = {table: db.execute(f"select count(*) from [{table}]").fetchone()[0] for table in tables}
    return rows


def change_one_source(raw: Path) -> str:
    """Append a paragraph to the source in the middle of the corpus; its id."""
    texts = sorted((raw / "sources").glob("*.txt"))
    path = texts[len(texts) // 2]
    with path.open("a", encoding="utf-8") as out:
        out.write("\nWe demand the immediate release of the striking dockers of Valparaíso, arrested this week.\n")
    return path.stem


def search_sql() -> str:
    return yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["archive"]["queries"]["search"]["sql"]


def run_size(n: int, args, search_terms, read_url, ranked_passages) -> dict:
    work = args.work / f"n{n}"
    raw, db_path, bare_path = work / "raw", work / "archive.db", work / "bare.db"
    result: dict = {"sources": n}
    print(f"[{n}] corpus", flush=True)
    work.mkdir(parents=True, exist_ok=True)
    figures = corpus.generate(n, raw, seed=args.seed)
    text_mb = figures["text_bytes"] / 1e6
    result["text_mb"] = round(text_mb, 1)
    for path in (db_path, bare_path):
        if path.exists():
            path.unlink()
    for stale in work.glob("archive.db.*"):
        stale.unlink()

    print(f"[{n}] full build", flush=True)
    build = measured([PYTHON, "-m", "etl", "--raw", str(raw), "--db", str(db_path), "--full", "--quiet"])
    print(f"[{n}] bare load", flush=True)
    bare = measured([PYTHON, "-m", "bench.bare", str(raw), str(bare_path)])
    for figures_, seconds in ((build, build["seconds"]), (bare, bare["seconds"])):
        figures_["mb_per_second"] = round(text_mb / seconds, 2)
    result["build"], result["bare"] = build, bare
    result["build_vs_bare"] = round(build["seconds"] / bare["seconds"], 2)

    print(f"[{n}] rebuilds", flush=True)
    nothing = measured([PYTHON, "-m", "etl", "--raw", str(raw), "--db", str(db_path), "--quiet"])
    changed = change_one_source(raw)
    one = measured([PYTHON, "-m", "etl", "--raw", str(raw), "--db", str(db_path)])
    result["rebuild_unchanged"] = nothing
    result["rebuild_one"] = {**one, "changed": changed,
                             "share_of_full": round(one["seconds"] / build["seconds"], 4)}
    aliased = corpus.add_alias(raw, "A Name Added By An Editor")
    registry = measured([PYTHON, "-m", "etl", "--raw", str(raw), "--db", str(db_path), "--quiet"])
    result["rebuild_registry"] = {**registry, "organization": aliased,
                                  "share_of_full": round(registry["seconds"] / build["seconds"], 4)}

    rows = counts(db_path)
    result["rows"] = {t: rows[t] for t in ("sources", "documents", "passages", "demands", "organizations", "passage_countries")
                      if t in rows}
    largest = max(rows, key=rows.get)
    result["db_mb"] = round(db_path.stat().st_size / 1e6, 1)
    result["bare_db_mb"] = round(bare_path.stat().st_size / 1e6, 1)
    result["db_vs_text"] = round(db_path.stat().st_size / figures["text_bytes"], 2)
    result["bare_db_vs_text"] = round(bare_path.stat().st_size / figures["text_bytes"], 2)

    print(f"[{n}] SQLite", flush=True)
    queries = [{"q": term} for term in ALL_TERMS]
    fts_queries = [{"q": search_terms(term)} for term in ALL_TERMS]
    archive = sqlite3.connect(f"file:{db_path}?immutable=1", uri=True)
    archive.create_function("search_terms", 1, search_terms, deterministic=True)
    archive.create_function("read_url", 3, read_url, deterministic=True)
    archive.create_function("ranked_passages", 3, lambda fts, limit, offset: ranked_passages(archive, fts, limit, offset))
    bare_db = sqlite3.connect(f"file:{bare_path}?immutable=1", uri=True)
    sqlite_figures = {
        "search_query": sql_latency(archive, search_sql(), queries, args.repeat),
        "ranked_fts_bare_db": sql_latency(bare_db, BARE_SQL, fts_queries, args.repeat),
        "like_scan": sql_latency(archive, LIKE_SQL, [{"pattern": f"%{term}%"} for term in ALL_TERMS], 1),
    }
    matches = {term: archive.execute("select count(*) from passages_fts where passages_fts match search_terms(?)",
                                     [term]).fetchone()[0] for term in ALL_TERMS}
    archive.close()
    bare_db.close()
    result["sqlite"] = sqlite_figures
    result["matches"] = matches
    passages = rows["passages"]
    kinds = {"rare": TERMS["rare"], "phrases": TERMS["phrases"],
             "common": [t for t in TERMS["common"] if matches[t] > passages / 10]}  # in more than 10% of the passages
    result["common_words"] = kinds["common"]

    print(f"[{n}] HTTP", flush=True)
    ours = Server([PYTHON, str(ROOT / "bin" / "serve"), str(db_path), "--port", str(port := free_port())], port)
    bare_server = Server([DATASETTE, "serve", "--immutable", str(bare_path), "--port", str(port := free_port()),
                          "--setting", "sql_time_limit_ms", "30000"], port)  # so that its slowest ranked queries finish
    result["startup_seconds"] = {"publication": ours.startup_seconds, "bare": bare_server.startup_seconds}
    try:
        with httpx.Client(base_url=ours.base, timeout=60) as client:
            http = {
                "search_query_html": http_latency(
                    client, [f"/archive/search?{urlencode({'q': t})}" for t in ALL_TERMS], args.repeat),
                "search_query_json": http_latency(
                    client, [f"/archive/search.json?{urlencode({'q': t, '_shape': 'array'})}" for t in ALL_TERMS], args.repeat),
                "table_search_html": http_latency(
                    client, [f"/archive/passages?{urlencode({'_search': t})}" for t in ALL_TERMS], args.repeat),
                "common_words_search_query_html": http_latency(
                    client, [f"/archive/search?{urlencode({'q': t})}" for t in TERMS["common"]], args.repeat),
                **{f"results_page_{kind}": http_latency(client, [f"/search?{urlencode({'q': t})}" for t in terms], args.repeat)
                   for kind, terms in kinds.items()},
                **{f"search_query_json_{kind}": http_latency(
                    client, [f"/archive/search.json?{urlencode({'q': t, '_shape': 'array'})}" for t in terms], args.repeat)
                   for kind, terms in kinds.items()},
                "home": http_latency(client, ["/"], 20),
                "largest_table": {**http_latency(client, [f"/archive/{largest}"], 20), "table": largest, "rows": rows[largest]},
            }
        with httpx.Client(base_url=bare_server.base, timeout=60) as client:
            http["ranked_fts_bare_datasette"] = http_latency(
                client, [f"/bare.json?{urlencode({'sql': BARE_SQL, 'q': search_terms(t), '_shape': 'array'})}"
                         for t in ALL_TERMS], args.repeat)
            for kind, terms in kinds.items():
                http[f"ranked_fts_bare_datasette_{kind}"] = http_latency(
                    client, [f"/bare.json?{urlencode({'sql': BARE_SQL, 'q': search_terms(t), '_shape': 'array'})}"
                             for t in terms], args.repeat)
        result["http"] = http
        print(f"[{n}] runaway SQL", flush=True)
        beside = runaway.pages_beside(ours.base, 5.0)
        result["runaway"] = {"cut_off": runaway.cut_off(ours.base),
                             "pages_beside": {**summary([s for _, _, s in beside]),
                                              "errors": sum(status != 200 for _, status, _ in beside)}}
        print(f"[{n}] load", flush=True)
        with sqlite3.connect(f"file:{db_path}?immutable=1", uri=True) as db:
            passage_ids = [r[0] for r in db.execute("select id from passages order by random() limit 20")]
            documents = [r[0] for r in db.execute("select id from documents order by random() limit 20")]
        words = [term for kind, terms in TERMS.items() if kind != "phrases" for term in terms]  # the mix of earlier runs
        mix = ([f"/archive/search?{urlencode({'q': t})}" for t in words]
               + [f"/archive/passages?{urlencode({'_search': t})}" for t in words[::3]]
               + ["/", "/archive", f"/archive/{largest}", "/archive/documents"]
               + [f"/archive/passages/{p}" for p in passage_ids[:5]] + [f"/read/{d}" for d in documents[:5]])
        result["load"] = asyncio.run(load_test(ours.base, mix, args.duration, args.concurrency))
        print(f"[{n}] normal load alone, then beside runaway SQL and long searches", flush=True)
        result["hostile"] = hostile.alone_and_beside(ours.base, mix, args.duration, hostile.NORMAL_CLIENTS,
                                                     ours.process.pid)
    finally:
        ours.stop()
        bare_server.stop()
    return result


# ---------------------------------------------------------------- report

def search_vs_bare(result: dict) -> float:
    """The `search` query's p95 through the publication over bare Datasette's running ranked FTS5 SQL."""
    return result["http"]["search_query_html"]["p95_ms"] / result["http"]["ranked_fts_bare_datasette"]["p95_ms"]


def results_vs_bare(result: dict, kind: str) -> float:
    """The results page's p95 over bare Datasette's running ranked FTS5 SQL, on the same words."""
    return result["http"][f"results_page_{kind}"]["p95_ms"] / result["http"][f"ranked_fts_bare_datasette_{kind}"]["p95_ms"]


def targets(results: list[dict]) -> list[dict]:
    by_size = {r["sources"]: r for r in results}
    largest, smallest = results[-1], results[-2] if len(results) > 1 else results[0]
    at_10k = by_size.get(10000, largest)
    verdicts = []
    for key, text in TARGETS:
        if key == "build":
            value = at_10k["build_vs_bare"]
            verdicts.append({"target": text, "measured": f"{value}× at {at_10k['sources']:,}", "met": value <= 2})
        elif key == "rebuild":
            share = at_10k["rebuild_one"]["share_of_full"]
            verdicts.append({"target": text, "met": share < 0.05, "measured": "; ".join(
                f"{r['rebuild_one']['share_of_full']:.1%} at {r['sources']:,}" for r in results)})
        elif key == "registry":
            share = at_10k["rebuild_registry"]["share_of_full"]
            verdicts.append({"target": text, "met": share <= 0.10, "measured": "; ".join(
                f"{r['rebuild_registry']['share_of_full']:.1%} at {r['sources']:,}" for r in results)})
        elif key == "search":
            ratio = max(search_vs_bare(r) for r in results)
            verdicts.append({"target": text, "measured": f"{ratio:.2f}× at worst", "met": ratio <= 1.5})
        elif key == "pages":
            ratios = []
            for page in ("home", "largest_table"):
                big, small = largest["http"][page]["p95_ms"], smallest["http"][page]["p95_ms"]
                ratios.append((page, big, round(big / small, 2)))
            met = all(ratio < 1.5 for _, big, ratio in ratios)
            verdicts.append({"target": text, "measured": "; ".join(
                f"{p}: {b} ms at {largest['sources']:,}, {r}× {smallest['sources']:,}'s" for p, b, r in ratios), "met": met})
        elif key == "common":
            p95 = largest["http"]["common_words_search_query_html"]["p95_ms"]
            verdicts.append({"target": text, "measured": f"{p95} ms at {largest['sources']:,}", "met": p95 < 300})
        elif key == "results":
            ratio = results_vs_bare(largest, "common")
            verdicts.append({"target": text, "measured": f"{ratio:.2f}× at {largest['sources']:,}", "met": ratio <= 0.25})
        elif key == "table_search":
            errors = [r["http"]["table_search_html"]["errors"] for r in results]
            verdicts.append({"target": text, "measured": ", ".join(f"{e} errors at {r['sources']:,}"
                                                                  for e, r in zip(errors, results, strict=True)),
                             "met": not any(errors)})
        elif key == "hostile":
            figures = [r["hostile"] for r in results]
            met = all(f["p95_ratio"] <= 2 and f["beside"]["errors"] == 0 and (f["server_peak_rss_mb"] or 0) < 1024
                      for f in figures)
            verdicts.append({"target": text, "met": met, "measured": "; ".join(
                f"{f['p95_ratio']}×, {f['beside']['errors']} non-2xx, {f['server_peak_rss_mb']} MB at {r['sources']:,}"
                for f, r in zip(figures, results, strict=True))})
    return verdicts


def markdown(report: dict) -> str:
    results = report["sizes"]
    m = report["machine"]
    head = "| | " + " | ".join(f"{r['sources']:,} sources" for r in results) + " |"
    rule = "|---|" + "---:|" * len(results)

    def row(label: str, value) -> str:
        return f"| {label} | " + " | ".join(str(value(r)) for r in results) + " |"

    def ms(figures: dict) -> str:
        return f"{figures['p50_ms']} / {figures['p95_ms']}"

    def traffic(figures: dict) -> str:
        return (f"{figures['requests_per_second']}, {figures['p50_ms']} / {figures['p95_ms']} / {figures['p99_ms']} "
                f"({figures['errors']})")

    def answers(statuses: dict) -> str:
        return ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items()))

    lines = [
        f"Measured {report['date']} on {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB RAM, Python {m['python']}, "
        f"SQLite {m['sqlite']}, Datasette {m['datasette']}; load average at start {m['load_average_at_start']}.",
        f"Corpus: bench/corpus.py, seed {report['seed']}. Latencies are p50 / p95 in ms over "
        f"{len(ALL_TERMS)} terms × {report['repeat']} ({', '.join(ALL_TERMS)}).",
        "",
        head, rule,
        row("raw text (MB)", lambda r: r["text_mb"]),
        row("documents / passages", lambda r: f"{r['rows']['documents']:,} / {r['rows']['passages']:,}"),
        row("full build (s)", lambda r: r["build"]["seconds"]),
        row("full build (MB/s)", lambda r: r["build"]["mb_per_second"]),
        row("bare load (s)", lambda r: r["bare"]["seconds"]),
        row("bare load (MB/s)", lambda r: r["bare"]["mb_per_second"]),
        row("**build ÷ bare**", lambda r: f"**{r['build_vs_bare']}×**"),
        row("rebuild, one source changed (s)", lambda r: r["rebuild_one"]["seconds"]),
        row("**rebuild ÷ full build**", lambda r: f"**{r['rebuild_one']['share_of_full']:.1%}**"),
        row("rebuild, nothing changed (s)", lambda r: r["rebuild_unchanged"]["seconds"]),
        row("rebuild, one alias added to organizations.yml (s)", lambda r: r["rebuild_registry"]["seconds"]),
        row("**alias rebuild ÷ full build**", lambda r: f"**{r['rebuild_registry']['share_of_full']:.1%}**"),
        row("build peak memory: largest process / all (MB)",
            lambda r: f"{r['build']['peak_rss_mb']} / {r['build']['peak_rss_all_processes_mb']}"),
        row("build CPU (s, all processes)", lambda r: r["build"]["cpu_seconds"]),
        row("database (MB) / ÷ raw text", lambda r: f"{r['db_mb']} / {r['db_vs_text']}×"),
        row("bare database (MB) / ÷ raw text", lambda r: f"{r['bare_db_mb']} / {r['bare_db_vs_text']}×"),
        row("server startup, publication / bare (s)",
            lambda r: f"{r['startup_seconds']['publication']} / {r['startup_seconds']['bare']}"),
        row("`search` query, HTML (ms)", lambda r: ms(r["http"]["search_query_html"])),
        row("`search` query, JSON (ms)", lambda r: ms(r["http"]["search_query_json"])),
        row("`search` query, common words only, HTML (ms)", lambda r: ms(r["http"]["common_words_search_query_html"])),
        row("bare Datasette, ranked FTS5 on bare db (ms)", lambda r: ms(r["http"]["ranked_fts_bare_datasette"])),
        row("**search ÷ bare Datasette (p95)**", lambda r: f"**{search_vs_bare(r):.2f}×**"),
        row("passages `_search=`, HTML (ms, errors)",
            lambda r: f"{ms(r['http']['table_search_html'])} ({r['http']['table_search_html']['errors']})"),
        *[row(f"{label}: results page / `search` JSON / bare Datasette (ms)", lambda r, kind=kind: " · ".join(
            ms(r["http"][f"{name}_{kind}"]) for name in ("results_page", "search_query_json", "ranked_fts_bare_datasette")))
          for kind, label in (("rare", "rare words"), ("common", "common words"), ("phrases", "phrases"))],
        row("**results page ÷ bare Datasette, common words (p95)**", lambda r: f"**{results_vs_bare(r, 'common'):.2f}×**"),
        row("SQLite: `search` query's SQL (ms)", lambda r: ms(r["sqlite"]["search_query"])),
        row("SQLite: ranked FTS5 on bare db (ms)", lambda r: ms(r["sqlite"]["ranked_fts_bare_db"])),
        row("SQLite: LIKE '%term%' scan, limit 100 (ms)", lambda r: ms(r["sqlite"]["like_scan"])),
        row("home page (ms)", lambda r: ms(r["http"]["home"])),
        row("largest table page (ms)", lambda r: f"{ms(r['http']['largest_table'])} ({r['http']['largest_table']['table']})"),
        row("runaway SQL cut off after (s): " + " / ".join(runaway.RUNAWAY),
            lambda r: " / ".join(str(f["seconds"]) + ("" if f["interrupted"] else " (not interrupted)")
                                 for f in r["runaway"]["cut_off"].values())),
        row("pages while runaway SQL runs (ms, errors)",
            lambda r: f"{ms(r['runaway']['pages_beside'])} ({r['runaway']['pages_beside']['errors']})"),
        row(f"load: requests/s (errors), {report['concurrency']} clients × {report['duration']} s",
            lambda r: f"{r['load']['requests_per_second']} ({r['load']['errors']})"),
        row("load: latency (ms)", lambda r: ms(r["load"])),
        row(f"{hostile.NORMAL_CLIENTS} normal clients alone: requests/s, p50 / p95 / p99 ms (non-2xx)",
            lambda r: traffic(r["hostile"]["alone"])),
        row(f"the same beside {hostile.RUNAWAY_CLIENTS} runaway-SQL and {hostile.SEARCH_CLIENTS} long-search clients",
            lambda r: traffic(r["hostile"]["beside"])),
        row("**normal p95 beside them ÷ alone**", lambda r: f"**{r['hostile']['p95_ratio']}×**"),
        row("answers to the runaway SQL / to the long searches",
            lambda r: f"{answers(r['hostile']['runaway_sql_answers'])} / {answers(r['hostile']['long_search_answers'])}"),
        row("server peak memory, whole run (MB)", lambda r: r["hostile"]["server_peak_rss_mb"]),
        "",
        "| target | measured | met |", "|---|---|---|",
    ]
    lines += [f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else '**no**'} |" for t in report["targets"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="numbers of sources, comma-separated (50000 takes a while)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "scratch", help="where corpora and databases go")
    parser.add_argument("--seed", type=int, default=1917)
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds over the terms")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of the load test")
    parser.add_argument("--concurrency", type=int, default=8, help="clients of the load test")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and databases in --work")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    search_terms, read_url, ranked_passages = plugin_functions()
    started = time.perf_counter()
    report = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "machine": machine(), "seed": args.seed,
              "repeat": args.repeat, "duration": args.duration, "concurrency": args.concurrency,
              "terms": TERMS, "bare_sql": BARE_SQL, "like_sql": LIKE_SQL, "search_sql": search_sql(), "sizes": []}
    try:
        for n in sizes:
            report["sizes"].append(run_size(n, args, search_terms, read_url, ranked_passages))
            if not args.keep:
                shutil.rmtree(args.work / f"n{n}", ignore_errors=True)
    finally:
        report["seconds"] = round(time.perf_counter() - started, 1)
        if report["sizes"]:
            report["targets"] = targets(report["sizes"])
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
            (args.out / "results.md").write_text(markdown(report))
            print(markdown(report))
            print(f"written to {args.out}/results.json and results.md in {report['seconds']} s")


if __name__ == "__main__":
    main()
