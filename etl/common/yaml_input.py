"""The one way the build parses the YAML of raw/: nesting counted first, then libyaml's C parser, errors located."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import BuildError
from .nesting import LINE_BREAK, too_deep

MAX_DEPTH = 10  # a sidecar needs 4 (its fields, documents, a document's fields, a list of names); a registry 3


def nested_too_deep(path: Path | str, line: int | None) -> BuildError:
    return BuildError(path, f"nested more than {MAX_DEPTH} levels deep: a sidecar holds fields, lists of names and a "
                      "list of documents; a registry, a list of entries", line=line)


def parse_yaml(path: Path | str, text: str, safe: bool) -> tuple[yaml.Node | None, Any]:
    """The composed tree of `text` (for the lines of later errors) and its data: with the BaseLoader (every value
    a string, as sidecars are read) or the SafeLoader (registries). Nesting deeper than MAX_DEPTH is refused
    before any parser sees the text; any error of the parser becomes a BuildError with its line."""
    deep = too_deep(text, MAX_DEPTH)
    if deep is not None:
        raise nested_too_deep(path, deep)
    fast = getattr(yaml, "CSafeLoader" if safe else "CBaseLoader", None)
    slow = yaml.SafeLoader if safe else yaml.BaseLoader
    try:
        if fast is not None:
            try:
                return yaml.compose(text, Loader=fast), yaml.load(text, Loader=fast)
            except yaml.YAMLError as error:
                if "nesting depth" in str(error):  # libyaml's own limit: never handed to another parser
                    raise nested_too_deep(path, _line(error)) from None
                # the pure-Python parser below says what is wrong, in the words its messages always had
        return yaml.compose(text, Loader=slow), yaml.load(text, Loader=slow)
    except RecursionError:
        raise nested_too_deep(path, None) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: its line, from its position
        raise BuildError(path, f"not valid YAML: {error}", line=_line_at(text, error.position)) from None
    except yaml.MarkedYAMLError as error:
        raise BuildError(path, f"not valid YAML: {error.problem or error}", line=_line(error)) from None
    except yaml.YAMLError as error:
        raise BuildError(path, f"not valid YAML: {error}") from None


def _line(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark else None


def _line_at(text: str, position: int) -> int:
    return len(LINE_BREAK.findall(text, 0, position)) + 1
