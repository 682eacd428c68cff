"""Text normalization shared by matching rules: case, accents, quotes, punctuation."""
from __future__ import annotations

import re
import unicodedata

QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})


def fold(text: str) -> str:
    """Lower case, without accents, with typographic quotes and dashes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.translate(QUOTES).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def name_key(text: str) -> str:
    """A name reduced for matching: folded, punctuation to spaces, no leading article, single spaces."""
    key = re.sub(r"[^\w]+", " ", fold(text)).strip()
    key = re.sub(r"^(the|la|el|le|los|las|les|il|o|a) ", "", key)
    return re.sub(r"\s+", " ", key)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "unnamed"
