"""Item 1 of issue 13: tables on a 375 px phone, deadlines with their year, the 任务期限 page's
jump-to-month and unit filter. Measured in real Chromium."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest

from gazette.derive.deadlines import parse_deadline
from tests.project import pages_with_tables

# Content width of a cell in characters of its own font: table cells, visible ones, with text.
CELL_WIDTHS = """() => Array.from(document.querySelectorAll('article td, article th'))
  .filter(c => c.offsetParent !== null && c.innerText.trim())
  .map(c => { const cs = getComputedStyle(c), r = c.getBoundingClientRect();
    return {text: c.innerText.trim(), id: (c.closest('[id]') || {}).id,
            chars: (r.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)) / parseFloat(cs.fontSize)}; })"""


@pytest.mark.browser
def test_no_text_cell_narrower_than_five_characters_at_375(phone, served_site: str, site: Path) -> None:
    page = phone.new_page()
    pages = pages_with_tables(site)
    assert len(pages) > 12
    squeezed: list[str] = []
    for url in pages:
        page.goto(served_site + url)
        # every card laid out as when the reader scrolls to it (cards out of view are skipped until then)
        page.evaluate("() => document.querySelectorAll('article *').forEach(e => { e.style.contentVisibility = 'visible'; })")
        for cell in page.evaluate(CELL_WIDTHS):
            need = min(5, len(cell["text"]))
            if cell["chars"] < need - 0.05:
                squeezed.append(f"{url}#{cell['id']}: {cell['text'][:12]!r} {cell['chars']:.1f} characters wide")
        # the page itself never scrolls sideways; only a table's own box does
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
    assert not squeezed, "\n".join(squeezed[:20])


@pytest.mark.browser
def test_a_units_task_counts_are_seen_whole_on_a_phone(phone, served_site: str) -> None:
    """Six short cells (a role, a number): on a 375 px phone they fit the screen; the 7.5em every printed
    table's cell keeps pushed 督办 and 成员单位 out of view, behind a sideways scroll."""
    page = phone.new_page()
    page.goto(served_site + "departments/fgw/")
    wrap = page.locator(".gz-table-wrap:has(table.gz-dept-counts)")
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth"), wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    # nor is a role's name broken over two lines
    assert page.evaluate("""() => [...document.querySelectorAll('table.gz-dept-counts th')]
        .every(th => { const r = document.createRange(); r.selectNodeContents(th); return r.getClientRects().length === 1; })""")


@pytest.mark.browser
def test_list_tables_are_cards_on_a_phone_and_tables_on_a_desktop(phone, desktop, served_site: str) -> None:
    lists = {
        "deadlines/": "table.gz-deadlines", "documents/": "table.gz-doc-table",
        "departments/zljdj/": "#gz-dept-tasks", "2018/qzbf-33/": "#att_1__table_1 table",
    }
    page = phone.new_page()
    for url, selector in lists.items():
        page.goto(served_site + url)
        row = page.locator(f"{selector} tbody tr").first
        assert row.evaluate("r => getComputedStyle(r).display") in ("block", "flex"), url
        assert page.locator(f"{selector} thead").first.evaluate("h => getComputedStyle(h).display") == "none"
        cell = page.locator(f"{selector} tbody td[data-col]:not(.gz-card-title)").first
        label = cell.evaluate("c => getComputedStyle(c, '::before').content")
        assert label.strip('"') == cell.get_attribute("data-col"), url  # each value under its column name
    page.set_viewport_size({"width": 320, "height": 700})
    for url, selector in lists.items():  # a list is read down the screen, never scrolled sideways
        page.goto(served_site + url)
        wrap = page.locator(selector).first.locator("xpath=ancestor::div[contains(@class, 'gz-table-wrap')][1]")
        assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth + 1"), url
    page = desktop.new_page()
    for url, selector in lists.items():
        page.goto(served_site + url)
        assert page.locator(f"{selector} tbody tr").first.evaluate("r => getComputedStyle(r).display") == "table-row"


@pytest.mark.browser
def test_wide_printed_table_scrolls_with_its_first_column_in_view(phone, served_site: str) -> None:
    page = phone.new_page()
    page.goto(served_site + "2018/qzbf-41/#att_1__table_1")
    figure = page.locator("#att_1__table_1")
    wrap = figure.locator(".gz-table-wrap")
    # measured once the browser has laid the table out (tables.js), not while the page loads
    page.wait_for_function("() => document.querySelector('#att_1__table_1 .gz-table-wrap').hasAttribute('data-scrollable')")
    hint = figure.locator(".gz-scroll-hint")
    assert hint.is_visible() and "滑动" in hint.inner_text()
    first = figure.locator("tbody td.gz-col1").first
    left_before = first.bounding_box()["x"]
    other = figure.locator("tbody tr").first.locator("td").last
    other_before = other.bounding_box()["x"]
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; w.dispatchEvent(new Event('scroll')); }")
    assert abs(first.bounding_box()["x"] - left_before) <= 2  # the first column stays (table border aside)
    assert other.bounding_box()["x"] < other_before - 50  # the rest scrolls under it
    assert wrap.get_attribute("data-scrolled-end") is not None


@pytest.mark.site
def test_every_deadline_shows_its_date_with_the_year(site: Path) -> None:
    pages = [site / "deadlines/index.html", *site.glob("departments/*/index.html")]
    shown = 0
    for path in pages:
        html = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        for time in html.cssselect("td time[datetime]"):
            date = dt.date.fromisoformat(time.get("datetime"))
            label = time.getnext()
            assert label is not None and "gz-deadline-date" in label.get("class", ""), path
            # full-width brackets, as Chinese text around it sets them (its units' roles: （责任）)
            assert label.text_content() == f"（{date.year}年{date.month}月{date.day}日）"
            shown += 1
    assert shown > 300
    deadlines = (site / "deadlines/index.html").read_text(encoding="utf-8")
    assert re.search(r">5月10日前</time><span class=\"gz-deadline-date\" title=\"[^\"]*文件年份[^\"]*\">（2018年5月10日）", deadlines)


@pytest.mark.unit
def test_the_year_of_a_deadline_is_decided_in_derive() -> None:
    inferred = parse_deadline("5月10日前", 2018)
    assert inferred.year_inferred and inferred.date_label == "2018年5月10日"
    printed = parse_deadline("2017年6月底", 2018)
    assert not printed.year_inferred and printed.date_label == "2017年6月30日"
    assert parse_deadline("长期", 2018).date_label is None


@pytest.mark.browser
def test_deadlines_jump_to_month_and_filter_by_unit(phone, served_site: str, site: Path) -> None:
    html = lxml.html.fromstring((site / "deadlines/index.html").read_text(encoding="utf-8"))
    with_bb = len(html.xpath('//tr[contains(concat(" ", @data-units, " "), " bb ")]'))
    total = len(html.cssselect(".gz-month tbody tr"))
    assert 0 < with_bb < total
    page = phone.new_page()
    page.goto(served_site + "deadlines/")
    jump = page.locator(".gz-month-jump a").nth(3)
    month = jump.get_attribute("data-month")
    jump.click()
    page.wait_for_url(f"**/deadlines/#m-{month}")
    # the month is on screen once the cards around it have their own heights (jump.js keeps it in
    # place meanwhile; tests/phone/test_jumps.py checks where exactly it lands)
    page.wait_for_function("(id) => { const top = document.getElementById(id).getBoundingClientRect().top; "
                           "return top >= 0 && top < innerHeight; }", arg=f"m-{month}", timeout=10000)
    page.select_option("#gz-unit", "bb")
    rows = page.locator(".gz-month tbody tr:not([hidden])")
    assert rows.count() == with_bb
    assert all(" bb " in f" {u} " for u in rows.evaluate_all("rs => rs.map(r => r.dataset.units)"))
    assert page.locator(".gz-filter-count").inner_text() == f"显示 {with_bb} / {total} 项"
    months_left = page.locator(".gz-month:not([hidden])").count()
    assert months_left == page.locator(".gz-month-jump a:not([hidden])").count() < html.cssselect(".gz-month").__len__()
    assert "unit=bb" in page.url
    page.goto(served_site + "deadlines/?unit=bb")  # the filtered view has an address
    assert page.locator(".gz-month tbody tr:not([hidden])").count() == with_bb


@pytest.mark.browser
def test_deadlines_page_is_complete_without_javascript(shared_context, served_site: str) -> None:
    page = shared_context(java_script_enabled=False, viewport={"width": 375, "height": 812}).new_page()
    page.goto(served_site + "deadlines/?unit=bb")
    assert not page.locator(".gz-unit-filter").is_visible()
    assert page.locator(".gz-month tbody tr:visible").count() == page.locator(".gz-month tbody tr").count()
    assert page.locator(".gz-month-jump a").first.is_visible()


# Every 、 of the list cells: its left edge against its cell's content box (a line of its own
# starts at the content box).
SEPARATOR_STARTS_LINE = """(selector) => {
  const out = [];
  for (const cell of document.querySelectorAll(selector)) {
    const style = getComputedStyle(cell), left = cell.getBoundingClientRect().left + parseFloat(style.paddingLeft);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = node.data.indexOf("、"); i >= 0; i = node.data.indexOf("、", i + 1)) {
        const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];  // none when the 、 is not shown
        if (box && box.left <= left + 1) out.push(cell.closest("tr").id);
      }
    }
  }
  return out;
}"""


@pytest.mark.browser
def test_no_line_of_a_citing_list_starts_with_its_separator(phone, served_site: str) -> None:
    """The 引用索引 keeps each 文号 whole and its table scrolls in its own box on a phone
    (tests/phone/test_controls.py); the list of citing 文号 in a row breaks between items only."""
    page = phone.new_page()
    page.goto(served_site + "citations/")
    cells = "table.gz-citation-index td:last-child"
    assert page.locator(cells).filter(has_text="、").count() >= 3
    for width in (320, 375, 1280):
        page.set_viewport_size({"width": width, "height": 700})
        assert page.evaluate(SEPARATOR_STARTS_LINE, cells) == [], width
