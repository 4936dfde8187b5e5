"""存疑 marks and the site's own words on the built pages (issue: every table and list as printed)."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import read

pytestmark = pytest.mark.site


def _page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(read(site, url))


def test_doubts_are_marked_in_place_and_listed(site: Path) -> None:
    page = _page(site, "2018/qzbf-41/")
    row = page.get_element_by_id("att_1__table_1__row_13")
    assert "gz-doubtful" in row.get("class", "")
    mark = row.cssselect("a.gz-doubt-mark")[0]
    assert mark.text == "存疑" and mark.get("data-gz-site") is not None
    assert mark.get("href") == "#doubt-att_1__table_1__row_13"
    listed = page.get_element_by_id("doubt-att_1__table_1__row_13")
    assert "9接12" in listed.text_content() and listed.cssselect("a")[0].get("href") == "#att_1__table_1__row_13"
    part = _page(site, "2018/qzbf-40/").get_element_by_id("annex_1__sec_5__item_3")
    assert part.cssselect("a.gz-doubt-mark") and "gz-doubtful" in part.get("class")


def test_repaired_row_belongs_to_its_county(site: Path) -> None:
    """38号: 常山县常山港治理二期工程 is 常山县's (21 = 5+2+8+6), not 开化县's."""
    page = _page(site, "2018/qzbf-38/")
    erratum = [tr.text_content() for tr in page.cssselect("#errata tbody tr")]
    assert any("按常山县任务数21公里核对" in t for t in erratum)
    kaihua = json.loads((site / "departments" / "khx" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    assert not [t for t in kaihua if "常山港" in t["text"]]
    changshan = json.loads((site / "departments" / "csx" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    assert [t for t in changshan if "常山港" in t["text"]]


def test_site_words_carry_the_one_marker(site: Path) -> None:
    page = _page(site, "2018/qzbf-39/")
    units = page.cssselect("p.gz-clause-units")
    assert units and all(p.get("data-gz-site") is not None for p in units)
    assert units[0].text_content().startswith("相关单位：")
    for sel in ("a.gz-permalink", "button.gz-copy", "div.gz-search-only", "a.gz-erratum-mark"):
        assert all(e.get("data-gz-site") is not None for e in page.cssselect(sel)), sel


def test_addressees_punctuation_as_printed(site: Path) -> None:
    page = _page(site, "2018/qsk-28/")
    assert page.cssselect("p.gz-addressees")[0].text_content() == "各县(市、区)科技局、财政局,市级各单位："
    page = _page(site, "2018/qzbf-33/")
    assert page.cssselect("p.gz-addressees")[0].text_content() == "各县(市、区)人民政府,市政府各部门、直属各单位:"
