"""The three task walks of issue 13, end to end in Chromium, one test each."""

from __future__ import annotations

import datetime as dt
import urllib.request

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.browser


def test_citizen_checks_the_e_bike_registration_rules_on_a_phone(phone, served_site: str) -> None:
    """Home → 文件目录 → the 电动自行车登记规定 → its 第五条 (what to bring to register); and
    the same document by its number from the home page's lookup."""
    page = phone.new_page()
    page.goto(served_site)
    page.locator(".gz-stats a", has_text="件文件").click()  # browse: the document list
    page.wait_for_url("**/documents/")
    doc = page.locator("table.gz-doc-table a", has_text="电动自行车登记")
    assert doc.count() == 1 and doc.is_visible()
    doc.click()
    page.wait_for_url("**/2017/qzbf-25/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    clause = page.locator(".gz-art", has_text="申请电动自行车登记")
    clause.locator("> p .gz-permalink").first.tap()
    page.wait_for_url("**/2017/qzbf-25/#annex_1__art_5")
    box = page.locator("#annex_1__art_5").bounding_box()
    assert box["y"] < 812 and box["y"] + box["height"] > 0  # the clause is on screen, highlighted
    assert page.locator("#annex_1__art_5").evaluate("p => getComputedStyle(p).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "提交以下资料" in page.locator("#annex_1__art_5").inner_text()
    # or straight from home with the number as a citizen may type it
    page.goto(served_site)
    page.fill("#gz-home-q", "衢政办发[2017]25号")
    page.press("#gz-home-q", "Enter")
    page.wait_for_url("**/2017/qzbf-25/")


def test_civil_servant_cites_article_18_of_the_flood_rules_in_a_letter(desktop, served_site: str) -> None:
    """Contents → 第十八条 → 复制引用 → the clipboard holds the citation and its address."""
    desktop.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.split("/zhengbao/")[0])
    page = desktop.new_page()
    page.goto(served_site + "2017/qzf-14/")
    page.locator('.md-sidebar--secondary a[href="#annex_1__art_18"]').click()
    page.wait_for_url("**/2017/qzf-14/#annex_1__art_18")
    page.locator("#annex_1__art_18 > p button.gz-copy").click()
    page.wait_for_function("() => document.querySelector('#annex_1__art_18 > p button.gz-copy').dataset.copied === 'true'")
    copied = page.evaluate("navigator.clipboard.readText()")
    citation, url = copied.split("\n")
    assert citation == "《衢州市防汛防台管理工作暂行办法》（衢政发〔2017〕14号）第十八条"
    assert url.endswith("/2017/qzf-14/#annex_1__art_18")


def test_bianban_staff_subscribe_to_their_deadlines(phone, served_site: str) -> None:
    """部门 → find 市编办 → its page → the webcal: link serves its deadlines as a calendar."""
    page = phone.new_page()
    page.goto(served_site + "departments/")
    page.fill("#gz-dept-q", "市编办")
    page.locator(".gz-dept-list li:not([hidden]) a").tap()
    page.wait_for_url("**/departments/bb/")
    link = page.locator("a.gz-webcal")
    assert link.is_visible()
    href = link.get_attribute("href")
    host = served_site.split("//")[1].split("/")[0]
    assert href == f"webcal://{host}/zhengbao/departments/bb/tasks.ics"
    assert page.locator("#subscribe").is_visible() or page.locator('a[href="#subscribe"]').is_visible()
    with urllib.request.urlopen("http://" + href.removeprefix("webcal://")) as response:  # what the calendar app fetches
        calendar = Calendar.from_ical(response.read())
    events = [e for e in calendar.walk("VEVENT")]
    # its own dated tasks and those it holds through 市级各有关部门 (a table of their own)
    dated = page.locator("table.gz-tasks tbody tr[data-deadline]:not([data-deadline=''])").count()
    assert len(events) == dated > 0
    assert all(isinstance(e.decoded("dtstart"), dt.date) for e in events)
