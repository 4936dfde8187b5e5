"""Every reader, every screen (issue 23): reflow at 320 px and 200 % text, merged cells on phone
cards and on paper, both colour schemes with their contrast, the 字号 control, screen-reader and
keyboard paths, plain Chinese, the 任务期限 lists and the department filters kept in the address.

Real Chromium over the session's served site, at 320, 375 and 1280 px, light and dark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 1280)
SCHEMES = ("light", "dark")
DOC = "2018/qzbf-33/"  # long, a task table with printed merged cells, an attachment
PAGES = ("", DOC, "2017/qzf-14/", "issues/2018-05/", "departments/czj/", "departments/", "deadlines/",
         "documents/", "search/", "lookup/", "about/", "opendata/", "citations/")

# WCAG 2.x relative luminance and contrast, colours composited over the page's real background.
CONTRAST_JS = """
(args) => {
  const [sel, pseudo] = args;
  const el = document.querySelector(sel);
  if (!el) return null;
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  let bg = [255, 255, 255, 1], layers = [];
  for (let n = el; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  if (!layers.length || layers[layers.length - 1][3] < 1) layers.push(parse(getComputedStyle(document.body).backgroundColor));
  bg = layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  const style = getComputedStyle(el, pseudo || null);
  let fg = parse(style.color);
  fg = over([fg[0], fg[1], fg[2], fg[3] * parseFloat(getComputedStyle(el).opacity)], bg);
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return {ratio: (a + 0.05) / (b + 0.05), size: parseFloat(style.fontSize)};
}
"""


def _screen(width: int) -> dict[str, object]:
    """Context options of a screen ``width`` px wide: a phone below 600 (touch, mobile viewport)."""
    return {"viewport": {"width": width, "height": 800}, "is_mobile": width < 600, "has_touch": width < 600}


def _open(contexts, width: int, scheme: str = "light", media: str = "screen"):
    """A new tab at ``width`` px in the worker's shared context for it (``contexts``: the
    ``shared_context`` fixture)."""
    page = contexts(**_screen(width), color_scheme=scheme).new_page()
    page.emulate_media(media=media, color_scheme=scheme)
    return page


@pytest.fixture
def open_page(shared_context):
    return lambda width, scheme="light", media="screen": _open(shared_context, width, scheme, media)


def _sideways(page) -> int:
    """How far the page, or text on it, reaches past the screen's right edge (data tables scroll
    inside their own box, not counted). A block skipped while out of view (content-visibility)
    clips what overflows it instead of widening the page, so its text is measured as well."""
    return page.evaluate("""() => {
      const root = document.documentElement, width = root.clientWidth;
      let over = root.scrollWidth - width;
      const inScroller = el => {
        for (let e = el.parentElement; e && e !== document.body; e = e.parentElement)
          if (/auto|scroll/.test(getComputedStyle(e).overflowX)) return true;
        return false;
      };
      for (const el of document.querySelectorAll('body *')) {
        if (getComputedStyle(el).contentVisibility !== 'auto' || inScroller(el)) continue;
        const text = document.createRange();
        text.selectNodeContents(el);
        over = Math.max(over, Math.ceil(text.getBoundingClientRect().right - width));
      }
      return over; }""")


@pytest.fixture(scope="module")
def sideways(_contexts, served_site: str) -> Iterator[object]:
    """``sideways(width, scheme)``: {page: (px past the right edge as loaded, px at 200 % text or None)}
    over PAGES. Each page is loaded once per width and scheme and measured as loaded, then (light
    scheme) with its text at 200 % (the root font size doubled, as a browser's text-size setting
    does): the two checks below share the page loads instead of loading every page twice."""
    done: dict[tuple[int, str], dict[str, tuple[int, int | None]]] = {}

    def measure(width: int, scheme: str) -> dict[str, tuple[int, int | None]]:
        if (width, scheme) not in done:
            page = _open(_contexts, width, scheme)
            found = {}
            for url in PAGES:
                page.goto(served_site + url, wait_until="load")
                as_loaded = _sideways(page)
                if scheme != "light":
                    found[url] = (as_loaded, None)
                    continue
                # what is measured is the layout at 200 %, not the transitions the change starts (the
                # theme's run 0.4 s a page): they are turned off first (a constructed sheet, which
                # the pages' style-src policy allows, as it allows the inline size change)
                page.evaluate("() => { const s = new CSSStyleSheet(); s.replaceSync('*, *::before, *::after"
                              " { transition: none !important; animation: none !important; }');"
                              " document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }")
                page.evaluate("() => { const r = document.documentElement; r.style.fontSize = 2 * parseFloat(getComputedStyle(r).fontSize) + 'px'; }")
                page.wait_for_function("() => document.documentElement.style.fontSize !== ''"
                                       " && document.getAnimations().every(a => a.playState !== 'running')")
                found[url] = (as_loaded, _sideways(page))
            page.close()
            done[width, scheme] = found
        return done[width, scheme]

    yield measure


# The dark scheme sets colours only (tests/test_dark_scheme.py), so a page is laid out alike in
# both: the light one is swept at every width, the dark one on a phone.
SWEEPS = [*((width, "light") for width in WIDTHS), (375, "dark")]


@pytest.mark.parametrize(("width", "scheme"), SWEEPS)
def test_no_page_type_scrolls_sideways(sideways, width: int, scheme: str) -> None:
    wide = [f"/{url}: {px}px" for url, (px, _) in sideways(width, scheme).items() if px > 0]
    assert not wide, wide


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_type_scrolls_sideways_at_200_percent_text(sideways, width: int) -> None:
    """Text at 200 % on the smallest phone, a phone and a desktop."""
    wide = [f"/{url}: {px}px" for url, (_, px) in sideways(width, "light").items() if px > 0]
    assert not wide, wide


# --- merged cells ---------------------------------------------------------------------------

ROW2 = "#att_1__table_1__row_2"  # shares 工作阶段 and 主要任务 with the row above (printed merged cells)


@pytest.mark.parametrize("width", (320, 375))
def test_phone_card_shows_merged_cells_marked_as_shared(open_page, served_site: str, width: int) -> None:
    page = open_page(width)
    page.goto(served_site + DOC, wait_until="load")
    shared = page.locator(f"{ROW2} .gz-shared")
    assert shared.count() == 2
    for i in range(2):
        assert shared.nth(i).is_visible()
        assert "与上行共用" in shared.nth(i).inner_text()
    label = shared.first.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"工作阶段"'
    # every row of the table shows every column it belongs to (its own cells + shared ones)
    columns = page.evaluate(  # own cells (an empty one is left off the card) and visible shared ones
        """() => [...document.querySelectorAll('#att_1__table_1 tbody tr')].map(tr =>
             tr.querySelectorAll('td[data-col]').length
             + [...tr.querySelectorAll('.gz-shared')].filter(e => e.getClientRects().length).length)"""
    )
    full = max(columns)  # a row without merged cells above it holds every column
    assert full > 2 and all(n == full for n in columns), columns


def test_desktop_table_shows_a_merged_cell_once(open_page, served_site: str) -> None:
    page = open_page(1280)
    page.goto(served_site + DOC, wait_until="load")
    assert page.locator(f"{ROW2} td[rowspan]").count() == 0
    assert not page.locator(f"{ROW2} .gz-shared").first.is_visible()
    merged = page.locator("#att_1__table_1 tbody.gz-merged")
    assert merged.count() >= 1
    # no merged cell crosses from one row group into the next
    crossing = page.evaluate(
        """() => [...document.querySelectorAll('#att_1__table_1 tbody')].some(tb =>
             [...tb.rows].some((tr, i) => [...tr.cells].some(td => i + td.rowSpan > tb.rows.length)))"""
    )
    assert not crossing


def test_print_keeps_short_cells_whole_and_merged_rows_together(open_page, served_site: str) -> None:
    page = open_page(1280, media="print")
    page.goto(served_site + DOC, wait_until="load")
    lines = page.evaluate(
        """() => [...document.querySelectorAll('#att_1__table_1 td.gz-short, #att_1__table_1 thead th')].map(td => {
             const r = document.createRange(); r.selectNodeContents(td);
             return [td.textContent.trim(), new Set([...r.getClientRects()].map(q => Math.round(q.top))).size];
           })"""
    )
    broken = [text for text, n in lines if n > 1]
    assert lines and not broken, broken
    assert any(text.startswith("5月") for text, _ in lines)
    assert page.locator("#att_1__table_1 tbody.gz-merged").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"


# --- colours, contrast, 字号 ----------------------------------------------------------------


def test_dark_scheme_follows_the_system_and_the_toggle(open_page, served_site: str) -> None:
    page = open_page(1280, "dark")
    page.goto(served_site + DOC, wait_until="load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    dark_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("label[for^='__palette_']:visible").first.click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != dark_bg
    assert page.locator("label[for^='__palette_']:visible").first.get_attribute("title").startswith("切换到")


SCHEME_NOW = ("() => [document.body.dataset.mdColorScheme, getComputedStyle(document.documentElement).colorScheme,"
              " [...document.querySelectorAll('label[for^=__palette_]')].filter(l => !l.hidden).length]")


def test_the_scheme_follows_the_system_until_the_reader_chooses(open_page, served_site: str) -> None:
    page = open_page(375, "dark")
    page.goto(served_site + DOC, wait_until="load")
    # dark: the page, its own scrollbar and canvas; one toggle shown
    assert page.evaluate(SCHEME_NOW) == ["slate", "dark", 1]
    page.emulate_media(color_scheme="light")  # the system switches while the page is open
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    assert page.evaluate(SCHEME_NOW)[1:] == ["normal", 1]
    # the reader chooses dark with the keyboard (Enter on the focused toggle) …
    page.focus("input[name=__palette]:checked")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.emulate_media(color_scheme="light")
    page.goto(served_site + "departments/", wait_until="load")
    # … and the choice holds on the next page, whatever the system says
    assert page.evaluate(SCHEME_NOW) == ["slate", "dark", 1]
    # the browser's own bar takes the header's colour once the page is drawn
    page.wait_for_function("() => (document.querySelector('meta[name=theme-color]') || {}).content"
                           " === getComputedStyle(document.querySelector('.md-header')).backgroundColor")


def _holder(held: list) -> Callable[[object], None]:
    """A route handler that keeps each request waiting in ``held`` (continued by the test)."""
    return lambda route: held.append(route)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_system_scheme_is_set_before_the_first_paint(chromium, served_site: str, scheme: str) -> None:
    """With no stored choice the page is drawn in the system's scheme from the start: the head's
    script sets it, not palette.js at the end of the page (held back here until the page is
    drawn), so nothing is switched, or animated, after the first paint."""
    context = chromium.new_context(**_screen(375), color_scheme=scheme, locale="zh-CN")
    expected = {"light": "default", "dark": "slate"}[scheme]
    try:
        for url in (DOC, "search/?q=管理"):  # a document; the search page, where axe caught the animation
            page = context.new_page()
            held: list = []
            page.route("**/assets/palette.js", _holder(held))
            with page.expect_request("**/assets/palette.js"):
                page.goto(served_site + url, wait_until="commit")
            page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
            assert page.evaluate("document.body.dataset.mdColorScheme") == expected, url
            page.wait_for_function("() => true")  # the route's handler has had its turn
            assert len(held) == 1
            held[0].continue_()
            page.wait_for_load_state("load")
            assert page.evaluate("document.body.dataset.mdColorScheme") == expected, url
            # no colour was switched (the header's shadow may still fade in as the theme starts)
            colours = "document.getAnimations().filter(a => /color|fill/.test(a.transitionProperty || '')).length"
            assert page.evaluate(colours) == 0, url
            page.close()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_contrast_of_text_and_controls(open_page, served_site: str, scheme: str) -> None:
    page = open_page(1280, scheme)
    page.goto(served_site + "departments/czj/", wait_until="load")
    checks = {"h1": ("article h1", None, 4.5), "text": ("article p", None, 4.5),
              "role tag": ("article .gz-role", None, 4.5), "link": ("article a", None, 4.5)}
    page2 = open_page(1280, scheme)
    page2.goto(served_site + DOC, wait_until="load")
    results = {}
    for name, (sel, pseudo, need) in checks.items():
        results[name] = (page.evaluate(CONTRAST_JS, [sel, pseudo]), need)
    results["¶"] = (page2.evaluate(CONTRAST_JS, [".gz-document .gz-permalink", None]), 3.0)
    page2.focus("#gz-search-input")
    # the box turns opaque with a short transition: measure the state the reader sees
    page2.wait_for_function("() => getComputedStyle(document.querySelector('#gz-search-input')).backgroundColor.split(',').length === 3")
    results["search hint"] = (page2.evaluate(CONTRAST_JS, ["#gz-search-input", "::placeholder"]), 4.5)
    low = {name: r for name, (r, need) in results.items() if r is None or r["ratio"] < need}
    assert not low, low
    assert results["role tag"][0]["size"] >= 12


def test_text_size_control_is_remembered_and_reflows(open_page, served_site: str) -> None:
    page = open_page(375)
    page.goto(served_site + DOC, wait_until="load")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('.gz-document p')).fontSize)")  # noqa: E731
    normal = size()
    page.get_by_role("group", name="字号").get_by_role("button", name="大").click()
    assert size() > normal
    assert page.get_by_role("button", name="大").get_attribute("aria-pressed") == "true"
    page.goto(served_site + "2017/qzf-14/", wait_until="load")
    assert size() > normal, "the choice is not remembered"
    assert _sideways(page) <= 0
    page.get_by_role("button", name="小").click()
    assert size() < normal
    page.get_by_role("button", name="中").click()
    assert size() == normal


# --- screen readers and keyboards -----------------------------------------------------------


def test_numbered_sections_are_headings_with_clean_names(open_page, served_site: str) -> None:
    page = open_page(1280)
    page.goto(served_site + DOC, wait_until="load")
    levels = page.evaluate("() => [...document.querySelectorAll('.gz-document .gz-head')].map(h => [h.tagName, h.textContent])")
    assert ["H3", "一、工作目标"] in levels and ["H4", "(一)调研启动阶段(2018年5月中旬前)。"] in levels
    for name in ("一、工作目标", "二、工作内容", "三、实施步骤"):
        assert page.get_by_role("heading", name=name, exact=True).count() == 1
    names = page.evaluate("() => [...document.querySelectorAll('article h1, article h2, article h3, article h4')].map(h => h.textContent)")
    assert names and not [n for n in names if "¶" in n or "复制" in n]


def test_clause_controls_are_one_tab_stop_moved_with_arrows(open_page, served_site: str) -> None:
    page = open_page(1280)
    page.goto(served_site + DOC, wait_until="load")
    stops = page.evaluate(
        """() => [...document.querySelectorAll('.gz-permalink, .gz-copy')]
             .filter(e => e.tabIndex >= 0 && e.getClientRects().length).length"""
    )
    assert stops == 1
    page.locator(".gz-document .gz-permalink[tabindex='0']").focus()
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('button.gz-copy')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") not in (None, first)
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.matches('.gz-permalink, .gz-copy')")


def test_copy_is_announced(open_page, served_site: str) -> None:
    page = open_page(1280)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served_site + "2017/qzf-14/", wait_until="load")
    page.locator("#annex_1__art_18 > p button.gz-copy").click()
    page.wait_for_function("() => (document.getElementById('gz-announce') || {}).textContent?.startsWith('已复制引用')")
    region = page.locator("#gz-announce")
    assert region.get_attribute("aria-live") == "polite"
    assert "《衢州市防汛防台管理工作暂行办法》（衢政发〔2017〕14号）第十八条" in region.inner_text()


def test_skip_link_goes_to_the_page_start(open_page, served_site: str) -> None:
    page = open_page(1280)
    page.goto(served_site + DOC, wait_until="load")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#gz-start'")
    start = page.evaluate("document.getElementById('gz-start').getBoundingClientRect().top")
    h1 = page.evaluate("document.querySelector('article h1').getBoundingClientRect().top")
    assert start <= h1
    highlighted = page.evaluate(
        "() => [...document.querySelectorAll('.gz-attachment, .gz-part')].filter(e => e.matches(':target')).length"
    )
    assert highlighted == 0


def test_role_filter_and_sort_are_kept_in_the_address(open_page, served_site: str) -> None:
    page = open_page(375)
    page.goto(served_site + "departments/czj/", wait_until="load")
    select = page.locator("select.gz-role-filter").first  # the unit's own task list
    select.select_option("cooperate")
    page.locator("button.gz-sort-deadline").first.click()
    assert "role=cooperate" in page.url and "sort=deadline" in page.url
    page.reload(wait_until="load")
    page.wait_for_function("() => document.querySelector('select.gz-role-filter')")
    assert page.locator("select.gz-role-filter").first.input_value() == "cooperate"
    assert page.locator("button.gz-sort-deadline").first.get_attribute("aria-pressed") == "true"
    assert page.locator(".gz-task-controls .gz-filter-count").first.get_attribute("role") == "status"


def test_wenhao_and_role_tags_do_not_wrap_at_1280(open_page, served_site: str) -> None:
    page = open_page(1280)
    page.goto(served_site + "departments/czj/", wait_until="load")
    split = page.evaluate(
        """() => [...document.querySelectorAll('#gz-dept-tasks .gz-wenhao, #gz-dept-tasks .gz-role')].filter(e => {
             const tops = new Set([...e.getClientRects()].map(r => Math.round(r.top)));
             return tops.size > 1; }).map(e => e.textContent)"""
    )
    assert not split, split


# --- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", (375, 1280))
def test_public_pages_carry_no_english_chrome(open_page, served_site: str, width: int) -> None:
    page = open_page(width)
    for url in ("", DOC, "departments/czj/", "lookup/", "search/"):
        page.goto(served_site + url, wait_until="load")
        footer = page.locator("footer").inner_text()
        assert "Made with" not in footer and "Material" not in footer
        body = page.locator("article").inner_text()
        for jargon in ("完整记录与条款锚点", "CSV/JSON/iCalendar", "numbers.json", "Pagefind", "lunr"):
            assert jargon not in body, (url, jargon)


def test_navigation_is_a_few_tabs(open_page, served_site: str) -> None:
    page = open_page(1280)
    page.goto(served_site, wait_until="load")
    tabs = page.locator(".md-tabs__item").all_inner_texts()
    assert 3 <= len(tabs) <= 6, tabs
    assert not [t for t in tabs if re.search(r"[A-Za-z]", t)]


def test_unknown_validity_is_quiet_with_how_to_check(open_page, served_site: str) -> None:
    page = open_page(375)
    page.goto(served_site + DOC, wait_until="load")
    unknown = page.locator(".gz-card .gz-unknown").filter(has_text="核实")
    assert unknown.count() == 1
    assert unknown.evaluate("e => getComputedStyle(e).fontWeight") in ("400", "normal")
    assert unknown.locator("a").get_attribute("href").endswith("about/#validity")


@pytest.mark.parametrize("width", (320, 375))
def test_phone_clause_keeps_its_pilcrow_beside_the_text(open_page, served_site: str, width: int) -> None:
    page = open_page(width)
    page.goto(served_site + DOC, wait_until="load")
    alone = page.evaluate(
        """() => [...document.querySelectorAll('.gz-part > p')].filter(p => {
             const link = p.querySelector(':scope > .gz-permalink'); if (!link) return false;
             const r = document.createRange(); r.selectNodeContents(p); r.setEndBefore(link);
             const rects = [...r.getClientRects()].filter(q => q.width > 0);
             if (!rects.length) return false;
             const lastTop = Math.max(...rects.map(q => q.top));
             return link.getBoundingClientRect().top > lastTop + 4; }).length"""
    )
    visible_copies = page.evaluate(
        "() => [...document.querySelectorAll('.gz-part > p > .gz-copy')].filter(b => b.getClientRects().length).length"
    )
    assert alone == 0
    assert visible_copies == 0  # shown at the clause the reader opens (tapped ¶), not under every clause


def test_deadline_month_links_and_unit_order(open_page, served_site: str) -> None:
    page = open_page(375)
    page.goto(served_site + "deadlines/", wait_until="load")
    links = page.locator(".gz-month-jump a").all_inner_texts()
    assert links and all(re.fullmatch(r"\d{1,2}月（\d+项）", t) for t in links), links[:5]
    options = page.locator("#gz-unit option").all_inner_texts()[1:]
    registry = page.evaluate(
        """async () => (await (await fetch('../data/departments.json')).json()).departments.map(d => d.name)"""
    )
    names = [re.sub(r"（\d+项）$", "", o) for o in options]
    positions = [registry.index(n) for n in names]
    assert positions == sorted(positions)


# --- slow phones: nothing the reader sees moves as the page completes -------------------------

SHIFTS = """window.__shifts = []; new PerformanceObserver(l => { for (const e of l.getEntries())
  if (!e.hadRecentInput) window.__shifts.push(e.value); }).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("width", (375, 1280))
def test_pages_do_not_shift_as_they_complete(chromium, served_site: str, width: int) -> None:
    # a context of its own: a first visit, nothing cached, is when late content moves the page most
    context = chromium.new_context(**_screen(width), locale="zh-CN")
    page = context.new_page()
    page.add_init_script(SHIFTS)
    ready = {  # the state the page reaches once its scripts and data have arrived
        "search/?q=%E8%B4%A2%E6%94%BF": "document.querySelectorAll('.gz-search-page .gz-results > li').length > 0",
        "deadlines/": "!document.querySelector('form.gz-unit-filter').hidden",
        "departments/czj/": "!document.querySelector('.gz-task-controls').hidden",
        DOC: "document.querySelector('.gz-document .gz-permalink[tabindex=\"0\"]')",  # cite.js has run
        "": "document.readyState === 'complete'",
    }
    shifted = {}
    for url, condition in ready.items():
        page.goto(served_site + url, wait_until="load")
        page.wait_for_function(f"() => {condition}")
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        total = page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)")
        if total > 0.1:
            shifted[url] = round(total, 3)
    context.close()
    assert not shifted, shifted


@pytest.mark.parametrize("width", (320, 375, 1280))
def test_the_sites_name_is_read_in_full_in_the_header(open_page, served_site: str, width: int) -> None:
    """On a phone the header search folds to its icon rather than squeeze the site's name to "衢…"."""
    page = open_page(width)
    page.goto(served_site + DOC, wait_until="load")
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    assert name.inner_text() == "衢州政报 · 政策文件库"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the name is cut"
    # on the phone the search is still one tap away, and opens across the header
    if width < 600:
        page.locator("#gz-search-input").focus()
        assert page.locator("#gz-search-input").evaluate("i => i.getBoundingClientRect().width") > width * 0.6
