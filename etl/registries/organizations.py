"""The organization registry, raw/organizations.yml: which names are the same organization."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

from ..common.errors import BuildError
from ..read.sidecar import Slug
from .file import line_in, read_entries

Kind = Literal["international", "party", "union", "student", "youth", "network", "other"]
KINDS: tuple[str, ...] = get_args(Kind)
WIKIDATA_ITEM = re.compile(r"^Q[1-9][0-9]*$")


def check_wikidata(value: str) -> str:
    if not WIKIDATA_ITEM.match(value):
        raise ValueError(f"{value!r} is not a Wikidata item id (Q and a number, as Q42)")
    return value


def check_partyfacts(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{value!r} is not a Party Facts id (a whole number from 1)")
    return value


WikidataId = Annotated[str, AfterValidator(check_wikidata)]
PartyFactsId = Annotated[int, BeforeValidator(check_partyfacts)]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    name: str
    name_original: str | None = None
    abbreviations: list[str] = []
    kind: Kind
    country: str | None = None
    aliases: list[str] = []
    evidence: list[str] = []
    note: str | None = None
    wikidata: WikidataId | None = None
    partyfacts: PartyFactsId | None = None


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    kind: str
    country_code: str | None
    curated: bool
    name_original: str | None = None
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None
    evidence: tuple[str, ...] = ()
    wikidata: str | None = None  # its Wikidata item (Q-id)
    partyfacts: int | None = None  # its Party Facts id

    @property
    def abbreviation(self) -> str | None:
        return self.abbreviations[0] if self.abbreviations else None


def load_registry(raw: Path, country_codes: set[str]) -> list[Organization]:
    """The curated organizations, validated: unique slug ids, known kinds, ISO country codes, Wikidata and Party Facts ids
    in their forms."""
    path = raw / "organizations.yml"
    organizations = []
    for index, (entry, node) in enumerate(read_entries(path, Entry, "organizations")):
        if entry.country is not None and entry.country not in country_codes:
            raise BuildError(path, f"{entry.country!r} is not an ISO 3166-1 alpha-2 code", line=line_in(node, "country"),
                             field=f"[{index}].country")
        organizations.append(Organization(
            id=entry.id, name=entry.name, kind=entry.kind, country_code=entry.country, curated=True,
            name_original=entry.name_original, abbreviations=tuple(entry.abbreviations), aliases=tuple(entry.aliases),
            note=entry.note, evidence=tuple(entry.evidence), wikidata=entry.wikidata, partyfacts=entry.partyfacts,
        ))
    return organizations
