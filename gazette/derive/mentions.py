"""Which documents name which department: the unit-name matcher over each document's text.

A document mentions a unit where the matcher (``gazette.vocab.unitnames``) finds one of its
names: the longest registered name wins and a name behind a county-level place is that
county's, so 住建局 inside 市住建局 and 市交通运输局 inside 江山市交通运输局 are not mentions
of the shorter unit."""

from __future__ import annotations

from collections.abc import Iterable

from gazette.derive.departments import Registry
from gazette.derive.text import document_strings
from gazette.derive.views import DeptRef, DocRef


def mentions(
    registry: Registry, departments: Iterable[DeptRef], documents: Iterable[DocRef]
) -> dict[str, tuple[DocRef, ...]]:
    """Department code → the documents whose text names it, in the given order."""
    named = [(doc, registry.matcher.codes_in("\n".join(document_strings(doc.record)))) for doc in documents]
    return {dept.code: tuple(doc for doc, codes in named if dept.code in codes) for dept in departments}
