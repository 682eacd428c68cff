"""The theme taxonomy of raw/themes.yml, and the themes a text's cue words give it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from ..common.normalize import fold, words_pattern
from ..read.sidecar import Slug
from .file import read_entries

WORD = re.compile(r"\w+")


def check_cue(cue: str) -> str:
    """A cue is words, the first beginning with a letter or digit (where a text's word begins, its match is looked for)."""
    words = fold(cue).replace("'", " ").split()
    if not words or not WORD.match(words[0]):
        raise ValueError(f"cue {cue!r} must begin with a letter or digit")
    return cue


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    name: str
    description: str
    cues: list[Annotated[str, AfterValidator(check_cue)]]


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str
    cues: tuple[str, ...]
    pattern: re.Pattern


def cue_pattern(cue: str) -> str:
    """A cue as a regular expression over folded text: whole words, * for any ending, any spacing between words."""
    words = fold(cue).replace("'", " ").split()
    parts = [re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "") for word in words]
    return r"(?<!\w)" + r"[\s'-]+".join(parts) + r"(?!\w)"


def load_themes(raw: Path) -> list[Theme]:
    """The themes of raw/themes.yml, each with its cues compiled into one pattern."""
    themes = []
    for entry, _ in read_entries(raw / "themes.yml", Entry, "themes"):
        pattern = re.compile("|".join(f"(?P<c{i}>{cue_pattern(cue)})" for i, cue in enumerate(entry.cues)))
        themes.append(Theme(entry.id, entry.name, entry.description, tuple(entry.cues), pattern))
    return themes



def cue_lead(cue: str) -> tuple[str, bool]:
    """The word a text must have where a cue matches: (the cue's first run of word characters, whether
    that run may go on: a `*` straight after it). Every cue begins with a word character."""
    first = fold(cue).replace("'", " ").split()[0]
    lead = WORD.match(first)
    assert lead, cue  # check_cue saw to it
    return lead.group(), first.endswith("*") and first.rstrip("*") == lead.group()


_indexes: dict[tuple[int, ...], tuple[tuple[Theme, ...], tuple]] = {}
_words_seen: dict[int, dict[str, list[int]]] = {}  # by the id of an index's words: word -> theme numbers


def _lead_index(themes: tuple[Theme, ...]) -> tuple[dict[str, set[int]], dict[int, dict[str, set[int]]], re.Pattern]:
    """_word_index of these themes, made once (found by the themes' identities: hashing them costs more)."""
    key = tuple(map(id, themes))
    cached = _indexes.get(key)
    if cached is None or any(a is not b for a, b in zip(cached[0], themes, strict=True)):
        cached = _indexes[key] = (themes, _word_index(themes))
    return cached[1]


def _word_index(themes: tuple[Theme, ...]) -> tuple[dict[str, set[int]], dict[int, dict[str, set[int]]], re.Pattern]:
    """Which themes a word can start a match of: whole words, prefixes by their length, and a pattern
    that finds the words of a text that are one or begin with one."""
    words: dict[str, set[int]] = {}
    prefixes: dict[int, dict[str, set[int]]] = {}
    for number, theme in enumerate(themes):
        for cue in theme.cues:
            lead, open_ended = cue_lead(cue)
            target = prefixes.setdefault(len(lead), {}) if open_ended else words
            target.setdefault(lead, set()).add(number)
    leads = [(word, False) for word in words] + [(prefix, True) for table in prefixes.values() for prefix in table]
    return words, prefixes, words_pattern(leads)


def themes_of(text: str, themes: list[Theme] | tuple[Theme, ...]) -> list[tuple[str, str]]:
    """(theme id, the cue that matched first) for every theme whose cues the text contains.

    A cue can only match where a word of the text begins with the cue's first word, so each
    theme's pattern is tried at those words alone, left to right: the first match is the one
    a search of the whole text would find, for a fraction of the cost.
    """
    folded = fold(text).replace("’", "'")
    ordered = tuple(themes)
    words, prefixes, leads = _lead_index(ordered)
    seen = _words_seen.setdefault(id(words), {})
    cues: dict[int, str] = {}
    for lead in leads.finditer(folded):
        whole = WORD.match(folded, lead.start())
        if whole is None:  # a lead begins with a word character: never so
            continue
        word = whole.group()
        numbers = seen.get(word)
        if numbers is None:  # the themes a word can begin a cue of, worked out once per word
            found = set(words.get(word, ()))
            for length, by_prefix in prefixes.items():
                if len(word) >= length and word[:length] in by_prefix:
                    found |= by_prefix[word[:length]]
            seen[word] = numbers = sorted(found)
        for number in numbers:
            if number not in cues:
                match = ordered[number].pattern.match(folded, lead.start())
                if match and match.lastgroup:
                    cues[number] = ordered[number].cues[int(match.lastgroup[1:])]
    return [(ordered[number].id, cues[number]) for number in sorted(cues)]
