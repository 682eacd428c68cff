"""Text normalization shared by matching rules: case, accents, quotes, punctuation."""
from __future__ import annotations

import re
import unicodedata

QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
NOT_WORD = re.compile(r"[^\w]+")
LEADING_ARTICLE = re.compile(r"^(the|la|el|le|los|las|les|il|o|a) ")
SPACES = re.compile(r"\s+")


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


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "unnamed"
