"""Helpers the tests share: the publication as bin/serve configures it, and scratch raw/ folders."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

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


def stop(process) -> None:
    """End a server a test started: politely, then for good."""
    import subprocess
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
