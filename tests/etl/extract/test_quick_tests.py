"""The quick tests that rule a passage out before a slow pattern is searched never rule out a text it matches."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.common.normalize import caseless, contains_any
from etl.extract import demands, organizations

ROOT = Path(__file__).resolve().parents[3]

# One phrase for each way each pattern can match, in several cases and with the letters IGNORECASE takes for ASCII.
PHRASES = {
    "inline leads": [
        "The statement was signed by the CP of Britain, the WPB.", "Co-signed: A, B.", "Cosigned by A and B.",
        "Signatories: A, B.", "SIGNATURES – A, B", "It was endorsed by A, B and C.", "Supported by A, B.",
        "Adhesions: A, B.", "… with the participation of A, B and C.", "Participants: A, B.",
        "Participating parties and organisations: A, B.", "The following organizations: A, B.", "Present : A, B.",
        "Our national sections are A, B.", "Its sections include A, B.", "Delegations from A, B.",
        "Delegation of A, B.", "The meeting was attended by A, B.", "It was represented by A, B.",
        "Latin American sections: A, B.", "The following groups took part: A, B.", "ſigned by A, B.",
        "The Conference WAS ATTENDED BY A, B.", "European and Asian sections: A, B.",
        "Firman: A; B.", "Firmantes: A, B.", "Firmado por A y B.", "Suscriben: A, B.", "Adhieren: A, B.",
        "ADHESIONES: A, B.", "Signataires : A, B.", "Signé par A et B.", "Signées par A, B.", "Assinam: A, B.",
        "Assinantes: A, B.", "Assinado por A, B.", "Firmatari: A, B.", "Firmano: A, B.", "Unterzeichner: A, B.",
        "Erstunterzeichnerinnen: A, B.", "Unterzeichnet von A und B.",
    ],
    "memberships": [
        "the International, integrated by the parties of Chile and Peru", "a front composed of groups of Brazil",
        "the bloc, formed by organizations of Italy", "a federation made up of unions of Spain",
        "the League, which is constituted by parties of Mexico", "the FRONT – COMPOSED OF the parties of Chile",
    ],
    "demand verbs": [
        "We demand the withdrawal of the troops.", "The parties call for a general strike.",
        "The signatories hereby call on the workers to act.", "We also ask for the release of the prisoners.",
        "The conference urges every section to act.", "We insist on the right to strike.", "We appeal to you.",
        "The congress invites all parties.", "We vow to fight.", "The plenum instructs the committee.",
        "We raise the demand of a living wage.", "Our task is to call for unity.", "Their duties are to demand it.",
        "WE JOINTLY CALL UPON the workers.", "The undersigned firmly demand it.",
        "Nous exigeons la retraite à 60 ans.", "NOUS RÉCLAMONS la paix.", "Revendiquons nos droits.",
        "Nous appelons à la grève.", "La Fédération appelle tous les syndicats à agir.", "Elles appellent à manifester.",
        "Exigimos la libertad.", "Reclamamos justicia.", "Demandamos pan.", "Reivindicamos la huelga.",
        "Llamamos a la huelga.", "Convocamos a marchar.", "Apelamos a todos.", "Conclamamos a luta.",
        "Chiediamo il ritiro.", "Esigiamo la pace.", "Rivendichiamo il salario.", "Chiamiamo tutti alla lotta.",
        "Invitiamo i lavoratori.", "Wir fordern den Abzug.", "Deshalb fordern wir den Abzug.",
        "Convocamos as centrais.", "Llamamos al pueblo.", "Wir rufen alle auf.", "Deshalb rufen wir alle auf.",
    ],
}

PATTERNS = {  # a slow pattern, and the quick test every one of its matches passes
    "inline leads": (organizations.INLINE_LEAD, lambda text: bool(organizations.INLINE_LEAD_HINT.search(caseless(text)))),
    "memberships": (organizations.MEMBERSHIP, lambda text: bool(organizations.MEMBERSHIP_HINT.search(caseless(text)))),
    "demand verbs": (demands.DEMAND_VERB, lambda text: contains_any(text, demands.DEMAND_WORDS)),
}


def texts_of_the_archive_and_the_tests() -> list[str]:
    """Every paragraph and line of the sources in raw/ and of the texts the tests build from."""
    paths = [*(ROOT / "raw" / "sources").glob("*.txt"), *(ROOT / "tests").rglob("*.txt")]
    pieces: list[str] = []
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8")
        pieces.extend(text.split("\n\n"))
        pieces.extend(text.splitlines())
    return pieces


@pytest.mark.parametrize("kind", sorted(PATTERNS))
def test_every_phrase_matches_and_passes_the_quick_test(kind: str) -> None:
    pattern, quick = PATTERNS[kind]
    for phrase in PHRASES[kind]:
        assert pattern.search(phrase), f"the phrase no longer shows a way the pattern matches: {phrase!r}"
        assert quick(phrase), f"the quick test rules out a text the pattern matches: {phrase!r}"


@pytest.mark.parametrize("kind", sorted(PATTERNS))
def test_no_text_the_pattern_matches_is_ruled_out(kind: str) -> None:
    pattern, quick = PATTERNS[kind]
    matched = [text for text in texts_of_the_archive_and_the_tests() if pattern.search(text)]
    assert matched, "the texts hold matches of the pattern to test the quick test with"
    assert [text[:80] for text in matched if not quick(text)] == []


def test_the_quick_tests_rule_out_ordinary_prose() -> None:
    prose = "The workers of the region presented their case to the assembly, and the section of the party grew."
    assert not any(quick(prose) for _, quick in PATTERNS.values())
