"""What visitors type into a search, bounded, and as a safe FTS5 query.

Every search path takes at most MAX_TERMS distinct words and MAX_CHARACTERS characters (a word typed twice
counts once): the `search` and `demands_search` queries through search_terms(), and any table's `_search=` and
`_search_<column>=` through this plugin, which rewrites an over-long search before Datasette sees it and says
on the page (and in the X-Search-Cut header) what it kept. Searches that had to be bounded (words typed twice,
or too many) are answered one at a time, each after PAUSE times the last one's time: clients sending them cannot
take more of the server than a third of one thread. `_searchmode=raw` is ignored: FTS5's own syntax
(prefixes, NEAR, OR) is for SQL, which plugins/sharing.py runs apart.

Without the bound one FTS5 match of the word "the" typed 2,500 times runs for seconds inside a single step of
SQLite, where the time limit cannot stop it.

- search_terms(q): what a person typed, as a safe FTS5 query; '' when nothing searchable is left, so a query can
  answer an empty or punctuation-only box without an FTS5 syntax error. Deterministic, which lets SQLite skip a
  search whose terms are empty. The syntax people know from search engines: every word is required,
  `"a phrase"` in double quotes is a phrase, `-word` (or `-"a phrase"`) leaves out the passages that have it;
  anything else (a stray quote, brackets, FTS5's own operators) is taken as plain words, never an error. The
  query it gives is always of the form `"a" "b c" NOT "d"`: phrases in double quotes, the left out ones after NOT.
"""
from __future__ import annotations

import asyncio
import re
import time
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

MAX_TERMS = 16
MAX_CHARACTERS = 256
WORD = re.compile(r"\w+", re.UNICODE)
UNIT = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')  # a phrase in quotes, or a run of other characters; `-` before either
SEARCHED = re.compile(r"q|_search(_.+)?")  # the parameters that hold words to search for
IGNORED = {"_searchmode"}
SCOPE_KEY = "archive.search_cut"
PAUSE = 2  # after a search that had to be cut, the next such waits twice as long as it took


class Search(NamedTuple):
    """What a person typed, read as search syntax: the phrases required and those left out (a word is a phrase
    of one), each once, within the bounds; and whether any was left out for the bounds."""

    required: tuple[tuple[str, ...], ...]
    excluded: tuple[tuple[str, ...], ...]
    cut: bool

    def fts(self) -> str:
        if not self.required:
            return ""
        phrases = [quoted(phrase) for phrase in self.required] + [f"NOT {quoted(phrase)}" for phrase in self.excluded]
        return " ".join(phrases)

    def text(self) -> str:
        """The search as it could have been typed."""
        return " ".join([typed(phrase) for phrase in self.required] + ["-" + typed(phrase) for phrase in self.excluded])


def quoted(phrase: tuple[str, ...]) -> str:
    return '"' + " ".join(phrase) + '"'


def typed(phrase: tuple[str, ...]) -> str:
    return phrase[0] if len(phrase) == 1 else quoted(phrase)


def units(text: str) -> list[tuple[bool, tuple[str, ...]]]:
    """The phrases of a search, in the order typed, each with whether it is left out (`-`). A quote with no
    partner is a plain character; the words of a run that is not quoted are each a phrase of one."""
    if text.count('"') % 2:
        last = text.rindex('"')
        text = text[:last] + " " + text[last + 1:]
    found: list[tuple[bool, tuple[str, ...]]] = []
    for match in UNIT.finditer(text):
        quoted_words = match.group(2)
        if quoted_words is not None:
            words = tuple(WORD.findall(quoted_words))
            excluded = bool(match.group(1))
        else:
            words = tuple(WORD.findall(match.group(4)))
            excluded = bool(match.group(3))
        if excluded or len(words) > 1 and quoted_words is not None:
            found += [(excluded, words)] if words else []
        else:
            found += [(False, (word,)) for word in words]
    return found


def parse(text: str | None) -> Search:
    """The search a person typed, its phrases each once (whatever their case), within MAX_TERMS words and
    MAX_CHARACTERS characters."""
    required: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    seen: set[tuple[bool, tuple[str, ...]]] = set()
    words = length = 0
    for left_out, phrase in units(text or ""):
        key = (left_out, tuple(word.casefold() for word in phrase))
        if key in seen:
            continue
        size = sum(len(word) + 1 for word in phrase) - 1
        if words + len(phrase) > MAX_TERMS or length + size > MAX_CHARACTERS:
            return Search(tuple(required), tuple(excluded), cut=True)
        seen.add(key)
        (excluded if left_out else required).append(phrase)
        words, length = words + len(phrase), length + size + 1
    return Search(tuple(required), tuple(excluded), cut=False)


def bounded_words(text: str | None) -> tuple[list[str], bool]:
    """The distinct words parse() keeps of a search, and whether any was left out for the bounds."""
    search = parse(text)
    return [word for phrase in search.required + search.excluded for word in phrase], search.cut


def search_terms(query: str | None) -> str:
    return parse(query).fts()


def bounded_query(query_string: str) -> tuple[str, dict[str, str]]:
    """The query string with every search parameter bounded, and for each one cut, the words kept."""
    pairs, cut = [], {}
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name in IGNORED:
            continue
        if SEARCHED.fullmatch(name):
            search = parse(value)
            kept = sum(len(phrase) for phrase in search.required + search.excluded)
            typed = len(WORD.findall(value))
            # `q` is kept as typed within the bounds, words typed twice and all (search_terms() drops them, and an
            # organization's name is looked up as typed); a table's search is given each word once
            over = typed > MAX_TERMS or len(value) > MAX_CHARACTERS if name == "q" else kept < typed
            if search.cut or over:
                value = search.text()
            if search.cut:
                cut[name] = value
        pairs.append((name, value))
    return urlencode(pairs), cut


def cut_notice(cut: dict[str, str]) -> str:
    kept = "; ".join(f"{name}={words}" for name, words in cut.items())
    return f"kept the first {MAX_TERMS} distinct words, at most {MAX_CHARACTERS} characters: {kept}"


def wrap(app):
    one_at_a_time = asyncio.Semaphore(1)

    async def bounded(scope, receive, send):
        if scope["type"] != "http" or not scope.get("query_string"):
            return await app(scope, receive, send)
        original = scope["query_string"].decode("latin-1")
        query_string, cut = bounded_query(original)
        if parse_qsl(query_string, keep_blank_values=True) == parse_qsl(original, keep_blank_values=True):
            return await app(scope, receive, send)
        scope = {**scope, "query_string": query_string.encode("latin-1"), SCOPE_KEY: cut}
        async with one_at_a_time:
            started = time.monotonic()
            await app(scope, receive, saying_so(send, cut))
            await asyncio.sleep(PAUSE * (time.monotonic() - started))

    return bounded


def saying_so(send, cut: dict[str, str]):
    """The response, with the X-Search-Cut header when words were left out."""


    async def send_saying_so(message):
        if message["type"] == "http.response.start" and cut:
            notice = cut_notice(cut).encode("ascii", "backslashreplace")
            message = {**message, "headers": [*message.get("headers", []), (b"x-search-cut", notice)]}
        await send(message)

    return send_saying_so


@hookimpl
def asgi_wrapper(datasette):
    return wrap


@hookimpl
def extra_template_vars(request):
    cut = request.scope.get(SCOPE_KEY) if request else None
    if not cut:
        return {}
    return {"search_cut": {"terms": MAX_TERMS, "characters": MAX_CHARACTERS, "kept": cut}}


@hookimpl
def prepare_connection(conn):
    conn.create_function("search_terms", 1, search_terms, deterministic=True)
