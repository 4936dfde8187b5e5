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
