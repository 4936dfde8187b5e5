"""Relationships in the built site (issue 22, item 1): the acting document's card, the affected
number in the lookup map and the search index, the open data and the 数据结构 page."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import lxml.html
import pytest

from gazette.publish.search_format import decode_file
from tests.project import read

pytestmark = pytest.mark.site

REPEAL = "本文件第3段宣布衢政办发〔2015〕7号同时废止（本库未收录）"
QUOTE = "2015年公布的衢州市服务业重点企业名单(2014年)(衢政办发[2015]7号)同时废止。"


def _card(site: Path, url: str) -> dict[str, lxml.html.HtmlElement]:
    tree = lxml.html.fromstring(read(site, url))
    return {div.cssselect("dt")[0].text_content(): div.cssselect("dd")[0] for div in tree.cssselect("dl.gz-card > div")}


def test_acting_document_says_what_it_does_with_the_clause_linked(site: Path) -> None:
    card = _card(site, "2017/qzbf-11/")
    (item,) = card["文件关系"].cssselect("li[data-relation=repeals]")
    assert item.get("data-direction") == "out"
    assert item.text_content().startswith(REPEAL)
    assert item.cssselect("q")[0].text_content() == QUOTE
    assert item.cssselect("a")[0].get("href") == "#p_3"
    page = lxml.html.fromstring(read(site, "2017/qzbf-11/"))
    assert QUOTE in page.get_element_by_id("p_3").text_content()
    # the basis it cites is listed too, and the card's 有效性 of this document is untouched
    assert card["文件关系"].cssselect("li[data-relation=basis]")[0].text_content().startswith("本文件第1段依据衢政发〔2011〕89号")
    assert card["有效性"].text_content().startswith("本库未收到修改或废止本文的文件")


def test_tied_validity_follows_the_tying_document(site: Path) -> None:
    dd = _card(site, "2018/qsk-28/")["有效性"]
    text = dd.text_content()
    assert "随衢政发〔2017〕46号（本库未收录）" in text and "无法确认" in text
    assert "截至本站生成日2026年12月1日" in text  # SOURCE_DATE_EPOCH of the test build
    link = dd.cssselect("a[href$='#annex_1__sec_3__item_4']")[0]
    assert link.text_content() == "衢市科〔2018〕28号 第三部分第(四)项"


def test_timeline_holds_only_dates_the_text_gives(site: Path) -> None:
    events = {li.get("data-event"): li for li in _card(site, "2017/qzf-14/")["时间线"].cssselect("li")}
    assert list(events) == ["成文", "刊登", "施行"]
    assert events["施行"].cssselect("time")[0].get("datetime") == "2017-05-10"
    assert events["施行"].cssselect("a")[0].get("href").endswith("#annex_1__art_32")
    assert not events["刊登"].cssselect("time")  # the gazette prints a month, not a day
    assert "2017年第2期" in events["刊登"].text_content()
    events = [li.get("data-event") for li in _card(site, "2017/qzbf-11/")["时间线"].cssselect("li")]
    assert events == ["成文", "刊登"]


def test_timeline_says_each_fact_once(site: Path) -> None:
    """An event reads: what, when, what says so; its label and its date are not said again (成文
    2017年4月10日, not 成文 2017年4月10日 成文日期); a printed phrase that gives the date is quoted
    as printed, once, and carries the date for machines."""
    events = {li.get("data-event"): li for li in _card(site, "2017/qzf-14/")["时间线"].cssselect("li")}
    assert " ".join(events["成文"].text_content().split()) == "成文 2017年4月10日"
    effective = events["施行"]
    assert " ".join(effective.text_content().split()) == "施行 自2017年5月10日起施行"
    assert effective.cssselect("time")[0].get("datetime") == "2017-05-10"
    checked, pages = 0, sorted(site.glob("[0-9][0-9][0-9][0-9]/*/index.html"))
    for page in pages:
        for li in lxml.html.fromstring(page.read_text(encoding="utf-8")).cssselect(".gz-timeline li"):
            text = li.text_content()
            assert "成文日期" not in text, (page.parent.name, text)
            for time in li.cssselect("time"):
                day = dt.date.fromisoformat(time.get("datetime"))
                assert text.count(f"{day.year}年{day.month}月{day.day}日") <= 1, (page.parent.name, text)
                checked += 1
    assert checked > len(pages) > 30  # every 成文, and the dated 施行 and 届满


def test_lookup_map_holds_the_number_the_library_lacks(site: Path) -> None:
    numbers = json.loads((site / "lookup" / "numbers.json").read_text(encoding="utf-8"))
    entry = numbers["衢政办发〔2015〕7号"]
    assert entry["url"] is None
    assert entry["relations"] == [{
        "kind": "repeals", "text": "衢政办发〔2017〕11号第3段宣布衢政办发〔2015〕7号同时废止",
        "url": "../2017/qzbf-11/#p_3", "quote": QUOTE,  # relative to the map file, as all its URLs
    }]
    # basis and tied relations say nothing about the cited number's own status
    assert "衢政发〔2011〕89号" not in numbers and "衢政发〔2017〕46号" not in numbers


def test_search_index_carries_the_declaration(site: Path) -> None:
    (path,) = site.glob("search/*/w/2015.bin")  # under the build's id
    table = json.loads(decode_file(path.read_bytes()))
    own, citing, prefix, seq, declared = table["衢政办发〔2015〕7号"]
    assert (prefix, seq) == ("衢政办发", 7)
    assert own == -1 and len(citing) == 1
    assert declared == [["repeals", "衢政办发〔2017〕11号第3段宣布衢政办发〔2015〕7号同时废止", "2017/qzbf-11/#p_3"]]


def test_open_data(site: Path) -> None:
    doc = json.loads((site / "data" / "documents" / "2017" / "qzbf-11.json").read_text(encoding="utf-8"))
    repeal = next(r for r in doc["relations"] if r["kind"] == "repeals")
    assert repeal == {
        "kind": "repeals", "source": "2017/qzbf-11", "source_number": "衢政办发〔2017〕11号", "part": "p_3",
        "place": "第3段", "url": "https://example.test/zhengbao/2017/qzbf-11/#p_3", "target": "衢政办发〔2015〕7号",
        "target_id": None, "target_url": None, "words": "同时废止", "date": None, "quote": QUOTE,
    }
    assert doc["standing"] is None and doc["affected_by"] == []
    with open(site / "data" / "relations.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    per_document = sum(
        len(json.loads(p.read_text(encoding="utf-8"))["relations"]) for p in (site / "data" / "documents").glob("*/*.json")
    )
    assert len(rows) == per_document == 29
    assert {r["kind"] for r in rows} == {"repeals", "tied", "basis", "effective"}
    summary = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))["documents"]
    assert {d["id"]: d["standing"] for d in summary if d["standing"]} == {}


def test_schema_page_documents_the_kinds(site: Path) -> None:
    page = lxml.html.fromstring(read(site, "schema/"))
    section = page.get_element_by_id("relations")
    assert section.text_content() == "文件关系"
    kinds = [td.text_content() for td in page.cssselect("div[aria-label='文件关系的类型'] tbody tr td:first-child code")]
    assert {"repeals", "replaces", "amends", "tied", "basis", "effective", "expires"} <= set(kinds)
