"""Numbering labels (gazette/derive/numbering.py): one parser for the build and the importer."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazette.derive.numbering import Label, LabelError, attachment_number, parse_label, split_label
from tests.test_load import DOCUMENT, errors_of, make_data

pytestmark = pytest.mark.unit

SAME_LABELS = [
    ("第十八条", Label("art", 18)), ("第二章", Label("chp", 2)), ("第三节", Label("subchp", 3)),
    ("一、", Label("sec", 1)), ("十二、", Label("sec", 12)), ("一百零五、", Label("sec", 105)),
    ("(二)", Label("item", 2)), ("（十四）", Label("item", 14)), ("3.", Label("point", 3)),
    ("3．", Label("point", 3)), ("３.", Label("point", 3)), ("(4)", Label("subpoint", 4)),
    ("（16）", Label("subpoint", 16)), ("④", Label("subpoint", 4)),
]


@pytest.mark.parametrize("printed, label", SAME_LABELS)
def test_build_and_importer_read_a_label_alike(printed: str, label: Label) -> None:
    assert parse_label(printed) == label
    numbered = split_label(f"{printed}正文。")
    assert numbered is not None and numbered.label == label
    assert numbered.printed == printed and numbered.rest == "正文。"


@pytest.mark.parametrize("printed", ["一千、", "〇、", "零、", "0.", "(0)", "第一千条"])
def test_numbers_outside_the_label_range_are_errors(printed: str) -> None:
    with pytest.raises(LabelError, match=printed.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        parse_label(printed)
    with pytest.raises(LabelError):
        split_label(f"{printed}正文。")


@pytest.mark.parametrize("text", ["2018年度,全市计划", "3.15国际消费者权益保护日", "十一五、十二五时期", "一是加强", "附件2", "2018、2019年连续两年"])
def test_text_that_is_not_a_label(text: str) -> None:
    assert split_label(text) is None


@pytest.mark.parametrize("label", ["一千、", "〇、"])
def test_a_record_with_such_a_label_fails_the_build_naming_file_and_line(tmp_path: Path, label: str) -> None:
    doc = DOCUMENT.replace("  - label: 一、\n", f"  - label: {label}\n")
    message = errors_of(make_data(tmp_path, **{"documents__2018__qzf-15.yaml": doc}))
    line = next(i for i, text in enumerate(doc.splitlines(), 1) if text.startswith(f"  - label: {label}"))
    assert f"documents/2018/qzf-15.yaml:{line}:" in message
    assert label in message and "1 to 999" in message


@pytest.mark.parametrize("printed, number", [("附件", 1), ("附件2", 2), ("附件 3", 3), ("附件２", 2), ("附件12", 12)])
def test_attachment_labels(printed: str, number: int) -> None:
    assert attachment_number(printed) == number


@pytest.mark.parametrize("text", ["附件:1. 表一", "附件2 标题", "附件二", "附"])
def test_text_that_is_no_attachment_label(text: str) -> None:
    assert attachment_number(text) is None


def test_attachment_zero_is_an_error() -> None:
    with pytest.raises(LabelError, match="附件0"):
        attachment_number("附件0")


LABEL_START = st.text(alphabet="第一二三四五六七八九十百千零〇两章节条、,，.．(（)）0123456789０１２３①⑤⑳ 附件", min_size=1, max_size=8)


@given(LABEL_START, st.sampled_from(["正文。", "", " 加强管理"]))
def test_whatever_the_importer_reads_as_a_label_the_build_reads_alike(start: str, rest: str) -> None:
    """The importer never writes a label the build refuses or reads differently."""
    try:
        numbered = split_label(start + rest)
    except LabelError:
        return  # the importer stops with file and line
    if numbered is not None:
        assert parse_label(numbered.printed) == numbered.label
