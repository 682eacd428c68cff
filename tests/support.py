"""Helpers the tests share: the publication as bin/serve configures it, a real server, scratch raw/ folders."""
from __future__ import annotations

import contextlib
import importlib.util
import json
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent

SEEDS = {  # the five sources of raw/ the archive began with, and how many documents each holds
    "workers-voice-anti-imperialism-and-internationalism": 1,
    "workers-voice-our-international": 1,
    "flt-2008-letter-to-46th-antiwar-assembly-japan": 1,
    "revolutionary-democracy-2010-icmlpo": 5,
    "rcit-struggle-for-power-permanent-revolution": 1,
}


def publication(db_path: Path) -> Datasette:
    """A Datasette configured exactly as bin/serve configures the public site."""
    settings = json.loads((ROOT / "settings.json").read_text())
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    return Datasette(
        [str(db_path)], metadata=metadata, settings=settings,
        plugins_dir=str(ROOT / "plugins"), template_dir=str(ROOT / "templates"),
        static_mounts=[("static", str(ROOT / "static"))],
    )


class RawFolder:
    """A scratch raw/ folder that tests fill with sources written for them."""

    def __init__(self, root: Path):
        self.root = root
        (root / "sources").mkdir(parents=True)

    def add(self, source_id: str, text: str | bytes, sidecar: str | dict | None = None) -> Path:
        path = self.root / "sources" / f"{source_id}.txt"
        path.write_bytes(text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8"))
        if sidecar is not None:
            body = sidecar if isinstance(sidecar, str) else yaml.safe_dump(sidecar, allow_unicode=True, sort_keys=False)
            (self.root / "sources" / f"{source_id}.yml").write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    def copy_registries(self) -> None:
        for registry in (ROOT / "raw").glob("*.yml"):
            shutil.copy(registry, self.root / registry.name)


def one_source_publication(root: Path, source_id: str, text: str, sidecar: str) -> Datasette:
    """The publication of an archive of raw/'s registries and one source, built in root."""
    from etl.build import build
    raw = RawFolder(root / "raw")
    raw.copy_registries()
    raw.add(source_id, text, sidecar)
    build(raw.root, root / "archive.db")
    return publication(root / "archive.db")


def load_plugin(name: str):
    """One of plugins/, as a module of its own, to call its functions directly."""
    spec = importlib.util.spec_from_file_location(f"plugin_{name}", ROOT / "plugins" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stop(process) -> None:
    """End a server a test started: politely, then for good."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Server:
    """A server bin/serve started: its address, database, log and process id (bin/serve becomes Datasette)."""

    url: str
    db: Path
    log: Path
    pid: int

    def get(self, path: str, **params) -> httpx.Response:
        return httpx.get(self.url + path, params=params, timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(archive_db: Path, folder: Path):
    """bin/serve on a free port, serving a copy of the database under another file name (bin/serve still serves
    it as /archive/), until the block ends."""
    db = folder / "internationals-published.db"
    shutil.copyfile(archive_db, db)
    log = folder / "server.log"
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen([sys.executable, str(ROOT / "bin" / "serve"), str(db), "--port", str(port)],
                                   stdout=output, stderr=subprocess.STDOUT, cwd=folder)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"bin/serve exited: {log.read_text()}"
            assert time.monotonic() < deadline, f"bin/serve did not answer within 60 s: {log.read_text()}"
            try:
                if httpx.get(url + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield Server(url, db, log, process.pid)
    finally:
        stop(process)


def own_sql(server: Server, path: str, tries: int = 10, **params) -> httpx.Response:
    """A request with SQL of its own, sent again after Retry-After while the server answers 429 (one such request
    per client at a time, and after a long one a wait as long)."""
    for _ in range(tries):
        response = server.get(path, **params)
        if response.status_code != 429:
            return response
        time.sleep(float(response.headers["retry-after"]))
    return response
