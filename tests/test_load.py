"""Loading and validation: good records load, bad ones name file, line and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from gazette.derive.catalog import build_library
from gazette.load.errors import RecordErrors

ISSUERS = """\
- code: qzf
  prefix: 衢政发
  names: [衢州市人民政府]
  kind: 市政府
"""
DEPARTMENTS = """\
- code: tjj
  name: 衢州市统计局
  aliases: [市统计局]
"""
ISSUE = """\
year: 2018
number: 5
total_number: 106
printed_month: 2018年6月
published: 2018-06-01
contents:
  - category: 市政府文件
    entries:
      - document: 2018/qzf-15
        toc_text: 关于开展第四次经济普查的通知(衢政发[2018]15号)
        page: 1
"""
DOCUMENT = """\
number_printed: 衢政发〔2018〕15号
title: 衢州市人民政府关于开展第四次经济普查的通知
issuers: [衢州市人民政府]
date: 2018-05-03
issue: 2018-05
signature: null
body:
  - text: 国务院决定于2018年开展第四次全国经济普查。
  - label: 一、
    text: 普查目的
    children:
      - label: (一)
        text: 市统计局负责。
"""


def make_data(tmp_path: Path, **overrides: str) -> Path:
    files = {
        "issuers.yaml": ISSUERS,
        "departments.yaml": DEPARTMENTS,
        "issues/2018-05.yaml": ISSUE,
        "documents/2018/qzf-15.yaml": DOCUMENT,
    }
    files.update({k.replace("__", "/"): v for k, v in overrides.items()})
    for name, text in files.items():
        path = tmp_path / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path / "data"


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
    assert [n.id for n in doc.anchored.walk()] == ["p_1", "sec_1", "sec_1__item_1"]
    assert [d.id for d in lib.departments[0].documents] == [doc.id]


def test_schema_error_names_file_line_and_field(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("date: 2018-05-03", "date: 2018-02-30")
    data = make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad})
    message = errors_of(data)
    assert "data/documents/2018/qzf-15.yaml:4: field 'date'" in message


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("issue: 2018-05", "issue: 2018-05\nissuee: typo")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "qzf-15.yaml:6: field 'issuee'" in message and "Extra inputs are not permitted" in message


def test_nested_field_line(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("label: (一)", "label: 甲乙")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "qzf-15.yaml:12: field 'body[1].children[0].label'" in message
    assert "unrecognised numbering label" in message


def test_duplicate_wenhao_across_files(tmp_path: Path) -> None:
    issue = ISSUE + "      - document: 2018/qzf-16\n"
    twin = DOCUMENT.replace("衢政发〔2018〕15号", "衢政发[2018]15 号")
    message = errors_of(make_data(tmp_path, **{"issues__2018-05.yaml": issue, "documents__2018__qzf-16.yaml": twin}))
    assert "qzf-16.yaml:1: field 'number_printed'" in message
    assert "belongs in documents/2018/qzf-15.yaml" in message


def test_duplicate_part_id(tmp_path: Path) -> None:
    bad = DOCUMENT + "  - label: 一、\n    text: 又一个\n"
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "qzf-15.yaml:14: field 'body[2]'" in message and "'sec_1' repeats" in message


def test_unknown_document_in_toc(tmp_path: Path) -> None:
    issue = ISSUE + "      - document: 2018/qzf-99\n"
    message = errors_of(make_data(tmp_path, **{"issues__2018-05.yaml": issue}))
    assert "issues/2018-05.yaml:12: field 'contents[0].entries[1].document'" in message


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("title: 衢州", "title: [衢州")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "qzf-15.yaml:" in message and "YAML" in message


def test_python_tags_and_aliases_are_refused(tmp_path: Path) -> None:
    tagged = DOCUMENT.replace("title: 衢州市人民政府关于开展第四次经济普查的通知", "title: !!python/object/apply:os.system [echo hi]")
    assert "YAML" in errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": tagged}))
    aliased = DOCUMENT.replace("issuers: [衢州市人民政府]", "issuers: &a [衢州市人民政府]\naddressees: *a")
    assert "aliases" in errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": aliased}))


def test_all_errors_reported_together(tmp_path: Path) -> None:
    bad = DOCUMENT.replace("date: 2018-05-03", "date: soon").replace("issue: 2018-05", "issue: may")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": bad}))
    assert "field 'date'" in message and "field 'issue'" in message
