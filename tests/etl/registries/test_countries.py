"""Countries: the editors' former states in raw/countries.yml, and the errors a bad entry gives."""
from __future__ import annotations

import pytest

from etl.common.errors import BuildError
from etl.registries.countries import load_countries


def countries_with(raw, former: str):
    raw.root.mkdir(parents=True, exist_ok=True)
    (raw.root / "countries.yml").write_text(f"former:\n{former}\naliases:\n  Ruritania: RO\n", encoding="utf-8")
    return load_countries(raw.root)


def test_a_former_state_is_found_by_its_names_under_the_code_it_had(raw):
    countries = countries_with(raw, "  SUHH: [Soviet Union, USSR]\n  DDDE: [German Democratic Republic, GDR]")
    assert [countries.place_code(name) for name in ("USSR", "Soviet Union", "GDR", "Germany", "Ruritania")] == \
        ["SU", "SU", "DD", "DE", "RO"]
    state = countries.countries["DD"]
    assert (state.name, state.former_code, state.latitude) == ("German Democratic Republic", "DDDE", None)


def test_a_former_state_adds_no_other_name_than_those_written(raw):
    countries = countries_with(raw, "  YDYE: [South Yemen]")
    assert countries.place_code("Yemen") == "YE" and countries.place_code("South Yemen") == "YD"


@pytest.mark.parametrize("entry, says", [
    ("  XXXX: [Atlantis]", "'XXXX' is not an ISO 3166-3 code"),
    ("  SUHH: Soviet Union", "must be a list of the names"),
    ("  SUHH: [Soviet Union, 7]", "must be a list of the names"),
])
def test_a_bad_former_state_stops_with_the_file_and_the_field(raw, entry, says):
    with pytest.raises(BuildError) as error:
        countries_with(raw, entry)
    assert says in str(error.value) and "countries.yml:2: former." in str(error.value)  # the file, the line, the field


def countries_from(raw, text: str):
    raw.root.mkdir(parents=True, exist_ok=True)
    (raw.root / "countries.yml").write_text(text, encoding="utf-8")
    return load_countries(raw.root)


def test_the_languages_listed_give_the_countries_names_in_them(raw):
    countries = countries_from(raw, "languages: [pt, de]\n")
    assert [countries.place_code(name) for name in ("Uruguai", "Alemanha", "Vereinigte Staaten", "Uruguay")] == \
        ["UY", "DE", "US", "UY"]
    assert countries_from(raw, "languages: []\n").place_code("Alemanha") is None


def test_an_inverted_name_of_the_translations_is_left_out(raw):
    countries = countries_from(raw, "languages: [fr]\n")
    assert countries.place_code("Corée, République de") is None and countries.place_code("Allemagne") == "DE"


def test_the_regions_listed_head_lists_as_regions_of_the_world(raw):
    countries = countries_from(raw, "regions: [Middle East, Southern Cone]\n")
    assert countries.is_world_region("MIDDLE EAST") and countries.is_world_region("Southern Cone")
    assert not countries_from(raw, "regions: []\n").is_world_region("Middle East")


def test_regions_joined_head_lists_and_places_are_read_however_a_line_broke_or_doubled_them(raw):
    countries = countries_from(raw, "aliases: {Aotearoa: NZ}\nregions: [Middle East]\n")
    assert countries.is_world_region("AFRICA AND THE MIDDLE EAST") and countries.is_world_region("Asia and Oceania")
    assert not countries.is_world_region("Bread and Roses")
    assert [countries.place_code(name) for name in ("Bel- gique", "New\nZealand", "Aotearoa/New Zealand", "Chile/Peru")] \
        == ["BE", "NZ", "NZ", None]
    assert countries.place_code("North") is None  # a point of the compass, not Cameroon's region


@pytest.mark.parametrize("text, says, line", [
    ("aliases: {}\nlanguages: [xx-nowhere]\n", "'xx-nowhere': pycountry has no country names in this language", 2),
    ("languages: pt\n", "must be a list of language codes", 1),
    ("regions: [Middle East, 7]\n", "must be a list of names of regions of the world", 1),
])
def test_a_bad_language_or_region_stops_with_the_file_and_the_field(raw, text, says, line):
    with pytest.raises(BuildError) as error:
        countries_from(raw, text)
    assert says in str(error.value) and f"countries.yml:{line}:" in str(error.value)
