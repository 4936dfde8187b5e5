"""Text fidelity: does a published text carry every character of the source?

``coverage(source, published)`` is the share of the source's non-whitespace
characters found, in order, in the published text (a greedy subsequence match).
Markup of the extraction (pipes, table rule lines, ``<p>`` tags) is not text.
``source_text_for`` gives a document's stretch of its issue text with the
document's errata applied (original → published), so that the record — or a
page built from it — should cover it 100%.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import TypeAdapter

from gazette.load.library import read_records
from gazette.records.models import Document, Part, Table
from gazette.vocab.normalize import compare_key

from .source import read_source
from .split import Heads, find_heads
from .toc import toc_titles

DATA = Path(__file__).resolve().parents[2] / "data"
# Within one line: \s would cross newlines and backtrack quadratically over blank lines.
_RULE = re.compile(r"^[ \t]*\|[ \t\-:|]*\|?[ \t]*$", re.M)


def normalize(text: str) -> str:
    """Extraction markup dropped, then the compare key (whitespace gone, widths folded)."""
    text = _RULE.sub("", text)
    text = re.sub(r"</?p>", "", text)
    return compare_key(text.replace("|", ""))


def coverage(source: str, published: str) -> float:
    src, pub = normalize(source), normalize(published)
    if not src:
        return 1.0
    return matched(src, pub) / len(src)


def matched(src: str, pub: str) -> int:
    pos, hits = 0, 0
    for ch in src:
        k = pub.find(ch, pos)
        if k < 0:
            continue
        hits += 1
        pos = k + 1
    return hits


def missing(source: str, published: str, context: int = 12) -> list[str]:
    """Snippets of the normalized source around characters not found in order."""
    src, pub = normalize(source), normalize(published)
    pos, out = 0, []
    for i, ch in enumerate(src):
        k = pub.find(ch, pos)
        if k < 0:
            out.append(src[max(0, i - context) : i] + "[" + ch + "]" + src[i + 1 : i + 1 + context])
            continue
        pos = k + 1
    return out


def raw_source_for(document_id: str, issue: str, data: Path = DATA) -> str:
    """The lines of ``document_id`` in its issue text, as extracted."""
    src = read_source(data / "sources" / f"quzhou-zhengbao-{issue}.txt")
    grammar = Heads.from_registry(data)
    heads = find_heads(src.lines, 0, grammar, toc_titles(src.lines, grammar))
    for k, (t, _w, m) in enumerate(heads):
        if grammar.document_id(m) == document_id:
            end = heads[k + 1][0] if k + 1 < len(heads) else len(src.lines)
            return "\n".join(src.lines[t:end])
    raise KeyError(document_id)


def load_document(document_id: str, data: Path = DATA) -> Document:
    document: Document = read_records(data / "documents" / f"{document_id}.yaml", _DOCUMENT, data)
    return document


_DOCUMENT = TypeAdapter(Document)


def apply_errata(source: str, doc: Document) -> str:
    """Map the extracted text to the published text, erratum by erratum."""
    text = normalize(source)
    for e in doc.errata:
        o, p = normalize(e.original), normalize(e.published)
        if not o or o not in text:
            continue
        if e.kind == "page-break" and not p:
            k = text.rfind(o)  # a repeated table header: drop the later copy
            text = text[:k] + text[k + len(o) :]
        else:
            text = text.replace(o, p, 1)
    return text


def source_text_for(document_id: str, data: Path = DATA, doc: Document | None = None) -> str:
    doc = doc or load_document(document_id, data)
    return apply_errata(raw_source_for(document_id, doc.issue, data), doc)


def _table_text(t: Table) -> Iterable[str]:
    if t.caption:
        yield t.caption
    if t.header_rows:
        for row in t.header_rows:
            yield " ".join(c.text for c in row)
    elif not t.headless:
        yield " ".join(t.columns)
    for r in t.rows:
        yield " ".join(c for c in r if c)
    yield from t.notes


def _part_text(p: Part) -> Iterable[str]:
    if p.label:
        yield p.label
    if p.text:
        yield p.text
    yield from p.paragraphs
    if p.table:
        yield from _table_text(p.table)
    for c in p.children:
        yield from _part_text(c)


def published_text(doc: Document) -> str:
    """All printed text of a record, in reading order."""
    out = [doc.title, doc.number_printed]
    if doc.addressees:
        out.append(doc.addressees)
    for p in doc.body:
        out.extend(_part_text(p))
    if doc.signature:
        out.extend(doc.signature.issuers)
        out.append(doc.signature.date_text)
    if doc.public_mark:
        out.append(f"({doc.public_mark})")
    for a in doc.attachments:
        # the extraction sometimes prints 附件N after the title: accept either order
        out.extend(x for x in (a.label, a.title, a.label) if x)
        for p in a.body:
            out.extend(_part_text(p))
    out.extend(doc.postscript)
    return "\n".join(out)
