"""Long pages on a slow phone (issue 23): what is out of view is not styled or laid out while the
page loads (content-visibility), and the site's scripts read no layout while it loads, yet the
reader still gets every word: by a link to a clause, by scrolling, by selecting and copying.

Real Chromium over the session's served site at 375 px. (How long the main thread is blocked is
a number for `make bench-reading`, never a test.)
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

DOC = "2018/qzbf-33/"  # long: six headings, an annex of clauses, a task table

# Whether a paragraph's content is rendered now (its ¶ is skipped while content-visibility skips it).
RENDERED = "p => p.querySelector('.gz-permalink').checkVisibility({contentVisibilityAuto: true})"
LAST_CLAUSE = "() => [...document.querySelectorAll('.gz-document .gz-part > p')].filter(p => p.querySelector('.gz-permalink')).pop()"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_clauses_out_of_view_wait_yet_every_word_reaches_the_reader(phone, served_site: str) -> None:
    page = phone.new_page()
    page.goto(served_site + DOC, wait_until="load")
    last = page.evaluate_handle(LAST_CLAUSE).as_element()
    assert not last.evaluate(RENDERED)  # far below: not laid out while the page loads
    # the printed words of the clause (without the site's ¶ and 复制引用)
    text = _flat(last.evaluate("p => { const k = p.cloneNode(true); k.querySelectorAll('[data-gz-site]')"
                               ".forEach(e => e.remove()); return k.textContent; }"))
    assert len(text) > 10
    # selecting the whole text (and so copying it) takes the clauses out of view too
    selected = page.evaluate("() => { const s = getSelection(); s.selectAllChildren(document.querySelector('article'));"
                             " return s.toString(); }")
    assert text in _flat(selected)
    # scrolling there shows it, laid out
    last.scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({RENDERED})(({LAST_CLAUSE})())")
    assert text in _flat(last.evaluate("e => e.innerText"))


def test_a_link_to_a_clause_far_down_opens_at_that_clause(phone, served_site: str) -> None:
    page = phone.new_page()
    page.goto(served_site + DOC, wait_until="load")
    anchor = page.evaluate(f"() => ({LAST_CLAUSE})().closest('.gz-part').id")
    page.goto(served_site + DOC + "#" + anchor, wait_until="load")
    page.wait_for_function(f"() => ({RENDERED})(document.getElementById({anchor!r}).querySelector(':scope > p'))")
    top = page.evaluate(f"document.getElementById({anchor!r}).getBoundingClientRect().top")
    height = page.evaluate("innerHeight")
    assert 0 <= top < height / 2, top  # at the top of the screen, below the header


# Layout reads (each one lays out whatever changed, on a slow phone a long task) made by the site's
# own clause and text-size scripts before the page has loaded, with the script that made them.
LAYOUT_READS = """
window.__layoutReads = [];
const ours = /\\/assets\\/cite\\.js|gazetteTextSize/;
const watch = (proto, name) => {
  const d = Object.getOwnPropertyDescriptor(proto, name);
  const wrap = f => function () {
    if (document.readyState !== 'complete') {
      const from = (new Error().stack || '').split('\\n').find(l => ours.test(l));
      if (from) window.__layoutReads.push(name + ' ' + from.trim());
    }
    return f.apply(this, arguments);
  };
  if (d.get) Object.defineProperty(proto, name, {...d, get: wrap(d.get)});
  else if (typeof d.value === 'function') Object.defineProperty(proto, name, {...d, value: wrap(d.value)});
};
for (const n of ['getClientRects', 'getBoundingClientRect', 'scrollWidth', 'scrollHeight', 'clientWidth',
                 'clientHeight', 'scrollLeft', 'scrollTop']) watch(Element.prototype, n);
for (const n of ['offsetTop', 'offsetLeft', 'offsetWidth', 'offsetHeight', 'offsetParent', 'innerText'])
  watch(HTMLElement.prototype, n);
"""


def test_clause_controls_are_set_up_without_reading_layout(phone, served_site: str) -> None:
    page = phone.new_page()
    page.add_init_script(LAYOUT_READS)
    page.goto(served_site + DOC, wait_until="load")
    # the scripts did their work: one tab stop for the clause controls, the text-size buttons marked
    assert page.locator(".gz-document :is(.gz-permalink, .gz-copy)[tabindex='0']").count() == 1
    assert page.locator(".gz-textsize button[aria-pressed='true']").count() == 1
    assert page.evaluate("window.__layoutReads") == []


def test_a_long_list_waits_entry_by_entry_yet_every_entry_reaches_the_reader(phone, served_site: str) -> None:
    """A department's list of documents starts on the page but runs far below it: each entry out of
    view waits (the list is not styled and laid out whole), and comes when scrolled to, with its link."""
    page = phone.new_page()
    page.goto(served_site + "departments/zfb/", wait_until="load")
    shown = "li => li.querySelector('a').checkVisibility({contentVisibilityAuto: true})"
    entries = page.locator("#documents ~ .gz-dept-docs > li")
    assert entries.count() > 1
    last = entries.last
    assert not last.evaluate(shown)
    last.scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({shown})([...document.querySelectorAll('#documents ~ .gz-dept-docs > li')].pop())")
    link = last.locator("a")
    assert link.inner_text().strip() and link.get_attribute("href").startswith("../../")
    # the entry's bullet is drawn inside its own box (a skipped box clips what lies outside it)
    assert last.evaluate("li => getComputedStyle(li).listStylePosition") == "inside"



def test_the_closed_menu_waits_yet_opens_and_keeps_its_tab_stops(phone, served_site: str) -> None:
    """On a narrow screen the navigation menu is off screen until opened: not rendered while the
    page loads, rendered when the menu button opens it; its links are tab stops as before."""
    page = phone.new_page()
    page.goto(served_site + DOC, wait_until="load")
    links = "[...document.querySelectorAll('.md-sidebar--primary a[href]')]"
    rendered = f"() => {links}.filter(a => a.checkVisibility({{contentVisibilityAuto: true}})).length"
    assert page.evaluate(f"{links}.length") > 5
    assert page.evaluate(rendered) == 0
    # the keyboard still reaches the menu's links (focus brings a skipped link to the screen's reach)
    page.locator("#gz-search-input").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    # focus leaves the menu (it slides out again) before the reader taps the menu button
    page.evaluate("document.activeElement.blur()")
    page.wait_for_function(_SETTLED)
    page.locator(".md-header label[for='__drawer']").click()
    page.wait_for_function(f"() => ({rendered})() > 5")
    page.get_by_role("link", name="首页", exact=True).first.wait_for(state="visible")


# Where the focused element is on screen and drawn on top: what a keyboard reader sees.
_FOCUS_SEEN = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
  if (!r.width || r.right <= 0 || r.left >= innerWidth) return false;
  const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
  return !!top && (top === e || e.contains(top) || top.contains(e)); }"""
_SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"  # the drawer has slid


@pytest.mark.parametrize("width", (375, 1024))
def test_the_closed_menus_links_come_into_view_as_the_keyboard_reaches_them(shared_context, served_site: str,
                                                                           width: int) -> None:
    """Below 1220 px the menu is a closed drawer whose button is no tab stop, so a keyboard reader
    reaches its links with Tab: each must be seen when focused (it was: 17 stops off screen, or
    hidden under the menu's first level), and the drawer closes again once focus leaves it."""
    page = shared_context(viewport={"width": width, "height": 700}).new_page()
    page.goto(served_site + "departments/fgw/", wait_until="load")
    names = page.evaluate("[...document.querySelectorAll('.md-sidebar--primary :is(a[href], label[tabindex])')]"
                          ".map(e => e.textContent.trim())")
    page.locator("#gz-search-input").focus()
    unseen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            break
        name = page.evaluate("document.activeElement.textContent.trim() || document.activeElement.getAttribute('aria-label')")
        page.wait_for_function(_SETTLED)
        if not page.evaluate(_FOCUS_SEEN):
            unseen.append(name)
    assert len(names) > 10
    assert not unseen, unseen
    # focus past the menu: the page's own controls are seen and the drawer is out of the way
    page.wait_for_function(_SETTLED)
    assert page.evaluate(_FOCUS_SEEN)
    assert page.evaluate("document.querySelector('.md-sidebar--primary').getBoundingClientRect().right <= 0")
