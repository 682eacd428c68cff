"""The trie patterns that find country names and theme cues fast match what the plain alternations match."""
from __future__ import annotations

import random
import re

from etl.common.normalize import alternation, words_pattern

NAMES = ["Niger", "Nigeria", "Guinea", "Guinea-Bissau", "Equatorial Guinea", "Congo", "Congo (Brazzaville)", "Dominica",
         "Dominican Republic", "Côte d'Ivoire", "Perú", "Peru", "Peruvian", "South Africa", "South Sudan", "Sudan", "Mali",
         "Malian", "Malawi", "Oman", "Romania", "Roman", "Korea", "North Korea"]
PIECES = NAMES + [n + "s" for n in NAMES] + [n[:-1] for n in NAMES] + [n[1:] for n in NAMES] + \
    ["of", "the", "x", "9", "_", "é", "\n", " ", ",", "-", "'", "(", ")"]


def texts(seed: int, count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice([" ", "", ", ", "\n", "-", "_"]) + rng.choice(PIECES) for _ in range(rng.randrange(1, 12)))
            for _ in range(count)]


def test_an_alternation_as_a_trie_finds_what_the_sorted_alternation_finds():
    names = sorted(set(NAMES), key=len, reverse=True)
    plain = re.compile(rf"(?<!\w)({'|'.join(map(re.escape, names))})(?:s)?(?!\w)")
    trie = re.compile(rf"({alternation(names)})(?:s)?(?!\w)")
    for text in texts(1):
        assert [(m.group(1), m.span()) for m in trie.finditer(text)] == \
            [(m.group(1), m.span()) for m in plain.finditer(text)], text


def test_words_pattern_finds_whole_words_and_prefixes_where_a_word_begins():
    words = [("pay", False), ("wage", False), ("salar", True), ("lay", False), ("pens", True)]
    pattern = words_pattern(words)
    whole = {w for w, open_ended in words if not open_ended}
    prefixes = tuple(w for w, open_ended in words if open_ended)
    for text in ["pay payé paying wage wages salary salaries lay-offs layoff pension _pay 9pens pensé repay", *texts(2, 500)]:
        expected = [m.start() for m in re.finditer(r"\w+", text) if m.group() in whole or m.group().startswith(prefixes)]
        assert [m.start() for m in pattern.finditer(text)] == expected, text


def test_no_words_match_nothing():
    assert words_pattern([]).search("anything") is None
    assert re.compile(alternation([])).search("anything") is None
