"""Resolve stage, for one source: the names extraction found become rows linked to organizations, and its demands
get their themes and countries."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..common.records import (
    AddresseeRow,
    DemandRow,
    Document,
    IssuerRow,
    NameFound,
    NameMatch,
    OrganizationsFound,
    QualityNote,
    SectionFound,
    SectionRow,
    SignatoryFound,
    SignatoryRow,
    SourceRecords,
)
from ..extract.corrections import EditorRows
from ..extract.demands import DemandFound
from ..extract.lists import country_in_name
from ..extract.organizations import INTERNATIONAL_WORD
from ..extract.source import DocumentFound, Extracted
from ..registries.countries import CountryIndex
from .defined import defined_abbreviations
from .demand_themes import Themed, themes_and_countries
from .names import Mention, Resolver
from .registries import Registries
from .review import review_items


@dataclass
class Linker:
    """Resolves the names of one source, and notes what an editor should look at."""

    records: SourceRecords
    resolver: Resolver
    countries: CountryIndex
    fuzzy_noted: set = field(default_factory=set)
    defined: dict[str, str] = field(default_factory=dict)  # the abbreviations the document being linked defines
    issuers: int = 0  # issuer rows numbered so far in the source (i1, i2…: the numbers of rejected rows kept)

    def note(self, kind: str, text: str, document_id: str | None = None, passage_id: str | None = None) -> None:
        number = len(self.records.notes) + 1
        self.records.notes.append(QualityNote(f"{self.records.source.id}-q{number}", self.records.source.id,
                                              document_id, passage_id, kind, text))

    def match(self, found: NameFound, kind: str, document_id: str) -> NameMatch:
        if found.people:
            return NameMatch(None, found.text, found.passage_id, found.start, found.end, "people", None, found.found_by)
        before = set(self.resolver.created)
        result = self.resolver.resolve(self.mention(found, kind))
        if result.how == "new" and result.organization_id not in before:
            self.records.new_organizations.append(self.resolver.organizations[result.organization_id])
            self.note("new organization", f"{found.text!r} matches no organization of the registry: "
                      f"added as {result.organization_id!r}, not curated", document_id, found.passage_id)
        elif result.how == "fuzzy" and (found.text, result.organization_id) not in self.fuzzy_noted:
            self.fuzzy_noted.add((found.text, result.organization_id))
            name = self.resolver.entry(result.organization_id).name
            self.note("fuzzy match", f"{found.text!r} taken for {name!r} ({result.organization_id}), "
                      f"similarity {result.score}", document_id, found.passage_id)
        return NameMatch(result.organization_id, found.text, found.passage_id, found.start, found.end, result.how,
                         result.score, found.found_by)

    def mention(self, found: NameFound, kind: str) -> Mention:
        """What is looked up of a name: 'CWIL' alone, where the document defines it, with the name it stands for."""
        written_out = self.defined.get(found.text) if found.abbreviation is None else None
        if INTERNATIONAL_WORD.search(written_out or found.text):
            kind = "international"
        if written_out:  # its country, as a row of the name written out would have it ('… Front of Ghana')
            country = found.country_code or country_in_name(written_out, self.countries)
            return Mention(found.text, country, found.text, kind, (written_out, *found.variants))
        return Mention(found.text, found.country_code, found.abbreviation, kind, found.variants)

    def sidecar_issuer(self, name: str, document: Document) -> NameMatch:
        result = self.resolver.resolve(Mention(name, kind="other"))
        if result.how == "new" and result.organization_id not in {o.id for o in self.records.new_organizations}:
            self.records.new_organizations.append(self.resolver.organizations[result.organization_id])
            self.note("new organization", f"issued_by {name!r} in the sidecar matches no organization of the registry",
                      document.id)
        how = "sidecar" if result.how == "id" else result.how
        return NameMatch(result.organization_id, name, None, None, None, how, result.score, "editor")

    def link(self, document: Document, found: OrganizationsFound, demanding: frozenset[str] | set[str] = frozenset(),
             editor: EditorRows | None = None) -> None:
        """The rows of one document: the rules' (but those the editors reject, whose numbers stay taken, so that the
        other rows keep their ids) and the editors' (numbered apart: -ge1, -se1, -ae1, -ie1)."""
        editor = editor or EditorRows()
        for written in document.issued_by:
            self.add_issuer(document, self.sidecar_issuer(written, document), "sidecar")
        self.link_signatories(document, found.signatories, editor, "g")
        self.link_signatories(document, editor.signatories, editor, "ge")
        self.link_sections(document, found, editor)
        self.link_addressees(document, found.addressees, editor, "a")
        self.link_addressees(document, editor.addressees, editor, "ae")
        edited = {name.passage_id for name in [*editor.addressees, *(s.name for s in editor.signatories),
                                               *(s.member for s in editor.sections)]}
        for block in found.not_taken:
            if demanding.intersection(block.passage_ids) or edited.intersection(block.passage_ids):
                continue  # its items are demands or principles, or the editors have said what it lists
            self.note("list not taken", f"{block.items} lines shaped like a list that no rule took, from "
                      f"{block.first_item!r}", document.id, block.passage_id)
            self.records.not_taken.append(block)
        self.check_claims(document, found)

    def add_issuer(self, document: Document, name: NameMatch, how: str, row_id: str | None = None) -> None:
        self.issuers += 1
        self.records.issuers.append(IssuerRow(row_id or f"{document.id}-i{self.issuers}", document.id, name, how))

    def link_signatories(self, document: Document, signatories: list[SignatoryFound], editor: EditorRows,
                         prefix: str) -> None:
        """Signatories and participants as g1, g2… (ge1… for the editors'), and issuers named in the text."""
        number = issued = 0
        for signatory in signatories:
            if signatory.role == "issuer":
                issued += 1
                if signatory.name.found_by == "editor":
                    self.add_issuer(document, self.match(signatory.name, "party", document.id), "closing lines",
                                    f"{document.id}-ie{issued}")
                elif editor.rejects(signatory.name.start, signatory.name.end):
                    self.issuers += 1
                else:  # as the text names it, beside the sidecar's row for the same issuer
                    self.add_issuer(document, self.match(signatory.name, "party", document.id), "closing lines")
                continue
            number += 1
            if signatory.name.found_by == "rule" and editor.rejects(signatory.name.start, signatory.name.end):
                continue
            name = self.match(signatory.name, "party", document.id)
            self.records.signatories.append(SignatoryRow(f"{document.id}-{prefix}{number}", document.id, signatory.role,
                                                         signatory.position, name))

    def link_addressees(self, document: Document, addressees: list[NameFound], editor: EditorRows, prefix: str) -> None:
        for number, addressee in enumerate(addressees, 1):
            if addressee.found_by == "rule" and editor.rejects(addressee.start, addressee.end):
                continue
            name = self.match(addressee, "other", document.id)
            self.records.addressees.append(
                AddresseeRow(f"{document.id}-{prefix}{number}", document.id, name, addressee.country_code))

    def link_sections(self, document: Document, found: OrganizationsFound, editor: EditorRows) -> None:
        """Sections and members, each of the international its list names, or else of the one the context gives: one
        row for each time the document names one (with its passage); then the editors' (se1, se2…)."""
        context: list[str | None] = []
        rows = [(f"s{n}", section) for n, section in enumerate(found.sections, 1)]
        rows += [(f"se{n}", section) for n, section in enumerate(editor.sections, 1)]
        for suffix, section in rows:
            if section.member.found_by == "rule" and editor.rejects(section.member.start, section.member.end):
                continue
            international_id = self.international_for(document, found, section, context)
            member = self.match(section.member, "party", document.id)
            if international_id == member.organization_id or member.organization_id is None:
                continue
            country = section.member.country_code or self.resolver.entry(member.organization_id).country_code
            self.records.sections.append(SectionRow(
                f"{document.id}-{suffix}", document.id, international_id, section.status, country, member,
                section.international.text if section.international else None,
            ))

    def international_for(self, document: Document, found: OrganizationsFound, section: SectionFound,
                          context: list[str | None]) -> str | None:
        """The international of a section: the one its list names, the one an editor gives (an id or a name), or the
        one the document's context gives (worked out once, kept in `context`)."""
        if section.international:
            return self.match(section.international, "international", document.id).organization_id
        if section.international_given:
            return self.resolver.resolve(Mention(section.international_given, kind="international")).organization_id
        if not context:
            context.append(self.international_of(document, found))
        return context[0]

    def international_of(self, document: Document, found: OrganizationsFound) -> str | None:
        """For a list that names no international: the international that issued the document, else the one its
        title or headings name."""
        for issuer in self.records.issuers:
            organization_id = issuer.name.organization_id
            if issuer.document_id == document.id and organization_id and \
                    self.resolver.entry(organization_id).kind == "international":
                return organization_id
        for named in found.internationals:
            match = self.match(named, "international", document.id)
            if match.organization_id and self.resolver.entry(match.organization_id).kind == "international":
                return match.organization_id
        return None

    def check_claims(self, document: Document, found: OrganizationsFound) -> None:
        """Compare what a text says about its number of countries with the sections it lists."""
        listed = [s for s in self.records.sections if s.document_id == document.id and s.status != "member"]
        if not listed:
            return
        for status, number, passage in found.claims:
            rows = [s for s in listed if status is None or s.status == status]
            if status is not None and not rows:
                continue
            countries = {s.country_code for s in rows}
            if len(countries) != number:
                what = f"{status} sections" if status else "sections"
                self.note("count contradiction",
                          f"the text says {what} in {number} countries; its lists give {len(rows)} {what} "
                          f"in {len(countries)} countries", document.id, passage.id)


def resolve_source(extracted: Extracted, registries: Registries, themed: list[Themed] | None = None) -> SourceRecords:
    """Everything the build writes of one source: its documents, passages, and rows linked to organizations.
    `themed`: the themes and countries of its demands, as an earlier build of the same source and themes gave them."""
    records = SourceRecords(source=extracted.source, documents=[found.document for found in extracted.documents])
    linker = Linker(records, registries.resolver.fork(), registries.countries)
    numbered = [numbered_demands(found) for found in extracted.documents]
    if themed is None or len(themed) != sum(map(len, numbered)):
        themed = theme_all(extracted, numbered, registries)
    at = 0
    for found, entries in zip(extracted.documents, numbered, strict=True):
        records.passages.extend(found.passages)
        demands = demand_rows(found.document, entries, themed[at:at + len(entries)])
        at += len(entries)
        linker.defined = defined_abbreviations(found.passages)
        linker.link(found.document, found.organizations, {demand.passage_id for demand in demands}, found.editor)
        found.editor.check_used(extracted.source.sidecar_path)
        records.demands.extend(demands)
    records.country_mentions = list(extracted.country_mentions)
    for demand in records.demands:
        if not demand.themes:
            linker.note("demand without theme", f"no cue of raw/themes.yml in {demand.text[:80]!r}", demand.document_id,
                        demand.passage_id)
    records.review = review_items(records, registries.shapes)
    records.looked_up = list(dict.fromkeys(mention.fields() for mention in linker.resolver.asked))
    return records


def themes_of_demands(records: SourceRecords) -> list[Themed]:
    """What resolve_source() may be given of the same source and themes, to skip theming its demands again."""
    return [(demand.themes, demand.countries) for demand in records.demands]


Numbered = tuple[str, int, DemandFound]  # the row's id, its position, the demand


def numbered_demands(found: DocumentFound) -> list[Numbered]:
    """The demands of a document: the rules' (numbered d1, d2… in reading order, a rejected one keeping its number)
    and the editors' (de1, de2…)."""
    document, editor = found.document, found.editor
    numbered = [(f"{document.id}-d{n}", n, demand) for n, demand in enumerate(found.demands, 1)]
    rule_count = len(numbered)
    numbered = [entry for entry in numbered if not editor.rejects(entry[2].start, entry[2].end)]
    return numbered + [(f"{document.id}-de{n}", rule_count + n, demand) for n, demand in enumerate(editor.demands, 1)]


def theme_all(extracted: Extracted, numbered: list[list[Numbered]], registries: Registries) -> list[Themed]:
    found_themes = []
    for found, entries in zip(extracted.documents, numbered, strict=True):
        by_id = {passage.id: passage for passage in found.passages}
        found_themes += [themes_and_countries(demand.text, by_id[demand.passage_id].text, registries.themes,
                                              registries.countries) for _, _, demand in entries]
    return found_themes


def demand_rows(document: Document, numbered: list[Numbered], found_themes: list[Themed]) -> list[DemandRow]:
    return [DemandRow(row_id, document.id, demand.passage_id, demand.kind, demand.text, demand.start, demand.end,
                      number, themes, countries, demand.found_by)
            for (row_id, number, demand), (themes, countries) in zip(numbered, found_themes, strict=True)]
