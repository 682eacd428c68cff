"""What the editors keep in raw/ beside the sources, loaded once per build: countries, organizations, themes, naming."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..registries.countries import CountryIndex, load_countries
from ..registries.naming import Naming, load_naming
from ..registries.organizations import Organization, load_registry
from ..registries.themes import Theme, load_themes
from .names import Resolver
from .review import NameShapes

EXTRACTION_REGISTRIES = ("countries.yml", "naming.yml")  # the registries the extract stage reads; the others resolve


@dataclass
class Registries:
    countries: CountryIndex
    organizations: list[Organization]
    themes: list[Theme]
    naming: Naming = field(default_factory=Naming)
    resolver: Resolver = field(init=False)  # the registry indexed once; each source resolves with a fork of it
    shapes: NameShapes = field(init=False)  # which names read unlike an organization's, for the review queue

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.organizations, naming=self.naming)
        self.shapes = NameShapes(self.countries, self.naming)


def load_registries(raw: Path) -> Registries:
    countries = load_countries(raw)
    return Registries(countries, load_registry(raw, set(countries.countries)), load_themes(raw), load_naming(raw))
