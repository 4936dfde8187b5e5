"""Open data for responsibilities: per-unit CSV / JSON / iCalendar, per-table CSV / JSON.

Written into the built site next to the pages they belong to:

* ``departments/{code}/tasks.csv|json`` — every task naming the unit, then every task given to a
  collective name that covers it (``via_collective`` names the collective, ``role`` is its role);
  stable English keys;
* ``departments/{code}/tasks-excel.csv`` — the same for a spreadsheet: Chinese headers and role
  words as on the unit's page, downloaded as ``{unit name}-任务.csv``;
* ``departments/{code}/tasks.ics`` — its dated deadlines, to subscribe to;
* ``{year}/{doc}/tables/{table-id}.csv|json`` — one task table's rows.

Output is deterministic (the build is reproducible and diffs stay readable):
rows in a stable order, iCalendar UIDs from task ids, DTSTAMP from the
document's date rather than the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event

from gazette.derive.views import DepartmentView, DeptRef, Library, Task, TaskTable
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.csvfile import write_csv
from gazette.publish.siteurl import SiteLinks
from gazette.vocab.roles import ROLE_LABELS, ROLES, Role

CSV_FIELDS = [
    "task_id", "document", "number", "clause", "url", "text", "role",
    *(f"{role}_units" for role in ROLES), "deadline_text", "deadline_date", "via_collective",
]


def _units_heading(role: Role) -> str:
    label = ROLE_LABELS[role]
    return label if label.endswith("单位") else f"{label}单位"


# A unit's list for a spreadsheet: the page's words (headers, role labels), one task a row.
EXCEL_UNIT_ROLE = "本单位角色"
EXCEL_FIELDS = [
    "任务", EXCEL_UNIT_ROLE, "文件标题", "文号", "条款", *(_units_heading(role) for role in ROLES),
    "期限（原文）", "期限日期", "链接", "经由合称",
]


def _task_record(
    task: Task, library: Library, links: SiteLinks, at: str, code: str | None = None, via: DeptRef | None = None
) -> dict[str, Any]:
    """``at``: site path of the file the record is written into (for relative URLs); ``via``:
    the collective name through which the task reaches unit ``code`` (its role is the collective's)."""
    units = [
        {
            "code": ref.code,
            "name": library.department(ref.code).record.name,
            "printed": ref.printed,
            "role": ref.role,
        }
        for ref in task.units
    ]
    record: dict[str, Any] = {
        "task_id": task.id,
        "document": task.doc.id,
        "number": task.doc.number,
        "title": task.doc.record.title,
        "clause": task.cite,
        "anchor": task.anchor,
        "url": links.url(task.url, at),
        "text": task.text,
        "units": units,
        "deadline_text": task.deadline.text if task.deadline else None,
        "deadline_date": task.deadline.date.isoformat() if task.deadline and task.deadline.date else None,
    }
    if task.persons:
        # natural persons keep their printed name, never a unit's code or page
        record["persons"] = [{"printed": ref.printed, "role": ref.role} for ref in task.persons]
    if task.table_id:
        record["table"] = task.table_id
        record["row"] = task.row
    if code is not None:
        record["role"] = task.role_of(via.code if via else code)
    if via is not None:
        record["via_collective"] = via.record.name
    return record


def csv_rows(records: list[dict[str, Any]]) -> list[dict[str, object]]:
    """Task records as CSV rows (CSV_FIELDS): one column of units per role."""
    rows: list[dict[str, object]] = []
    for rec in records:
        row: dict[str, object] = {key: rec.get(key) for key in CSV_FIELDS}
        for role in ROLES:
            row[f"{role}_units"] = [u["name"] for u in rec["units"] if u["role"] == role]
        rows.append(row)
    return rows


def excel_rows(records: list[dict[str, Any]]) -> list[dict[str, object]]:
    """A unit's task records as spreadsheet rows (EXCEL_FIELDS): Chinese headers and role words."""
    rows: list[dict[str, object]] = []
    for rec in records:
        row: dict[str, object] = {
            "任务": rec["text"],
            EXCEL_UNIT_ROLE: ROLE_LABELS[rec["role"]] if rec.get("role") else "",
            "文件标题": rec["title"],
            "文号": rec["number"],
            "条款": rec["clause"],
            "期限（原文）": rec["deadline_text"] or "",
            "期限日期": rec["deadline_date"] or "",
            "链接": rec["url"],
            # the collective the task was given to, when the unit holds it as one of its members
            "经由合称": rec.get("via_collective", ""),
        }
        for role in ROLES:
            row[_units_heading(role)] = "、".join(u["name"] for u in rec["units"] if u["role"] == role)
        rows.append(row)
    return rows


def _json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _calendar(
    dept: DepartmentView, tasks: tuple[tuple[Task, DeptRef | None], ...], library: Library, links: SiteLinks
) -> bytes:
    """``tasks``: (task, the collective it reaches the unit through, or None)."""
    cal = Calendar()
    cal.add("prodid", "-//衢州政报 政策文件库//departments//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{dept.record.name} · 文件任务期限")
    for task, via in tasks:
        if not (task.deadline and task.deadline.date):
            continue
        role = task.role_of(via.code if via else dept.record.code)
        event = Event()
        event.add("uid", f"{task.id.replace('/', '-').replace('#', '.')}.{dept.record.code}@zhengbao")
        # DTSTAMP from the record (the document's date), never the clock: same input, same file
        event.add("dtstamp", dt.datetime.combine(task.doc.record.date, dt.time(0, 0), tzinfo=dt.UTC))
        event.add("dtstart", task.deadline.date)
        event.add("dtend", task.deadline.date + dt.timedelta(days=1))
        tag = (ROLE_LABELS[role] if role else "") + (f"·{via.record.name}" if via else "")
        event.add("summary", f"【{tag}】{task.text[:60]}")
        url = links.absolute(task.url)  # iCalendar URLs must be absolute: none without a public address
        lines = [task.text, f"{task.doc.number} {task.cite}", f"期限：{task.deadline.text}", *([url] if url else [])]
        event.add("description", "\n".join(lines))
        if url:
            event.add("url", url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        write_atomic(path, text)
    else:
        write_atomic(path, text)


def write_department(dept: DepartmentView, library: Library, site_dir: Path, links: SiteLinks) -> None:
    code = dept.record.code
    exports = dept.exports
    at = exports.json  # tasks.csv and tasks.json share the directory
    tasks = dept.held  # its own tasks, then those it holds through a collective name that covers it
    records = [_task_record(t, library, links, at, code, via) for t, via in tasks]
    write_csv(site_dir / exports.csv, CSV_FIELDS, csv_rows(records))
    write_csv(site_dir / exports.excel, EXCEL_FIELDS, excel_rows(records))
    info = dept.record.model_dump(mode="json")
    info["url"] = links.url(dept.url, at)
    _write(site_dir / exports.json, _json({"department": info, "tasks": records}))
    _write(site_dir / exports.ics, _calendar(dept, tasks, library, links))


def write_table(table: TaskTable, library: Library, site_dir: Path, links: SiteLinks) -> None:
    at = table.download("json")  # the .csv shares the directory
    records = [_task_record(t, library, links, at) for t in table.tasks]
    write_csv(site_dir / table.download("csv"), CSV_FIELDS, csv_rows(records))
    payload = {
        "table": table.id,
        "document": table.doc.id,
        "number": table.doc.number,
        "caption": table.caption,
        "columns": table.columns,
        "url": links.url(table.url, at),
        "rows": records,
    }
    _write(site_dir / at, _json(payload))


def write_task_exports(ctx: PublishContext) -> None:
    for dept in ctx.library.departments:
        write_department(dept, ctx.library, ctx.site_dir, ctx.links)
    for doc in ctx.library.documents:
        for table in doc.task_tables:
            write_table(table, ctx.library, ctx.site_dir, ctx.links)
