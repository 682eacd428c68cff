"""The files of a build: hashes of a source's text and sidecar, the scratch file, a copy in the background."""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import BinaryIO


def file_hashes(text_path: Path) -> tuple[str, str | None]:
    """sha256 of a source's text and of its sidecar (None when the sidecar is missing: reading will say so).

    Files are read unbuffered, in one call each (FileIO.readall); StageCache.hashes() reads only those that changed."""
    with open(text_path, "rb", buffering=0) as text:
        text_hash = hashlib.sha256(text.readall()).hexdigest()
    try:
        with open(text_path.with_suffix(".yml"), "rb", buffering=0) as sidecar:
            return text_hash, hashlib.sha256(sidecar.readall()).hexdigest()
    except (FileNotFoundError, IsADirectoryError):
        return text_hash, None


SETTLED = 2.0  # seconds: a file changed more recently than this may change again unseen in the same clock tick


def stat_key(text_path: Path, now: float) -> str | None:
    """What says a source's text and sidecar are as they were, without reading them (as git's index does): inode, size,
    modification and change times of each. None while one of them changed within SETTLED seconds of `now`: then a
    later change could leave the same times, and the files are hashed again."""
    parts = []
    for path in (text_path, text_path.with_suffix(".yml")):
        try:
            stat = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            parts.append("-")
            continue
        if max(stat.st_mtime, stat.st_ctime) > now - SETTLED:
            return None
        parts.append(f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}")
    return " ".join(parts)


def scratch_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.building-{os.getpid()}")


class Copy:
    """The file copied in a thread, in chunks the kernel copies (os.sendfile releases the GIL); stop() ends it
    between two chunks, when the copy is no longer wanted."""

    CHUNK = 1 << 26  # 64 MB

    def __init__(self, source: Path, target: Path):
        self.error: BaseException | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(source, target), daemon=True)
        self.thread.start()

    def _run(self, source: Path, target: Path) -> None:
        try:
            with open(source, "rb") as reading, open(target, "wb") as writing:
                self._copy(reading, writing)
        except BaseException as error:  # handed to the build by wait()
            self.error = error

    def _copy(self, reading: BinaryIO, writing: BinaryIO) -> None:
        offset = 0
        try:
            while not self.stopping.is_set() and (sent := os.sendfile(writing.fileno(), reading.fileno(), offset,
                                                                      self.CHUNK)):
                offset += sent
        except OSError:
            if offset:
                raise
            while not self.stopping.is_set() and (chunk := reading.read(self.CHUNK)):  # sendfile only to sockets
                writing.write(chunk)

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join()

    def wait(self, raising: bool = True) -> None:
        self.thread.join()
        if self.error is not None and raising:
            raise self.error
