"""Item 7 of issue 13: the 404 page, example URLs on the hand-written pages, the 部门 filter
and collective names, the calendar subscription; and the text font (issue 23)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from tests.project import ROOT, read


@pytest.mark.site
def test_404_page_is_chinese_with_ways_out(site: Path) -> None:
    page = lxml.html.fromstring((site / "404.html").read_text(encoding="utf-8"))
    article = page.cssselect("article")[0]
    assert "未找到该页面" in article.text_content() and "Not found" not in article.text_content()
    hrefs = {a.text_content(): a.get("href") for a in article.cssselect("a")}
    for name, target in [("返回首页", ""), ("全文检索", "search/"), ("文号查找", "lookup/")]:
        href = hrefs[name]
        assert href.startswith("/zhengbao/") and href.rstrip("/").endswith(target.rstrip("/")), href  # absolute: served at any address
        assert (site / href.removeprefix("/zhengbao/") / "index.html").exists(), href
    form = article.cssselect("form.gz-lookup")[0]
    assert form.get("action") == "/zhengbao/lookup/" and form.cssselect("input[name=q]")


def _examples(text: str) -> list[tuple[str, str]]:
    """Site paths (with their anchor) written as examples in code spans and blocks."""
    found = []
    for m in re.finditer(r"(?<![\w.{}])/((?:[a-z0-9-]+/)+)(?:#([A-Za-z0-9_]+))?", text):
        found.append((m.group(1), m.group(2) or ""))
    return found


@pytest.mark.site
def test_every_example_url_and_anchor_on_the_hand_written_pages_exists(site: Path) -> None:
    checked = 0
    for md in sorted((ROOT / "docs").glob("*.md")):
        text = md.read_text(encoding="utf-8")
        for path, anchor in _examples(text):
            if path.startswith(("assets/", "data/")) and not (site / path).exists():
                continue  # file trees named in prose, not page examples
            page = site / path / "index.html"
            assert page.exists(), f"{md.name}: /{path} is not a page"
            if anchor:
                assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), f"{md.name}: /{path}#{anchor} does not exist"
            checked += 1
        # the 条款锚点 table: each example anchor exists on the page named next to it
        for row in re.findall(r"^\|[^|\n]+\|[^|\n]+\|([^|\n]+)\|$", text, re.M):
            spans = re.findall(r"`([^`]+)`", row)
            pages = [s.strip("/") for s in spans if s.startswith("/")]
            for anchor in (s for s in spans if re.fullmatch(r"[a-z]+_\d+(?:__[a-z]+_\d+)*", s)):
                assert pages, f"{md.name}: example anchor {anchor} names no page"
                assert f'id="{anchor}"' in read(site, pages[0] + "/"), f"{md.name}: /{pages[0]}/#{anchor} does not exist"
                checked += 1
    assert checked >= 15


@pytest.mark.site
def test_departments_index_separates_collective_names(site: Path) -> None:
    from gazette.derive.catalog import build_library

    library = build_library(ROOT / "data")
    collective = {d.record.code for d in library.departments if d.collective}
    assert {"sjbm", "ldxz", "gx"} <= collective and "bb" not in collective
    page = lxml.html.fromstring(read(site, "departments/"))
    listed = {a.get("href").strip("/").split("/")[-1] for a in page.cssselect(".gz-collective a")}
    assert listed == collective
    units = {a.get("href").strip("/").split("/")[-1] for a in page.cssselect(".gz-dept-list:not(.gz-collective) a")}
    assert not units & collective and "bb" in units


@pytest.mark.browser
def test_departments_filter(phone, served_site: str) -> None:
    page = phone.new_page()
    page.goto(served_site + "departments/")
    total = page.locator(".gz-dept-list li").count()
    page.fill("#gz-dept-q", "编办")  # an alias: 市编办
    visible = page.locator(".gz-dept-list li:not([hidden])")
    assert visible.count() == 1 and visible.locator("a").inner_text() == "衢州市机构编制委员会办公室"
    assert page.locator(".gz-dept-group:not([hidden])").count() == 1
    page.fill("#gz-dept-q", "")
    assert page.locator(".gz-dept-list li:not([hidden])").count() == total


@pytest.mark.browser
def test_departments_index_without_javascript(shared_context, served_site: str) -> None:
    page = shared_context(java_script_enabled=False).new_page()
    page.goto(served_site + "departments/")
    assert not page.locator(".gz-dept-filter").is_visible()
    assert page.locator(".gz-dept-list li:visible").count() == page.locator(".gz-dept-list li").count()
    page.goto(served_site + "departments/bb/")
    assert page.locator("a.gz-webcal").get_attribute("href") == "tasks.ics"  # a plain download


@pytest.mark.site
def test_calendar_subscription_link_and_how_to(site: Path) -> None:
    page = lxml.html.fromstring(read(site, "departments/bb/"))
    assert page.cssselect("a.gz-webcal[data-webcal]")
    howto = page.get_element_by_id("subscribe").getparent()
    assert "订阅" in howto.text_content() and "URL" in howto.text_content()
    # a unit without dated tasks offers no empty calendar to subscribe to
    undated = [p for p in site.glob("departments/*/index.html") if "data-deadline=\"2" not in p.read_text(encoding="utf-8")]
    assert undated and not lxml.html.fromstring(undated[0].read_text(encoding="utf-8")).cssselect("a.gz-webcal")
    # nor an empty calendar to download: 20 units offered a 期限日历 with no event in it
    for path in undated:
        assert not lxml.html.fromstring(path.read_text(encoding="utf-8")).cssselect("a[href$='tasks.ics']"), path.parent.name


@pytest.mark.browser
def test_chinese_text_is_set_in_a_chinese_system_font_list_first(phone, served_site: str) -> None:
    """The text font is the site's list of Chinese system fonts (gazette.css, Material's
    --md-text-font), before the theme's Latin fonts, on the text, the clauses and the search box;
    no font is downloaded."""
    page = phone.new_page()
    page.goto(served_site + "2018/qzbf-33/", wait_until="load")
    fonts = page.evaluate("""() => {
      const list = getComputedStyle(document.documentElement).getPropertyValue('--md-text-font').trim();
      const family = (selector) => getComputedStyle(document.querySelector(selector)).fontFamily;
      return { list, body: family('body'), article: family('article'), search: family('#gz-search-input'),
               faces: document.fonts.size,
               fetched: performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /[.](woff2?|ttf|otf)([?#]|$)/.test(n)) };
    }""")
    first = [name.strip() for name in fonts["list"].split(",")]
    assert len(first) >= 3 and first[0].startswith('"'), fonts
    for key in ("body", "article", "search"):
        assert [name.strip() for name in fonts[key].split(",")][: len(first)] == first, (key, fonts)
    assert fonts["faces"] == 0 and fonts["fetched"] == [], fonts


# A space the templates left between a Chinese name and the word the site adds to it (的链接, 文件):
# a screen reader pauses there, and the name is not the phrase a reader says. (A printed label's
# own space, 第一章 总则, is the print's.)
STRAY_SPACE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9] +(?:的链接|文件)$")


@pytest.mark.site
def test_accessible_names_have_no_stray_space_between_chinese_words(site: Path) -> None:
    page = lxml.html.fromstring(read(site, "2017/qzf-14/"))
    assert page.cssselect('a.gz-permalink[href="#annex_1"]')[0].get("aria-label") == "衢州市防汛防台管理工作暂行办法的链接"
    stray, names = [], 0
    for path in site.rglob("*.html"):
        for name in re.findall(r'aria-label="([^"]*)"', path.read_text(encoding="utf-8")):
            names += 1
            if STRAY_SPACE.search(name):
                stray.append(f"{path.relative_to(site)}: {name}")
    assert names > 1000 and not stray, stray[:5]
