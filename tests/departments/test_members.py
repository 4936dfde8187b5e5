"""成员单位 as a role: members of a 领导小组 listed in a sentence or a roster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazette.derive.anchors import anchor_document
from gazette.derive.departments import Registry
from gazette.derive.members import roster_members, sentence_members
from tests.records import document

NAMES = {"tjj": ["市统计局"], "xcb": ["市委宣传部"], "bb": ["市编办"], "czj": ["市财政局", "市财政局(地税局)"],
         "rcb": ["市委人才办"]}


def _registry() -> Registry:
    return Registry(NAMES)


@pytest.mark.unit
def test_sentence_lists_members_and_stops_at_the_sentence_end() -> None:
    doc = document([{"text": "成立领导小组,成员单位包括市委宣传部、市编办、市财政局(地税局)、市不存在局等单位。市统计局负责。"}])
    node = anchor_document(doc).body[0]
    [found] = sentence_members(node, _registry())
    assert [u.code for u in found.units] == ["xcb", "bb", "czj"]  # an unknown name is left out, not guessed
    assert {u.role for u in found.units} == {"member"}
    assert found.text.endswith("等单位。")


@pytest.mark.unit
def test_members_named_only_in_passing_are_not_a_list() -> None:
    doc = document([{"text": "各成员单位要各司其职,市统计局牵头。"}])
    assert sentence_members(anchor_document(doc).body[0], _registry()) == []


@pytest.mark.unit
def test_roster_lines_give_each_persons_unit() -> None:
    doc = document([{"text": "附件:名单"}], attachments=[{"label": "附件", "title": "某领导小组成员名单", "body": [
        {"text": "组 长:常务副市长"}, {"text": "副组长:占 璠(市统计局)"}, {"text": "成 员:毕 茗(市委宣传部)"},
        {"text": "余卫军 市委人才办"}, {"text": "领导小组办公室设在市统计局,王苏仙兼任办公室主任。"},
    ]}])
    anchored = anchor_document(doc)
    att = anchored.attachments[0]
    [found] = roster_members(att, att.children, att.title or "", _registry())
    assert found.anchor.id == "att_1" and found.text == "某领导小组成员名单"
    assert [u.code for u in found.units] == ["tjj", "xcb", "rcb"]


@pytest.mark.unit
def test_long_lists_stay_fast() -> None:
    names = "、".join(f"市第{i}局" for i in range(5000))
    doc = document([{"text": f"成员单位包括{names}、市统计局等单位(详见附件)" + "，" * 5000}])
    # (Its speed is guarded in CPU time with every other extraction pattern: hardening/test_patterns.py.)
    [found] = sentence_members(anchor_document(doc).body[0], _registry())
    assert [u.code for u in found.units] == ["tjj"]


@pytest.mark.site
def test_member_role_on_department_pages_and_in_open_data(site: Path) -> None:
    tasks = json.loads((site / "departments" / "mzzjj" / "tasks.json").read_text(encoding="utf-8"))["tasks"]
    member = [t for t in tasks if t["document"] == "2018/qzf-15" and "成员单位包括" in t["text"]]
    assert member and all(t["role"] == "member" for t in member)
    # the same document also gives it a task of its own in prose ("…、市民宗局…等负责协调…")
    assert any(t["document"] == "2018/qzf-15" and t["role"] == "responsible" for t in tasks)
    page = (site / "departments" / "mzzjj" / "index.html").read_text(encoding="utf-8")
    assert "成员单位" in page and 'data-role="member"' in page
    rows = (site / "data" / "tasks.csv").read_text(encoding="utf-8-sig").splitlines()
    assert "member_units" in rows[0].split(",")
