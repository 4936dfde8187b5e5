"""Fidelity of the built pages: every source character of each document, in order,
and every table cell by cell.

The source is the document's stretch of the gazette text with its recorded
errata applied (gazette.importer.fidelity); the page text is what a reader
sees: title, printed 文号, addressees, body, signature, attachments.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from gazette.derive.tables import table_grid
from gazette.importer import fidelity
from tests.conftest import ROOT, read

DOC_IDS = sorted(f"{p.parent.name}/{p.stem}" for p in (ROOT / "data" / "documents").glob("*/*.yaml"))
# The site's own words inside a document (links, units involved, marks, search
# metadata) carry one marker, ``data-gz-site``; everything else is gazette text.
_NOT_TEXT = "[data-gz-site]"


def page_text(page: lxml.html.HtmlElement) -> str:
    for junk in page.cssselect(_NOT_TEXT):
        junk.drop_tree()
    # The extraction sometimes prints 附件N after the attachment's title; the
    # record-level check accepts either order, and so does this one.
    for section in page.cssselect("section.gz-attachment"):
        label, heading = section.cssselect("p.gz-att-label"), section.cssselect("h2.gz-att-title")
        if label and heading:
            span = lxml.html.Element("span")
            span.text = label[0].text_content()
            heading[0].append(span)
    title = page.findtext(".//h1") or ""
    printed = [dd.text_content() for dt in page.cssselect("dl.gz-card dt") if dt.text == "发文字号" for dd in [dt.getnext()]]
    body = page.cssselect("div.gz-document")[0].text_content()
    return "\n".join([title, *printed, body])


@pytest.mark.site
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_page_carries_every_source_character(site: Path, doc_id: str) -> None:
    doc = fidelity.load_document(doc_id)
    source = fidelity.source_text_for(doc_id, doc=doc)
    page = lxml.html.fromstring(read(site, f"{doc_id}/"))
    cov = fidelity.coverage(source, page_text(page))
    print(f"{doc_id}: page coverage {cov:.4%} of {len(fidelity.normalize(source))} characters")
    assert cov == 1.0, fidelity.missing(source, page_text(lxml.html.fromstring(read(site, f'{doc_id}/'))))[:10]


def _record_tables(doc) -> list[tuple[str, object]]:
    from gazette.derive.anchors import anchor_document

    return [(node.id, node.part.table) for node in anchor_document(doc).walk() if node.kind == "table"]


WITH_TABLES = [d for d in DOC_IDS if "table:" in (ROOT / "data" / "documents" / f"{d}.yaml").read_text(encoding="utf-8")]


@pytest.mark.site
@pytest.mark.parametrize("doc_id", WITH_TABLES)
def test_tables_match_cell_by_cell(site: Path, doc_id: str) -> None:
    doc = fidelity.load_document(doc_id)
    tables = _record_tables(doc)
    assert tables
    page = lxml.html.fromstring(read(site, f"{doc_id}/"))
    for junk in page.cssselect(_NOT_TEXT):
        junk.drop_tree()
    for table_id, table in tables:
        html_rows = page.get_element_by_id(table_id).cssselect("tbody tr")
        grid = table_grid(table)
        assert len(html_rows) == len(grid), table_id
        for n, (tr, cells) in enumerate(zip(html_rows, grid), start=1):
            shown = [(td.text_content(), int(td.get("rowspan", "1"))) for td in tr.cssselect("td")]
            assert shown == [(c.text, c.rowspan) for c in cells], f"{table_id} row {n}"


@pytest.mark.site
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_page_adds_nothing_unmarked(site: Path, doc_id: str) -> None:
    """Every character a page shows as gazette text comes from the source: what
    the site adds inside a document is marked ``data-gz-site`` (counted, not
    ordered, as below)."""
    from collections import Counter

    doc = fidelity.load_document(doc_id)
    source = Counter(fidelity.normalize(fidelity.source_text_for(doc_id, doc=doc)))
    page = lxml.html.fromstring(read(site, f"{doc_id}/"))
    shown = Counter(fidelity.normalize(page_text(page)))
    for att in doc.attachments:  # a label printed after its title is shown before it, and once
        if att.label and att.title:
            shown -= Counter(fidelity.normalize(att.label))
    assert not shown - source, dict((shown - source).most_common(10))


@pytest.mark.site
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_nothing_is_invented(doc_id: str) -> None:
    """The other direction: every character the record publishes comes from the
    source (counted, not ordered: restored tables change reading order)."""
    from collections import Counter

    doc = fidelity.load_document(doc_id)
    source = Counter(fidelity.normalize(fidelity.source_text_for(doc_id, doc=doc)))
    published = Counter(fidelity.normalize(fidelity.published_text(doc)))
    for att in doc.attachments:  # published_text repeats a label printed after its title
        if att.label and att.title:
            published -= Counter(fidelity.normalize(att.label))
    assert not published - source, dict((published - source).most_common(10))
