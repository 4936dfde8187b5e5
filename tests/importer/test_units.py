"""Unit tests of the importer's parts."""

import pytest

from gazette.derive.numbering import chinese_to_int, split_label
from gazette.importer import repairs
from gazette.importer.corrections import Correction, DocumentCorrections
from gazette.importer.document import build_document
from gazette.importer.errors import SourceError
from gazette.importer.outline import Outline
from gazette.importer.report import Report
from gazette.importer.split import Heads, split_documents
from gazette.importer.tables import build_table, merge_continuations, to_blocks

pytestmark = pytest.mark.unit

# --- 文号 heads -------------------------------------------------------------

HEADS = Heads({"衢政发": "qzf", "衢政办发": "qzbf", "衢政干": "qzg", "衢市科": "qsk"})



@pytest.mark.parametrize(
    "line, prefix, year, seq",
    [
        ("衢政办发[2018]32号", "衢政办发", "2018", "32"),
        ("衢政办发〔2018〕33号", "衢政办发", "2018", "33"),
        ("衢政干〔2018〕8 号", "衢政干", "2018", "8"),
        ("衢市科〔2018〕28 号", "衢市科", "2018", "28"),
    ],
)
def test_wenhao_variants(line, prefix, year, seq):
    m = HEADS.match(line)
    assert m and (m["prefix"], m["year"], m["seq"]) == (prefix, year, seq)


def test_wenhao_inside_text_is_not_a_head():
    assert not HEADS.match("根据《通知》(衢政办发〔2014〕31号)和")


def test_split_at_title_and_wenhao():
    lines = [
        "目 录", "", "衢州市人民政府关于 开展某事的通知", "", "衢政发〔2018〕15号", "", "正文。",
        "", "衢州市人民政府", "2018年5月4日", "", "衢州市人民政府办公室关于 另一件事的通知", "",
        "衢政办发[2018]32号", "", "正文二。",
    ]
    segs = split_documents(lines, 1, Report(), HEADS)
    assert [(s.prefix, s.seq) for s in segs] == [("衢政发", 15), ("衢政办发", 32)]
    assert segs[0].title_lines == ["衢州市人民政府关于 开展某事的通知"]
    assert segs[0].lines[-2:] == ["2018年5月4日", ""]
    assert segs[1].content[-1] == "正文二。"


# --- a title printed on several lines ----------------------------------------------------

PREVIOUS = ["衢州市人民政府关于开展某事的通知", "", "衢政发〔2018〕15号", "", "正文。", "", "衢州市人民政府", "2018年5月4日", ""]
BODY = ["", "各市、州、县人民政府:", "", "正文二。", "", "衢州市人民政府", "2018年5月6日"]


def split_titles(title_block, toc=None):
    """(title of the second document, lines of the first) when ``title_block`` stands above 衢政发〔2018〕16号."""
    lines = PREVIOUS + title_block + ["", "衢政发〔2018〕16号"] + BODY
    first, second = split_documents(lines, 0, Report(), HEADS, toc)
    return "".join(second.title_lines), first.lines


@pytest.mark.parametrize("block, title", [
    (["省人民政府关于", "进一步优化营商环境的若干意见"], "省人民政府关于进一步优化营商环境的若干意见"),
    (["衢州市人民政府办公室关于印发", "《衢州市某某办法》的通知"], "衢州市人民政府办公室关于印发《衢州市某某办法》的通知"),
    (["衢州市人民政府关于2017年度某某工作考核结果", "的通报"], "衢州市人民政府关于2017年度某某工作考核结果的通报"),
    (["衢州市人民政府办公室", "关于开展某某工作的通知"], "衢州市人民政府办公室关于开展某某工作的通知"),
    (["中共衢州市委", "衢州市人民政府关于开展某某工作的通知"], "中共衢州市委衢州市人民政府关于开展某某工作的通知"),
])
def test_a_title_on_several_lines_is_one_title_by_its_shape(block, title):
    """No table of contents: a line that goes on (…关于, …的) or that the next line completes
    (的…, 》…) or an organ above 关于… is the title's; the lines are joined as printed."""
    got, previous = split_titles(block)
    assert got == title
    assert previous[-1] == "" and block[0] not in previous  # nothing of the title in the document before


def test_a_line_that_plainly_goes_on_is_the_titles_across_a_blank_line():
    assert split_titles(["省人民政府关于", "", "进一步优化营商环境的若干意见"])[0] == "省人民政府关于进一步优化营商环境的若干意见"
    got, previous = split_titles(["印业有限公司", "", "衢州市人民政府关于开展某某工作的通知"])
    assert got == "衢州市人民政府关于开展某某工作的通知" and previous[-2:] == ["印业有限公司", ""]
    # an organ's name ending a list of the document before is no title line across a blank line
    got, previous = split_titles(["市统计局", "", "关于开展某某工作的通知"], {"2018/qzf-16": "关于开展某某工作的通知"})
    assert got == "关于开展某某工作的通知" and previous[-2:] == ["市统计局", ""]


def test_the_table_of_contents_says_where_a_title_starts():
    toc = {"2018/qzf-16": "关于2017年度县(市、区)政府质量工作考核结果的通报"}
    # the lines' shape cannot tell (…年度 / 县…); the contents' title, without its organ, can
    assert split_titles(["衢州市人民政府办公室关于2017年度", "县(市、区)政府质量工作考核结果的通报"], toc)[0] == (
        "衢州市人民政府办公室关于2017年度县(市、区)政府质量工作考核结果的通报")
    # across a blank line the extraction put inside the title
    toc = {"2018/qzf-16": "省人民政府关于进一步优化营商环境的若干意见"}
    assert split_titles(["省人民政府", "", "关于进一步优化营商环境的若干意见"], toc)[0] == "省人民政府关于进一步优化营商环境的若干意见"
    # a whole title, and a line above it that could be either: the contents settle it
    got, previous = split_titles(["印业有限公司", "衢州市人民政府关于开展某某工作的通知"], {"2018/qzf-16": "关于开展某某工作的通知"})
    assert got == "衢州市人民政府关于开展某某工作的通知" and previous[-1] == "印业有限公司"


@pytest.mark.parametrize("toc", [None, {"2018/qzf-16": "关于开展另一件事的通知"}])
def test_a_title_start_nothing_can_settle_stops_the_import_at_its_line(toc):
    with pytest.raises(SourceError) as info:
        split_titles(["印业有限公司", "衢州市人民政府关于开展某某工作的通知"], toc)
    assert info.value.line == len(PREVIOUS)  # 0-based: the line that could be either
    assert "[title-start]" in info.value.message and "印业有限公司" in info.value.message


def test_a_line_ending_a_sentence_or_a_signature_stays_with_the_document_before():
    for line in ["正文的最后一句。", "2018年5月4日", "(此件公开发布)", "| 1 | 甲 | 乙 |"]:
        got, previous = split_titles([line, "衢州市人民政府关于开展某某工作的通知"])
        assert got == "衢州市人民政府关于开展某某工作的通知" and previous[-1] == line



def import_one(lines, heads=HEADS, report=None):
    """The one document of ``lines`` (title, 文号, body, signature), as the importer builds it."""
    (seg,) = split_documents(lines, 0, report or Report(), heads)
    return build_document(seg, "2018-05", heads.codes[seg.prefix], DocumentCorrections(), report or Report(), heads)


@pytest.mark.parametrize("printed", ["[2018]", "（2018）", "(2018)", "【2018】", "［2018］", "﹝2018﹞", "〔2018〕"])
def test_every_accepted_year_bracket_is_canonicalised_with_an_erratum(printed):
    """Whatever pair of brackets the grammar accepts around the year, the record prints 〔〕 and
    says so in a 文号 erratum, as it always did for []; 〔〕 itself needs no erratum."""
    number = f"衢政发{printed}15号"
    doc = import_one(["衢州市人民政府关于开展某事的通知", "", number, "", "正文。", "", "衢州市人民政府", "2018年5月4日"])
    assert doc.number_printed == "衢政发〔2018〕15号"
    wenhao = [(e.original, e.published) for e in doc.errata if e.kind == "wenhao"]
    assert wenhao == ([] if printed == "〔2018〕" else [(number, "衢政发〔2018〕15号")])



def test_attachment_messages_name_the_document_once_and_the_line():
    """The importer sets the report's context to the document id; a message does not repeat it."""
    report = Report("x.txt")
    report.context = "2018/qzf-15"
    lines = ["衢州市人民政府关于开展某事的通知", "", "衢政发〔2018〕15号", "", "正文。", "", "衢州市人民政府", "2018年5月4日",
             "", "附件", "", "某某名单"]
    doc = import_one(lines, report=report)
    assert doc.attachments == []
    assert report.items["attachments"] == ["[2018/qzf-15] x.txt:10：附件“附件”没有正文"]


# --- outline ------------------------------------------------------------------


def outline(lines):
    ol = Outline(Report(), "test")
    for ln in lines:
        ol.add_paragraph(ln)
    return ol.parts()


def parse_label(text):
    """(kind, label as printed, rest) of the label a paragraph opens with, or None."""
    numbered = split_label(text)
    return (numbered.label.kind, numbered.printed, numbered.rest) if numbered else None


def test_labels_parse_exactly():
    assert parse_label("第十八条 本市汛期为每年")[:2] == ("art", "第十八条")
    assert parse_label("(一)总体目标。")[1:] == ("(一)", "总体目标。")
    assert parse_label("1. 增加资源总量")[1:] == ("1.", "增加资源总量")
    assert parse_label("1.材料申报。")[1] == "1."
    assert parse_label("(10)对衢州市企业")[1] == "(10)"
    assert parse_label("2018年度,全市计划") is None
    assert parse_label("3.15国际消费者权益保护日") is None
    assert chinese_to_int("二十三") == 23 and chinese_to_int("十") == 10 and chinese_to_int("一百零二") == 102


def test_chapters_articles_and_items_nest():
    parts = outline([
        "第一章 总则", "第一条 为了规范。", "第二条 下列情形:", "(一)甲;", "(二)乙。",
        "第二章 附则", "第三条 本办法自发布之日起施行。",
    ])
    assert [p.label for p in parts] == ["第一章", "第二章"]
    ch1 = parts[0]
    assert ch1.heading and ch1.text == "总则"
    assert [a.label for a in ch1.children] == ["第一条", "第二条"]
    assert [c.label for c in ch1.children[1].children] == ["(一)", "(二)"]
    assert parts[1].children[0].label == "第三条"


def test_outline_levels_and_unnumbered_paragraphs():
    parts = outline([
        "前言。", "一、目标", "总的要求。", "(一)总体目标。", "到2020年。", "(二)重点任务。",
        "1. 增加资源总量。", "(1)设立基金。", "2. 健全投入机制。", "二、措施", "附件:1. 表一", "2. 表二",
    ])
    assert parts[0].label is None and parts[0].text == "前言。"
    one = parts[1]
    assert one.label == "一、" and one.paragraphs == ["总的要求。"]
    assert [c.label for c in one.children] == ["(一)", "(二)"]
    assert one.children[0].paragraphs == ["到2020年。"]
    items = one.children[1].children
    assert [c.label for c in items] == ["1.", "2."]
    assert items[0].children[0].label == "(1)"
    assert parts[2].label == "二、"
    assert parts[3].text == "附件:1. 表一" and parts[3].paragraphs == ["2. 表二"]


def test_paragraph_after_children_keeps_order():
    parts = outline(["一、甲", "(一)子项。", "(二)子项。"])
    ol = Outline(Report(), "t")
    for ln in ["一、甲", "(一)子项。"]:
        ol.add_paragraph(ln)
    ol.add_paragraph("续段。")
    p = ol.parts()[0]
    assert p.children[0].paragraphs == ["续段。"]
    assert len(parts[0].children) == 2


# --- tables -------------------------------------------------------------------

PIPE = [
    "| 序号 | 责任主体 | 项目名称 |",
    "|----|----|----|",
    "| 1 | 柯城区 | 七里乡绿道一期 |",
    "| 2 | | 万田乡万坞线绿道 |",
    "",
    "| 序号 | 责任主体 | 项目名称 |",
    "|----|----|----|",
    "| 3 | | 大俱源溪绿道 |",
    "| | 合计 | |",
]


def test_pipe_table_continued_after_page_break_with_merged_cells():
    report = Report()
    blocks = merge_continuations(to_blocks(PIPE), report)
    assert len(blocks) == 1
    t = build_table(blocks[0], report)
    assert t.columns == ["序号", "责任主体", "项目名称"]
    assert t.rows == [
        ["1", "柯城区", "七里乡绿道一期"],
        ["2", None, "万田乡万坞线绿道"],
        ["3", None, "大俱源溪绿道"],
        ["", "合计", ""],
    ]
    assert blocks[0].errata and blocks[0].errata[0].kind == "page-break"


def test_tab_table_two_level_header():
    lines = [
        "\t2017年\t\t2018年\t",
        "\t金额\t增幅(%)\t金额\t增幅(%)",
        "全市\t18\t12.3\t20\t12.3",
        "柯城区\t0.95\t12.3\t1.06\t12.3",
    ]
    blocks = to_blocks(lines)
    t = build_table(blocks[0], Report())
    assert len(t.columns) == 5
    assert [(c.text, c.colspan) for c in t.header_rows[0]] == [("", 1), ("2017年", 2), ("2018年", 2)]
    assert [c.text for c in t.header_rows[1]] == ["金额", "增幅(%)", "金额", "增幅(%)"]
    assert t.rows[1] == ["柯城区", "0.95", "12.3", "1.06", "12.3"]


def test_shifted_row_is_realigned_with_erratum():
    lines = [
        "| 阶段 | 任务 | 时限 |",
        "|---|---|---|",
        "| 推进 | 甲 | 5月 |",
        "| | | 乙 | 7月 |",
    ]
    b = to_blocks(lines)[0]
    t = build_table(b, Report())
    assert t.rows[1] == [None, "乙", "7月"]
    assert b.errata[0].kind == "table-cell"


# --- repairs ------------------------------------------------------------------


def test_and_for_he_gives_erratum():
    text, errata = repairs.and_for_he("各级政府 and 有关部门要全面贯彻")
    assert text == "各级政府和有关部门要全面贯彻"
    assert len(errata) == 1
    e = errata[0]
    assert e.kind == "and-for-he" and " and " in e.original and "和" in e.published
    assert e.original.replace(" and ", "和") == e.published


def test_page_break_join_rules():
    assert repairs.should_join("按照《统计法》的规定,按时、如实地填", "报普查表。任何单位")
    assert not repairs.should_join("现将有关事项通知如下:", "一、普查目的")
    assert not repairs.should_join("一、普查目的", "全面调查我市第二产业")
    joined, e = repairs.join("按时、如实地填", "报普查表。")
    assert joined == "按时、如实地填报普查表。" and e.kind == "page-break"


def test_corrections_must_match_once():
    text, errata = repairs.apply_corrections("甲乙丙", [Correction(original="乙", published="丁", reason="r", kind="layout")], "t")
    assert text == "甲丁丙" and errata[0].kind == "layout"
    with pytest.raises(ValueError):
        repairs.apply_corrections("甲乙乙", [Correction(original="乙", published="丁", reason="r")], "t")


def test_corrected_table_states_its_merged_cells():
    """In a hand-corrected table ``^`` is the merged cell; empty cells stay empty."""
    lines = [
        "| 序号 | 任务 | 内容 | | 责任单位 |",
        "|---|---|---|---|---|",
        "| 1 | 填表 | 基本情况 | 甲 | 市统计局 |",
        "| ^ | ^ | ^ | 乙 | 市质监局 |",
        "| ^ | ^ | | 丙 | 市科技局 |",
    ]
    b = to_blocks(lines)[0]
    t = build_table(b, Report())
    assert [(c.text, c.colspan) for c in t.header_rows[0]] == [("序号", 1), ("任务", 1), ("内容", 2), ("责任单位", 1)]
    assert t.rows == [
        ["1", "填表", "基本情况", "甲", "市统计局"],
        [None, None, None, "乙", "市质监局"],
        [None, None, "", "丙", "市科技局"],
    ]
    corr = [Correction(original="x", published="| ^ | ^ | 乙 |", reason="r", kind="table-cell")]
    _, errata = repairs.apply_corrections("x", corr, "t")
    assert "^" not in errata[0].published


def test_form_keeps_its_blank_last_column():
    """A form (blank header row) is as wide as its header row, even when the last column is all blank."""
    lines = [
        "| | | | |",
        "|---|---|---|---|",
        "| 申报年度 | | 电话 | |",
        "| 审核意见 | (盖章) | | |",
    ]
    t = build_table(to_blocks(lines)[0], Report())
    assert t.headless and len(t.columns) == 4
    assert t.rows[0] == ["申报年度", "", "电话", ""]


def test_corrected_table_with_two_header_rows():
    lines = [
        "| 序号 | 任务指标 | | 县(市、区) | | 备注 |",
        "| ^ | ^ | ^ | 合计 | 柯城区 | ^ |",
        "|---|---|---|---|---|---|",
        "| 6 | 牧场(个) | 2017年 | | 14 | |",
        "| ^ | ^ | 小计 | | 45 | |",
    ]
    t = build_table(to_blocks(lines)[0], Report())
    top, leaf = t.header_rows
    assert [(c.text, c.colspan, c.rowspan) for c in top] == [
        ("序号", 1, 2), ("任务指标", 2, 2), ("县(市、区)", 2, 1), ("备注", 1, 2)]
    assert [c.text for c in leaf] == ["合计", "柯城区"]
    assert t.columns == ["序号", "任务指标", "任务指标", "合计", "柯城区", "备注"]
    assert t.rows == [["6", "牧场(个)", "2017年", "", "14", ""], [None, None, "小计", "", "45", ""]]


@pytest.mark.parametrize("printed, day", [
    ("二○○六年四月二十八日", "2006-04-28"),  # the circle typesetters print for 〇
    ("二〇一二年十月十日", "2012-10-10"),
    ("2018年5月4日", "2018-05-04"),
])
def test_a_date_in_chinese_numerals_closes_the_signature(printed, day):
    """Documents signed before 2012 (and some after) print the 成文日期 in Chinese numerals;
    the signature is found, the date kept as printed and read as the day it names."""
    doc = import_one(["衢州市人民政府关于开展某事的通知", "", "衢政发〔2018〕15号", "", "正文。", "", "衢州市人民政府", printed])
    assert doc.signature.date_text == printed and doc.date.isoformat() == day


ITEMS = ["1.地区生产总值增长6%左右。", "责任单位:立山经济开发区,全区经济运行各专班", "2.工业增加值增长5%左右。", "责任单位:立山经济开发区"]


@pytest.mark.parametrize("gap, asked", [([""], False), (["", "", ""], True)])
def test_only_a_page_boundary_is_asked_about_as_one(gap, asked):
    """Paragraphs stand one blank line apart; a page boundary shows as a longer run of blank
    lines (the page number and running head blanked in place). A line without a sentence end
    ("责任单位:立山经济开发区,全区经济运行各专班") before the next paragraph is no page left unjoined."""
    report = Report("x.txt")
    body = [ITEMS[0], "", ITEMS[1], *gap, ITEMS[2], "", ITEMS[3]]
    import_one(["衢州市人民政府关于开展某事的通知", "", "衢政发〔2018〕15号", "", *body, "", "衢州市人民政府", "2018年5月4日"],
               report=report)
    assert ("page-break unsure" in report.items) == asked, report.items.get("page-break unsure")


@pytest.mark.parametrize("quoted", ["《某区2023年重点工作任务分解和责任分工方案》", "《某市贯彻落实〈工作要点〉任务分解和责任分工方案》"])
def test_an_attached_title_printed_on_two_lines_is_the_title_the_notice_quotes(quoted):
    """The notice names what it issues (现将《…》印发给你们); the attached document's title, printed
    on two lines, is that title joined as printed, not a first line and a paragraph."""
    title = quoted[1:-1].replace("〈", "《").replace("〉", "》")
    cut = title.index("任务分解")
    lines = ["衢州市人民政府关于印发某方案的通知", "", "衢政发〔2018〕15号", "", f"现将{quoted}印发给你们,请认真贯彻落实。", "",
             "衢州市人民政府", "2018年5月4日", "", title[:cut], title[cut:], "", "一、主要目标", "", "1.地区生产总值增长6%左右。"]
    doc = import_one(lines)
    (attachment,) = doc.attachments
    assert attachment.title == title and attachment.body[0].label == "一、"


@pytest.mark.parametrize("note", ["(联系人:田博 电话/传真:86789314)", "（联系人：王某，联系电话：0570-1234567）"])
def test_a_contact_note_under_the_date_is_no_attachment_title(note):
    """Notices print whom to call between the 成文日期 and (此件公开发布): it is kept as printed
    (spaces too) after the signature, and the attached document keeps its own title."""
    lines = ["衢州市人民政府关于印发某方案的通知", "", "衢政发〔2018〕15号", "", "现将《某方案》印发给你们。", "",
             "衢州市人民政府", "2018年5月4日", "", note, "", "(此件公开发布)", "", "某方案", "", "一、主要目标", "", "做好工作。"]
    doc = import_one(lines)
    assert doc.public_mark == "此件公开发布" and doc.postscript == [note]
    (attachment,) = doc.attachments
    assert attachment.title == "某方案" and not [e for e in doc.errata if e.kind == "layout"]
