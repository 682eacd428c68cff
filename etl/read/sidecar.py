"""The sidecar format of raw/sources/<id>.yml, validated with clear, located messages."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PositiveInt, ValidationError

from ..common.errors import BuildError
from ..common.yaml_input import parse_yaml

Kind = Literal["statement", "declaration", "resolution", "letter", "article", "programme", "web-page"]
KINDS: tuple[str, ...] = get_args(Kind)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
# The control characters refused in texts (read.py), and lone surrogates, which no UTF-8 file or database can
# hold: YAML's escapes ("\0", "\x1b", "\ud800") can put them in a value.
UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def check_partial_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date."""
    match = PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a real date ({error})") from None
    return value


def check_moment(value: str) -> str:
    """Accept an RFC 3339 date and time with its UTC offset (git's `%aI`); give it back in one spelling."""
    if not MOMENT.match(value):
        raise ValueError(f"{value!r} is not a date and time with its UTC offset, such as 2024-05-01T09:30:00+02:00")
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError as error:
        raise ValueError(f"{value!r} is not a real date and time ({error})") from None


def check_exact(value: str) -> str:
    """Text to find in a document: kept exactly as written (its spaces count), but not empty."""
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def check_slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"{value!r} is not a slug (lower-case letters, digits and single hyphens)")
    return value


def check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def check_url(value: str) -> str:
    if not re.match(r"^https?://\S+$", value):
        raise ValueError(f"{value!r} is not an http(s) address")
    return value


def as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Text = Annotated[str, AfterValidator(check_text)]
PartialDate = Annotated[str, AfterValidator(check_partial_date)]
Moment = Annotated[str, AfterValidator(check_moment)]
Slug = Annotated[str, AfterValidator(check_slug)]
Url = Annotated[str, AfterValidator(check_url)]
Names = Annotated[list[Text], BeforeValidator(as_list)]
Language = Annotated[str, AfterValidator(lambda v: v if re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", v) else _bad_language(v))]


def _bad_language(value: str) -> str:
    raise ValueError(f"{value!r} is not a language code such as en or es")


def as_exact(value: Any) -> Any:
    """A correction's text, written as a string or as {text: …, occurrence: N}."""
    return {"text": value} if isinstance(value, str) else value


class Exact(BaseModel):
    """Text exactly as it is written in the document, and which of its occurrences is meant (from 1)."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, AfterValidator(check_exact)]
    occurrence: PositiveInt = 1


ExactText = Annotated[Exact, BeforeValidator(as_exact)]
Status = Literal["official", "full", "sympathizing", "observer", "candidate", "fraternal", "associate", "member"]
DemandKind = Literal["slogan", "demand", "principle"]


class SectionAddition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, AfterValidator(check_exact)]
    occurrence: PositiveInt = 1
    country: Text | None = None
    status: Status | None = None
    international: Text | None = None


class DemandAddition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, AfterValidator(check_exact)]
    occurrence: PositiveInt = 1
    kind: DemandKind


class Additions(BaseModel):
    """Rows the editors add to what the rules found."""

    model_config = ConfigDict(extra="forbid")

    signatories: list[ExactText] = []
    participants: list[ExactText] = []
    addressees: list[ExactText] = []
    issuers: list[ExactText] = []
    sections: list[SectionAddition] = []
    demands: list[DemandAddition] = []


class DocumentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    title: Text
    kind: Kind
    first_line: Text
    date: PartialDate | None = None
    issued_by: Names = []
    author: Text | None = None
    ends_before: Text | None = None
    add: Additions | None = None
    reject: list[ExactText] = []


class Sidecar(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text
    publisher: Text | None = None
    author: Text | None = None
    url: Url | None = None
    published: PartialDate | None = None
    added: Moment | None = None  # when the source entered the archive: the feeds' and the sitemap's dates
    language: Language = "en"
    kind: Kind | None = None
    date: PartialDate | None = None
    issued_by: Names = []
    documents: list[DocumentEntry] | None = None
    add: Additions | None = None  # the corrections of a source that is one document; else under its document
    reject: list[ExactText] = []


def line_of(node: yaml.Node | None, path: tuple[Any, ...]) -> int | None:
    """The 1-based line where `path` (keys and list indexes) stands in a composed YAML tree."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = next((value for key, value in node.value if key.value == step), None)
            if found is None:
                key_node = next((key for key, _ in node.value if key.value == step), None)
                return key_node.start_mark.line + 1 if key_node is not None else line
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def field_name(path: tuple[Any, ...]) -> str:
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name


def check_characters(path: Path, root: yaml.Node | None) -> None:
    """Refuse a key or value holding an UNSTORABLE character, naming its line and field."""
    stack: list[tuple[yaml.Node, tuple[Any, ...]]] = [(root, ())] if root is not None else []
    seen: set[int] = set()  # an alias is the node it names: each node is looked at once
    while stack:
        node, loc = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            bad = UNSTORABLE.search(node.value)
            if bad:
                char = bad.group()
                what = ("lone surrogate" if "\ud800" <= char <= "\udfff"
                        else "control character " + unicodedata.name(char, f"U+{ord(char):04X}"))
                raise BuildError(path, f"{what} (U+{ord(char):04X}) in the value", line=node.start_mark.line + 1,
                                 field=field_name(loc) or None)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, loc + (index,)) for index, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, loc + (key.value if isinstance(key, yaml.ScalarNode) else "?",)))
                stack.append((key, loc))


def parse_sidecar(path: Path, text: str) -> tuple[Sidecar, yaml.Node | None]:
    """Parse and validate a sidecar's text; raise BuildError naming line and field."""
    node, data = parse_yaml(path, text, safe=False)
    if not isinstance(data, dict):
        raise BuildError(path, "a sidecar must be a mapping of fields such as title:, kind:, documents:", line=1)
    check_characters(path, node)
    try:
        sidecar = Sidecar.model_validate(data)
    except ValidationError as error:
        raise located(path, node, error) from None
    if sidecar.documents is not None and (sidecar.add is not None or sidecar.reject):
        key = "add" if sidecar.add is not None else "reject"
        raise BuildError(path, "the corrections of a source with documents go under the document they correct",
                         line=line_of(node, (key,)), field=key)
    return sidecar, node


def located(path: Path, node: yaml.Node | None, error: ValidationError) -> BuildError:
    """The first error pydantic found, with the line and field it is about."""
    first = error.errors()[0]
    loc = tuple(step for step in first["loc"] if not (isinstance(step, str) and step.startswith("literal[")))
    loc = _drop_validator_names(loc)
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown field (see the sidecar format in README.md)"
    elif first["type"] == "missing":
        message = "required field is missing"
    elif first["type"] == "literal_error":
        message = f"{first.get('input')!r} is not one of: {first.get('ctx', {}).get('expected', ', '.join(KINDS))}"
    return BuildError(path, message, line=line_of(node, loc), field=field_name(loc))


def _drop_validator_names(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Pydantic adds the name of a union member or validator to a location; keep only the data's path."""
    return tuple(step for step in loc if isinstance(step, int) or not any(c in str(step) for c in "[]()"))
