"""The abbreviations a document defines for itself, and the one organization its name and abbreviation resolve to."""
from __future__ import annotations

from pathlib import Path

from etl.common.records import Passage
from etl.pipeline.parallel import _extract
from etl.read.sources import read_source
from etl.resolve.defined import defined_abbreviations, expansion
from etl.resolve.link import resolve_source
from etl.resolve.names import Mention, Resolver
from etl.resolve.registries import load_registries

ROOT = Path(__file__).resolve().parents[3]


def passage(text: str) -> Passage:
    return Passage(id="d-p1", document_id="d", position=1, heading=None, kind="paragraph", text=text,
                   start_char=0, end_char=len(text), marker=None)


def test_the_name_is_the_end_of_the_words_in_capitals_that_the_abbreviation_stands_for():
    text = ("The Second Congress of the Union of Agrarian Workers (UAW) met in Kampala; the Parti Ouvrier Unifié de "
            "Haute-Volta (POUHV) and the Liga Marxista-Leninista (LML) sent delegations.")
    assert defined_abbreviations([passage(text)]) == {
        "UAW": "Union of Agrarian Workers", "POUHV": "Parti Ouvrier Unifié de Haute-Volta",
        "LML": "Liga Marxista-Leninista"}


def test_parentheses_that_no_initials_account_for_define_nothing():
    text = ("The Communist Party of Greece (KKE) spoke; the report (PDF) and the Tudeh Party (Iran) are no "
            "definitions, nor is a year (2024).")
    assert defined_abbreviations([passage(text)]) == {}


def test_the_first_definition_holds():
    text = "The Red Front (RF) marched. Later the Revolutionary Federation (RF) was founded."
    assert defined_abbreviations([passage(text)]) == {"RF": "Red Front"}


def test_one_word_is_no_expansion():
    assert expansion("Solidarność", "S") is None


def test_an_abbreviation_alone_is_the_organization_the_document_writes_out():
    resolver = Resolver([])
    written_out = resolver.resolve(Mention("Union of Agrarian Workers (UAW)", None, "UAW", "union"))
    alone = resolver.resolve(Mention("UAW", None, "UAW", "union", ("Union of Agrarian Workers",)))
    assert alone.organization_id == written_out.organization_id == "union-of-agrarian-workers"


def test_an_abbreviation_alone_takes_the_country_of_the_name_written_out():
    """'Central Committee of the RWFG' after 'the Revolutionary Workers' Front of Ghana (RWFG)': the organization of
    Ghana that a row of the name written out would be."""
    registries = load_registries(ROOT / "raw")
    source = read_source(ROOT / "tests" / "etl" / "texts" / "greetings-abbreviation-closing.txt")
    records = resolve_source(_extract(source, registries), registries)
    assert [(row.name.name_as_written, row.name.organization_id) for row in records.issuers if row.how != "sidecar"] \
        == [("RWFG", "revolutionary-workers-front-of-ghana-gh")]
