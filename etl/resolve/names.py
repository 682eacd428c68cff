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

from ..common.normalize import fold, looks_like_abbreviation, name_key, slugify
from ..registries.naming import Naming
from ..registries.organizations import Organization

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


def distinguishing_only(text: str, naming: Naming) -> bool:
    """Whether a parenthesis holds only words that tell parties apart: (Marxist), (Marxist-Leninist), (M-L)."""
    words = name_key(naming.expand(text)).split()
    return bool(words) and all(word in naming.distinguishing for word in words)


def split_parentheticals(text: str, naming: Naming | None = None) -> tuple[str, list[str]]:
    """'Partido Obrero (Workers Party)' -> ('Partido Obrero', ['Workers Party']); a parenthesis of distinguishing
    words stays in the name: 'Communist Party of India (Marxist)' -> ('Communist Party of India (Marxist)', [])."""
    def kept(part: str) -> bool:
        return bool(naming and distinguishing_only(part, naming))

    inner = [part.strip() for part in PARENTHESES.findall(text) if part.strip() and not kept(part)]
    core = PARENTHESES.sub(lambda m: m.group() if kept(m.group(1)) else "", text)
    return core.strip(" -–,"), inner


@dataclass(frozen=True)
class RegistryIndex:
    """The registry's organizations by id, by the keys of their names and by their abbreviations: made once per
    build, read by the resolver of every source and written by none."""

    organizations: dict[str, Organization]
    names: dict[str, list[tuple[str, str]]]  # key -> [(organization id, how)]
    abbreviations: dict[str, list[str]]
    keys: list[str]  # the names' keys, for fuzzy matching

    @classmethod
    def of(cls, registry: list[Organization]) -> RegistryIndex:
        organizations: dict[str, Organization] = {}
        names: dict[str, list[tuple[str, str]]] = {}
        abbreviations: dict[str, list[str]] = {}

        def index(name: str, organization_id: str, how: str) -> None:
            entries = names.setdefault(name_key(name), [])
            if all(existing != organization_id for existing, _ in entries):
                entries.append((organization_id, how))

        for organization in registry:
            organizations[organization.id] = organization
            index(organization.name, organization.id, "exact")
            if organization.name_original:
                index(organization.name_original, organization.id, "exact")
            for alias in organization.aliases:
                index(alias, organization.id, "alias")
            for abbreviation in organization.abbreviations:
                abbreviations.setdefault(fold(abbreviation), []).append(organization.id)
        return cls(organizations, names, abbreviations, list(names))


@dataclass
class Resolver:
    """Resolves the names of one source against the registry's index; the organizations it creates (not curated)
    are its own."""

    registry: list[Organization] | RegistryIndex
    threshold: float = FUZZY_THRESHOLD
    naming: Naming = field(default_factory=Naming)
    index: RegistryIndex = field(init=False)
    organizations: dict[str, Organization] = field(init=False)  # the registry's and those created here
    created: dict[str, Organization] = field(default_factory=dict)
    # what the index gives each mention (None: nothing), the same in every source: shared by the forks
    matched: dict[Mention, Match | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = self.registry if isinstance(self.registry, RegistryIndex) else RegistryIndex.of(self.registry)
        self.organizations = dict(self.index.organizations)

    @property
    def names(self) -> dict[str, list[tuple[str, str]]]:
        return self.index.names

    @property
    def abbreviations(self) -> dict[str, list[str]]:
        return self.index.abbreviations

    def fork(self) -> Resolver:
        """A resolver of the same index with nothing created yet."""
        return Resolver(self.index, self.threshold, self.naming, matched=self.matched)

    def _agreeing(self, ids: list[str], country: str | None) -> list[str]:
        if country is None:
            return list(dict.fromkeys(ids))
        return list(dict.fromkeys(i for i in ids if self.index.organizations[i].country_code in (country, None)))

    def resolve(self, mention: Mention) -> Match:
        """The organization a name as written stands for, and how it was matched."""
        if mention.text in self.created:
            return Match(mention.text, "id")
        if mention not in self.matched:
            self.matched[mention] = self._in_index(mention)
        match = self.matched[mention]
        if match is None:
            core = split_parentheticals(mention.text, self.naming)[0]
            return self._create(self.naming.expand(core or mention.text), mention)
        return match

    def _in_index(self, mention: Mention) -> Match | None:
        """The registry's organization a mention stands for (None when there is none): depends on the index only."""
        core, inner = split_parentheticals(mention.text, self.naming)
        abbreviations = [mention.abbreviation] if mention.abbreviation else []
        abbreviations += [part for part in inner if looks_like_abbreviation(part)]
        variants = [mention.text, core, *mention.variants] + [part for part in inner if part not in abbreviations]
        variants += [split_parentheticals(v, self.naming)[0] for v in mention.variants]
        if mention.text in self.index.organizations:
            return Match(mention.text, "id")
        expanded = [self.naming.expand(v) for v in variants if self.naming.abbreviated(v)]
        for variant in variants + expanded:
            entries = self.names.get(name_key(variant), [])
            ids = self._agreeing([i for i, _ in entries], mention.country_code)
            if len(ids) == 1:
                how = dict(entries)[ids[0]] if variant not in expanded or variant in variants else "expanded"
                return Match(ids[0], how)
        for abbreviation in abbreviations + ([core] if looks_like_abbreviation(core) else []):
            ids = self._agreeing(self.abbreviations.get(fold(abbreviation), []), mention.country_code)
            if len(ids) == 1:
                return Match(ids[0], "abbreviation")
        return self._fuzzy([v for v in variants + expanded if len(v) >= 8], mention.country_code)

    def _fuzzy(self, variants: list[str], country: str | None) -> Match | None:
        keys = self.index.keys
        scored: dict[str, float] = {}
        for variant in variants:
            close = process.extract(name_key(variant), keys, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=10)
            for key, score, _ in close:
                if not self.same_distinguishing_words(variant, key):
                    continue  # "New X" is not a misspelling of "X", nor "X in Y" of "X of Y"
                for organization_id in self._agreeing([i for i, _ in self.names[key]], country):
                    scored[organization_id] = max(score, scored.get(organization_id, 0.0))
        if not scored:
            return None
        ranked = sorted(scored.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None  # two organizations as close as each other: no guess
        return Match(ranked[0][0], "fuzzy", round(ranked[0][1], 1))

    def distinguishing(self, text: str) -> bool:
        return distinguishing_only(text, self.naming)

    def same_distinguishing_words(self, a: str, b: str) -> bool:
        """Whether two names have the same distinguishing words, allowing a misspelling of one (Marxist ~ Marxsit)."""
        words_a, words_b = set(name_key(a).split()), set(name_key(b).split())
        for word in self.naming.distinguishing_words(a) ^ self.naming.distinguishing_words(b):
            other = words_b if word in words_a else words_a
            if not any(fuzz.ratio(word, candidate) >= 80 and candidate not in self.naming.distinguishing
                       for candidate in other):
                return False
        return True

    def _create(self, name: str, mention: Mention) -> Match:
        """A new organization, not curated, its id made of its name written out ('CP of Greece' is
        'communist-party-of-greece-gr', like 'Communist Party of Greece') and its country."""
        abbreviation = mention.abbreviation if mention.abbreviation and not self.distinguishing(mention.abbreviation) else None
        base = slugify(name) + (f"-{mention.country_code.lower()}" if mention.country_code else "")
        organization_id = base if base not in self.organizations or base in self.created else f"{base}-new"
        if organization_id not in self.organizations:
            organization = Organization(
                id=organization_id, name=name, kind=mention.kind, country_code=mention.country_code, curated=False,
                abbreviations=tuple(a for a in [abbreviation] if a),
            )
            self.created[organization_id] = organization
            self.organizations[organization_id] = organization  # not matched against: ids stay independent of build order
        return Match(organization_id, "new")
