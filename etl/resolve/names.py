"""Resolve stage: names as written to organizations, one organization one row.

A name is matched, in order, exactly (after normalizing case, accents,
punctuation and quotes) to a registry name or alias, to an abbreviation, and
then fuzzily (rapidfuzz ratio at or above FUZZY_THRESHOLD, measured by
bench/fuzzy_threshold.py). A country known from the context must agree, which
tells same-named organizations of different countries apart. A name nothing
matches becomes a new organization, flagged as not curated.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

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


class Entry(NamedTuple):
    """What a source's rows take of an organization it names: Resolver.entry()."""

    name: str
    kind: str
    country_code: str | None


@dataclass(frozen=True)
class Mention:
    """An organization's name as written, with what its context says about it."""

    text: str
    country_code: str | None = None
    abbreviation: str | None = None
    kind: str = "other"  # the kind a new organization gets
    variants: tuple[str, ...] = ()  # other renderings to try, e.g. the name without "of <Country>"

    def fields(self) -> tuple:
        """Its fields as plain values, in order: Mention(*fields) makes it again."""
        return self.text, self.country_code, self.abbreviation, self.kind, self.variants


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
    answers: dict[tuple, str] = field(default_factory=dict)  # answer() of each mention's fields: shared too
    asked: list[Mention] = field(default_factory=list)  # the mentions looked up in the index, in order: this fork's

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
        return Resolver(self.index, self.threshold, self.naming, matched=self.matched, answers=self.answers)

    def _agreeing(self, ids: list[str], country: str | None) -> list[str]:
        if country is None:
            return list(dict.fromkeys(ids))
        return list(dict.fromkeys(i for i in ids if self.index.organizations[i].country_code in (country, None)))

    def resolve(self, mention: Mention) -> Match:
        """The organization a name as written stands for, and how it was matched."""
        if mention.text in self.created:
            return Match(mention.text, "id")
        self.asked.append(mention)
        match = self._matched(mention)
        return self._create(mention) if match is None else match

    def _matched(self, mention: Mention) -> Match | None:
        if mention not in self.matched:
            self.matched[mention] = self._in_index(mention)
        return self.matched[mention]

    def answer(self, fields: tuple) -> str:
        """All that resolving a mention (by its fields()) reads of the registry: the organization it matches and what
        rows take of it, or else whether the registry has the ids a new organization would take. A registry edit that
        changes the answer of no mention of a source changes none of its rows."""
        if fields not in self.answers:
            mention = Mention(*fields)
            match = self._matched(mention)
            if match is not None:
                answer: tuple = (match.organization_id, match.how, match.score, tuple(self.entry(match.organization_id)))
            else:  # the ids a new organization would take, and the registry's entry under the second if it has one
                base = self._new_id_base(self._new_name(mention), mention)
                answer = (None, base, base in self.index.organizations, repr(self.index.organizations.get(f"{base}-new")))
            self.answers[fields] = repr(answer)
        return self.answers[fields]

    def entry(self, organization_id: str) -> Entry:
        """What the rows of a source take of an organization it names, the registry's or one created here: all that
        resolving reads of it, so that answer() tells which registry edits change a source's rows."""
        organization = self.organizations[organization_id]
        return Entry(organization.name, organization.kind, organization.country_code)

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

    def _new_name(self, mention: Mention) -> str:
        """The name of the organization a mention nothing matches becomes: without its parentheses, written out."""
        if mention.abbreviation == mention.text and mention.variants:  # "CWIL", which the document writes out
            return self.naming.expand(mention.variants[0])
        core = split_parentheticals(mention.text, self.naming)[0]
        return self.naming.expand(core or mention.text)

    @staticmethod
    def _new_id_base(name: str, mention: Mention) -> str:
        return slugify(name) + (f"-{mention.country_code.lower()}" if mention.country_code else "")

    def _create(self, mention: Mention) -> Match:
        """A new organization, not curated, its id made of its name written out ('CP of Greece' is
        'communist-party-of-greece-gr', like 'Communist Party of Greece') and its country."""
        name = self._new_name(mention)
        abbreviation = mention.abbreviation if mention.abbreviation and not self.distinguishing(mention.abbreviation) else None
        base = self._new_id_base(name, mention)
        organization_id = base if base not in self.organizations or base in self.created else f"{base}-new"
        if organization_id not in self.organizations:
            organization = Organization(
                id=organization_id, name=name, kind=mention.kind, country_code=mention.country_code, curated=False,
                abbreviations=tuple(a for a in [abbreviation] if a),
            )
            self.created[organization_id] = organization
            self.organizations[organization_id] = organization  # not matched against: ids stay independent of build order
        return Match(organization_id, "new")


def answers_digest(resolver: Resolver, mentions: Iterable[tuple]) -> str:
    """One hash of the registry's answers to these mentions (their fields()): under two registries that give it alike,
    a source whose names these are resolves to the same rows."""
    return hashlib.sha256("\n".join(resolver.answer(fields) for fields in mentions).encode()).hexdigest()
