"""The extraction rules measured against ground truth: texts written for the tests in layouts real publications use
(tests/etl/texts/, heldout/, blind/), and the five seed sources (tests/etl/seeds/). See tests/truth.py for what the truth holds."""
from __future__ import annotations

import pytest
import sqlite_utils
from support import ROOT
from truth import BLIND, HELDOUT, TEXTS, UNSEEN, WRITTEN, compare_all, documents_of, raw_folder

from etl.build import build
from etl.common.normalize import name_key
from etl.registries.naming import load_naming

THRESHOLDS = {"sections": 0.95, "signatories": 0.95, "addressees": 0.95, "demands": 0.9}


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    folder = tmp_path_factory.mktemp("truth")
    raw = raw_folder(folder, ROOT / "raw")
    build(raw, folder / "archive.db", workers=1)
    comparison = compare_all(folder / "archive.db")
    print("\n" + comparison.report())
    return comparison, folder / "archive.db"


@pytest.mark.parametrize("kind", THRESHOLDS)
def test_precision_and_recall_of_each_kind_of_row(measured, kind):
    comparison, _ = measured
    score = comparison.scores[kind]
    shown = "\n".join(["missed:", *score.missed[:20], "wrong:", *score.wrong[:20]])
    assert score.expected >= 15, "too little truth to measure"
    assert score.precision >= THRESHOLDS[kind], f"{comparison.report()}\n{shown}"
    assert score.recall >= THRESHOLDS[kind], f"{comparison.report()}\n{shown}"


def test_issuers_found_in_the_texts_are_right(measured):
    comparison, _ = measured
    assert comparison.scores["issuers"].precision >= 0.9, comparison.scores["issuers"].wrong


def written_forms(key_namespace_files) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {}
    for path in key_namespace_files:
        for expected in documents_of(path).values():
            for kind in ("signatories", "sections", "addressees", "issuers"):
                for row in expected.get(kind) or []:
                    if row.get("org"):
                        forms.setdefault(row["org"], set()).add(row["text"])
    return forms


def test_an_abbreviated_name_and_the_name_written_out_are_one_organization(measured):
    """'CP of Greece' in one document and 'Communist Party of Greece' in another resolve to one organization."""
    comparison, _ = measured
    naming = load_naming(ROOT / "raw")
    pairs = 0
    for key, forms in written_forms(sorted(TEXTS.glob("*.expected.yml"))).items():  # its keys: one namespace
        for short in (form for form in forms if naming.abbreviated(form)):
            for full in (form for form in forms if form != short and name_key(form) == name_key(naming.expand(short))):
                pairs += 1
                ids = comparison.resolved.get((key, short), set()) | comparison.resolved.get((key, full), set())
                assert len(ids) == 1, (key, short, full, ids)
    assert pairs >= 5


@pytest.mark.parametrize("folder", [TEXTS, HELDOUT, BLIND, UNSEEN], ids=["texts", "heldout", "blind", "unseen"])
def test_near_identical_names_of_different_parties_stay_apart(measured, folder):
    """'Communist Party of Denmark' and 'Communist Party in Denmark', 'CP of India' and 'CP of India (Marxist)', 'CP of
    Britain' and 'NCP of Britain', one abbreviation in two countries: different keys never share an organization (each
    folder's keys are its own). Two parties written exactly alike (the Communist Party of Mexico of 1919 and of 2010)
    are the registry's to tell apart, not the rules'."""
    comparison, _ = measured
    forms = written_forms(sorted(folder.glob("*.expected.yml")))
    owners: dict[str, set[str]] = {}
    for key in forms:
        for organization_id in comparison.keys.get(key, set()):
            owners.setdefault(organization_id, set()).add(key)
    shared = {o: found for o, found in owners.items() if len(found) > 1}
    alike = {o for o, found in shared.items() if set.intersection(*(forms[key] for key in found))}
    assert {o: found for o, found in shared.items() if o not in alike} == {}
    assert len(forms) - len(alike) >= 50


def test_the_sections_of_one_international_are_of_one_organization(measured):
    comparison, _ = measured
    assert comparison.international_of and all(len(ids) == 1 and "" not in ids
                                                for ids in comparison.international_of.values()), comparison.international_of


def test_every_row_the_texts_gave_round_trips(measured):
    _, db_path = measured
    db = sqlite_utils.Database(db_path)
    texts = {row["id"]: row["text"] for row in db.query("select id, text from sources")}
    for table, column in [("sections", "name_as_written"), ("signatories", "name_as_written"),
                          ("addressees", "name_as_written"), ("document_issuers", "name_as_written"), ("demands", "text")]:
        for row in db.query(f"select * from {table} where passage_id is not null"):
            assert texts[row["source_id"]][row["start_char"]:row["end_char"]] == row[column], (table, row["id"])


TEXT_IDS = sorted(path.name.removesuffix(".expected.yml") for folder in WRITTEN for path in folder.glob("*.expected.yml"))


@pytest.mark.parametrize("text_id", TEXT_IDS)
def test_each_text_gives_its_rows_with_their_roles_statuses_countries_and_spans(measured, text_id):
    """Every row of the text's truth is found with its span, role, status, country and international, and nothing
    else is, but for the rows its truth marks as known to be missed (with the reason)."""
    comparison, _ = measured
    assert comparison.failures.get(text_id, []) == []
