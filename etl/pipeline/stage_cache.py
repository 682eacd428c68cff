"""The extract stage's results kept between builds, beside the database (archive.db.stages): one entry per source,
keyed by the sha256 of its text and sidecar and by the fingerprint of the extraction (its code and the registries it
reads); and the digest of the rows each source last wrote. A registry edit that extraction does not read
(organizations, themes) resolves sources again from here, reading and extracting nothing, and writes only the
sources whose rows changed. The themes and countries of each source's demands are kept too, keyed as well by the
theming code and raw/themes.yml, so that an edit to the organization registry does not theme every demand again.
And the names each source looked up in the organization registry, with a digest of the registry's answers: a source
whose names all get the answers they got is not resolved again at all (its rows would be the same). And the hashes
of each source's files, with what tells they are unchanged without reading them (files.stat_key()).
The file is the build's own, as trusted as its code; an entry that cannot be read is extracted (or themed) again."""
from __future__ import annotations

import ast
import functools
import hashlib
import marshal
import pickle
import sqlite3
import time
import zlib
from pathlib import Path
from typing import NamedTuple

from ..extract.source import Extracted
from ..resolve.registries import EXTRACTION_REGISTRIES
from .files import file_hashes, stat_key

PACKAGE = Path(__file__).parents[1]  # etl/
ENTRIES = ("read.sources", "extract.source")  # reading and extraction: their code and that of every module they import
THEMING = "resolve.demand_themes"  # the demands' themes and countries, kept too: their code, and the registry only they read
THEMES_REGISTRY = "themes.yml"


def stages_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.stages")


def module_path(name: str) -> Path | None:
    """The file of a module of this package by its dotted name from etl/ ("extract.lists"), None if there is none."""
    for path in (PACKAGE.joinpath(*name.split(".")).with_suffix(".py"), PACKAGE.joinpath(*name.split("."), "__init__.py")):
        if path.is_file():
            return path
    return None


def module_name(path: Path) -> str:
    """A module's dotted name from etl/: etl/extract/lists.py is "extract.lists"."""
    parts = path.resolve().relative_to(PACKAGE.resolve()).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, package: tuple[str, ...] | None = None) -> set[str]:
    """The modules of this package that the module at `path` imports itself by relative imports, by their dotted
    names from etl/. `package`: the module's package, when the file is not in etl/ (by default, its folder's)."""
    if package is None:
        name = module_name(path)
        package = tuple(name.split(".")[:-1]) if path.name != "__init__.py" else tuple(name.split(".")) if name else ()
    return set(_relative_imports(path.read_text(encoding="utf-8"), package))


@functools.cache
def _relative_imports(code: str, package: tuple[str, ...]) -> frozenset[str]:
    """Of imports_of: parsed once per process for each text, though each fingerprint follows the imports again."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = [*package[:len(package) - (node.level - 1)], *(node.module.split(".") if node.module else [])]
            for alias in node.names:
                whole = ".".join([*base, alias.name])
                found.add(whole if module_path(whole) else ".".join(base))
    return frozenset(found)


def modules_imported(name: str, seen: set[str] | None = None) -> set[str]:
    """The modules of this package that `name` imports, directly or not, and itself (with the packages they are in)."""
    seen = set() if seen is None else seen
    path = module_path(name)
    if name in seen or path is None:
        return seen
    seen.add(name)
    parents = name.split(".")[:-1]
    for target in {".".join(parents[:n]) for n in range(1, len(parents) + 1)} | imports_of(path):
        modules_imported(target, seen)
    return seen


def extraction_fingerprint(raw: Path) -> str:
    """A hash of the code of reading and extraction and of the registries extraction reads: when it changes, the
    kept results go."""
    digest = hashlib.sha256(str(raw.resolve()).encode())  # an error names a source by its path in raw/
    _hash_code(digest, ENTRIES)
    _hash_registries(digest, raw, EXTRACTION_REGISTRIES)
    return digest.hexdigest()


def theming_fingerprint(raw: Path, extraction: str) -> str:
    """A hash of what the kept themes of a source's demands rest on: what extraction found, the theming code and
    raw/themes.yml."""
    digest = hashlib.sha256(extraction.encode())
    _hash_code(digest, (THEMING,))
    _hash_registries(digest, raw, (THEMES_REGISTRY,))
    return digest.hexdigest()


def hash_all_code(digest) -> None:
    """Every module of the build into `digest`, by its path from etl/ and its bytes."""
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())


def resolving_fingerprint(theming: str) -> str:
    """A hash of what the kept lookups of a source in the organization registry rest on: all the build's code, and
    what the themes of its demands rest on."""
    digest = hashlib.sha256(theming.encode())
    hash_all_code(digest)
    return digest.hexdigest()


def _hash_code(digest, entries: tuple[str, ...]) -> None:
    names: set[str] = set()
    for entry in entries:
        modules_imported(entry, names)
    for name in sorted(names):
        path = module_path(name)
        digest.update(name.encode())
        digest.update(path.read_bytes() if path else b"")


def _hash_registries(digest, raw: Path, registries: tuple[str, ...]) -> None:
    for registry in registries:
        path = raw / registry
        digest.update(registry.encode())
        digest.update(path.read_bytes() if path.exists() else b"")


def pack(extracted: Extracted) -> bytes:
    return zlib.compress(pickle.dumps(extracted, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(blob: bytes) -> Extracted | None:
    try:
        extracted = pickle.loads(zlib.decompress(blob))
    except Exception:  # a damaged entry, or one of records since changed: extracted again
        return None
    return extracted if isinstance(extracted, Extracted) else None


def pack_themes(themed: list) -> bytes:
    return marshal.dumps(themed)


def unpack_themes(blob: bytes) -> list | None:
    try:
        themed = marshal.loads(blob)
    except Exception:  # a damaged entry: themed again
        return None
    return themed if isinstance(themed, list) else None


class Lookups(NamedTuple):
    """What resolving a source looked up in the organization registry, and what it wrote."""

    mentions: list[tuple]  # the names, in order: Mention.fields()
    answers: str  # answers_digest() of them, then
    rows: str  # the digest of the rows then written


def pack_lookups(lookups: Lookups) -> bytes:
    return marshal.dumps(tuple(lookups))


def unpack_lookups(blob: bytes) -> Lookups | None:
    try:
        mentions, answers, rows = marshal.loads(blob)
    except Exception:  # a damaged entry: resolved again
        return None
    return Lookups(mentions, answers, rows) if isinstance(mentions, list) and isinstance(answers, str) else None


KEPT = ("extracted", "themed", "resolved")  # the tables of kept results, each keyed by a source's hashes and a fingerprint


class StageCache:
    """The kept results of one database's builds: what extraction found, the themes of the demands, what resolving
    looked up, the digests of the rows written and the hashes of the files."""

    def __init__(self, db_path: Path, extraction: str, theming: str, resolving: str, reuse: bool = True):
        self.reuse = reuse  # reuse=False: extract everything again, and keep that
        self.fingerprints = {"extracted": extraction, "themed": theming, "resolved": resolving}
        try:
            self.conn = self._open(stages_path(db_path))
        except sqlite3.DatabaseError:  # not a cache this build can read: it starts again, empty
            stages_path(db_path).unlink()
            self.conn = self._open(stages_path(db_path))

    def _open(self, path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path)
        # Not synced to disk: a cache, whose commit would otherwise wait for the whole new database to be written out.
        conn.execute("PRAGMA synchronous = OFF")
        for table in KEPT:
            conn.execute(f"create table if not exists {table} (source_id text primary key, text_sha256 text, "
                         "sidecar_sha256 text, fingerprint text, blob blob)")
            conn.execute(f"delete from {table} where fingerprint != ?", [self.fingerprints[table]])
        conn.execute("create table if not exists written (source_id text primary key, rows_sha256 text)")
        conn.execute("create table if not exists hashed (source_id text primary key, stat text, text_sha256 text, "
                     "sidecar_sha256 text)")
        return conn

    def hashes(self, paths: list[Path]) -> dict[str, tuple[str, str | None]]:
        """file_hashes() of each source, as an earlier build found them for the files whose stat_key() is what it was
        then (all hashed again when reuse=False); the others read and hashed, and kept."""
        known = {row[0]: row[1:] for row in self.conn.execute("select * from hashed")} if self.reuse else {}
        now, found, hashed = time.time(), {}, []
        for path in paths:
            stat, entry = stat_key(path, now), known.get(path.stem)
            if stat is not None and entry is not None and entry[0] == stat:
                found[path.stem] = (entry[1], entry[2])
                continue
            found[path.stem] = file_hashes(path)  # stat_key() first: a change made while reading is seen next time
            if stat is not None:
                hashed.append((path.stem, stat, *found[path.stem]))
        self.conn.executemany("insert or replace into hashed values (?, ?, ?, ?)", hashed)
        return found

    def get_many(self, wanted: dict[str, tuple[str, str | None]], table: str = "extracted") -> dict[str, bytes]:
        """What is kept of these sources (by id, with the hashes of their text and sidecar now) that was worked out
        of the same text and sidecar by the same code: one query per 500 sources."""
        if not self.reuse:
            return {}
        found: dict[str, bytes] = {}
        ids = list(wanted)
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            rows = self.conn.execute(f"select source_id, text_sha256, sidecar_sha256, blob from {table} where "
                                     f"fingerprint = ? and source_id in ({', '.join('?' * len(part))})",
                                     [self.fingerprints[table], *part])
            found.update({source_id: blob for source_id, *hashes, blob in rows if tuple(hashes) == wanted[source_id]})
        return found

    def put(self, source_id: str, hashes: tuple[str, str | None], blob: bytes, table: str = "extracted") -> None:
        self.conn.execute(f"insert or replace into {table} values (?, ?, ?, ?, ?)",
                          [source_id, *hashes, self.fingerprints[table], blob])

    def keep_only(self, source_ids: set[str]) -> None:
        for table in (*KEPT, "written", "hashed"):
            for (source_id,) in self.conn.execute(f"select source_id from {table}").fetchall():
                if source_id not in source_ids:
                    self.conn.execute(f"delete from {table} where source_id = ?", [source_id])

    def written(self) -> dict[str, str]:
        """Source id to the digest of the rows the last build wrote of it."""
        return dict(self.conn.execute("select source_id, rows_sha256 from written").fetchall())

    def put_written(self, source_id: str, digest: str) -> None:
        self.conn.execute("insert or replace into written values (?, ?)", [source_id, digest])

    def close(self) -> None:
        self.conn.commit()
        self.conn.close()


def combined_digest(digests: dict[str, str], source_ids: set[str] | list[str]) -> str | None:
    """One hash of the rows of all these sources (None if one of them has no digest): the database records it, so
    that a later build can trust the digests kept here to say which sources it holds as they are."""
    if not all(source_id in digests for source_id in source_ids):
        return None
    return hashlib.sha256("".join(f"{i}:{digests[i]};" for i in sorted(source_ids)).encode()).hexdigest()
