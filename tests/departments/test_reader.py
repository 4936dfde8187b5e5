"""The role-assignment reader (derive/assignments.py) and the tasks it gives, on small inputs:
nested brackets, role groups split by commas or by the next role word, full-width punctuation,
prose forms, and nothing lost silently (every role word yields a task or is listed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gazette.derive.assignments import bracket_spans, read
from gazette.derive.departments import UnitRef, merge_roles
from gazette.derive.tasks import UnknownUnitError
from gazette.load.errors import RecordErrors
from gazette.records.models import Department
from gazette.vocab.roles import ROLE_LABELS, ROLE_NOUNS, ROLES, STRENGTH, noun_role
from gazette.vocab.unitnames import looks_like_unit_name
from tests.departments.test_extraction import DEPARTMENTS, _library, _units
from tests.project import ROOT

pytestmark = pytest.mark.unit

MORE = """\
- code: nyj
  name: 衢州市农业局
  aliases: [市农业局]
- code: lsj
  name: 衢州市粮食局
  aliases: [市粮食局]
- code: gx
  name: 各县(市、区)人民政府
  aliases: [各县(市、区)]
  kind: 县(市、区)政府
  collective: true
"""


@pytest.fixture(autouse=True)
def _more_units(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tests.departments.test_extraction.DEPARTMENTS", DEPARTMENTS + MORE)


def _part(text: str) -> str:
    return f"- label: 一、\n  text: \"{text}\"\n"


# --- the pure steps ----------------------------------------------------------------------------


def test_brackets_balance_at_any_depth_and_across_widths() -> None:
    text = "(牵头单位:市农业局,配合单位:市财政局、各县（市、区))"
    assert bracket_spans(text) == [(0, len(text)), (text.index("（"), len(text) - 1)]


@pytest.mark.parametrize(
    "text",
    [
        "(牵头单位:市农业局,配合单位:市财政局、各县(市、区))",
        "（牵头单位：市农业局，配合单位：市财政局、各县（市、区））",
        "(牵头单位:市农业局;配合单位:市财政局、各县(市、区))",
        "(牵头单位:市农业局 配合单位:市财政局、各县(市、区))",
        "(牵头单位:市农业局配合单位:市财政局、各县(市、区))",  # no separator: the next role word splits
        "(牵头单位:市农业局。配合单位:市财政局、各县(市、区))",
    ],
)
def test_role_groups_split_at_any_separator_or_the_next_role_word(text: str) -> None:
    (segment,) = read("发展特色农业" + text + "。").segments
    assert segment.form == "parenthetical"
    assert [(g.role, g.word, g.names) for g in segment.groups] == [
        ("lead", "牵头单位", "市农业局"), ("cooperate", "配合单位", "市财政局、各县" + text[-6:-1]),
    ]


def test_every_role_noun_names_a_role() -> None:
    assert all(noun_role(word) in ROLES for word in ROLE_NOUNS)
    assert {noun_role(w) for w in ["主办单位", "督办单位", "参与单位", "协办单位", "实施主体", "责任部门"]} == {
        "lead", "supervise", "cooperate", "responsible",
    }


def test_strength_is_stated_not_the_display_order() -> None:
    assert sorted(ROLES, key=STRENGTH.__getitem__) == ["lead", "responsible", "cooperate", "supervise", "member"]
    merged = merge_roles([UnitRef("市统计局", "tjj", "supervise"), UnitRef("市统计局", "tjj", "cooperate")])
    assert [r.role for r in merged] == ["cooperate"]


# --- tasks from the reader -----------------------------------------------------------------------


def test_issue_example_nested_brackets_in_a_parenthetical(tmp_path: Path) -> None:
    lib = _library(tmp_path, _part("发展特色农业(牵头单位:市农业局,配合单位:市财政局、各县(市、区))。"))
    (task,) = lib.tasks
    assert task.text == "一、发展特色农业。"
    assert _units(task) == [("nyj", "lead", "市农业局"), ("czj", "cooperate", "市财政局"), ("gx", "cooperate", "各县(市、区)")]


def test_prose_alias_in_brackets_and_lead_then_helpers(tmp_path: Path) -> None:
    lib = _library(tmp_path, _part("市发改委(市粮食局)负责粮食安全考核。由市农业局牵头，市财政局、市统计局配合，6月底前完成。"))
    alias, lead = lib.tasks
    # the unit before the bracket, and the bracketed other name where the registry holds it too
    assert _units(alias) == [("fgw", "responsible", "市发改委(市粮食局)"), ("lsj", "responsible", "市粮食局")]
    assert _units(lead) == [("nyj", "lead", "市农业局"), ("czj", "cooperate", "市财政局"), ("tjj", "cooperate", "市统计局")]
    assert lead.deadline is not None and lead.deadline.date is not None and lead.deadline.date.isoformat() == "2018-06-30"


@pytest.mark.parametrize("bracket, units", [
    ("（市农业局牵头，市财政局、各县(市、区)配合）",
     [("nyj", "lead", "市农业局"), ("czj", "cooperate", "市财政局"), ("gx", "cooperate", "各县(市、区)")]),
    ("(市统计局、市财政局负责)", [("tjj", "responsible", "市统计局"), ("czj", "responsible", "市财政局")]),
    ("(市发改委牵头,市住建局、市环保局等按职责分工负责)",
     [("fgw", "lead", "市发改委"), ("zjj", "responsible", "市住建局"), ("hbj", "responsible", "市环保局")]),
])
def test_a_bracket_of_units_and_role_verbs_assigns_the_item(tmp_path: Path, bracket: str, units: list[tuple[str, str, str]]) -> None:
    """Many cities close an item with its units and role verbs in brackets, no role noun:
    "（市发展改革委牵头，市财政局配合）", "(市人力资源社会保障局、市税务局负责)". The bracket is
    the item's assignment, read as strictly as "(牵头单位:…)" (its names must resolve)."""
    lib = _library(tmp_path, _part(f"在职职工30人(含)以下的企业暂免征收。{bracket}"))
    (task,) = lib.tasks
    assert task.text == "一、在职职工30人(含)以下的企业暂免征收。"
    assert _units(task) == units
    audit = lib.document("2018/qzf-15").role_words
    # each verb of the bracket is a role word of the task, counted like 牵头 ("负责" too, here)
    assert not audit.unread and audit.seen == audit.used == bracket.count(",") + bracket.count("，") + 1


@pytest.mark.parametrize("text", ["实施期限至2022年12月31日(即征收所属期为2021年度)。", "由企业自行承担(企业负责)。",
                                  "会议纪要(由市统计局负责整理,会后印发)。"])
def test_a_bracket_that_is_no_assignment_assigns_nothing(text: str) -> None:
    assert [s for s in read(text).segments if s.form == "parenthetical"] == []


def test_a_phrase_that_is_no_unit_is_listed_not_proposed_for_the_registry(tmp_path: Path) -> None:
    lib = _library(tmp_path, _part("做好宣传(牵头单位:市统计局,配合单位:视情况确定)。"))
    (task,) = lib.tasks
    assert _units(task) == [("tjj", "lead", "市统计局")]
    (unread,) = lib.document("2018/qzf-15").role_words.unread
    assert unread.word == "配合单位" and "视情况确定" in unread.reason and unread.part == "sec_1"
    assert unread.line is not None


def test_an_unknown_unit_is_an_error_in_chinese_with_a_proposed_entry(tmp_path: Path) -> None:
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, _part("做好宣传(牵头单位:市统计局,配合单位:市旅游委)。"))
    (error,) = info.value.errors
    assert "市旅游委" in error.message and "data/departments.yaml" in error.message
    assert "name: 市旅游委" in error.message and "kind: 市级部门" in error.message and "[unknown-unit]" in error.message


@pytest.mark.parametrize(("name", "collective"), [
    ("市旅游委", False), ("滁州海关", False), ("各街道", True), ("市政府各部门", True),
    ("相关县(市、区)人民政府", True), ("市级相关单位", True),
])
def test_the_proposed_entry_is_a_line_the_registry_accepts(tmp_path: Path, name: str, collective: bool) -> None:
    """The build's error and the importer's report propose one entry (derive/proposal.py): a real
    code, the kind, and collective: true for a name of many bodies, as data/departments.yaml holds it."""
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, _part(f"做好宣传(牵头单位:市统计局,配合单位:{name})。"))
    (error,) = info.value.errors
    found = re.search(r"- \{.*?\}", error.message)
    assert found, error.message
    (entry,) = yaml.safe_load(found.group(0))
    department = Department.model_validate(entry)
    assert department.name == name and bool(department.collective) is collective
    assert re.fullmatch(r"[a-z]+\d*", department.code) and department.code not in {d["code"] for d in yaml.safe_load(DEPARTMENTS)}


def test_county_kinds_joined_by_dunhao_are_one_collective_name(tmp_path: Path) -> None:
    """"各县、市、区政府" (as 滁州 prints 各县(市、区)政府) is one name to register, not 各县, 市 and 区政府."""
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, _part("做好宣传(牵头单位:市统计局,配合单位:市财政局、各县、市、区政府)。"))
    (error,) = info.value.errors
    assert isinstance(error, UnknownUnitError) and error.name == "各县、市、区政府"


@pytest.mark.parametrize("name", ["市工商联", "市科协", "市侨联"])
def test_federations_and_associations_are_unit_names_too(tmp_path: Path, name: str) -> None:
    """工商联, 侨联, 科协 end in neither 局 nor 会: still a body the registry must know."""
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, _part(f"做好宣传(牵头单位:市统计局,配合单位:{name})。"))
    (error,) = info.value.errors
    assert f"name: {name}" in error.message and "[unknown-unit]" in error.message
    assert isinstance(error, UnknownUnitError) and error.name == name


def test_nothing_is_lost_silently(tmp_path: Path) -> None:
    text = (
        "做好宣传(牵头单位:市统计局)。各牵头单位要加强协调。由建设部门牵头,各地配合。"
        "责任单位要落实。市环保局牵头负责监测。"
    )
    lib = _library(tmp_path, _part(text))
    audit = lib.document("2018/qzf-15").role_words
    words = read(text).words
    assert audit.seen == len(words) == 5
    # read: 牵头单位 of the parenthetical and 牵头 of 市环保局牵头负责; the other three are listed
    listed = {u.word for u in audit.unread}
    assert len(audit.unread) == len(words) - 2 == 3
    assert listed == {"牵头单位", "牵头", "责任单位"}
    assert audit.tasks == len(lib.tasks) == 2
    assert all(u.reason for u in audit.unread)


def test_hand_written_pages_name_roles_with_the_sites_labels() -> None:
    """docs/index.md and docs/opendata.md list the roles as the pages do (ROLE_LABELS)."""
    labels = [ROLE_LABELS[r] for r in ROLES if r != "member"]
    for page, joined in [("index.md", "、".join(labels[:3]) + "和" + labels[3]), ("opendata.md", "、".join(labels))]:
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert joined in text, page
        assert "牵头、负责" not in text, page


# --- compound role labels ("牵头责任单位", "协同责任单位") ------------------------------------------


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("牵头责任单位", "lead"), ("协同责任单位", "cooperate"), ("配合责任单位", "cooperate"),
        ("协助单位", "cooperate"), ("督办单位", "supervise"), ("负责单位", "responsible"), ("责任单位", "responsible"),
    ],
)
def test_a_compound_role_noun_takes_its_most_specific_stem(word: str, role: str) -> None:
    assert noun_role(word) == role


CHUZHOU = (
    "牵头负责领导:金力。\n\n牵头责任单位:市发改委。\n\n协同责任单位:市财政局、市统计局等,市环保局。"
)


def test_compound_labels_open_lines_and_a_leader_is_no_unit() -> None:
    reading = read(CHUZHOU)
    assert [s.form for s in reading.segments] == ["line", "line"]
    assert [(g.role, g.word) for s in reading.segments for g in s.groups] == [
        ("lead", "牵头责任单位"), ("cooperate", "协同责任单位"),
    ]
    assert [w.word for w in reading.words] == ["牵头负责领导", "牵头责任单位", "协同责任单位"]
    (leader,) = reading.unread
    assert leader.word == "牵头负责领导" and "个人" in leader.reason and "单位" in leader.reason


def test_compound_label_lines_make_the_items_task(tmp_path: Path) -> None:
    body = "- label: '1.'\n  text: 地区生产总值增长8%以上。\n  paragraphs:\n" + "".join(
        f"    - {line}\n" for line in CHUZHOU.split("\n\n")
    )
    lib = _library(tmp_path, body)
    (task,) = lib.tasks
    assert task.text == "1.地区生产总值增长8%以上。"
    assert _units(task) == [
        ("fgw", "lead", "市发改委"), ("czj", "cooperate", "市财政局"), ("tjj", "cooperate", "市统计局"),
        ("hbj", "cooperate", "市环保局"),
    ]
    audit = lib.document("2018/qzf-15").role_words
    assert audit.seen == 3 and [u.word for u in audit.unread] == ["牵头负责领导"]


def test_compound_role_nouns_head_task_table_columns(tmp_path: Path) -> None:
    body = """\
- table:
    caption: 重点工作责任分解
    columns: [序号, 工作任务, 牵头责任单位, 协同责任单位]
    rows:
      - ['1', 地区生产总值增长8%以上, 市发改委, 市财政局、市统计局]
"""
    (task,) = _library(tmp_path, body).tasks
    assert _units(task) == [("fgw", "lead", "市发改委"), ("czj", "cooperate", "市财政局"), ("tjj", "cooperate", "市统计局")]


# --- every unknown name at once; the endings of unit names -----------------------------------------


def test_every_name_of_a_list_the_registry_lacks_is_reported_in_one_run(tmp_path: Path) -> None:
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, _part("做好宣传(责任单位:市经信局、市统计局、市发展改革委、市财政局、市金融办、市税务局)。"))
    unknown = [e.name for e in info.value.errors if isinstance(e, UnknownUnitError)]
    assert unknown == ["市经信局", "市发展改革委", "市金融办", "市税务局"]
    assert all("[unknown-unit]" in e.message for e in info.value.errors)


def test_two_names_run_together_are_reported_as_the_one_the_registry_lacks(tmp_path: Path) -> None:
    """A cell printed on two lines comes out as "市行政审批局市司法局": when one of the two is
    registered, the error (and the importer's proposal) names the other, not the pair."""
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, _part("做好宣传(牵头单位:市旅游委市统计局,配合单位:市财政局)。"))
    assert [e.name for e in info.value.errors if isinstance(e, UnknownUnitError)] == ["市旅游委"]


@pytest.mark.parametrize("name", ["省财政厅", "省住建厅", "省国土资源厅", "市气象站", "滁州海关"])
def test_government_endings_are_unit_names(tmp_path: Path, name: str) -> None:
    assert looks_like_unit_name(name)
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, _part(f"优化营商环境(牵头单位:市统计局;配合单位:{name}，市财政局)。"))
    (error,) = info.value.errors
    assert isinstance(error, UnknownUnitError) and error.name == name and f"name: {name}" in error.message


@pytest.mark.parametrize("name", ["各街道", "各乡镇", "各有关企业"])
def test_each_of_a_group_of_bodies_is_a_unit_name_to_register(tmp_path: Path, name: str) -> None:
    """"责任单位:各街道,区市场局": 各 + how a group of bodies is named (the 主送 line's words) is a
    collective to register, not a phrase the reader failed to read; 街道 or 企业 alone is not."""
    assert looks_like_unit_name(name) and not looks_like_unit_name(name[1:])
    with pytest.raises(RecordErrors) as info:
        _library(tmp_path, _part(f"优化营商环境(牵头单位:市统计局;配合单位:{name}，市财政局)。"))
    (error,) = info.value.errors
    assert isinstance(error, UnknownUnitError) and error.name == name and f"name: {name}" in error.message


def test_a_phrase_the_reader_cannot_read_is_named_as_not_understood(tmp_path: Path) -> None:
    lib = _library(tmp_path, _part("做好宣传(牵头单位:市统计局;配合单位:视情况确定)。"))
    (unread,) = lib.document("2018/qzf-15").role_words.unread
    assert unread.unclear == ("视情况确定",) and "没有读懂" in unread.reason
    assert not looks_like_unit_name("市")  # one character names no unit ("各县、市、区政府")


# --- deadlines in the item; role paragraphs after a list of sub-items ------------------------------


def test_a_deadline_in_the_items_own_text_dates_its_labelled_lines(tmp_path: Path) -> None:
    body = (
        "- label: '2.'\n  text: 坚定不移支持企业发展。2019年6月底前完成涉企政策兑现情况专项检查。\n"
        "  paragraphs:\n    - 责任单位:市统计局、市财政局\n"
    )
    (task,) = _library(tmp_path, body).tasks
    assert task.deadline is not None and task.deadline.date is not None
    assert task.deadline.date.isoformat() == "2019-06-30"


ITEM_WITH_SUBITEMS = """\
- label: '1.'
  text: 完善应急预案体系
  children:
    - label: (1)
      text: 加强应急预案管理。
{first}    - label: (2)
      text: 推进应急预案精编化。
      paragraphs:
        - (责任单位:市统计局、市财政局)
"""


def test_a_role_paragraph_after_sub_items_assigns_their_parent(tmp_path: Path) -> None:
    (task,) = _library(tmp_path, ITEM_WITH_SUBITEMS.format(first="")).tasks
    assert task.text == "1.完善应急预案体系" and task.anchor == "point_1"
    assert _units(task) == [("tjj", "responsible", "市统计局"), ("czj", "responsible", "市财政局")]


def test_role_paragraphs_under_each_sub_item_stay_their_own(tmp_path: Path) -> None:
    own = "      paragraphs:\n        - (牵头单位:市环保局)\n"
    first, second = _library(tmp_path, ITEM_WITH_SUBITEMS.format(first=own)).tasks
    assert (first.text, second.text) == ("(1)加强应急预案管理。", "(2)推进应急预案精编化。")
    assert all(task.text for task in (first, second))


# --- role-word arithmetic; the "列第一位者为牵头单位" remark ---------------------------------------


def test_every_role_word_is_part_of_a_task_or_listed(tmp_path: Path) -> None:
    text = (
        "做好宣传(牵头单位:市统计局,配合单位:市财政局)。各牵头单位要加强协调。"
        "(牵头单位:市环保局(原为配合单位),配合单位:视情况确定)。"
    )
    lib = _library(tmp_path, _part(text))
    audit = lib.document("2018/qzf-15").role_words
    assert audit.seen == len(read(text).words) == 6
    # two brackets, two tasks: 牵头单位+配合单位, then 牵头单位 (its 配合单位 names nobody)
    assert audit.tasks == len(lib.tasks) == 2
    assert audit.used == 3 and audit.used + len(audit.unread) == audit.seen
    assert any("说明" in u.reason for u in audit.unread)
    assert sorted(u.word for u in audit.unread) == ["牵头单位", "配合单位", "配合单位"]


HUZHOU = """\
- label: '1.'
  text: 深入推进学习教育常态化制度化。
  paragraphs:
    - 责任单位:市统计局、市发改委、市级各有关部门(列第一位者为工作牵头单位或汇总单位,下同)
- label: '2.'
  text: 坚定不移支持企业发展。
  paragraphs:
    - 责任单位:市财政局、市环保局
"""


def test_a_remark_that_the_first_listed_unit_leads_is_applied_and_no_part_of_a_name(tmp_path: Path) -> None:
    more = "- code: sjbm\n  name: 市级各有关部门\n  collective: true\n"
    import tests.departments.test_extraction as extraction

    extraction.DEPARTMENTS += more  # restored by the autouse fixture's monkeypatch
    lib = _library(tmp_path, HUZHOU)
    first, second = lib.tasks
    assert _units(first) == [
        ("tjj", "lead", "市统计局"), ("fgw", "responsible", "市发改委"), ("sjbm", "responsible", "市级各有关部门"),
    ]
    assert _units(second) == [("czj", "lead", "市财政局"), ("hbj", "responsible", "市环保局")]  # 下同
    audit = lib.document("2018/qzf-15").role_words
    assert (audit.seen, audit.used, audit.unread) == (3, 3, ())
