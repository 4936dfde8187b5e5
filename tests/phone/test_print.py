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
    flat = "".join(_printed(page))
    # a cell breaks at most once a page; a page holds far more than 200 characters of one cell
    missing = [c[:40] for c in cells if _flat(c) and (_pieces(_flat(c), flat) or 10**6) > 2 + len(_flat(c)) // 200]
    assert not missing, missing[:5]
    assert "复制引用" not in flat and "¶" not in flat
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


# The flat text of each printed page, by address: the tests of a page read one printout (printing a
# long document to PDF and reading it back take seconds).
_PRINTOUTS: dict[str, list[str]] = {}


def _printed(page) -> list[str]:
    """The flat text of each page of ``page`` printed on A4 (the page as it was opened)."""
    if page.url not in _PRINTOUTS:
        pdf = page.pdf(format="A4")
        _PRINTOUTS[page.url] = [_flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    return _PRINTOUTS[page.url]


def _printed_pages(page, url: str) -> tuple[list[str], list[str]]:
    """(the flat text of each printed page, the titles of the page's tables: an attachment's title
    over its table, a table's caption)."""
    page.goto(url)
    titles = page.eval_on_selector_all(
        "article .gz-att-head:has(+ figure.gz-table) .gz-att-title, article figure.gz-table > figcaption",
        "ts => ts.map(t => t.textContent)")
    return _printed(page), [_flat(t) for t in titles]


@pytest.mark.parametrize("url", ["2018/qzbf-38/", *PRINTED])
def test_a_table_title_is_printed_on_the_page_its_table_starts(shared_context, served_site: str, url: str) -> None:
    pages, titles = _printed_pages(shared_context().new_page(), served_site + url)
    assert titles or url != "2018/qzbf-38/"
    alone = [(n + 1, t) for n, text in enumerate(pages) for t in titles if t and text.endswith(t)]
    assert not alone, alone


@pytest.mark.parametrize("url", ["2018/qzbf-38/", "departments/zljdj/"])
def test_print_leaves_out_download_and_subscribe_rows(shared_context, served_site: str, url: str) -> None:
    """On paper the page keeps the document (or the unit's list), its metadata and its address;
    rows that offer a file to download or a feed to subscribe to are for the screen."""
    pages, _ = _printed_pages(shared_context().new_page(), served_site + url)
    text = "".join(pages)
    assert "example.test/zhengbao/" + url in text[:400]
    for words in ("订阅", "复制此链接", "数据下载", "本文全部数据", "下载本表整理的", "表格文件", "任务清单（电子表格）", "期限日历"):
        assert words not in text, words
    if url.startswith("2018/"):
        assert "衢政办发〔2018〕38号" in text[:400] and "成文日期" in text and "主送" in text
