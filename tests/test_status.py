"""Status facts on the card (issue 13, item 5): 施行日期 and 有效期 as the text
states them, linked to the clause; 有效性 only from a record naming its source."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import lxml.html
import pytest
import yaml

from gazette.derive.anchors import anchor_document
from gazette.derive.status import status_facts
from tests.edited import VALIDITY, VALIDITY_RECORD
from tests.project import build, copy_project, read
from tests.records import document


@pytest.mark.unit
@pytest.mark.parametrize("texts, effective, date, period", [
    (["本办法自2017年5月10日起施行。"], "自2017年5月10日起施行", dt.date(2017, 5, 10), None),
    (["本规定自2017年5月1日之日起施行。"], "自2017年5月1日之日起施行", dt.date(2017, 5, 1), None),
    (["本实施意见自2017年4月29日起执行。"], "自2017年4月29日起执行", dt.date(2017, 4, 29), None),
    (["本办法自印发之日起施行,有效期5年。"], "自印发之日起施行", None, "有效期5年"),
    (["本意见自2019年1月1日起实施,有效期至2021年12月31日。"], "自2019年1月1日起实施", dt.date(2019, 1, 1), "有效期至2021年12月31日"),
    (["本细则(试行)自发布之日起30日后施行。", "本细则有效期为3年。"], None, None, "有效期为3年"),
    # the words about something else are not the document's status
    (["临时通行号牌和行驶证有效期为5年,适用于2017年5月1日之前购买的车辆;", "各县参照本规定执行。"], None, None, None),
    (["原《某办法》(衢政发〔2015〕7号)自本办法施行之日起废止。"], None, None, None),
])
def test_status_rule(texts: list[str], effective: str | None, date: dt.date | None, period: str | None) -> None:
    clauses = [{"label": f"第{'一二三四五六'[i]}条", "text": t} for i, t in enumerate(texts)]
    status = status_facts(anchor_document(document(clauses, title="衢州市人民政府关于印发某办法的通知", date="2099-01-02")))
    assert (status.effective.phrase if status.effective else None) == effective
    assert (status.effective.date if status.effective else None) == date
    assert (status.period.phrase if status.period else None) == period
    for fact in (status.effective, status.period):
        if fact:
            assert fact.phrase in fact.sentence and fact.node.id.startswith("art_")


def card(site: Path, url: str) -> dict[str, lxml.html.HtmlElement]:
    tree = lxml.html.fromstring(read(site, url))
    return {div.cssselect("dt")[0].text_content(): div.cssselect("dd")[0] for div in tree.cssselect("dl.gz-card > div")}


@pytest.mark.site
def test_card_links_the_clause_that_says_so(site: Path) -> None:
    dd = card(site, "2017/qzbf-25/")["施行日期"]
    assert dd.cssselect("q")[0].text_content() == "自2017年5月1日之日起施行"
    link = dd.cssselect("a")[0]
    assert link.get("href") == "#annex_1__art_13" and link.text_content() == "衢政办发〔2017〕25号 第十三条"
    page = lxml.html.fromstring(read(site, "2017/qzbf-25/"))
    assert "本规定自2017年5月1日之日起施行" in page.get_element_by_id("annex_1__art_13").text_content()
    # 第四条's licence validity is not the document's 有效期
    assert "未载明" in card(site, "2017/qzbf-25/")["有效期"].text_content()


@pytest.mark.site
def test_unknown_is_said_plainly(site: Path) -> None:
    fields = card(site, "2018/qzbf-33/")
    assert "未载明" in fields["施行日期"].text_content()
    # Said quietly, with how to check (issue 23 item 9), never guessed.
    unknown = fields["有效性"]
    assert "是否仍有效请向发文机关核实" in unknown.text_content() and unknown.cssselect("a[href]")


@pytest.mark.site
def test_the_guide_for_readers_names_no_maintainer_files(site: Path) -> None:
    """使用说明 is for citizens: no repository paths, test promises or foreign standards' names
    (the editors' guide under 开发者 keeps them)."""
    text = lxml.html.fromstring((site / "about/index.html").read_text(encoding="utf-8")).cssselect("article")[0].text_content()
    for jargon in ("data/", ".yaml", ".txt", "Akoma Ntoso", "测试保证"):
        assert jargon not in text, jargon


@pytest.mark.site
def test_open_data_carries_status(site: Path) -> None:
    docs = {d["id"]: d for d in json.loads((site / "data/documents.json").read_text(encoding="utf-8"))["documents"]}
    d = docs["2017/qzf-14"]
    assert (d["effective"], d["effective_date"], d["effective_part"]) == ("自2017年5月10日起施行", "2017-05-10", "annex_1__art_32")
    assert d["validity_period"] is None and d["validity"] is None and d["validity_source"] is None
    header = (site / "data/documents.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert {"effective", "effective_date", "effective_part", "validity_period", "validity", "validity_source"} <= set(header)
    schema = read(site, "schema/")
    assert "model-validity" in schema and "已废止" in schema


@pytest.mark.site
def test_validity_only_from_a_named_source(tmp_path: Path, edited_site: Path) -> None:
    project = copy_project(tmp_path / "p")
    path = project / "data" / VALIDITY_RECORD
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["validity"] = {k: v for k, v in VALIDITY.items() if k != "source"}  # no source: refused
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    failed = build(project, tmp_path / "bad")
    assert failed.returncode != 0 and "qzf-14.yaml" in failed.stderr and "source" in failed.stderr
    # with its source (the edited copy, tests/edited.py): shown and linked
    site = edited_site
    dd = card(site, "2017/qzf-14/")["有效性"]
    assert "已废止" in dd.text_content()
    assert [a.get("href") for a in dd.cssselect("a")] == ["../../2018/qzf-15/"]  # the source, linked
    data = json.loads((site / "data/documents/2017/qzf-14.json").read_text(encoding="utf-8"))
    assert (data["validity"], data["validity_source"]) == ("已废止", "衢政发〔2018〕15号")
