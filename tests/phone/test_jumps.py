"""A link into a page lands where it points, on a phone too. Out of view, clauses, cards and list
entries are laid out at an estimated height (content-visibility, gazette.css); once a jump brings
the blocks above its target near the screen they take their own height, and the target used to
end up one to three screens lower (a month of the 任务期限 page, a section of a unit's page).
``jump.js`` keeps the target where the jump put it. Measured in real Chromium at 375 px."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from tests.project import read

# Where the target stands once the page has settled: at its scroll margin below the header, or
# lower only when the page ends before the target could reach the top.
LANDED = """(id) => {
  const element = document.getElementById(id), top = element.getBoundingClientRect().top;
  const margin = parseFloat(getComputedStyle(element).scrollMarginTop) || 0;
  const atEnd = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight;
  return Math.abs(top - margin) <= 1 || (atEnd && top > margin && top < innerHeight);
}"""


# "Later" counted in frames the page draws, not in time: jump.js re-places the target once a frame
# while it holds it and lets go after STILL (5) frames in which it did not move, so a target that
# is where it belongs 20 frames on has been left there, however slowly the machine draws them.
LATER = 20
FRAMES = """(n) => new Promise(done => { const next = () => (--n > 0 ? requestAnimationFrame(next) : done());
  requestAnimationFrame(next); })"""


def _landed(page, anchor: str) -> None:
    page.wait_for_function(LANDED, arg=anchor, timeout=10000)
    # and it stays there: the blocks near it have their own heights now
    page.evaluate(FRAMES, LATER)
    assert page.evaluate(LANDED, anchor), anchor


@pytest.mark.browser
def test_each_month_link_of_the_deadlines_page_lands_on_its_month(phone, served_site: str) -> None:
    page = phone.new_page()
    page.goto(served_site + "deadlines/")
    links = page.locator(".gz-month-jump a")
    count = links.count()
    assert count > 6
    for index in (count // 3, count - 2, 1):  # down the page, further down, back up
        month = links.nth(index).get_attribute("data-month")
        page.locator(".gz-month-jump").scroll_into_view_if_needed()
        links.nth(index).click()
        page.wait_for_url(f"**/deadlines/#m-{month}")
        _landed(page, f"m-{month}")


@pytest.mark.browser
def test_a_unit_page_opened_at_a_section_shows_that_section(phone, served_site: str, site: Path) -> None:
    tree = lxml.html.fromstring(read(site, "departments/fgw/"))
    sections = [h.get("id") for h in tree.xpath('//article//*[self::h2 or self::h3][@id]')]
    after_cards = [anchor for anchor in sections
                   if tree.xpath(f'//*[@id="{anchor}"]/preceding::table[contains(@class, "gz-cards")]')]
    assert len(after_cards) >= 2, sections
    page = phone.new_page()
    for anchor in after_cards:
        page.goto(served_site + f"departments/fgw/#{anchor}")
        _landed(page, anchor)


@pytest.mark.browser
def test_a_clause_link_within_a_long_document_lands_on_the_clause(phone, served_site: str, site: Path) -> None:
    tree = lxml.html.fromstring(read(site, "2018/qsk-28/"))
    parts = tree.xpath('//*[contains(concat(" ", @class, " "), " gz-part ")]/@id')
    assert len(parts) > 60
    page = phone.new_page()
    page.goto(served_site + "2018/qsk-28/")
    for anchor in (parts[-5], parts[len(parts) // 2], parts[3]):  # far down, then back up
        page.evaluate("(anchor) => { location.hash = anchor; }", anchor)
        _landed(page, anchor)


@pytest.mark.browser
def test_the_reader_scrolling_takes_over_at_once(phone, served_site: str) -> None:
    page = phone.new_page()
    page.goto(served_site + "deadlines/")
    month = page.locator(".gz-month-jump a").nth(4).get_attribute("data-month")
    page.evaluate("(id) => { location.hash = id; }", f"m-{month}")
    page.mouse.wheel(0, -600)  # the reader scrolls back up before the page has settled
    page.evaluate(FRAMES, LATER)  # frames in which a jump that kept holding would pull the month back
    top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", f"m-{month}")
    assert top > 300, top  # left where the reader scrolled, not pulled back to the month


SKIPPED = """() => Array.from(document.querySelectorAll('.md-content *'))
  .some(e => getComputedStyle(e).contentVisibility === 'auto')"""


@pytest.mark.browser
def test_every_page_that_skips_blocks_out_of_view_loads_the_jump_script(phone, served_site: str, site: Path) -> None:
    page = phone.new_page()
    urls = ["", "search/", "deadlines/", "departments/", "departments/fgw/", "issues/2017-02/", "2018/qzbf-33/",
            "2018/qsk-28/", "lookup/", "about/", "opendata/", "citations/"]
    skipping = 0
    for url in urls:
        page.goto(served_site + url)
        skips = page.evaluate(SKIPPED)
        loads = page.locator('script[src$="assets/jump.js"]').count() == 1
        assert not skips or loads, url
        skipping += skips
    assert skipping >= 4
