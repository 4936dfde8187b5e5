"""Loading and validation: good records load, bad ones name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette.derive.catalog import build_library
from gazette.load.errors import RecordErrors
from tests.records import DEPARTMENTS, DOCUMENT, ISSUE, ISSUERS, write_data  # noqa: F401  (the record set, re-exported)

pytestmark = pytest.mark.unit

def make_data(tmp_path: Path, **overrides: str) -> Path:
    """The record set of tests/records.py with ``overrides`` (``documents__2018__x.yaml``: a path)."""
    return write_data(tmp_path, {k.replace("__", "/"): v for k, v in overrides.items()})


def errors_of(data: Path) -> str:
    with pytest.raises(RecordErrors) as info:
        build_library(data)
    return str(info.value)


def test_valid_records_load_and_derive(tmp_path: Path) -> None:
    lib = build_library(make_data(tmp_path))
    doc = lib.document("2018/qzf-15")
    assert doc.number == "衢政发〔2018〕15号"
    assert doc.url == "2018/qzf-15/"
    assert doc.issue.id == lib.issues[0].id and doc.page == 1 and doc.category == "市政府文件"
    assert [n.id for n in doc.anchored.walk()] == ["p_1", "sec_1", "sec_1__item_1", "table_1", "att_1", "att_1__art_1"]
    assert [d.id for d in lib.departments[0].documents] == [doc.id]


def test_schema_error_names_file_line_and_field(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("date: 2018-05-03", "date: 2018-02-30")
    data = make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad})
    message = errors_of(data)
    assert "data/documents/2018/qzf-15.yaml:4: 字段 'date'" in message


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("issue: 2018-05", "issue: 2018-05\nissuee: typo")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "qzf-15.yaml:6: 字段 'issuee'" in message and "不认识的字段" in message


def test_nested_field_line(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("label: (一)", "label: 甲乙")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "qzf-15.yaml:13: 字段 'body[1].children[0].label'" in message
    assert "无法识别的编号" in message


def test_duplicate_wenhao_across_files(tmp_path: Path) -> None:
    issue = ISSUE + "      - document: 2018/qzf-16\n"
    twin = DOCUMENT.replace("衢政发〔2018〕15号", "衢政发[2018]15 号")
    message = errors_of(make_data(tmp_path, **{"issues__2018-05.yaml": issue, "documents__2018__qzf-16.yaml": twin}))
    assert "qzf-16.yaml:1: 字段 'number_printed'" in message
    assert "应放在 documents/2018/qzf-15.yaml" in message


def test_duplicate_part_id(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("  - table:\n", "  - label: 一、\n    text: 又一个\n  - table:\n")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "qzf-15.yaml:16: 字段 'body[2]'" in message and "'sec_1' repeats" in message


def test_unknown_document_in_toc(tmp_path: Path) -> None:
    issue = ISSUE + "      - document: 2018/qzf-99\n"
    message = errors_of(make_data(tmp_path, **{"issues__2018-05.yaml": issue}))
    assert "issues/2018-05.yaml:19: 字段 'contents[0].entries[1].document'" in message


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("title: 衢州", "title: [衢州")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "qzf-15.yaml:" in message and "YAML" in message


def test_python_tags_and_aliases_are_refused(tmp_path: Path) -> None:
    tagged = DOCUMENT.replace("title: 衢州市人民政府关于开展第四次经济普查的通知", "title: !!python/object/apply:os.system [echo hi]")
    assert "YAML" in errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": tagged}))
    aliased = DOCUMENT.replace("issuers: [衢州市人民政府]", "issuers: &a [衢州市人民政府]", 1).replace("addressees: 各县(市、区)人民政府,市政府各部门", "addressees: *a")
    assert "别名" in errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": aliased}))


def test_all_errors_reported_together(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("date: 2018-05-03", "date: soon").replace("issue: 2018-05", "issue: may")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "字段 'date'" in message and "字段 'issue'" in message
