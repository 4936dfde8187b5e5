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
