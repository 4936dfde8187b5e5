"""Which documents name which department (by canonical name or any alias)."""

from __future__ import annotations

from collections.abc import Iterable

from gazette.derive.text import document_strings
from gazette.derive.views import DeptRef, DocRef


def mentions(departments: Iterable[DeptRef], documents: Iterable[DocRef]) -> dict[str, tuple[DocRef, ...]]:
    """Department code → the documents whose text names it, in the given order."""
    texts = [(doc, "\n".join(document_strings(doc.record))) for doc in documents]
    return {
        dept.code: tuple(doc for doc, text in texts if any(name in text for name in dept.names))
        for dept in departments
    }
