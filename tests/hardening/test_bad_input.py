"""Bad input catalogue: every malformed record fails with file, line and field; legitimate
oddities (BOM, CRLF, full-width digits, markup in text) build with correct, escaped output.

Most cases run at the library level (``build_library`` raising ``RecordErrors``), which is what
the MkDocs hook calls before anything is written. A few full builds prove the two end-to-end
promises: a failing build publishes nothing, and record text reaches every output escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml
from hardening_support import (
    DEPARTMENTS,
    ISSUERS,
    ROOT,
    build,
    small_project,
    write_data,
)
from hardening_support import (
    DOCUMENT as D,
)
from hardening_support import (
    ISSUE as I,
)
from hardening_support import (
    replace_once as r,
)

from gazette.derive.catalog import build_library
from gazette.load.errors import RecordErrors
from gazette.render.pages import plan_pages, render_extras

DOC = "documents/2018/qzf-15.yaml"
ISS = "issues/2018-05.yaml"
DOC_AT = "data/documents/2018/qzf-15.yaml"
ISS_AT = "data/issues/2018-05.yaml"
TITLE = "title: 衢州市人民政府关于开展第四次经济普查的通知"


def _alias_bomb() -> str:
    """"Billion laughs": nine levels of nine-fold aliases, 9**9 strings if expanded."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


_BODY = D[D.index("body:\n") : D.index("signature:\n")]


@dataclass(frozen=True)
class Bad:
    files: dict[str, str | bytes | None]
    expect: tuple[str, ...]  # every fragment must appear in ONE reported error line


BAD: dict[str, Bad] = {
    # --- YAML syntax and encoding ---------------------------------------------------------
    "yaml_syntax_error": Bad({DOC: r(D, "title: 衢州", "title: [衢州")}, (f"{DOC_AT}:3:", "YAML 语法错误：expected ',' or ']'")),
    "tab_indentation": Bad({DOC: r(D, "  - label: 一、\n", "\t- label: 一、\n")}, (f"{DOC_AT}:10:", "found character '\\t'")),
    "two_yaml_documents_in_one_file": Bad({DOC: D + "---\ntitle: 又一份\n"}, (f"{DOC_AT}:39:", "another document")),
    "duplicate_key": Bad({DOC: r(D, "issue: 2018-05\n", "issue: 2018-05\ntitle: 重复\n")}, (f"{DOC_AT}:6: 字段 'title'", "键重复")),
    "merge_key": Bad({DOC: r(D, "signature:\n  issuers", "signature:\n  <<: {date_text: x}\n  issuers")}, (f"{DOC_AT}:24:", "键只能是普通文字")),
    "alias_bomb": Bad({DOC: _alias_bomb()}, (f"{DOC_AT}:1:", "不能用 YAML 别名（*name）")),
    "python_object_tag": Bad({DOC: r(D, TITLE, "title: !!python/object:collections.OrderedDict {}")}, (f"{DOC_AT}:2: 字段 'title'", "YAML 标签", "python/object")),
    "python_name_tag": Bad({DOC: r(D, TITLE, "title: !!python/name:os.system")}, (f"{DOC_AT}:2: 字段 'title'", "YAML 标签", "python/name")),
    "custom_tag": Bad({DOC: r(D, "public_mark: 此件公开发布", "public_mark: !secret 此件公开发布")}, (f"{DOC_AT}:7: 字段 'public_mark'", "YAML 标签 !secret")),
    "nul_character": Bad({DOC: r(D, "text: 普查目的", 'text: "普查\x00目的"')}, (f"{DOC_AT}:11:", "控制字符 U+0000")),
    "deep_nesting": Bad({DOC: r(D, "public_mark: 此件公开发布", "public_mark: " + "[" * 5000 + "]" * 5000)}, (f"{DOC_AT}:", "嵌套层数太多")),
    "empty_file": Bad({DOC: ""}, (f"{DOC_AT}:1:", "文件是空的")),
    "comment_only_file": Bad({DOC: "# 待补\n"}, (f"{DOC_AT}:1:", "文件是空的")),
    "top_level_list": Bad({DOC: "- " + D.replace("\n", "\n  ")}, (f"{DOC_AT}:1:", "应为键值映射")),
    "record_of_10_mb": Bad({DOC: D + "postscript:\n" + ("  - " + "长" * 1000 + "\n") * 3500}, (f"{DOC_AT}:", "一份记录最多 2,000,000 字节")),
    "non_utf8_gbk_file": Bad({DOC: D.encode("gbk")}, (f"{DOC_AT}:1:", "不是 UTF-8 编码")),
    "stray_non_yaml_file": Bad({"documents/2018/notes.txt": "备注"}, ("data/documents/2018/notes.txt:", "此处不应有这个文件")),
    "missing_registry": Bad({"issuers.yaml": None}, ("data/issuers.yaml:", "缺少必需的登记文件")),
    # --- wrong types, missing and unknown fields ---------------------------------------------
    "date_as_list": Bad({DOC: r(D, "date: 2018-05-03", "date: [2018, 5, 3]")}, (f"{DOC_AT}:4: 字段 'date'", "YYYY-MM-DD")),
    "issuers_as_string": Bad({DOC: r(D, "\nissuers: [衢州市人民政府]", "\nissuers: 衢州市人民政府")}, (f"{DOC_AT}:3: 字段 'issuers'", "应为列表")),
    "yaml_boolean_as_text": Bad({DOC: r(D, "public_mark: 此件公开发布", "public_mark: yes")}, (f"{DOC_AT}:7: 字段 'public_mark'", "布尔值")),
    "number_as_text": Bad({DOC: r(D, TITLE, "title: 2018")}, (f"{DOC_AT}:2: 字段 'title'", "应为文字")),
    "page_not_a_number": Bad({ISS: r(I, "page: 1", "page: 第一页")}, (f"{ISS_AT}:18: 字段 'contents[0].entries[0].page'", "整数")),
    "missing_title": Bad({DOC: r(D, TITLE + "\n", "")}, (f"{DOC_AT}:1: 字段 'title'", "缺少这个必填字段")),
    "missing_nested_field": Bad({DOC: r(D, "  date_text: 2018年5月3日\n", "")}, (f"{DOC_AT}:23: 字段 'signature.date_text'", "缺少这个必填字段")),
    "unknown_key": Bad({DOC: r(D, "issue: 2018-05", "issue: 2018-05\nissuee: typo")}, (f"{DOC_AT}:6: 字段 'issuee'", "不认识的字段")),
    "unknown_nested_key": Bad({DOC: r(D, "        text: 市统计局负责。", "        txt: 市统计局负责。")}, (f"{DOC_AT}:14: 字段 'body[1].children[0].txt'", "不认识的字段")),
    "impossible_date_feb_30": Bad({DOC: r(D, "date: 2018-05-03", "date: 2018-02-30")}, (f"{DOC_AT}:4: 字段 'date'", "不是有效的日期")),
    "chinese_date_in_date_field": Bad({DOC: r(D, "date: 2018-05-03", "date: 2018年5月3日")}, (f"{DOC_AT}:4: 字段 'date'", "YYYY-MM-DD")),
    "issue_year_out_of_range": Bad({ISS: r(I, "year: 2018", "year: 3018")}, (f"{ISS_AT}:1: 字段 'year'", "应不大于 2100")),
    "empty_body": Bad({DOC: r(D, _BODY, "body: []\n")}, (f"{DOC_AT}:8: 字段 'body'", "至少要有 1 项")),
    "empty_part": Bad({DOC: r(D, "  - text: 国务院决定于2018年开展第四次全国经济普查。", "  - {}")}, (f"{DOC_AT}:9: 字段 'body[0]'", "空的部分")),
    "empty_title": Bad({DOC: r(D, TITLE, "title: ''")}, (f"{DOC_AT}:2: 字段 'title'", "至少要有 1 个字符")),
    # --- structure inside a document ---------------------------------------------------------
    "table_row_too_wide": Bad({DOC: r(D, "- [null, '2']", "- [null, '2', '3']")}, (f"{DOC_AT}:16: 字段 'body[2].table'", "第 2 行有 3 个单元格，但表格有 2 列")),
    "table_starts_with_merged_cell": Bad({DOC: r(D, "- [法人单位, '1']", "- [null, '1']")}, (f"{DOC_AT}:16: 字段 'body[2].table'", "续接表格上方的单元格")),
    "table_part_with_label": Bad({DOC: r(D, "  - table:\n", "  - label: 二、\n    table:\n")}, (f"{DOC_AT}:16: 字段 'body[2]'", "表格部分只能有 table")),
    "unrecognised_label": Bad({DOC: r(D, "label: (一)", "label: 甲乙")}, (f"{DOC_AT}:13: 字段 'body[1].children[0].label'", "无法识别的编号：“甲乙”")),
    "bad_attachment_label": Bad({DOC: r(D, "label: 附件\n", "label: 附录\n")}, (f"{DOC_AT}:27: 字段 'attachments[0].label'", "附件 or 附件N")),
    "explicit_id_not_an_id": Bad({DOC: r(D, "        text: 市统计局负责。", "        text: 市统计局负责。\n        id: Sec-1")}, (f"{DOC_AT}:15: 字段 'body[1].children[0].id'", "写法不符合要求")),
    "duplicate_part_ids_in_one_document": Bad({DOC: r(D, "  - table:", "  - label: 一、\n    text: 又一个一\n  - table:")}, (f"{DOC_AT}:16: 字段 'body[2]'", "anchor id 'sec_1' repeats")),
    "explicit_id_collides": Bad({DOC: r(D, "        text: 市统计局负责。", "        text: 市统计局负责。\n        id: p_1")}, (f"{DOC_AT}:13: 字段 'body[1].children[0]'", "anchor id 'p_1' repeats")),
    "erratum_for_missing_part": Bad({DOC: r(D, "part: sec_1", "part: sec_9")}, (f"{DOC_AT}:35: 字段 'errata[0].part'", "没有 id 为“sec_9”的部分")),
    "erratum_unknown_kind": Bad({DOC: r(D, "kind: other", "kind: typo")}, (f"{DOC_AT}:34: 字段 'errata[0].kind'", "应为以下之一")),
    # --- 文号 and cross-record consistency ------------------------------------------------------
    "malformed_wenhao": Bad({DOC: r(D, "衢政发〔2018〕15号", "衢政发2018年第15号")}, (f"{DOC_AT}:1: 字段 'number_printed'", "不是文号：“衢政发2018年第15号”")),
    "unknown_issuer_prefix": Bad({DOC: r(D, "衢政发〔2018〕15号", "衢政函〔2018〕15号")}, (f"{DOC_AT}:1: 字段 'number_printed'", "文号的机关代字“衢政函”不在 data/issuers.yaml 中")),
    "wenhao_in_wrong_file": Bad({DOC: r(D, "衢政发〔2018〕15号", "衢政发〔2018〕16号")}, (f"{DOC_AT}:1: 字段 'number_printed'", "应放在 documents/2018/qzf-16.yaml")),
    "duplicate_wenhao_across_files": Bad(
        {ISS: I + "      - document: 2018/qzf-16\n", "documents/2018/qzf-16.yaml": r(D, "衢政发〔2018〕15号", "衢政发[2018]15 号")},
        ("data/documents/2018/qzf-16.yaml:1: 字段 'number_printed'", "衢政发〔2018〕15号 应放在 documents/2018/qzf-15.yaml"),
    ),
    "document_missing_from_its_issue": Bad(
        {"documents/2018/qzf-16.yaml": r(D, "衢政发〔2018〕15号", "衢政发〔2018〕16号")},
        ("data/documents/2018/qzf-16.yaml:5: 字段 'issue'", "期的目录没有列出这个文件"),
    ),
    "toc_lists_unknown_document": Bad({ISS: I + "      - document: 2018/qzf-99\n"}, (f"{ISS_AT}:19: 字段 'contents[0].entries[1].document'", "没有文件“2018/qzf-99”")),
    "toc_document_id_malformed": Bad({ISS: r(I, "document: 2018/qzf-15", "document: 2018/QZF-15")}, (f"{ISS_AT}:16: 字段 'contents[0].entries[0].document'", "写法不符合要求")),
    "toc_lists_document_twice": Bad({ISS: I + "      - document: 2018/qzf-15\n"}, (f"{ISS_AT}:19: 字段 'contents[0].entries[1].document'", "被列了两次")),
    "toc_page_without_printed_line": Bad({ISS: r(I, "        toc_text: 关于开展第四次经济普查的通知(衢政发[2018]15号)\n", "")}, (f"{ISS_AT}:16: 字段 'contents[0].entries[0]'", "印刷目录未列出的文件不能写 page（页码）")),
    "issue_in_wrong_file": Bad({ISS: r(I, "number: 5", "number: 6")}, (f"{ISS_AT}:2: 字段 'number'", "应放在 issues/2018-06.yaml")),
    "document_names_missing_issue": Bad({DOC: r(D, "issue: 2018-05", "issue: 2018-06")}, (f"{DOC_AT}:5: 字段 'issue'", "没有期记录 data/issues/2018-06.yaml")),
    "department_unknown_kind": Bad({"departments.yaml": r(DEPARTMENTS, "  kind: 市级部门", "  kind: 县级部门")}, ("data/departments.yaml:7: 字段 '[1].kind'", "应为以下之一")),
    "department_duplicate_code": Bad({"departments.yaml": r(DEPARTMENTS, "- code: czj", "- code: tjj")}, ("data/departments.yaml:4: 字段 '[1].code'", "部门代码“tjj”重复")),
    "department_name_used_twice": Bad({"departments.yaml": r(DEPARTMENTS, "aliases: [市财政局]", "aliases: [市统计局]")}, ("data/departments.yaml:6: 字段 '[1].aliases[0]'", "名称“市统计局”也属于“tjj”")),
    "department_code_not_ascii": Bad({"departments.yaml": r(DEPARTMENTS, "- code: czj", "- code: 财政局")}, ("data/departments.yaml:4: 字段 '[1].code'", "写法不符合要求")),
    "issuer_duplicate_prefix": Bad({"issuers.yaml": ISSUERS + "- code: qzfa\n  prefix: 衢政发\n  names: [某单位]\n"}, ("data/issuers.yaml:6: 字段 '[1].prefix'", "发文机关的 prefix“衢政发”重复")),
    "unknown_department_in_task": Bad(
        {DOC: r(D, "        paragraphs: [市财政局保障经费。]", "        paragraphs: [市财政局保障经费。]\n      - label: (二)\n        text: 责任单位:市财政局、市不存在局。")},
        (f"{DOC_AT}:17: 字段 'body[1].children[1].text'", "单位名称“市不存在局”不在 data/departments.yaml 中"),
    ),
    "issuer_duplicate_code": Bad({"issuers.yaml": ISSUERS + "- code: qzf\n  prefix: 衢政办发\n  names: [某单位]\n"}, ("data/issuers.yaml:5: 字段 '[1].code'", "发文机关的 code“qzf”重复")),
}


@pytest.mark.unit
@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_names_file_line_and_field(name: str, tmp_path: Path) -> None:
    case = BAD[name]
    data = write_data(tmp_path, case.files)
    with pytest.raises(RecordErrors) as info:
        build_library(data)
    lines = str(info.value).replace(f"{tmp_path}/", "").splitlines()
    assert any(all(fragment in line for fragment in case.expect) for line in lines), "\n".join(lines)
    for error in info.value.errors:  # every error names a file under data/
        assert str(error.path).startswith("data/"), error


@pytest.mark.unit
def test_python_tag_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    bad = r(D, TITLE, f"title: !!python/object/apply:os.system ['touch {marker}']")
    with pytest.raises(RecordErrors, match="YAML 标签"):
        build_library(write_data(tmp_path, {DOC: bad}))
    assert not marker.exists()


# --- legitimate oddities: they build, with the right output ---------------------------------


def render_all(data: Path) -> dict[str, str]:
    """Every generated page's HTML, keyed by URL, as the hook hands it to MkDocs."""
    library = build_library(data)
    templates = ROOT / "overrides" / "gazette"
    pages = {spec.url: spec.html for spec in plan_pages(library, templates)}
    pages.update(render_extras(library, templates))
    return pages


@pytest.mark.unit
def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    lib = build_library(write_data(tmp_path, {DOC: ("\ufeff" + D).encode("utf-8")}))
    assert lib.document("2018/qzf-15").record.number_printed == "衢政发〔2018〕15号"


@pytest.mark.unit
def test_crlf_line_endings_are_accepted(tmp_path: Path) -> None:
    lib = build_library(write_data(tmp_path, {DOC: D.replace("\n", "\r\n").encode("utf-8")}))
    assert lib.document("2018/qzf-15").record.title == "衢州市人民政府关于开展第四次经济普查的通知"


@pytest.mark.unit
def test_full_width_digits_in_wenhao_are_canonicalised(tmp_path: Path) -> None:
    data = write_data(tmp_path, {DOC: r(D, "衢政发〔2018〕15号", "衢政发〔２０１８〕１５ 号")})
    doc = build_library(data).document("2018/qzf-15")
    assert doc.number == "衢政发〔2018〕15号" and doc.url == "2018/qzf-15/"
    card = lxml.html.fromstring(render_all(data)["2018/qzf-15/"]).xpath("//dl[@class='gz-card']")[0]
    assert "衢政发〔2018〕15号" in card.text_content()
    assert "印作 衢政发〔２０１８〕１５ 号" in card.text_content()  # the printed form is kept, marked as printed


@pytest.mark.unit
def test_full_width_outline_labels(tmp_path: Path) -> None:
    data = write_data(tmp_path, {DOC: r(D, "label: (一)", "label: (一)")})
    ids = [node.id for node in build_library(data).document("2018/qzf-15").anchored.walk()]
    assert "sec_1__item_1" in ids


@pytest.mark.unit
def test_document_citing_itself_is_not_a_citation(tmp_path: Path) -> None:
    own = "根据《关于开展第四次经济普查的通知》(衢政发〔2018〕15号)精神。"
    data = write_data(tmp_path, {DOC: r(D, "text: 国务院决定于2018年开展第四次全国经济普查。", f"text: {own}")})
    assert not build_library(data).citations.outgoing.get("2018/qzf-15")
    page = lxml.html.fromstring(render_all(data)["2018/qzf-15/"])
    assert own in page.text_content()
    # the number is marked as this page's own, never linked as a citation
    assert not page.xpath("//a[contains(., '衢政发〔2018〕15号')]")
    assert page.xpath("//span[contains(@class, 'gz-cite-self')]")[0].text == "衢政发〔2018〕15号"


TASK_TABLE = """\
      columns: [序号, 工作任务, 责任单位, 完成时限]
      rows:
        - ['1', 开展清查, 市统计局, 2018年13月底前]
        - ['2', 数据上报, 市财政局, 尽快]"""


@pytest.mark.unit
def test_unparseable_deadline_keeps_the_printed_text(tmp_path: Path) -> None:
    table = "      columns: [项目, 数量]\n      rows:\n        - [法人单位, '1']\n        - [null, '2']"
    data = write_data(tmp_path, {DOC: r(D, table, TASK_TABLE)})
    lib = build_library(data)
    deadlines = {t.deadline.text: t.deadline.date for d in lib.departments for t in d.tasks if t.deadline}
    assert deadlines == {"2018年13月底前": None, "尽快": None}  # no invented date
    pages = render_all(data)
    assert "2018年13月底前" in lxml.html.fromstring(pages["departments/tjj/"]).text_content()
    assert "尽快" in lxml.html.fromstring(pages["departments/czj/"]).text_content()


# Markup of every kind a record could carry: HTML, script, an event handler, Markdown, a Jinja
# expression and attribute-breaking quotes. It must come out as the same visible text.
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)> **粗体** [链接](javascript:alert(1)) {{ 7*7 }} & "q" \'s\''

# Text fields (loc paths into the YAML data) that pages print. Fields with a fixed shape
# (文号, labels, dates, ids, codes, kinds) cannot carry markup: the schema refuses it above.
DOC_TEXT_FIELDS = [
    ("title",), ("addressees",), ("public_mark",), ("doc_type",),
    ("body", 0, "text"), ("body", 1, "text"), ("body", 1, "children", 0, "text"),
    ("body", 1, "children", 0, "paragraphs", 0), ("body", 2, "table", "caption"),
    ("body", 2, "table", "columns", 0), ("body", 2, "table", "rows", 0, 0), ("body", 2, "table", "notes", 0),
    ("signature", "issuers", 0), ("signature", "date_text"), ("attachments", 0, "title"),
    ("attachments", 0, "body", 0, "text"), ("postscript", 0),
    ("errata", 0, "original"), ("errata", 0, "published"), ("errata", 0, "reason"),
]
ISSUE_TEXT_FIELDS = [
    ("printed_month",), ("permit",), ("editorial_board", 0, "role"), ("editorial_board", 0, "names", 0),
    ("imprint", 0, "label"), ("imprint", 0, "value"), ("contents", 0, "category"),
]  # toc_text is kept for the record but no page prints it
DEPT_TEXT_FIELDS = [(1, "name"), (1, "note"), (1, "aliases", 0)]


def _inject(text: str, fields: list[tuple], tag: str) -> tuple[str, list[str]]:
    data = yaml.safe_load(text)
    values = []
    for n, loc in enumerate(fields):
        *parent_loc, key = loc
        parent = data
        for step in parent_loc:
            parent = parent[step]
        base = parent[key] if isinstance(parent, list) and key < len(parent) or isinstance(parent, dict) and key in parent else "文"
        value = f"{base}{tag}{n}{PAYLOAD}"
        parent[key] = value
        values.append(value)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), values


def injected_files() -> tuple[dict[str, str], list[str]]:
    doc, v1 = _inject(D, DOC_TEXT_FIELDS, "D")
    issue, v2 = _inject(I, ISSUE_TEXT_FIELDS, "I")
    depts, v3 = _inject(DEPARTMENTS, DEPT_TEXT_FIELDS, "P")
    # the document mentions the department by its (injected) alias, so the department page lists it
    record = yaml.safe_load(doc)
    mention = v3[-1] + "保障经费。"
    record["body"][1]["children"][0]["paragraphs"].append(mention)
    doc = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    return {DOC: doc, ISS: issue, "departments.yaml": depts}, v1 + v2 + v3 + [mention]


def _assert_inert(html: str, where: str) -> None:
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    # A JSON-LD block (render/jsonld.py) is data: it must parse, and no "<" may stand in it.
    blocks = tree.xpath("//script[@type='application/ld+json']")
    for block in blocks:
        assert "<" not in (block.text or "") and json.loads(block.text or ""), where
    assert not tree.xpath("//script[not(@src)][not(@type='application/ld+json')] | //img | //strong[contains(., '粗体')] | //a[normalize-space(.)='链接']"), where
    assert not tree.xpath("//@*[starts-with(name(), 'on')]"), where
    assert not tree.xpath("//@href[contains(., 'javascript:')]"), where


@pytest.mark.unit
def test_markup_in_every_text_field_is_shown_as_text(tmp_path: Path) -> None:
    files, values = injected_files()
    pages = render_all(write_data(tmp_path, files))
    texts = "\n".join(lxml.html.fromstring(f"<div>{html}</div>").text_content() for html in pages.values())
    for url, html in pages.items():
        _assert_inert(html, url)
    missing = [v for v in values if v not in texts]
    assert not missing, missing  # each field's text appears verbatim, i.e. escaped in the HTML
    doc_html = pages["2018/qzf-15/"]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in doc_html
    dept = lxml.html.fromstring(pages["departments/czj/"])
    assert dept.xpath("//a[contains(@href, 'qzf-15')]"), "department page still links the document"
    region = lxml.html.fromstring(doc_html).xpath("//div[@role='region']/@aria-label")
    assert any(PAYLOAD in label for label in region)  # attribute values keep the quotes as data


# --- full builds (few: each takes a second or two) ------------------------------------------


@pytest.mark.site
def test_failing_build_publishes_nothing(tmp_path: Path) -> None:
    project = small_project(tmp_path / "p", {DOC: r(D, "date: 2018-05-03", "date: 2018-02-30")})
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous.html").write_text("the last good build", encoding="utf-8")
    result = build(project, out)
    assert result.returncode != 0
    assert f"{DOC_AT}:4: 字段 'date'" in result.stderr
    assert [p.name for p in out.iterdir()] == ["previous.html"]  # not cleaned, nothing written
    assert (out / "previous.html").read_text(encoding="utf-8") == "the last good build"


@pytest.mark.site
def test_failing_build_into_fresh_dir_creates_nothing(tmp_path: Path) -> None:
    project = small_project(tmp_path / "p", {DOC: _alias_bomb()})
    out = tmp_path / "out"
    result = build(project, out)
    assert result.returncode != 0 and "不能用 YAML 别名（*name）" in result.stderr
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.site
def test_markup_is_escaped_in_every_built_file(tmp_path: Path) -> None:
    files, values = injected_files()
    project = small_project(tmp_path / "p", files)
    out = tmp_path / "out"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    checked = 0
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(out).as_posix()
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            assert '<script>alert("x")' not in html and "<img src=x" not in html, rel
            tree = lxml.html.fromstring(html)
            assert not tree.xpath("//@*[starts-with(name(), 'on')]"), rel
            assert not tree.xpath("//@href[contains(., 'javascript:')]"), rel
            checked += 1
        elif path.suffix in (".xml", ".rss", ".atom"):
            root = lxml.etree.fromstring(path.read_bytes())  # well-formed despite the markup
            assert not root.xpath("//*[local-name()='script']"), rel
            checked += 1
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
            checked += 1
    assert checked >= 8
    page = lxml.html.fromstring((out / "2018" / "qzf-15" / "index.html").read_text(encoding="utf-8"))
    assert PAYLOAD in page.findtext(".//title")
    assert any(PAYLOAD in c for c in page.xpath("//meta[@name='description']/@content"))
    assert PAYLOAD in page.xpath("string(//h1)")
