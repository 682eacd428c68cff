"""The editors' corrections of a document (`add:` and `reject:` in its sidecar), found in its text.

Rules propose, editors decide: an added row is a text exactly as the document writes it (its occurrence, where it is
written more than once), found here with its passage and span, and then resolved like any name the rules found; a
rejected text removes the rows the rules made inside its span. A correction that points at nothing, because the text
is not in the document, the occurrence does not exist, or no rule row lies in a rejected span, stops the build with
the sidecar's file, line and field: corrections never go stale silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..common.errors import BuildError
from ..common.records import Correction, Document, DocumentSpec, NameFound, Passage, SectionFound, SignatoryFound, Source
from ..registries.countries import CountryIndex
from ..registries.naming import Naming
from .demands import DemandFound
from .letters import PEOPLE
from .lists import country_in_name, looks_like_organization, name_found

ROLES = ("signatory", "participant")


@dataclass(frozen=True)
class Rejected:
    correction: Correction
    start: int  # offsets in the source's text
    end: int

    def covers(self, start: int | None, end: int | None) -> bool:
        return start is not None and end is not None and self.start <= start and end <= self.end


@dataclass
class EditorRows:
    """A document's corrections, found in its text, and which of its rejections have removed a row."""

    signatories: list[SignatoryFound] = field(default_factory=list)  # issuers among them, with role "issuer"
    addressees: list[NameFound] = field(default_factory=list)
    sections: list[SectionFound] = field(default_factory=list)
    demands: list[DemandFound] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # indexes in `rejected` of those that removed a row

    def rejects(self, start: int | None, end: int | None) -> bool:
        """Whether a row the rules made at start:end is rejected (and note that its rejection was used)."""
        hit = False
        for index, rejected in enumerate(self.rejected):
            if rejected.covers(start, end):
                self.used.add(index)
                hit = True
        return hit

    def check_used(self, sidecar_path: str) -> None:
        for index, rejected in enumerate(self.rejected):
            if index not in self.used:
                raise BuildError(sidecar_path, f"{rejected.correction.text!r} matches no row the rules extracted: "
                                 "remove the rejection", line=rejected.correction.line, field=rejected.correction.field)


def locate(source: Source, document: Document, correction: Correction) -> tuple[int, int]:
    """The span in the source's text of the correction's text in the document, at its occurrence."""
    body = source.text[document.start_char:document.end_char]
    at = -1
    for seen in range(correction.occurrence):
        at = body.find(correction.text, at + 1)
        if at < 0:
            why = ("is not in the document" if seen == 0 else
                   f"occurs {seen} time{'s' if seen > 1 else ''} in the document, not {correction.occurrence}")
            raise BuildError(source.sidecar_path, f"{correction.text!r} {why}: corrections give text exactly as written",
                             line=correction.line, field=correction.field)
    return document.start_char + at, document.start_char + at + len(correction.text)


def passage_at(source: Source, passages: list[Passage], correction: Correction, start: int, end: int) -> Passage:
    found = next((p for p in passages if p.start_char <= start and end <= p.end_char), None)
    if found is None:
        raise BuildError(source.sidecar_path, f"{correction.text!r} runs over two passages: a row is the text of one",
                         line=correction.line, field=correction.field)
    return found


def editor_rows(source: Source, spec: DocumentSpec, document: Document, passages: list[Passage],
                countries: CountryIndex, naming: Naming) -> EditorRows:
    """The rows a document's corrections add, each with its passage and span, and the spans they reject."""
    rows = EditorRows()
    roles = {role: 0 for role in ROLES}
    for correction in spec.corrections:
        start, end = locate(source, document, correction)
        if correction.kind == "reject":
            rows.rejected.append(Rejected(correction, start, end))
            continue
        passage = passage_at(source, passages, correction, start, end)
        local = (start - passage.start_char, end - passage.start_char)
        if correction.kind == "demand":
            rows.demands.append(DemandFound(correction.demand_kind or "demand", passage.id, start, end, correction.text,
                                            "editor"))
            continue
        country = country_of(source, correction, countries) if correction.kind == "section" else None
        people = correction.kind == "addressee" and not looks_like_organization(correction.text, countries, naming) \
            and bool(PEOPLE.search(correction.text))
        name = edited(name_found(passage, *local, country or country_in_name(correction.text, countries), people))
        if correction.kind == "section":
            rows.sections.append(SectionFound(None, name, correction.status, correction.international))
        elif correction.kind == "addressee":
            rows.addressees.append(name)
        elif correction.kind == "issuer":
            rows.signatories.append(SignatoryFound(name, "issuer", 0))
        else:
            roles[correction.kind] += 1
            rows.signatories.append(SignatoryFound(name, correction.kind, roles[correction.kind]))
    return rows


def edited(name: NameFound) -> NameFound:
    return NameFound(name.text, name.start, name.end, name.passage_id, name.country_code, name.abbreviation,
                     name.variants, name.people, "editor")


def country_of(source: Source, correction: Correction, countries: CountryIndex) -> str | None:
    if correction.country is None:
        return None
    code = countries.place_code(correction.country)
    if code is None:
        raise BuildError(source.sidecar_path, f"{correction.country!r} is not a country's ISO code or name",
                         line=correction.line, field=correction.field + ".country")
    return code
