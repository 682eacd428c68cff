"""The organization registry's external identifiers: a Wikidata item and a Party Facts id, optional, checked in form."""
from __future__ import annotations

import textwrap

import pytest

from etl.common.errors import BuildError
from etl.registries.organizations import load_registry

ENTRY = """\
    - id: dockers-league-cl
      name: Dockers League
      kind: party
      country: CL
    """


def registry(tmp_path, extra: str = ""):
    (tmp_path / "organizations.yml").write_text(textwrap.dedent(ENTRY) + extra, encoding="utf-8")
    return load_registry(tmp_path, {"CL"})


def test_the_identifiers_are_read_with_the_entry(tmp_path):
    (organization,) = registry(tmp_path, "  wikidata: Q1234567\n  partyfacts: 4321\n")
    assert (organization.wikidata, organization.partyfacts) == ("Q1234567", 4321)


def test_unknown_identifiers_stay_empty(tmp_path):
    (organization,) = registry(tmp_path)
    assert (organization.wikidata, organization.partyfacts) == (None, None)


@pytest.mark.parametrize("field, value, message", [
    ("wikidata", "Q0", "'Q0' is not a Wikidata item id"),
    ("wikidata", "q42", "'q42' is not a Wikidata item id"),
    ("wikidata", "P31", "'P31' is not a Wikidata item id"),
    ("wikidata", "https://www.wikidata.org/wiki/Q42", "is not a Wikidata item id"),
    ("partyfacts", "0", "0 is not a Party Facts id"),
    ("partyfacts", "'4321'", "'4321' is not a Party Facts id"),
    ("partyfacts", "true", "True is not a Party Facts id"),
    ("partyfacts", "12.5", "12.5 is not a Party Facts id"),
])
def test_an_identifier_of_the_wrong_form_stops_the_build_with_its_line_and_field(tmp_path, field, value, message):
    with pytest.raises(BuildError) as error:
        registry(tmp_path, f"  {field}: {value}\n")
    assert (error.value.line, error.value.field) == (5, f"[0].{field}")
    assert message in error.value.message
