"""The importer's layout rules on small inputs: page furniture, labels decided by sequence,
plausibility warnings (issue 19, items 5–7)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from gazette.importer import emit
from gazette.importer.cli import import_issue
from gazette.importer.furniture import find_furniture
from gazette.importer.outline import Outline
from gazette.importer.report import Report
from gazette.importer.split import Heads
from gazette.records.models import Document, Issue

from .conftest import DATA

pytestmark = pytest.mark.site  # the importer on a whole issue text
HEADS = Heads({"衢政发": "qzf", "衢政办发": "qzbf"}, {"衢政发": ["衢州市人民政府"], "衢政办发": ["衢州市人民政府办公室"]})


def _doc(number: str, paragraphs: list[str], signer: str = "衢州市人民政府") -> list[str]:
    lines = ["衢州市人民政府关于某事的通知", "", number, ""]
    for p in paragraphs:
        lines += [p, ""]
    return lines + [signer, "2018年5月4日", "", "(此件公开发布)", ""]


def test_furniture_by_shape_and_repetition() -> None:
    lines = _doc("衢政发〔2018〕1号", ["一、总则", "正文第一段没有写", "— 3 —", "衢州政报", "完。", "附件"])
    lines += _doc("衢政发〔2018〕2号", ["第4页", "衢州政报", "二、要求", "附件"])
    lines += _doc("衢政发〔2018〕3号", ["·5·", "衢州政报", "三、要求", "附件"])
    # not what a document repeats itself: its organ above a date, 附件, (此件公开发布), dates, titles
    found = {(f.text, f.kind) for f in find_furniture(lines, 0, HEADS)}
    assert found == {("— 3 —", "page-number"), ("第4页", "page-number"), ("·5·", "page-number"), ("衢州政报", "running-head")}


def test_a_single_number_line_is_no_page_number() -> None:
    lines = _doc("衢政发〔2018〕1号", ["12", "正文。"])
    assert find_furniture(lines, 0, HEADS) == []


def _outline(texts: list[str]) -> tuple[list[tuple[str | None, str | None]], Report]:
    report = Report("x.txt")
    ol = Outline(report, "t")
    for k, t in enumerate(texts):
        ol.add_paragraph(t, k)
    return [(p.label, p.text) for p in ol.parts()], report


def test_an_item_beginning_with_digits_is_read_by_its_place_in_the_sequence() -> None:
    parts, report = _outline(["10.人才引进。", "11.121人才梯队项目。", "12.其他。"])
    assert parts == [("10.", "人才引进。"), ("11.", "121人才梯队项目。"), ("12.", "其他。")]
    assert report.items["labels"] == ["x.txt:2：[t] “11.121人才梯队项目。…”的开头按编号顺序读作11.（前一项为10.）"]
    assert not any("12." in m for m in report.items["outline"])  # no jump from 10. to 12.


@pytest.mark.parametrize("texts", [["3.15国际消费者权益日开展宣传。"], ["1.开展宣传。", "3.15国际消费者权益日开展宣传。"]])
def test_a_number_the_sequence_does_not_expect_stays_text(texts: list[str]) -> None:
    parts, report = _outline(texts)
    assert "3." not in [label for label, _ in parts]
    assert "labels" not in report.items


def _import_with(tmp_path: Path, old: str, new: str) -> tuple[Issue, dict[str, Document], Report]:
    """The 2018-05 issue imported with ``old`` (once in its text) replaced by ``new``."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("documents", "published"))
    source = data / "sources" / "quzhou-zhengbao-2018-05.txt"
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    source.write_text(text.replace(old, new), encoding="utf-8")
    report = Report()
    issue, docs = import_issue(source, data, tmp_path / "out", report)
    return issue, docs, report


def _issue_with(tmp_path: Path, old: str, new: str) -> str:
    return "\n".join(_import_with(tmp_path, old, new)[2].items["plausibility"])


def test_a_signer_outside_the_wenhao_family_is_flagged(tmp_path: Path) -> None:
    # 衢政办发〔2018〕35号 signed by the 市政府 instead of its office
    old = "衢州市人民政府办公室\n2018年5月8日"
    warnings = _issue_with(tmp_path, old, "衢州市人民政府\n2018年5月8日")
    assert "[2018/qzbf-35] [signer] 落款“衢州市人民政府”不是文号衢政办发系列的发文机关" in warnings
    assert "quzhou-zhengbao-2018-05.txt:" in warnings



def test_a_date_the_build_would_refuse_is_flagged_at_its_line(tmp_path: Path) -> None:
    """The build's own rule (derive/plausibility.py), told by the importer before it writes."""
    warnings = _issue_with(tmp_path, "衢州市人民政府办公室\n2018年5月8日", "衢州市人民政府办公室\n2021年5月8日")
    source = (DATA / "sources" / "quzhou-zhengbao-2018-05.txt").read_text(encoding="utf-8").split("\n")
    line = source.index("2018年5月8日") + 1
    at = f"quzhou-zhengbao-2018-05.txt:{line}：[2018/qzbf-35] [date] 成文日期 2021-05-08 "
    assert f"{at}与文号年份 2018（衢政办发〔2018〕35号）不符" in warnings
    assert f"{at}与刊登它的 2018-05 期（2018年6月）相距太远" in warnings


def test_toc_pages_out_of_body_order_are_flagged(tmp_path: Path) -> None:
    warnings = _issue_with(tmp_path, "(衢政办发[2018]41号) 27", "(衢政办发[2018]41号) 2")
    assert "[2018/qzbf-41] [toc-page] 目录页码2小于" in warnings
    assert "quzhou-zhengbao-2018-05.txt:36：" in warnings


def test_a_main_addressee_line_that_names_no_addressee_is_flagged(tmp_path: Path) -> None:
    old = "各县(市、区)人民政府,市政府各部门、直属各单位:\n\n国务院决定于2018年开展"
    warnings = _issue_with(tmp_path, old, "各地要认真做好以下工作,确保普查顺利开展:\n\n国务院决定于2018年开展")
    assert "[2018/qzf-15] [addressee] 主送“各地要认真做好以下工作,确保普查顺利开展:”" in warnings


@pytest.mark.parametrize("addressees", [
    # real 主送 lines of other cities: groups, places, kinds enumerated, a note in brackets
    "各县、区人民政府,省江北产业集中区、经济技术开发区、长江大桥开发区管委会,市政府各部门、各直属单位,驻芜各单位:",
    "各市、州、县人民政府,省政府各部门:",
    "各县(市、区)人民政府,济宁高新区、曲阜文化建设示范区管委会(推进办公室),市政府各部门,各大企业,各高等院校:",
    "各乡镇人民政府、街道办事处,市直各机关、各有关企业:",
])
def test_the_addressees_of_other_cities_are_no_alarm(tmp_path: Path, addressees: str) -> None:
    old = "各县(市、区)人民政府,市政府各部门、直属各单位:\n\n国务院决定于2018年开展"
    warnings = _issue_with(tmp_path, old, f"{addressees}\n\n国务院决定于2018年开展")
    assert "[addressee]" not in warnings


def test_a_printed_space_between_joint_issuers_is_no_erratum() -> None:
    from gazette.importer.repairs import remove_spaces

    assert remove_spaces("中共广州市委 广州市人民政府关于推进人才集聚工程的实施意见", "r") == (
        "中共广州市委 广州市人民政府关于推进人才集聚工程的实施意见", None)
    fixed, erratum = remove_spaces("衢州市人民政府办公室 关于印发某方案的通知", "r")
    assert fixed == "衢州市人民政府办公室关于印发某方案的通知" and erratum is not None


def test_repeated_short_items_beginning_with_digits_are_no_running_heads() -> None:
    """"3.257申报材料" three times is an item the outline may read as 3., not a page head."""
    lines: list[str] = []
    for n in (1, 2, 3):
        lines += _doc(f"衢政发〔2018〕{n}号", ["1.支持对象", "2.补助标准", f"3.{n}57申报材料"])
    assert find_furniture(lines, 0, HEADS) == []


def test_an_organ_above_its_date_across_a_page_break_is_no_running_head() -> None:
    lines: list[str] = []
    for n in (1, 2, 3):
        lines += _doc(f"衢政发〔2018〕{n}号", ["正文。"], signer=f"衢州市人民政府\n\n— {n + 4} —\n\n衢州政报")
    lines = "\n".join(lines).split("\n")
    found = {f.text for f in find_furniture(lines, 0, HEADS)}
    assert found == {"— 5 —", "— 6 —", "— 7 —", "衢州政报"}


@pytest.mark.parametrize("old, new, doc_id", [
    # the first document, under the imprint; the contents leave out the organ (关于开展…)
    ("衢州市人民政府关于 开展第四次经济普查的通知", "衢州市人民政府关于\n开展第四次经济普查的通知", "2018/qzf-15"),
    ("衢州市人民政府关于 开展第四次经济普查的通知", "衢州市人民政府\n关于开展第四次经济普查的通知", "2018/qzf-15"),
    # below a table of the document before; only the contents can tell where the title starts
    ("衢州市人民政府办公室关于2017年度 县(市、区)政府质量工作考核结果的通报",
     "衢州市人民政府办公室关于2017年度\n县(市、区)政府质量工作考核结果的通报", "2018/qzbf-35"),
])
def test_a_title_printed_on_two_lines_is_the_whole_title(tmp_path: Path, old: str, new: str, doc_id: str) -> None:
    issue, docs, report = _import_with(tmp_path, old, new)
    committed = yaml.safe_load((DATA / "documents" / f"{doc_id}.yaml").read_text(encoding="utf-8"))
    assert docs[doc_id].title == committed["title"]  # joined as printed: nothing added, nothing lost
    assert not any(e.original == old for e in docs[doc_id].errata)  # a line break is no erratum
    assert "toc cross-check" not in report.items
    # no part of the title went into another document, nor into the imprint above the first
    for other, doc in docs.items():
        if other != doc_id:
            assert emit.dump(doc) == (DATA / "documents" / f"{other}.yaml").read_text(encoding="utf-8"), other
    assert emit.dump(issue) == (DATA / "issues" / "2018-05.yaml").read_text(encoding="utf-8")


def test_a_role_line_printed_twice_is_reported_at_each_of_its_own_lines(tmp_path: Path) -> None:
    """Lists repeat word for word ("牵头单位:区发改局" under items 1 and 3): each report line names
    the source line of its own item, not the first line that reads the same."""
    cover = ["衢州政報", "", "2018年6月", "第6期", "(总第100期)", "浙内部资料准印证", "第H004号", "", "目 录", "", "●市政府文件", "",
             "衢州市人民政府关于某事的通知(衢政发〔2018〕1号) 1", "", "编辑委员会", "", "主编:刘卸荣", "",
             "出版:《衢州政报》编辑部", ""]
    items = ["一、主要目标", "1.地区生产总值增长6%。", "牵头单位:区发改局", "2.工业增加值增长5%。", "牵头单位:区工信局",
             "3.固定资产投资增长15%。", "牵头单位:区发改局"]
    lines = cover + _doc("衢政发〔2018〕1号", items)
    source = tmp_path / "quzhou-zhengbao-2018-06.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = Report()
    import_issue(source, DATA, tmp_path / "out", report)
    at = [int(m.split("：")[0].rsplit(":", 1)[1]) for m in report.items["units"] if "“区发改局”" in m]
    expected = [k + 1 for k, line in enumerate(lines) if line == "牵头单位:区发改局"]
    assert at == expected, report.items["units"]


def test_a_cover_month_with_the_extractions_spaces_is_read_as_the_build_reads_it(tmp_path: Path) -> None:
    """One cover-month rule (gazette.vocab.issues.PRINTED_MONTH) for the importer and the build."""
    cover = ["衢州政報", "", "2018 年 6 月", "第6期", "(总第100期)", "浙内部资料准印证", "第H004号", "", "目 录", "", "●市政府文件", "",
             "衢州市人民政府关于某事的通知(衢政发〔2018〕1号) 1", "", "编辑委员会", "", "主编:刘卸荣", "",
             "出版:《衢州政报》编辑部", ""]
    source = tmp_path / "quzhou-zhengbao-2018-06.txt"
    source.write_text("\n".join(cover + _doc("衢政发〔2018〕1号", ["一、总则"])) + "\n", encoding="utf-8")
    issue, _ = import_issue(source, DATA, tmp_path / "out", Report())
    assert (issue.printed_month, issue.published.isoformat()) == ("2018 年 6 月", "2018-06-01")
