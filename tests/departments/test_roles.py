"""Department pages on the built site: one page per body, each task with its right role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html

from gazette.derive.dates import year_label
from tests.conftest import read

pytestmark = pytest.mark.site


def _tasks(site: Path, code: str) -> dict[str, dict]:
    data = json.loads((site / "departments" / code / "tasks.json").read_text(encoding="utf-8"))
    return {t["task_id"]: t for t in data["tasks"]}


def _by_text(site: Path, code: str, document: str, text: str) -> dict:
    """The one task of ``document`` whose text holds ``text`` (row numbers move as records are repaired)."""
    found = [t for t in _tasks(site, code).values() if t["document"] == document and text in t["text"]]
    assert len(found) == 1, (text, [t["text"] for t in found])
    return found[0]


def _roles(task: dict) -> dict[str, str]:
    return {u["code"]: u["role"] for u in task["units"]}


def test_a_body_with_several_spellings_has_one_page_with_all_its_tasks(site: Path) -> None:
    tasks = _tasks(site, "rsj")
    printed = {u["printed"] for t in tasks.values() for u in t["units"] if u["code"] == "rsj"}
    assert {"市人社局", "市人社保局"} <= printed
    page = html.fromstring(read(site, "departments/rsj/"))
    hrefs = {a.get("href").split("#")[0] for a in page.cssselect("#gz-dept-tasks a.gz-task-cite")}
    assert {"../../2018/qzbf-41/", "../../2017/qzf-11/", "../../2017/qzf-12/"} <= hrefs
    # 2018 table row (市人社局牵头) and 2017 clause (市人社保局负责牵头) land on the same page as lead
    assert _by_text(site, "rsj", "2018/qzbf-41", "提升企业经营管理人员和一线质量工作者")["role"] == "lead"
    assert any(t["document"] == "2017/qzf-11" and t["role"] == "lead" for t in tasks.values())
    assert not (site / "departments" / "市人社局").exists()


def test_table_rows_with_separate_role_columns(site: Path) -> None:
    # 衢政办发〔2018〕33号: 责任部门 / 配合部门 columns, two units in one 配合 cell
    task = _tasks(site, "dzzwzx")["2018/qzbf-33#att_1__table_1__row_3"]
    assert _roles(task) == {"sjbm": "responsible", "xzfwzx": "cooperate", "dzzwzx": "cooperate"}
    assert task["role"] == "cooperate" and task["deadline_date"] == "2018-05-15"


def test_shifted_multi_unit_cells_give_each_unit_its_role(site: Path) -> None:
    # 41号 1.1: "市创强办牵头 市委办公室、…" packed into one cell: lead + responsible
    row2 = _by_text(site, "cqb", "2018/qzbf-41", "质量在城市规划和城市各级党委")
    assert _roles(row2) == {c: ("lead" if c == "cqb" else "responsible")
                            for c in ["cqb", "swb", "zfb", "fgw", "zjj", "zljdj", "hbj"]}
    # 41号 7.1: units shifted left into a 创建任务 column still count
    row12 = _by_text(site, "fgw", "2018/qzbf-41", "7.1 出台质量诚信体系建设的政策措施")
    assert _roles(row12)["fgw"] == "lead" and _roles(row12)["rh"] == "responsible"
    # 40号 row 19: "市林业局牵头负责,市住建局、市环保局、市统计局等配合"
    row19 = _by_text(site, "lyj", "2018/qzbf-40", "每十万人绿化面积")
    assert _roles(row19)["lyj"] == "lead" and _roles(row19)["tjj"] == "cooperate"


def test_labelled_lines_and_city_once_lists(site: Path) -> None:
    # 39号: "牵头部门:市政府办公室" / "责任单位:市农办、农业局。" — 农业局 is 市农业局
    task = _tasks(site, "nyj")["2018/qzbf-39#annex_1__sec_1"]
    assert _roles(task) == {"zfb": "lead", "nb": "responsible", "nyj": "responsible"}
    printed = {u["code"]: u["printed"] for u in task["units"]}
    assert printed["nyj"] == "农业局"


def test_inline_phrase_roles(site: Path) -> None:
    # 衢政发〔2017〕12号: "(牵头单位:市科技局;配合单位:市西区管委会、市经信委、衢州学院、衢州职业技术学院)"
    tasks = _tasks(site, "qzzy")
    inline = [t for t in tasks.values() if t["document"] == "2017/qzf-12" and _roles(t).get("kjj") == "lead"
              and _roles(t).get("xqgwh") == "cooperate"]
    assert inline, "no inline (牵头单位:…;配合单位:…) task found"
    assert all(_roles(t)["qzzy"] == "cooperate" for t in inline)


def test_ambiguous_names_are_recorded_not_guessed(site: Path) -> None:
    page = html.fromstring(read(site, "departments/zjj-amb/"))
    assert "无法确定" in page.cssselect(".gz-ambiguous")[0].text_content()
    tasks = _tasks(site, "zjj-amb")
    assert tasks and all("zjj" not in _roles(t) or _roles(t)["zjj"] for t in tasks.values())


def test_department_page_summary_counts_match_rows(site: Path) -> None:
    page = html.fromstring(read(site, "departments/zljdj/"))
    rows = page.cssselect("#gz-dept-tasks tbody tr")
    total = int(page.cssselect('[data-count="total"]')[0].text_content())
    by_role = {td.get("data-role-count"): int(td.text_content()) for td in page.cssselect("[data-role-count]")}
    assert total == len(rows) == sum(by_role.values())
    for role, n in by_role.items():
        assert n == sum(1 for r in rows if r.get("data-role") == role)
    spans = page.cssselect(".gz-year-count")
    years = sum(int(s.get("data-year") and s.text_content().split()[1]) for s in spans)
    assert years == total
    # each year named as every page names a year (dates.year_label, through the summary's YearCount)
    assert [s.text_content().split()[0] for s in spans] == [year_label(int(s.get("data-year"))) for s in spans]
    # every other unit in a row links to its own page
    for a in page.cssselect("#gz-dept-tasks tbody td:nth-child(4) a"):
        assert a.get("href").startswith("../") and (site / "departments" / a.get("href").split("/")[1] / "index.html").exists()


def test_document_pages_link_every_unit_named_in_their_tasks(site: Path) -> None:
    for doc, anchor in [("2018/qzbf-33/", "att_1__table_1"), ("2018/qzbf-41/", "att_2__table_1")]:
        page = html.fromstring(read(site, doc))
        linked = {a.get("href") for a in page.cssselect(f"#{anchor} .gz-task-table-units a.gz-unit")}
        data = json.loads((site / doc / "tables" / f"{anchor}.json").read_text(encoding="utf-8"))
        named = {f"../../departments/{u['code']}/" for row in data["rows"] for u in row["units"]}
        assert linked == named
    page = html.fromstring(read(site, "2018/qzbf-39/"))
    links = page.cssselect("#annex_1__sec_1 .gz-clause-units a.gz-unit")
    assert [a.get("href") for a in links] == ["../../departments/zfb/", "../../departments/nb/", "../../departments/nyj/"]


def test_index_and_deadlines_pages(site: Path) -> None:
    index = html.fromstring(read(site, "departments/"))
    kinds = [h.text_content() for h in index.cssselect("article h2")]
    assert kinds[:3] == ["市级部门", "县(市、区)政府", "管委会"]
    counts = {a.get("href"): li.cssselect("[data-task-count]")[0].get("data-task-count")
              for li in index.cssselect(".gz-dept-list li") for a in li.cssselect("a")}
    own = [t for t in _tasks(site, "zljdj").values() if "via_collective" not in t]
    assert counts["zljdj/"] == str(len(own))
    deadlines = html.fromstring(read(site, "deadlines/"))
    may = deadlines.get_element_by_id("m-2018-05")
    rows = may.getnext().cssselect("tbody tr")
    assert rows and all(r.get("data-deadline").startswith("2018-05") for r in rows)
    dates = [r.get("data-deadline") for r in deadlines.cssselect("tbody tr")]
    assert dates == sorted(dates)
