"""The copy of the previous database that a build writes into: exact, and stopped early when not wanted."""
from __future__ import annotations

import errno
import os
import threading

import pytest

from etl.pipeline import files
from etl.pipeline.files import Copy


def a_file(tmp_path, size=1 << 20):
    path = tmp_path / "archive.db"
    path.write_bytes(os.urandom(size))
    return path


def test_a_copy_is_the_file_byte_for_byte_over_several_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(Copy, "CHUNK", 1 << 14)
    source, target = a_file(tmp_path, (1 << 20) + 123), tmp_path / "scratch"
    Copy(source, target).wait()
    assert target.read_bytes() == source.read_bytes()


def test_where_sendfile_copies_only_to_sockets_the_file_is_read_and_written(tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError(errno.ENOTSOCK, "Socket operation on non-socket")
    monkeypatch.setattr(files.os, "sendfile", refuse)
    monkeypatch.setattr(Copy, "CHUNK", 1 << 14)
    source, target = a_file(tmp_path), tmp_path / "scratch"
    Copy(source, target).wait()
    assert target.read_bytes() == source.read_bytes()


def test_a_copy_stopped_ends_after_the_chunk_it_is_copying(tmp_path, monkeypatch):
    monkeypatch.setattr(Copy, "CHUNK", 1 << 12)
    started, release, real = threading.Event(), threading.Event(), os.sendfile

    def held(*args):
        started.set()
        release.wait()
        return real(*args)

    monkeypatch.setattr(files.os, "sendfile", held)
    source, target = a_file(tmp_path), tmp_path / "scratch"
    copy = Copy(source, target)
    started.wait()
    copy.stopping.set()
    release.set()
    copy.stop()
    assert target.read_bytes() == source.read_bytes()[:1 << 12]


def test_an_error_of_the_copy_is_raised_by_wait(tmp_path):
    copy = Copy(tmp_path / "missing.db", tmp_path / "scratch")
    with pytest.raises(FileNotFoundError):
        copy.wait()
    copy.wait(raising=False)  # a build that is failing already does not raise it again
