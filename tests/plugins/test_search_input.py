"""What visitors type into a search (plugins/search_input.py), bounded and quoted."""
from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from support import load_plugin

search_input = load_plugin("search_input")


@pytest.mark.parametrize("typed, query", [
    ("Peru wages", '"Peru" "wages"'),
    ('"the wall', '"the" "wall"'),
    ("NEAR( a* ^b", '"NEAR" "a" "b"'),
    ("  ", ""),
    ('"', ""),
    (None, ""),
])
def test_search_terms_quotes_every_word_and_drops_syntax(typed, query):
    assert search_input.search_terms(typed) == query


def test_a_word_typed_twice_counts_once_whatever_its_case():
    assert search_input.bounded_words("the The THE workers the") == (["the", "workers"], False)


def test_past_the_distinct_words_allowed_the_rest_is_cut():
    words, cut = search_input.bounded_words(" ".join(f"w{i}" for i in range(40)))
    assert cut and words == [f"w{i}" for i in range(search_input.MAX_TERMS)]


def test_past_the_characters_allowed_the_rest_is_cut():
    long_word = "x" * (search_input.MAX_CHARACTERS - 10)
    words, cut = search_input.bounded_words(f"{long_word} workers internationalism")
    assert cut and words == [long_word, "workers"]
    assert sum(len(word) for word in words) <= search_input.MAX_CHARACTERS


def test_only_search_parameters_are_rewritten_and_raw_mode_is_dropped():
    typed = " ".join(["the"] * 50 + [f"w{i}" for i in range(30)])
    query_string, cut = search_input.bounded_query(
        f"q={typed}&_search_text={typed}&_searchmode=raw&title={typed}&_size=5".replace(" ", "+"))
    pairs = dict(parse_qsl(query_string))
    assert pairs["q"] == pairs["_search_text"] == " ".join(["the"] + [f"w{i}" for i in range(search_input.MAX_TERMS - 1)])
    assert pairs["title"] == typed and pairs["_size"] == "5" and "_searchmode" not in pairs
    assert set(cut) == {"q", "_search_text"}


def test_a_search_within_the_bounds_is_left_as_typed():
    assert search_input.bounded_query("q=%22working+class%22+Peru") == ("q=%22working+class%22+Peru", {})
