"""Item 2 of issue 13: printed documents, read back from Chromium's PDF output with pypdf."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

pytestmark = pytest.mark.browser

PRINTED = ["2018/qzbf-33/", "2017/qzf-14/", "2018/qzbf-41/", "2017/qzbf-19/"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pieces(cell: str, pdf: str) -> int | None:
    """In how many pieces ``cell`` appears, in order, in the PDF text (None: some text is missing).

    A row that runs over a page break prints each cell's first part on one page and the
    rest on the next, so a cell's text is contiguous only within a page."""
    pos = pieces = i = 0
    while i < len(cell):
        lo, hi, at = 0, len(cell) - i, -1
        while lo < hi:  # longest piece of the rest found after the previous one
            mid = (lo + hi + 1) // 2
            found = pdf.find(cell[i:i + mid], pos)
            if found >= 0:
                lo, at = mid, found
            else:
                hi = mid - 1
        if lo == 0:
            return None
        pieces, i, pos = pieces + 1, i + lo, at + lo
    return pieces


@pytest.mark.parametrize("url", PRINTED)
def test_printed_document_has_every_cell_no_controls_and_its_citation(shared_context, served_site: str, url: str) -> None:
    page = shared_context().new_page()
    page.goto(served_site + url)
    # each cell's text without the on-screen controls (¶, 复制引用) it may hold, nor the copies of
    # merged cells its row carries for phone cards (paper prints a merged cell once, as printed)
    cells = page.eval_on_selector_all(
        "article td, article th",
        "cs => cs.map(c => { const k = c.cloneNode(true); k.querySelectorAll('.gz-copy, .gz-permalink, .gz-shared, [data-gz-site]')"
        ".forEach(e => e.remove()); return k.textContent; })",
    )
    assert cells
    number = page.locator(".gz-card .gz-wenhao").inner_text()
    pdf = page.pdf(format="A4")
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    text = "".join(p.extract_text() for p in pages)
    flat = _flat(text)
    # a cell breaks at most once a page; a page holds far more than 200 characters of one cell
    missing = [c[:40] for c in cells if _flat(c) and (_pieces(_flat(c), flat) or 10**6) > 2 + len(_flat(c)) // 200]
    assert not missing, missing[:5]
    assert "复制引用" not in text and "¶" not in text
    # the citation and the permanent address head the printout
    head = flat[:400]
    assert _flat(number) in head and f"example.test/zhengbao/{url}" in head
    assert "全文检索" not in flat[:200]  # no search box, tabs or navigation
    # tables wrap within the page: in print, no cell reaches past the text column
    page.emulate_media(media="print")
    overflow = page.evaluate("""() => { const right = document.querySelector('article').getBoundingClientRect().right;
        return Array.from(document.querySelectorAll('article td, article th'))
          .filter(c => c.getBoundingClientRect().right > right + 1).map(c => c.textContent.slice(0, 10)); }""")
    assert not overflow
