"""The theme taxonomy of raw/themes.yml, and the themes a text's cue words give it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import BuildError
from .normalize import fold
from .sidecar import SLUG, field_name, line_of


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
    path = raw / "themes.yml"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text) or []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise BuildError(path, f"not valid YAML: {error.problem}", line=mark.line + 1 if mark else None)
    if not isinstance(data, list):
        raise BuildError(path, "the taxonomy must be a list of themes", line=1)
    themes, seen = [], set()
    for index, item in enumerate(data):
        try:
            entry = Entry.model_validate(item)
        except ValidationError as error:
            first = error.errors()[0]
            loc = (index, *[s for s in first["loc"] if isinstance(s, (int, str))])
            raise BuildError(path, first["msg"].removeprefix("Value error, "), line=line_of(node, loc), field=field_name(loc)) from None
        if entry.id in seen:
            raise BuildError(path, f"duplicate theme id {entry.id!r}", line=line_of(node, (index, "id")), field=f"[{index}].id")
        seen.add(entry.id)
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
