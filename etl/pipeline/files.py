"""The files of a build: hashes of a source's text and sidecar, the scratch file, a copy in the background."""
from __future__ import annotations

import hashlib
import os
import shutil
import threading
from pathlib import Path


def file_hashes(text_path: Path) -> tuple[str, str | None]:
    """sha256 of a source's text and of its sidecar (None when the sidecar is missing: reading will say so).

    Every build hashes every source: files are read unbuffered, in one call each (FileIO.readall)."""
    with open(text_path, "rb", buffering=0) as text:
        text_hash = hashlib.sha256(text.readall()).hexdigest()
    try:
        with open(text_path.with_suffix(".yml"), "rb", buffering=0) as sidecar:
            return text_hash, hashlib.sha256(sidecar.readall()).hexdigest()
    except (FileNotFoundError, IsADirectoryError):
        return text_hash, None


def scratch_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.building-{os.getpid()}")


class Copy:
    """shutil.copyfile in a thread: the copy runs in the kernel, which releases the GIL."""

    def __init__(self, source: Path, target: Path):
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(source, target), daemon=True)
        self.thread.start()

    def _run(self, source: Path, target: Path) -> None:
        try:
            shutil.copyfile(source, target)
        except BaseException as error:  # handed to the build by wait()
            self.error = error

    def wait(self, raising: bool = True) -> None:
        self.thread.join()
        if self.error is not None and raising:
            raise self.error
