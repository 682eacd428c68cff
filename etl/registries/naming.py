"""How lists write names: the abbreviated words and the distinguishing words of raw/naming.yml."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..common.errors import BuildError
from ..common.normalize import fold, name_key
from ..common.yaml_input import parse_yaml
from ..read.sidecar import field_name, line_of


class NamingFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    abbreviations: dict[str, str] = {}
    distinguishing: list[str] = []


@dataclass(frozen=True)
class Naming:
    abbreviations: dict[str, str] = field(default_factory=dict)  # a word as written -> the words it stands for
    distinguishing: frozenset[str] = frozenset()  # name_key() of each distinguishing word
    pattern: re.Pattern = re.compile(r"(?!)")  # the abbreviated words, where a word begins and ends

    def expand(self, name: str) -> str:
        """The name with its abbreviated words written out: 'CP of Greece' -> 'Communist Party of Greece'."""
        return self.pattern.sub(lambda word: self.abbreviations[word.group()], name)

    def abbreviated(self, name: str) -> bool:
        return bool(self.pattern.search(name))

    def distinguishing_words(self, name: str) -> set[str]:
        return {word for word in name_key(name).split() if word in self.distinguishing}


def naming_of(abbreviations: dict[str, str], distinguishing: list[str]) -> Naming:
    words = sorted(abbreviations, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'’-])") if words else re.compile(r"(?!)")
    return Naming(dict(abbreviations), frozenset(name_key(word) for word in distinguishing), pattern)


def load_naming(raw: Path) -> Naming:
    """raw/naming.yml, validated (file, line and field of any mistake); no file: nothing abbreviated or distinguished."""
    path = raw / "naming.yml"
    if not path.exists():
        return Naming()
    node, data = parse_yaml(path, path.read_text(encoding="utf-8"), safe=True)
    try:
        parsed = NamingFile.model_validate(data or {})
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(step for step in first["loc"] if isinstance(step, (int, str)))
        raise BuildError(path, first["msg"], line=line_of(node, loc), field=field_name(loc)) from None
    for short, long in parsed.abbreviations.items():
        if not short.strip() or not long.strip() or fold(short) == fold(long):
            raise BuildError(path, f"{short!r}: an abbreviation and the words it stands for must both be given and differ",
                             line=line_of(node, ("abbreviations", short)), field=f"abbreviations.{short}")
    return naming_of(parsed.abbreviations, parsed.distinguishing)
