"""Which documents name which department (by canonical name or any alias)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gazette.derive.text import document_strings

if TYPE_CHECKING:
    from gazette.derive.catalog import DepartmentView, DocView


def attach_mentions(departments: list["DepartmentView"], documents: list["DocView"]) -> None:
    texts = {doc.id: "\n".join(document_strings(doc.record)) for doc in documents}
    for dept in departments:
        dept.documents = [doc for doc in documents if any(name in texts[doc.id] for name in dept.names)]
