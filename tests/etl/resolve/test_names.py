"""Entity resolution against a registry written for these tests: one organization, one row."""
from __future__ import annotations

import pytest

from etl.registries.organizations import Organization
from etl.resolve.names import FUZZY_THRESHOLD, Mention, Resolver


def organization(id, name, country=None, kind="party", abbreviations=(), aliases=(), original=None):
    return Organization(id=id, name=name, kind=kind, country_code=country, curated=True, name_original=original,
                        abbreviations=tuple(abbreviations), aliases=tuple(aliases))


REGISTRY = [
    organization("wfi", "World Federation of Internationalists", kind="international", abbreviations=["WFI"],
                 aliases=["Federación Mundial de Internacionalistas"]),
    organization("plr-at", "Party of Labour of Ruritania", "AT", abbreviations=["PLR"]),
    organization("ust-ar", "Unión Socialista Trabajadora", "AR", abbreviations=["UST"]),
    organization("ust-uy", "Unión Socialista Trabajadora", "UY", abbreviations=["UST"]),
    organization("ust-cl", "Unión Socialista Trabajadora", "CL", abbreviations=["UST"]),
    organization("red-pt", "Partido Vermelho", "PT", aliases=["Red Party of Portugal"]),
]


@pytest.fixture
def resolver():
    return Resolver(REGISTRY)


@pytest.mark.parametrize("written, how", [
    ("World Federation of Internationalists", "exact"),
    ("WORLD FEDERATION OF INTERNATIONALISTS", "exact"),
    ("The World Federation of Internationalists.", "exact"),
    ("Federacion Mundial de Internacionalistas", "alias"),
    ("“Federación  Mundial de Internacionalistas”", "alias"),
    ("WFI", "abbreviation"),
])
def test_case_accents_punctuation_quotes_aliases_and_abbreviations_are_one_organization(resolver, written, how):
    assert resolver.resolve(Mention(written)).organization_id == "wfi"
    assert resolver.resolve(Mention(written)).how == how


def test_a_close_spelling_is_matched_fuzzily_with_its_score(resolver):
    match = resolver.resolve(Mention("Party of Labor of Ruritania"))
    assert (match.organization_id, match.how) == ("plr-at", "fuzzy")
    assert FUZZY_THRESHOLD <= match.score < 100


def test_same_named_organizations_are_told_apart_by_country(resolver):
    ids = {resolver.resolve(Mention("Unión Socialista Trabajadora", country)).organization_id for country in ("AR", "UY", "CL")}
    assert ids == {"ust-ar", "ust-uy", "ust-cl"}
    assert resolver.resolve(Mention("UST", "UY")).organization_id == "ust-uy"


def test_a_shared_name_without_a_country_is_not_guessed(resolver):
    match = resolver.resolve(Mention("Unión Socialista Trabajadora"))
    assert match.how == "new" and match.organization_id not in {"ust-ar", "ust-uy", "ust-cl"}


def test_a_country_that_disagrees_prevents_a_match(resolver):
    match = resolver.resolve(Mention("Partido Vermelho", "BR"))
    assert match.how == "new" and match.organization_id == "partido-vermelho-br"


def test_an_unknown_name_becomes_a_new_organization_that_is_not_curated(resolver):
    match = resolver.resolve(Mention("Comité Ouvrier de Liaison (COL)", "FR", kind="party"))
    assert match.how == "new"
    new = resolver.organizations[match.organization_id]
    assert (new.curated, new.country_code, new.name, new.kind) == (False, "FR", "Comité Ouvrier de Liaison", "party")
    again = resolver.resolve(Mention("Comité Ouvrier de Liaison (COL)", "FR"))
    assert again.organization_id == match.organization_id


def test_a_translation_in_parentheses_is_tried(resolver):
    match = resolver.resolve(Mention("Partido Vermelho Português (Red Party of Portugal)"))
    assert (match.organization_id, match.how) == ("red-pt", "alias")


def test_a_registry_id_resolves_to_itself(resolver):
    assert resolver.resolve(Mention("plr-at")).how == "id"


def test_names_far_apart_are_not_merged(resolver):
    assert resolver.resolve(Mention("Party of Labour of Freedonia")).how == "new"


def test_forks_share_what_the_index_gives_but_each_source_creates_its_own(resolver):
    first, second = resolver.fork(), resolver.fork()
    assert first.resolve(Mention("Party of Labour of Ruritania")).organization_id == "plr-at"
    created = first.resolve(Mention("Liga Obrera de Freedonia", "AR", kind="party"))
    assert created.how == "new" and created.organization_id in first.created
    assert second.resolve(Mention("PLR")).organization_id == "plr-at"
    assert second.created == {} and created.organization_id not in second.organizations
    again = second.resolve(Mention("Liga Obrera de Freedonia", "AR", kind="party"))
    assert (again.organization_id, again.how) == (created.organization_id, "new")
    assert set(second.created) == {created.organization_id}
    assert second.resolve(Mention(created.organization_id)).how == "id"  # its own creation, by its id
    assert resolver.fork().resolve(Mention(created.organization_id)).how == "new"  # unknown to a fresh source
