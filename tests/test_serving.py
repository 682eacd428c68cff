"""The public site as bin/serve runs it: a real server, on a database with another file name.

Anyone may send SQL to a public Datasette. A runaway query must be cut off by
sql_time_limit_ms with an error while the other pages keep answering; answers
carry a Cache-Control header; a whole table streams as CSV. How soon and how
fast is measured by `make bench` (bench/runaway.py), not asserted here.
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import sqlite_utils
from support import ROOT, own_sql, served

from bench.runaway import PAGES, RUNAWAY, is_interrupted

SETTINGS = json.loads((ROOT / "settings.json").read_text())


@pytest.fixture(scope="module")
def server(archive_db, tmp_path_factory):
    with served(archive_db, tmp_path_factory.mktemp("serving")) as running:
        yield running


def test_a_database_of_any_file_name_is_served_as_archive_in_immutable_mode(server):
    (database,) = server.get("/-/databases.json").json()
    assert (database["name"], database["is_mutable"]) == ("archive", False)
    page = server.get("/archive/documents.json", _shape="objects").json()
    assert page["filtered_table_rows_count"] == sqlite_utils.Database(server.db)["documents"].count
    assert server.get("/archive.db").content == server.db.read_bytes()  # allow_download: the file itself


def test_the_server_runs_with_every_setting_of_settings_json(server):
    assert server.get("/-/settings.json").json().items() >= SETTINGS.items()


@pytest.mark.parametrize("sql", RUNAWAY.values(), ids=list(RUNAWAY))
def test_runaway_sql_is_cut_off_with_the_documented_error(server, sql):
    response = own_sql(server, "/archive.json", sql=sql)
    assert is_interrupted(response), response.text


def test_pages_keep_answering_while_runaway_queries_run_and_after(server):
    """Every page answers 200 while both runaway queries are being sent again and again, and some of them are
    answered while a runaway query is still running (beside it, not after it). A runaway query is cut off, or
    refused with 429 while the same client's last one runs or has just run. How fast: `make bench`."""
    stop = threading.Event()
    running = [0]
    lock = threading.Lock()
    outcomes: list[bool] = []

    def attack(sql: str) -> None:
        while not stop.is_set():
            with lock:
                running[0] += 1
            response = server.get("/archive.json", sql=sql)
            with lock:
                running[0] -= 1
            if response.status_code == 429:
                time.sleep(float(response.headers["retry-after"]))
            else:
                outcomes.append(is_interrupted(response))

    attackers = [threading.Thread(target=attack, args=(sql,)) for sql in RUNAWAY.values()]
    for attacker in attackers:
        attacker.start()
    beside = 0
    try:
        while len(outcomes) < 2 * len(RUNAWAY):
            for page in PAGES:
                with lock:
                    before = running[0]
                assert server.get(page).status_code == 200, page
                with lock:
                    beside += before > 0 and running[0] > 0
    finally:
        stop.set()
        for attacker in attackers:
            attacker.join()
    assert outcomes and all(outcomes), outcomes
    assert beside > 0
    for page in PAGES:
        assert server.get(page).status_code == 200, page


@pytest.mark.parametrize("path", ["/archive", "/archive/documents", "/archive/documents.json",
                                  "/archive/documents/" + "{document}", "/archive/search.json?q=peru"])
def test_pages_carry_a_cache_control_header(server, path):
    document = sqlite_utils.Database(server.db).execute("select min(id) from documents").fetchone()[0]
    response = httpx.get(server.url + path.format(document=document), timeout=30)
    assert response.status_code == 200
    assert response.headers["cache-control"] == f"max-age={SETTINGS['default_cache_ttl']}"


def test_a_whole_table_streams_as_csv_past_max_returned_rows(server):
    count = sqlite_utils.Database(server.db)["country_names"].count
    assert count > SETTINGS["max_returned_rows"]  # or this would not show that streaming goes past it
    streamed = list(csv.DictReader(io.StringIO(server.get("/archive/country_names.csv", _stream="on").text)))
    assert len(streamed) == count
    assert len({row["id"] for row in streamed}) == count
    one_page = list(csv.DictReader(io.StringIO(server.get("/archive/country_names.csv").text)))
    assert len(one_page) == SETTINGS["default_page_size"]


def test_a_database_of_another_name_is_linked_from_one_folder_beside_it_however_often_it_is_served(tmp_path):
    db = tmp_path / "internationals.db"
    sqlite_utils.Database(db)["documents"].insert({"id": "d1"})
    served_files = []
    for _ in range(2):
        printed = subprocess.run([sys.executable, str(ROOT / "bin" / "serve"), str(db), "--print"],
                                 capture_output=True, text=True, check=True).stdout.split()
        served_files.append(Path(printed[printed.index("--immutable") + 1]))
    assert served_files[0] == served_files[1]  # the same link again, not a new folder on every run
    assert served_files[0].name == "archive.db" and served_files[0].parent.parent == tmp_path
    assert served_files[0].resolve() == db.resolve()
