"""Page breaks on small inputs: the issue's own running head where it stands once or twice,
tables continued after a page break, table rows split by one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazette.importer.corrections import DocumentCorrections
from gazette.importer.document import build_document
from gazette.importer.furniture import OwnHead, find_furniture, strip_furniture
from gazette.importer.report import Report
from gazette.importer.split import Heads, split_documents
from gazette.importer.tables import build_table, merge_continuations, to_blocks
from gazette.records.models import Document, Part

pytestmark = pytest.mark.unit

HEADS = Heads({"衢政发": "qzf"}, {"衢政发": ["衢州市人民政府"]})
OWN = OwnHead({2021}, {4})  # 衢州政报 2021年第4期


def _doc(paragraphs: list[str]) -> list[str]:
    lines = ["衢州市人民政府关于某事的通知", "", "衢政发〔2021〕1号", ""]
    for p in paragraphs:
        lines += [p, ""]
    return lines + ["衢州市人民政府", "2021年5月4日", ""]


def _import(lines: list[str], own: OwnHead = OWN) -> tuple[Document, Report]:
    report = Report("x.txt")
    clean, _ = strip_furniture(lines, 0, HEADS, own)
    [segment] = split_documents(clean, 0, report, HEADS)
    return build_document(segment, "2021-04", "qzf", DocumentCorrections(), report, HEADS), report


def _texts(parts: list[Part]) -> list[str]:
    return [t for p in parts for t in [p.text or "", *p.paragraphs, *_texts(p.children)] if t]


# --- the issue's own running head --------------------------------------------------------------


@pytest.mark.parametrize("line", ["2021年第4期", "第4期", "第四期", "衢州政报", "衢州政报 2021年第4期", "·4· / 衢州政报 / 2021年第4期",
                                  "2021年第4期 第5页", "12 2021年第04期", "２０２１年第４期",
                                  "衢州\u200b政报\u3000\u30002021年第4期", "\ufeff衢州政报"])  # invisible characters, as a text export leaves them
def test_the_issues_own_head_in_any_combination(line: str) -> None:
    assert OWN.matches(line)


@pytest.mark.parametrize("line", ["2021年第5期", "2020年第4期", "第14期", "第 5 页", "衢州政报社", "本办法在2021年第4期刊登。",
                                  "2021年第4期重点工作", "第4期培训班"])
def test_other_issues_and_sentences_are_no_own_head(line: str) -> None:
    assert not OWN.matches(line)


def test_the_own_head_once_is_furniture_and_the_paragraph_it_cut_is_joined() -> None:
    lines = _doc(["一、总则", "加强公安、民政等专项预案牵头部门的应急机构建设,强", "2021年第4期\n第 5 页", "化应急管理工作。",
                  "本通知在2021年第4期刊登。"])
    lines = "\n".join(lines).split("\n")
    found = [(f.text, f.kind) for f in find_furniture(lines, 0, HEADS, OWN)]
    assert found == [("2021年第4期", "running-head"), ("第 5 页", "page-number")]  # one page number, beside the head
    doc, report = _import(lines)
    assert _texts(doc.body) == ["总则", "加强公安、民政等专项预案牵头部门的应急机构建设,强化应急管理工作。", "本通知在2021年第4期刊登。"]
    assert [e.kind for e in doc.errata] == ["page-break"]
    assert len(report.items["page-break joins"]) == 1


def test_the_own_head_after_a_signature_is_no_attachment() -> None:
    lines = _doc(["正文。"]) + ["2021年第4期", "第 3 页", ""]
    doc, report = _import(lines)
    assert doc.attachments == [] and "attachments" not in report.items


def test_a_three_line_head_of_another_layout() -> None:
    lines = _doc(["加强公安、民政等专项预案牵头部门的应急机构建设,强", "·4·\n\n衢州政报\n\n2019年第3期", "化应急管理工作。"])
    doc, _ = _import("\n".join(lines).split("\n"), OwnHead({2019}, {3}))
    assert _texts(doc.body) == ["加强公安、民政等专项预案牵头部门的应急机构建设,强化应急管理工作。"]


_NAME_OR_ISSUE = st.sampled_from(["衢州政报", "2021年第4期", "第4期", "第四期", "2021年第04期"])
_PAGE = st.sampled_from(["·7·", "— 7 —", "第7页", "7", "7/60"])
_HEAD_LINE = st.tuples(_NAME_OR_ISSUE, st.lists(_NAME_OR_ISSUE | _PAGE, max_size=2)).map(lambda t: " ".join([t[0], *t[1]]))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(head=st.lists(_HEAD_LINE, min_size=1, max_size=2), page=st.sampled_from(["", "·7·", "第 7 页", "- 7 -"]),
       page_first=st.booleans(), cut=st.integers(14, 30))
def test_any_own_head_at_a_page_break_leaves_the_paragraph_as_printed(head: list[str], page: str, page_first: bool, cut: int) -> None:
    """Whatever pieces of its head the gazette prints at a page break, once, with or without a
    page number line, the paragraph it cut reads as printed: a wrong rule either keeps a head
    line or joins it into the text."""
    lines = ([page] if page and page_first else []) + head + ([page] if page and not page_first else [])
    paragraph = "深入推进市、县、乡三级政府应急管理办事机构建设,落实应急管理专职领导和人员编制,强化应急管理工作。"
    doc, _ = _import("\n".join(_doc([paragraph[:cut], "\n".join(lines), paragraph[cut:]])).split("\n"))
    assert _texts(doc.body) == [paragraph]


# --- tables continued after a page break, rows split by one -------------------------------------

TAB_HEAD = "序号\t内容与要求\t进展情况\t责任单位"
PIPE_HEAD = ["| 序号 | 目标与任务 | 牵头责任单位 | 责任单位 |", "|----|------|------|------|"]


def _tables(lines: list[str]) -> tuple[list[list[list[str | None]]], Report]:
    report = Report("x.txt")
    blocks = merge_continuations(to_blocks(lines), report)
    return [build_table(b, report).rows for b in blocks if b.kind == "table"], report


def test_a_tab_table_whose_page_opens_with_the_rest_of_a_row_is_one_table() -> None:
    tables, report = _tables([
        TAB_HEAD,
        "1\t坚持稳中求进,确保地区生产总值增长7%左右。\t主要经济指标实现正增长。\t市发改委",
        "2\t持续推进重大项目攻坚。\t全市固定资产投资同比下降12.7%,高于全省平均水平1.7个百分点,\t市发改委",
        "", "",  # the page break (its furniture blanked)
        "\t居全省第6位,比去年同期提升5位。\t",
        "3\t编制培育发展新兴产业新三年行动计划。\t启动研究报告招投标相关前期工作。\t市经信委、市科技局",
    ])
    assert tables == [[
        ["1", "坚持稳中求进,确保地区生产总值增长7%左右。", "主要经济指标实现正增长。", "市发改委"],
        ["2", "持续推进重大项目攻坚。", "全市固定资产投资同比下降12.7%,高于全省平均水平1.7个百分点,居全省第6位,比去年同期提升5位。", "市发改委"],
        ["3", "编制培育发展新兴产业新三年行动计划。", "启动研究报告招投标相关前期工作。", "市经信委、市科技局"],
    ]]
    assert report.items["page-break joins"] == ["x.txt:6：表格第3列“…平均水平1.7个百分点,”接“居全省第6位,比去年同期…”（续页第一行序号栏为空，接回上一行）"]


def test_a_tab_table_whose_last_row_is_cut_is_one_table() -> None:
    tables, _ = _tables([TAB_HEAD, "1\t甲项工作。\t已完成。\t市发改委", "2\t乙项工作。\t全市投资同比下降,\t市发改委", "", "\t\t居全省第6位。\t"])
    assert tables == [[["1", "甲项工作。", "已完成。", "市发改委"], ["2", "乙项工作。", "全市投资同比下降,居全省第6位。", "市发改委"]]]


ROWS = [
    "| 1 | 扎实推进蓝天、碧水、净土三大保卫战。 | 市生态环境局 | 各县区政府 |",
    "| 2 | 增林地、增绿地、增湿地。 | 市自然资源和规划局 | 各县区政府 |",
    "| 3 | 扎实打好污染防治攻坚战。抓好生态环境保护督察和突出 | 市生态环境局 | 市级有关部门,各县区政府 |",
]
ROW_REST = "| | 生态环境问题整改。 | | |"
ROW_4 = "| 4 | 推动产业环保、智慧环保。 | 市生态环境局 | 市财政局 |"


def test_a_pipe_row_split_by_a_page_break_is_one_row() -> None:
    tables, report = _tables([*PIPE_HEAD, *ROWS, "", "", "", ROW_REST, ROW_4])  # "·4·" in the break, blanked
    assert tables[0][2] == ["3", "扎实打好污染防治攻坚战。抓好生态环境保护督察和突出生态环境问题整改。", "市生态环境局", "市级有关部门,各县区政府"]
    assert len(tables) == 1 and len(tables[0]) == 4
    assert len(report.items["page-break joins"]) == 1 and "page-break unsure" not in report.items


def test_the_same_row_inside_a_page_is_a_row_of_merged_cells() -> None:
    tables, report = _tables([*PIPE_HEAD, *ROWS, ROW_REST, ROW_4])
    assert tables[0][3] == [None, "生态环境问题整改。", None, None]
    assert "page-break joins" not in report.items


def test_a_row_of_merged_cells_opening_a_page_stays_a_row() -> None:
    """Its text begins a sentence of its own: the one above ends as sentences end."""
    tables, report = _tables([*PIPE_HEAD, *ROWS[:2], "", "| | 2019年底前完成。 | | 市财政局 |", ROW_4])
    assert tables[0][2] == [None, "2019年底前完成。", None, "市财政局"]
    assert "page-break joins" not in report.items and "page-break unsure" not in report.items


def test_a_row_that_may_be_the_rest_of_the_row_above_is_asked_about() -> None:
    """Cells without sentence punctuation: the page may have cut "城市人均道路面积" or not."""
    tables, report = _tables(["| 序号 | 指标 | 责任单位 |", "|--|--|--|", "| 1 | 近三年制造业增加值 | 市统计局 |", "| 2 | 城市人均道路面积 | 市交通运输局 |",
                              "", "| | 城市绿化覆盖率 | 市住建局 |"])
    assert tables[0][-1] == [None, "城市绿化覆盖率", "市住建局"]
    assert len(report.items["page-break unsure"]) == 1 and "page-break joins" not in report.items


_SENTENCES = ["扎实推进蓝天、碧水、净土三大保卫战,削减污染物排放总量。", "增林地、增绿地、增湿地。", "持续推进重大项目攻坚,确保有效投资增长高于经济增长。",
              "深入推进省级军民融合示范区建设。", "推动产业环保、智慧环保、法治环保、责任环保、阳光环保。"]
_UNITS = ["市生态环境局", "市发改委", "市自然资源和规划局", "市经信委、市科技局"]


@settings(max_examples=60, derandomize=True, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(_SENTENCES), st.sampled_from(_UNITS)), min_size=3, max_size=6), data=st.data(),
       style=st.sampled_from(["pipe", "tab"]))
def test_a_row_cut_anywhere_in_its_text_reads_as_printed(rows: list[tuple[str, str]], data: st.DataObject, style: str) -> None:
    """A page break inside any row's text, the rest of the row opening the next page: the
    table reads as if the page had not cut it (one table, the same rows, nothing merged)."""
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |" if style == "pipe" else "\t".join(cells)

    header = [line(["序号", "目标与任务", "责任单位"])] + (["|--|--|--|"] if style == "pipe" else [])
    printed = [[str(n + 1), text, unit] for n, (text, unit) in enumerate(rows)]
    r = data.draw(st.integers(0, len(rows) - 1), label="row")
    text = printed[r][1]
    cut = data.draw(st.integers(1, len(text) - 2), label="cut")
    cut_lines = [line(p) for p in printed[:r]] + [line([str(r + 1), text[:cut], printed[r][2]]), "", line(["", text[cut:], ""])]
    cut_lines += [line(p) for p in printed[r + 1 :]]
    whole, _ = _tables(header + [line(p) for p in printed])
    tables, report = _tables(header + cut_lines)
    assert tables == whole
    assert len(report.items["page-break joins"]) == 1
