"""Form controls and small text a reader must see and use: inputs that fit a phone at the
browser's large text setting, control outlines and hints with enough contrast in both schemes,
the role menu's size, the 与上行共用 mark, 文号 kept whole in lists.

Real Chromium over the session's served site."""

from __future__ import annotations

from typing import Any

import pytest

from tests.phone.test_readers import _open

pytestmark = pytest.mark.browser

LOOKUP_PAGES = ("", "lookup/", "404.html")


def _with_large_default_text(page: Any) -> Any:
    """The browser's own text-size setting at 200 % (Chrome's 设置 > 字号: the default font size
    doubled), which, unlike a page's root size, also enlarges form controls."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    return page


WIDE_INPUTS_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('article input, article select, article textarea')]
    .filter(e => e.getBoundingClientRect().width && e.getBoundingClientRect().right > width + 0.5)
    .map(e => (e.id || e.className) + ' ' + Math.round(e.getBoundingClientRect().right));
  return {over: document.documentElement.scrollWidth - width, wide};
}"""


@pytest.mark.parametrize("width", (320, 375))
@pytest.mark.parametrize("url", LOOKUP_PAGES)
def test_text_boxes_fit_the_screen_at_the_browsers_large_text(shared_context, served_site: str, width: int, url: str) -> None:
    page = _with_large_default_text(_open(shared_context, width))
    page.goto(served_site + url, wait_until="load")
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.gz-lookup input')).fontSize)") > 20
    found = page.evaluate(WIDE_INPUTS_JS)
    assert found == {"over": 0, "wide": []}, found


@pytest.mark.parametrize("url", ("search/", "departments/"))
def test_other_text_boxes_fit_the_screen_at_the_browsers_large_text(shared_context, served_site: str, url: str) -> None:
    page = _with_large_default_text(_open(shared_context, 320))
    page.goto(served_site + url, wait_until="load")
    found = page.evaluate(WIDE_INPUTS_JS)
    assert found == {"over": 0, "wide": []}, found


# Colours composited over the page's real background (WCAG 2.x contrast): a control's outline
# against what is around it, its fill, its hint text against its fill.
COLOURS_JS = """(el) => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const behind = node => {
    const layers = [];
    for (let n = node; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const ratio = (p, q) => { const [a, b] = [lum(p), lum(q)].sort((x, y) => y - x); return (a + 0.05) / (b + 0.05); };
  const page = behind(el.parentElement), fill = behind(el), style = getComputedStyle(el);
  const hint = el.placeholder ? ratio(over(parse(getComputedStyle(el, '::placeholder').color), fill), fill) : null;
  return {border: parseFloat(style.borderTopWidth) ? ratio(over(parse(style.borderTopColor), page), page) : 0,
          fill: ratio(fill, page), hint, text: ratio(over(parse(style.color), fill), fill)};
}"""

CONTROLS = {  # page: the controls on it
    "lookup/": ["#gz-lookup-q"],
    "search/": [".gz-search-page__input"],
    "departments/": ["#gz-dept-q"],
    "deadlines/": ["#gz-unit"],
    "departments/zljdj/": ["select.gz-role-filter"],
    "2018/qzbf-33/": [".gz-textsize button"],
}


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_controls_are_outlined_and_hinted_with_enough_contrast(shared_context, served_site: str, scheme: str) -> None:
    """WCAG 1.4.11: a control's outline 3:1 against the page; its fill is the page's own (the
    palette's, not the browser's grey); its hint and text 4.5:1."""
    page = _open(shared_context, 375, scheme)
    low = {}
    for url, selectors in CONTROLS.items():
        page.goto(served_site + url, wait_until="load")
        for sel in selectors:
            page.wait_for_selector(sel, state="attached")  # the role menu is made by the page's script
            found = page.locator(sel).first.evaluate(COLOURS_JS)
            if (found["border"] < 3 or found["fill"] > 1.01 or found["text"] < 4.5
                    or (found["hint"] is not None and found["hint"] < 4.5)):
                low[f"/{url} {sel}"] = found
    assert not low, low


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_shared_cell_mark_reads_on_highlighted_rows(shared_context, served_site: str, scheme: str) -> None:
    """（与上行共用） on a phone card reads 4.5:1 on the plain page, on a row marked 存疑 and on the
    row a link opened."""
    page = _open(shared_context, 375, scheme)
    page.goto(served_site + "2018/qzbf-41/", wait_until="load")
    doubtful = page.locator("tr.gz-doubtful .gz-shared-mark >> visible=true")
    assert doubtful.count(), "no 存疑 card with a shared cell to measure on"
    row = doubtful.first.evaluate("e => e.closest('tr').id")
    page = _open(shared_context, 375, scheme)  # a new tab: the address with the row's anchor, as a link opens it
    page.goto(served_site + "2018/qzbf-41/#" + row, wait_until="load")
    marks = page.locator(".gz-shared-mark >> visible=true")
    assert marks.count() >= 3
    low = [r for r in marks.evaluate_all(f"marks => marks.map({COLOURS_JS}).map(found => found.text)") if r < 4.5]
    # the row a link opened and the 存疑 rows are among those measured
    assert page.locator("tr.gz-doubtful .gz-shared-mark >> visible=true").count()
    assert page.evaluate("document.querySelector(':target').id") == row
    assert page.locator(f"#{row} .gz-shared-mark >> visible=true").count()
    assert not low, low


@pytest.mark.parametrize("width", (375, 1280))
def test_role_menu_is_as_tall_as_the_sort_button_and_set_as_the_text(shared_context, served_site: str, width: int) -> None:
    """The 角色 menu of a unit's task list: a target of 24 px at least (WCAG 2.5.8), as tall as
    the 按期限排序 button beside it, its text the size of its label's."""
    page = _open(shared_context, width)
    page.goto(served_site + "departments/zljdj/", wait_until="load")
    page.wait_for_selector("select.gz-role-filter")
    sizes = page.evaluate("""() => [...document.querySelectorAll('.gz-task-controls')].map(c => {
      const select = c.querySelector('select.gz-role-filter'), sort = c.querySelector('.gz-sort-deadline');
      return {select: select.getBoundingClientRect().height, sort: sort.getBoundingClientRect().height,
              font: parseFloat(getComputedStyle(select).fontSize),
              label: parseFloat(getComputedStyle(select.closest('label')).fontSize)}; })""")
    assert sizes
    for s in sizes:
        assert s["select"] >= 24 and abs(s["select"] - s["sort"]) <= 2 and s["font"] >= s["label"], s


@pytest.mark.parametrize("width", (320, 375))
def test_citation_index_keeps_each_wenhao_on_one_line(shared_context, served_site: str, width: int) -> None:
    """Every 文号 on /citations/ (the cited one and those citing it) reads unbroken; its table
    grows and scrolls in its own box, the page does not scroll sideways (also at 200 % text)."""
    page = _open(shared_context, width)
    page.goto(served_site + "citations/", wait_until="load")
    split_js = """() => [...document.querySelectorAll('article td:first-child, article td:last-child a')].filter(e => {
        const r = document.createRange(); r.selectNodeContents(e);
        return new Set([...r.getClientRects()].filter(x => x.width).map(x => Math.round(x.top))).size > 1;
      }).map(e => e.textContent)"""
    assert page.locator("article td:first-child").count() > 20
    assert page.evaluate(split_js) == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    # 200 % text as tests/phone/test_readers.py sets it: the theme's transitions off, the root size doubled
    page.evaluate("() => { const s = new CSSStyleSheet(); s.replaceSync('*, *::before, *::after"
                  " { transition: none !important; animation: none !important; }');"
                  " document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }")
    page.evaluate("() => { const r = document.documentElement; r.style.fontSize = 2 * parseFloat(getComputedStyle(r).fontSize) + 'px'; }")
    assert page.evaluate(split_js) == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
