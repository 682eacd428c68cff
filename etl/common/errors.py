"""The one error the build stops with: it names the file and, where known, the line and field."""
from __future__ import annotations

from pathlib import Path


class BuildError(Exception):
    """Bad input: stops the build with a message naming the file, line and field."""

    def __init__(self, path: Path | str, message: str, line: int | None = None, field: str | None = None):
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):  # pickled whole, from a worker process to the build
        return BuildError, (self.path, self.message, self.line, self.field)

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {what}{self.message}"
