"""Unit tests of task and department extraction (derive/tasks.py, derive/departments.py)
on small records written here: no site build, milliseconds each. Punctuation is ASCII,
as in the records (the importer normalizes it)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from gazette.derive.catalog import build_library
from gazette.derive.departments import Registry, UnitRef, UnresolvedName, merge_roles
from gazette.derive.views import Library, Task
from gazette.load.errors import RecordErrors
from gazette.records.models import Department
from gazette.vocab.roles import noun_role
from tests.records import DOCUMENT, write_data

pytestmark = pytest.mark.unit

DEPARTMENTS = """\
- code: tjj
  name: 衢州市统计局
  aliases: [市统计局]
- code: fgw
  name: 衢州市发展和改革委员会
  aliases: [市发改委]
- code: zjj
  name: 衢州市住房和城乡建设局
  aliases: [市住建局]
- code: hbj
  name: 衢州市环境保护局
  aliases: [市环保局]
- code: zjju
  name: 衢州市质量技术监督局
  aliases: [市质监局]
- code: czj
  name: 衢州市财政局
  aliases: [市财政局]
- code: ajj
  name: 衢州市安全生产监督管理局
  aliases: [市安监局]
- code: kcq
  name: 柯城区人民政府
  aliases: [柯城区政府]
  kind: 县(市、区)政府
"""
DOC_PATH = "documents/2018/qzf-15.yaml"
HEAD = DOCUMENT[: DOCUMENT.index("body:\n") + len("body:\n")]  # the record set's document, up to its body


def _library(tmp_path: Path, body: str) -> Library:
    """Build the library of one document whose body is ``body`` (YAML list items), with the departments above."""
    body = HEAD + textwrap.indent(textwrap.dedent(body), "  ") + "signature: null\n"  # (no 落款 printed)
    return build_library(write_data(tmp_path, {"departments.yaml": DEPARTMENTS, DOC_PATH: body}))


def _units(task: Task) -> list[tuple[str, str, str]]:
    return [(u.code, u.role, u.printed) for u in task.units]


def _registry() -> Registry:
    import yaml

    return Registry.from_records(Department(**d) for d in yaml.safe_load(DEPARTMENTS))


# --- departments.py: names as printed → registry entries -------------------------------------


def test_city_once_list_resolves_each_name() -> None:
    refs = _registry().parse("市发改委、住建局、环保局", "responsible")
    assert [(r.code, r.printed) for r in refs] == [("fgw", "市发改委"), ("zjj", "住建局"), ("hbj", "环保局")]


def test_wrapped_name_is_joined() -> None:
    (ref,) = _registry().parse("市质监 局", "lead")
    assert (ref.code, ref.printed, ref.role) == ("zjju", "市质监局", "lead")


@pytest.mark.parametrize("verb", ["牵头", "负责", "配合", "协助", "督办"])
def test_a_role_verb_before_a_wrap_ends_its_group(verb: str) -> None:
    """Every role verb of ``gazette.vocab.roles.VERBS``, not a few spelled out again."""
    refs = _registry().parse(f"市发改委、住建局{verb} 环保局", "responsible")
    assert [r.code for r in refs] == ["fgw", "zjj", "hbj"]
    assert refs[-1].role == "responsible"


def test_role_words_after_names_override_the_default() -> None:
    refs = _registry().parse("市发改委牵头,市住建局、市环保局等按职责分工负责", "cooperate")
    assert [(r.code, r.role) for r in refs] == [("fgw", "lead"), ("zjj", "responsible"), ("hbj", "responsible")]


def test_names_run_together_by_the_extraction_are_split() -> None:
    refs = _registry().parse("柯城区人民政府市安监局", "responsible")
    assert [r.code for r in refs] == ["kcq", "ajj"]


def test_unknown_name_raises_with_the_name() -> None:
    with pytest.raises(UnresolvedName) as info:
        _registry().parse("市统计局、市旅游委", "responsible")
    assert info.value.name == "市旅游委"


def test_prose_is_not_a_unit_list() -> None:
    assert not _registry().looks_like_units("加强普查数据质量管理工作")
    assert _registry().looks_like_units("市统计局、市财政局")


@pytest.mark.parametrize(
    ("heading", "role"),
    [("牵头单位", "lead"), ("配合部门", "cooperate"), ("责任主体", "responsible"), ("督办单位", "supervise"), ("完成时限", None)],
)
def test_heading_role(heading: str, role: str | None) -> None:
    assert noun_role(heading) == role


def test_a_unit_named_twice_keeps_its_stronger_role() -> None:
    merged = merge_roles([UnitRef("市统计局", "tjj", "cooperate"), UnitRef("市统计局", "tjj", "lead")])
    assert [(r.code, r.role) for r in merged] == [("tjj", "lead")]
    tie = merge_roles([UnitRef("市统计局", "tjj", "lead"), UnitRef("统计局", "tjj", "lead")])
    assert [r.printed for r in tie] == ["市统计局"]  # the name printed first stays


# --- tasks.py: tables, labelled lines, inline phrases, sentences -----------------------------

TABLE = """\
- table:
    caption: 普查任务分解表
    columns: [序号, 工作任务, 牵头单位, 配合单位, 完成时限]
    rows:
      - ['1', 开展普查登记, 市统计局, 市发改委、住建局, 2018年6月底前]
      - ['2', 汇总普查数据, null, null, 9月30日]
      - ['3', 发布普查公报 市财政局, 市统计局, '', 年底前]
"""


def test_task_table_rows(tmp_path: Path) -> None:
    lib = _library(tmp_path, TABLE)
    doc = lib.document("2018/qzf-15")
    (table,) = doc.task_tables
    assert table.id == "table_1" and [t.row for t in table.tasks] == [1, 2, 3]
    first, second, third = table.tasks
    assert first.id == "2018/qzf-15#table_1__row_1" and first.anchor == "table_1__row_1"
    assert first.text == "开展普查登记" and first.cite == "普查任务分解表 第1行"
    assert _units(first) == [("tjj", "lead", "市统计局"), ("fgw", "cooperate", "市发改委"), ("zjj", "cooperate", "住建局")]
    assert first.deadline is not None and first.deadline.date is not None and first.deadline.date.isoformat() == "2018-06-30"
    # merged unit cells (null) continue the row above
    assert _units(second) == _units(first)
    assert second.deadline is not None and second.deadline.date is not None and second.deadline.date.isoformat() == "2018-09-30"
    # a unit shifted into the task column by the extraction is read as a unit, not as task text
    assert third.text == "发布普查公报"
    assert sorted(_units(third)) == [("czj", "responsible", "市财政局"), ("tjj", "lead", "市统计局")]
    assert [(u.code, u.roles) for u in table.units] == [
        ("tjj", ("lead",)), ("fgw", ("cooperate",)), ("zjj", ("cooperate",)), ("czj", ("responsible",)),
    ]


def test_labelled_lines_under_a_numbered_part(tmp_path: Path) -> None:
    lib = _library(tmp_path, """\
        - label: 一、
          text: 加强数据质量管理
          paragraphs:
            - "牵头单位:市统计局\\n配合单位:市质监 局\\n完成时限:2018年12月"
        """)
    (task,) = lib.tasks
    assert (task.anchor, task.text) == ("sec_1", "一、加强数据质量管理")
    assert _units(task) == [("tjj", "lead", "市统计局"), ("zjju", "cooperate", "市质监局")]
    assert task.deadline is not None and task.deadline.text == "2018年12月"
    assert task.deadline.date is not None and task.deadline.date.isoformat() == "2018-12-31"


def test_inline_phrase(tmp_path: Path) -> None:
    lib = _library(tmp_path, """\
        - label: 二、
          text: 落实普查经费保障(牵头单位:市财政局;配合单位:市统计局)。
        """)
    (task,) = lib.tasks
    assert task.text == "二、落实普查经费保障。"
    assert _units(task) == [("czj", "lead", "市财政局"), ("tjj", "cooperate", "市统计局")]


def test_sentences_that_assign_roles(tmp_path: Path) -> None:
    lib = _library(tmp_path, """\
        - label: 三、
          text: 做好宣传工作
          paragraphs:
            - 市发改委牵头,市住建局、环保局等按职责分工负责,于5月10日前完成。市安监局负责督促整改。由建设部门牵头,各地配合。
        """)
    lead, opening = lib.tasks
    assert _units(lead) == [("fgw", "lead", "市发改委"), ("zjj", "responsible", "市住建局"), ("hbj", "responsible", "环保局")]
    assert lead.deadline is not None and lead.deadline.date is not None and lead.deadline.date.isoformat() == "2018-05-10"
    assert _units(opening) == [("ajj", "responsible", "市安监局")]
    # "建设部门" names no registered body: prose is read only when every name resolves
    assert all("建设部门" not in t.text for t in lib.tasks)


def test_tasks_filed_under_departments_and_parts(tmp_path: Path) -> None:
    lib = _library(tmp_path, TABLE + """\
- label: 一、
  text: 加强数据质量管理(牵头单位:市质监局)。
""")
    doc = lib.document("2018/qzf-15")
    # the 涉及部门 facet: every unit the document's tasks name, in registry order
    assert [d.code for d in doc.departments] == ["tjj", "fgw", "zjj", "zjju", "czj"]
    (part,) = [p for p in doc.body if p.node.id == "sec_1"]
    assert [t.anchor for t in part.tasks] == ["sec_1"]
    (table_part,) = [p for p in doc.body if p.table is not None]
    assert table_part.table is not None and table_part.table.tasks is not None
    assert [row.id for row in table_part.table.rows] == ["table_1__row_1", "table_1__row_2", "table_1__row_3"]
    tjj = lib.department("tjj")
    assert [a.task.row for a in tjj.assignments] == [1, 2, 3]  # dated first, by date
    assert [a.role for a in tjj.assignments] == ["lead", "lead", "lead"]
    assert tjj.summary.by_role["lead"] == 3 and tjj.summary.total == 3 and tjj.summary.dated == 3
    assert [u.code for u in tjj.assignments[0].others] == ["fgw", "zjj"]
    assert lib.department("hbj").tasks == ()


def test_unknown_name_in_a_table_fails_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, TABLE.replace("市发改委、住建局", "市发改委、市旅游委"))
    (error,) = info.value.errors
    lines = (tmp_path / "data" / DOC_PATH).read_text(encoding="utf-8").splitlines()
    assert error.path.as_posix().endswith(DOC_PATH)
    assert error.line is not None and "市旅游委" in lines[error.line - 1]
    assert "市旅游委" in error.message and "departments.yaml" in error.message


def test_unknown_name_in_a_labelled_line_fails_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, """\
            - label: 一、
              text: 加强数据质量管理
              paragraphs:
                - "牵头单位:市统计局、市不存在局"
            """)
    (error,) = info.value.errors
    lines = (tmp_path / "data" / DOC_PATH).read_text(encoding="utf-8").splitlines()
    assert error.line is not None and "市不存在局" in lines[error.line - 1]


def test_units_grouped_by_kind_in_the_kinds_order_each_heading_id_its_kinds_place(tmp_path: Path) -> None:
    """The 部门 page's grouping (Library.units_by_kind): no empty group, and a kind's heading id (kind-4
    for 企业) stays the same whether or not the kinds before it (管委会) have units."""
    departments = DEPARTMENTS + "- code: jtjt\n  name: 衢州市交通投资集团有限公司\n  kind: 企业\n"
    body = HEAD + "  - text: 正文。\n" + "signature: null\n"
    lib = build_library(write_data(tmp_path, {"departments.yaml": departments, DOC_PATH: body}))
    groups = [(g.kind, g.anchor, [u.code for u in g.units]) for g in lib.units_by_kind]
    assert groups == [
        ("市级部门", "kind-1", ["tjj", "fgw", "zjj", "hbj", "zjju", "czj", "ajj"]),
        ("县(市、区)政府", "kind-2", ["kcq"]),
        ("企业", "kind-4", ["jtjt"]),
    ]
