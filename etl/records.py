"""The plain records that flow between the stages of the build."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentSpec:
    """A document as its sidecar describes it."""

    id: str
    title: str
    kind: str | None
    date: str | None
    issued_by: tuple[str, ...]
    author: str | None = None
    first_line: str | None = None  # None: the document is the whole file
    ends_before: str | None = None
    line: int | None = None  # where the entry stands in the sidecar
    first_line_at: int | None = None  # where its first_line and ends_before stand
    ends_before_at: int | None = None


@dataclass(frozen=True)
class Source:
    """A source text with the facts its sidecar gives."""

    id: str
    path: str
    sidecar_path: str
    title: str
    publisher: str | None
    author: str | None
    url: str | None
    published: str | None
    language: str
    sha256: str
    text: str
    documents: tuple[DocumentSpec, ...]


@dataclass(frozen=True)
class Document:
    id: str
    source_id: str
    title: str
    date: str | None
    kind: str | None
    author: str | None
    issued_by: tuple[str, ...]
    start_char: int
    end_char: int
    word_count: int


@dataclass(frozen=True)
class Passage:
    """A paragraph, heading or list item; `text` is exactly sources.text[start_char:end_char]."""

    id: str
    document_id: str
    position: int
    heading: str | None
    kind: str
    text: str
    start_char: int
    end_char: int
    marker: str | None = None  # a list item's bullet or number, outside `text`


@dataclass
class SourceRecords:
    """Everything the build derives from one source."""

    source: Source
    documents: list[Document] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
