"""Typed record models: the schema of ``data/``."""

from gazette.records.models import (
    Attachment,
    Department,
    Document,
    Erratum,
    Issue,
    Issuer,
    Part,
    Table,
)

__all__ = ["Attachment", "Department", "Document", "Erratum", "Issue", "Issuer", "Part", "Table"]
