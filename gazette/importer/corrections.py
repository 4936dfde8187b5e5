"""Hand corrections (``data/corrections/{issue}.yaml``) as typed records.

Read through the same hardened loader as every record (``gazette.load``), so a
typo in a correction file is an error naming file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, TypeAdapter

from gazette.load.errors import RecordError
from gazette.load.library import load_file
from gazette.load.yamlfile import Loc, YamlFile
from gazette.records.models import DocumentId, Doubt, ErratumKind, Line, Record


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
    doubts: list[Doubt] = Field(default_factory=list, description="存疑 marks copied into the record")


_CORRECTIONS = TypeAdapter(dict[DocumentId, DocumentCorrections])


class CorrectionError(ValueError):
    """A hand correction that cannot be applied; ``index`` is its place in ``replace``."""

    def __init__(self, index: int, message: str):
        self.index = index
        super().__init__(message)


@dataclass
class IssueCorrections:
    """The corrections of one issue by document id, with the file they came from (for errors)."""

    documents: dict[str, DocumentCorrections] = field(default_factory=dict)
    source: YamlFile | None = None

    def of(self, doc_id: str) -> DocumentCorrections:
        return self.documents.get(doc_id, DocumentCorrections())

    def error(self, loc: Loc, message: str) -> RecordError:
        assert self.source is not None, "errors are only raised for corrections that exist"
        return self.source.error(loc, message)


def load_corrections(data: Path, issue_id: str) -> IssueCorrections:
    """Corrections of one issue (none when the file does not exist)."""
    path = data / "corrections" / f"{issue_id}.yaml"
    if not path.exists():
        return IssueCorrections()
    documents, source = load_file(path, _CORRECTIONS, data)
    return IssueCorrections(documents, source)
