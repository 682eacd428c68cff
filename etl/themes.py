"""The theme taxonomy of raw/themes.yml, and the themes a text's cue words give it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from .normalize import fold
from .registry_file import read_entries
from .sidecar import SLUG


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    description: str
    cues: list[str]

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"{value!r} is not a slug")
        return value


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


def themes_of(text: str, themes: list[Theme]) -> list[tuple[str, str]]:
    """(theme id, the cue that matched first) for every theme whose cues the text contains."""
    folded = fold(text).replace("’", "'")
    found = []
    for theme in themes:
        match = theme.pattern.search(folded)
        if match:
            cue = theme.cues[int(next(name for name, value in match.groupdict().items() if value is not None)[1:])]
            found.append((theme.id, cue))
    return found
