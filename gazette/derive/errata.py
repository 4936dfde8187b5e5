"""Where each erratum sits in the text, so readers see the repair in place.

An erratum may name its part (``part``); otherwise the part is found as the
first one whose printed text contains the erratum's published text (spaces
ignored). Repairs of a title are located at the title; repairs spanning
several parts (a restored table, a rejoined layout) stay unlocated and are
listed only in the errata table.
"""

from __future__ import annotations

from gazette.derive.anchors import AnchoredDocument
from gazette.derive.text import own_strings
from gazette.records.models import Document
from gazette.vocab.normalize import without_spaces

TITLE = "title"


def locate_errata(doc: Document, anchored: AnchoredDocument) -> list[str | None]:
    """For each erratum, the anchor id of its part, ``"title"``, or None."""
    texts = [(node.id, without_spaces("".join(own_strings(node.part)))) for node in anchored.walk() if node.part]
    located: list[str | None] = []
    for erratum in doc.errata:
        needle = without_spaces(erratum.published)
        if erratum.part:
            located.append(erratum.part)
        elif needle and needle in without_spaces(doc.title):
            located.append(TITLE)
        elif needle:
            located.append(next((node_id for node_id, text in texts if needle in text), None))
        else:
            located.append(None)
    return located
