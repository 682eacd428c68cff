"""Extract stage, for one source: its documents and passages, and what the rules and the editors' corrections find in
them, before any name is resolved. What it returns depends only on the source, the code of this stage and the
registries it reads (countries, naming), so a build keeps it between builds (etl/pipeline/stage_cache.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..common.records import CountryMention, Document, OrganizationsFound, Passage, Source
from ..read.split import split_documents, split_passages
from ..registries.countries import CountryIndex
from ..registries.naming import Naming
from .corrections import EditorRows, editor_rows
from .demands import DemandFound, find_demands
from .organizations import find_organizations


@dataclass
class DocumentFound:
    """What extraction found in one document: its passages, the corrections of its sidecar, its demands, names."""

    document: Document
    passages: list[Passage]
    editor: EditorRows
    demands: list[DemandFound]
    organizations: OrganizationsFound


@dataclass
class Extracted:
    source: Source
    documents: list[DocumentFound] = field(default_factory=list)
    country_mentions: list[CountryMention] = field(default_factory=list)


def extract_source(source: Source, countries: CountryIndex, naming: Naming) -> Extracted:
    extracted = Extracted(source)
    for spec, document in zip(source.documents, split_documents(source), strict=True):
        passages = split_passages(source, document)
        editor = editor_rows(source, spec, document, passages, countries, naming)
        extracted.documents.append(DocumentFound(document, passages, editor, find_demands(passages),
                                                 find_organizations(passages, countries, naming)))
        extracted.country_mentions.extend(country_mentions(passages, countries))
    return extracted


def country_mentions(passages: list[Passage], countries: CountryIndex) -> list[CountryMention]:
    """Which countries each passage names, by name, alias or demonym."""
    rows = []
    for passage in passages:
        seen: dict[str, list] = {}
        for code, start, end in countries.mentions(passage.text):
            seen.setdefault(code, []).append((start, end))
        for code, spans in seen.items():
            start, end = spans[0]
            rows.append(CountryMention(passage.id, code, len(spans), passage.text[start:end],
                                       passage.start_char + start, passage.start_char + end))
    return rows
