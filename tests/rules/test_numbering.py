"""Numbering labels (gazette/derive/numbering.py): one parser for the build and the importer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazette.derive.numbering import (
    KINDS,
    MAX_NUMBER,
    Kind,
    Label,
    LabelError,
    arabic_forms,
    attachment_number,
    chinese_to_int,
    int_to_chinese,
    parse_label,
    split_label,
)
from gazette.derive.status import DocumentStatus, StatusFact
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
    assert label in message and "1 到 999" in message


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


@settings(deadline=None)  # a shared 2-core machine: no timing limits
@given(LABEL_START, st.sampled_from(["正文。", "", " 加强管理"]))
def test_whatever_the_importer_reads_as_a_label_the_build_reads_alike(start: str, rest: str) -> None:
    """The importer never writes a label the build refuses or reads differently."""
    try:
        numbered = split_label(start + rest)
    except LabelError:
        return  # the importer stops with file and line
    if numbered is not None:
        assert parse_label(numbered.printed) == numbered.label


# --- the numeral grammar: an independent oracle of every correct spelling of 0–9999 ----------

_DIGIT = "零一二三四五六七八九"


def _spellings(n: int) -> set[str]:
    """Every correct spelling of ``n``, built position by position (not by the parser's grammar):
    a 零 (or 〇) once for each run of skipped positions between two written ones, 两 for 2 only
    before 百 and 千, a bare 十 only when it leads (十五, also 一十五)."""
    if n == 0:
        return {"零", "〇"}
    units = [(n // 1000, "千"), (n // 100 % 10, "百"), (n // 10 % 10, "十"), (n % 10, "")]
    first = next(i for i, (d, _) in enumerate(units) if d)
    last = max(i for i, (d, _) in enumerate(units) if d)
    out = {""}
    for i in range(first, last + 1):
        digit, unit = units[i]
        if digit == 0:
            if units[i - 1][0] != 0:  # the first of a run of skipped positions
                out = {s + z for s in out for z in "零〇"}
            continue
        choices = {_DIGIT[digit]}
        if digit == 2 and unit in ("百", "千"):
            choices.add("两")
        if unit == "十" and digit == 1 and i == first:
            choices.add("")
        out = {s + c + unit for s in out for c in choices}
    return out


SPELLED = {text: n for n in range(10_000) for text in _spellings(n)}
NUMERAL_TEXT = st.text(alphabet="零〇一二两三四五六七八九十百千", min_size=1, max_size=7)


def _mutations(text: str) -> list[str]:
    """A correct spelling with one character repeated, dropped or swapped with the next."""
    out = [text[:i] + text[i] + text[i:] for i in range(len(text))]
    out += [text[:i] + text[i + 1 :] for i in range(len(text))]
    out += [text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in range(len(text) - 1)]
    return [m for m in out if m]


@settings(deadline=None)  # a shared 2-core machine: no timing limits
@given(st.one_of(NUMERAL_TEXT, st.sampled_from(sorted(SPELLED)), st.sampled_from(sorted(SPELLED)).map(_mutations).flatmap(st.sampled_from)))
def test_a_numeral_is_read_exactly_when_it_is_spelled_correctly(text: str) -> None:
    """十十 (not 20), 二百二百 (not 400), 一百五, 零五 are refused; every correct spelling is read."""
    if text in SPELLED:
        assert chinese_to_int(text) == SPELLED[text]
    else:
        with pytest.raises(ValueError):
            chinese_to_int(text)


@pytest.mark.parametrize("text", ["十十", "二百二百", "一百五", "零五", "百", "十百", "一千零零五", "一百十", "一百零十", "两", "二两", "五零"])
def test_malformed_numerals_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize(("period", "expires"), [
    ("有效期5年", dt.date(2022, 5, 1)), ("有效期为三年", dt.date(2020, 5, 1)), ("有效期为十五年", dt.date(2032, 5, 1)),
    ("有效期十十年", None), ("有效期一百年", None), ("有效期为九千年", None),
])
def test_a_validity_period_in_words_is_read_by_the_numeral_grammar(period: str, expires: dt.date | None) -> None:
    """derive/status.py reads 有效期N年 with chinese_to_int, bounded like two digits (at most 99 years)."""
    # no node: ``expires`` reads only the phrases and the printed date
    effective = StatusFact("自2017年5月1日起施行", "", None, dt.date(2017, 5, 1))  # type: ignore[arg-type]
    assert DocumentStatus(effective, StatusFact(period, "", None, None)).expires == expires  # type: ignore[arg-type]


@pytest.mark.parametrize("printed", ["第十十条", "二百二百、", "(十十)", "第一百五章"])
def test_a_malformed_numeral_is_no_label(printed: str) -> None:
    with pytest.raises(LabelError, match="无法识别的编号"):
        parse_label(printed)


@settings(deadline=None)  # a shared 2-core machine: no timing limits
@given(st.integers(1, MAX_NUMBER))
def test_every_label_the_renderer_writes_parses_back_to_its_number(n: int) -> None:
    """int_to_chinese writes citation wording (第X部分); the numeral is a correct spelling and
    reads back to the same number, alone and in every Chinese label form."""
    written = int_to_chinese(n)
    assert written in _spellings(n) and chinese_to_int(written) == n
    forms: list[tuple[str, Kind]] = [
        (f"第{written}章", "chp"), (f"第{written}节", "subchp"), (f"第{written}条", "art"),
        (f"{written}、", "sec"), (f"（{written}）", "item"), (f"({written})", "item"),
    ]
    assert {kind for kind, _, chinese in KINDS if chinese} == {kind for _, kind in forms}  # every Chinese form
    for printed, kind in forms:
        assert parse_label(printed) == Label(kind, n)


@pytest.mark.parametrize(("label", "typed"), [("第十八条", ["第18条", "18条"]), ("第三章", ["第3章", "3章"]),
                                              ("第一百零五条", ["第105条", "105条"]), ("第二节", ["第2节", "2节"])])
def test_a_cited_label_as_readers_type_it_in_digits(label: str, typed: list[str]) -> None:
    assert arabic_forms(label) == typed


@pytest.mark.parametrize("label", ["一、", "(二)", "3.", "①", "附件1", "第十八"])
def test_labels_not_cited_as_numbered_units_have_no_digit_form(label: str) -> None:
    assert arabic_forms(label) == []
