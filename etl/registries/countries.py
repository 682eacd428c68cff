"""Countries: ISO codes and names from pycountry, region, coordinates and other names from countryinfo,
and the editors' aliases, demonyms and former states from raw/countries.yml; finding country names in text."""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import countryinfo
import pycountry
import yaml

from ..common.errors import BuildError
from ..common.normalize import alternation, fold
from ..common.yaml_input import parse_yaml
from ..read.sidecar import line_of

POINTS_OF_COMPASS = {"north", "south", "east", "west", "centre", "center", "central", "nord", "sud", "est", "ouest",
                     "norte", "sur", "este", "oeste", "centro", "norden", "suden", "osten", "westen", "mitte"}
REGIONS_JOINED = re.compile(r"\s+(?:and|&|y|e|et|und)\s+|\s*,\s*")  # between the regions of a heading, folded


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    official_name: str | None
    region: str | None
    subregion: str | None
    latitude: float | None
    longitude: float | None
    former_code: str | None = None  # a state that no longer exists: its ISO 3166-3 code (SUHH); its code is the one it had


@dataclass(frozen=True)
class CountryName:
    code: str
    name: str
    how: str  # iso name, official name, common name, other spelling, native name, translation, alias, demonym


@dataclass
class CountryIndex:
    countries: dict[str, Country]
    names: list[CountryName]
    by_folded: dict[str, str] = field(default_factory=dict)  # folded name -> code (unambiguous names only)
    pattern: re.Pattern | None = None
    regions: dict[str, str] = field(default_factory=dict)  # folded name of a state's first-level region -> its code
    world_regions: set[str] = field(default_factory=set)  # folded names of regions of the world the editors add

    def place_code(self, name: str) -> str | None:
        """The ISO code of a place written apart from a name: a country (as code_for), or a region of one state
        (Scotland, Québec, Bayern), which counts as its state."""
        name = re.sub(r"^(?:the|la|el|le)\s+", "", " ".join(name.split()).strip(".,;:*"), flags=re.IGNORECASE)
        if not name or len(name) > 60:
            return None
        if re.search(r"\w- ", name):  # "Bel-" / "gique": a place hyphenated at a line's end
            joined = re.sub(r"(?<=\w)-\s+(?=\w)", "-", name)
            return self.place_code(joined) or self.place_code(joined.replace("-", ""))
        if "/" in name:  # "Aotearoa/New Zealand": one place under two names
            codes = {self.place_code(part) for part in name.split("/")}
            return codes.pop() if len(codes) == 1 else None
        found = self.code_for(name) or self.regions.get(fold(name))
        if found is None and name.count(",") == 1:  # "Québec, Canada": a region, then its state
            region, state = (part.strip() for part in name.split(","))
            state_code = self.code_for(state)
            found = state_code if state_code and self.regions.get(fold(region)) == state_code else None
        return found

    def is_world_region(self, name: str) -> bool:
        """Whether a name is one of the world's regions the countries are grouped in (Europe, South America, Western
        Asia), written alone or as the first or last word of a longer one ("Latin America")."""
        folded = _compass(fold(re.sub(r"^\s*(?:\d+\.|[IVX]+\.)?\s*", "", name).strip(" .:")))
        parts = REGIONS_JOINED.split(folded)
        if len(parts) > 1 and all(part and self.is_world_region(part) for part in parts):
            return True  # "Africa and the Middle East"
        folded = folded.removeprefix("the ")
        regions = self.region_names
        return folded in regions or any(word in regions for word in (folded.split()[:1] + folded.split()[-1:])) \
            or " " in folded and any(region.startswith(folded + " ") for region in regions)  # "Latin America (and …)"

    @cached_property
    def region_names(self) -> set[str]:
        """The folded names of the regions and subregions the countries are grouped in, and the editors' regions."""
        return {_compass(fold(value)) for country in self.countries.values()
                for value in (country.region, country.subregion) if value} | self.world_regions

    def code_for(self, name: str) -> str | None:
        """The ISO code of a country name as written (any known name, alias or ISO code), or None."""
        name = name.strip().strip(".,;:")
        if len(name) == 2 and name.isupper() and name in self.countries:
            return name
        return self.by_folded.get(fold(name)) or self.by_folded.get(fold(name.rstrip(".") + "."))

    def mentions(self, text: str) -> list[tuple[str, int, int]]:
        """(code, start, end) of every country name or demonym written in text."""
        if self.pattern is None:
            return []
        matches = self.pattern.finditer(text)
        found = []
        for match in matches:
            code = self.code_for(match.group(1))
            if code:
                found.append((code, match.start(1), match.end(1)))
        return found


def _library_names() -> tuple[dict[str, Country], list[CountryName]]:
    """Every ISO country of pycountry with countryinfo's facts about it, and all the names both know it by."""
    infos: dict[str, dict] = {}
    for entry in countryinfo.all_countries():
        info: dict = dict(entry.info())
        code = (info.get("ISO") or {}).get("alpha2")
        if code:
            infos[code] = info
    countries, names = {}, []
    for record in pycountry.countries:
        info = infos.get(record.alpha_2, {})
        countries[record.alpha_2] = _country(record, info)
        names += _names(record, info)
    return countries, names


def _country(record, info: dict) -> Country:
    latlng = info.get("latlng") or []
    return Country(
        code=record.alpha_2, name=getattr(record, "common_name", None) or record.name,
        official_name=getattr(record, "official_name", None), region=info.get("region") or None,
        subregion=info.get("subregion") or None, latitude=latlng[0] if latlng else None,
        longitude=latlng[1] if len(latlng) > 1 else None,
    )


def _names(record, info: dict) -> list[CountryName]:
    code = record.alpha_2
    names = [CountryName(code, record.name, "iso name")]
    for attribute, how in (("official_name", "official name"), ("common_name", "common name")):
        if getattr(record, attribute, None):
            names.append(CountryName(code, getattr(record, attribute), how))
    if info.get("name"):
        names.append(CountryName(code, info["name"], "other spelling"))
    for spelling in info.get("altSpellings") or []:
        spelling = spelling.strip()
        if len(spelling) > 3 or not spelling.isupper():  # codes such as PE or PER are matched apart
            names.append(CountryName(code, spelling, "other spelling"))
    if info.get("nativeName"):
        names.append(CountryName(code, info["nativeName"].strip(), "native name"))
    names += [CountryName(code, translation.strip(), "translation")
              for translation in (info.get("translations") or {}).values() if translation and translation[:1].isupper()]
    if info.get("demonym"):
        names.append(CountryName(code, info["demonym"].strip(), "demonym"))
    return names


def _regions(country_names: dict[str, str]) -> dict[str, str]:
    """The first-level regions of pycountry's subdivisions by each of their names ('Catalunya [Cataluña]' is both),
    leaving out any name that is also a country's or another region's, or a point of the compass ("of the North" names
    no region of Cameroon)."""
    codes: dict[str, set[str]] = {}
    for region in pycountry.subdivisions:
        if region.parent_code is not None:
            continue
        for name in re.split(r"\s*\[|\]|;", region.name):
            name = name.split(",")[0].strip()
            if len(name) >= 4 and name[:1].isupper() and not re.search(r"\d", name) and fold(name) not in POINTS_OF_COMPASS:
                codes.setdefault(fold(name), set()).add(region.country_code)
    return {name: next(iter(found)) for name, found in codes.items() if len(found) == 1 and name not in country_names}


def _editorial_data(path: Path) -> tuple[yaml.Node | None, dict]:
    if not path.exists():
        return None, {}
    node, data = parse_yaml(path, path.read_text(encoding="utf-8"), safe=True)
    if not isinstance(data or {}, dict):
        raise BuildError(path, "must be a mapping with the keys aliases:, demonyms:, former:, languages: and regions:",
                         line=1)
    return node, data or {}


def _former_states(path: Path, node: yaml.Node | None, data: dict) -> tuple[dict[str, Country], list[CountryName]]:
    """The states that no longer exist that the editors list under former: (USSR, GDR), by their ISO 3166-3 code,
    each with the alpha-2 code it had and the names it is written by, the first its name here."""
    historic = {record.alpha_4: record for record in pycountry.historic_countries}
    states, names = {}, []
    for former_code, written in (data.get("former") or {}).items():
        record = historic.get(str(former_code))
        if record is None:
            raise BuildError(path, f"{former_code!r} is not an ISO 3166-3 code", line=line_of(node, ("former", former_code)),
                             field=f"former.{former_code}")
        if not isinstance(written, list) or not all(isinstance(name, str) and name.strip() for name in written):
            raise BuildError(path, "must be a list of the names the state is written by",
                             line=line_of(node, ("former", former_code)), field=f"former.{former_code}")
        states[record.alpha_2] = Country(record.alpha_2, written[0], record.name, None, None, None, None, record.alpha_4)
        names += [CountryName(record.alpha_2, name, "former state (raw/countries.yml)") for name in written]
    return states, names


def _editorial_names(path: Path, node: yaml.Node | None, data: dict, countries: dict[str, Country]) -> list[CountryName]:
    names = []
    for section, how in (("aliases", "alias"), ("demonyms", "demonym")):
        for name, code in (data.get(section) or {}).items():
            if str(code) not in countries:
                raise BuildError(path, f"{code!r} is not an ISO 3166-1 alpha-2 code", line=line_of(node, (section, name)),
                                 field=f"{section}.{name}")
            names.append(CountryName(str(code), str(name), how + " (raw/countries.yml)"))
    return names


def _translated_names(path: Path, node: yaml.Node | None, data: dict) -> list[CountryName]:
    """The names of the countries in the languages the editors list under languages: (es, pt, fr…), from the
    translations of ISO 3166 that pycountry ships; an inverted name ('Corée, République de') is left out."""
    languages = data.get("languages") or []
    if not isinstance(languages, list) or not all(isinstance(language, str) for language in languages):
        raise BuildError(path, "must be a list of language codes (es, pt, fr…)", line=line_of(node, ("languages",)),
                         field="languages")
    names = []
    for language in languages:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            raise BuildError(path, f"{language!r}: pycountry has no country names in this language",
                             line=line_of(node, ("languages",)), field="languages") from None
        for record in pycountry.countries:
            for written in {record.name, getattr(record, "common_name", None), getattr(record, "official_name", None)}:
                translated = translation.gettext(written) if written else written
                if translated and translated != written and not re.search(r"[,(]", translated):
                    names.append(CountryName(record.alpha_2, translated, f"translation ({language})"))
    return names


def _world_regions(path: Path, node: yaml.Node | None, data: dict) -> set[str]:
    """The regions of the world that head lists (Middle East, Caribbean) besides those countryinfo groups states in."""
    regions = data.get("regions") or []
    if not isinstance(regions, list) or not all(isinstance(region, str) and region.strip() for region in regions):
        raise BuildError(path, "must be a list of names of regions of the world", line=line_of(node, ("regions",)),
                         field="regions")
    return {_compass(fold(region)) for region in regions}


def load_countries(raw: Path) -> CountryIndex:
    """Every ISO country with its names; editors' names win over the library's when they disagree."""
    countries, names = _library_names()
    node, data = _editorial_data(raw / "countries.yml")
    names += _translated_names(raw / "countries.yml", node, data)
    former, former_names = _former_states(raw / "countries.yml", node, data)
    countries.update({code: state for code, state in former.items() if code not in countries})
    editorial = former_names + _editorial_names(raw / "countries.yml", node, data, countries)
    codes_by_name: dict[str, set[str]] = {}
    for entry in names:
        codes_by_name.setdefault(fold(entry.name), set()).add(entry.code)
    by_folded = {name: next(iter(codes)) for name, codes in codes_by_name.items() if len(codes) == 1}
    for entry in editorial:
        by_folded[fold(entry.name)] = entry.code
    names = [n for n in names if by_folded.get(fold(n.name)) == n.code] + editorial
    index = CountryIndex(countries=countries, names=names, by_folded=by_folded, regions=_regions(by_folded),
                         world_regions=_world_regions(raw / "countries.yml", node, data))
    written = sorted({n.name for n in names if len(n.name) >= 4 or n.name in {e.name for e in editorial}}, key=len, reverse=True)
    alternatives = [name for name in written if name[:1].isupper()]
    # (?<!\w)(name|name|…)(?:s)?(?!\w) with the names longest first, written as a trie: the same matches, found
    # in one pass instead of trying every name at every position
    index.pattern = re.compile(rf"({alternation(alternatives)})(?:s)?(?!\w)")
    return index


def _compass(folded: str) -> str:
    """'northern america' as 'north america': a region written either way."""
    return re.sub(r"\b(north|south|east|west)ern\b", r"\1", folded)
