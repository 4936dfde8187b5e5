"""All printed text of a document, in reading order (for mentions, search, checks)."""

from __future__ import annotations

from collections.abc import Iterator

from gazette.records.models import Document, Part


def own_strings(part: Part) -> Iterator[str]:
    """The text printed in one part itself (not its children): body text and table cells."""
    for value in (part.text, *part.paragraphs):
        if value:
            yield value
    if part.table is not None:
        for row in part.table.rows:
            yield from (cell for cell in row if cell)
        yield from part.table.notes


def part_strings(part: Part) -> Iterator[str]:
    """Everything printed in a part and its children: label, text, table, in reading order."""
    for value in (part.label, part.text, *part.paragraphs):
        if value:
            yield value
    if part.table is not None:
        table = part.table
        if table.caption:
            yield table.caption
        yield from table.columns
        for row in table.rows:
            yield from (cell for cell in row if cell)
        yield from table.notes
    for child in part.children:
        yield from part_strings(child)


def document_strings(doc: Document) -> Iterator[str]:
    yield doc.title
    yield doc.number_printed
    if doc.addressees:
        yield doc.addressees
    for part in doc.body:
        yield from part_strings(part)
    if doc.signature:
        yield from doc.signature.issuers
        yield doc.signature.date_text
    for att in doc.attachments:
        for value in (att.label, att.title):
            if value:
                yield value
        for part in att.body:
            yield from part_strings(part)
    yield from doc.postscript
