"""The importer's error for a source text it cannot turn into records."""

from __future__ import annotations


class SourceError(Exception):
    """Something in the issue text stops the import; ``line`` is 0-based, None when unknown.

    The command line turns it into a :class:`gazette.load.errors.RecordError`
    naming the source file and the 1-based line.
    """

    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message if line is None else f"line {line + 1}: {message}")
