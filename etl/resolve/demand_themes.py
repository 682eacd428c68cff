"""Resolve stage: the themes of a demand (from its own words, else from its passage's) and the countries it names.

What it gives depends only on the two texts, raw/themes.yml and raw/countries.yml, so a build keeps it between builds
beside what extraction found (etl/pipeline/stage_cache.py): an edit to the organization registry does not theme every demand
again."""
from __future__ import annotations

from ..registries.countries import CountryIndex
from ..registries.themes import Theme, themes_of

Themed = tuple[tuple[tuple[str, str, str], ...], tuple[tuple[str, str], ...]]  # DemandRow's themes and countries


def themes_and_countries(text: str, passage_text: str, themes: list[Theme], countries: CountryIndex) -> Themed:
    """(theme id, cue, "own words" or "passage") of each theme, and (country code, name as written) of each country."""
    found = [(theme, cue, "own words") for theme, cue in themes_of(text, themes)]
    if not found:
        found = [(theme, cue, "passage") for theme, cue in themes_of(passage_text, themes)]
    named: dict[str, str] = {}
    for code, start, end in countries.mentions(text):
        named.setdefault(code, text[start:end])
    return tuple(found), tuple(named.items())
