"""What the search plugin repeats of the build, for the server's image that holds no build code, agrees with it."""
from __future__ import annotations

from support import load_plugin

import etl.load.database
import etl.load.word_lists

search = load_plugin("search")


def test_the_tokenizer_and_the_lists_are_read_as_the_build_writes_them():
    assert search.TOKENIZE == etl.load.database.TOKENIZE
    assert search.PART == etl.load.word_lists.PART
    assert search.LISTS == etl.load.word_lists.TABLE
