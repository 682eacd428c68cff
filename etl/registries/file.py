"""Reading an editorial registry of raw/: a YAML list of entries, each validated, ids unique, errors located."""
from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..common.errors import BuildError
from ..common.yaml_input import parse_yaml
from ..read.sidecar import field_name, line_of

Entry = TypeVar("Entry", bound=BaseModel)


def read_entries(path: Path, model: type[Entry], what: str) -> list[tuple[Entry, yaml.Node]]:
    """Each entry of the list in `path` validated by `model`, with the YAML node it came from (for error lines)."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    node, data = parse_yaml(path, text, safe=True)
    data = data or []
    if not isinstance(data, list):
        raise BuildError(path, f"must be a list of {what}", line=1)
    nodes = node.value if isinstance(node, yaml.SequenceNode) else []
    entries, seen = [], set()
    for index, item in enumerate(data):
        try:
            entry = model.model_validate(item)
        except ValidationError as error:
            first = error.errors()[0]
            loc = (index, *[s for s in first["loc"] if isinstance(s, (int, str))])
            message = first["msg"].removeprefix("Value error, ")
            raise BuildError(path, message, line=line_of(node, loc), field=field_name(loc)) from None
        entry_id = entry.model_dump()["id"]  # every registry entry has an id
        if entry_id in seen:
            raise BuildError(path, f"duplicate id {entry_id!r}", line=line_of(node, (index, "id")), field=f"[{index}].id")
        seen.add(entry_id)
        entries.append((entry, nodes[index]))
    return entries


def line_in(entry_node: yaml.Node, key: str) -> int | None:
    return line_of(entry_node, (key,))
