"""A repeal of a document the library holds (issue 22, item 1): its 有效性 becomes 已废止 with
the date and the clause that say so, its timeline ends there, and its JSON-LD says NotInForce.
data/ has no such pair, so a copy of the project gets one sentence more."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from tests.edited import REPEAL
from tests.project import read

pytestmark = pytest.mark.site

@pytest.fixture(scope="module")
def repealed_site(edited_site: Path) -> Path:
    """2018/qzbf-42 with the sentence that repeals 2017/qzbf-11 (tests/edited.py)."""
    return edited_site


def _card(site: Path, url: str) -> dict[str, lxml.html.HtmlElement]:
    tree = lxml.html.fromstring(read(site, url))
    return {div.cssselect("dt")[0].text_content(): div.cssselect("dd")[0] for div in tree.cssselect("dl.gz-card > div")}


def test_the_affected_document_says_it_is_repealed_and_by_what(repealed_site: Path) -> None:
    card = _card(repealed_site, "2017/qzbf-11/")
    validity = card["有效性"]
    assert validity.cssselect("strong[data-validity]")[0].text_content() == "已废止"
    assert validity.cssselect("time")[0].get("datetime") == "2018-06-01"  # the acting document's 施行日期
    link = validity.cssselect("a")[0]
    assert link.text_content() == "衢政办发〔2018〕42号 第四部分第(七)项"
    assert link.get("href") == "../../2018/qzbf-42/#sec_4__item_7"
    assert "宣布本文件同时废止" in validity.text_content() and REPEAL in validity.text_content()
    (incoming,) = card["文件关系"].cssselect("li[data-direction=in]")
    assert incoming.get("data-relation") == "repeals"
    events = [(li.get("data-event"), li.cssselect("time")[0].get("datetime") if li.cssselect("time") else None)
              for li in card["时间线"].cssselect("li")]
    assert events == [("成文", "2017-03-13"), ("刊登", None), ("废止", "2018-06-01")]
    block = json.loads(lxml.html.fromstring(read(repealed_site, "2017/qzbf-11/"))
                       .xpath("//script[@type='application/ld+json']")[0].text)
    assert block["legislationLegalForce"] == "https://schema.org/NotInForce"
    summary = json.loads((repealed_site / "data/documents/2017/qzbf-11.json").read_text(encoding="utf-8"))
    assert summary["standing"]["status"] == "已废止" and summary["standing"]["since"] == "2018-06-01"


def test_the_acting_document_links_the_target(repealed_site: Path) -> None:
    (item,) = _card(repealed_site, "2018/qzbf-42/")["文件关系"].cssselect("li[data-relation=repeals]")
    assert item.text_content().startswith("本文件第四部分第(七)项宣布衢政办发〔2017〕11号同时废止")
    assert "本库未收录" not in item.text_content()
    assert item.cssselect("a.gz-cite")[0].get("href") == "../../2017/qzbf-11/"
