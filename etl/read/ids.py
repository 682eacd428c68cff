"""Document ids are unique across the archive: checked once, over the sources just read and those kept as they were."""
from __future__ import annotations

from pathlib import Path

from ..common.errors import BuildError
from ..common.records import Source
from .sources import read_source


def document_ids(source: Source) -> tuple[str, tuple[str, ...]]:
    """(the sidecar that gives them, the document ids) of a source."""
    return source.sidecar_path, tuple(document.id for document in source.documents)


def check_document_ids(paths: list[Path], specs: dict[str, tuple[str, tuple]], kept: dict[str, list[str]]) -> None:
    """No document id used twice, over every source: the ids of the sources just read (specs), and of those
    kept as they were (from the database). The sidecar of a source whose id is taken is read again for the
    line to name."""
    seen: dict[str, str] = {}
    for path in paths:
        sidecar_path, ids = specs.get(path.stem) or (str(path.with_suffix(".yml")), kept.get(path.stem, []))
        for document_id in ids:
            if document_id in seen:
                spec = next(s for s in read_source(path).documents if s.id == document_id)
                raise BuildError(sidecar_path, f"document id {document_id!r} is already used by {seen[document_id]}",
                                 line=spec.line, field="documents[].id" if spec.first_line else "id (the file name)")
            seen[document_id] = sidecar_path
