"""Self-consistency checks (gazette.derive.consistency; 存疑 marks: gazette.derive.doubts) over every record, and
each check on a small record of its own."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from gazette.derive.consistency import find_inconsistencies
from gazette.derive.doubts import misplaced_doubts, unsettled
from gazette.records.models import Document
from tests.records import document

from .conftest import DATA

DOC_PATHS = sorted((DATA / "documents").glob("*/*.yaml"))


def _load(path: Any) -> Document:
    return Document.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.site
@pytest.mark.parametrize("path", DOC_PATHS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_violation_is_repaired_or_marked(path: Any) -> None:
    doc = _load(path)
    assert misplaced_doubts(doc) == []
    left = unsettled(doc, find_inconsistencies(doc))
    assert left == [], "\n".join(str(v) for v in left)


@pytest.mark.site
def test_every_doubt_settles_a_violation() -> None:
    """A 存疑 mark that no check needs is stale: the record changed under it."""
    for path in DOC_PATHS:
        doc = _load(path)
        found = {(v.check, v.part) for v in find_inconsistencies(doc)}
        for d in doc.doubts:
            assert (d.check, d.part) in found, f"{path.stem}: stale 存疑 at {d.part}"


def _checks(doc: Document) -> list[tuple[str, str]]:
    return [(v.check, v.part) for v in find_inconsistencies(doc)]


@pytest.mark.unit
def test_stated_counts() -> None:
    doc = document([
        {"label": "一、", "text": "先进县(2个)", "paragraphs": ["龙游县、常山县"]},
        {"label": "二、", "text": "优秀种粮大户(3名)", "paragraphs": ["甲", "乙"]},
        {"label": "三、", "text": "先进集体(5家)", "paragraphs": ["市本级(2家):甲、乙。", "县(市、区)(3家):丙、丁。"]},
    ])
    found = find_inconsistencies(doc)
    assert [(v.check, v.part) for v in found] == [("count", "sec_2"), ("count", "sec_3")]  # 5 = 2 + 3, but 3家 lists 2
    assert "写明3项，列出2项" in found[0].message


def _table(columns: list[str], rows: list[list[str | None]]) -> dict[str, Any]:
    return {"table": {"columns": columns, "rows": rows}}


@pytest.mark.unit
def test_totals_and_group_figures() -> None:
    cols = ["序号", "责任主体", "任务数(公里)", "项目名称", "计划长度(公里)"]
    ok = document([_table(cols, [
        ["1", "常山县", "21", "城东绿道", "13"], ["2", None, None, "三清绿道", "8"],
        ["3", "开化县", "12", "马金工程", "12"], ["合计", "", "", "", "33"],
    ])])
    assert _checks(ok) == []
    bad = document([_table(cols, [
        ["1", "常山县", "21", "城东绿道", "13"], ["2", "开化县", "12", "常山港工程", "6"],
        ["3", None, None, "马金工程", "12"], ["合计", "", "", "", "33"],
    ])])
    assert ("sum", "table_1__row_2") in _checks(bad)  # 开化县 12 ≠ 6 + 12
    assert ("sum", "table_1__row_4") in _checks(bad)  # 合计 33 ≠ 31


@pytest.mark.unit
def test_numbering_of_parts_and_columns() -> None:
    doc = document([
        {"label": "一、", "text": "甲"}, {"label": "二、", "text": "乙"}, {"label": "四、", "text": "丁"},
        _table(["序号", "创建任务"], [["1", "1.1"], ["2", "1.2"], ["3", "2.1"], ["4", "2.1"], ["5", "2.3"]]),
    ])
    assert _checks(doc) == [
        ("numbering", "sec_4"), ("numbering", "table_1__row_4"), ("numbering", "table_1__row_5"),
    ]


@pytest.mark.unit
def test_numbering_continued_across_groups_is_as_printed() -> None:
    doc = document([
        {"label": "1.", "text": "甲", "children": [{"label": "(1)", "text": "a"}, {"label": "(2)", "text": "b"}]},
        {"label": "2.", "text": "乙", "children": [{"label": "(3)", "text": "c"}]},
    ])
    assert _checks(doc) == []


@pytest.mark.unit
def test_cells_in_the_wrong_column() -> None:
    cols = ["序号", "责任主体", "项目名称", "时限"]
    doc = document([_table(cols, [
        ["1", "市住建局", "书院大桥段绿道", "6月底前"],
        ["2", "石梁溪三期延伸段工程", "城镇", "市住建局"],
    ])])
    assert _checks(doc) == [("column", "table_1__row_2"), ("column", "table_1__row_2")]


@pytest.mark.unit
def test_text_breaking_off_and_a_doubt_settling_it() -> None:
    body = [{"label": "(一)", "text": "确保工作有力、有序,"}, {"label": "(二)", "text": "加大宣传力度。"}]
    assert _checks(document(body)) == [("break", "item_1")]
    marked = document(body, doubts=[{"check": "break", "part": "item_1", "quote": "有力、有序,", "reason": "照录"}])
    assert unsettled(marked, find_inconsistencies(marked)) == []
    wrong = document(body, doubts=[{"check": "break", "part": "item_1", "quote": "不在此处", "reason": "照录"}])
    assert misplaced_doubts(wrong) == ["存疑标注（item_1）：引文“不在此处”不在该处的印刷文字中"]
