"""The abbreviations a document defines for itself: 'the Communist Workers' International League (CWIL)' once, and
'CWIL' after it, name one organization."""
from __future__ import annotations

import re

from ..common.normalize import holds_in_order, initials
from ..common.records import Passage

NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*")
LINKING_WORDS = {"of", "for", "and", "the", "in", "on", "de", "del", "des", "du", "la", "le", "les", "los", "las", "y",
                 "et", "e", "di", "della", "dei", "degli", "der", "die", "für", "und", "do", "da", "dos", "das", "à", "au",
                 "aux"}
ABBREVIATION = re.compile(r"\(\s*(?P<abbreviation>[A-Z][A-Za-z0-9&/-]{1,11})\s*\)")
REACH = 200  # the characters before an abbreviation looked at for the name it stands for


def defined_abbreviations(passages: list[Passage]) -> dict[str, str]:
    """Each abbreviation the passages define after a name in capitals whose words' initials hold its capitals, in
    order ('Fédération Syndicale des Travailleurs du Rail (FSTR)'), with the name as written (the first definition)."""
    defined: dict[str, str] = {}
    for passage in passages:
        if "(" not in passage.text:
            continue
        for match in ABBREVIATION.finditer(passage.text):
            abbreviation = match.group("abbreviation")
            name = expansion(words_before(passage.text, match.start()), abbreviation)
            if name and abbreviation not in defined:
                defined[abbreviation] = name
    return defined


def words_before(text: str, end: int) -> str:
    """The run of words in capitals (and the small words between them) that ends where the parenthesis opens."""
    words = text[max(0, end - REACH):end].split()
    run: list[str] = []
    for word in reversed(words):
        if NAME_WORD.fullmatch(word) or run and word in LINKING_WORDS:
            run.append(word)
        else:
            break
    while run and not NAME_WORD.fullmatch(run[-1]):
        run.pop()  # the run begins with a name's word, not with "of"
    return " ".join(reversed(run))


def expansion(run: str, abbreviation: str) -> str | None:
    """The shortest end of a run of words in capitals that the abbreviation stands for: its first word begins with
    the abbreviation's first letter, and the initials of its words (and of the parts of hyphenated words) hold the
    abbreviation's capitals in order. None when no end of the run does."""
    words = run.split()
    capitals = [c for c in abbreviation if c.isupper()]
    for first in range(len(words) - 1, -1, -1):
        if words[first][0] != capitals[0]:
            continue
        if len(words) - first >= 2 and holds_in_order(initials(" ".join(words[first:])), capitals):
            return " ".join(words[first:])
    return None

