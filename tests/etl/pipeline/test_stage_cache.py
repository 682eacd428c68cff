"""The stage cache gives back what was kept of a source only for the same text, sidecar and code, and hashes again
only the files that changed."""
from __future__ import annotations

import os
import time

import etl.pipeline.files
import etl.pipeline.stage_cache
from etl.pipeline.files import file_hashes
from etl.pipeline.stage_cache import StageCache


def test_what_is_kept_comes_back_only_for_the_same_hashes_and_fingerprint(tmp_path):
    db_path = tmp_path / "archive.db"
    cache = StageCache(db_path, "code-1", "themes-1", "resolving-1")
    sources = {f"s{n:04}": (f"text-{n}", None if n % 7 == 0 else f"sidecar-{n}") for n in range(1200)}
    for source_id, hashes in sources.items():
        cache.put(source_id, hashes, source_id.encode())
    cache.close()

    again = StageCache(db_path, "code-1", "themes-1", "resolving-1")
    wanted = dict(sources, s0001=("text-1", "sidecar-edited"), s0002=("text-edited", "sidecar-2"), gone=("x", None))
    found = again.get_many(wanted)
    assert set(found) == set(sources) - {"s0001", "s0002"}  # past a query's 500: every one
    assert found["s0007"] == b"s0007" and found["s1199"] == b"s1199"
    assert again.get_many(wanted, "themed") == {}  # nothing was kept of their themes
    again.close()
    assert StageCache(db_path, "code-1", "themes-1", "resolving-1", reuse=False).get_many(sources) == {}  # --full
    assert StageCache(db_path, "code-2", "themes-1", "resolving-1").get_many(sources) == {}  # other code: extracted again


def write_sources(folder, count: int) -> list:
    (folder / "sources").mkdir(parents=True)
    paths = []
    for n in range(count):
        path = folder / "sources" / f"s{n}.txt"
        path.write_text(f"Source number {n}.\n", encoding="utf-8")
        if n % 2:
            path.with_suffix(".yml").write_text(f"title: Source {n}\n", encoding="utf-8")
        for written in (path, path.with_suffix(".yml")):  # written an hour ago: an edit now gives another time
            if written.exists():
                os.utime(written, (time.time() - 3600,) * 2)
        paths.append(path)
    return paths


def hashing_counted(monkeypatch) -> list[str]:
    hashed: list[str] = []
    original = etl.pipeline.stage_cache.file_hashes
    monkeypatch.setattr(etl.pipeline.stage_cache, "file_hashes", lambda path: hashed.append(path.stem) or original(path))
    return hashed


def test_files_as_they_were_are_not_read_again_but_a_changed_one_is(tmp_path, monkeypatch):
    monkeypatch.setattr(etl.pipeline.files, "SETTLED", 0.0)  # no file here is seconds old
    paths = write_sources(tmp_path, 6)
    cache = StageCache(tmp_path / "archive.db", "code-1", "themes-1", "resolving-1")
    first = cache.hashes(paths)
    assert first == {path.stem: file_hashes(path) for path in paths} and first["s0"][1] is None
    hashed = hashing_counted(monkeypatch)
    assert cache.hashes(paths) == first and hashed == []
    paths[2].write_text("Source number 2, edited.\n", encoding="utf-8")
    paths[3].with_suffix(".yml").write_text("title: Source C\n", encoding="utf-8")  # the same size
    paths[4].with_suffix(".yml").write_text("title: Source 4\n", encoding="utf-8")  # a sidecar where there was none
    again = cache.hashes(paths)
    assert sorted(hashed) == ["s2", "s3", "s4"] and again == {path.stem: file_hashes(path) for path in paths}
    assert again["s3"] != first["s3"] and again["s4"][1] is not None
    hashed.clear()
    cache.reuse = False  # --full: every file read again
    assert cache.hashes(paths) == again and sorted(hashed) == sorted(path.stem for path in paths)


def test_files_changed_in_the_last_seconds_are_read_again_at_every_build(tmp_path, monkeypatch):
    paths = write_sources(tmp_path, 3)
    cache = StageCache(tmp_path / "archive.db", "code-1", "themes-1", "resolving-1")
    cache.hashes(paths)
    hashed = hashing_counted(monkeypatch)
    cache.hashes(paths)
    assert sorted(hashed) == ["s0", "s1", "s2"]  # just written: a change in the same clock tick would go unseen
