"""Collective names reach their members (registry ``covers``), natural persons are no units, and
the pages state one count of units (issue 23 items 3 and 5)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar
from lxml import html
from pydantic import ValidationError

from gazette.records.models import Department
from tests.conftest import read
from tests.departments.test_extraction import DEPARTMENTS, _library

COLLECTIVES = """\
- code: sjbm
  name: 市级各有关部门
  kind: 其他
  collective: true
  covers: [市级部门]
- code: gr-xsg
  name: 徐水高
  kind: 其他
  person: true
"""
TABLE = """\
- table:
    caption: 任务分解表
    columns: [序号, 工作任务, 责任单位, 举办者责任主体, 完成时限]
    rows:
      - ['1', 开展普查登记, 市级各有关部门, '', 2018年6月底前]
      - ['2', 汇总普查数据, 市统计局, '', 9月30日]
      - ['3', 改造菜市场, 柯城区政府, 徐水高, 年底前]
"""


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("tests.departments.test_extraction.DEPARTMENTS", DEPARTMENTS + COLLECTIVES)
    return _library(tmp_path, TABLE)


@pytest.mark.unit
def test_a_collectives_task_reaches_every_member_in_its_own_group(lib) -> None:  # type: ignore[no-untyped-def]
    first = lib.document("2018/qzf-15").task_tables[0].tasks[0]
    members = [d for d in lib.departments if d.record.kind == "市级部门" and not d.collective]
    assert members and all(d.tasks == () or first not in d.tasks for d in members)
    for dept in members:
        (group,) = dept.collective_groups
        assert group.collective.code == "sjbm" and group.label == "面向全部市级部门"
        assert group.tasks == (first,) and group.assignments[0].role == "responsible"
    # a county government is not a 市级部门; the collective itself keeps its own page
    assert lib.department("kcq").collective_groups == () and lib.department("sjbm").tasks == (first,)


@pytest.mark.unit
def test_the_deadlines_filter_shows_a_collectives_task_under_every_member(lib) -> None:  # type: ignore[no-untyped-def]
    first = lib.document("2018/qzf-15").task_tables[0].tasks[0]  # 市级各有关部门, 2018年6月底前
    members = [d.code for d in lib.departments if d.record.kind == "市级部门" and not d.collective]
    calendar = lib.deadlines
    assert calendar.units_of(first) == ("sjbm", *members)  # the name printed, then the units it covers
    # each unit is counted as its own calendar counts: the tasks naming it and those it holds through a collective
    assert {u.unit.code: u.count for u in calendar.units} == {
        d.code: d.calendar_count for d in lib.departments if d.calendar_count}


@pytest.mark.unit
def test_a_member_named_itself_keeps_the_task_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tests.departments.test_extraction.DEPARTMENTS", DEPARTMENTS + COLLECTIVES)
    lib = _library(tmp_path, TABLE.replace("市级各有关部门, ''", "市级各有关部门、市统计局, ''"))
    tjj = lib.department("tjj")
    assert tjj.collective_groups == () and len(tjj.tasks) == 2


@pytest.mark.unit
def test_a_person_is_no_unit_and_the_task_keeps_the_printed_name(lib) -> None:  # type: ignore[no-untyped-def]
    row = lib.document("2018/qzf-15").task_tables[0].tasks[2]
    assert [u.code for u in row.units] == ["kcq"]
    assert [(p.printed, p.role) for p in row.persons] == [("徐水高", "responsible")]
    assert "gr-xsg" not in {d.code for d in lib.departments} and "gr-xsg" not in {u.unit.code for u in lib.deadlines.units}
    assert [p.code for p in lib.persons] == ["gr-xsg"]
    assert lib.unit_count == len(lib.units) == sum(1 for d in lib.departments if not d.collective)


@pytest.mark.unit
@pytest.mark.parametrize(
    "record",
    [
        {"code": "x", "name": "市某局", "covers": ["市级部门"]},  # covers without collective
        {"code": "x", "name": "市级各有关部门", "collective": True, "covers": ["部委"]},  # not a kind
        {"code": "x", "name": "张三", "person": True, "collective": True},
    ],
)
def test_covers_and_person_are_validated(record: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Department.model_validate(record)


# --- the real built site ---------------------------------------------------------------------


@pytest.mark.site
def test_33_collective_tasks_reach_czj_page_and_exports(site: Path) -> None:
    """衢政办发〔2018〕33号 gives dated tasks to 市级各有关部门: 市财政局 sees and exports them."""
    page = html.fromstring(read(site, "departments/czj/"))
    rows = page.cssselect("#gz-via-sjbm tbody tr")
    assert len(rows) >= 10
    assert "面向全部市级部门" in page.get_element_by_id("via-sjbm").text_content()
    data = json.loads((site / "departments/czj/tasks.json").read_text(encoding="utf-8"))["tasks"]
    via = [t for t in data if t.get("via_collective") == "市级各有关部门"]
    assert len(via) == len(rows) and sum(1 for t in via if t["document"] == "2018/qzbf-33" and t["deadline_date"]) >= 10
    csv_rows = list(csv.DictReader(io.StringIO((site / "departments/czj/tasks.csv").read_text(encoding="utf-8-sig"))))
    assert sum(1 for r in csv_rows if r["via_collective"] == "市级各有关部门") == len(via)
    events = Calendar.from_ical((site / "departments/czj/tasks.ics").read_bytes()).walk("VEVENT")
    assert sum(1 for e in events if "市级各有关部门" in str(e["summary"])) == sum(1 for t in via if t["deadline_date"])
    # the page states the calendar's count, collective tasks included
    howto = page.get_element_by_id("subscribe").getnext().text_content()
    assert f"本单位 {len(events)} 项有明确期限的任务" in howto
    # and 任务期限 filtered by 市财政局 shows the same tasks as its calendar
    deadlines = html.fromstring(read(site, "deadlines/"))
    assert len(deadlines.xpath('//tr[contains(concat(" ", @data-units, " "), " czj ")]')) == len(events)
    assert deadlines.cssselect('#gz-unit option[value="czj"]')[0].text_content().endswith(f"（{len(events)}项）")


@pytest.mark.site
def test_no_unit_page_list_entry_or_feed_for_a_person(site: Path) -> None:
    index = read(site, "departments/")
    deadlines = read(site, "deadlines/")
    assert "徐水高" not in index and "gr-xsg" not in index and "gr-xsg" not in deadlines
    assert not (site / "departments/gr-xsg/tasks.ics").exists() and not (site / "departments/gr-xsg/tasks.csv").exists()
    # the URL published before stays and says it is a person, not a unit
    notice = html.fromstring(read(site, "departments/gr-xsg/"))
    assert "不是单位" in notice.text_content() and not notice.cssselect("#gz-dept-tasks")
    sitemap = site / "sitemap.xml"
    assert not sitemap.exists() or "gr-xsg" not in sitemap.read_text(encoding="utf-8")
    units = json.loads((site / "data/departments.json").read_text(encoding="utf-8"))["departments"]
    assert "gr-xsg" not in {u["code"] for u in units}
    task = next(t for t in json.loads((site / "data/tasks.json").read_text(encoding="utf-8"))["tasks"] if t.get("persons"))
    assert task["persons"] == [{"printed": "徐水高", "role": "responsible"}]


@pytest.mark.site
def test_one_count_of_units_on_home_and_departments(site: Path) -> None:
    home = html.fromstring(read(site, ""))
    stated = home.xpath("//a[contains(., '个单位')]/strong")[0].text_content()
    index = html.fromstring(read(site, "departments/"))
    listed = index.cssselect(".gz-dept-list:not(.gz-collective) li")
    intro = index.xpath("//p[contains(., '个单位')]")[0].text_content()
    assert f"共 {stated} 个单位" in intro and int(stated) == len(listed)
