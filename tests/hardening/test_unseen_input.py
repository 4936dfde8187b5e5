"""Input nobody had tried (issue 15): each case fails with file, line and field before anything
is written, or builds correctly. Library-level cases call what the MkDocs hook calls in
``on_pre_build`` (load, derive, plan pages, check collisions, dry-run the exports)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hardening_support import DEPARTMENTS, ROOT, write_data
from hardening_support import DOCUMENT as D
from hardening_support import ISSUE as I
from hardening_support import replace_once as r

from gazette.derive.catalog import build_library
from gazette.load.errors import RecordErrors
from gazette.publish import dry_run
from gazette.render.collisions import check_pages
from gazette.render.pages import plan_pages

pytestmark = pytest.mark.unit

DOC = "documents/2018/qzf-15.yaml"
DOC_AT = "data/documents/2018/qzf-15.yaml"
ISS_AT = "data/issues/2018-05.yaml"
DEPTS = "departments.yaml"
DEPTS_AT = "data/departments.yaml"
TEMPLATES = ROOT / "overrides" / "gazette"


@dataclass(frozen=True)
class Case:
    files: dict[str, str | bytes | None]
    expect: tuple[str, ...]  # every fragment in ONE reported error line


def _check(data: Path) -> None:
    """Everything on_pre_build does with the records."""
    library = build_library(data)
    check_pages(library, plan_pages(library, TEMPLATES), TEMPLATES, ROOT / "docs")
    dry_run(library, TEMPLATES, "https://example.test/zhengbao/")


CASES: dict[str, Case] = {
    # item 5: names compared as lookups compare them; names that cannot identify one unit
    "alias_equal_to_another_unit_but_for_a_space": Case(
        {DEPTS: r(DEPARTMENTS, "aliases: [市财政局]", "aliases: [市财政局, 市统计 局]")},
        (f"{DEPTS_AT}:6: 字段 '[1].aliases[1]'", "名称“市统计 局”也属于“tjj”"),
    ),
    "name_equal_to_another_units_alias_with_full_width_brackets": Case(
        {DEPTS: r(DEPARTMENTS, "aliases: [市统计局]", "aliases: [市统计局, 统计局(普查办)]") .replace("aliases: [市财政局]", "aliases: [市财政局, 统计局（普查办）]")},
        (f"{DEPTS_AT}:6: 字段 '[1].aliases[1]'", "也属于“tjj”"),
    ),
    "one_character_alias": Case(
        {DEPTS: r(DEPARTMENTS, "aliases: [市财政局]", "aliases: [市财政局, 局]")},
        (f"{DEPTS_AT}:6: 字段 '[1].aliases[1]'", "名称“局”太短，不能确定是哪个单位"),
    ),
    "alias_that_is_only_a_kind_of_body": Case(
        {DEPTS: r(DEPARTMENTS, "aliases: [市统计局]", "aliases: [市统计局, 人民政府]")},
        (f"{DEPTS_AT}:3: 字段 '[0].aliases[1]'", "名称“人民政府”只是一类机构的名称"),
    ),
    # item 6: reserved department codes and part ids
    "department_code_index": Case(
        {DEPTS: r(DEPARTMENTS, "- code: czj", "- code: index")},
        (f"{DEPTS_AT}:4: 字段 '[1].code'", "部门代码“index”不能使用", "departments/index/ 已是 页面“"),
    ),
    "part_id_errata": Case(
        {DOC: r(D, "        text: 市统计局负责。", "        text: 市统计局负责。\n        id: errata")},
        (f"{DOC_AT}:15: 字段 'body[1].children[0].id'", "条款 id“errata”不能使用"),
    ),
    "part_id_citations_on_a_page_without_citations": Case(
        {DOC: r(D, "        text: 市统计局负责。", "        text: 市统计局负责。\n        id: citations")},
        (f"{DOC_AT}:15: 字段 'body[1].children[0].id'", "条款 id“citations”不能使用"),
    ),
    "part_id_summary": Case(
        {DOC: r(D, "  - text: 国务院决定于2018年开展第四次全国经济普查。", "  - text: 国务院决定于2018年开展第四次全国经济普查。\n    id: summary")},
        (f"{DOC_AT}:10: 字段 'body[0].id'", "条款 id“summary”不能使用"),
    ),
    # item 8: control characters, bidi overrides, line breaks in one-line fields
    "newline_in_department_name": Case(
        {DEPTS: r(DEPARTMENTS, "name: 衢州市统计局", 'name: "衢州市\\n统计局"')},
        (f"{DEPTS_AT}:2: 字段 '[0].name'", "第 4 个字处有换行；此字段只能写一行"),
    ),
    "bidi_override_in_title": Case(
        {DOC: r(D, "title: 衢州市人民政府关于开展第四次经济普查的通知", 'title: "衢州市人民政府关于\\u202e知通的查普济经\\u202c"')},
        (f"{DOC_AT}:2: 字段 'title'", "不可见字符 U+202E"),
    ),
    "bell_character_escaped_in_paragraph": Case(
        {DOC: r(D, "paragraphs: [市财政局保障经费。]", 'paragraphs: ["市财政局\\a保障经费。"]')},
        (f"{DOC_AT}:15: 字段 'body[1].children[0].paragraphs[0]'", "不可见字符 U+0007"),
    ),
    "isolate_in_table_cell": Case(
        {DOC: r(D, "- [法人单位, '1']", "- [\"法人\\u2066单位\", '1']")},
        (f"{DOC_AT}:", "字段 'body[2].table.rows[0][0]'", "U+2066"),
    ),
    "escape_in_erratum_text": Case(
        {DOC: r(D, "published: 普查目的", 'published: "普查\\x1b[31m目的"')},
        (f"{DOC_AT}:", "字段 'errata[0].published'", "U+001B"),
    ),
    # item 10: plausibility
    "document_dated_0001_01_01": Case(
        {DOC: r(D, "date: 2018-05-03", "date: 0001-01-01")},
        (f"{DOC_AT}:4: 字段 'date'", "成文日期 0001-01-01 与刊登它的 2018-05 期"),
    ),
    "wenhao_year_contradicts_date": Case(
        {DOC: r(D, "date: 2018-05-03", "date: 2017-05-03")},
        (f"{DOC_AT}:4: 字段 'date'", "成文日期 2017-05-03 与文号年份 2018"),
    ),
    "issue_published_years_after_cover": Case(
        {"issues/2018-05.yaml": r(I, "published: 2018-06-01", "published: 2021-06-01")},
        (f"{ISS_AT}:5: 字段 'published'", "出版日期 2021-06-01 不在封面月份 2018年6月 内"),
    ),
    "cover_month_in_another_year": Case(
        {"issues/2018-05.yaml": r(r(I, "printed_month: 2018年6月", "printed_month: 2028年6月"), "published: 2018-06-01", "published: 2028-06-01")},
        (f"{ISS_AT}:4: 字段 'printed_month'", "封面月份 2028年6月 不在 2018 年"),
    ),
    # item 11: records outside the layout
    "record_directly_under_documents": Case(
        {"documents/qzf-16.yaml": D}, ("data/documents/qzf-16.yaml:", "记录不在 documents/{年份}/"),
    ),
    "record_in_a_subfolder_of_a_year": Case(
        {"documents/2018/draft/qzf-16.yaml": D}, ("data/documents/2018/draft/qzf-16.yaml:", "记录不在 documents/{年份}/"),
    ),
    "year_folder_not_a_year": Case(
        {"documents/18/qzf-16.yaml": D}, ("data/documents/18:", "此处不应有文件夹：文件记录放在 documents/{年份}/ 下"),
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_unseen_input_fails_with_file_line_and_field(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    data = write_data(tmp_path, case.files)
    with pytest.raises(RecordErrors) as info:
        _check(data)
    lines = str(info.value).replace(f"{tmp_path}/", "").splitlines()
    assert any(all(fragment in line for fragment in case.expect) for line in lines), "\n".join(lines)


def test_a_deadline_in_year_9999_is_kept_as_printed_without_a_date(tmp_path: Path) -> None:
    """9999年12月31日前: no calendar date (the day after does not exist), the text as printed."""
    table = "      columns: [项目, 数量]\n      rows:\n        - [法人单位, '1']\n        - [null, '2']"
    tasks = "      columns: [序号, 工作任务, 责任单位, 完成时限]\n      rows:\n        - ['1', 开展清查, 市统计局, 9999年12月31日前]"
    data = write_data(tmp_path, {DOC: r(D, table, tasks)})
    _check(data)  # the exports (iCalendar included) are written without error
    library = build_library(data)
    deadlines = [t.deadline for t in library.tasks if t.deadline]
    assert [(d.text, d.date) for d in deadlines] == [("9999年12月31日前", None)]


def test_a_symlink_inside_the_project_is_read(tmp_path: Path) -> None:
    data = write_data(tmp_path, {})
    real = tmp_path / "kept" / "departments.yaml"
    real.parent.mkdir()
    (data / DEPTS).rename(real)
    (data / DEPTS).symlink_to(real)
    assert build_library(data).department("tjj")


# --- files that must be refused without being read: run in a child process with a time and
# memory limit, so that on failure the test fails instead of hanging or exhausting the machine.

def _load_in_child(data: Path) -> subprocess.CompletedProcess[str]:
    code = ("import sys; from pathlib import Path; from gazette.derive.catalog import build_library\n"
            "from gazette.load.errors import RecordErrors\n"
            "try:\n    build_library(Path(sys.argv[1]))\nexcept RecordErrors as exc:\n    print(exc); sys.exit(1)\n")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    try:
        return subprocess.run([sys.executable, "-c", code, str(data)], cwd=ROOT, capture_output=True, text=True, timeout=30, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail("loading the records did not finish in 30 s")


def test_a_symlink_to_dev_zero_is_refused_unread(tmp_path: Path) -> None:
    data = write_data(tmp_path, {})
    (data / "documents" / "2018" / "qzf-16.yaml").symlink_to("/dev/zero")
    result = _load_in_child(data)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "data/documents/2018/qzf-16.yaml: 是指向项目之外（/dev/zero）的符号链接" in result.stdout


def test_a_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(DEPARTMENTS, encoding="utf-8")
    data = write_data(tmp_path / "project", {})
    (data / DEPTS).unlink()
    (data / DEPTS).symlink_to(outside)
    result = _load_in_child(data)
    assert result.returncode == 1 and "data/departments.yaml: 是指向项目之外（" in result.stdout and "的符号链接" in result.stdout


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    data = write_data(tmp_path, {})
    os.mkfifo(data / "issues" / "2018-06.yaml")
    result = _load_in_child(data)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "data/issues/2018-06.yaml: 不是普通文件（命名管道 FIFO）：记录必须是普通文件" in result.stdout


def test_a_folder_named_like_a_record_is_refused(tmp_path: Path) -> None:
    data = write_data(tmp_path, {})
    (data / "issues" / "2018-06.yaml").mkdir()
    with pytest.raises(RecordErrors, match=r"data/issues/2018-06.yaml: 不是普通文件（目录）"):
        build_library(data)
