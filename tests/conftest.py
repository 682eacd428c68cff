"""Shared fixtures: the archive built from raw/, a Datasette over it, and scratch raw/ folders."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from datasette.app import Datasette
from support import ROOT, RawFolder, publication

from etl.build import build


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


@pytest.fixture
def raw(tmp_path) -> RawFolder:
    return RawFolder(tmp_path / "raw")
