"""The stage cache gives back what was kept of a source only for the same text, sidecar and code."""
from __future__ import annotations

from etl.pipeline.stage_cache import StageCache


def test_what_is_kept_comes_back_only_for_the_same_hashes_and_fingerprint(tmp_path):
    db_path = tmp_path / "archive.db"
    cache = StageCache(db_path, "code-1", "themes-1")
    sources = {f"s{n:04}": (f"text-{n}", None if n % 7 == 0 else f"sidecar-{n}") for n in range(1200)}
    for source_id, hashes in sources.items():
        cache.put(source_id, hashes, source_id.encode())
    cache.close()

    again = StageCache(db_path, "code-1", "themes-1")
    wanted = dict(sources, s0001=("text-1", "sidecar-edited"), s0002=("text-edited", "sidecar-2"), gone=("x", None))
    found = again.get_many(wanted)
    assert set(found) == set(sources) - {"s0001", "s0002"}  # past a query's 500: every one
    assert found["s0007"] == b"s0007" and found["s1199"] == b"s1199"
    assert again.get_many(wanted, "themed") == {}  # nothing was kept of their themes
    again.close()
    assert StageCache(db_path, "code-1", "themes-1", reuse=False).get_many(sources) == {}  # --full
    assert StageCache(db_path, "code-2", "themes-1").get_many(sources) == {}  # other code: extracted again
