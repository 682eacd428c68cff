"""Shared fixtures: the archive built from raw/, a Datasette over it, and scratch raw/ folders."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from etl.build import build

ROOT = Path(__file__).resolve().parent.parent


def publication(db_path: Path) -> Datasette:
    """A Datasette configured exactly as bin/serve configures the public site."""
    settings = json.loads((ROOT / "settings.json").read_text())
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    return Datasette(
        [str(db_path)], metadata=metadata, settings=settings,
        plugins_dir=str(ROOT / "plugins"), template_dir=str(ROOT / "templates"),
        static_mounts=[("static", str(ROOT / "static"))],
    )


@pytest.fixture(scope="session")
def archive_db(tmp_path_factory) -> Path:
    """archive.db built from the repository's raw/ (a copy, so tests never touch the real one)."""
    folder = tmp_path_factory.mktemp("archive")
    raw = folder / "raw"
    shutil.copytree(ROOT / "raw", raw)
    path = folder / "archive.db"
    build(raw, path)
    return path


@pytest.fixture(scope="session")
def ds(archive_db) -> Datasette:
    return publication(archive_db)


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


@pytest.fixture
def raw(tmp_path) -> RawFolder:
    return RawFolder(tmp_path / "raw")
