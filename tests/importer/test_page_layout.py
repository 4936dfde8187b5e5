"""Page breaks on small inputs: the issue's own running head where it stands once or twice,
tables continued after a page break, table rows split by one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazette.importer.corrections import DocumentCorrections
from gazette.importer.document import build_document
from gazette.importer.furniture import OwnHead, find_furniture, strip_furniture
from gazette.importer.report import Report
from gazette.importer.split import Heads, split_documents
from gazette.records.models import Document, Part

pytestmark = pytest.mark.unit

HEADS = Heads({"衢政发": "qzf"}, {"衢政发": ["衢州市人民政府"]})
OWN = OwnHead({2021}, {4})  # 衢州政报 2021年第4期


def _doc(paragraphs: list[str]) -> list[str]:
    lines = ["衢州市人民政府关于某事的通知", "", "衢政发〔2021〕1号", ""]
    for p in paragraphs:
        lines += [p, ""]
    return lines + ["衢州市人民政府", "2021年5月4日", ""]


def _import(lines: list[str], own: OwnHead = OWN) -> tuple[Document, Report]:
    report = Report("x.txt")
    clean, _ = strip_furniture(lines, 0, HEADS, own)
    [segment] = split_documents(clean, 0, report, HEADS)
    return build_document(segment, "2021-04", "qzf", DocumentCorrections(), report, HEADS), report


def _texts(parts: list[Part]) -> list[str]:
    return [t for p in parts for t in [p.text or "", *p.paragraphs, *_texts(p.children)] if t]


# --- the issue's own running head --------------------------------------------------------------


@pytest.mark.parametrize("line", ["2021年第4期", "第4期", "第四期", "衢州政报", "衢州政报 2021年第4期", "·4· / 衢州政报 / 2021年第4期",
                                  "2021年第4期 第5页", "12 2021年第04期", "２０２１年第４期"])
def test_the_issues_own_head_in_any_combination(line: str) -> None:
    assert OWN.matches(line)


@pytest.mark.parametrize("line", ["2021年第5期", "2020年第4期", "第14期", "第 5 页", "衢州政报社", "本办法在2021年第4期刊登。",
                                  "2021年第4期重点工作", "第4期培训班"])
def test_other_issues_and_sentences_are_no_own_head(line: str) -> None:
    assert not OWN.matches(line)


def test_the_own_head_once_is_furniture_and_the_paragraph_it_cut_is_joined() -> None:
    lines = _doc(["一、总则", "加强公安、民政等专项预案牵头部门的应急机构建设,强", "2021年第4期\n第 5 页", "化应急管理工作。",
                  "本通知在2021年第4期刊登。"])
    lines = "\n".join(lines).split("\n")
    found = [(f.text, f.kind) for f in find_furniture(lines, 0, HEADS, OWN)]
    assert found == [("2021年第4期", "running-head"), ("第 5 页", "page-number")]  # one page number, beside the head
    doc, report = _import(lines)
    assert _texts(doc.body) == ["总则", "加强公安、民政等专项预案牵头部门的应急机构建设,强化应急管理工作。", "本通知在2021年第4期刊登。"]
    assert [e.kind for e in doc.errata] == ["page-break"]
    assert len(report.items["page-break joins"]) == 1


def test_the_own_head_after_a_signature_is_no_attachment() -> None:
    lines = _doc(["正文。"]) + ["2021年第4期", "第 3 页", ""]
    doc, report = _import(lines)
    assert doc.attachments == [] and "attachments" not in report.items


def test_a_three_line_head_of_another_layout() -> None:
    lines = _doc(["加强公安、民政等专项预案牵头部门的应急机构建设,强", "·4·\n\n衢州政报\n\n2019年第3期", "化应急管理工作。"])
    doc, _ = _import("\n".join(lines).split("\n"), OwnHead({2019}, {3}))
    assert _texts(doc.body) == ["加强公安、民政等专项预案牵头部门的应急机构建设,强化应急管理工作。"]


_NAME_OR_ISSUE = st.sampled_from(["衢州政报", "2021年第4期", "第4期", "第四期", "2021年第04期"])
_PAGE = st.sampled_from(["·7·", "— 7 —", "第7页", "7", "7/60"])
_HEAD_LINE = st.tuples(_NAME_OR_ISSUE, st.lists(_NAME_OR_ISSUE | _PAGE, max_size=2)).map(lambda t: " ".join([t[0], *t[1]]))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(head=st.lists(_HEAD_LINE, min_size=1, max_size=2), page=st.sampled_from(["", "·7·", "第 7 页", "- 7 -"]),
       page_first=st.booleans(), cut=st.integers(14, 30))
def test_any_own_head_at_a_page_break_leaves_the_paragraph_as_printed(head: list[str], page: str, page_first: bool, cut: int) -> None:
    """Whatever pieces of its head the gazette prints at a page break, once, with or without a
    page number line, the paragraph it cut reads as printed: a wrong rule either keeps a head
    line or joins it into the text."""
    lines = ([page] if page and page_first else []) + head + ([page] if page and not page_first else [])
    paragraph = "深入推进市、县、乡三级政府应急管理办事机构建设,落实应急管理专职领导和人员编制,强化应急管理工作。"
    doc, _ = _import("\n".join(_doc([paragraph[:cut], "\n".join(lines), paragraph[cut:]])).split("\n"))
    assert _texts(doc.body) == [paragraph]
