"""Resolve stage: names as written to organizations, one organization one row.

A name is matched, in order, exactly (after normalizing case, accents,
punctuation and quotes) to a registry name or alias, to an abbreviation, and
then fuzzily (rapidfuzz ratio at or above FUZZY_THRESHOLD, measured by
bench/fuzzy_threshold.py). A country known from the context must agree, which
tells same-named organizations of different countries apart. A name nothing
matches becomes a new organization, flagged as not curated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .normalize import fold, name_key, slugify
from .registry import Organization

FUZZY_THRESHOLD = 90.0
PARENTHESES = re.compile(r"\s*\(([^()]*)\)")


@dataclass(frozen=True)
class Match:
    organization_id: str
    how: str  # id, exact, alias, abbreviation, fuzzy, new
    score: float | None = None


@dataclass(frozen=True)
class Mention:
    """An organization's name as written, with what its context says about it."""

    text: str
    country_code: str | None = None
    abbreviation: str | None = None
    kind: str = "other"  # the kind a new organization gets
    variants: tuple[str, ...] = ()  # other renderings to try, e.g. the name without "of <Country>"


def split_parentheticals(text: str) -> tuple[str, list[str]]:
    """'Partido Obrero (Workers Party)' -> ('Partido Obrero', ['Workers Party'])."""
    inner = [part.strip() for part in PARENTHESES.findall(text) if part.strip()]
    return PARENTHESES.sub("", text).strip(" -–,"), inner


def looks_like_abbreviation(text: str) -> bool:
    return (bool(re.fullmatch(r"[A-Z][A-Za-z]*(?:[-/.’'][A-Za-z]+)*", text)) and sum(c.isupper() for c in text) >= 2
            and len(text) <= 12)


@dataclass
class Resolver:
    registry: list[Organization]
    threshold: float = FUZZY_THRESHOLD
    organizations: dict[str, Organization] = field(default_factory=dict)
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key -> [(organization id, how)]
    abbreviations: dict[str, list[str]] = field(default_factory=dict)
    created: dict[str, Organization] = field(default_factory=dict)
    keys: list[str] | None = field(default=None, repr=False, compare=False)  # the names' keys, for fuzzy matching

    def __post_init__(self) -> None:
        for organization in self.registry:
            self.add(organization)
        self.keys = list(self.names)

    def fork(self) -> Resolver:
        """A resolver with the same registry and nothing created yet, without indexing the registry again.

        The name indexes are shared: they are only written by add(), while indexing the registry.
        """
        twin = object.__new__(Resolver)
        twin.registry, twin.threshold = self.registry, self.threshold
        twin.organizations = {o.id: o for o in self.organizations.values() if o.id not in self.created}
        twin.names, twin.abbreviations, twin.created = self.names, self.abbreviations, {}
        twin.keys = self.keys
        return twin

    def add(self, organization: Organization) -> None:
        self.keys = None
        self.organizations[organization.id] = organization
        self._index(organization.name, organization.id, "exact")
        if organization.name_original:
            self._index(organization.name_original, organization.id, "exact")
        for alias in organization.aliases:
            self._index(alias, organization.id, "alias")
        for abbreviation in organization.abbreviations:
            self.abbreviations.setdefault(fold(abbreviation), []).append(organization.id)

    def _index(self, name: str, organization_id: str, how: str) -> None:
        entries = self.names.setdefault(name_key(name), [])
        if all(existing != organization_id for existing, _ in entries):
            entries.append((organization_id, how))

    def _agreeing(self, ids: list[str], country: str | None) -> list[str]:
        if country is None:
            return list(dict.fromkeys(ids))
        return list(dict.fromkeys(i for i in ids if self.organizations[i].country_code in (country, None)))

    def resolve(self, mention: Mention) -> Match:
        """The organization a name as written stands for, and how it was matched."""
        core, inner = split_parentheticals(mention.text)
        abbreviations = [mention.abbreviation] if mention.abbreviation else []
        abbreviations += [part for part in inner if looks_like_abbreviation(part)]
        variants = [mention.text, core, *mention.variants] + [part for part in inner if part not in abbreviations]
        variants += [split_parentheticals(v)[0] for v in mention.variants]
        if mention.text in self.organizations:
            return Match(mention.text, "id")
        for variant in variants:
            entries = self.names.get(name_key(variant), [])
            ids = self._agreeing([i for i, _ in entries], mention.country_code)
            if len(ids) == 1:
                how = dict(entries)[ids[0]]
                return Match(ids[0], how)
        for abbreviation in abbreviations + ([core] if looks_like_abbreviation(core) else []):
            ids = self._agreeing(self.abbreviations.get(fold(abbreviation), []), mention.country_code)
            if len(ids) == 1:
                return Match(ids[0], "abbreviation")
        best = self._fuzzy([v for v in variants if len(v) >= 8], mention.country_code)
        if best:
            return best
        return self._create(core or mention.text, mention)

    def _fuzzy(self, variants: list[str], country: str | None) -> Match | None:
        if self.keys is None:
            self.keys = list(self.names)
        keys = self.keys
        scored: dict[str, float] = {}
        for variant in variants:
            close = process.extract(name_key(variant), keys, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=10)
            for key, score, _ in close:
                for organization_id in self._agreeing([i for i, _ in self.names[key]], country):
                    scored[organization_id] = max(score, scored.get(organization_id, 0.0))
        if not scored:
            return None
        ranked = sorted(scored.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None  # two organizations as close as each other: no guess
        return Match(ranked[0][0], "fuzzy", round(ranked[0][1], 1))

    def _create(self, name: str, mention: Mention) -> Match:
        base = slugify(name) + (f"-{mention.country_code.lower()}" if mention.country_code else "")
        organization_id = base if base not in self.organizations or base in self.created else f"{base}-new"
        if organization_id not in self.organizations:
            organization = Organization(
                id=organization_id, name=name, kind=mention.kind, country_code=mention.country_code, curated=False,
                abbreviations=tuple(a for a in [mention.abbreviation] if a),
            )
            self.created[organization_id] = organization
            self.organizations[organization_id] = organization  # not matched against: ids stay independent of build order
        return Match(organization_id, "new")
