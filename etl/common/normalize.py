"""Text normalization shared by matching rules: case, accents, quotes, punctuation."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
NOT_WORD = re.compile(r"[^\w]+")
LEADING_ARTICLE = re.compile(r"^(the|la|el|le|los|las|les|il|o|a) ")
SPACES = re.compile(r"\s+")
# The non-ASCII letters that re.IGNORECASE takes for ASCII ones: mapped before lower(), so that a
# plain `in` test never misses what an IGNORECASE pattern of ASCII words would find.
CASELESS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _without_combining(run: re.Match) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower case, without accents, with typographic quotes and dashes made plain."""
    if text.isascii():  # nothing to translate or decompose: the common case, kept fast
        return text.lower().strip()
    lowered = text.translate(QUOTES).casefold()
    if lowered.isascii():
        return lowered.strip()
    return NON_ASCII.sub(_without_combining, unicodedata.normalize("NFKD", lowered)).strip()


def name_key(text: str) -> str:
    """A name reduced for matching: folded, punctuation to spaces, no leading article, single spaces."""
    key = NOT_WORD.sub(" ", fold(text)).strip()
    key = LEADING_ARTICLE.sub("", key)
    return SPACES.sub(" ", key)


ABBREVIATION = re.compile(r"[A-Z][A-Za-z0-9]*(?:[-/.’'][A-Za-z0-9]+)*")


ROMAN_NUMERAL = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")  # up to XXXIX: the number of a part, a point or a congress


def looks_like_abbreviation(text: str) -> bool:
    """XKP, WFI-FI, PCdoX, PKX-1930, LIT-XI: a short word of two capitals or more (not a numeral: II, XIV)."""
    return bool(ABBREVIATION.fullmatch(text)) and sum(c.isupper() for c in text) >= 2 and len(text) <= 12 \
        and not ROMAN_NUMERAL.fullmatch(text)


def holds_in_order(letters: list[str], wanted: list[str]) -> bool:
    """Whether `wanted` is a subsequence of `letters`."""
    remaining = iter(letters)
    return all(any(letter == target for letter in remaining) for target in wanted)


def initials(name: str) -> list[str]:
    """The initials of a name's words in capitals, and of the parts of its hyphenated words."""
    return [part[0] for word in name.split() if word[:1].isupper() for part in re.split(r"[-‐]", word) if part]


def stands_for(abbreviation: str, name: str) -> bool:
    """Whether an abbreviation may stand for a name: it begins with the name's first initial, and the name's initials
    hold its capitals in order (but perhaps the last: 'SAV', 'Sozialistische Alternative')."""
    capitals, letters = [c for c in abbreviation if c.isupper()], initials(name)
    return bool(capitals and letters) and capitals[0] == letters[0] \
        and holds_in_order(letters, capitals if len(capitals) < 3 else capitals[:-1])


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "unnamed"


@lru_cache(maxsize=1 << 14)
def caseless(text: str) -> str:
    """text with its letters as an re.IGNORECASE pattern of lower-case ASCII letters sees them: lowered, and
    the four non-ASCII letters it takes for ASCII ones made ASCII. For quick tests that rule out texts such a
    pattern cannot match (its offsets are not text's)."""
    if not text.isascii() and any(letter in text for letter in "\u0130\u0131\u017f\u212a"):
        text = text.translate(CASELESS)
    return text.lower()


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether text holds one of these lower-case ASCII words in any case, as re.IGNORECASE would find them:
    a quick test that rules out the texts an IGNORECASE pattern made of one of the words cannot match."""
    folded = caseless(text)
    for word in words:  # noqa: SIM110 -- a plain loop: any() over a generator costs more than the tests themselves
        if word in folded:
            return True
    return False


def _trie(entries: list[tuple[str, str]]) -> str:
    r"""A pattern matching any of these strings where a word begins, from a trie of their letters, so that a
    text is scanned once however many strings there are. Each string ends as "prefix" (the word may go on),
    "word" (the word ends with it) or "plain" (nothing asked of what follows). Where strings are prefixes of
    one another, the longest that can match is tried first, as in an alternation sorted longest first.

    Nothing before the first letter may be a word character. That is asked after the first letter,
    (?<!\w[\s\S]), so that the pattern begins with the set of first letters, which the regular expression
    engine skips to instead of trying every position."""
    root: dict = {}
    for text, end in entries:
        node = root
        for char in text:
            node = node.setdefault(char, {})
        node.setdefault("", set()).add(end)

    def pattern(node: dict, first: bool) -> str:
        ends = node.get("", set())
        if "prefix" in ends:
            return ""
        alternatives = [re.escape(char) + (r"(?<!\w[\s\S])" if first else "") + pattern(child, False)
                        for char, child in sorted(node.items()) if char]
        if "word" in ends:
            alternatives.append(r"(?!\w)")
        if "plain" in ends:
            alternatives.append("")
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return pattern(root, True)


def words_pattern(words: list[tuple[str, bool]]) -> re.Pattern:
    """A pattern matching, where a word begins, any of these words: whole (False) or as the beginning of a
    longer word (True). No words: it matches nothing."""
    if not words:
        return re.compile(r"(?!)")
    return re.compile(_trie([(word, "prefix" if open_ended else "word") for word, open_ended in words]))


def alternation(strings: list[str]) -> str:
    r"""(?<!\w)(?:s1|s2|…) with the strings sorted longest first, as a trie (see _trie). No strings: it matches nothing."""
    return _trie([(text, "plain") for text in strings]) if strings else "(?!)"


def in_capitals(text: str) -> bool:
    """Letters, and every one of them a capital (a letter of no case is none)."""
    letters = False
    for char in text:  # a plain loop: most texts are ruled out by their second letter
        if char.isalpha():
            if not char.isupper():
                return False
            letters = True
    return letters
