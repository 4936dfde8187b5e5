"""存疑 marks: validation of the records against the self-consistency checks.

A 存疑 mark (``Document.doubts``) tells readers that a place fails a check of
``consistency.py`` and why. The build refuses a mark that points nowhere
(:func:`misplaced_doubts`: an unknown anchor, or a quote not printed there); the test suite and
the importer's review report list the violations that are neither repaired nor marked
(:func:`unsettled`).
"""

from __future__ import annotations

from gazette.derive.anchors import anchor_document, row_id
from gazette.derive.consistency import Violation
from gazette.records.models import Document
from gazette.vocab.normalize import compare_key


def unsettled(doc: Document, violations: list[Violation]) -> list[Violation]:
    """Violations the record neither repaired nor marked 存疑."""
    marked = {(d.check, d.part) for d in doc.doubts}
    return [v for v in violations if (v.check, v.part) not in marked]


def misplaced_doubts(doc: Document) -> list[str]:
    """存疑 marks that point nowhere: an unknown anchor, or a quote not printed there."""
    anchored = anchor_document(doc)
    texts: dict[str, str] = {}
    for node in anchored.walk():
        part = node.part
        if part is None:
            continue
        if part.table is not None:
            for n, row in enumerate(part.table.rows, start=1):
                texts[row_id(node.id, n)] = "".join(c for c in row if c)
        else:
            texts[node.id] = "".join(s for s in (part.label, part.text, *part.paragraphs) if s)
    problems = []
    for d in doc.doubts:
        where = texts.get(d.part)
        if where is None:
            problems.append(f"存疑标注的位置 {d.part} 不存在（没有这个条款或表格行）")
        elif compare_key(d.quote) not in compare_key(where):
            problems.append(f"存疑标注（{d.part}）：引文“{d.quote}”不在该处的印刷文字中")
    return problems
