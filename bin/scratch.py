"""The scratch folder bin/serve and bin/package keep beside a database: one per database, reused on every run.

Both end by becoming another program (exec), so nothing they make can be removed after them; a folder of their own
beside the database, named after it, is made once and found again instead of a new folder in /tmp on every run.
"""
from __future__ import annotations

import shutil
from pathlib import Path


def scratch_folder(db: Path) -> Path:
    """`.<name>.scratch/` beside the database (where its inspect file is written too)."""
    folder = db.resolve().with_name(f".{db.resolve().name}.scratch")
    folder.mkdir(exist_ok=True)
    return folder


def as_archive_db(db: Path) -> Path:
    """The database under the name `archive.db` (Datasette names a database after its file), linked from the scratch
    folder when it has another name."""
    if db.name == "archive.db":
        return db.resolve()
    link = scratch_folder(db) / "archive.db"
    if link.resolve() != db.resolve():
        link.unlink(missing_ok=True)
        link.symlink_to(db.resolve())
    return link


def fresh_folder(db: Path, name: str) -> Path:
    """An empty folder `name` in the database's scratch folder, emptied of what an earlier run left there."""
    folder = scratch_folder(db) / name
    shutil.rmtree(folder, ignore_errors=True)
    return folder
