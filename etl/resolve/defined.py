"""The abbreviations a document defines for itself: 'the Communist Workers' International League (CWIL)' once, and
'CWIL' after it, name one organization."""
from __future__ import annotations

import re

from ..common.records import Passage

NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*"
LINKING_WORD = (r"(?:of|for|and|the|in|on|de|del|des|du|la|le|les|los|las|y|et|e|di|della|dei|degli|der|die|für|und|"
                r"do|da|dos|das|à|au|aux)")
DEFINITION = re.compile(rf"(?P<name>(?:{NAME_WORD}\s+(?:{LINKING_WORD}\s+)*)*{NAME_WORD})\s*"
                        r"\(\s*(?P<abbreviation>[A-Z][A-Za-z0-9&/-]{1,11})\s*\)")


def defined_abbreviations(passages: list[Passage]) -> dict[str, str]:
    """Each abbreviation the passages define after a name in capitals whose words' initials hold its capitals, in
    order ('Fédération Syndicale des Travailleurs du Rail (FSTR)'), with the name as written (the first definition)."""
    defined: dict[str, str] = {}
    for passage in passages:
        if "(" not in passage.text:
            continue
        for match in DEFINITION.finditer(passage.text):
            name = expansion(match.group("name"), match.group("abbreviation"))
            if name and match.group("abbreviation") not in defined:
                defined[match.group("abbreviation")] = name
    return defined


def expansion(run: str, abbreviation: str) -> str | None:
    """The shortest end of a run of words in capitals that the abbreviation stands for: its first word begins with
    the abbreviation's first letter, and the initials of its words (and of the parts of hyphenated words) hold the
    abbreviation's capitals in order. None when no end of the run does."""
    words = run.split()
    capitals = [c for c in abbreviation if c.isupper()]
    for first in range(len(words) - 1, -1, -1):
        if words[first][0] != capitals[0]:
            continue
        initials = [part[0] for word in words[first:] if word[0].isupper() for part in re.split(r"[-‐]", word) if part]
        if len(words) - first >= 2 and holds_in_order(initials, capitals):
            return " ".join(words[first:])
    return None


def holds_in_order(letters: list[str], wanted: list[str]) -> bool:
    """Whether `wanted` is a subsequence of `letters`."""
    remaining = iter(letters)
    return all(any(letter == target for letter in remaining) for target in wanted)
