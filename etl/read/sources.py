"""Read stage: source texts and their sidecars from raw/sources into Source records."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..common.errors import BuildError
from ..common.records import Correction, DocumentSpec, Source
from .sidecar import SLUG, Additions, Exact, field_name, line_of, parse_sidecar

FORBIDDEN_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The page break pdftotext writes between pages: read as a line break (the text keeps its length and every offset),
# its place kept so that the split knows the pages' edges, where running heads and page numbers stand.
PAGE_BREAK = "\f"


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 text with a leading BOM removed and line endings normalized to \\n (its page breaks kept)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BuildError(path, f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})", line=line) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = FORBIDDEN_CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        code = f"U+{ord(bad.group()):04X}"
        name = unicodedata.name(bad.group(), None)
        raise BuildError(path, f"control character {name + ' (' + code + ')' if name else code} in the text", line=line)
    if not text.strip():
        raise BuildError(path, "the source text is empty")
    return text


def pages_apart(text: str) -> tuple[str, tuple[int, ...]]:
    """The text with each page break made a line break, and where they stood."""
    breaks = tuple(at for at, char in enumerate(text) if char == PAGE_BREAK) if PAGE_BREAK in text else ()
    return text.replace(PAGE_BREAK, "\n"), breaks


def read_sidecar_text(path: Path) -> str:
    if not path.exists():
        raise BuildError(path, "missing sidecar: every source text needs a .yml file of the same name")
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise BuildError(path, f"not valid UTF-8 (offset {error.start})") from None


def read_source(text_path: Path) -> Source:
    """One source: its bytes, decoded text and validated sidecar."""
    source_id = text_path.stem
    shown = text_path
    if not SLUG.match(source_id):
        raise BuildError(shown, "a source's file name must be a slug such as icmlpo-2009-declaration.txt")
    data = text_path.read_bytes()
    text, page_breaks = pages_apart(decode_text(shown, data))
    sidecar_path = text_path.with_suffix(".yml")
    sidecar_shown = sidecar_path
    sidecar, node = parse_sidecar(sidecar_shown, read_sidecar_text(sidecar_path))
    if sidecar.documents:
        documents = tuple(
            DocumentSpec(
                id=entry.id, title=entry.title, kind=entry.kind, date=entry.date,
                issued_by=tuple(entry.issued_by), author=entry.author or sidecar.author,
                first_line=entry.first_line, ends_before=entry.ends_before,
                line=line_of(node, ("documents", index)),
                first_line_at=line_of(node, ("documents", index, "first_line")),
                ends_before_at=line_of(node, ("documents", index, "ends_before")),
                corrections=corrections_of(entry.add, entry.reject, node, ("documents", index)),
            )
            for index, entry in enumerate(sidecar.documents)
        )
    else:
        documents = (
            DocumentSpec(
                id=source_id, title=sidecar.title, kind=sidecar.kind, date=sidecar.date,
                issued_by=tuple(sidecar.issued_by), author=sidecar.author,
                corrections=corrections_of(sidecar.add, sidecar.reject, node, ()),
            ),
        )
    return Source(
        id=source_id, path=str(shown), sidecar_path=str(sidecar_shown), title=sidecar.title,
        publisher=sidecar.publisher, author=sidecar.author, url=sidecar.url, published=sidecar.published,
        language=sidecar.language, sha256=hashlib.sha256(data).hexdigest(), text=text, documents=documents,
        added=sidecar.added, page_breaks=page_breaks,
    )


ADDED = (("signatories", "signatory"), ("participants", "participant"), ("addressees", "addressee"),
         ("issuers", "issuer"))


def corrections_of(add: Additions | None, reject: list[Exact], node, at: tuple) -> tuple[Correction, ...]:
    """A document's corrections as plain records, each with the line and field of the sidecar it stands at."""
    found = []

    def place(*path: Any) -> tuple[int | None, str]:
        return line_of(node, at + path), field_name(at + path)

    if add is not None:
        for key, kind in ADDED:
            for index, exact in enumerate(getattr(add, key)):
                found.append(Correction(kind, exact.text, exact.occurrence, *place("add", key, index)))
        for index, section in enumerate(add.sections):
            found.append(Correction("section", section.name, section.occurrence, *place("add", "sections", index),
                                    country=section.country, status=section.status, international=section.international))
        for index, demand in enumerate(add.demands):
            found.append(Correction("demand", demand.text, demand.occurrence, *place("add", "demands", index),
                                    demand_kind=demand.kind))
    for index, exact in enumerate(reject):
        found.append(Correction("reject", exact.text, exact.occurrence, *place("reject", index)))
    return tuple(found)


def source_paths(raw: Path) -> list[Path]:
    """The source texts under raw/sources, after checking every sidecar has its text."""
    folder = raw / "sources"
    if not folder.is_dir():
        raise BuildError(folder, "no sources folder: expected raw/sources/<id>.txt with <id>.yml beside it")
    names = sorted(os.listdir(folder))  # one listing; Paths are made for the texts only
    texts = [folder / name for name in names if name.endswith(".txt")]
    text_names = {path.name for path in texts}
    for name in names:
        if name.endswith(".yml") and name[:-4] + ".txt" not in text_names:
            raise BuildError(folder / name, "sidecar without a source text of the same name")
    if not texts:
        raise BuildError(folder, "no source texts (*.txt) found")
    return texts


def read_sources(raw: Path) -> list[Source]:
    return [read_source(path) for path in source_paths(raw)]
