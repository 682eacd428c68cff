"""The plain records that flow between the stages of the build."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Correction:
    """A row the editors add (kind: signatory, participant, addressee, issuer, section, demand), or a text whose rows
    they reject (kind: reject), with where the sidecar says so."""

    kind: str
    text: str
    occurrence: int
    line: int | None
    field: str
    country: str | None = None  # of a section, as the sidecar gives it: an ISO code or a name
    status: str | None = None  # of a section
    international: str | None = None  # of a section: an organization id or name
    demand_kind: str | None = None  # slogan, demand or principle


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
    corrections: tuple[Correction, ...] = ()


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
    added: str | None = None  # when it entered the archive (RFC 3339), from the sidecar
    page_breaks: tuple[int, ...] = ()  # where the file had a page break (a form feed), read as the line break text[i]


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


@dataclass(frozen=True)
class NameFound:
    """A name as written in a passage (its span in the source's text), and what its context tells of it."""

    text: str
    start: int
    end: int
    passage_id: str
    country_code: str | None = None
    abbreviation: str | None = None
    variants: tuple[str, ...] = ()  # other renderings to match, e.g. the name without its "of <Country>"
    people: bool = False  # people ("the workers and people of Iraq") or a gathering of them, not an organization
    found_by: str = "rule"  # or editor: a correction in the sidecar


@dataclass(frozen=True)
class SectionFound:
    international: NameFound | None  # None: the list names no international; its context may
    member: NameFound
    status: str | None
    international_given: str | None = None  # an editor's: an organization id or name, not a text of the document


@dataclass(frozen=True)
class SignatoryFound:
    name: NameFound
    role: str  # signatory, participant, issuer
    position: int


@dataclass(frozen=True)
class ListNotTaken:
    """A list-shaped block of lines no rule took: for the editors to look at."""

    passage_id: str
    items: int
    first_item: str
    passage_ids: tuple[str, ...] = ()  # of its items
    names: tuple[str, ...] = ()  # what its items would give as names, for an editor to paste
    start: int = 0  # its span in the source's text
    end: int = 0
    document_id: str = ""


@dataclass(frozen=True)
class OrganizationsFound:
    """What the extract stage found in one document, before any name is resolved."""

    sections: list[SectionFound]
    signatories: list[SignatoryFound]  # issuers among them, with role "issuer"
    addressees: list[NameFound]
    claims: list[tuple[str | None, int, Passage]]  # (status, number of countries claimed, passage)
    internationals: list[NameFound] = field(default_factory=list)  # named in the title or headings: the context
    not_taken: list[ListNotTaken] = field(default_factory=list)


@dataclass(frozen=True)
class NameMatch:
    """A name as written in a passage, resolved to an organization."""

    organization_id: str | None  # None only for an addressee who is people, not an organization
    name_as_written: str
    passage_id: str | None
    start_char: int | None
    end_char: int | None
    match: str  # id, exact, alias, abbreviation, expanded, fuzzy, new, sidecar; people (no organization)
    match_score: float | None = None
    found_by: str = "rule"  # rule, or editor: the sidecar says so


@dataclass(frozen=True)
class SectionRow:
    id: str
    document_id: str
    international_id: str | None
    status: str | None
    country_code: str | None
    member: NameMatch
    international_as_written: str | None


@dataclass(frozen=True)
class SignatoryRow:
    id: str
    document_id: str
    role: str
    position: int
    name: NameMatch


@dataclass(frozen=True)
class AddresseeRow:
    id: str
    document_id: str
    name: NameMatch  # organization_id None: people, not an organization
    country_code: str | None = None


@dataclass(frozen=True)
class IssuerRow:
    id: str
    document_id: str
    name: NameMatch
    how: str  # sidecar, closing lines


@dataclass(frozen=True)
class QualityNote:
    id: str
    source_id: str
    document_id: str | None
    passage_id: str | None
    kind: str  # new organization, fuzzy match, ambiguous name, count contradiction
    note: str


@dataclass(frozen=True)
class DemandRow:
    """A slogan, demand or principle: text exactly as in the source, its themes and the countries it names."""

    id: str
    document_id: str
    passage_id: str
    kind: str
    text: str
    start_char: int
    end_char: int
    position: int
    themes: tuple[tuple[str, str, str], ...]  # (theme id, cue, how: own words or passage)
    countries: tuple[tuple[str, str], ...]  # (country code, name as written)
    found_by: str = "rule"


@dataclass(frozen=True)
class CountryMention:
    passage_id: str
    country_code: str
    mentions: int
    first_as_written: str
    start_char: int
    end_char: int


@dataclass(frozen=True)
class ReviewItem:
    """Something an editor should look at, with where it is and the correction that settles it."""

    id: str
    source_id: str
    document_id: str
    passage_id: str
    kind: str  # list not taken, new organization, fuzzy match, unlike its kind
    text: str
    start_char: int
    end_char: int
    correction: str  # YAML to paste under the document in the sidecar
    note: str
    reader_url: str  # the reader, with the item's characters highlighted


@dataclass
class SourceRecords:
    """Everything the build derives from one source."""

    source: Source
    documents: list[Document] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    signatories: list[SignatoryRow] = field(default_factory=list)
    addressees: list[AddresseeRow] = field(default_factory=list)
    issuers: list[IssuerRow] = field(default_factory=list)
    new_organizations: list = field(default_factory=list)  # registry.Organization, not curated
    notes: list[QualityNote] = field(default_factory=list)
    demands: list[DemandRow] = field(default_factory=list)
    country_mentions: list[CountryMention] = field(default_factory=list)
    not_taken: list[ListNotTaken] = field(default_factory=list)  # list-shaped blocks no rule took
    review: list[ReviewItem] = field(default_factory=list)
    looked_up: list[tuple] = field(default_factory=list)  # the names looked up in the registry (Mention.fields()), once each
