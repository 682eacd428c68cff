"""Resolve stage, for one source: the names extraction found become rows linked to organizations."""
from __future__ import annotations

from dataclasses import dataclass, field

from .countries import CountryIndex
from .extract_orgs import NameFound, OrganizationsFound
from .records import AddresseeRow, Document, IssuerRow, NameMatch, QualityNote, SectionRow, SignatoryRow, SourceRecords
from .resolve import Mention, Resolver


@dataclass
class Linker:
    """Resolves the names of one source, and notes what an editor should look at."""

    records: SourceRecords
    resolver: Resolver
    countries: CountryIndex
    fuzzy_noted: set = field(default_factory=set)

    def note(self, kind: str, text: str, document_id: str | None = None, passage_id: str | None = None) -> None:
        number = len(self.records.notes) + 1
        self.records.notes.append(QualityNote(f"{self.records.source.id}-q{number}", self.records.source.id,
                                              document_id, passage_id, kind, text))

    def match(self, found: NameFound, kind: str, document_id: str) -> NameMatch:
        before = set(self.resolver.created)
        result = self.resolver.resolve(Mention(found.text, found.country_code, found.abbreviation, kind, found.variants))
        organization = self.resolver.organizations[result.organization_id]
        if result.how == "new" and result.organization_id not in before:
            self.records.new_organizations.append(organization)
            self.note("new organization", f"{found.text!r} matches no organization of the registry: "
                      f"added as {result.organization_id!r}, not curated", document_id, found.passage_id)
        elif result.how == "fuzzy" and (found.text, result.organization_id) not in self.fuzzy_noted:
            self.fuzzy_noted.add((found.text, result.organization_id))
            self.note("fuzzy match", f"{found.text!r} taken for {organization.name!r} ({result.organization_id}), "
                      f"similarity {result.score}", document_id, found.passage_id)
        return NameMatch(result.organization_id, found.text, found.passage_id, found.start, found.end, result.how, result.score)

    def sidecar_issuer(self, name: str, document: Document) -> NameMatch:
        result = self.resolver.resolve(Mention(name, kind="other"))
        if result.how == "new" and result.organization_id not in {o.id for o in self.records.new_organizations}:
            self.records.new_organizations.append(self.resolver.organizations[result.organization_id])
            self.note("new organization", f"issued_by {name!r} in the sidecar matches no organization of the registry",
                      document.id)
        how = "sidecar" if result.how == "id" else result.how
        return NameMatch(result.organization_id, name, None, None, None, how, result.score)

    def link(self, document: Document, found: OrganizationsFound) -> None:
        records = self.records
        for written in document.issued_by:
            records.issuers.append(IssuerRow(document.id, self.sidecar_issuer(written, document), "sidecar"))
        seen_sections: set[tuple[str | None, str]] = set()
        international_id = self.international_of(document)
        for section in found.sections:
            if section.international:
                international_id = self.match(section.international, "international", document.id).organization_id
            member = self.match(section.member, "party", document.id)
            key = (international_id, member.organization_id)
            if key in seen_sections or key[0] == key[1]:
                continue
            seen_sections.add(key)
            records.sections.append(SectionRow(
                f"{document.id}-s{len(seen_sections)}", document.id, international_id, section.status,
                section.member.country_code or self.resolver.organizations[member.organization_id].country_code,
                member, section.international.text if section.international else None,
            ))
        issuers = {i.name.organization_id for i in records.issuers if i.document_id == document.id}
        for signatory in found.signatories:
            name = self.match(signatory.name, "party", document.id)
            if signatory.role == "issuer":
                if name.organization_id not in issuers:
                    records.issuers.append(IssuerRow(document.id, name, "closing lines"))
                    issuers.add(name.organization_id)
                continue
            number = sum(1 for s in records.signatories if s.document_id == document.id) + 1
            records.signatories.append(
                SignatoryRow(f"{document.id}-g{number}", document.id, signatory.role, signatory.position, name))
        for number, addressee in enumerate(found.addressees, 1):
            name = self.match(addressee, "other", document.id)
            records.addressees.append(AddresseeRow(f"{document.id}-a{number}", document.id, name))
        self.check_claims(document, found)

    def international_of(self, document: Document) -> str | None:
        """For a list whose heading names no international: the international that issued the document, if one did."""
        for issuer in self.records.issuers:
            kind = self.resolver.organizations[issuer.name.organization_id].kind
            if issuer.document_id == document.id and kind == "international":
                return issuer.name.organization_id
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
