"""Small records written by hand, for the tests that break or build them (plain functions, no pytest).

One record set (``BASE_FILES``: an issuer, two departments, an issue and one document in which every
kind of text field appears once) that a test overrides file by file with ``write_data``; a copy of
the project holding it (``small_project``); and ``document``, one document record from its body.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

from gazette.records.models import Document
from tests.project import copy_project

# A small but complete record set: every kind of text field appears once, so a case can break
# (or inject into) any of them. Line numbers below are relied on by the expected messages.
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
- code: czj
  name: 衢州市财政局
  aliases: [市财政局]
  kind: 市级部门
  ambiguous: true
  note: 同名县级单位另有记录。
"""
ISSUE = """\
year: 2018
number: 5
total_number: 106
printed_month: 2018年6月
published: 2018-06-01
permit: 浙内部资料准印证第H004号
editorial_board:
  - role: 主任
    names: [张三]
imprint:
  - label: 电话
    value: 0570-3021234
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
addressees: 各县(市、区)人民政府,市政府各部门
public_mark: 此件公开发布
body:
  - text: 国务院决定于2018年开展第四次全国经济普查。
  - label: 一、
    text: 普查目的
    children:
      - label: (一)
        text: 市统计局负责。
        paragraphs: [市财政局保障经费。]
  - table:
      caption: 普查对象
      columns: [项目, 数量]
      rows:
        - [法人单位, '1']
        - [null, '2']
      notes: [注:单位为个。]
signature:
  issuers: [衢州市人民政府]
  date_text: 2018年5月3日
attachments:
  - label: 附件
    title: 普查方案
    body:
      - label: 第一条
        text: 为做好普查工作。
postscript: [抄送:省统计局。]
errata:
  - kind: other
    part: sec_1
    original: 普査目的
    published: 普查目的
    reason: 错字
"""
DOC_PATH = "data/documents/2018/qzf-15.yaml"
ISSUE_PATH = "data/issues/2018-05.yaml"

BASE_FILES = {
    "issuers.yaml": ISSUERS,
    "departments.yaml": DEPARTMENTS,
    "issues/2018-05.yaml": ISSUE,
    "documents/2018/qzf-15.yaml": DOCUMENT,
}


def write_data(dest: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write the base record set with ``files`` overriding it (None deletes a file) into ``dest/data``."""
    merged: dict[str, str | bytes | None] = {**BASE_FILES, **files}
    data = dest / "data"
    for name, content in merged.items():
        if content is None:
            continue
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return data


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def small_project(dest: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """A copy of the real project whose data/ is the record set with ``files`` applied."""
    project = copy_project(dest)
    shutil.rmtree(project / "data")
    write_data(project, files or {})
    return project


def document(body: list[dict[str, Any]], **fields: Any) -> Document:
    """A document record of ``body`` (and ``fields`` replacing the defaults), without loading files."""
    return Document.model_validate({
        "number_printed": "衢政发〔2099〕1号", "title": "测试", "issuers": ["衢州市人民政府"],
        "date": "2099-01-01", "issue": "2099-01", "body": body, **fields,
    })
