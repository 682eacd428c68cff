"""Hostile input, generated: the build either keeps every promise about the database or stops with a BuildError.

Each example adds one generated source to a raw/ folder beside one good source,
and builds over a copy of a good database. The text is random bytes, or lines of
right-to-left words, combining marks, NUL and other control characters, byte-order
marks, very long runs, CR/LF/CRLF endings, lone surrogates encoded as invalid
UTF-8. The sidecar is a plausible one (first lines quoted from the text, values
right, or now and then wrong in type or content, or holding characters YAML writes
as escapes), random YAML, YAML nested thousands of levels deep, random bytes, or
missing.
Then either the build succeeded and every offset round-trips, or it raised
BuildError naming a file under raw/sources and the previous database is byte for
byte as it was. Any other exception fails the test. In `make test` the examples are
few and derandomized, so every run, and CI, tries the same inputs; `make fuzz` tries
FUZZ_EXAMPLES (5,000) new ones.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support import ROOT, RawFolder

import etl.build
from etl.build import build
from etl.common.errors import BuildError
from etl.read.sidecar import KINDS

GOOD_ID = "harbour-1934-call"
GOOD_TEXT = """\
Call of the Harbour International

We call on every port worker to stop work for one hour on the day of action against the blockade of the strike.

Long live the unity of the international working class!

Signed:
Communist Party of Peru
Workers' Party of Brazil
"""
GOOD_SIDECAR = "title: Call of the Harbour International\nkind: statement\ndate: 1934-05-01\n"
FUZZ_ID = "fuzzed-source"

# make test tries a fixed few examples, the same every run; `make fuzz` many more, new ones each run.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = dict(
    deadline=None, derandomize=not os.environ.get("FUZZ_RANDOM"), database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# --- what the generated sources are made of ---------------------------------------------------------------------

NAMES = ["Communist Party of Peru", "Workers' Party of Brazil (Brazil)", "Revolutionary Communist Party (RCP)",
         "RCIT", "harbour-international", "Партия труда", "حزب العمال", "Liga de Estibadores (Chile)"]
WORDS = NAMES + [
    "We call on the workers of every country to stand together against war, ",
    "Long live the unity of the international working class!", "Down with imperialism!", "For a workers' government!",
    "", " ", "\t", "\x85", "\u2028", "\u2029", "\ufeff", "\u200f", "\u202e", "\u00a0", "\u3000",
    "\u0301\u0301\u0301", "e\u0301", "Z\u0351\u0362\u0336\u0489", "שלום לעולם", "العمال", "Perú", "Ελλάδα", "🚩",
    "- ", "* ", "1. ", "(a) ", "iv) ", "• ", "Signed:", "Signed by:", "To:", "Dear comrades,",
    "Sections:", "Official sections:", "\f", "in 12 countries", "30 July 2008", "2009-13-45", "MENU", ":", "(", "!",
]
CONTROLS = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x0b"]  # refused in texts, with their line
SURROGATES = ["\ud800", "\udfff", "\udc80"]  # encoded with surrogatepass they become invalid UTF-8
LINE_ENDINGS = ["\n", "\r\n", "\r"]
JUNK = [b"\xff", b"\xfe", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x00", b"\r", b"\x80\x80", b"\xf4\x90\x80\x80"]
PRINTABLE = st.characters(exclude_categories=["Cs", "Cc"])


def often(value: bool, weight: int = 3):
    """value most of the time, its opposite now and then."""
    return st.sampled_from([value] * weight + [not value])


def text_lines(words: list[str]):
    piece = st.one_of(
        st.sampled_from(words), st.sampled_from(words), st.text(PRINTABLE, max_size=20),
        st.builds(lambda unit, n: unit * n, st.sampled_from(["x", "word ", "שׁ", "\u0301", "Peru ", "- "]),
                  st.integers(200, 3000)),  # very long lines
    )
    line = st.lists(piece, min_size=1, max_size=6).map("".join)
    return st.lists(st.tuples(line, st.sampled_from(LINE_ENDINGS)), min_size=1, max_size=16)


@st.composite
def texts(draw) -> tuple[bytes, list[str]]:
    """A source text as bytes, and its lines as the generator meant them (for sidecars to quote)."""
    mode = draw(st.sampled_from(["text"] * 6 + ["hostile"] * 2 + ["bytes"]))
    if mode == "bytes":
        return draw(st.binary(max_size=400)), []
    pairs = draw(text_lines(WORDS + CONTROLS + SURROGATES if mode == "hostile" else WORDS))
    data = "".join(text + end for text, end in pairs).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if mode == "hostile" and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(JUNK)) + data[at:]
    return data, [text for text, _ in pairs]


WRONG = st.one_of(
    st.sampled_from(CONTROLS + SURROGATES + ["", " ", "\u3000", "x" * 5000]),
    st.builds("".join, st.lists(st.sampled_from(WORDS + CONTROLS + SURROGATES), min_size=1, max_size=4)),
    st.text(max_size=20), st.integers(-5, 3000), st.none(), st.booleans(), st.floats(),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
GOOD_DATES = ["1934", "1917-11", "1917-11-07", "2024-02-29", "2008-07-30"]
BAD_DATES = ["2009-13", "1917-11-31", "0000", "2023-02-29", "19340", "1934-1-1", " 1934 ", "July 1934"]


@st.composite
def plausible_sidecars(draw, lines: list[str]) -> dict:
    """A sidecar of the right shape, its values right, or (now and then) some of them wrong."""
    broken = draw(often(False))
    quoted = [text.strip() for text in lines if text.strip()]
    words = st.one_of(st.sampled_from(quoted or NAMES), st.sampled_from(NAMES),
                      st.text(PRINTABLE, min_size=1, max_size=20).filter(str.strip))

    def value(right, wrong=WRONG):
        return draw(wrong if broken and draw(often(False)) else right)

    def maybe(sidecar: dict, key: str, right, wrong=WRONG) -> None:
        if draw(often(False, 1)):
            sidecar[key] = value(right, wrong)

    dates = (st.sampled_from(GOOD_DATES), st.one_of(st.sampled_from(BAD_DATES), WRONG))
    names = st.one_of(words, st.lists(words, max_size=3))
    sidecar = {"title": value(words)}
    maybe(sidecar, "publisher", words)
    maybe(sidecar, "author", words)
    maybe(sidecar, "url", st.just("https://example.org/a?b=c"), st.one_of(st.just("ftp://x"), st.just("https://a b"), WRONG))
    maybe(sidecar, "published", *dates)
    maybe(sidecar, "language", st.sampled_from(["en", "es", "pt-BR", "fr"]), st.one_of(st.sampled_from(["EN", "e", "english"]), WRONG))
    maybe(sidecar, "issued_by", names)
    if draw(st.booleans()):
        maybe(sidecar, "kind", st.sampled_from(KINDS))
        maybe(sidecar, "date", *dates)
        return taint(draw, sidecar, [])
    # documents, their first lines in the order of the text (each as written, or stripped, or not in it at all)
    lines_at = [index for index, text in enumerate(lines) if text.strip()] or [0]
    starts = sorted(draw(st.lists(st.sampled_from(lines_at), min_size=1, max_size=4, unique=True)))
    if broken and draw(often(False)):
        starts = draw(st.permutations(starts))
    documents = []
    for number, start in enumerate(starts):
        entry = {
            "id": value(st.just(f"doc-{number}"), st.one_of(st.just(GOOD_ID), st.just("doc-0"), st.text(max_size=10))),
            "title": value(words),
            "kind": value(st.sampled_from(KINDS), st.one_of(st.just("pamphlet"), WRONG)),
            "first_line": value(st.just(lines[start] if lines else "nothing").map(
                lambda text: text if draw(st.booleans()) else text.strip())),
        }
        later = [index for index in lines_at if index > start]
        if later and draw(often(False, 1)):
            entry["ends_before"] = value(st.sampled_from(later).map(lambda index: lines[index].strip()))
        if draw(often(False, 1)):
            entry["date"] = value(*dates)
        if draw(often(False, 1)):
            entry["issued_by"] = value(names)
        documents.append(entry)
    sidecar["documents"] = documents if not broken or draw(often(True)) else draw(WRONG)
    if broken and draw(often(False)):
        sidecar[draw(st.sampled_from(["extra", "Title", "documents "]))] = draw(WRONG)
    return taint(draw, sidecar, documents)


def taint(draw, sidecar: dict, documents: list[dict]) -> dict:
    """Now and then, one value of the right type holding a character no text may hold (YAML writes it escaped)."""
    holders = [(holder, key) for holder in [sidecar, *documents] for key, value in holder.items()
               if isinstance(value, str) and key not in ("first_line", "ends_before")]
    if holders and draw(often(False, 5)):
        holder, key = draw(st.sampled_from(holders))
        at = draw(st.integers(0, len(holder[key])))
        holder[key] = holder[key][:at] + draw(st.sampled_from(CONTROLS + SURROGATES)) + holder[key][at:]
    return sidecar


YAML_TOKENS = ["title: ", "kind: letter", "documents:", "- ", "  ", "\n", "\t", "[", "]", "{", "}", ",", ":", "? ",
               "&a ", "*a", "*b", "<<: ", "!!str ", "!!python/object/apply:os.system ", "---\n", "...\n", "%YAML 1.1\n",
               "#", "|\n", ">\n", '"', "'", "\\", '"\\ud800"', '"\\0"', '"\\x1b"', '"\\U0010ffff"', "id: x-y",
               "first_line: ", "date: 2009-13", "~", "null", "\ufeff", "\x00", "\x85", "é", "title: T\n"]


@st.composite
def yaml_texts(draw) -> str:
    """Any YAML-looking text: tokens of YAML's syntax and random text."""
    return "".join(draw(st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=8)), max_size=30)))


@st.composite
def nestings(draw) -> str:
    """A YAML value nested from a few to thousands of levels deep, in flow or block style."""
    depth = draw(st.integers(2, 3000))
    style = draw(st.sampled_from(["[", "{", "-"]))
    if style == "[":
        return "[" * depth + "x" + "]" * depth
    if style == "{":
        return "{a: " * depth + "x" + "}" * depth
    return "\n" + "".join("  " * level + "-" + (" x\n" if level == depth - 1 else "\n") for level in range(depth))


@st.composite
def cases(draw) -> Case:
    text, lines = draw(texts())
    which = draw(st.sampled_from(["plausible"] * 6 + ["yaml", "deep", "bytes", "none"]))
    if which == "none":
        sidecar = None
    elif which == "bytes":
        sidecar = draw(st.binary(max_size=200))
    elif which == "yaml":
        sidecar = draw(yaml_texts()).encode("utf-8", "surrogatepass")
    elif which == "deep":
        sidecar = ("title: T\nissued_by: " + draw(nestings()) + "\n").encode()
    else:
        sidecar = yaml.safe_dump(draw(plausible_sidecars(lines)), allow_unicode=draw(st.booleans()),
                                 sort_keys=False, width=draw(st.sampled_from([80, 10**6]))).encode("utf-8", "surrogatepass")
        if draw(often(False)):
            sidecar = b"\xef\xbb\xbf" + sidecar.replace(b"\n", b"\r\n")
    return Case(text, sidecar)


@dataclass
class Case:
    text: bytes
    sidecar: bytes | None

    def add_to(self, raw: Path) -> None:
        folder = raw / "sources"
        (folder / f"{FUZZ_ID}.txt").write_bytes(self.text)
        if self.sidecar is not None:
            (folder / f"{FUZZ_ID}.yml").write_bytes(self.sidecar)


# --- the promises the database keeps ----------------------------------------------------------------------------

def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_contracts(db_path: Path, raw: Path) -> None:
    db = sqlite_utils.Database(db_path)
    texts = {}
    for source in db.query("select * from sources"):
        data = (raw / "sources" / f"{source['id']}.txt").read_bytes()
        assert source["sha256"] == hashlib.sha256(data).hexdigest()
        expected = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
        assert source["text"] == expected
        texts[source["id"]] = source["text"]
    assert set(texts) == {GOOD_ID, FUZZ_ID}
    spans = {}
    previous_end: dict[str, int] = {}
    for document in db.query("select * from documents order by source_id, start_char"):
        text = texts[document["source_id"]]
        start, end = document["start_char"], document["end_char"]
        assert 0 <= start < end <= len(text), document
        body = text[start:end]
        assert body.strip() == body and body, document
        assert start >= previous_end.get(document["source_id"], 0), f"documents overlap: {document['id']}"
        previous_end[document["source_id"]] = end
        spans[document["id"]] = (start, end)
    for passage in db.query("select * from passages"):
        assert passage["text"], passage
        assert texts[passage["source_id"]][passage["start_char"]:passage["end_char"]] == passage["text"], passage
        start, end = spans[passage["document_id"]]
        assert start <= passage["start_char"] < passage["end_char"] <= end, passage
    passages = {p["id"]: p for p in db.query("select id, source_id, start_char, end_char from passages")}
    for table, column in [("sections", "name_as_written"), ("signatories", "name_as_written"),
                          ("addressees", "name_as_written"), ("document_issuers", "name_as_written"),
                          ("demands", "text"), ("passage_countries", "first_as_written")]:
        for row in db.query(f"select * from {table} where passage_id is not null"):
            assert texts[row["source_id"]][row["start_char"]:row["end_char"]] == row[column], (table, row)
            passage = passages[row["passage_id"]]
            assert passage["start_char"] <= row["start_char"] < row["end_char"] <= passage["end_char"], (table, row)
    assert list(db.query("pragma foreign_key_check")) == []
    assert db["passages"].count == db.execute("select count(*) from passages_fts").fetchone()[0]


def check_names_a_file(message: str, raw: Path) -> None:
    """The message begins with a source's text or sidecar, and its line when it has one."""
    named = re.match(r"(\S+\.(?:txt|yml))(?::\d+)?: ", message)
    assert named and Path(named.group(1)).parent == raw / "sources", message


# --- the fixtures: one good archive, built once -------------------------------------------------------------------

@dataclass
class Base:
    raw: Path
    db: Path
    digest: str
    scratch: Path


def read_once(load_registries):
    """load_registries, remembered by the content of the registries (every example has the same)."""
    known = {}

    def load(raw: Path):
        key = tuple((path.name, path.read_bytes()) for path in sorted(raw.glob("*.yml")))
        if key not in known:
            known[key] = load_registries(raw)
        return known[key]

    return load


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    raw = RawFolder(folder / "raw")
    raw.copy_registries()
    raw.add(GOOD_ID, GOOD_TEXT, GOOD_SIDECAR)
    # The registries are not what is fuzzed: read them once, not once per example.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(etl.build, "load_registries", read_once(etl.build.load_registries))
        build(raw.root, folder / "archive.db")
        yield Base(raw.root, folder / "archive.db", digest(folder / "archive.db"), folder)


def fresh_copy(base: Base) -> tuple[Path, Path]:
    work = Path(tempfile.mkdtemp(dir=base.scratch))
    raw = work / "raw"
    shutil.copytree(base.raw, raw)
    shutil.copyfile(base.db, work / "archive.db")
    return raw, work / "archive.db"


@settings(max_examples=EXAMPLES, **FUZZ)
@given(case=cases())
def test_the_build_keeps_its_contracts_or_stops_with_a_build_error(base, case):
    raw, db_path = fresh_copy(base)
    try:
        case.add_to(raw)
        try:
            build(raw, db_path)
        except BuildError as error:
            event("stopped: " + error.message.split("'")[0].split("(")[0][:40])  # see --hypothesis-show-statistics
            check_names_a_file(str(error), raw)
            assert digest(db_path) == base.digest
            assert sorted(p.name for p in db_path.parent.iterdir()) == ["archive.db", "archive.db.stages", "raw"]  # no scratch
            return
        event("built")
        check_contracts(db_path, raw)
    finally:
        shutil.rmtree(db_path.parent)


@settings(max_examples=max(EXAMPLES // 60, 3), **FUZZ)
@given(case=cases())
def test_python_m_etl_exits_with_an_error_line_not_a_traceback(base, case):
    raw, db_path = fresh_copy(base)
    try:
        case.add_to(raw)
        result = subprocess.run([sys.executable, "-m", "etl", "--raw", str(raw), "--db", str(db_path), "--quiet"],
                                capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert "Traceback" not in result.stderr, result.stderr
        if result.returncode == 0:
            check_contracts(db_path, raw)
            return
        assert result.returncode == 1, result.stderr
        errors = [text for text in result.stderr.splitlines() if text.startswith("error: ")]
        assert len(errors) == 1, result.stderr
        check_names_a_file(errors[0].removeprefix("error: "), raw)
        assert digest(db_path) == base.digest
    finally:
        shutil.rmtree(db_path.parent)
