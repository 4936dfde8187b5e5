"""Per-unit CSV / JSON / iCalendar and per-table exports parse back with the right counts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar
from lxml import html

from gazette.derive.views import Library
from tests.conftest import read
from tests.project import SITE_URL

pytestmark = pytest.mark.site


def _csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_every_unit_has_csv_json_ics_with_matching_counts(site: Path) -> None:
    units = json.loads((site / "departments" / "zljdj" / "tasks.json").read_text(encoding="utf-8"))
    assert units["department"]["name"] == "衢州市质量技术监督局"
    checked = 0
    for folder in sorted((site / "departments").iterdir()):
        if not (folder / "tasks.json").exists():
            continue
        data = json.loads((folder / "tasks.json").read_text(encoding="utf-8"))
        rows = _csv_rows(folder / "tasks.csv")
        cal = Calendar.from_ical((folder / "tasks.ics").read_bytes())
        events = cal.walk("VEVENT")
        page = html.fromstring(read(site, f"departments/{folder.name}/"))
        page_rows = page.cssselect("#gz-dept-tasks tbody tr")
        # its own tasks first, then those it holds through a collective name (own table each)
        own = [t for t in data["tasks"] if "via_collective" not in t]
        via = [t for t in data["tasks"] if "via_collective" in t]
        assert len(rows) == len(data["tasks"]) and len(own) == len(page_rows), folder.name
        assert len(via) == len(page.cssselect("table[id^='gz-via-'] tbody tr")), folder.name
        assert [r["via_collective"] for r in rows] == [t.get("via_collective", "") for t in data["tasks"]]
        dated = [t for t in data["tasks"] if t["deadline_date"]]
        assert len(events) == len(dated), folder.name
        assert sorted(str(e["uid"]) for e in events) == sorted({str(e["uid"]) for e in events})
        assert [r["task_id"] for r in rows] == [t["task_id"] for t in data["tasks"]]
        for task in own:
            assert folder.name in {u["code"] for u in task["units"]}
        for task in via:
            assert folder.name not in {u["code"] for u in task["units"]}
            assert task["via_collective"] in {units["name"] for units in task["units"]}
        checked += 1
    assert checked >= 100


def test_calendar_events_carry_deadline_and_record_date(site: Path) -> None:
    cal = Calendar.from_ical((site / "departments" / "bb" / "tasks.ics").read_bytes())
    events = {str(e["url"]).split("#")[1]: e for e in cal.walk("VEVENT")}
    event = events["att_1__table_1__row_1"]  # 衢政办发〔2018〕33号: 完成市本级办事证明目录的规范梳理, 5月10日前
    assert event.decoded("dtstart").isoformat() == "2018-05-10"
    assert event.decoded("dtstamp").date().isoformat() == "2018-04-28"  # the document's date, not the clock
    assert "5月10日前" in str(event["description"])
    assert str(event["url"]) == "https://example.test/zhengbao/2018/qzbf-33/#att_1__table_1__row_1"


def test_exports_are_deterministic(site: Path, tmp_path: Path) -> None:
    from gazette.derive.catalog import build_library
    from gazette.publish import PublishContext
    from gazette.publish.tasks_export import write_task_exports
    from tests.conftest import ROOT

    library = build_library(ROOT / "data")
    write_task_exports(PublishContext(library, tmp_path, "https://example.test/zhengbao/", ROOT / "overrides" / "gazette"))
    for name in ("tasks.csv", "tasks.json", "tasks.ics"):
        assert (tmp_path / "departments" / "zljdj" / name).read_bytes() == (site / "departments" / "zljdj" / name).read_bytes()


def test_task_table_downloads_list_rows_with_units_and_deadlines(site: Path) -> None:
    page = html.fromstring(read(site, "2018/qzbf-33/"))
    links = {a.get("href") for a in page.cssselect("#att_1__table_1 .gz-task-table-downloads a")}
    assert links == {"tables/att_1__table_1.csv", "tables/att_1__table_1.json"}
    data = json.loads((site / "2018/qzbf-33/tables/att_1__table_1.json").read_text(encoding="utf-8"))
    rows = _csv_rows(site / "2018/qzbf-33/tables/att_1__table_1.csv")
    printed_rows = page.cssselect("#att_1__table_1 tbody tr")
    assert len(data["rows"]) == len(rows) == len(printed_rows) == 13
    third = data["rows"][2]
    assert third["anchor"] == "att_1__table_1__row_3"
    assert third["deadline_text"] == "5月15日前" and third["deadline_date"] == "2018-05-15"
    assert rows[2]["responsible_units"] == "市级各有关部门"
    assert rows[2]["cooperate_units"] == "衢州市行政服务中心;衢州市电子政务中心"
    # merged cells (null in the record) carry the deadline and units of the row above
    assert data["rows"][3]["deadline_date"] == "2018-05-15"
    assert {u["code"] for u in data["rows"][3]["units"]} == {"sjbm", "xzfwzx", "dzzwzx"}


def test_each_unit_has_a_spreadsheet_csv_in_the_pages_words_named_after_it(site: Path) -> None:
    from gazette.publish.tasks_export import EXCEL_FIELDS
    from gazette.vocab.roles import ROLE_LABELS

    checked = 0
    for folder in sorted((site / "departments").iterdir()):
        if not (folder / "tasks.json").exists():
            continue
        raw = (folder / "tasks-excel.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), folder.name  # UTF-8 with BOM: Excel reads the Chinese
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        data = json.loads((folder / "tasks.json").read_text(encoding="utf-8"))
        assert len(rows) == len(data["tasks"])
        for row, task in zip(rows, data["tasks"]):
            assert list(row) == EXCEL_FIELDS
            assert row["本单位角色"] == ROLE_LABELS[task["role"]]
            assert row["任务"] == task["text"] and row["文号"] == task["number"]
        page = html.fromstring(read(site, f"departments/{folder.name}/"))
        link = page.cssselect("a.gz-excel")[0]
        name = data["department"]["name"]
        assert link.get("href") == "tasks-excel.csv"
        assert link.get("download") == f"{name}-任务.csv"
        checked += 1
    assert checked > 20
    # the machine CSV keeps its stable English keys
    assert list(_csv_rows(site / "departments" / "czj" / "tasks.csv")[0])[:3] == ["task_id", "document", "number"]


def test_exports_are_where_the_views_say(site: Path, library: Library) -> None:
    """A unit's export paths have one definition (``UnitExports``), a table's one (``TaskTable.download``):
    the files are written there, the open data and the pages link there."""
    listed = {d["code"]: d for d in json.loads((site / "data" / "departments.json").read_text(encoding="utf-8"))["departments"]}
    for dept in library.departments:
        x = dept.exports
        for path in (x.csv, x.json, x.ics, x.excel):
            assert (site / path).is_file(), path
        info = listed[dept.code]
        assert [info["tasks_csv"], info["tasks_json"], info["tasks_ics"]] == [
            SITE_URL + x.csv, SITE_URL + x.json, SITE_URL + x.ics,
        ]
    tables = [t for doc in library.documents for t in doc.task_tables]
    assert tables
    for table in tables:
        data = json.loads((site / table.download("json")).read_text(encoding="utf-8"))
        assert (site / table.download("csv")).is_file() and data["table"] == table.id
        # the table's one URL (TaskTable.url, a part of its document: DocRef.part_url) is on its page
        assert data["url"] == SITE_URL + table.url == f"{SITE_URL}{table.doc.url}#{table.id}"
