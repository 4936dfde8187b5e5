"""Hand corrections (``data/corrections/{issue}.yaml``) as typed records.

Read through the same hardened loader as every record (``gazette.load``), so a
typo in a correction file is an error naming file, line and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, TypeAdapter

from gazette.load.library import read_records
from gazette.records.models import DocumentId, ErratumKind, Line, Record


class Correction(Record):
    """Exact extracted text (``original``) replaced by the printed text before parsing."""

    kind: ErratumKind = "other"
    reason: Line
    original: Annotated[str, StringConstraints(min_length=1)]
    published: str
    erratum_original: str | None = Field(default=None, description="Shown in the erratum instead of `original`")
    erratum_published: str | None = Field(default=None, description="Shown in the erratum instead of `published`")


class DocumentCorrections(Record):
    replace: list[Correction] = Field(default_factory=list)
    join: list[Line] = Field(default_factory=list, description="Paragraph endings that must be joined with the next")
    no_join: list[Line] = Field(default_factory=list, description="Paragraph endings that must not be joined")


_CORRECTIONS = TypeAdapter(dict[DocumentId, DocumentCorrections])


def load_corrections(data: Path, issue_id: str) -> dict[str, DocumentCorrections]:
    """Corrections of one issue by document id (none when the file does not exist)."""
    path = data / "corrections" / f"{issue_id}.yaml"
    if not path.exists():
        return {}
    corrections: dict[str, DocumentCorrections] = read_records(path, _CORRECTIONS, data)
    return corrections
