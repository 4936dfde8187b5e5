"""The one error type the pipeline raises for bad input."""

from __future__ import annotations

from pathlib import Path


class RecordError(Exception):
    """A record is wrong. Names the file, the line and the field."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str):
        self.path = Path(path)
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        field = f" 字段 '{self.field}'" if self.field else ""
        return f"{where}:{field} {self.message}"


class RecordErrors(Exception):
    """Several records are wrong; all are reported at once."""

    def __init__(self, errors: list[RecordError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
